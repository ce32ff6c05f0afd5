// Python's text representations the templates' output depends on: repr() of floats and
// strings, json.dumps' string escapes, and the decoding of string literals.
#include "template_strings.h"
#include "text/utf8.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace hearth::jinja {

std::string float_repr(double value) {
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-inf" : "inf";
    }
    // Shortest round-trip digits in scientific form, e.g. "-1.2345e+02".
    std::array<char, 64> buf{};
    const auto res =
        std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
    std::string_view sci(buf.data(), size_t(res.ptr - buf.data()));
    std::string out;
    if (sci.front() == '-') {
        out += '-';
        sci.remove_prefix(1);
    }
    const size_t e = sci.find('e');
    std::string digits;
    for (char c : sci.substr(0, e)) {
        if (c != '.') {
            digits += c;
        }
    }
    int exponent = 0;
    std::string_view exp_text = sci.substr(e + 1);
    if (!exp_text.empty() && exp_text.front() == '+') {
        exp_text.remove_prefix(1);
    }
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
    if (exponent >= -4 && exponent <= 15) {
        if (exponent >= 0) {
            const size_t int_len = size_t(exponent) + 1;
            if (digits.size() <= int_len) {
                out += digits + std::string(int_len - digits.size(), '0') + ".0";
            } else {
                out += digits.substr(0, int_len) + "." + digits.substr(int_len);
            }
        } else {
            out += "0." + std::string(size_t(-exponent - 1), '0') + digits;
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
        out += "." + digits.substr(1);
    }
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+',
                  exponent < 0 ? -exponent : exponent);
    return out + exp_buf;
}

namespace {

// str.isprintable() for the characters text is likely to hold: controls (Cc), the format
// characters (Cf) of Latin-1 and General Punctuation, and separators other than ' ' (Z*).
bool printable(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) {
        return false;
    }
    return !(c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
             (c >= 0x205F && c <= 0x2064) || c == 0x3000 || c == 0xFEFF);
}

} // namespace

std::string string_repr(std::string_view text) {
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (char32_t c : to_code_points(text)) {
        char buf[16];
        if (c == char32_t(quote) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (!printable(c)) {
            std::snprintf(buf, sizeof buf, c <= 0xFF ? "\\x%02x" : "\\u%04x", unsigned(c));
            out += buf;
        } else {
            text::append_utf8(out, c);
        }
    }
    out += quote;
    return out;
}

void append_json_string(std::string& out, std::string_view text, bool ensure_ascii) {
    out += '"';
    const auto hex4 = [&](unsigned v) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "\\u%04x", v);
        out += buf;
    };
    for (char32_t c : to_code_points(text)) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20 || (ensure_ascii && c >= 0x80)) {
                if (c >= 0x10000) {
                    const char32_t v = c - 0x10000;
                    hex4(0xD800 + (v >> 10));
                    hex4(0xDC00 + (v & 0x3FF));
                } else {
                    hex4(unsigned(c));
                }
            } else {
                text::append_utf8(out, c);
            }
        }
    }
    out += '"';
}

// Python's unicode-escape decoding of a string literal's body (see the header).
Result<std::string> unescape_string_literal(std::string_view body) {
    std::string out;
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 >= body.size()) {
            out += body[i];
            continue;
        }
        const char c = body[++i];
        const auto hex = [&](size_t digits) -> Result<void> {
            uint32_t v = 0;
            for (size_t k = 1; k <= digits; ++k) {
                const char h = i + k < body.size() ? body[i + k] : 0;
                if (!std::isxdigit(static_cast<unsigned char>(h))) {
                    return Error{"truncated \\" + std::string(1, c) + " escape"};
                }
                v = v * 16 + uint32_t(h >= '0' && h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if (v > 0x10FFFF) {
                return Error{"illegal Unicode character in \\U escape"};
            }
            text::append_utf8(out, (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : v);
            i += digits;
            return {};
        };
        Result<void> r;
        switch (c) {
        case '\n':
            break;
        case '\\':
            out += '\\';
            break;
        case '\'':
            out += '\'';
            break;
        case '"':
            out += '"';
            break;
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'v':
            out += '\v';
            break;
        case 'x':
            r = hex(2);
            break;
        case 'u':
            r = hex(4);
            break;
        case 'U':
            r = hex(8);
            break;
        default:
            if (c >= '0' && c <= '7') {
                uint32_t v = 0;
                size_t k = 0;
                for (; k < 3 && i + k < body.size() && body[i + k] >= '0' && body[i + k] <= '7';
                     ++k) {
                    v = v * 8 + uint32_t(body[i + k] - '0');
                }
                text::append_utf8(out, v);
                i += k - 1;
            } else {
                out += '\\';
                out += c;
            }
        }
        if (!r) {
            return r.error();
        }
    }
    return out;
}

} // namespace hearth::jinja
