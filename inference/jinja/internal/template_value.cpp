#include "jinja_value.h"
#include "template_budget.h"
#include "template_strings.h"

#include <algorithm>
#include <cmath>

namespace hearth::jinja {

namespace {

// Recursion bound of repr, equality, ordering and JSON. The interpreter refuses to build
// containers nested deeper than this (see ListData::depth); a namespace that contains itself
// stops here instead of recursing forever.
constexpr int kMaxDepth = 128;
// Text that str(), repr() and tojson produce is cut (str/repr) or refused (tojson) beyond this;
// the interpreter's own size limit is lower, so a cut text never reaches a template's output.
constexpr size_t kMaxTextBytes = size_t(64) << 20;

} // namespace

const Value* DictData::find(const Value& key) const {
    for (const auto& [k, v] : items) {
        if (equals(k, key)) {
            return &v;
        }
    }
    return nullptr;
}

const Value* DictData::find_name(std::string_view key) const {
    for (const auto& [k, v] : items) {
        if (k.is_string() && k.as_string() == key) {
            return &v;
        }
    }
    return nullptr;
}

void DictData::set(Value key, Value value) {
    depth = std::max(depth, nesting(value) + 1);
    for (auto& [k, v] : items) {
        if (equals(k, key)) {
            v = std::move(value);
            return;
        }
    }
    items.emplace_back(std::move(key), std::move(value));
}

const Value* CallArgs::find(std::string_view name) const {
    for (const auto& [k, v] : keyword) {
        if (k == name) {
            return &v;
        }
    }
    return nullptr;
}

Value Value::make_list(std::vector<Value> items, bool tuple) {
    auto data = std::make_shared<ListData>();
    for (const Value& v : items) {
        data->depth = std::max(data->depth, nesting(v) + 1);
    }
    data->items = std::move(items);
    data->tuple = tuple;
    return Value(std::move(data));
}

Value Value::make_dict(DictKind kind) {
    auto data = std::make_shared<DictData>();
    data->kind = kind;
    return Value(std::move(data));
}

Value Value::make_function(std::string name,
                           std::function<Result<Value>(Interpreter&, CallArgs&)> call) {
    return Value(std::make_shared<const Callable>(Callable{std::move(name), std::move(call)}));
}

double Value::as_double() const {
    if (is_float()) {
        return std::get<double>(v_);
    }
    return double(as_int());
}

std::string_view Value::type_name() const {
    switch (type()) {
    case Type::Undefined:
        return "Undefined";
    case Type::None:
        return "NoneType";
    case Type::Bool:
        return "bool";
    case Type::Int:
        return "int";
    case Type::Float:
        return "float";
    case Type::String:
        return "str";
    case Type::List:
        return list().tuple ? "tuple" : list().generator ? "generator" : "list";
    case Type::Dict:
        return dict().kind == DictKind::Namespace ? "Namespace"
               : dict().kind == DictKind::Loop    ? "LoopContext"
                                                  : "dict";
    case Type::Callable:
        return "function";
    }
    return "object";
}

uint32_t nesting(const Value& v) {
    return v.is_list() ? v.list().depth : v.is_dict() ? v.dict().depth : 0;
}

uint64_t work_size(const Value& v) {
    return v.is_string() ? v.as_string().size() / kBytesPerStep
           : v.is_list() ? v.list().items.size()
           : v.is_dict() ? v.dict().items.size()
                         : 0;
}

namespace {

void repr_into(std::string& out, const Value& v, int depth);

// str(v) appended to `out`. Containers stop growing past kMaxTextBytes (their callers then
// refuse the oversized result), so printing a huge shared structure cannot exhaust memory.
void str_into(std::string& out, const Value& v, int depth) {
    if (depth > kMaxDepth || out.size() > kMaxTextBytes || !spend(1)) {
        out += "...";
        return;
    }
    switch (v.type()) {
    case Value::Type::Undefined:
        return;
    case Value::Type::None:
        out += "None";
        return;
    case Value::Type::Bool:
        out += v.as_bool() ? "True" : "False";
        return;
    case Value::Type::Int:
        out += std::to_string(v.as_int());
        return;
    case Value::Type::Float:
        out += float_repr(v.as_double());
        return;
    case Value::Type::String:
        spend(v.as_string().size() / kBytesPerStep);
        out += v.as_string();
        return;
    case Value::Type::List: {
        const ListData& l = v.list();
        if (l.generator) {
            out += "<generator object>";
            return;
        }
        out += l.tuple ? "(" : "[";
        for (size_t i = 0; i < l.items.size() && out.size() <= kMaxTextBytes; ++i) {
            out += i ? ", " : "";
            repr_into(out, l.items[i], depth + 1);
        }
        out += l.tuple && l.items.size() == 1 ? ",)" : l.tuple ? ")" : "]";
        return;
    }
    case Value::Type::Dict: {
        const DictData& d = v.dict();
        if (d.kind == DictKind::Loop) {
            out += "<LoopContext ";
            if (const Value* index = d.find_name("index")) {
                str_into(out, *index, depth);
            }
            out += "/";
            if (const Value* length = d.find_name("length")) {
                str_into(out, *length, depth);
            }
            out += ">";
            return;
        }
        out += d.kind == DictKind::Namespace ? "<Namespace {" : "{";
        for (size_t i = 0; i < d.items.size() && out.size() <= kMaxTextBytes; ++i) {
            out += i ? ", " : "";
            repr_into(out, d.items[i].first, depth + 1);
            out += ": ";
            repr_into(out, d.items[i].second, depth + 1);
        }
        out += d.kind == DictKind::Namespace ? "}>" : "}";
        return;
    }
    case Value::Type::Callable:
        out += "<function " + v.callable().name + ">";
        return;
    }
}

void repr_into(std::string& out, const Value& v, int depth) {
    if (v.is_string()) {
        spend(v.as_string().size() / kBytesPerStep);
        out += string_repr(v.as_string());
    } else if (v.is_undefined()) {
        out += "Undefined";
    } else {
        str_into(out, v, depth);
    }
}

bool equals_at(const Value& a, const Value& b, int depth) {
    if (depth > kMaxDepth || !spend(1)) {
        return false;
    }
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) {
            return a.as_double() == b.as_double();
        }
        return a.as_int() == b.as_int();
    }
    if (a.type() != b.type()) {
        return false;
    }
    switch (a.type()) {
    case Value::Type::Undefined:
    case Value::Type::None:
        return true;
    case Value::Type::String:
        return a.as_string().size() == b.as_string().size() &&
               spend(a.as_string().size() / kBytesPerStep) && a.as_string() == b.as_string();
    case Value::Type::List: {
        const ListData &x = a.list(), &y = b.list();
        if (&x == &y) {
            return true;
        }
        if (x.tuple != y.tuple || x.generator || y.generator || x.items.size() != y.items.size()) {
            return false;
        }
        for (size_t i = 0; i < x.items.size(); ++i) {
            if (!equals_at(x.items[i], y.items[i], depth + 1)) {
                return false;
            }
        }
        return true;
    }
    case Value::Type::Dict: {
        const DictData &x = a.dict(), &y = b.dict();
        if (&x == &y) {
            return true;
        }
        if (x.kind != DictKind::Plain || y.kind != DictKind::Plain ||
            x.items.size() != y.items.size()) {
            return false;
        }
        for (const auto& [k, v] : x.items) {
            const Value* other = y.find(k);
            if (other == nullptr || !equals_at(v, *other, depth + 1)) {
                return false;
            }
        }
        return true;
    }
    case Value::Type::Callable:
        return &a.callable() == &b.callable();
    default:
        return false;
    }
}

