// Exact rational arithmetic: __int128 intermediates, reduced and checked back into int64.
#include "tasks/rational.h"

#include <limits>

namespace gcpo::tasks {

namespace {

using i128 = __int128;

i128 absWide(i128 v) { return v < 0 ? -v : v; }

i128 gcdWide(i128 a, i128 b) {
    a = absWide(a);
    b = absWide(b);
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

bool fits(i128 v) { return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max(); }

}  // namespace

Rational::Rational(int64_t num, int64_t den) { *this = fromWide(num, den); }

Rational Rational::fromWide(i128 num, i128 den) {
    if (den == 0) throw DivisionByZeroError("division by zero");
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const i128 g = gcdWide(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    // INT64_MIN is excluded so that negation never overflows.
    if (!fits(num) || !fits(den) || num == std::numeric_limits<int64_t>::min())
        throw OverflowError("arithmetic overflow (result exceeds 64-bit range)");
    Rational r;
    r.m_num = static_cast<int64_t>(num);
    r.m_den = static_cast<int64_t>(den);
    return r;
}

// Operands fit in int64, so every product of two of them fits in __int128 (|a·b| < 2^126), and so
// does a sum of two such products.
Rational Rational::operator+(const Rational& o) const {
    return fromWide(static_cast<i128>(m_num) * o.m_den + static_cast<i128>(o.m_num) * m_den, static_cast<i128>(m_den) * o.m_den);
}

Rational Rational::operator-(const Rational& o) const {
    return fromWide(static_cast<i128>(m_num) * o.m_den - static_cast<i128>(o.m_num) * m_den, static_cast<i128>(m_den) * o.m_den);
}

Rational Rational::operator*(const Rational& o) const {
    return fromWide(static_cast<i128>(m_num) * o.m_num, static_cast<i128>(m_den) * o.m_den);
}

Rational Rational::operator/(const Rational& o) const {
    if (o.m_num == 0) throw DivisionByZeroError("division by zero");
    return fromWide(static_cast<i128>(m_num) * o.m_den, static_cast<i128>(m_den) * o.m_num);
}

bool Rational::operator<(const Rational& o) const {
    return static_cast<i128>(m_num) * o.m_den < static_cast<i128>(o.m_num) * m_den;
}

std::string Rational::toString() const {
    return m_den == 1 ? std::to_string(m_num) : std::to_string(m_num) + "/" + std::to_string(m_den);
}

std::optional<Rational> Rational::parse(const std::string& text) {
    size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    // digits [ '.' digits ] [ '/' digits ]
    i128 num = 0, den = 1;
    size_t digits = 0;
    const i128 kLimit = static_cast<i128>(1) << 100;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
        num = num * 10 + (text[i] - '0');
        if (num > kLimit) return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
            num = num * 10 + (text[i] - '0');
            den *= 10;
            if (num > kLimit || den > kLimit) return std::nullopt;
        }
    }
    if (digits == 0) return std::nullopt;
    if (i < text.size() && text[i] == '/') {
        ++i;
        i128 d = 0;
        size_t ddigits = 0;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++ddigits) {
            d = d * 10 + (text[i] - '0');
            if (d > kLimit) return std::nullopt;
        }
        if (ddigits == 0 || d == 0) return std::nullopt;
        if (den > kLimit / d) return std::nullopt;
        den *= d;
    }
    if (i != text.size()) return std::nullopt;
    try {
        return fromWide(negative ? -num : num, den);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace gcpo::tasks
