#include "text/byte_level.h"

#include "text/utf8.h"

#include <array>

namespace hearth::text {

namespace {

bool stands_for_itself(unsigned b) {
    return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

struct ByteLevelTables {
    std::array<char32_t, 256> code_point{};
    std::array<std::string, 256> utf8;
    // Code points of the alphabet are all below U+0144 (0x100 + 68).
    std::array<int16_t, 0x144> byte_of{};

    ByteLevelTables() {
        byte_of.fill(-1);
        unsigned next = 0x100;
        for (unsigned b = 0; b < 256; ++b) {
            code_point[b] = stands_for_itself(b) ? char32_t(b) : char32_t(next++);
            append_utf8(utf8[b], code_point[b]);
            byte_of[code_point[b]] = static_cast<int16_t>(b);
        }
    }
};

const ByteLevelTables& tables() {
    static const ByteLevelTables instance;
    return instance;
}

} // namespace

std::string_view byte_to_unicode(uint8_t byte) {
    return tables().utf8[byte];
}

void append_byte_level(std::string& out, std::string_view bytes) {
    const ByteLevelTables& t = tables();
    for (char c : bytes) {
        out += t.utf8[static_cast<uint8_t>(c)];
    }
}

std::string decode_byte_level(std::string_view text) {
    const ByteLevelTables& t = tables();
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const Utf8Step step = next_utf8(text, pos);
        if (step.status != Utf8Status::Complete) {
            out.append(text.substr(pos, step.length));
            pos += step.length;
            continue;
        }
        const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
        char32_t cp = byte(0);
        if (step.length == 2) {
            cp = (char32_t(byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
        }
        if (step.length <= 2 && cp < t.byte_of.size() && t.byte_of[cp] >= 0) {
            out += static_cast<char>(t.byte_of[cp]);
        } else {
            out.append(text.substr(pos, step.length));
        }
        pos += step.length;
    }
    return out;
}

} // namespace hearth::text
