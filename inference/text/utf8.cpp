#include "text/utf8.h"

namespace hearth::text {

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Well-formed sequences (Unicode table 3-7): the lead byte fixes the length and the allowed
// range of the second byte; all later bytes are 80..BF.
Utf8Step next_utf8(std::string_view text, size_t pos) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        return {Utf8Status::Complete, 1};
    }
    size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        lo = lead == 0xE0 ? 0xA0 : 0x80;
        hi = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        lo = lead == 0xF0 ? 0x90 : 0x80;
        hi = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return {Utf8Status::Invalid, 1};
    }
    for (size_t i = 1; i < length; ++i) {
        if (pos + i >= text.size()) {
            return {Utf8Status::Incomplete, i};
        }
        const unsigned char b = byte(pos + i);
        const bool ok = i == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        if (!ok) {
            return {Utf8Status::Invalid, i};
        }
    }
    return {Utf8Status::Complete, length};
}

bool is_valid_utf8(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
        const Utf8Step step = next_utf8(text, pos);
        if (step.status != Utf8Status::Complete) {
            return false;
        }
        pos += step.length;
    }
    return true;
}

std::string decode_lenient_utf8(std::string_view text) {
    if (is_valid_utf8(text)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 8);
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const auto continuation = [&](size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
    size_t pos = 0;
    while (pos < text.size()) {
        const unsigned char lead = byte(pos);
        char32_t cp = 0xFFFD;
        size_t length = 1;
        if (lead < 0x80) {
            cp = lead;
        } else if ((lead & 0x40) == 0) {
            // a continuation byte without a lead
        } else if ((lead & 0x20) == 0) {
            if (continuation(pos + 1)) {
                cp = (char32_t(lead & 0x1F) << 6) | (byte(pos + 1) & 0x3F);
                length = 2;
            }
        } else if ((lead & 0x10) == 0) {
            if (continuation(pos + 1) && continuation(pos + 2)) {
                cp = (char32_t(lead & 0x0F) << 12) | (char32_t(byte(pos + 1) & 0x3F) << 6) |
                     (byte(pos + 2) & 0x3F);
                length = 3;
            }
        } else if ((lead & 0x08) == 0) {
            if (continuation(pos + 1) && continuation(pos + 2) && continuation(pos + 3)) {
                cp = (char32_t(lead & 0x07) << 18) | (char32_t(byte(pos + 1) & 0x3F) << 12) |
                     (char32_t(byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F);
                length = 4;
            }
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            cp = 0xFFFD;
        }
        append_utf8(out, cp);
        pos += length;
    }
    return out;
}

} // namespace hearth::text
