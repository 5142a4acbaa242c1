// Countdown expressions: recursive-descent parser, exact evaluation, canonical form.
#include "tasks/expression.h"

#include <algorithm>
#include <limits>

namespace gcpo::tasks {

ExprPtr Expr::number(int64_t v) {
    auto e = std::make_shared<Expr>();
    e->op = Op::Number;
    e->value = v;
    return e;
}

ExprPtr Expr::binary(Op op, ExprPtr l, ExprPtr r) {
    auto e = std::make_shared<Expr>();
    e->op = op;
    e->lhs = std::move(l);
    e->rhs = std::move(r);
    return e;
}

namespace {

struct SyntaxError {
    std::string message;
};

// Tokens are single characters after mapping the UTF-8 operator spellings to ASCII.
class Parser {
public:
    explicit Parser(const std::string& text) : m_text(text) {}

    ExprPtr parseAll() {
        skipSpace();
        if (m_pos >= m_text.size()) throw SyntaxError{"empty expression"};
        ExprPtr e = parseSum(0);
        skipSpace();
        if (m_pos < m_text.size()) {
            if (m_text[m_pos] == ')')
                throw SyntaxError{"unbalanced parentheses: unmatched ')' at position " + std::to_string(m_pos)};
            throw SyntaxError{"unexpected " + describe(m_pos) + " at position " + std::to_string(m_pos)};
        }
        return e;
    }

private:
    const std::string& m_text;
    size_t m_pos = 0;
    int m_operators = 0;

    void countOperator() {
        if (++m_operators > kMaxExpressionOperators)
            throw SyntaxError{"expression too long (more than " + std::to_string(kMaxExpressionOperators) +
                              " operators, at position " + std::to_string(m_pos) + ")"};
    }

    std::string describe(size_t pos) const {
        const unsigned char c = static_cast<unsigned char>(m_text[pos]);
        if (c >= 32 && c < 127) return std::string("'") + m_text[pos] + "'";
        return "byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
    }

    void skipSpace() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool startsWith(const char* s) const { return m_text.compare(m_pos, std::char_traits<char>::length(s), s) == 0; }

    // The operator at the current position as ASCII ('+', '-', '*', '/'), consuming it; 0 if none.
    char peekOperator(size_t* length) const {
        if (m_pos >= m_text.size()) return 0;
        const char c = m_text[m_pos];
        *length = 1;
        if (c == '+' || c == '-' || c == '*' || c == '/') return c;
        if (c == 'x' || c == 'X') return '*';
        *length = 2;
        if (startsWith("\xC3\x97") || startsWith("\xC2\xB7")) return '*';  // × ·
        if (startsWith("\xC3\xB7")) return '/';                            // ÷
        *length = 3;
        if (startsWith("\xE2\x88\x92")) return '-';                                // − (minus sign)
        if (startsWith("\xE2\x88\x97") || startsWith("\xE2\x8B\x85")) return '*';  // ∗ ⋅
        return 0;
    }

    ExprPtr parseSum(int depth) {
        ExprPtr lhs = parseProduct(depth);
        for (;;) {
            skipSpace();
            size_t len = 0;
            const char op = peekOperator(&len);
            if (op != '+' && op != '-') return lhs;
            countOperator();
            m_pos += len;
            ExprPtr rhs = parseProduct(depth);
            lhs = Expr::binary(op == '+' ? Expr::Op::Add : Expr::Op::Sub, lhs, rhs);
        }
    }

    ExprPtr parseProduct(int depth) {
        ExprPtr lhs = parseFactor(depth);
        for (;;) {
            skipSpace();
            size_t len = 0;
            const char op = peekOperator(&len);
            if (op != '*' && op != '/') return lhs;
            countOperator();
            m_pos += len;
            ExprPtr rhs = parseFactor(depth);
            lhs = Expr::binary(op == '*' ? Expr::Op::Mul : Expr::Op::Div, lhs, rhs);
        }
    }

