// Evaluator of the chat-template interpreter: runs a parsed template (template_parser.h)
// against variables and returns the text, or an Error naming the template line.
//
// Jinja semantics kept: undefined names are a value (printing "", false, iterating as
// empty) and only using them further (attribute, call, arithmetic) is an error; a for loop
// and a macro call get their own scope, so {% set %} inside them does not leak out (hence
// namespace()); macros see the template's top-level variables as they are when called;
// "and"/"or" return an operand, not a bool.
//
// Bounded: every evaluated node and loop iteration costs a step, and so does the work done
// to data in proportion to its size (template_budget.h); strings, lists and the output are
// limited in size, containers in nesting, macro calls in depth. A render may also be given
// a deadline and a cancel flag. Exceeding a limit is an Error, so a hostile template can
// neither hang nor exhaust memory or stack.
#pragma once

#include "jinja.h"
#include "jinja_value.h"
#include "result.h"
#include "template_ast.h"
#include "template_budget.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::jinja {

class Interpreter {
public:
    explicit Interpreter(RenderLimits limits = {});
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // Renders `program`; `variables` are the template's globals (messages, bos_token, the
    // built-in functions, ...). An interpreter renders once.
    Result<std::string> render(std::shared_ptr<const Program> program, const Variables& variables);

    // For built-in filters, functions and methods: `steps` of work (template_budget.h).
    Result<void> charge(uint64_t steps);
    Result<void> check_size(size_t bytes) const;
    Result<void> check_nesting(const Value& v) const;
    // Counts a newly made value against max_total_bytes: its text, or 16 bytes per list
    // element plus the text of string elements, or 32 bytes per dict entry.
    Result<void> account(const Value& produced);
    // A namespace object; the interpreter empties it after rendering, which breaks any
    // reference cycle a template built through it.
    Value make_namespace();
    // Calls a callable value (macro, built-in function, bound method).
    Result<Value> call(const Value& callee, CallArgs& args);
    const RenderLimits& limits() const { return limits_; }

    // A scope: variables set in it plus its parent. Loops and macro calls open one.
    struct Frame {
        Frame* parent = nullptr;
        Variables vars;

        // Look-ups and assignments compare names one by one: cheap for the few variables
        // a scope holds, charged by their number for a template that sets thousands.
        const Value* find(std::string_view name) const {
            for (const Frame* f = this; f != nullptr; f = f->parent) {
                spend(f->vars.size() / 16);
                for (const auto& [k, v] : f->vars) {
                    if (k == name) {
                        return &v;
                    }
                }
            }
            return nullptr;
        }
        void set(const std::string& name, Value v) {
            spend(vars.size() / 16);
            for (auto& [k, old] : vars) {
                if (k == name) {
                    old = std::move(v);
                    return;
                }
            }
            vars.emplace_back(name, std::move(v));
        }
    };
    enum class Flow { Normal, Break, Continue };

private:
    Result<Flow> exec(const std::vector<Stmt>& body, Frame& frame, std::string& out);
    Result<Flow> exec_one(const Stmt& s, Frame& frame, std::string& out);
    Result<Flow> exec_for(const Stmt& s, Frame& frame, std::string& out);
    Result<void> exec_set(const Stmt& s, Frame& frame);
    Result<Value> call_macro(const Stmt& macro, CallArgs& args);
    Result<void> assign(Frame& frame, const std::vector<std::string>& targets, Value v, int line);

    Result<Value> eval(const Expr& e, Frame& frame);
    Result<Value> eval_call(const Expr& e, Frame& frame);
    Result<Value> eval_filter(const Expr& e, Frame& frame, const Value* input);
    Result<Value> eval_test(const Expr& e, Frame& frame);
    Result<Value> eval_getitem(const Expr& e, Frame& frame);
    Result<Value> eval_compare(const Expr& e, Frame& frame);
    Result<CallArgs> eval_args(const Expr& e, Frame& frame, size_t first);

    RenderLimits limits_;
    RenderBudget budget_;
    uint64_t bytes_ = 0;
    int call_depth_ = 0;
    std::shared_ptr<const Program> program_;
    std::unique_ptr<Frame> root_;
    std::vector<DictPtr> namespaces_;
};

// Arithmetic and membership with Python's rules (int/float promotion, floor division and
// modulo toward negative infinity, str/list concatenation and repetition, overflow and
// division by zero as Errors). `op` is one of + - * / // % **.
Result<Value> binary_op(Interpreter& in, std::string_view op, const Value& a, const Value& b);
// `needle in haystack` (substring, list element, dict key; undefined contains nothing).
Result<bool> contains(const Value& haystack, const Value& needle);

} // namespace hearth::jinja
