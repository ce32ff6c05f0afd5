// Expressions of the chat-template interpreter: evaluation of the syntax tree (operators
// with Python semantics are in template_operators.cpp).
#include "template_builtins.h"
#include "template_eval.h"

namespace hearth::jinja {

namespace {

Error line_error(int line, const Error& e) {
    if (e.message.starts_with("template line ")) {
        return e;
    }
    return Error{"template line " + std::to_string(line) + ": " + e.message};
}

} // namespace

Result<CallArgs> Interpreter::eval_args(const Expr& e, Frame& frame, size_t first) {
    CallArgs args;
    for (size_t i = first; i < e.args.size(); ++i) {
        Result<Value> v = eval(*e.args[i], frame);
        if (!v) {
            return v.error();
        }
        args.positional.push_back(std::move(*v));
    }
    for (const auto& [name, expr] : e.kwargs) {
        Result<Value> v = eval(*expr, frame);
        if (!v) {
            return v.error();
        }
        args.keyword.emplace_back(name, std::move(*v));
    }
    return args;
}

Result<Value> Interpreter::eval(const Expr& e, Frame& frame) {
    if (Result<void> r = charge(1); !r) {
        return r.error();
    }
    const auto operand = [&](size_t i) { return eval(*e.args[i], frame); };
    switch (e.kind) {
    case ExprKind::Const:
        return e.value;
    case ExprKind::Name:
        if (const Value* v = frame.find(e.name)) {
            return *v;
        }
        return Value(Undefined{"'" + e.name + "' is undefined"});
    case ExprKind::List:
    case ExprKind::Tuple: {
        Result<CallArgs> items = eval_args(e, frame, 0);
        if (!items) {
            return items.error();
        }
        Value v = Value::make_list(std::move(items->positional), e.kind == ExprKind::Tuple);
        if (Result<void> r = check_nesting(v); !r) {
            return line_error(e.line, r.error());
        }
        return v;
    }
    case ExprKind::Dict: {
        Value d = Value::make_dict();
        for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
            Result<Value> k = operand(i), v = operand(i + 1);
            if (!k || !v) {
                return !k ? k.error() : v.error();
            }
            if (k->is_list() && !k->list().tuple) {
                return line_error(e.line, Error{"unhashable type: 'list'"});
            }
            if (k->is_dict()) {
                return line_error(e.line, Error{"unhashable type: 'dict'"});
            }
            d.dict().set(std::move(*k), std::move(*v));
        }
        if (Result<void> r = check_nesting(d); !r) {
            return line_error(e.line, r.error());
        }
        return d;
    }
    case ExprKind::Getattr: {
        Result<Value> obj = operand(0);
        if (!obj) {
            return obj;
        }
        if (obj->is_undefined()) {
            return line_error(e.line, Error{obj->undefined_name()});
        }
        return get_attribute(*obj, e.name);
    }
    case ExprKind::Getitem:
        return eval_getitem(e, frame);
    case ExprKind::Slice:
        return line_error(e.line, Error{"a slice outside a subscript"});
    case ExprKind::Call:
        return eval_call(e, frame);
    case ExprKind::Filter:
        return eval_filter(e, frame, nullptr);
    case ExprKind::Test:
        return eval_test(e, frame);
    case ExprKind::Not: {
        Result<Value> v = operand(0);
        return v ? Result<Value>(Value(!truthy(*v))) : v;
    }
    case ExprKind::Neg:
    case ExprKind::Pos: {
        Result<Value> v = operand(0);
        if (!v) {
            return v;
        }
        if (!v->is_number()) {
            return line_error(e.line, Error{"bad operand type for unary " +
                                            std::string(e.kind == ExprKind::Neg ? "-" : "+") +
                                            ": '" + std::string(v->type_name()) + "'"});
        }
        if (e.kind == ExprKind::Pos) {
            return v->is_bool() ? Value(v->as_int()) : *v;
        }
        if (v->is_float()) {
            return Value(-v->as_double());
        }
        if (v->as_int() == INT64_MIN) {
            return line_error(e.line, Error{"integer overflow"});
        }
        return Value(-v->as_int());
    }
    case ExprKind::Binary: {
        Result<Value> a = operand(0);
        if (!a) {
            return a;
        }
        Result<Value> b = operand(1);
        if (!b) {
            return b;
        }
        Result<Value> r = binary_op(*this, e.name, *a, *b);
        if (r) {
            if (Result<void> ok = account(*r); !ok) {
                return line_error(e.line, ok.error());
            }
        }
        return r ? r : line_error(e.line, r.error());
    }
    case ExprKind::Concat: {
        std::string out;
        for (size_t i = 0; i < e.args.size(); ++i) {
            Result<Value> v = operand(i);
            if (!v) {
                return v;
            }
            out += to_str(*v);
            if (Result<void> r = check_size(out.size()); !r) {
                return line_error(e.line, r.error());
            }
        }
        Value text(std::move(out));
        if (Result<void> r = account(text); !r) {
            return line_error(e.line, r.error());
        }
        return text;
    }
    case ExprKind::And:
    case ExprKind::Or: {
        Result<Value> a = operand(0);
        if (!a || truthy(*a) == (e.kind == ExprKind::Or)) {
            return a;
        }
        return operand(1);
    }
    case ExprKind::Compare:
        return eval_compare(e, frame);
    case ExprKind::CondExpr: {
        Result<Value> test = operand(0);
        if (!test) {
            return test;
        }
        if (truthy(*test)) {
            return operand(1);
        }
        if (e.args[2]) {
            return operand(2);
        }
        return Value(Undefined{"the inline if-expression evaluated to false and no else "
                               "section was defined"});
    }
    }
    return Value();
}

