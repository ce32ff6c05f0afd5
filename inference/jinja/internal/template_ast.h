// Syntax tree of a parsed chat template: expressions and statements as Jinja's parser
// builds them (see template_parser.h for the grammar).
#pragma once

#include "jinja_value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hearth::jinja {

enum class ExprKind {
    Const,    // value
    Name,     // name
    List,     // [args...]
    Tuple,    // (args...)
    Dict,     // {args[0]: args[1], args[2]: args[3], ...}
    Getattr,  // args[0].name
    Getitem,  // args[0][args[1]]
    Slice,    // start:stop:step as args[0..2], each may be null; only inside Getitem
    Call,     // args[0](args[1..], kwargs)
    Filter,   // args[0] | name(args[1..], kwargs); args[0] is null in filter/set blocks
    Test,     // args[0] is name(args[1..], kwargs)
    Not,      // not args[0]
    Neg,      // -args[0]
    Pos,      // +args[0]
    Binary,   // args[0] name args[1], name one of + - * / // % **
    Concat,   // args[0] ~ args[1] ~ ...
    And,      // args[0] and args[1]
    Or,       // args[0] or args[1]
    Compare,  // args[0] ops[0] args[1] ops[1] args[2] ... (ops: == != < <= > >= in notin)
    CondExpr, // args[1] if args[0] else args[2] (args[2] may be null: undefined)
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    ExprKind kind = ExprKind::Const;
    int line = 0;
    std::string name;
    Value value;
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    std::vector<std::string> ops;
    int depth = 1; // height of the tree below (and including) this node
};

enum class StmtKind {
    Text,        // text
    Output,      // {{ expr }}
    If,          // if expr: body else else_body (elif is an If inside else_body)
    For,         // for targets in expr [if cond]: body, else_body when nothing was iterated
    Set,         // set targets = expr, or set targets[0].attr = expr (namespace attribute)
    SetBlock,    // set targets[0] [| filter chain in expr]: body, endset
    Macro,       // macro name(params, defaults for the last params): body
    FilterBlock, // filter chain in expr: body, endfilter
    Break,
    Continue,
    Scope, // body rendered as is ({% generation %} of transformers' AssistantTracker)
};

struct Stmt {
    StmtKind kind = StmtKind::Text;
    int line = 0;
    std::string text;
    ExprPtr expr;
    ExprPtr cond;
    std::vector<std::string> targets;
    std::string attr; // Set: namespace attribute ("" for plain names)
    std::string name; // Macro
    std::vector<std::string> params;
    std::vector<ExprPtr> defaults;
    std::vector<Stmt> body;
    std::vector<Stmt> else_body;
};

struct Program {
    std::vector<Stmt> body;
};

} // namespace hearth::jinja
