#include "template_parser.h"

#include "template_parser_internal.h"

namespace hearth::jinja::detail {

Result<ExprPtr> Parser::parse_tuple(bool with_condexpr, Names extra, bool explicit_parentheses) {
    const int line = cur().line;
    std::vector<ExprPtr> args;
    bool is_tuple = false;
    while (true) {
        if (!args.empty()) {
            if (Result<void> r = expect_op(","); !r) {
                return r.error();
            }
        }
        if (is_tuple_end(extra)) {
            break;
        }
        ExprPtr e;
        TRY_ASSIGN(e, parse_expression(with_condexpr));
        args.push_back(std::move(e));
        if (!is_op(",")) {
            break;
        }
        is_tuple = true;
    }
    if (!is_tuple) {
        if (!args.empty()) {
            return std::move(args[0]);
        }
        if (!explicit_parentheses) {
            return fail("expected an expression, got " + describe());
        }
    }
    return node(ExprKind::Tuple, line, std::move(args));
}

Result<ExprPtr> Parser::parse_expression(bool with_condexpr) {
    return with_condexpr ? parse_condexpr() : parse_or();
}

Result<ExprPtr> Parser::parse_condexpr() {
    Guard guard(depth_);
    if (Result<void> r = enter(); !r) {
        return r.error();
    }
    ExprPtr expr;
    TRY_ASSIGN(expr, parse_or());
    while (is_name("if")) {
        const int line = cur().line;
        next();
        ExprPtr test, otherwise;
        TRY_ASSIGN(test, parse_or());
        if (skip_name("else")) {
            TRY_ASSIGN(otherwise, parse_condexpr());
        }
        std::vector<ExprPtr> args = two(std::move(test), std::move(expr));
        args.push_back(std::move(otherwise));
        TRY_ASSIGN(expr, node(ExprKind::CondExpr, line, std::move(args)));
    }
    return expr;
}

Result<ExprPtr> Parser::parse_or() {
    ExprPtr left;
    TRY_ASSIGN(left, parse_and());
    while (is_name("or")) {
        const int line = cur().line;
        next();
        ExprPtr right;
        TRY_ASSIGN(right, parse_and());
        TRY_ASSIGN(left, node(ExprKind::Or, line, two(std::move(left), std::move(right))));
    }
    return left;
}

Result<ExprPtr> Parser::parse_and() {
    ExprPtr left;
    TRY_ASSIGN(left, parse_not());
    while (is_name("and")) {
        const int line = cur().line;
        next();
        ExprPtr right;
        TRY_ASSIGN(right, parse_not());
        TRY_ASSIGN(left, node(ExprKind::And, line, two(std::move(left), std::move(right))));
    }
    return left;
}

Result<ExprPtr> Parser::parse_not() {
    if (is_name("not")) {
        Guard guard(depth_);
        if (Result<void> r = enter(); !r) {
            return r.error();
        }
        const int line = cur().line;
        next();
        ExprPtr operand;
        TRY_ASSIGN(operand, parse_not());
        return node(ExprKind::Not, line, one(std::move(operand)));
    }
    return parse_compare();
}

Result<ExprPtr> Parser::parse_compare() {
    const int line = cur().line;
    ExprPtr first;
    TRY_ASSIGN(first, parse_math1());
    std::vector<ExprPtr> operands = one(std::move(first));
    std::vector<std::string> ops;
    while (true) {
        static constexpr std::string_view comparisons[] = {"==", "!=", "<", "<=", ">", ">="};
        std::string op;
        if (cur().type == TokenType::Operator &&
            std::find(std::begin(comparisons), std::end(comparisons), cur().text) !=
                std::end(comparisons)) {
            op = cur().text;
            next();
        } else if (skip_name("in")) {
            op = "in";
        } else if (is_name("not") && peek().type == TokenType::Name && peek().text == "in") {
            next();
            next();
            op = "notin";
        } else {
            break;
        }
        ExprPtr operand;
        TRY_ASSIGN(operand, parse_math1());
        operands.push_back(std::move(operand));
        ops.push_back(std::move(op));
    }
    if (ops.empty()) {
        return std::move(operands[0]);
    }
    ExprPtr e;
    TRY_ASSIGN(e, node(ExprKind::Compare, line, std::move(operands)));
    e->ops = std::move(ops);
    return e;
}

Result<ExprPtr> Parser::parse_math1() {
    ExprPtr left;
    TRY_ASSIGN(left, parse_concat());
    while (is_op("+") || is_op("-")) {
        const std::string op = cur().text;
        const int line = cur().line;
        next();
        ExprPtr right;
        TRY_ASSIGN(right, parse_concat());
        TRY_ASSIGN(left, node(ExprKind::Binary, line, two(std::move(left), std::move(right)), op));
    }
    return left;
}

Result<ExprPtr> Parser::parse_concat() {
    const int line = cur().line;
    ExprPtr first;
    TRY_ASSIGN(first, parse_math2());
    std::vector<ExprPtr> args = one(std::move(first));
    while (skip_op("~")) {
        ExprPtr e;
        TRY_ASSIGN(e, parse_math2());
        args.push_back(std::move(e));
    }
    if (args.size() == 1) {
        return std::move(args[0]);
    }
    return node(ExprKind::Concat, line, std::move(args));
}

Result<ExprPtr> Parser::parse_math2() {
    ExprPtr left;
    TRY_ASSIGN(left, parse_pow());
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
        const std::string op = cur().text;
        const int line = cur().line;
        next();
        ExprPtr right;
        TRY_ASSIGN(right, parse_pow());
        TRY_ASSIGN(left, node(ExprKind::Binary, line, two(std::move(left), std::move(right)), op));
    }
    return left;
}

