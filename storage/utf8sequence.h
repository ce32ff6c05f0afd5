// The one UTF-8 check of the JSON writer and reader: the length of the well-formed sequence
// at the start of a text, so that both agree on what is text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hearth::storage {

// Length of the valid UTF-8 sequence at the start of `text`, or 0 when it is not one (a
// stray continuation byte, a truncated or overlong sequence, a surrogate, > U+10FFFF).
inline size_t utf8_sequence(std::string_view text) {
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

} // namespace hearth::storage
