// Attribute access and the Python methods of str, dict and list that chat templates call.
#include "template_builtins.h"
#include "template_eval.h"
#include "template_strings.h"
#include "text/substring_search.h"
#include "text/utf8.h"

#include <algorithm>
#include <array>

namespace hearth::jinja {

namespace {

constexpr std::array<std::string_view, 28> kStrMethods = {
    "startswith", "endswith", "split",   "rsplit",       "splitlines",   "strip",   "lstrip",
    "rstrip",     "upper",    "lower",   "title",        "capitalize",   "replace", "find",
    "rfind",      "count",    "join",    "format",       "isdigit",      "isalpha", "isalnum",
    "isspace",    "islower",  "isupper", "removeprefix", "removesuffix", "index",   "rindex"};
constexpr std::array<std::string_view, 10> kDictMethods = {
    "get", "items", "keys", "values", "copy", "clear", "pop", "popitem", "setdefault", "update"};
constexpr std::array<std::string_view, 11> kListMethods = {"index",  "count",   "copy",   "append",
                                                           "clear",  "extend",  "insert", "pop",
                                                           "remove", "reverse", "sort"};
// What jinja2.sandbox.ImmutableSandboxedEnvironment refuses (modifies_known_mutable).
constexpr std::array<std::string_view, 13> kMutators = {
    "clear",  "pop",    "popitem", "setdefault", "update", "append", "extend",
    "insert", "remove", "reverse", "sort",       "add",    "discard"};

template <size_t N> bool listed(const std::array<std::string_view, N>& names, std::string_view n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

Error wrong_arguments(std::string_view method) {
    return Error{"wrong arguments for " + std::string(method) + "()"};
}

const Value* arg_or_none(const CallArgs& args, size_t i, std::string_view name) {
    const Value* v = argument(args, i, name);
    return v != nullptr && !v->is_none() ? v : nullptr;
}

// The optional str argument `i`: nothing when absent or None; an Error for other types.
Result<std::optional<std::string>> optional_string(const CallArgs& args, size_t i,
                                                   std::string_view name) {
    const Value* v = arg_or_none(args, i, name);
    if (v == nullptr) {
        return std::optional<std::string>();
    }
    if (!v->is_string()) {
        return Error{"expected a string argument '" + std::string(name) + "'"};
    }
    return std::optional<std::string>(v->as_string());
}

std::vector<Value> strings(const std::vector<std::string>& parts) {
    std::vector<Value> out;
    for (const std::string& p : parts) {
        out.emplace_back(p);
    }
    return out;
}

// str.format: {} / {0} / {name} fields with an optional !s / !r conversion; "{{" and "}}"
// are braces. Format specs (":>10") are not supported.
Result<Value> format_string(Interpreter& in, const std::string& fmt, const CallArgs& args) {
    std::string out;
    size_t auto_index = 0;
    for (size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if ((c == '{' || c == '}') && i + 1 < fmt.size() && fmt[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        if (c == '}') {
            return Error{"Single '}' encountered in format string"};
        }
        if (c != '{') {
            out += c;
            continue;
        }
        const size_t close = fmt.find('}', i);
        if (close == std::string::npos) {
            return Error{"Single '{' encountered in format string"};
        }
        std::string field = fmt.substr(i + 1, close - i - 1);
        bool use_repr = false;
        if (const size_t bang = field.find('!'); bang != std::string::npos) {
            use_repr = field.substr(bang) == "!r";
            field.resize(bang);
        }
        if (field.find(':') != std::string::npos) {
            return Error{"format specifications in str.format are not supported"};
        }
        const Value* v = nullptr;
        if (field.empty()) {
            v = auto_index < args.positional.size() ? &args.positional[auto_index++] : nullptr;
        } else if (std::all_of(field.begin(), field.end(),
                               [](char d) { return d >= '0' && d <= '9'; })) {
            const size_t k = std::stoul(field.substr(0, 9));
            v = k < args.positional.size() ? &args.positional[k] : nullptr;
        } else {
            v = args.find(field);
        }
        if (v == nullptr) {
            return Error{"no value for the format field {" + field + "}"};
        }
        out += use_repr ? repr(*v) : to_str(*v);
        if (Result<void> r = in.check_size(out.size()); !r) {
            return r.error();
        }
        i = close;
    }
    return Value(std::move(out));
}

Result<Value> string_method(Interpreter& in, const std::string& s, std::string_view name,
                            CallArgs& args) {
    if (name == "startswith" || name == "endswith") {
        const Value* affix = argument(args, 0, "prefix");
        std::vector<Value> options;
        if (affix != nullptr && affix->is_string()) {
            options.push_back(*affix);
        } else if (affix != nullptr && affix->is_list() && affix->list().tuple) {
            options = affix->list().items;
        } else {
            return wrong_arguments(name);
        }
        for (const Value& o : options) {
            if (!o.is_string()) {
                return wrong_arguments(name);
            }
            if (name == "startswith" ? s.starts_with(o.as_string()) : s.ends_with(o.as_string())) {
                return Value(true);
            }
        }
        return Value(false);
    }
    if (name == "split" || name == "rsplit") {
        Result<std::optional<std::string>> sep = optional_string(args, 0, "sep");
        const Value* max = arg_or_none(args, 1, "maxsplit");
        if (!sep || (max != nullptr && !max->is_int())) {
            return wrong_arguments(name);
        }
        Result<std::vector<std::string>> parts =
            py_split(s, *sep, max ? max->as_int() : -1, name == "rsplit");
        if (!parts) {
            return parts.error();
        }
        if (Result<void> r = in.charge(parts->size()); !r) {
            return r.error();
        }
        return Value::make_list(strings(*parts));
    }
    if (name == "splitlines") {
        return Value::make_list(strings(py_splitlines(s)));
    }
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        Result<std::optional<std::string>> chars = optional_string(args, 0, "chars");
        if (!chars) {
            return chars.error();
        }
        return Value(py_strip(s, *chars,
                              name == "strip"    ? StripSide::Both
                              : name == "lstrip" ? StripSide::Left
                                                 : StripSide::Right));
    }
    if (name == "upper" || name == "lower" || name == "title" || name == "capitalize") {
        return Value(name == "upper"   ? py_upper(s)
                     : name == "lower" ? py_lower(s)
                     : name == "title" ? py_title(s)
                                       : py_capitalize(s));
    }
    if (name == "replace") {
        const Value *old = argument(args, 0, "old"), *with = argument(args, 1, "new"),
                    *count = arg_or_none(args, 2, "count");
        if (!old || !with || !old->is_string() || !with->is_string() ||
            (count && !count->is_int())) {
            return wrong_arguments(name);
        }
        std::string r = py_replace(s, old->as_string(), with->as_string(),
                                   count ? count->as_int() : -1, in.limits().max_bytes);
        if (Result<void> ok = in.check_size(r.size()); !ok) {
            return ok.error();
        }
        return Value(std::move(r));
    }
    if (name == "find" || name == "rfind" || name == "index" || name == "rindex" ||
        name == "count") {
        const Value* sub = argument(args, 0, "sub");
        if (sub == nullptr || !sub->is_string() || args.positional.size() > 1) {
            return wrong_arguments(name);
        }
        const std::string& needle = sub->as_string();
        if (name == "count") {
            if (needle.empty()) {
                return Value(int64_t(code_point_count(s) + 1));
            }
            const SubstringSearch search(needle);
            int64_t n = 0;
            for (size_t p = search.find(s); p != std::string::npos;
                 p = search.find(s, p + needle.size())) {
                ++n;
            }
            // Each match costs a search call: the result counts as work too (a list of as
            // many parts would be charged as it is made).
            if (Result<void> r = in.charge(uint64_t(n) / 16); !r) {
                return r.error();
            }
            return Value(n);
        }
        const SubstringSearch search(needle);
        const size_t at =
            name == "find" || name == "index" ? search.find(s) : search.rfind(s, s.size());
        if (at == std::string::npos) {
            if (name == "index" || name == "rindex") {
                return Error{"substring not found"};
            }
            return Value(-1);
        }
        return Value(int64_t(code_point_count(std::string_view(s).substr(0, at))));
    }
    if (name == "join") {
        const Value* items = argument(args, 0, "iterable");
        if (items == nullptr) {
            return wrong_arguments(name);
        }
        Result<std::vector<Value>> parts = iterate(*items);
        if (!parts) {
            return parts.error();
        }
        std::string out;
        for (size_t i = 0; i < parts->size(); ++i) {
            if (!(*parts)[i].is_string()) {
                return Error{"sequence item " + std::to_string(i) + ": expected str instance"};
            }
            out += (i ? s : std::string()) + (*parts)[i].as_string();
            if (Result<void> r = in.check_size(out.size()); !r) {
                return r.error();
            }
        }
        return Value(std::move(out));
    }
    if (name == "format") {
        return format_string(in, s, args);
    }
    if (name == "removeprefix" || name == "removesuffix") {
        const Value* affix = argument(args, 0, "affix");
        if (affix == nullptr || !affix->is_string()) {
            return wrong_arguments(name);
        }
        const std::string& a = affix->as_string();
        if (name == "removeprefix") {
            return Value(s.starts_with(a) ? s.substr(a.size()) : s);
        }
        return Value(s.ends_with(a) ? s.substr(0, s.size() - a.size()) : s);
    }
    // is* predicates: ASCII classes (and Python whitespace); false for "".
    const std::u32string cps = to_code_points(s);
    const auto all = [&](auto pred) {
        return !cps.empty() && std::all_of(cps.begin(), cps.end(), pred);
    };
    const auto alpha = [](char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
    const auto digit = [](char32_t c) { return c >= '0' && c <= '9'; };
    if (name == "isdigit") {
        return Value(all(digit));
    }
    if (name == "isalpha") {
        return Value(all(alpha));
    }
    if (name == "isalnum") {
        return Value(all([&](char32_t c) { return alpha(c) || digit(c); }));
    }
    if (name == "isspace") {
        return Value(all(py_isspace));
    }
    const bool has_upper =
        std::any_of(cps.begin(), cps.end(), [](char32_t c) { return c >= 'A' && c <= 'Z'; });
    const bool has_lower =
        std::any_of(cps.begin(), cps.end(), [](char32_t c) { return c >= 'a' && c <= 'z'; });
    return Value(name == "islower" ? has_lower && !has_upper : has_upper && !has_lower);
}

} // namespace

const Value* argument(const CallArgs& args, size_t index, std::string_view name) {
    if (index < args.positional.size()) {
        return &args.positional[index];
    }
    return args.find(name);
}

bool has_method(const Value& obj, std::string_view name) {
    return (obj.is_string() && listed(kStrMethods, name)) ||
           (obj.is_plain_dict() && listed(kDictMethods, name)) ||
           (obj.is_list() && !obj.list().generator && listed(kListMethods, name));
}

Result<Value> call_method(Interpreter& in, const Value& obj, std::string_view name,
                          CallArgs& args) {
    if (!has_method(obj, name)) {
        return Error{"'" + std::string(obj.type_name()) + "' object has no attribute '" +
                     std::string(name) + "'"};
    }
    if (listed(kMutators, name) && !obj.is_string()) {
        return Error{"access to attribute '" + std::string(name) + "' of '" +
                     std::string(obj.type_name()) + "' object is unsafe"};
    }
    // Every method reads its object and arguments about once: charged by their size (what
    // they make is charged when the interpreter accounts for the result).
    uint64_t steps = 1 + work_size(obj);
    for (const Value& a : args.positional) {
        steps += work_size(a);
    }
    for (const auto& [key, a] : args.keyword) {
        steps += work_size(a);
    }
    if (Result<void> r = in.charge(steps); !r) {
        return r.error();
    }
    if (obj.is_string()) {
        return string_method(in, obj.as_string(), name, args);
    }
    if (name == "copy") {
        return obj.is_list() ? Value::make_list(obj.list().items, obj.list().tuple) : [&] {
            Value d = Value::make_dict();
            d.dict().items = obj.dict().items;
            d.dict().depth = obj.dict().depth;
            return d;
        }();
    }
    if (obj.is_list()) {
        const Value* x = argument(args, 0, "value");
        if (x == nullptr) {
            return wrong_arguments(name);
        }
        const std::vector<Value>& items = obj.list().items;
        const auto hit =
            std::find_if(items.begin(), items.end(), [&](const Value& v) { return equals(v, *x); });
        if (name == "count") {
            return Value(int64_t(std::count_if(items.begin(), items.end(),
                                               [&](const Value& v) { return equals(v, *x); })));
        }
        if (hit == items.end()) {
            return Error{repr(*x) + " is not in list"};
        }
        return Value(int64_t(hit - items.begin()));
    }
    const DictData& d = obj.dict();
    if (name == "get") {
        const Value* key = argument(args, 0, "key");
        if (key == nullptr) {
            return wrong_arguments(name);
        }
        if (const Value* v = d.find(*key)) {
            return *v;
        }
        const Value* fallback = argument(args, 1, "default");
        return fallback ? *fallback : Value(None{});
    }
    std::vector<Value> out;
    for (const auto& [k, v] : d.items) {
        out.push_back(name == "keys" ? k : name == "values" ? v : Value::make_list({k, v}, true));
    }
    if (Result<void> r = in.charge(out.size()); !r) {
        return r.error();
    }
    return Value::make_list(std::move(out));
}

Value get_attribute(const Value& obj, std::string_view name) {
    if (has_method(obj, name) && listed(kMutators, name) && !obj.is_string()) {
        return Value(Undefined{"access to attribute '" + std::string(name) + "' of '" +
                               std::string(obj.type_name()) + "' object is unsafe"});
    }
    if (has_method(obj, name)) {
        const std::string method(name);
        return Value::make_function(method, [obj, method](Interpreter& in, CallArgs& args) {
            return call_method(in, obj, method, args);
        });
    }
    if (obj.is_dict()) {
        if (const Value* v = obj.dict().find_name(name)) {
            return *v;
        }
    }
    const std::string owner =
        obj.is_none() ? "'None'" : "'" + std::string(obj.type_name()) + " object'";
    return Value(Undefined{owner + " has no attribute '" + std::string(name) + "'"});
}

} // namespace hearth::jinja
