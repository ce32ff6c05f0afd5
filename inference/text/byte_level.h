// GPT-2's byte-level alphabet: byte-level BPE vocabularies store every token as a string of
// printable code points, one per byte, so that whitespace and control bytes can appear in
// merges. Bytes 0x21-0x7E, 0xA1-0xAC and 0xAE-0xFF stand for themselves (as code points);
// the other 68 bytes map in ascending order to U+0100, U+0101, ... (space -> 'Ġ' U+0120,
// newline -> 'Ċ' U+010A).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::text {

// The UTF-8 of the code point standing for `byte` (1 or 2 bytes).
std::string_view byte_to_unicode(uint8_t byte);

// Appends the byte-level form of raw bytes.
void append_byte_level(std::string& out, std::string_view bytes);

// Decodes a byte-level string back to raw bytes. Code points outside the alphabet (some
// vocabularies keep a few tokens in plain text) are copied as they are.
std::string decode_byte_level(std::string_view text);

} // namespace hearth::text
