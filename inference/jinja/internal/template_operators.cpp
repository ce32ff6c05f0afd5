// Python's operators on template values: arithmetic, concatenation, repetition, comparison
// helpers and membership, with Python's results and errors.
#include "template_builtins.h"
#include "template_eval.h"
#include "text/substring_search.h"

#include <cmath>

namespace hearth::jinja {

namespace {

Error type_error(std::string_view op, const Value& a, const Value& b) {
    return Error{"unsupported operand type(s) for " + std::string(op) + ": '" +
                 std::string(a.type_name()) + "' and '" + std::string(b.type_name()) + "'"};
}

// Python's floor division and modulo: the quotient rounds toward negative infinity and the
// remainder takes the divisor's sign.
int64_t floor_div(int64_t a, int64_t b) {
    const int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t floor_mod(int64_t a, int64_t b) {
    const int64_t r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

Result<Value> repeat(Interpreter& in, const Value& seq, int64_t times) {
    times = std::max<int64_t>(times, 0);
    if ((seq.is_string() && seq.as_string().empty()) ||
        (seq.is_list() && seq.list().items.empty())) {
        times = 0; // nothing to repeat, however often
    }
    if (seq.is_string()) {
        const std::string& s = seq.as_string();
        if (Result<void> r = in.check_size(s.size() * size_t(std::min<int64_t>(times, 1 << 30)));
            !r) {
            return r.error();
        }
        std::string out;
        for (int64_t i = 0; i < times; ++i) {
            out += s;
        }
        return Value(std::move(out));
    }
    const std::vector<Value>& items = seq.list().items;
    if (Result<void> r =
            in.check_size(16 * items.size() * size_t(std::min<int64_t>(times, 1 << 30)));
        !r) {
        return r.error();
    }
    std::vector<Value> out;
    for (int64_t i = 0; i < times; ++i) {
        out.insert(out.end(), items.begin(), items.end());
    }
    if (Result<void> r = in.charge(out.size()); !r) {
        return r.error();
    }
    return Value::make_list(std::move(out), seq.list().tuple);
}

} // namespace

Result<Value> binary_op(Interpreter& in, std::string_view op, const Value& a, const Value& b) {
    for (const Value* v : {&a, &b}) {
        if (v->is_undefined()) {
            return Error{v->undefined_name().empty() ? "undefined value" : v->undefined_name()};
        }
    }
    const bool numbers = a.is_number() && b.is_number();
    const bool ints = numbers && !a.is_float() && !b.is_float();
    if (op == "+" || op == "-" || op == "*") {
        if (ints) {
            int64_t r = 0;
            const bool overflow = op == "+"   ? __builtin_add_overflow(a.as_int(), b.as_int(), &r)
                                  : op == "-" ? __builtin_sub_overflow(a.as_int(), b.as_int(), &r)
                                              : __builtin_mul_overflow(a.as_int(), b.as_int(), &r);
            if (overflow) {
                return Error{"integer overflow"};
            }
            return Value(r);
        }
        if (numbers) {
            const double x = a.as_double(), y = b.as_double();
            return Value(op == "+" ? x + y : op == "-" ? x - y : x * y);
        }
        if (op == "+" && a.is_string() && b.is_string()) {
            if (Result<void> r = in.check_size(a.as_string().size() + b.as_string().size()); !r) {
                return r.error();
            }
            return Value(a.as_string() + b.as_string());
        }
        if (op == "+" && a.is_list() && b.is_list() && !a.list().generator && !b.list().generator &&
            a.list().tuple == b.list().tuple) {
            std::vector<Value> items = a.list().items;
            items.insert(items.end(), b.list().items.begin(), b.list().items.end());
            if (Result<void> r = in.charge(items.size()); !r) {
                return r.error();
            }
            return Value::make_list(std::move(items), a.list().tuple);
        }
        if (op == "*" && (a.is_string() || (a.is_list() && !a.list().generator)) &&
            (b.is_int() || b.is_bool())) {
            return repeat(in, a, b.as_int());
        }
        if (op == "*" && (b.is_string() || (b.is_list() && !b.list().generator)) &&
            (a.is_int() || a.is_bool())) {
            return repeat(in, b, a.as_int());
        }
        return type_error(op, a, b);
    }
    if (!numbers) {
        if (op == "%" && a.is_string()) {
            return Error{"printf-style formatting with % is not supported"};
        }
        return type_error(op, a, b);
    }
    if (op == "**") {
        if (ints && b.as_int() >= 0) {
            // Exponentiation by squaring; any overflow of a factor still needed is an error.
            int64_t result = 1, base = a.as_int();
            for (int64_t e = b.as_int(); e > 0;) {
                if ((e & 1) && __builtin_mul_overflow(result, base, &result)) {
                    return Error{"integer overflow"};
                }
                e >>= 1;
                if (e > 0 && __builtin_mul_overflow(base, base, &base)) {
                    return Error{"integer overflow"};
                }
            }
            return Value(result);
        }
        return Value(std::pow(a.as_double(), b.as_double()));
    }
    if (b.as_double() == 0.0) {
        return Error{op == "/" ? "division by zero" : "integer division or modulo by zero"};
    }
    if (op == "/") {
        return Value(a.as_double() / b.as_double());
    }
    if (ints) {
        if (a.as_int() == INT64_MIN && b.as_int() == -1) {
            return op == "//" ? Result<Value>(Error{"integer overflow"}) : Value(int64_t(0));
        }
        return Value(op == "//" ? floor_div(a.as_int(), b.as_int())
                                : floor_mod(a.as_int(), b.as_int()));
    }
    const double x = a.as_double(), y = b.as_double();
    if (op == "//") {
        return Value(std::floor(x / y));
    }
    double m = std::fmod(x, y);
    if (m != 0.0 && ((m < 0) != (y < 0))) {
        m += y;
    }
    return Value(m);
}

Result<bool> contains(const Value& haystack, const Value& needle) {
    if (haystack.is_string()) {
        if (!needle.is_string()) {
            return Error{"'in <string>' requires string as left operand, not " +
                         std::string(needle.type_name())};
        }
        spend_bytes(haystack.as_string().size());
        const SubstringSearch search(needle.as_string());
        return search.find(haystack.as_string()) != SubstringSearch::npos;
    }
    if (haystack.is_list()) {
        for (const Value& v : haystack.list().items) {
            if (equals(v, needle)) {
                return true;
            }
        }
        return false;
    }
    if (haystack.is_plain_dict()) {
        return haystack.dict().find(needle) != nullptr;
    }
    if (haystack.is_undefined()) {
        return false;
    }
    return Error{"argument of type '" + std::string(haystack.type_name()) + "' is not iterable"};
}

} // namespace hearth::jinja
