#include "template_lexer.h"

#include "template_strings.h"
#include "text/utf8.h"

#include <cctype>
#include <charconv>
#include <optional>

namespace hearth::jinja {

namespace {

// The code point at `pos` (U+FFFD for an invalid byte) and its length in bytes.
std::pair<char32_t, size_t> code_point_at(std::string_view s, size_t pos) {
    const text::Utf8Step step = text::next_utf8(s, pos);
    if (step.status != text::Utf8Status::Complete) {
        return {U'\uFFFD', step.length};
    }
    const std::u32string cps = to_code_points(s.substr(pos, step.length));
    return {cps.empty() ? U'\uFFFD' : cps[0], step.length};
}

size_t skip_whitespace(std::string_view s, size_t pos) {
    while (pos < s.size()) {
        const auto [cp, len] = code_point_at(s, pos);
        if (!py_isspace(cp)) {
            break;
        }
        pos += len;
    }
    return pos;
}

// Byte length of `text` without its trailing whitespace (bytes are kept as they are).
size_t rstripped_length(std::string_view text) {
    size_t end = 0;
    for (size_t pos = 0; pos < text.size();) {
        const auto [cp, len] = code_point_at(text, pos);
        pos += len;
        if (!py_isspace(cp)) {
            end = pos;
        }
    }
    return end;
}

bool all_whitespace(std::string_view text) {
    return skip_whitespace(text, 0) == text.size();
}

// "\r\n" and "\r" -> "\n"; a single trailing newline is dropped (keep_trailing_newline=False).
std::string normalize_newlines(std::string_view source) {
    std::string out;
    out.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            out += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += source[i];
        }
    }
    if (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

class Lexer {
public:
    Lexer(std::string source, size_t max_tokens) : src_(std::move(source)), max_(max_tokens) {}

    Result<std::vector<TemplateToken>> run();

private:
    Error fail(const std::string& what) const {
        return Error{"template line " + std::to_string(line_) + ": " + what};
    }
    Result<void> emit(TokenType type, std::string text = {});
    void advance_to(size_t pos) {
        for (size_t i = pos_; i < pos && i < src_.size(); ++i) {
            line_ += src_[i] == '\n';
        }
        pos_ = pos;
    }
    void emit_data(std::string_view text, char sign, bool is_block_or_comment);
    std::optional<size_t> raw_begin_end(size_t after_opener) const;
    Result<void> lex_comment();
    Result<void> lex_raw();
    Result<void> lex_tag(bool block);
    Result<void> lex_number();
    Result<void> lex_string();

    std::string src_;
    size_t max_;
    size_t pos_ = 0;
    int line_ = 1;
    bool line_starting_ = true;
    std::vector<TemplateToken> tokens_;
};

Result<void> Lexer::emit(TokenType type, std::string text) {
    if (tokens_.size() >= max_) {
        return fail("the template has too many tokens");
    }
    tokens_.push_back(TemplateToken{type, std::move(text), 0, 0.0, line_});
    return {};
}

// Applies "-" (strip all whitespace before the tag) or lstrip_blocks (strip the spaces that
// start the tag's line) to the data before a tag.
void Lexer::emit_data(std::string_view text, char sign, bool is_block_or_comment) {
    if (sign == '-') {
        text = text.substr(0, rstripped_length(text));
    } else if (sign != '+' && is_block_or_comment) {
        const size_t nl = text.rfind('\n');
        const size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
        if ((line_start > 0 || line_starting_) && line_start < text.size() &&
            all_whitespace(text.substr(line_start))) {
            text = text.substr(0, line_start);
        }
    }
    if (!text.empty()) {
        tokens_.push_back(TemplateToken{TokenType::Data, std::string(text), 0, 0.0, line_});
    }
}

// "{% raw %}" (sign and spaces allowed): the position after it, or nothing.
std::optional<size_t> Lexer::raw_begin_end(size_t p) const {
    p = skip_whitespace(src_, p);
    if (src_.compare(p, 3, "raw") != 0) {
        return std::nullopt;
    }
    p = skip_whitespace(src_, p + 3);
    if (src_.compare(p, 3, "-%}") == 0) {
        return skip_whitespace(src_, p + 3);
    }
    if (src_.compare(p, 2, "%}") == 0) {
        return p + 2;
    }
    return std::nullopt;
}

Result<std::vector<TemplateToken>> Lexer::run() {
    while (pos_ < src_.size()) {
        size_t start = pos_;
        char kind = 0;
        while ((start = src_.find('{', start)) != std::string::npos) {
            if (start + 1 < src_.size() &&
                (src_[start + 1] == '{' || src_[start + 1] == '%' || src_[start + 1] == '#')) {
                kind = src_[start + 1];
                break;
            }
            ++start;
        }
        if (kind == 0) {
            emit_data(std::string_view(src_).substr(pos_), 0, false);
            break;
        }
        size_t after = start + 2;
        const char sign =
            after < src_.size() && (src_[after] == '-' || src_[after] == '+') ? src_[after] : 0;
        after += sign ? 1 : 0;
        const std::optional<size_t> raw = kind == '%' ? raw_begin_end(after) : std::nullopt;
        emit_data(std::string_view(src_).substr(pos_, start - pos_), sign, kind != '{');
        advance_to(raw ? *raw : after);
        if (raw) {
            line_starting_ = src_[*raw - 1] == '\n';
        }
        Result<void> r = raw ? lex_raw() : kind == '#' ? lex_comment() : lex_tag(kind == '%');
        if (!r) {
            return r.error();
        }
    }
    if (Result<void> r = emit(TokenType::End); !r) {
        return r.error();
    }
    return std::move(tokens_);
}

Result<void> Lexer::lex_comment() {
    size_t end = src_.find("#}", pos_);
    if (end == std::string::npos) {
        return fail("missing end of comment tag");
    }
    size_t next = end + 2;
    if (end > pos_ && src_[end - 1] == '-') {
        next = skip_whitespace(src_, next);
    } else if (!(end > pos_ && src_[end - 1] == '+') && next < src_.size() && src_[next] == '\n') {
        ++next; // trim_blocks
    }
    line_starting_ = src_[next - 1] == '\n';
    advance_to(next);
    return {};
}

// Data up to "{% endraw %}" (with its own whitespace control), verbatim.
Result<void> Lexer::lex_raw() {
    for (size_t p = src_.find("{%", pos_); p != std::string::npos; p = src_.find("{%", p + 2)) {
        size_t q = p + 2;
        const char sign = q < src_.size() && (src_[q] == '-' || src_[q] == '+') ? src_[q] : 0;
        q = skip_whitespace(src_, q + (sign ? 1 : 0));
        if (src_.compare(q, 6, "endraw") != 0) {
            continue;
        }
        q = skip_whitespace(src_, q + 6);
        size_t next;
        if (src_.compare(q, 3, "+%}") == 0) {
            next = q + 3;
        } else if (src_.compare(q, 3, "-%}") == 0) {
            next = skip_whitespace(src_, q + 3);
        } else if (src_.compare(q, 2, "%}") == 0) {
            next = q + 2 + (q + 2 < src_.size() && src_[q + 2] == '\n' ? 1 : 0);
        } else {
            continue;
        }
        emit_data(std::string_view(src_).substr(pos_, p - pos_), sign, true);
        line_starting_ = src_[next - 1] == '\n';
        advance_to(next);
        return {};
    }
    return fail("missing end of raw directive");
}

Result<void> Lexer::lex_tag(bool block) {
    if (Result<void> r = emit(block ? TokenType::BlockBegin : TokenType::VariableBegin); !r) {
        return r;
    }
    std::string balance; // closing brackets still expected
    while (true) {
        if (pos_ >= src_.size()) {
            return fail(block ? "unexpected end of template, expected '%}'"
                              : "unexpected end of template, expected '}}'");
        }
        const std::string_view rest = std::string_view(src_).substr(pos_);
        if (balance.empty()) {
            const std::string_view close = block ? "%}" : "}}";
            size_t next = 0;
            if (block && rest.starts_with("+%}")) {
                next = pos_ + 3;
            } else if (rest.starts_with("-") && rest.substr(1).starts_with(close)) {
                next = skip_whitespace(src_, pos_ + 3);
            } else if (rest.starts_with(close)) {
                next = pos_ + 2;
                if (block && next < src_.size() && src_[next] == '\n') {
                    ++next; // trim_blocks
                }
            }
            if (next != 0) {
                line_starting_ = src_[next - 1] == '\n';
                advance_to(next);
                return emit(block ? TokenType::BlockEnd : TokenType::VariableEnd);
            }
        }
        const size_t ws = skip_whitespace(src_, pos_);
        if (ws != pos_) {
            advance_to(ws);
            continue;
        }
        const char c = rest[0];
        Result<void> r;
        if (is_digit(c)) {
            r = lex_number();
        } else if (is_name_start(c)) {
            size_t n = 1;
            while (n < rest.size() && is_name_char(rest[n])) {
                ++n;
            }
            r = emit(TokenType::Name, std::string(rest.substr(0, n)));
            advance_to(pos_ + n);
        } else if (c == '\'' || c == '"') {
            r = lex_string();
        } else {
            static constexpr std::string_view two[] = {"//", "**", "==", "!=", ">=", "<="};
            size_t n = 0;
            for (std::string_view op : two) {
                n = rest.starts_with(op) ? 2 : n;
            }
            if (n == 0 &&
                std::string_view("+-/*%~[](){}><=.:|,;").find(c) == std::string_view::npos) {
                return fail(std::string("unexpected character '") + c + "'");
            }
            n = n ? n : 1;
            if (n == 1 && (c == '(' || c == '[' || c == '{')) {
                balance += c == '(' ? ')' : c == '[' ? ']' : '}';
            } else if (n == 1 && (c == ')' || c == ']' || c == '}')) {
                if (balance.empty() || balance.back() != c) {
                    return fail(std::string("unexpected '") + c + "'");
                }
                balance.pop_back();
            }
            r = emit(TokenType::Operator, std::string(rest.substr(0, n)));
            advance_to(pos_ + n);
        }
        if (!r) {
            return r;
        }
    }
}

// Jinja's number rules: digits with single '_' separators; a float needs a fraction or an
// exponent (and is not read right after a '.', so "x.0.1" is two subscripts); integers may
// be 0b / 0o / 0x.
Result<void> Lexer::lex_number() {
    const std::string_view s = src_;
    const auto digits = [&](size_t p, auto is_ok) {
        size_t q = p;
        while (q < s.size() &&
               (is_ok(s[q]) || (s[q] == '_' && q > p && q + 1 < s.size() && is_ok(s[q + 1])))) {
            ++q;
        }
        return q;
    };
    const auto dec = [](char c) { return is_digit(c); };
    size_t p = pos_;
    const bool after_dot = p > 0 && s[p - 1] == '.';
    if (s[p] == '0' && p + 2 < s.size() &&
        std::string_view("bBoOxX").find(s[p + 1]) != std::string_view::npos) {
        const int base = (s[p + 1] | 0x20) == 'b' ? 2 : (s[p + 1] | 0x20) == 'o' ? 8 : 16;
        const auto ok = [base](char c) {
            const int v = is_digit(c)                                    ? c - '0'
                          : std::isxdigit(static_cast<unsigned char>(c)) ? (c | 0x20) - 'a' + 10
                                                                         : 99;
            return v < base;
        };
        size_t q = p + 2;
        while (q < s.size() && (ok(s[q]) || (s[q] == '_' && q + 1 < s.size() && ok(s[q + 1])))) {
            ++q;
        }
        if (q > p + 2) {
            std::string clean;
            for (char c : s.substr(p + 2, q - p - 2)) {
                clean += c == '_' ? std::string() : std::string(1, c);
            }
            int64_t v = 0;
            if (std::from_chars(clean.data(), clean.data() + clean.size(), v, base).ec !=
                std::errc{}) {
                return fail("integer literal out of range");
            }
            TemplateToken t{TokenType::Integer, std::string(s.substr(p, q - p)), v, 0.0, line_};
            tokens_.push_back(std::move(t));
            advance_to(q);
            return {};
        }
    }
    size_t q = digits(p, dec);
    bool is_float = false;
    if (!after_dot) {
        if (q + 1 < s.size() && s[q] == '.' && is_digit(s[q + 1])) {
            q = digits(q + 1, dec);
            is_float = true;
        }
        if (q < s.size() && (s[q] | 0x20) == 'e') {
            size_t e = q + 1;
            e += e < s.size() && (s[e] == '+' || s[e] == '-') ? 1 : 0;
            if (e < s.size() && is_digit(s[e])) {
                q = digits(e, dec);
                is_float = true;
            }
        }
    }
    std::string clean;
    for (char c : s.substr(p, q - p)) {
        if (c != '_') {
            clean += c;
        }
    }
    TemplateToken t{is_float ? TokenType::Float : TokenType::Integer, clean, 0, 0.0, line_};
    if (is_float) {
        // from_chars, unlike strtod, ignores the locale (a GUI may have set LC_NUMERIC).
        std::from_chars(clean.data(), clean.data() + clean.size(), t.number);
    } else if (std::from_chars(clean.data(), clean.data() + clean.size(), t.integer).ec !=
               std::errc{}) {
        return fail("integer literal out of range");
    }
    if (tokens_.size() >= max_) {
        return fail("the template has too many tokens");
    }
    tokens_.push_back(std::move(t));
    advance_to(q);
    return {};
}

Result<void> Lexer::lex_string() {
    const char quote = src_[pos_];
    size_t q = pos_ + 1;
    while (q < src_.size() && src_[q] != quote) {
        q += src_[q] == '\\' ? 2 : 1;
    }
    if (q >= src_.size()) {
        return fail("unterminated string");
    }
    Result<std::string> value = unescape_string_literal(src_.substr(pos_ + 1, q - pos_ - 1));
    if (!value) {
        return fail(value.error().message);
    }
    Result<void> r = emit(TokenType::String, std::move(*value));
    advance_to(q + 1);
    return r;
}

} // namespace

Result<std::vector<TemplateToken>> tokenize_template(std::string_view source, size_t max_tokens) {
    return Lexer(normalize_newlines(source), max_tokens).run();
}

} // namespace hearth::jinja