Result<Value> Interpreter::eval_call(const Expr& e, Frame& frame) {
    const Expr& callee = *e.args[0];
    Value fn;
    if (callee.kind == ExprKind::Getattr) {
        Result<Value> obj = eval(*callee.args[0], frame);
        if (!obj) {
            return obj;
        }
        if (obj->is_undefined()) {
            return line_error(e.line, Error{obj->undefined_name()});
        }
        if (has_method(*obj, callee.name)) {
            Result<CallArgs> args = eval_args(e, frame, 1);
            if (!args) {
                return args.error();
            }
            Result<Value> r = call_method(*this, *obj, callee.name, *args);
            if (r) {
                if (Result<void> ok = account(*r); !ok) {
                    return line_error(e.line, ok.error());
                }
            }
            return r ? r : line_error(e.line, r.error());
        }
        fn = get_attribute(*obj, callee.name);
    } else {
        Result<Value> v = eval(callee, frame);
        if (!v) {
            return v;
        }
        fn = std::move(*v);
    }
    if (fn.is_undefined()) {
        return line_error(e.line, Error{fn.undefined_name()});
    }
    Result<CallArgs> args = eval_args(e, frame, 1);
    if (!args) {
        return args.error();
    }
    Result<Value> r = call(fn, *args);
    return r ? r : line_error(e.line, r.error());
}

Result<Value> Interpreter::eval_filter(const Expr& e, Frame& frame, const Value* input) {
    Value in;
    if (e.args[0]) {
        // A chain in a filter block: the innermost filter takes the block's text.
        Result<Value> v = e.args[0]->kind == ExprKind::Filter
                              ? eval_filter(*e.args[0], frame, input)
                              : eval(*e.args[0], frame);
        if (!v) {
            return v;
        }
        in = std::move(*v);
    } else if (input != nullptr) {
        in = *input;
    }
    Result<CallArgs> args = eval_args(e, frame, 1);
    if (!args) {
        return args.error();
    }
    Result<Value> r = apply_filter(*this, e.name, in, *args);
    return r ? r : line_error(e.line, r.error());
}

Result<Value> Interpreter::eval_test(const Expr& e, Frame& frame) {
    Result<Value> v = eval(*e.args[0], frame);
    if (!v) {
        return v;
    }
    Result<CallArgs> args = eval_args(e, frame, 1);
    if (!args) {
        return args.error();
    }
    Result<bool> r = apply_test(*this, e.name, *v, *args);
    return r ? Result<Value>(Value(*r)) : line_error(e.line, r.error());
}

Result<Value> Interpreter::eval_getitem(const Expr& e, Frame& frame) {
    Result<Value> obj = eval(*e.args[0], frame);
    if (!obj) {
        return obj;
    }
    const Expr& index = *e.args[1];
    if (index.kind == ExprKind::Slice) {
        Value parts[3];
        for (size_t i = 0; i < 3; ++i) {
            if (index.args[i]) {
                Result<Value> v = eval(*index.args[i], frame);
                if (!v) {
                    return v;
                }
                parts[i] = std::move(*v);
            } else {
                parts[i] = Value(None{});
            }
        }
        if (obj->is_undefined()) {
            return line_error(e.line, Error{obj->undefined_name()});
        }
        Result<Value> r = get_slice(*this, *obj, parts[0], parts[1], parts[2]);
        return r ? r : line_error(e.line, r.error());
    }
    Result<Value> key = eval(index, frame);
    if (!key) {
        return key;
    }
    if (obj->is_undefined()) {
        return line_error(e.line, Error{obj->undefined_name()});
    }
    return get_item(*obj, *key);
}

Result<Value> Interpreter::eval_compare(const Expr& e, Frame& frame) {
    Result<Value> left = eval(*e.args[0], frame);
    if (!left) {
        return left;
    }
    for (size_t i = 0; i < e.ops.size(); ++i) {
        Result<Value> right = eval(*e.args[i + 1], frame);
        if (!right) {
            return right;
        }
        const std::string& op = e.ops[i];
        bool holds = false;
        if (op == "==" || op == "!=") {
            holds = equals(*left, *right) == (op == "==");
        } else if (op == "in" || op == "notin") {
            Result<bool> r = contains(*right, *left);
            if (!r) {
                return line_error(e.line, r.error());
            }
            holds = *r == (op == "in");
        } else {
            Result<int> c = compare(*left, *right, op);
            if (!c) {
                return line_error(e.line, c.error());
            }
            holds = op == "<" ? *c < 0 : op == "<=" ? *c <= 0 : op == ">" ? *c > 0 : *c >= 0;
        }
        if (!holds) {
            return Value(false);
        }
        left = std::move(right);
    }
    return Value(true);
}

} // namespace hearth::jinja