Result<int> compare_at(const Value& a, const Value& b, std::string_view op, int depth) {
    if (depth > kMaxDepth) {
        return Error{"values nested too deeply to compare"};
    }
    if (!spend(1)) {
        return active_budget()->stop_reason();
    }
    if (a.is_number() && b.is_number()) {
        if (!a.is_float() && !b.is_float()) {
            return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
        }
        const double x = a.as_double(), y = b.as_double();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a.is_string() && b.is_string()) {
        spend(std::min(a.as_string().size(), b.as_string().size()) / kBytesPerStep);
        // UTF-8 byte order is code point order, which is Python's string order.
        const int c = a.as_string().compare(b.as_string());
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.is_list() && b.is_list() && a.list().tuple == b.list().tuple && !a.list().generator &&
        !b.list().generator) {
        const auto &x = a.list().items, &y = b.list().items;
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!equals_at(x[i], y[i], depth + 1)) {
                return compare_at(x[i], y[i], op, depth + 1);
            }
        }
        return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    return Error{"'" + std::string(op) + "' not supported between instances of '" +
                 std::string(a.type_name()) + "' and '" + std::string(b.type_name()) + "'"};
}

Result<void> json_at(std::string& out, const Value& v, const JsonOptions& o, int level);

void json_newline(std::string& out, const JsonOptions& o, int level) {
    out += '\n';
    for (int i = 0; i < level; ++i) {
        out += *o.indent;
    }
}

