// A streaming JSON writer with a fixed layout: two-space indentation, keys in the order they
// are written, numbers in their shortest exact form. The same data always gives the same
// bytes, which the lossless export promises (export -> import -> export is identical).
#pragma once

#include <QIODevice>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::storage {

class JsonWriter {
public:
    explicit JsonWriter(QIODevice& out) : out_(out) {}

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // The key of the next value in the current object.
    JsonWriter& key(std::string_view name);

    void value(std::string_view text);
    void value(const std::string& text) { value(std::string_view(text)); }
    void value(const char* text) { value(std::string_view(text)); }
    void value(int64_t number);
    void value(double number); // non-finite numbers are written as null (JSON has none)
    void value(bool flag);
    void null();
    template <class T> void value(const std::optional<T>& v) {
        if (v) {
            value(*v);
        } else {
            null();
        }
    }

    // Writes what is buffered; false when the device refused some of it.
    bool flush();
    bool failed() const { return failed_; }

private:
    void before_value();
    void newline();
    void write_string(std::string_view text);

    QIODevice& out_;
    std::string buffer_;
    struct Level {
        bool object;
        int count;
    };
    std::vector<Level> levels_;
    bool after_key_ = false;
    bool failed_ = false;
};

} // namespace hearth::storage
