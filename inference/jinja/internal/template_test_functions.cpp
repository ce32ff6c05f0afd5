// Jinja's tests ("x is defined", "x is string", "x is equalto y", ...).
#include "template_builtins.h"
#include "template_eval.h"
#include "template_strings.h"

#include <map>

namespace hearth::jinja {

namespace {

using Test = Result<bool> (*)(Interpreter&, const Value&, const CallArgs&);

Result<const Value*> operand(const CallArgs& args, std::string_view test) {
    if (args.positional.empty()) {
        return Error{"the test '" + std::string(test) + "' needs an argument"};
    }
    return &args.positional[0];
}

template <char Op> Result<bool> t_compare(Interpreter&, const Value& v, const CallArgs& args) {
    Result<const Value*> other = operand(args, "comparison");
    if (!other) {
        return other.error();
    }
    if constexpr (Op == '=') {
        return equals(v, **other);
    } else if constexpr (Op == '!') {
        return !equals(v, **other);
    } else {
        constexpr std::string_view ops[] = {"<", "<=", ">", ">="};
        const std::string_view op = ops[Op == '<' ? 0 : Op == 'l' ? 1 : Op == '>' ? 2 : 3];
        Result<int> c = compare(v, **other, op);
        if (!c) {
            return c.error();
        }
        return Op == '<' ? *c < 0 : Op == 'l' ? *c <= 0 : Op == '>' ? *c > 0 : *c >= 0;
    }
}

Result<bool> t_defined(Interpreter&, const Value& v, const CallArgs&) {
    return !v.is_undefined();
}
Result<bool> t_undefined(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_undefined();
}
Result<bool> t_none(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_none();
}
Result<bool> t_boolean(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_bool();
}
Result<bool> t_true(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_bool() && v.as_bool();
}
Result<bool> t_false(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_bool() && !v.as_bool();
}
Result<bool> t_string(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_string();
}
Result<bool> t_number(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_number();
}
Result<bool> t_integer(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_int();
}
Result<bool> t_float(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_float();
}
Result<bool> t_callable(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_callable();
}
Result<bool> t_mapping(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_plain_dict();
}
Result<bool> t_escaped(Interpreter&, const Value&, const CallArgs&) {
    return false;
}

// iter(x) works: str, list, dict, the loop object, and (in Jinja) undefined.
Result<bool> t_iterable(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_string() || v.is_list() || v.is_undefined() ||
           (v.is_dict() && v.dict().kind != DictKind::Namespace);
}

// len(x) and x[...] both exist: str, list, tuple, dict, and (in Jinja) undefined.
Result<bool> t_sequence(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_string() || (v.is_list() && !v.list().generator) || v.is_plain_dict() ||
           v.is_undefined();
}

Result<bool> t_sameas(Interpreter&, const Value& v, const CallArgs& args) {
    Result<const Value*> other = operand(args, "sameas");
    if (!other) {
        return other.error();
    }
    const Value& o = **other;
    if (v.type() != o.type()) {
        return false;
    }
    if (v.is_list()) {
        return &v.list() == &o.list();
    }
    if (v.is_dict()) {
        return &v.dict() == &o.dict();
    }
    return equals(v, o);
}

Result<bool> t_in(Interpreter&, const Value& v, const CallArgs& args) {
    Result<const Value*> seq = operand(args, "in");
    if (!seq) {
        return seq.error();
    }
    return contains(**seq, v);
}

Result<bool> integer_of(const Value& v, std::string_view test) {
    if (!v.is_int() && !v.is_bool()) {
        return Error{"the test '" + std::string(test) + "' needs an integer"};
    }
    return true;
}

Result<bool> t_odd(Interpreter&, const Value& v, const CallArgs&) {
    Result<bool> ok = integer_of(v, "odd");
    return ok ? Result<bool>(v.as_int() % 2 != 0) : ok;
}
Result<bool> t_even(Interpreter&, const Value& v, const CallArgs&) {
    Result<bool> ok = integer_of(v, "even");
    return ok ? Result<bool>(v.as_int() % 2 == 0) : ok;
}
Result<bool> t_divisibleby(Interpreter&, const Value& v, const CallArgs& args) {
    Result<const Value*> n = operand(args, "divisibleby");
    if (!n) {
        return n.error();
    }
    Result<bool> ok = integer_of(v, "divisibleby");
    if (!ok || !integer_of(**n, "divisibleby")) {
        return Error{"the test 'divisibleby' needs integers"};
    }
    if ((*n)->as_int() == 0) {
        return Error{"integer division or modulo by zero"};
    }
    return v.as_int() % (*n)->as_int() == 0;
}

Result<bool> t_lower(Interpreter&, const Value& v, const CallArgs&) {
    const std::string s = to_str(v);
    return py_lower(s) == s && py_upper(s) != s;
}
Result<bool> t_upper(Interpreter&, const Value& v, const CallArgs&) {
    const std::string s = to_str(v);
    return py_upper(s) == s && py_lower(s) != s;
}

Result<bool> t_filter(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_string() && is_filter(v.as_string());
}
Result<bool> t_test(Interpreter&, const Value& v, const CallArgs&) {
    return v.is_string() && is_test(v.as_string());
}

const std::map<std::string_view, Test>& tests() {
    static const std::map<std::string_view, Test> table = {
        {"!=", t_compare<'!'>},
        {"<", t_compare<'<'>},
        {"<=", t_compare<'l'>},
        {"==", t_compare<'='>},
        {">", t_compare<'>'>},
        {">=", t_compare<'g'>},
        {"boolean", t_boolean},
        {"callable", t_callable},
        {"defined", t_defined},
        {"divisibleby", t_divisibleby},
        {"eq", t_compare<'='>},
        {"equalto", t_compare<'='>},
        {"escaped", t_escaped},
        {"even", t_even},
        {"false", t_false},
        {"filter", t_filter},
        {"float", t_float},
        {"ge", t_compare<'g'>},
        {"greaterthan", t_compare<'>'>},
        {"gt", t_compare<'>'>},
        {"in", t_in},
        {"integer", t_integer},
        {"iterable", t_iterable},
        {"le", t_compare<'l'>},
        {"lessthan", t_compare<'<'>},
        {"lower", t_lower},
        {"lt", t_compare<'<'>},
        {"mapping", t_mapping},
        {"ne", t_compare<'!'>},
        {"none", t_none},
        {"number", t_number},
        {"odd", t_odd},
        {"sameas", t_sameas},
        {"sequence", t_sequence},
        {"string", t_string},
        {"test", t_test},
        {"true", t_true},
        {"undefined", t_undefined},
        {"upper", t_upper},
    };
    return table;
}

} // namespace

bool is_test(std::string_view name) {
    return tests().contains(name);
}

Result<bool> apply_test(Interpreter& in, std::string_view name, const Value& value,
                        CallArgs& args) {
    const auto it = tests().find(name);
    if (it == tests().end()) {
        return Error{"no test named '" + std::string(name) + "'"};
    }
    if (Result<void> r = in.charge(1); !r) {
        return r.error();
    }
    return it->second(in, value, args);
}

} // namespace hearth::jinja
