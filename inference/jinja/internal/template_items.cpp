// Item access (subscripts and slices of lists and strings, dict lookups) and iteration, as
// jinja2 does them for chat templates.
#include "template_builtins.h"
#include "template_eval.h"
#include "template_strings.h"
#include "text/utf8.h"

#include <algorithm>

namespace hearth::jinja {

namespace {

// Iterating a string makes one value per character: longer texts are refused.
constexpr size_t kMaxIteratedText = 1u << 20;

} // namespace

Value get_item(const Value& obj, const Value& key) {
    if ((obj.is_list() && !obj.list().generator) || obj.is_string()) {
        if (key.is_int() || key.is_bool()) {
            const int64_t n = obj.is_list() ? int64_t(obj.list().items.size())
                                            : int64_t(code_point_count(obj.as_string()));
            int64_t i = key.as_int();
            i += i < 0 ? n : 0;
            if (i >= 0 && i < n) {
                if (obj.is_list()) {
                    return obj.list().items[size_t(i)];
                }
                return Value(
                    from_code_points(to_code_points(obj.as_string()).substr(size_t(i), 1)));
            }
            return Value(Undefined{std::string(obj.type_name()) + " index out of range"});
        }
    } else if (obj.is_plain_dict()) {
        if (const Value* v = obj.dict().find(key)) {
            return *v;
        }
    }
    if (key.is_string()) {
        return get_attribute(obj, key.as_string());
    }
    return Value(
        Undefined{"'" + std::string(obj.type_name()) + " object' has no item " + repr(key)});
}

Result<Value> get_slice(Interpreter& in, const Value& obj, const Value& start, const Value& stop,
                        const Value& step) {
    for (const Value* v : {&start, &stop, &step}) {
        if (!v->is_none() && !v->is_int() && !v->is_bool()) {
            return Error{"slice indices must be integers or None"};
        }
    }
    const int64_t st = step.is_none() ? 1 : step.as_int();
    if (st == 0) {
        return Error{"slice step cannot be zero"};
    }
    const bool is_list = obj.is_list() && !obj.list().generator;
    if (!is_list && !obj.is_string()) {
        return Error{"'" + std::string(obj.type_name()) + "' object is not subscriptable"};
    }
    std::u32string cps;
    if (!is_list) {
        cps = to_code_points(obj.as_string());
    }
    const int64_t n = is_list ? int64_t(obj.list().items.size()) : int64_t(cps.size());
    // slice.indices(n): negative bounds count from the end, then clamp.
    const auto clamp = [&](const Value& v, int64_t fallback) {
        if (v.is_none()) {
            return fallback;
        }
        int64_t i = v.as_int();
        if (i < 0) {
            i = std::max(i + n, st < 0 ? int64_t(-1) : int64_t(0));
        } else if (i >= n) {
            i = st < 0 ? n - 1 : n;
        }
        return i;
    };
    const int64_t from = clamp(start, st < 0 ? n - 1 : 0);
    const int64_t to = clamp(stop, st < 0 ? -1 : n);
    std::vector<Value> items;
    std::u32string chars;
    for (int64_t i = from; st > 0 ? i < to : i > to;) {
        if (is_list) {
            items.push_back(obj.list().items[size_t(i)]);
        } else {
            chars += cps[size_t(i)];
        }
        if (__builtin_add_overflow(i, st, &i)) {
            break; // a step beyond the int64 range leaves the sequence anyway
        }
    }
    if (Result<void> r = in.charge(items.size() + chars.size()); !r) {
        return r.error();
    }
    if (is_list) {
        return Value::make_list(std::move(items), obj.list().tuple);
    }
    return Value(from_code_points(chars));
}

Result<std::vector<Value>> iterate(const Value& v) {
    if (v.is_list()) {
        return v.list().items;
    }
    if (v.is_plain_dict()) {
        std::vector<Value> keys;
        for (const auto& item : v.dict().items) {
            keys.push_back(item.first);
        }
        return keys;
    }
    if (v.is_string()) {
        // One value per character: refused for texts far longer than any template iterates.
        if (v.as_string().size() > kMaxIteratedText) {
            return Error{"a string of " + std::to_string(v.as_string().size()) +
                         " bytes is too long to iterate"};
        }
        std::vector<Value> chars;
        for (char32_t c : to_code_points(v.as_string())) {
            std::string s;
            text::append_utf8(s, c);
            chars.emplace_back(std::move(s));
        }
        return chars;
    }
    if (v.is_undefined()) {
        return std::vector<Value>{};
    }
    return Error{"'" + std::string(v.type_name()) + "' object is not iterable"};
}

} // namespace hearth::jinja
