// Global functions a chat template can call: Jinja's range, dict and namespace, and the two
// transformers adds (raise_exception, strftime_now).
#include "template_builtins.h"
#include "template_eval.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace hearth::jinja {

namespace {

// jinja2.sandbox.MAX_RANGE: a longer range() is refused.
constexpr int64_t kMaxRange = 100000;

Result<Value> range(Interpreter& in, CallArgs& args) {
    std::array<int64_t, 3> v{0, 0, 1};
    const size_t n = args.positional.size();
    if (n < 1 || n > 3 || !args.keyword.empty()) {
        return Error{"range expected 1 to 3 integer arguments"};
    }
    for (const Value& a : args.positional) {
        if (!a.is_int() && !a.is_bool()) {
            return Error{"range() arguments must be integers"};
        }
    }
    if (n == 1) {
        v[1] = args.positional[0].as_int();
    } else {
        v[0] = args.positional[0].as_int();
        v[1] = args.positional[1].as_int();
        v[2] = n == 3 ? args.positional[2].as_int() : 1;
    }
    if (v[2] == 0) {
        return Error{"range() arg 3 must not be zero"};
    }
    // Counted in double: start/stop may be far apart without overflowing.
    const double count = (double(v[1]) - double(v[0])) / double(v[2]);
    if (count > double(kMaxRange)) {
        return Error{"Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000)."};
    }
    std::vector<Value> items;
    for (int64_t i = v[0]; v[2] > 0 ? i < v[1] : i > v[1];) {
        items.emplace_back(i);
        if (__builtin_add_overflow(i, v[2], &i)) {
            break;
        }
    }
    if (Result<void> r = in.charge(items.size()); !r) {
        return r.error();
    }
    return Value::make_list(std::move(items));
}

// Copies a mapping (or a list of pairs) and the keyword arguments into `target`.
Result<void> fill(DictData& target, const CallArgs& args, std::string_view function) {
    if (args.positional.size() > 1) {
        return Error{std::string(function) + " expected at most 1 positional argument"};
    }
    if (!args.positional.empty()) {
        const Value& source = args.positional[0];
        if (source.is_plain_dict() ||
            (source.is_dict() && source.dict().kind == DictKind::Namespace)) {
            for (const auto& [k, v] : source.dict().items) {
                target.set(k, v);
            }
        } else if (source.is_list()) {
            for (const Value& pair : source.list().items) {
                if (!pair.is_list() || pair.list().items.size() != 2) {
                    return Error{std::string(function) + ": sequence elements must be pairs"};
                }
                target.set(pair.list().items[0], pair.list().items[1]);
            }
        } else {
            return Error{std::string(function) + ": '" + std::string(source.type_name()) +
                         "' object is not a mapping"};
        }
    }
    for (const auto& [k, v] : args.keyword) {
        target.set(Value(k), v);
    }
    return {};
}

constexpr std::array<std::string_view, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

} // namespace

std::string strftime_c_locale(const std::tm& t, std::string_view format) {
    std::string out;
    const auto num = [&](int value, int width, bool pad) {
        char buf[32];
        std::snprintf(buf, sizeof buf, pad ? "%0*d" : "%*d", width, value);
        out += buf;
    };
    const int day = std::clamp(t.tm_wday, 0, 6), month = std::clamp(t.tm_mon, 0, 11);
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            out += format[i];
            continue;
        }
        char c = format[++i];
        // glibc's "%-d": no padding.
        const bool no_pad = c == '-' && i + 1 < format.size();
        if (no_pad) {
            c = format[++i];
        }
        const int w = no_pad ? 1 : 2;
        switch (c) {
        case 'a':
            out += kDays[size_t(day)].substr(0, 3);
            break;
        case 'A':
            out += kDays[size_t(day)];
            break;
        case 'b':
        case 'h':
            out += kMonths[size_t(month)].substr(0, 3);
            break;
        case 'B':
            out += kMonths[size_t(month)];
            break;
        case 'd':
            num(t.tm_mday, w, true);
            break;
        case 'e':
            num(t.tm_mday, no_pad ? 1 : 2, false);
            break;
        case 'H':
            num(t.tm_hour, w, true);
            break;
        case 'I':
            num(t.tm_hour % 12 == 0 ? 12 : t.tm_hour % 12, w, true);
            break;
        case 'j':
            num(t.tm_yday + 1, no_pad ? 1 : 3, true);
            break;
        case 'm':
            num(t.tm_mon + 1, w, true);
            break;
        case 'M':
            num(t.tm_min, w, true);
            break;
        case 'p':
            out += t.tm_hour < 12 ? "AM" : "PM";
            break;
        case 'S':
            num(t.tm_sec, w, true);
            break;
        case 'y':
            num((t.tm_year + 1900) % 100, w, true);
            break;
        case 'Y':
            num(t.tm_year + 1900, 1, true);
            break;
        case 'F':
            out += strftime_c_locale(t, "%Y-%m-%d");
            break;
        case 'T':
            out += strftime_c_locale(t, "%H:%M:%S");
            break;
        case '%':
            out += '%';
            break;
        default:
            out += '%';
            if (no_pad) {
                out += '-';
            }
            out += c;
        }
    }
    return out;
}

std::tm local_now() {
    const std::time_t now = std::time(nullptr);
    std::tm t{};
    localtime_r(&now, &t);
    return t;
}

Variables builtin_globals(Clock clock) {
    Variables g;
    g.emplace_back("range", Value::make_function("range", range));
    g.emplace_back(
        "dict", Value::make_function("dict", [](Interpreter& in, CallArgs& args) -> Result<Value> {
            Value d = Value::make_dict();
            if (Result<void> r = fill(d.dict(), args, "dict"); !r) {
                return r.error();
            }
            if (Result<void> r = in.check_nesting(d); !r) {
                return r.error();
            }
            return d;
        }));
    g.emplace_back(
        "namespace",
        Value::make_function("namespace", [](Interpreter& in, CallArgs& args) -> Result<Value> {
            Value ns = in.make_namespace();
            if (Result<void> r = fill(ns.dict(), args, "namespace"); !r) {
                return r.error();
            }
            if (Result<void> r = in.check_nesting(ns); !r) {
                return r.error();
            }
            return ns;
        }));
    g.emplace_back(
        "raise_exception",
        Value::make_function("raise_exception", [](Interpreter&, CallArgs& args) -> Result<Value> {
            return Error{"the template raised an error: " +
                         (args.positional.empty() ? std::string() : to_str(args.positional[0]))};
        }));
    g.emplace_back(
        "strftime_now",
        Value::make_function(
            "strftime_now", [clock](Interpreter&, CallArgs& args) -> Result<Value> {
                const Value* format = argument(args, 0, "format");
                if (format == nullptr || !format->is_string()) {
                    return Error{"strftime_now() needs a format string"};
                }
                return Value(strftime_c_locale(clock ? clock() : local_now(), format->as_string()));
            }));
    return g;
}

} // namespace hearth::jinja