Result<std::string> json_key(const Value& k) {
    if (k.is_string()) {
        return k.as_string();
    }
    if (k.is_bool()) {
        return std::string(k.as_bool() ? "true" : "false");
    }
    if (k.is_none()) {
        return std::string("null");
    }
    if (k.is_int() || k.is_float()) {
        return to_str(k);
    }
    return Error{"keys must be str, int, float, bool or None, not " + std::string(k.type_name())};
}

Result<void> json_container(std::string& out, const Value& v, const JsonOptions& o, int level) {
    const bool is_list = v.is_list();
    const size_t n = is_list ? v.list().items.size() : v.dict().items.size();
    if (n == 0) {
        out += is_list ? "[]" : "{}";
        return {};
    }
    std::vector<std::pair<std::string, const Value*>> entries;
    if (!is_list) {
        for (const auto& [k, val] : v.dict().items) {
            Result<std::string> key = json_key(k);
            if (!key) {
                return key.error();
            }
            entries.emplace_back(std::move(*key), &val);
        }
        if (o.sort_keys) {
            std::stable_sort(entries.begin(), entries.end(),
                             [](const auto& x, const auto& y) { return x.first < y.first; });
        }
    }
    out += is_list ? '[' : '{';
    for (size_t i = 0; i < n; ++i) {
        if (i) {
            out += o.item_separator;
        }
        if (o.indent) {
            json_newline(out, o, level + 1);
        }
        if (is_list) {
            if (Result<void> r = json_at(out, v.list().items[i], o, level + 1); !r) {
                return r;
            }
            continue;
        }
        append_json_string(out, entries[i].first, o.ensure_ascii);
        out += o.key_separator;
        if (Result<void> r = json_at(out, *entries[i].second, o, level + 1); !r) {
            return r;
        }
    }
    if (o.indent) {
        json_newline(out, o, level);
    }
    out += is_list ? ']' : '}';
    return {};
}

Result<void> json_at(std::string& out, const Value& v, const JsonOptions& o, int level) {
    if (level > kMaxDepth) {
        return Error{"value nested too deeply for tojson"};
    }
    if (!spend(1)) {
        return active_budget()->stop_reason();
    }
    if (out.size() > kMaxTextBytes) {
        return Error{"tojson output too large"};
    }
    switch (v.type()) {
    case Value::Type::None:
        out += "null";
        return {};
    case Value::Type::Bool:
        out += v.as_bool() ? "true" : "false";
        return {};
    case Value::Type::Int:
        out += std::to_string(v.as_int());
        return {};
    case Value::Type::Float: {
        const double d = v.as_double();
        out += std::isnan(d)   ? "NaN"
               : std::isinf(d) ? (d < 0 ? "-Infinity" : "Infinity")
                               : float_repr(d);
        return {};
    }
    case Value::Type::String:
        spend(v.as_string().size() / kBytesPerStep);
        append_json_string(out, v.as_string(), o.ensure_ascii);
        return {};
    case Value::Type::List:
        if (!v.list().generator) {
            return json_container(out, v, o, level);
        }
        break;
    case Value::Type::Dict:
        if (v.dict().kind == DictKind::Plain) {
            return json_container(out, v, o, level);
        }
        break;
    default:
        break;
    }
    return Error{"Object of type " + std::string(v.type_name()) + " is not JSON serializable"};
}

} // namespace

std::string to_str(const Value& v) {
    if (v.is_string()) {
        return v.as_string();
    }
    std::string out;
    str_into(out, v, 0);
    return out;
}

std::string repr(const Value& v) {
    std::string out;
    repr_into(out, v, 0);
    return out;
}

bool truthy(const Value& v) {
    switch (v.type()) {
    case Value::Type::Undefined:
    case Value::Type::None:
        return false;
    case Value::Type::Bool:
        return v.as_bool();
    case Value::Type::Int:
        return v.as_int() != 0;
    case Value::Type::Float:
        return v.as_double() != 0.0;
    case Value::Type::String:
        return !v.as_string().empty();
    case Value::Type::List:
        return v.list().generator || !v.list().items.empty();
    case Value::Type::Dict:
        return v.dict().kind != DictKind::Plain || !v.dict().items.empty();
    case Value::Type::Callable:
        return true;
    }
    return false;
}

bool equals(const Value& a, const Value& b) {
    return equals_at(a, b, 0);
}

Result<int> compare(const Value& a, const Value& b, std::string_view op) {
    return compare_at(a, b, op, 0);
}

Result<std::string> to_json(const Value& v, const JsonOptions& options) {
    std::string out;
    if (Result<void> r = json_at(out, v, options, 0); !r) {
        return r.error();
    }
    return out;
}

} // namespace hearth::jinja
