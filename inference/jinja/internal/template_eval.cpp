// Statements of the chat-template interpreter: output, if, for, set, macros, filter blocks.
#include "template_eval.h"

#include "template_builtins.h"

#include <algorithm>
#include <array>

namespace hearth::jinja {

namespace {

Error at_line(int line, const Error& e) {
    if (e.message.starts_with("template line ")) {
        return e;
    }
    return Error{"template line " + std::to_string(line) + ": " + e.message};
}

// The loop object's attribute names, made once (values share their text).
const std::array<Value, 12>& loop_keys() {
    static const std::array<Value, 12> keys = {
        Value("index"),  Value("index0"),   Value("revindex"), Value("revindex0"),
        Value("first"),  Value("last"),     Value("length"),   Value("depth"),
        Value("depth0"), Value("previtem"), Value("nextitem"), Value("cycle")};
    return keys;
}

// Restores a counter when a macro call ends, however it ends.
struct DepthGuard {
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
    int& depth;
};

} // namespace

Interpreter::Interpreter(RenderLimits limits)
    : limits_(limits), budget_(limits.max_steps, limits.deadline, limits.cancel) {}

Interpreter::~Interpreter() {
    // Namespaces are the only mutable containers; emptying them breaks reference cycles
    // (ns.x = [ns]) that would otherwise keep their memory alive.
    for (const DictPtr& ns : namespaces_) {
        ns->items.clear();
    }
}

Result<void> Interpreter::charge(uint64_t steps) {
    if (!budget_.spend(steps)) {
        return budget_.stop_reason();
    }
    return {};
}

Result<void> Interpreter::check_size(size_t bytes) const {
    if (bytes > limits_.max_bytes) {
        return Error{"the template's output or a value in it exceeds " +
                     std::to_string(limits_.max_bytes) + " bytes"};
    }
    return {};
}

Result<void> Interpreter::check_nesting(const Value& v) const {
    if (nesting(v) > limits_.max_nesting) {
        return Error{"lists or dicts nested more than " + std::to_string(limits_.max_nesting) +
                     " deep"};
    }
    return {};
}

Result<void> Interpreter::account(const Value& v) {
    uint64_t bytes = 0;
    if (v.is_string()) {
        bytes = v.as_string().size();
    } else if (v.is_list()) {
        for (const Value& item : v.list().items) {
            bytes += 16 + (item.is_string() ? item.as_string().size() : 0);
        }
    } else if (v.is_dict()) {
        bytes = 32 * v.dict().items.size();
    }
    // Making the value costs a step per element and per kBytesPerStep of text, like any work.
    const uint64_t elements = v.is_list()   ? v.list().items.size()
                              : v.is_dict() ? v.dict().items.size()
                                            : 0;
    if (Result<void> r = charge(elements + bytes / kBytesPerStep); !r) {
        return r;
    }
    bytes_ += bytes;
    if (bytes_ > limits_.max_total_bytes) {
        return Error{"the template creates more than " + std::to_string(limits_.max_total_bytes) +
                     " bytes of values"};
    }
    return {};
}

Value Interpreter::make_namespace() {
    auto data = std::make_shared<DictData>();
    data->kind = DictKind::Namespace;
    namespaces_.push_back(data);
    return Value(std::move(data));
}

Result<Value> Interpreter::call(const Value& callee, CallArgs& args) {
    if (!callee.is_callable()) {
        return Error{"'" + std::string(callee.type_name()) + "' object is not callable"};
    }
    Result<Value> r = callee.callable().call(*this, args);
    if (r) {
        if (Result<void> ok = account(*r); !ok) {
            return ok.error();
        }
    }
    return r;
}

Result<std::string> Interpreter::render(std::shared_ptr<const Program> program,
                                        const Variables& variables) {
    program_ = std::move(program);
    root_ = std::make_unique<Frame>();
    root_->vars = variables;
    std::string out;
    const ActiveBudget active(budget_);
    Result<Flow> flow = exec(program_->body, *root_, out);
    // Helpers that found the budget spent returned early with made-up results; whatever
    // followed from those is void, and the reason is the budget.
    if (budget_.stopped()) {
        return budget_.stop_reason();
    }
    if (!flow) {
        return flow.error();
    }
    if (*flow != Flow::Normal) {
        return Error{"'break' or 'continue' outside a loop"};
    }
    return out;
}

Result<Interpreter::Flow> Interpreter::exec(const std::vector<Stmt>& body, Frame& frame,
                                            std::string& out) {
    for (const Stmt& s : body) {
        Result<Flow> flow = exec_one(s, frame, out);
        if (!flow) {
            return at_line(s.line, flow.error());
        }
        if (*flow != Flow::Normal) {
            return flow;
        }
    }
    return Flow::Normal;
}

Result<Interpreter::Flow> Interpreter::exec_one(const Stmt& s, Frame& frame, std::string& out) {
    if (Result<void> r = charge(1); !r) {
        return r.error();
    }
    switch (s.kind) {
    case StmtKind::Text:
    case StmtKind::Output: {
        if (s.kind == StmtKind::Text) {
            out += s.text;
        } else {
            Result<Value> v = eval(*s.expr, frame);
            if (!v) {
                return v.error();
            }
            out += v->is_string() ? v->as_string() : to_str(*v);
        }
        if (Result<void> r = check_size(out.size()); !r) {
            return r.error();
        }
        return Flow::Normal;
    }
    case StmtKind::If: {
        Result<Value> test = eval(*s.expr, frame);
        if (!test) {
            return test.error();
        }
        return exec(truthy(*test) ? s.body : s.else_body, frame, out);
    }
    case StmtKind::For:
        return exec_for(s, frame, out);
    case StmtKind::Set:
    case StmtKind::SetBlock: {
        if (Result<void> r = exec_set(s, frame); !r) {
            return r.error();
        }
        return Flow::Normal;
    }
    case StmtKind::Macro: {
        const Stmt* macro = &s;
        frame.set(s.name, Value::make_function(s.name, [macro](Interpreter& in, CallArgs& args) {
                      return in.call_macro(*macro, args);
                  }));
        return Flow::Normal;
    }
    case StmtKind::FilterBlock: {
        std::string inner;
        Result<Flow> flow = exec(s.body, frame, inner);
        if (!flow) {
            return flow;
        }
        const Value text(std::move(inner));
        Result<Value> v = eval_filter(*s.expr, frame, &text);
        if (!v) {
            return v.error();
        }
        out += to_str(*v);
        if (Result<void> r = check_size(out.size()); !r) {
            return r.error();
        }
        return flow;
    }
    case StmtKind::Break:
        return Flow::Break;
    case StmtKind::Continue:
        return Flow::Continue;
    case StmtKind::Scope:
        return exec(s.body, frame, out);
    }
    return Flow::Normal;
}

Result<Interpreter::Flow> Interpreter::exec_for(const Stmt& s, Frame& frame, std::string& out) {
    Result<Value> iterable = eval(*s.expr, frame);
    if (!iterable) {
        return iterable.error();
    }
    Result<std::vector<Value>> all = iterate(*iterable);
    if (!all) {
        return all.error();
    }
    if (Result<void> r = charge(all->size()); !r) {
        return r.error();
    }
    std::vector<Value> items;
    if (s.cond) {
        for (Value& item : *all) {
            Frame scope{&frame, {}};
            if (Result<void> r = assign(scope, s.targets, item, s.line); !r) {
                return r.error();
            }
            Result<Value> keep = eval(*s.cond, scope);
            if (!keep) {
                return keep.error();
            }
            if (truthy(*keep)) {
                items.push_back(std::move(item));
            }
        }
    } else {
        items = std::move(*all);
    }
    const int64_t n = int64_t(items.size());
    auto index = std::make_shared<int64_t>(0);
    const Value cycle =
        Value::make_function("cycle", [index](Interpreter&, CallArgs& args) -> Result<Value> {
            if (args.positional.empty()) {
                return Error{"no items for cycling given"};
            }
            return args.positional[size_t(*index) % args.positional.size()];
        });
    for (int64_t i = 0; i < n; ++i) {
        if (Result<void> r = charge(1); !r) {
            return r.error();
        }
        Frame scope{&frame, {}};
        if (Result<void> r = assign(scope, s.targets, items[size_t(i)], s.line); !r) {
            return r.error();
        }
        // The loop object; cycle() reads the index through a counter shared by the loop's
        // iterations, so one callable serves them all.
        *index = i;
        Value loop = Value::make_dict(DictKind::Loop);
        std::vector<std::pair<Value, Value>>& d = loop.dict().items;
        const std::array<Value, 12>& keys = loop_keys();
        d.reserve(keys.size());
        const Value values[12] = {
            Value(i + 1),
            Value(i),
            Value(n - i),
            Value(n - i - 1),
            Value(i == 0),
            Value(i == n - 1),
            Value(n),
            Value(1),
            Value(0),
            i > 0 ? items[size_t(i - 1)] : Value(Undefined{"there is no previous item"}),
            i + 1 < n ? items[size_t(i + 1)] : Value(Undefined{"there is no next item"}),
            cycle};
        for (size_t k = 0; k < keys.size(); ++k) {
            d.emplace_back(keys[k], values[k]);
        }
        loop.dict().depth = std::max({nesting(d[9].second), nesting(d[10].second)}) + 1;
        scope.set("loop", std::move(loop));
        Result<Flow> flow = exec(s.body, scope, out);
        if (!flow) {
            return flow;
        }
        if (*flow == Flow::Break) {
            break;
        }
    }
    if (n == 0) {
        return exec(s.else_body, frame, out);
    }
    return Flow::Normal;
}

Result<void> Interpreter::exec_set(const Stmt& s, Frame& frame) {
    Value value;
    if (s.kind == StmtKind::SetBlock) {
        std::string inner;
        Result<Flow> flow = exec(s.body, frame, inner);
        if (!flow) {
            return flow.error();
        }
        value = Value(std::move(inner));
        if (s.expr) {
            Result<Value> filtered = eval_filter(*s.expr, frame, &value);
            if (!filtered) {
                return filtered.error();
            }
            value = std::move(*filtered);
        }
    } else {
        Result<Value> v = eval(*s.expr, frame);
        if (!v) {
            return v.error();
        }
        value = std::move(*v);
    }
    if (s.attr.empty()) {
        return assign(frame, s.targets, std::move(value), s.line);
    }
    const Value* ns = frame.find(s.targets[0]);
    if (ns == nullptr || !ns->is_dict() || ns->dict().kind != DictKind::Namespace) {
        return Error{"cannot assign attribute on non-namespace object"};
    }
    ns->dict().set(Value(s.attr), std::move(value));
    return check_nesting(*ns);
}

Result<void> Interpreter::assign(Frame& frame, const std::vector<std::string>& targets, Value v,
                                 int line) {
    if (targets.size() == 1) {
        frame.set(targets[0], std::move(v));
        return {};
    }
    Result<std::vector<Value>> parts = iterate(v);
    if (!parts) {
        return at_line(line, parts.error());
    }
    if (parts->size() != targets.size()) {
        return at_line(line, Error{parts->size() > targets.size()
                                       ? "too many values to unpack (expected " +
                                             std::to_string(targets.size()) + ")"
                                       : "not enough values to unpack (expected " +
                                             std::to_string(targets.size()) + ")"});
    }
    for (size_t i = 0; i < targets.size(); ++i) {
        frame.set(targets[i], (*parts)[i]);
    }
    return {};
}

Result<Value> Interpreter::call_macro(const Stmt& macro, CallArgs& args) {
    DepthGuard guard(call_depth_);
    if (call_depth_ > limits_.max_call_depth) {
        return Error{"macro calls nested more than " + std::to_string(limits_.max_call_depth) +
                     " deep"};
    }
    if (args.positional.size() > macro.params.size()) {
        return Error{"macro '" + macro.name + "' takes not more than " +
                     std::to_string(macro.params.size()) + " argument(s)"};
    }
    Frame scope{root_.get(), {}};
    for (const auto& [key, value] : args.keyword) {
        bool known = false;
        for (size_t i = args.positional.size(); i < macro.params.size(); ++i) {
            known = known || macro.params[i] == key;
        }
        if (!known) {
            return Error{"macro '" + macro.name + "' takes no keyword argument '" + key + "'"};
        }
    }
    const size_t first_default = macro.params.size() - macro.defaults.size();
    for (size_t i = 0; i < macro.params.size(); ++i) {
        const std::string& name = macro.params[i];
        if (i < args.positional.size()) {
            scope.set(name, args.positional[i]);
        } else if (const Value* kw = args.find(name)) {
            scope.set(name, *kw);
        } else if (i >= first_default) {
            Result<Value> v = eval(*macro.defaults[i - first_default], scope);
            if (!v) {
                return v.error();
            }
            scope.set(name, std::move(*v));
        } else {
            scope.set(name, Value(Undefined{"parameter '" + name + "' was not provided"}));
        }
    }
    std::string out;
    Result<Flow> flow = exec(macro.body, scope, out);
    if (!flow) {
        return flow.error();
    }
    return Value(std::move(out));
}

} // namespace hearth::jinja
