// A strict JSON reader for archives (RFC 8259), where anything a lenient parser would
// quietly repair is an error naming its line and column instead: text that is not UTF-8, a
// lone UTF-16 surrogate in an escape (\ud800), a key twice in one object, control
// characters in strings, anything after the document.
//
// It reads a value whole (Value) or an object or array a member at a time, so that an
// archive's long arrays are turned into records one element after another without the
// whole document ever being held as a tree: importing needs about the file's size again in
// memory, not several times it.
#pragma once

#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hearth::storage::json {

class Value;
using Array = std::vector<Value>;
using Object = std::vector<std::pair<std::string, Value>>; // in file order, keys unique

struct Number {
    double value = 0;
    std::optional<int64_t> integer; // written as an integer (no fraction or exponent) in range
};

class Value {
public:
    Value() = default;
    explicit Value(bool b) : v_(b) {}
    explicit Value(Number n) : v_(n) {}
    explicit Value(std::string s) : v_(std::move(s)) {}
    explicit Value(Array a) : v_(std::move(a)) {}
    explicit Value(Object o) : v_(std::move(o)) {}

    bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
    bool is_bool() const { return std::holds_alternative<bool>(v_); }
    bool is_number() const { return std::holds_alternative<Number>(v_); }
    bool is_string() const { return std::holds_alternative<std::string>(v_); }
    bool is_array() const { return std::holds_alternative<Array>(v_); }
    bool is_object() const { return std::holds_alternative<Object>(v_); }

    bool boolean() const { return std::get<bool>(v_); }
    const Number& number() const { return std::get<Number>(v_); }
    std::string& string() { return std::get<std::string>(v_); }
    Array& array() { return std::get<Array>(v_); }
    Object& object() { return std::get<Object>(v_); }

private:
    std::variant<std::nullptr_t, bool, Number, std::string, Array, Object> v_ = nullptr;
};

class Reader {
public:
    // `text` must outlive the reader.
    explicit Reader(std::string_view text) : text_(text) {}

    // The next value, whole.
    Result<Value> value();

    // An object a member at a time: begin_object(), then next_key() before each member's
    // value (read it with value() or the begin_ functions); next_key() gives nullopt after
    // the closing brace. The caller checks for keys given twice.
    Result<void> begin_object();
    Result<std::optional<std::string>> next_key();
    // An array an element at a time: begin_array(), then next_element() before each
    // element; false after the closing bracket.
    Result<void> begin_array();
    Result<bool> next_element();

    // Whether the next value is an object / an array (after skipping whitespace).
    bool at_object();
    bool at_array();
    // After the document: only whitespace may follow.
    Result<void> end();

private:
    Error error(std::string_view what) const;
    void skip_space();
    bool eat(char c);
    Result<void> expect(char c, std::string_view what);
    Result<std::string> string();
    Result<Value> number();
    Result<Value> literal();
    Result<Value> value_at(int depth);
    Result<void> close_or_comma(char close, bool& more);

    std::string_view text_;
    size_t pos_ = 0;
    // Per open object or array read a member at a time: whether a member was read yet.
    std::vector<bool> started_;
};

} // namespace hearth::storage::json