    ExprPtr parseFactor(int depth) {
        skipSpace();
        if (m_pos >= m_text.size()) throw SyntaxError{"unexpected end of expression (operand expected)"};
        const char c = m_text[m_pos];
        if (c == '(') {
            if (depth + 1 > kMaxExpressionDepth) throw SyntaxError{"expression nested too deeply"};
            const size_t open = m_pos++;
            ExprPtr inner = parseSum(depth + 1);
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ')')
                throw SyntaxError{"unbalanced parentheses: '(' at position " + std::to_string(open) + " is not closed"};
            ++m_pos;
            return inner;
        }
        if (c >= '0' && c <= '9') {
            const size_t start = m_pos;
            int64_t v = 0;
            for (; m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9'; ++m_pos) {
                const int d = m_text[m_pos] - '0';
                if (v > (std::numeric_limits<int64_t>::max() - d) / 10)
                    throw SyntaxError{"number at position " + std::to_string(start) + " is too large"};
                v = v * 10 + d;
            }
            if (m_pos < m_text.size() && (m_text[m_pos] == '.' || m_text[m_pos] == ','))
                throw SyntaxError{"only whole numbers are allowed (position " + std::to_string(m_pos) + ")"};
            return Expr::number(v);
        }
        size_t len = 0;
        const char op = peekOperator(&len);
        if (op == '-' || op == '+')
            throw SyntaxError{"unary " + std::string(1, op) + " is not allowed (position " + std::to_string(m_pos) + ")"};
        if (c == ')') throw SyntaxError{"unbalanced parentheses: unexpected ')' at position " + std::to_string(m_pos)};
        if (op != 0) throw SyntaxError{"operand expected before operator at position " + std::to_string(m_pos)};
        throw SyntaxError{"unexpected " + describe(m_pos) + " at position " + std::to_string(m_pos)};
    }
};

// --- canonical form -------------------------------------------------------------------------

enum class Shape { Leaf, Sum, Product };

struct Term {
    Shape shape;
    int64_t value;  // Leaf only
    std::string text;
};

Term canon(const Expr& e);

void collect(const Expr& e, bool inverted, bool sumChain, std::vector<Term>& plus, std::vector<Term>& minus) {
    const bool joins =
        sumChain ? (e.op == Expr::Op::Add || e.op == Expr::Op::Sub) : (e.op == Expr::Op::Mul || e.op == Expr::Op::Div);
    if (!joins) {
        (inverted ? minus : plus).push_back(canon(e));
        return;
    }
    const bool flips = e.op == Expr::Op::Sub || e.op == Expr::Op::Div;
    collect(*e.lhs, inverted, sumChain, plus, minus);
    collect(*e.rhs, inverted != flips, sumChain, plus, minus);
}

bool termLess(const Term& a, const Term& b) {
    const bool aLeaf = a.shape == Shape::Leaf, bLeaf = b.shape == Shape::Leaf;
    if (aLeaf != bLeaf) return aLeaf;
    if (aLeaf) return a.value < b.value;
    return a.text < b.text;
}

Term canon(const Expr& e) {
    if (e.op == Expr::Op::Number) return {Shape::Leaf, e.value, std::to_string(e.value)};
    const bool sum = e.op == Expr::Op::Add || e.op == Expr::Op::Sub;
    std::vector<Term> plus, minus;
    collect(e, false, sum, plus, minus);
    std::sort(plus.begin(), plus.end(), termLess);
    std::sort(minus.begin(), minus.end(), termLess);
    // Terms of a sum are leaves or products (no parentheses needed); factors of a product are
    // leaves or sums (parenthesised).
    auto show = [sum](const Term& t) { return !sum && t.shape == Shape::Sum ? "(" + t.text + ")" : t.text; };
    std::string out;
    for (size_t i = 0; i < plus.size(); ++i) out += (i ? (sum ? "+" : "*") : "") + show(plus[i]);
    for (const Term& t : minus) out += (sum ? "-" : "/") + show(t);
    return {sum ? Shape::Sum : Shape::Product, 0, out};
}

}  // namespace

ExprPtr parseExpression(const std::string& text, std::string* error) {
    try {
        ExprPtr e = Parser(text).parseAll();
        if (error) error->clear();
        return e;
    } catch (const SyntaxError& s) {
        if (error) *error = s.message;
        return nullptr;
    }
}

Rational evaluate(const Expr& e) {
    switch (e.op) {
    case Expr::Op::Number: return Rational(e.value);
    case Expr::Op::Add: return evaluate(*e.lhs) + evaluate(*e.rhs);
    case Expr::Op::Sub: return evaluate(*e.lhs) - evaluate(*e.rhs);
    case Expr::Op::Mul: return evaluate(*e.lhs) * evaluate(*e.rhs);
    case Expr::Op::Div: return evaluate(*e.lhs) / evaluate(*e.rhs);
    }
    return Rational();
}

std::vector<int64_t> leafNumbers(const Expr& e) {
    std::vector<int64_t> out;
    std::vector<const Expr*> stack{&e};
    while (!stack.empty()) {
        const Expr* n = stack.back();
        stack.pop_back();
        if (n->op == Expr::Op::Number) {
            out.push_back(n->value);
        } else {
            stack.push_back(n->rhs.get());
            stack.push_back(n->lhs.get());
        }
    }
    return out;
}

std::string canonicalForm(const Expr& e) { return canon(e).text; }

}  // namespace gcpo::tasks