Result<ExprPtr> Parser::parse_pow() {
    ExprPtr left;
    TRY_ASSIGN(left, parse_unary());
    while (is_op("**")) {
        const int line = cur().line;
        next();
        ExprPtr right;
        TRY_ASSIGN(right, parse_unary());
        TRY_ASSIGN(left,
                   node(ExprKind::Binary, line, two(std::move(left), std::move(right)), "**"));
    }
    return left;
}

Result<ExprPtr> Parser::parse_unary(bool with_filter) {
    Guard guard(depth_);
    if (Result<void> r = enter(); !r) {
        return r.error();
    }
    const int line = cur().line;
    ExprPtr e;
    if (is_op("-") || is_op("+")) {
        const ExprKind kind = is_op("-") ? ExprKind::Neg : ExprKind::Pos;
        next();
        ExprPtr operand;
        TRY_ASSIGN(operand, parse_unary(false));
        TRY_ASSIGN(e, node(kind, line, one(std::move(operand))));
    } else {
        TRY_ASSIGN(e, parse_primary());
    }
    TRY_ASSIGN(e, parse_postfix(std::move(e)));
    if (with_filter) {
        TRY_ASSIGN(e, parse_filter_expr(std::move(e)));
    }
    return e;
}

Result<ExprPtr> Parser::parse_primary() {
    const TemplateToken& t = cur();
    const int line = t.line;
    switch (t.type) {
    case TokenType::Name: {
        const std::string name = t.text;
        next();
        if (name == "true" || name == "True" || name == "false" || name == "False") {
            return constant(Value(name == "true" || name == "True"), line);
        }
        if (name == "none" || name == "None") {
            return constant(Value(None{}), line);
        }
        return node(ExprKind::Name, line, {}, name);
    }
    case TokenType::String: {
        std::string text;
        while (cur().type == TokenType::String) {
            text += cur().text;
            next();
        }
        return constant(Value(std::move(text)), line);
    }
    case TokenType::Integer: {
        const int64_t v = t.integer;
        next();
        return constant(Value(v), line);
    }
    case TokenType::Float: {
        const double v = t.number;
        next();
        return constant(Value(v), line);
    }
    default:
        break;
    }
    if (skip_op("(")) {
        ExprPtr e;
        TRY_ASSIGN(e, parse_tuple(true, {}, true));
        if (Result<void> r = expect_op(")"); !r) {
            return r.error();
        }
        return e;
    }
    if (is_op("[") || is_op("{")) {
        return parse_list_or_dict(is_op("{"));
    }
    return fail("unexpected " + describe());
}

