// Jinja's filters as chat templates use them: on strings, numbers and any value here, on
// sequences in template_filters_sequences.cpp. tojson is transformers' version
// (json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False): no HTML
// escaping, non-ASCII kept). select/reject/map/selectattr/rejectattr/unique/reverse return
// generators in Jinja, so their results are marked as such (always true, no length).
#include "template_filters_internal.h"
#include "template_strings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace hearth::jinja {

namespace {

using detail::Filter;
using detail::flag;

Result<Value> f_length(Interpreter&, const Value& v, CallArgs&) {
    if (v.is_string()) {
        return Value(int64_t(code_point_count(v.as_string())));
    }
    if (v.is_list() && !v.list().generator) {
        return Value(int64_t(v.list().items.size()));
    }
    if (v.is_plain_dict()) {
        return Value(int64_t(v.dict().items.size()));
    }
    if (v.is_undefined()) {
        return Value(0);
    }
    return Error{"object of type '" + std::string(v.type_name()) + "' has no len()"};
}

Result<Value> f_default(Interpreter&, const Value& v, CallArgs& args) {
    const Value* fallback = argument(args, 0, "default_value");
    if (v.is_undefined() || (flag(args, 1, "boolean") && !truthy(v))) {
        return fallback ? *fallback : Value("");
    }
    return v;
}

Result<Value> f_string(Interpreter&, const Value& v, CallArgs&) {
    return Value(to_str(v));
}
Result<Value> f_safe(Interpreter&, const Value& v, CallArgs&) {
    return v;
}

Result<Value> f_trim(Interpreter&, const Value& v, CallArgs& args) {
    const Value* chars = argument(args, 0, "chars");
    if (chars != nullptr && !chars->is_none() && !chars->is_string()) {
        return Error{"trim() argument must be a string or None"};
    }
    return Value(py_strip(
        to_str(v), chars && chars->is_string() ? std::optional(chars->as_string()) : std::nullopt,
        StripSide::Both));
}

Result<Value> f_upper(Interpreter&, const Value& v, CallArgs&) {
    return Value(py_upper(to_str(v)));
}
Result<Value> f_lower(Interpreter&, const Value& v, CallArgs&) {
    return Value(py_lower(to_str(v)));
}
Result<Value> f_title(Interpreter&, const Value& v, CallArgs&) {
    return Value(py_title(to_str(v)));
}
Result<Value> f_capitalize(Interpreter&, const Value& v, CallArgs&) {
    return Value(py_capitalize(to_str(v)));
}

Result<Value> f_escape(Interpreter&, const Value& v, CallArgs&) {
    std::string out;
    for (char c : to_str(v)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&#34;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return Value(std::move(out));
}

Result<Value> f_replace(Interpreter& in, const Value& v, CallArgs& args) {
    const Value *old = argument(args, 0, "old"), *with = argument(args, 1, "new"),
                *count = argument(args, 2, "count");
    if (!old || !with) {
        return Error{"replace() needs 'old' and 'new'"};
    }
    std::string r =
        py_replace(to_str(v), to_str(*old), to_str(*with),
                   count && count->is_number() ? count->as_int() : -1, in.limits().max_bytes);
    if (Result<void> ok = in.check_size(r.size()); !ok) {
        return ok.error();
    }
    return Value(std::move(r));
}

Result<Value> f_tojson(Interpreter& in, const Value& v, CallArgs& args) {
    JsonOptions o;
    o.ensure_ascii = flag(args, 0, "ensure_ascii");
    if (const Value* indent = argument(args, 1, "indent"); indent && !indent->is_none()) {
        if (indent->is_string()) {
            o.indent = indent->as_string();
        } else if (indent->is_int() || indent->is_bool()) {
            o.indent = std::string(size_t(std::clamp<int64_t>(indent->as_int(), 0, 64)), ' ');
        } else {
            return Error{"tojson: indent must be an integer or a string"};
        }
        o.item_separator = ",";
    }
    if (const Value* sep = argument(args, 2, "separators"); sep && !sep->is_none()) {
        if (!sep->is_list() || sep->list().items.size() != 2 || !sep->list().items[0].is_string() ||
            !sep->list().items[1].is_string()) {
            return Error{"tojson: separators must be a pair of strings"};
        }
        o.item_separator = sep->list().items[0].as_string();
        o.key_separator = sep->list().items[1].as_string();
    }
    o.sort_keys = flag(args, 3, "sort_keys");
    Result<std::string> json = to_json(v, o);
    if (!json) {
        return json.error();
    }
    if (Result<void> r = in.check_size(json->size()); !r) {
        return r.error();
    }
    return Value(std::move(*json));
}

// select / reject / selectattr / rejectattr: keep the items a test accepts (or rejects).
Result<Value> f_abs(Interpreter&, const Value& v, CallArgs&) {
    if (v.is_float()) {
        return Value(std::fabs(v.as_double()));
    }
    if (v.is_number() && v.as_int() != INT64_MIN) {
        return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
    }
    return Error{"bad operand type for abs(): '" + std::string(v.type_name()) + "'"};
}

// Python float(str): surrounding whitespace allowed, nothing else.
std::optional<double> parse_float(const std::string& text) {
    const std::string t = py_strip(text, std::nullopt, StripSide::Both);
    double d = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (t.empty() || ec != std::errc{} || end != t.data() + t.size()) {
        return std::nullopt;
    }
    return d;
}

Result<Value> f_float(Interpreter&, const Value& v, CallArgs& args) {
    if (v.is_number()) {
        return Value(v.as_double());
    }
    if (v.is_string()) {
        if (std::optional<double> d = parse_float(v.as_string())) {
            return Value(*d);
        }
    }
    const Value* fallback = argument(args, 0, "default");
    return fallback ? *fallback : Value(0.0);
}

Result<Value> f_int(Interpreter&, const Value& v, CallArgs& args) {
    if (v.is_int() || v.is_bool()) {
        return Value(v.as_int());
    }
    std::optional<double> d;
    if (v.is_float()) {
        d = v.as_double();
    } else if (v.is_string()) {
        const std::string t = py_strip(v.as_string(), std::nullopt, StripSide::Both);
        int64_t i = 0;
        const auto [end, ec] =
            std::from_chars(t.data() + (t.starts_with('+') ? 1 : 0), t.data() + t.size(), i);
        if (!t.empty() && ec == std::errc{} && end == t.data() + t.size()) {
            return Value(i);
        }
        d = parse_float(t);
    }
    if (d && std::isfinite(*d) && std::fabs(*d) < 9.2e18) {
        return Value(int64_t(std::trunc(*d)));
    }
    const Value* fallback = argument(args, 0, "default");
    return fallback ? *fallback : Value(0);
}

Result<Value> f_round(Interpreter&, const Value& v, CallArgs& args) {
    if (!v.is_number()) {
        return Error{"round() needs a number"};
    }
    const Value* precision = argument(args, 0, "precision");
    const Value* method = argument(args, 1, "method");
    const double scale =
        std::pow(10.0, precision && precision->is_number() ? double(precision->as_int()) : 0.0);
    const std::string how = method && method->is_string() ? method->as_string() : "common";
    const double x = v.as_double() * scale;
    const double r = how == "ceil"    ? std::ceil(x)
                     : how == "floor" ? std::floor(x)
                                      : std::nearbyint(x);
    return Value(r / scale);
}

Result<Value> f_indent(Interpreter& in, const Value& v, CallArgs& args) {
    const Value* width = argument(args, 0, "width");
    std::string pad =
        width && width->is_string()
            ? width->as_string()
            : std::string(size_t(std::clamp<int64_t>(
                              width && width->is_number() ? width->as_int() : 4, 0, 256)),
                          ' ');
    const std::vector<std::string> lines = py_splitlines(to_str(v) + "\n");
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            out += "\n";
            if (flag(args, 2, "blank") || !lines[i].empty()) {
                out += pad;
            }
        }
        out += lines[i];
        if (Result<void> r = in.check_size(out.size()); !r) {
            return r.error();
        }
    }
    return Value(flag(args, 1, "first") ? pad + out : out);
}

