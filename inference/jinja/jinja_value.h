// Values of the chat-template interpreter: the Python objects a Jinja template sees
// (undefined, None, bool, int, float, str, list/tuple, dict, namespace, callables), with
// Python's str(), repr(), truthiness, equality, ordering and json.dumps.
//
// Lists and dicts are shared (std::shared_ptr): templates run in an immutable sandbox, so
// only namespaces (and the loop object the interpreter builds) are ever changed in place.
// Dicts keep insertion order, like Python's.
#pragma once

#include "result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hearth::jinja {

class Value;
class Interpreter;

// An undefined value remembers what was looked up, for error messages ("'x' is undefined").
struct Undefined {
    std::string name;
};
struct None {};

// Containers record how deeply they nest (1 + the deepest element) so the interpreter can
// refuse structures deep enough to exhaust the stack of the recursive algorithms below.
struct ListData {
    std::vector<Value> items;
    uint32_t depth = 1;
    bool tuple = false;     // prints as (a, b)
    bool generator = false; // select/map results: always true, no len(), printed opaquely
};

enum class DictKind { Plain, Namespace, Loop };

struct DictData {
    std::vector<std::pair<Value, Value>> items;
    DictKind kind = DictKind::Plain;
    uint32_t depth = 1;

    const Value* find(const Value& key) const;
    const Value* find_name(std::string_view key) const;
    void set(Value key, Value value);
};

// Arguments of a call: positional, then keyword (in the order written).
struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;

    const Value* find(std::string_view name) const;
};

// Built-in functions, bound methods and macros.
struct Callable {
    std::string name;
    std::function<Result<Value>(Interpreter&, CallArgs&)> call;
};

// Named values: a template's globals, keyword arguments.
using Variables = std::vector<std::pair<std::string, Value>>;

using ListPtr = std::shared_ptr<ListData>;
using DictPtr = std::shared_ptr<DictData>;
using CallablePtr = std::shared_ptr<const Callable>;

class Value {
public:
    enum class Type { Undefined, None, Bool, Int, Float, String, List, Dict, Callable };

    Value() : v_(Undefined{}) {}
    Value(Undefined u) : v_(std::move(u)) {}
    Value(None) : v_(None{}) {}
    Value(bool b) : v_(b) {}
    Value(int i) : v_(int64_t(i)) {}
    Value(int64_t i) : v_(i) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}
    Value(const char* s) : Value(std::string(s)) {}
    Value(ListPtr l) : v_(std::move(l)) {}
    Value(DictPtr d) : v_(std::move(d)) {}
    Value(CallablePtr c) : v_(std::move(c)) {}

    static Value make_list(std::vector<Value> items, bool tuple = false);
    static Value make_dict(DictKind kind = DictKind::Plain);
    static Value make_function(std::string name,
                               std::function<Result<Value>(Interpreter&, CallArgs&)> call);

    Type type() const { return Type(v_.index()); }
    bool is_undefined() const { return type() == Type::Undefined; }
    bool is_none() const { return type() == Type::None; }
    bool is_bool() const { return type() == Type::Bool; }
    bool is_int() const { return type() == Type::Int; }
    bool is_float() const { return type() == Type::Float; }
    // int, float or bool (Python's bool is an int).
    bool is_number() const { return is_int() || is_float() || is_bool(); }
    bool is_string() const { return type() == Type::String; }
    bool is_list() const { return type() == Type::List; }
    bool is_dict() const { return type() == Type::Dict; }
    bool is_callable() const { return type() == Type::Callable; }
    bool is_plain_dict() const { return is_dict() && dict().kind == DictKind::Plain; }

    bool as_bool() const { return std::get<bool>(v_); }
    int64_t as_int() const { return is_bool() ? int64_t(as_bool()) : std::get<int64_t>(v_); }
    // Any number as a double.
    double as_double() const;
    const std::string& as_string() const { return *std::get<StringPtr>(v_); }
    ListData& list() const { return *std::get<ListPtr>(v_); }
    DictData& dict() const { return *std::get<DictPtr>(v_); }
    const Callable& callable() const { return *std::get<CallablePtr>(v_); }
    const std::string& undefined_name() const { return std::get<Undefined>(v_).name; }

    // Python's type name, for error messages ("str", "int", "list", "dict", ...).
    std::string_view type_name() const;

private:
    // Strings are shared like containers: copying a value never copies its text.
    using StringPtr = std::shared_ptr<const std::string>;
    std::variant<Undefined, None, bool, int64_t, double, StringPtr, ListPtr, DictPtr, CallablePtr>
        v_;
};

// Nesting depth: 0 for scalars, ListData/DictData::depth for containers.
uint32_t nesting(const Value& v);
// The steps (template_budget.h) of reading `v` once: its elements, or its length in text.
uint64_t work_size(const Value& v);

// str(value) as Jinja prints it: undefined is "", None is "None", floats as repr.
std::string to_str(const Value& v);
// repr(value): strings quoted; used inside lists and dicts.
std::string repr(const Value& v);
// bool(value).
bool truthy(const Value& v);
// ==, deep for lists and dicts; 1 == 1.0 == True.
bool equals(const Value& a, const Value& b);
// <, <=, >, >= as -1/0/1 for numbers, strings and lists; other pairs are an Error as in
// Python ("'<' not supported between instances of 'str' and 'int'").
Result<int> compare(const Value& a, const Value& b, std::string_view op);

struct JsonOptions {
    std::optional<std::string> indent; // none: one line
    std::string item_separator = ", ";
    std::string key_separator = ": ";
    bool sort_keys = false;
    bool ensure_ascii = false;
};
// json.dumps(value) with the given options; undefined, callables and namespaces are an Error.
Result<std::string> to_json(const Value& v, const JsonOptions& options);

} // namespace hearth::jinja
