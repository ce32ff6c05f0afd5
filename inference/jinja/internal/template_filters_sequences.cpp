// Jinja's filters on sequences and mappings: join, list, first/last, items, select/reject
// (and the attr forms), map, sort, dictsort, unique, min/max, reverse, sum.
#include "template_filters_internal.h"
#include "template_strings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <optional>
#include <unordered_map>

namespace hearth::jinja::detail {

namespace {

// Jinja's attribute paths ("a.b", "0") as used by map/selectattr/sort/join/sum.
Value lookup_path(const Value& item, const Value& path) {
    if (!path.is_string()) {
        return get_item(item, path);
    }
    Value v = item;
    const std::vector<std::string> parts =
        py_split(path.as_string(), std::string("."), -1, false).value();
    for (const std::string& part : parts) {
        if (v.is_undefined()) {
            return v;
        }
        int64_t index = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
        v = ec == std::errc{} && end == part.data() + part.size() ? get_item(v, Value(index))
                                                                  : get_item(v, Value(part));
    }
    return v;
}

Result<Value> f_join(Interpreter& in, const Value& v, CallArgs& args) {
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    const Value* sep = argument(args, 0, "d");
    const Value* attribute = argument(args, 1, "attribute");
    std::string out;
    for (size_t i = 0; i < items->size(); ++i) {
        if (i && sep) {
            out += to_str(*sep);
        }
        out += to_str(attribute ? lookup_path((*items)[i], *attribute) : (*items)[i]);
        if (Result<void> r = in.check_size(out.size()); !r) {
            return r.error();
        }
    }
    return Value(std::move(out));
}

Result<Value> f_list(Interpreter& in, const Value& v, CallArgs&) {
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    if (Result<void> r = in.charge(items->size()); !r) {
        return r.error();
    }
    return Value::make_list(std::move(*items));
}

Result<Value> f_first_last(const Value& v, bool first) {
    if (v.is_list() && !v.list().generator && !v.list().items.empty()) { // without a copy
        return first ? v.list().items.front() : v.list().items.back();
    }
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    if (!first && v.is_list() && v.list().generator) {
        return Error{"'generator' object is not reversible"};
    }
    if (items->empty()) {
        return Value(Undefined{first ? "No first item, sequence was empty."
                                     : "No last item, sequence was empty."});
    }
    return first ? items->front() : items->back();
}
Result<Value> f_first(Interpreter&, const Value& v, CallArgs&) {
    return f_first_last(v, true);
}
Result<Value> f_last(Interpreter&, const Value& v, CallArgs&) {
    return f_first_last(v, false);
}

Result<Value> f_items(Interpreter&, const Value& v, CallArgs&) {
    if (v.is_undefined()) {
        return Value::make_list({});
    }
    if (!v.is_plain_dict()) {
        return Error{"Can only get item pairs from a mapping."};
    }
    std::vector<Value> out;
    for (const auto& [k, val] : v.dict().items) {
        out.push_back(Value::make_list({k, val}, true));
    }
    return Value::make_list(std::move(out));
}

Result<Value> select(Interpreter& in, const Value& v, CallArgs& args, bool with_attr, bool keep) {
    if (!truthy(v)) {
        return generator({}); // Jinja guards with "if value:", so None selects nothing
    }
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    const size_t first = with_attr ? 1 : 0;
    if (with_attr && args.positional.empty()) {
        return Error{"missing attribute argument"};
    }
    CallArgs test_args;
    if (args.positional.size() > first + 1) {
        test_args.positional.assign(args.positional.begin() + long(first) + 1,
                                    args.positional.end());
    }
    std::vector<Value> out;
    for (const Value& item : *items) {
        const Value subject = with_attr ? lookup_path(item, args.positional[0]) : item;
        bool ok = truthy(subject);
        if (args.positional.size() > first) {
            if (!args.positional[first].is_string()) {
                return Error{"the test name must be a string"};
            }
            const std::string& test = args.positional[first].as_string();
            if (!is_test(test)) {
                return Error{"no test named '" + test + "'"};
            }
            Result<bool> r = apply_test(in, test, subject, test_args);
            if (!r) {
                return r.error();
            }
            ok = *r;
        }
        if (ok == keep) {
            out.push_back(item);
        }
    }
    return generator(std::move(out));
}
Result<Value> f_select(Interpreter& in, const Value& v, CallArgs& a) {
    return select(in, v, a, false, true);
}
Result<Value> f_reject(Interpreter& in, const Value& v, CallArgs& a) {
    return select(in, v, a, false, false);
}
Result<Value> f_selectattr(Interpreter& in, const Value& v, CallArgs& a) {
    return select(in, v, a, true, true);
}
Result<Value> f_rejectattr(Interpreter& in, const Value& v, CallArgs& a) {
    return select(in, v, a, true, false);
}

Result<Value> f_map(Interpreter& in, const Value& v, CallArgs& args) {
    if (!truthy(v)) {
        return generator({});
    }
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    std::vector<Value> out;
    if (const Value* attribute = args.find("attribute")) {
        const Value* fallback = args.find("default");
        for (const Value& item : *items) {
            Value x = lookup_path(item, *attribute);
            out.push_back(x.is_undefined() && fallback ? *fallback : x);
        }
        return generator(std::move(out));
    }
    if (args.positional.empty() || !args.positional[0].is_string() ||
        !is_filter(args.positional[0].as_string())) {
        return Error{"map() needs a filter name or attribute="};
    }
    CallArgs rest;
    rest.positional.assign(args.positional.begin() + 1, args.positional.end());
    rest.keyword = args.keyword;
    for (const Value& item : *items) {
        Result<Value> r = apply_filter(in, args.positional[0].as_string(), item, rest);
        if (!r) {
            return r;
        }
        out.push_back(std::move(*r));
    }
    return generator(std::move(out));
}

// The key sort/dictsort/min/max/unique compare: lower-cased strings unless case_sensitive.
Value sort_key(const Value& v, bool case_sensitive) {
    return !case_sensitive && v.is_string() ? Value(py_lower(v.as_string())) : v;
}

Result<Value> sorted(std::vector<Value> items, const std::function<Value(const Value&)>& key,
                     bool reverse) {
    std::optional<Error> failure;
    std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
        Result<int> c = compare(key(a), key(b), "<");
        if (!c) {
            failure = c.error();
            return false;
        }
        return reverse ? *c > 0 : *c < 0;
    });
    if (failure) {
        return *failure;
    }
    return Value::make_list(std::move(items));
}

