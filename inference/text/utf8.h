// UTF-8 helpers for the tokenizers: sequence lengths as llama.cpp counts them, a strict
// validator for output, and the lenient decoding byte-level BPE applies to its input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::text {

// Length of the sequence a lead byte announces, judged by its high nibble alone (continuation
// bytes and invalid leads count as 1). SPM splits its input into symbols this way, so
// invalid input still yields symbols (and then byte-fallback tokens).
inline size_t utf8_lead_length(unsigned char lead) {
    static constexpr uint8_t lengths[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return lengths[lead >> 4];
}

void append_utf8(std::string& out, char32_t cp);

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD"; // U+FFFD

// One step of strict UTF-8 decoding (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
enum class Utf8Status {
    Complete,   // `length` bytes form one character
    Incomplete, // the text ends inside a sequence that is valid so far (`length` bytes)
    Invalid,    // `length` bytes (the maximal invalid subpart, >= 1) can never be a character
};
struct Utf8Step {
    Utf8Status status;
    size_t length;
};
Utf8Step next_utf8(std::string_view text, size_t pos);

bool is_valid_utf8(std::string_view text);

// Byte-level BPE decodes its input into code points before splitting (llama.cpp's
// unicode_cpts_from_utf8): a lead byte whose continuation bytes are missing becomes U+FFFD and
// decoding resumes at the next byte; overlong forms decode to their code point. Surrogates
// and values above U+10FFFF also become U+FFFD here (they cannot be matched by a UTF
// regex). The result is valid UTF-8; valid input comes back unchanged.
std::string decode_lenient_utf8(std::string_view text);

} // namespace hearth::text
