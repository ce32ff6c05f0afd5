#include "jsonwriter.h"

#include <QByteArray>
#include <QLocale>
#include <cmath>

namespace hearth::storage {

namespace {

constexpr size_t kFlushAt = 1 << 16;

// Length of the valid UTF-8 sequence at the start of `text`, or 0 when it is not one (a
// stray continuation byte, a truncated or overlong sequence, a surrogate, > U+10FFFF).
size_t utf8_sequence(std::string_view text) {
    const auto b0 = static_cast<unsigned char>(text[0]);
    size_t length = 0;
    uint32_t cp = 0;
    if (b0 < 0x80) {
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        length = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (text.size() < length) {
        return 0;
    }
    for (size_t i = 1; i < length; ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return length;
}

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