Result<Value> f_sort(Interpreter&, const Value& v, CallArgs& args) {
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    const bool cs = flag(args, 1, "case_sensitive");
    const Value* attribute = argument(args, 2, "attribute");
    return sorted(
        std::move(*items),
        [&](const Value& x) { return sort_key(attribute ? lookup_path(x, *attribute) : x, cs); },
        flag(args, 0, "reverse"));
}

Result<Value> f_dictsort(Interpreter& in, const Value& v, CallArgs& args) {
    Result<Value> pairs = f_items(in, v, args);
    if (!pairs) {
        return pairs;
    }
    const bool cs = flag(args, 0, "case_sensitive");
    const Value* by = argument(args, 1, "by");
    const size_t index = by && by->is_string() && by->as_string() == "value" ? 1 : 0;
    return sorted(
        pairs->list().items, [&](const Value& p) { return sort_key(p.list().items[index], cs); },
        flag(args, 2, "reverse"));
}

// A hash consistent with equals() for what Python can put in a set: numbers by value (1,
// 1.0 and True alike), strings, None, undefined, tuples of these, and callables and
// namespaces by identity. Lists and dicts are unhashable, as in Python.
Result<size_t> hash_key(const Value& v) {
    switch (v.type()) {
    case Value::Type::Undefined:
        return size_t(1);
    case Value::Type::None:
        return size_t(2);
    case Value::Type::Bool:
    case Value::Type::Int:
        return std::hash<int64_t>{}(v.as_int());
    case Value::Type::Float: {
        const double d = v.as_double();
        // An integral float equals the int of the same value, so it hashes like one.
        if (d == std::trunc(d) && d >= -0x1p63 && d < 0x1p63) {
            return std::hash<int64_t>{}(int64_t(d));
        }
        return std::hash<double>{}(d);
    }
    case Value::Type::String:
        return std::hash<std::string>{}(v.as_string());
    case Value::Type::List: {
        if (!v.list().tuple) {
            return Error{"unhashable type: 'list'"};
        }
        size_t h = 3;
        for (const Value& item : v.list().items) {
            Result<size_t> part = hash_key(item); // tuples nest no deeper than lists may
            if (!part) {
                return part;
            }
            h = h * 1000003 ^ *part;
        }
        return h;
    }
    case Value::Type::Dict:
        if (v.dict().kind == DictKind::Plain) {
            return Error{"unhashable type: 'dict'"};
        }
        return std::hash<const void*>{}(&v.dict());
    case Value::Type::Callable:
        return std::hash<const void*>{}(&v.callable());
    }
    return size_t(0);
}