Result<ExprPtr> Parser::parse_list_or_dict(bool dict) {
    const int line = cur().line;
    next();
    const std::string_view close = dict ? "}" : "]";
    std::vector<ExprPtr> items;
    while (!is_op(close)) {
        if (!items.empty()) {
            if (Result<void> r = expect_op(","); !r) {
                return r.error();
            }
        }
        if (is_op(close)) {
            break;
        }
        ExprPtr e;
        TRY_ASSIGN(e, parse_expression());
        items.push_back(std::move(e));
        if (dict) {
            if (Result<void> r = expect_op(":"); !r) {
                return r.error();
            }
            TRY_ASSIGN(e, parse_expression());
            items.push_back(std::move(e));
        }
    }
    next();
    return node(dict ? ExprKind::Dict : ExprKind::List, line, std::move(items));
}

Result<ExprPtr> Parser::parse_postfix(ExprPtr e) {
    while (true) {
        if (is_op(".") || is_op("[")) {
            TRY_ASSIGN(e, parse_subscript(std::move(e)));
        } else if (is_op("(")) {
            TRY_ASSIGN(e, node(ExprKind::Call, cur().line, one(std::move(e))));
            if (Result<void> r = parse_call_args(*e); !r) {
                return r.error();
            }
        } else {
            return e;
        }
    }
}

Result<ExprPtr> Parser::parse_filter_expr(ExprPtr e) {
    while (true) {
        if (is_op("|")) {
            TRY_ASSIGN(e, parse_filter(std::move(e), false));
        } else if (is_name("is")) {
            TRY_ASSIGN(e, parse_test(std::move(e)));
        } else if (is_op("(")) {
            TRY_ASSIGN(e, node(ExprKind::Call, cur().line, one(std::move(e))));
            if (Result<void> r = parse_call_args(*e); !r) {
                return r.error();
            }
        } else {
            return e;
        }
    }
}

Result<ExprPtr> Parser::parse_subscript(ExprPtr e) {
    const int line = cur().line;
    if (skip_op(".")) {
        const TemplateToken t = cur();
        next();
        if (t.type == TokenType::Name) {
            return node(ExprKind::Getattr, line, one(std::move(e)), t.text);
        }
        if (t.type != TokenType::Integer) {
            return fail("expected a name or number after '.'");
        }
        return node(ExprKind::Getitem, line, two(std::move(e), constant(Value(t.integer), line)));
    }
    next(); // '['
    std::vector<ExprPtr> args;
    while (!is_op("]")) {
        if (!args.empty()) {
            if (Result<void> r = expect_op(","); !r) {
                return r.error();
            }
        }
        ExprPtr arg;
        TRY_ASSIGN(arg, parse_subscribed());
        args.push_back(std::move(arg));
    }
    next();
    ExprPtr index;
    if (args.size() == 1) {
        index = std::move(args[0]);
    } else {
        TRY_ASSIGN(index, node(ExprKind::Tuple, line, std::move(args)));
    }
    return node(ExprKind::Getitem, line, two(std::move(e), std::move(index)));
}

// One subscript: an expression or a slice start:stop:step with any part left out.
Result<ExprPtr> Parser::parse_subscribed() {
    const int line = cur().line;
    std::vector<ExprPtr> parts;
    if (skip_op(":")) {
        parts.push_back(nullptr);
    } else {
        ExprPtr e;
        TRY_ASSIGN(e, parse_expression());
        if (!skip_op(":")) {
            return e;
        }
        parts.push_back(std::move(e));
    }
    const auto part_ends = [&] { return is_op(":") || is_op("]") || is_op(","); };
    ExprPtr stop, step;
    if (!part_ends()) {
        TRY_ASSIGN(stop, parse_expression());
    }
    parts.push_back(std::move(stop));
    if (skip_op(":") && !is_op("]") && !is_op(",")) {
        TRY_ASSIGN(step, parse_expression());
    }
    parts.push_back(std::move(step));
    return node(ExprKind::Slice, line, std::move(parts));
}

} // namespace hearth::jinja::detail
