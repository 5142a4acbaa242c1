// Arithmetic expressions for countdown answers: a recursive-descent parser over + - * / ( ),
// exact evaluation, and a canonical form under which commutative/associative reorderings agree.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tasks/rational.h"

namespace gcpo::tasks {

struct Expr {
    enum class Op { Number, Add, Sub, Mul, Div };
    Op op = Op::Number;
    int64_t value = 0;  // Op::Number only
    std::shared_ptr<const Expr> lhs, rhs;

    static std::shared_ptr<const Expr> number(int64_t v);
    static std::shared_ptr<const Expr> binary(Op op, std::shared_ptr<const Expr> l, std::shared_ptr<const Expr> r);
};
using ExprPtr = std::shared_ptr<const Expr>;

// Grammar:  expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
//           factor := number | '(' expr ')'.
// Spaces are ignored; 'x', 'X', '×', '·' mean *, '÷' means /, '−' (U+2212) means -. Unary minus is
// not allowed (numbers must be the given ones). Returns nullptr and sets *error (naming the
// position, 0-based in bytes) on a syntax error; never throws, never recurses past
// kMaxExpressionDepth parentheses, and refuses more than kMaxExpressionOperators operators (the
// tree is walked recursively afterwards, so its size is bounded too).
ExprPtr parseExpression(const std::string& text, std::string* error);
constexpr int kMaxExpressionDepth = 64;
constexpr int kMaxExpressionOperators = 256;

// Exact value. Throws DivisionByZeroError or OverflowError.
Rational evaluate(const Expr& e);

// The number literals, left to right.
std::vector<int64_t> leafNumbers(const Expr& e);

// Canonical text: + and - chains are flattened into added and subtracted terms, * and / chains
// into multiplied and divided factors; each list is sorted (numbers by value first, then compound
// terms by text) and printed as "a+b-c-d" / "a*b/c/d", with parentheses only around a sum used
// as a factor. So 3+(7*4) and 4*7+3 are both "3+4*7", a-(b-c) and a+c-b agree, and a canonical
// string parses back to itself.
std::string canonicalForm(const Expr& e);

}  // namespace gcpo::tasks
