// Exact rational numbers over int64 with overflow detection (every operation is checked).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace gcpo::tasks {

// Thrown when a result does not fit in int64 numerator / denominator.
struct OverflowError : std::overflow_error {
    using std::overflow_error::overflow_error;
};
// Thrown on division by zero.
struct DivisionByZeroError : std::domain_error {
    using std::domain_error::domain_error;
};

// num/den in lowest terms, den > 0. Arithmetic is done in __int128 and then checked to fit.
class Rational {
public:
    Rational() = default;
    Rational(int64_t n) : m_num(n) {}    // NOLINT(google-explicit-constructor): integers are rationals
    Rational(int64_t num, int64_t den);  // throws DivisionByZeroError, OverflowError

    int64_t num() const { return m_num; }
    int64_t den() const { return m_den; }
    bool isInteger() const { return m_den == 1; }
    bool isZero() const { return m_num == 0; }

    Rational operator+(const Rational& o) const;
    Rational operator-(const Rational& o) const;
    Rational operator*(const Rational& o) const;
    Rational operator/(const Rational& o) const;  // throws DivisionByZeroError
    bool operator==(const Rational& o) const { return m_num == o.m_num && m_den == o.m_den; }
    bool operator!=(const Rational& o) const { return !(*this == o); }
    bool operator<(const Rational& o) const;

    std::string toString() const;  // "7", "-3/4"

    // Parses "12", "-3", "3/4", "-1.25", "0.5" exactly; nullopt when malformed or out of range.
    static std::optional<Rational> parse(const std::string& text);

private:
    static Rational fromWide(__int128 num, __int128 den);
    int64_t m_num = 0;
    int64_t m_den = 1;
};

}  // namespace gcpo::tasks