Result<Value> f_attr(Interpreter&, const Value& v, CallArgs& args) {
    const Value* name = argument(args, 0, "name");
    if (name == nullptr || !name->is_string()) {
        return Error{"attr() needs an attribute name"};
    }
    return get_attribute(v, name->as_string());
}

Result<Value> f_wordcount(Interpreter&, const Value& v, CallArgs&) {
    Result<std::vector<std::string>> words = py_split(to_str(v), std::nullopt, -1, false);
    return Value(int64_t(words ? words->size() : 0));
}

const std::map<std::string_view, Filter>& value_filters();

const std::map<std::string_view, Filter>& filters() {
    static const std::map<std::string_view, Filter> table = [] {
        std::map<std::string_view, Filter> all = detail::sequence_filters();
        all.insert(value_filters().begin(), value_filters().end());
        return all;
    }();
    return table;
}

const std::map<std::string_view, Filter>& value_filters() {
    static const std::map<std::string_view, Filter> table = {
        {"abs", f_abs},
        {"attr", f_attr},
        {"capitalize", f_capitalize},
        {"count", f_length},
        {"d", f_default},
        {"default", f_default},
        {"e", f_escape},
        {"escape", f_escape},
        {"float", f_float},
        {"forceescape", f_escape},
        {"indent", f_indent},
        {"int", f_int},
        {"length", f_length},
        {"lower", f_lower},

        {"replace", f_replace},
        {"round", f_round},
        {"safe", f_safe},
        {"string", f_string},
        {"title", f_title},
        {"tojson", f_tojson},
        {"trim", f_trim},
        {"upper", f_upper},
        {"wordcount", f_wordcount},
    };
    return table;
}

} // namespace

bool is_filter(std::string_view name) {
    return filters().contains(name);
}

Result<Value> apply_filter(Interpreter& in, std::string_view name, const Value& input,
                           CallArgs& args) {
    const auto it = filters().find(name);
    if (it == filters().end()) {
        return Error{"no filter named '" + std::string(name) + "'"};
    }
    // A filter reads its input and arguments about once (sort and unique compare more, and
    // each comparison is charged where it happens): charged by their size. A few only look
    // at a list's size or one end of it, or pass their input on: templates call those on
    // `messages` for every message, which must not make a long conversation quadratic.
    const bool reads_input =
        input.is_string() || (name != "length" && name != "count" && name != "first" &&
                              name != "last" && name != "default" && name != "d" && name != "safe");
    uint64_t steps = 1 + (reads_input ? work_size(input) : 0);
    for (const Value& a : args.positional) {
        steps += work_size(a);
    }
    if (Result<void> r = in.charge(steps); !r) {
        return r.error();
    }
    Result<Value> v = it->second(in, input, args);
    if (v) {
        if (Result<void> r = in.check_nesting(*v); !r) {
            return r.error();
        }
        if (Result<void> r = in.account(*v); !r) {
            return r.error();
        }
    }
    return v;
}

} // namespace hearth::jinja
