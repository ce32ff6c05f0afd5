// Statements, postfix operators, filters, tests and calls of the chat-template parser.
#include "template_builtins.h"
#include "template_parser.h"
#include "template_parser_internal.h"

namespace hearth::jinja {

namespace detail {

// "(" positional..., name=value... ")" appended to call.args / call.kwargs.
Result<void> Parser::parse_call_args(Expr& call) {
    next(); // '('
    bool require_comma = false;
    while (!is_op(")")) {
        if (require_comma) {
            if (Result<void> r = expect_op(","); !r) {
                return r;
            }
            if (is_op(")")) {
                break;
            }
        }
        if (is_op("*") || is_op("**")) {
            return fail("*args and **kwargs in calls are not supported");
        }
        ExprPtr value;
        if (cur().type == TokenType::Name && peek().type == TokenType::Operator &&
            peek().text == "=") {
            std::string key = cur().text;
            next();
            next();
            TRY_ASSIGN(value, parse_expression());
            call.kwargs.emplace_back(std::move(key), std::move(value));
        } else {
            if (!call.kwargs.empty()) {
                return fail("a positional argument follows a keyword argument");
            }
            TRY_ASSIGN(value, parse_expression());
            call.args.push_back(std::move(value));
        }
        require_comma = true;
    }
    next();
    return measure(call);
}

Result<ExprPtr> Parser::parse_filter(ExprPtr e, bool start_inline) {
    while (is_op("|") || start_inline) {
        if (!start_inline) {
            next();
        }
        start_inline = false;
        const int line = cur().line;
        std::string name;
        TRY_ASSIGN(name, expect_name());
        TRY_ASSIGN(e, node(ExprKind::Filter, line, one(std::move(e)), name));
        if (is_op("(")) {
            if (Result<void> r = parse_call_args(*e); !r) {
                return r.error();
            }
        }
    }
    return e;
}

Result<ExprPtr> Parser::parse_test(ExprPtr e) {
    const int line = cur().line;
    next(); // 'is'
    const bool negated = skip_name("not");
    std::string name;
    TRY_ASSIGN(name, expect_name());
    TRY_ASSIGN(e, node(ExprKind::Test, line, one(std::move(e)), name));
    const TokenType t = cur().type;
    if (is_op("(")) {
        if (Result<void> r = parse_call_args(*e); !r) {
            return r.error();
        }
    } else if ((t == TokenType::Name || t == TokenType::String || t == TokenType::Integer ||
                t == TokenType::Float || is_op("[") || is_op("{")) &&
               !is_name_in({"else", "or", "and"})) {
        if (is_name("is")) {
            return fail("tests cannot be chained with 'is'");
        }
        ExprPtr arg;
        TRY_ASSIGN(arg, parse_primary());
        TRY_ASSIGN(arg, parse_postfix(std::move(arg)));
        e->args.push_back(std::move(arg));
        if (Result<void> r = measure(*e); !r) {
            return r.error();
        }
    }
    if (negated) {
        return node(ExprKind::Not, line, one(std::move(e)));
    }
    return e;
}

Result<std::shared_ptr<const Program>> Parser::run() {
    auto program = std::make_shared<Program>();
    TRY_ASSIGN(program->body, subparse({}));
    return std::shared_ptr<const Program>(std::move(program));
}

Result<std::vector<Stmt>> Parser::subparse(Names end_names) {
    Guard guard(depth_);
    if (Result<void> r = enter(); !r) {
        return r.error();
    }
    std::vector<Stmt> body;
    while (true) {
        const TemplateToken& t = cur();
        if (t.type == TokenType::End) {
            if (end_names.size() != 0) {
                return fail("unexpected end of template, expected '" +
                            std::string(*end_names.begin()) + "'");
            }
            return body;
        }
        Stmt s;
        s.line = t.line;
        if (t.type == TokenType::Data) {
            s.text = t.text;
            next();
        } else if (t.type == TokenType::VariableBegin) {
            next();
            s.kind = StmtKind::Output;
            TRY_ASSIGN(s.expr, parse_tuple());
            if (Result<void> r = expect(TokenType::VariableEnd, "'}}'"); !r) {
                return r.error();
            }
        } else if (t.type == TokenType::BlockBegin) {
            next();
            if (is_name_in(end_names)) {
                return body;
            }
            TRY_ASSIGN(s, parse_statement());
            if (Result<void> r = expect(TokenType::BlockEnd, "'%}'"); !r) {
                return r.error();
            }
        } else {
            return fail("unexpected " + describe());
        }
        body.push_back(std::move(s));
    }
}

Result<std::vector<Stmt>> Parser::parse_statements(Names end_names, bool drop_needle) {
    skip_op(":");
    if (Result<void> r = expect(TokenType::BlockEnd, "'%}'"); !r) {
        return r.error();
    }
    std::vector<Stmt> body;
    TRY_ASSIGN(body, subparse(end_names));
    if (drop_needle) {
        next();
    }
    return body;
}

Result<Stmt> Parser::parse_statement() {
    if (cur().type != TokenType::Name) {
        return fail("expected a tag name, got " + describe());
    }
    const std::string tag = cur().text;
    Stmt s;
    s.line = cur().line;
    if (tag == "if") {
        return parse_if();
    }
    if (tag == "for") {
        return parse_for();
    }
    if (tag == "set") {
        return parse_set();
    }
    if (tag == "macro") {
        return parse_macro();
    }
    next();
    if (tag == "break" || tag == "continue") {
        s.kind = tag == "break" ? StmtKind::Break : StmtKind::Continue;
    } else if (tag == "print") {
        s.kind = StmtKind::Output;
        TRY_ASSIGN(s.expr, parse_tuple());
    } else if (tag == "filter") {
        s.kind = StmtKind::FilterBlock;
        TRY_ASSIGN(s.expr, parse_filter(nullptr, true));
        TRY_ASSIGN(s.body, parse_statements({"endfilter"}, true));
    } else if (tag == "generation") {
        s.kind = StmtKind::Scope;
        TRY_ASSIGN(s.body, parse_statements({"endgeneration"}, true));
    } else {
        static constexpr std::string_view unsupported[] = {
            "call", "include", "import", "from", "extends", "block", "with", "autoescape", "do"};
        for (std::string_view u : unsupported) {
            if (tag == u) {
                return Error{"template line " + std::to_string(s.line) + ": the '" + tag +
                             "' tag is not supported"};
            }
        }
        return Error{"template line " + std::to_string(s.line) + ": unknown tag '" + tag + "'"};
    }
    return s;
}

Result<Stmt> Parser::parse_if() {
    Stmt root;
    root.kind = StmtKind::If;
    root.line = cur().line;
    next();
    Stmt* branch = &root;
    while (true) {
        TRY_ASSIGN(branch->expr, parse_tuple(false));
        TRY_ASSIGN(branch->body, parse_statements({"elif", "else", "endif"}, false));
        const std::string end = cur().text;
        next();
        if (end == "elif") {
            Stmt elif;
            elif.kind = StmtKind::If;
            elif.line = cur().line;
            branch->else_body.push_back(std::move(elif));
            branch = &branch->else_body.back();
            continue;
        }
        if (end == "else") {
            TRY_ASSIGN(branch->else_body, parse_statements({"endif"}, true));
        }
        return root;
    }
}

Result<Stmt> Parser::parse_for() {
    Stmt s;
    s.kind = StmtKind::For;
    s.line = cur().line;
    next();
    Target target;
    TRY_ASSIGN(target, parse_assign_target({"in"}, false));
    s.targets = std::move(target.names);
    if (!skip_name("in")) {
        return fail("expected 'in', got " + describe());
    }
    TRY_ASSIGN(s.expr, parse_tuple(false, {"recursive"}));
    if (skip_name("if")) {
        TRY_ASSIGN(s.cond, parse_expression());
    }
    if (is_name("recursive")) {
        return fail("recursive loops are not supported");
    }
    TRY_ASSIGN(s.body, parse_statements({"endfor", "else"}, false));
    const bool has_else = is_name("else");
    next();
    if (has_else) {
        TRY_ASSIGN(s.else_body, parse_statements({"endfor"}, true));
    }
    return s;
}

Result<Stmt> Parser::parse_set() {
    Stmt s;
    s.kind = StmtKind::Set;
    s.line = cur().line;
    next();
    Target target;
    TRY_ASSIGN(target, parse_assign_target({}, true));
    s.targets = std::move(target.names);
    s.attr = std::move(target.attr);
    if (skip_op("=")) {
        TRY_ASSIGN(s.expr, parse_tuple());
        return s;
    }
    s.kind = StmtKind::SetBlock;
    if (is_op("|")) {
        TRY_ASSIGN(s.expr, parse_filter(nullptr, false));
    }
    TRY_ASSIGN(s.body, parse_statements({"endset"}, true));
    return s;
}

Result<Stmt> Parser::parse_macro() {
    Stmt s;
    s.kind = StmtKind::Macro;
    s.line = cur().line;
    next();
    TRY_ASSIGN(s.name, expect_name());
    if (Result<void> r = expect_op("("); !r) {
        return r.error();
    }
    while (!is_op(")")) {
        if (!s.params.empty()) {
            if (Result<void> r = expect_op(","); !r) {
                return r.error();
            }
        }
        std::string param;
        TRY_ASSIGN(param, expect_name());
        if (skip_op("=")) {
            ExprPtr value;
            TRY_ASSIGN(value, parse_expression());
            s.defaults.push_back(std::move(value));
        } else if (!s.defaults.empty()) {
            return fail("non-default argument follows default argument");
        }
        s.params.push_back(std::move(param));
    }
    next();
    TRY_ASSIGN(s.body, parse_statements({"endmacro"}, true));
    return s;
}

// Names (a tuple when separated by commas), or "ns.attr" when with_namespace.
Result<Target> Parser::parse_assign_target(Names extra, bool with_namespace) {
    Target t;
    while (true) {
        if (!t.names.empty()) {
            if (Result<void> r = expect_op(","); !r) {
                return r.error();
            }
        }
        if (is_tuple_end(extra) && !t.names.empty()) {
            break;
        }
        static constexpr std::string_view literals[] = {"true", "false", "none",
                                                        "True", "False", "None"};
        if (cur().type != TokenType::Name ||
            std::find(std::begin(literals), std::end(literals), cur().text) != std::end(literals)) {
            return fail("cannot assign to " + describe());
        }
        t.names.push_back(cur().text);
        next();
        if (with_namespace && t.names.size() == 1 && skip_op(".")) {
            TRY_ASSIGN(t.attr, expect_name());
            return t;
        }
        if (!is_op(",")) {
            break;
        }
    }
    return t;
}

// Jinja refuses unknown filters and tests when it compiles a template, except inside an
// if statement or a conditional expression (a "soft" frame; a for loop, macro or block body
// starts a new frame that is not soft): there the error waits until the filter runs.
Result<void> check_names(const Expr& e, bool soft) {
    soft = soft || e.kind == ExprKind::CondExpr;
    const bool unknown = (e.kind == ExprKind::Filter && !is_filter(e.name)) ||
                         (e.kind == ExprKind::Test && !is_test(e.name));
    if (unknown && !soft) {
        return Error{"template line " + std::to_string(e.line) + ": no " +
                     (e.kind == ExprKind::Filter ? "filter" : "test") + " named '" + e.name + "'"};
    }
    for (const ExprPtr& a : e.args) {
        if (a) {
            if (Result<void> r = check_names(*a, soft); !r) {
                return r;
            }
        }
    }
    for (const auto& kw : e.kwargs) {
        if (Result<void> r = check_names(*kw.second, soft); !r) {
            return r;
        }
    }
    return {};
}

Result<void> check_names(const std::vector<Stmt>& body, bool soft) {
    for (const Stmt& s : body) {
        // An if's test and bodies are soft; the head expression of output, set and for runs
        // in the current frame; for/macro/set-block/filter-block bodies start a frame anew.
        const bool is_if = s.kind == StmtKind::If;
        const bool in_frame = is_if || s.kind == StmtKind::Output || s.kind == StmtKind::Set ||
                              s.kind == StmtKind::For;
        if (s.expr) {
            if (Result<void> r = check_names(*s.expr, in_frame && (soft || is_if)); !r) {
                return r;
            }
        }
        if (s.cond) {
            if (Result<void> r = check_names(*s.cond, false); !r) {
                return r;
            }
        }
        for (const ExprPtr& d : s.defaults) {
            if (Result<void> r = check_names(*d, false); !r) {
                return r;
            }
        }
        for (const std::vector<Stmt>* b : {&s.body, &s.else_body}) {
            if (Result<void> r = check_names(*b, is_if); !r) {
                return r;
            }
        }
    }
    return {};
}

} // namespace detail

Result<std::shared_ptr<const Program>> parse_template(std::string_view source, int max_depth) {
    Result<std::vector<TemplateToken>> tokens = tokenize_template(source);
    if (!tokens) {
        return tokens.error();
    }
    Result<std::shared_ptr<const Program>> program =
        detail::Parser(std::move(*tokens), max_depth).run();
    if (program) {
        if (Result<void> r = detail::check_names((*program)->body, false); !r) {
            return r.error();
        }
    }
    return program;
}

} // namespace hearth::jinja