// Jinja's unique keeps a set of the keys seen: one hash look-up per item, not a comparison
// with every earlier one.
Result<Value> f_unique(Interpreter&, const Value& v, CallArgs& args) {
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    const bool cs = flag(args, 0, "case_sensitive");
    const Value* attribute = argument(args, 1, "attribute");
    std::vector<Value> out, keys;
    std::unordered_multimap<size_t, size_t> seen; // hash -> index into keys
    for (const Value& item : *items) {
        Value key = sort_key(attribute ? lookup_path(item, *attribute) : item, cs);
        Result<size_t> hash = hash_key(key);
        if (!hash) {
            return hash.error();
        }
        const auto [first, last] = seen.equal_range(*hash);
        if (std::none_of(first, last, [&](const auto& s) { return equals(keys[s.second], key); })) {
            seen.emplace(*hash, keys.size());
            keys.push_back(std::move(key));
            out.push_back(item);
        }
    }
    return generator(std::move(out));
}

Result<Value> min_max(const Value& v, CallArgs& args, bool want_max) {
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    const bool cs = flag(args, 0, "case_sensitive");
    const Value* attribute = argument(args, 1, "attribute");
    const auto key = [&](const Value& x) {
        return sort_key(attribute ? lookup_path(x, *attribute) : x, cs);
    };
    if (items->empty()) {
        return Value(Undefined{"No aggregated item, sequence was empty."});
    }
    Value best = items->front();
    for (const Value& item : *items) {
        Result<int> c = compare(key(item), key(best), want_max ? ">" : "<");
        if (!c) {
            return c.error();
        }
        if (want_max ? *c > 0 : *c < 0) {
            best = item;
        }
    }
    return best;
}
Result<Value> f_min(Interpreter&, const Value& v, CallArgs& a) {
    return min_max(v, a, false);
}
Result<Value> f_max(Interpreter&, const Value& v, CallArgs& a) {
    return min_max(v, a, true);
}

Result<Value> f_reverse(Interpreter&, const Value& v, CallArgs&) {
    if (v.is_string()) {
        std::u32string cps = to_code_points(v.as_string());
        std::reverse(cps.begin(), cps.end());
        return Value(from_code_points(cps));
    }
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    std::reverse(items->begin(), items->end());
    return generator(std::move(*items));
}

Result<Value> f_sum(Interpreter& in, const Value& v, CallArgs& args) {
    Result<std::vector<Value>> items = items_of(v);
    if (!items) {
        return items.error();
    }
    const Value* attribute = argument(args, 0, "attribute");
    const Value* start = argument(args, 1, "start");
    Value total = start ? *start : Value(0);
    for (const Value& item : *items) {
        Result<Value> r =
            binary_op(in, "+", total, attribute ? lookup_path(item, *attribute) : item);
        if (!r) {
            return r;
        }
        total = std::move(*r);
    }
    return total;
}

} // namespace

const std::map<std::string_view, Filter>& sequence_filters() {
    static const std::map<std::string_view, Filter> table = {
        {"join", f_join},
        {"list", f_list},
        {"first", f_first},
        {"last", f_last},
        {"items", f_items},
        {"select", f_select},
        {"reject", f_reject},
        {"selectattr", f_selectattr},
        {"rejectattr", f_rejectattr},
        {"map", f_map},
        {"sort", f_sort},
        {"dictsort", f_dictsort},
        {"unique", f_unique},
        {"min", f_min},
        {"max", f_max},
        {"reverse", f_reverse},
        {"sum", f_sum},
    };
    return table;
}

} // namespace hearth::jinja::detail
