// Internals of the chat-template parser, shared by template_parser.cpp (expressions) and
// template_parser_statements.cpp (statements). See template_parser.h for the grammar.
#pragma once

#include "template_ast.h"
#include "template_lexer.h"

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja::detail {

// Evaluates `expr` (a Result); on error returns it from the enclosing function, otherwise
// moves the value into `target`.
#define TRY_ASSIGN(target, expr)                                                                   \
    do {                                                                                           \
        auto r_ = (expr);                                                                          \
        if (!r_) {                                                                                 \
            return r_.error();                                                                     \
        }                                                                                          \
        target = std::move(*r_);                                                                   \
    } while (0)

using Names = std::initializer_list<std::string_view>;

// Assignment targets: plain names (a tuple when several), or one namespace attribute.
struct Target {
    std::vector<std::string> names;
    std::string attr;
};

class Parser {
public:
    Parser(std::vector<TemplateToken> tokens, int max_depth)
        : toks_(std::move(tokens)), max_depth_(max_depth) {}

    Result<std::shared_ptr<const Program>> run();

private:
    // Counts the recursion depth of the parser (and so of the tree it builds).
    struct Guard {
        explicit Guard(int& d) : depth(d) { ++depth; }
        ~Guard() { --depth; }
        int& depth;
    };

    const TemplateToken& cur() const { return toks_[i_]; }
    const TemplateToken& peek() const { return toks_[std::min(i_ + 1, toks_.size() - 1)]; }
    void next() { i_ = std::min(i_ + 1, toks_.size() - 1); }
    bool is_op(std::string_view op) const {
        return cur().type == TokenType::Operator && cur().text == op;
    }
    bool is_name(std::string_view name) const {
        return cur().type == TokenType::Name && cur().text == name;
    }
    bool is_name_in(Names names) const {
        return cur().type == TokenType::Name &&
               std::find(names.begin(), names.end(), cur().text) != names.end();
    }
    bool skip_op(std::string_view op) { return is_op(op) ? (next(), true) : false; }
    bool skip_name(std::string_view name) { return is_name(name) ? (next(), true) : false; }

    Error fail(const std::string& what) const {
        return Error{"template line " + std::to_string(cur().line) + ": " + what};
    }
    std::string describe() const {
        switch (cur().type) {
        case TokenType::End:
            return "end of template";
        case TokenType::BlockEnd:
            return "'%}'";
        case TokenType::VariableEnd:
            return "'}}'";
        case TokenType::Data:
            return "template text";
        default:
            return "'" + cur().text + "'";
        }
    }
    Result<void> expect_op(std::string_view op) {
        if (!skip_op(op)) {
            return fail("expected '" + std::string(op) + "', got " + describe());
        }
        return {};
    }
    Result<void> expect(TokenType type, std::string_view what) {
        if (cur().type != type) {
            return fail("expected " + std::string(what) + ", got " + describe());
        }
        next();
        return {};
    }
    Result<std::string> expect_name() {
        if (cur().type != TokenType::Name) {
            return fail("expected a name, got " + describe());
        }
        std::string name = cur().text;
        next();
        return name;
    }
    Result<void> enter() {
        return depth_ > max_depth_ ? Result<void>(fail("the template nests too deeply"))
                                   : Result<void>();
    }

    Result<ExprPtr> node(ExprKind kind, int line, std::vector<ExprPtr> args,
                         std::string name = {}) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = line;
        e->name = std::move(name);
        e->args = std::move(args);
        if (Result<void> r = measure(*e); !r) {
            return r.error();
        }
        return e;
    }
    // Operator chains ("a + b + c ...") and filter chains deepen the tree without recursion
    // in the parser; the evaluator recurses once per level, so the depth is bounded here.
    Result<void> measure(Expr& e) {
        for (const ExprPtr& a : e.args) {
            e.depth = std::max(e.depth, a ? a->depth + 1 : 1);
        }
        for (const auto& kw : e.kwargs) {
            e.depth = std::max(e.depth, kw.second->depth + 1);
        }
        if (e.depth > 2 * max_depth_) {
            return fail("the template nests too deeply");
        }
        return {};
    }
    static ExprPtr constant(Value v, int line) {
        auto e = std::make_unique<Expr>();
        e->value = std::move(v);
        e->line = line;
        return e;
    }
    std::vector<ExprPtr> two(ExprPtr a, ExprPtr b) {
        std::vector<ExprPtr> v;
        v.push_back(std::move(a));
        v.push_back(std::move(b));
        return v;
    }
    std::vector<ExprPtr> one(ExprPtr a) {
        std::vector<ExprPtr> v;
        v.push_back(std::move(a));
        return v;
    }

    // Expressions (see the grammar in the header).
    bool is_tuple_end(Names extra) const {
        return cur().type == TokenType::VariableEnd || cur().type == TokenType::BlockEnd ||
               cur().type == TokenType::End || is_op(")") || is_name_in(extra);
    }
    Result<ExprPtr> parse_tuple(bool with_condexpr = true, Names extra = {},
                                bool explicit_parentheses = false);
    Result<ExprPtr> parse_expression(bool with_condexpr = true);
    Result<ExprPtr> parse_condexpr();
    Result<ExprPtr> parse_or();
    Result<ExprPtr> parse_and();
    Result<ExprPtr> parse_not();
    Result<ExprPtr> parse_compare();
    Result<ExprPtr> parse_math1();
    Result<ExprPtr> parse_concat();
    Result<ExprPtr> parse_math2();
    Result<ExprPtr> parse_pow();
    Result<ExprPtr> parse_unary(bool with_filter = true);
    Result<ExprPtr> parse_primary();
    Result<ExprPtr> parse_postfix(ExprPtr e);
    Result<ExprPtr> parse_filter_expr(ExprPtr e);
    Result<ExprPtr> parse_subscript(ExprPtr e);
    Result<ExprPtr> parse_subscribed();
    Result<void> parse_call_args(Expr& call);
    Result<ExprPtr> parse_filter(ExprPtr e, bool start_inline);
    Result<ExprPtr> parse_test(ExprPtr e);
    Result<ExprPtr> parse_list_or_dict(bool dict);

    // Statements.
    Result<std::vector<Stmt>> subparse(Names end_names);
    Result<std::vector<Stmt>> parse_statements(Names end_names, bool drop_needle);
    Result<Stmt> parse_statement();
    Result<Stmt> parse_if();
    Result<Stmt> parse_for();
    Result<Stmt> parse_set();
    Result<Stmt> parse_macro();
    Result<Target> parse_assign_target(Names extra, bool with_namespace);

    std::vector<TemplateToken> toks_;
    size_t i_ = 0;
    int depth_ = 0;
    int max_depth_;
};

} // namespace hearth::jinja::detail
