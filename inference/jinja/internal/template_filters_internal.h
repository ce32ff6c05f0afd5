// Internals shared by the filter files: the filter function type, argument helpers and the
// generator results of select/map/unique/reverse.
#pragma once

#include "template_builtins.h"
#include "template_eval.h"

#include <map>
#include <string_view>
#include <vector>

namespace hearth::jinja::detail {

using Filter = Result<Value> (*)(Interpreter&, const Value&, CallArgs&);

inline Value generator(std::vector<Value> items) {
    Value v = Value::make_list(std::move(items));
    v.list().generator = true;
    return v;
}

inline bool flag(const CallArgs& args, size_t i, std::string_view name, bool fallback = false) {
    const Value* v = argument(args, i, name);
    return v ? truthy(*v) : fallback;
}

inline Result<std::vector<Value>> items_of(const Value& v) {
    return iterate(v);
}

// Filters on sequences and mappings (template_filters_sequences.cpp).
const std::map<std::string_view, Filter>& sequence_filters();

} // namespace hearth::jinja::detail
