// Python string behaviour the chat-template interpreter reproduces byte for byte: Jinja runs
// on Python, so a template's output depends on str.strip's idea of whitespace, on how
// str(1.0) and repr('it\'s') look and on json.dumps' escapes. Strings are UTF-8 here and
// code points in Python; helpers that count or cut characters work on code points.
#pragma once

#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

// str.isspace(): ASCII whitespace, the separators \x1c-\x1f, NEL, NBSP and the Unicode
// space separators (U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000).
bool py_isspace(char32_t cp);

// Lenient decoding (an invalid byte becomes U+FFFD) and encoding of code points.
std::u32string to_code_points(std::string_view text);
std::string from_code_points(std::u32string_view cps);
size_t code_point_count(std::string_view text);

// str.strip / lstrip / rstrip: without `chars`, Python whitespace; with it, any code point
// of `chars`.
enum class StripSide { Both, Left, Right };
std::string py_strip(std::string_view text, const std::optional<std::string>& chars,
                     StripSide side);
// str.split / str.rsplit: without `sep`, runs of whitespace (leading/trailing ignored);
// maxsplit < 0 means no limit. An empty `sep` is an Error (as in Python).
Result<std::vector<std::string>> py_split(std::string_view text,
                                          const std::optional<std::string>& sep, int64_t maxsplit,
                                          bool from_right);
// str.splitlines(): splits at \n, \r, \r\n, \v, \f, \x1c-\x1e, NEL, U+2028 and U+2029.
std::vector<std::string> py_splitlines(std::string_view text);
// str.replace with Python's count (< 0: all). An empty `old` inserts between characters.
// Building stops once the result exceeds max_bytes (the caller then refuses it).
std::string py_replace(std::string_view text, std::string_view old, std::string_view with,
                       int64_t count, size_t max_bytes = SIZE_MAX);
// str.upper / lower / title / capitalize for ASCII and Latin-1 letters (other characters are
// kept; chat templates apply these to role names and keywords).
std::string py_upper(std::string_view text);
std::string py_lower(std::string_view text);
std::string py_title(std::string_view text);
std::string py_capitalize(std::string_view text);

// repr(float): the shortest digits that round-trip, fixed notation for exponents -4..15
// (always with a '.'), otherwise d.ddde+XX; 'inf', '-inf', 'nan'.
std::string float_repr(double value);
// repr(str): single quotes unless the text has ' and no ", backslash escapes for the quote,
// backslash and control characters.
std::string string_repr(std::string_view text);
// A JSON string as Python's json.dumps writes it (ensure_ascii: \uXXXX for non-ASCII,
// surrogate pairs above U+FFFF).
void append_json_string(std::string& out, std::string_view text, bool ensure_ascii);

// The body of a Jinja string literal as Python decodes it: \n \t \\ \' \" \a \b \f \v \r,
// \xhh, \uXXXX, \UXXXXXXXX, octal \ooo, backslash-newline; an unknown escape keeps its
// backslash. A truncated \x / \u / \U escape is an Error, as in Python.
Result<std::string> unescape_string_literal(std::string_view body);

} // namespace hearth::jinja
