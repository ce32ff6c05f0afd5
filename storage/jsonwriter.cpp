#include "jsonwriter.h"

#include "utf8sequence.h"

#include <QByteArray>
#include <QLocale>
#include <cmath>

namespace hearth::storage {

namespace {

constexpr size_t kFlushAt = 1 << 16;

} // namespace

void JsonWriter::newline() {
    buffer_ += '\n';
    buffer_.append(levels_.size() * 2, ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!levels_.empty()) {
        if (levels_.back().count++ > 0) {
            buffer_ += ',';
        }
        newline();
    }
}

void JsonWriter::begin_object() {
    before_value();
    buffer_ += '{';
    levels_.push_back({true, 0});
}

void JsonWriter::end_object() {
    const bool empty = levels_.back().count == 0;
    levels_.pop_back();
    if (!empty) {
        newline();
    }
    buffer_ += '}';
    if (levels_.empty()) {
        buffer_ += '\n';
    }
    if (buffer_.size() >= kFlushAt) {
        flush();
    }
}

void JsonWriter::begin_array() {
    before_value();
    buffer_ += '[';
    levels_.push_back({false, 0});
}

void JsonWriter::end_array() {
    const bool empty = levels_.back().count == 0;
    levels_.pop_back();
    if (!empty) {
        newline();
    }
    buffer_ += ']';
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    write_string(name);
    buffer_ += ": ";
    after_key_ = true;
    return *this;
}

void JsonWriter::value(std::string_view text) {
    before_value();
    write_string(text);
}

void JsonWriter::value(int64_t number) {
    before_value();
    buffer_ += std::to_string(number);
}

void JsonWriter::value(double number) {
    if (!std::isfinite(number)) {
        null();
        return;
    }
    before_value();
    // Shortest text that reads back as the same double ("0.7", not "0.69999999999999996").
    buffer_ += QByteArray::number(number, 'g', QLocale::FloatingPointShortest).toStdString();
}

void JsonWriter::value(bool flag) {
    before_value();
    buffer_ += flag ? "true" : "false";
}

void JsonWriter::null() {
    before_value();
    buffer_ += "null";
}

void JsonWriter::write_string(std::string_view text) {
    // UTF-8 passes through; quotes, backslashes and control characters are escaped. Bytes
    // that are not UTF-8 (a model can emit half a character) become U+FFFD, so the file
    // always parses.
    static constexpr char kHex[] = "0123456789abcdef";
    buffer_ += '"';
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8_sequence(text.substr(i));
        if (length == 0) {
            buffer_ += "\\ufffd";
            ++i;
            continue;
        }
        if (length > 1) {
            buffer_.append(text.substr(i, length));
            i += length;
            continue;
        }
        const char c = text[i++];
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            buffer_ += "\\\"";
            break;
        case '\\':
            buffer_ += "\\\\";
            break;
        case '\n':
            buffer_ += "\\n";
            break;
        case '\r':
            buffer_ += "\\r";
            break;
        case '\t':
            buffer_ += "\\t";
            break;
        case '\b':
            buffer_ += "\\b";
            break;
        case '\f':
            buffer_ += "\\f";
            break;
        default:
            if (u < 0x20) {
                buffer_ += "\\u00";
                buffer_ += kHex[u >> 4];
                buffer_ += kHex[u & 15];
            } else {
                buffer_ += c;
            }
        }
    }
    buffer_ += '"';
}

bool JsonWriter::flush() {
    if (!buffer_.empty()) {
        const auto size = static_cast<qint64>(buffer_.size());
        if (out_.write(buffer_.data(), size) != size) {
            failed_ = true;
        }
        buffer_.clear();
    }
    return !failed_;
}

} // namespace hearth::storage
