// Built-ins of the chat-template interpreter: Jinja's filters and tests
// (template_filters.cpp), attribute/item access and the Python methods of str, dict and list
// (template_methods.cpp), and the global functions transformers provides (range, dict,
// namespace, raise_exception, strftime_now; template_globals.cpp).
//
// Attribute access follows jinja2.sandbox: obj.name is first a method of the object's type
// (so dict.items is the method, not a key "items"), then obj['name']; obj[key] is first the
// item, then a method; anything missing is undefined. Methods that change lists or dicts
// (append, pop, update, ...) are refused as in ImmutableSandboxedEnvironment.
#pragma once

#include "jinja.h"
#include "jinja_value.h"
#include "result.h"

#include <ctime>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

bool is_filter(std::string_view name);
bool is_test(std::string_view name);
Result<Value> apply_filter(Interpreter& in, std::string_view name, const Value& input,
                           CallArgs& args);
Result<bool> apply_test(Interpreter& in, std::string_view name, const Value& value, CallArgs& args);

Value get_attribute(const Value& obj, std::string_view name);
Value get_item(const Value& obj, const Value& key);
// obj[start:stop:step] for strings (by code point) and lists; each bound may be undefined/none.
Result<Value> get_slice(Interpreter& in, const Value& obj, const Value& start, const Value& stop,
                        const Value& step);
// True when obj.name is a method (so a call can go straight to call_method).
bool has_method(const Value& obj, std::string_view name);
Result<Value> call_method(Interpreter& in, const Value& obj, std::string_view name, CallArgs& args);
// The elements a for loop visits: list items, dict keys, string characters; undefined is
// empty; anything else is an Error.
Result<std::vector<Value>> iterate(const Value& v);

// time.strftime in the C locale (English names) for %a %A %b %B %d %e %H %I %j %m %M %p %S
// %y %Y %F %T %% and glibc's unpadded "%-d" forms; other conversions are copied as written.
std::string strftime_c_locale(const std::tm& time, std::string_view format);

// Positional-or-keyword argument `index`/`name` of a built-in, or `fallback`.
const Value* argument(const CallArgs& args, size_t index, std::string_view name);

} // namespace hearth::jinja
