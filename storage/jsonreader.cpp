#include "jsonreader.h"

#include "utf8sequence.h"

#include <algorithm>
#include <charconv>

namespace hearth::storage::json {

namespace {

// Archives nest five deep; a document far deeper is refused before it can exhaust the stack.
constexpr int kMaxDepth = 64;

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

std::optional<uint32_t> hex4(std::string_view s) {
    uint32_t v = 0;
    if (s.size() < 4) {
        return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + 4, v, 16);
    return ec == std::errc() && end == s.data() + 4 ? std::optional(v) : std::nullopt;
}

} // namespace

Error Reader::error(std::string_view what) const {
    int line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
        column = text_[i] == '\n' ? 1 : column + 1;
        line += text_[i] == '\n';
    }
    return Error{"not valid JSON: " + std::string(what) + " at line " + std::to_string(line) +
                 ", column " + std::to_string(column)};
}

void Reader::skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
        ++pos_;
    }
}

bool Reader::eat(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
        ++pos_;
        return true;
    }
    return false;
}

Result<void> Reader::expect(char c, std::string_view what) {
    if (!eat(c)) {
        return error(pos_ < text_.size()
                         ? "expected " + std::string(what)
                         : "the text ends where " + std::string(what) + " was expected");
    }
    return {};
}

bool Reader::at_object() {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == '{';
}

bool Reader::at_array() {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == '[';
}

Result<std::string> Reader::string() {
    if (Result<void> r = expect('"', "a string"); !r) {
        return r.error();
    }
    std::string out;
    for (;;) {
        // Plain ASCII runs are copied in one piece.
        const size_t start = pos_;
        while (pos_ < text_.size()) {
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
                break;
            }
            ++pos_;
        }
        out.append(text_.substr(start, pos_ - start));
        if (pos_ >= text_.size()) {
            return error("a string is not closed");
        }
        const auto c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"') {
            ++pos_;
            return out;
        }
        if (c < 0x20) {
            return error("a control character in a string must be written as an escape");
        }
        if (c >= 0x80) {
            const size_t n = utf8_sequence(text_.substr(pos_));
            if (n == 0) {
                return error("the text is not UTF-8");
            }
            out.append(text_.substr(pos_, n));
            pos_ += n;
            continue;
        }
        // A backslash escape.
        if (++pos_ >= text_.size()) {
            return error("a string is not closed");
        }
        const char e = text_[pos_++];
        const std::string_view simple = "\"\\/bfnrt", meaning = "\"\\/\b\f\n\r\t";
        if (const size_t i = simple.find(e); i != std::string_view::npos) {
            out += meaning[i];
            continue;
        }
        if (e != 'u') {
            --pos_;
            return error(std::string("unknown escape \\") + e);
        }
        std::optional<uint32_t> unit = hex4(text_.substr(pos_));
        if (!unit) {
            return error("\\u needs four hex digits");
        }
        pos_ += 4;
        uint32_t cp = *unit;
        if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_).starts_with("\\u")) {
            const std::optional<uint32_t> low = hex4(text_.substr(pos_ + 2));
            if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
                pos_ += 6;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            pos_ -= 6;
            return error("\\u" + std::string(text_.substr(pos_ + 2, 4)) +
                         " is half of a surrogate pair without its other half, which is not "
                         "text");
        }
        append_utf8(out, cp);
    }
}

Result<Value> Reader::number() {
    const size_t start = pos_;
    const auto digit = [&] {
        return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9';
    };
    const auto digits = [&] {
        const size_t from = pos_;
        while (digit()) {
            ++pos_;
        }
        return pos_ > from;
    };
    bool integer = true;
    pos_ += text_[pos_] == '-';
    if (pos_ < text_.size() && text_[pos_] == '0') {
        ++pos_;
    } else if (!digits()) {
        return error("expected a value");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
        ++pos_;
        integer = false;
        if (!digits()) {
            return error("expected digits after the decimal point");
        }
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        ++pos_;
        integer = false;
        pos_ += pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-');
        if (!digits()) {
            return error("expected digits in the exponent");
        }
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    Number n;
    if (std::from_chars(first, last, n.value).ec != std::errc()) {
        pos_ = start;
        return error("a number out of range");
    }
    int64_t exact = 0;
    if (integer && std::from_chars(first, last, exact).ec == std::errc()) {
        n.integer = exact;
    }
    return Value(n);
}

Result<Value> Reader::literal() {
    const std::string_view rest = text_.substr(pos_);
    if (rest.starts_with("true")) {
        pos_ += 4;
        return Value(true);
    }
    if (rest.starts_with("false")) {
        pos_ += 5;
        return Value(false);
    }
    if (rest.starts_with("null")) {
        pos_ += 4;
        return Value();
    }
    return error("expected a value");
}

Result<Value> Reader::value() {
    return value_at(int(started_.size()));
}

Result<Value> Reader::value_at(int depth) {
    if (depth > kMaxDepth) {
        return error("values nested too deeply");
    }
    skip_space();
    if (pos_ >= text_.size()) {
        return error("the text ends where a value was expected");
    }
    const char c = text_[pos_];
    if (c == '"') {
        Result<std::string> s = string();
        return s ? Result<Value>(Value(std::move(*s))) : Result<Value>(s.error());
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
    }
    if (c != '{' && c != '[') {
        return literal();
    }
    ++pos_;
    const char close = c == '{' ? '}' : ']';
    Array elements;
    Object members;
    for (bool more = !eat(close); more;) {
        if (c == '{') {
            Result<std::string> key = string();
            if (!key) {
                return key.error();
            }
            if (Result<void> r = expect(':', "':' after a key"); !r) {
                return r.error();
            }
            Result<Value> v = value_at(depth + 1);
            if (!v) {
                return v;
            }
            members.emplace_back(std::move(*key), std::move(*v));
        } else {
            Result<Value> v = value_at(depth + 1);
            if (!v) {
                return v;
            }
            elements.push_back(std::move(*v));
        }
        if (Result<void> r = close_or_comma(close, more); !r) {
            return r.error();
        }
    }
    if (c == '[') {
        return Value(std::move(elements));
    }
    // A key given twice: sorted views of the keys put duplicates side by side.
    std::vector<std::string_view> keys;
    keys.reserve(members.size());
    for (const auto& [key, v] : members) {
        keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    if (const auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end()) {
        return error("the key \"" + std::string(*twice) +
                     "\" appears twice in the object that ends");
    }
    return Value(std::move(members));
}

Result<void> Reader::close_or_comma(char close, bool& more) {
    if (eat(close)) {
        more = false;
        return {};
    }
    more = true;
    return expect(',', close == '}' ? "',' or '}'" : "',' or ']'");
}

Result<void> Reader::begin_object() {
    if (Result<void> r = expect('{', "an object"); !r) {
        return r;
    }
    started_.push_back(false);
    return {};
}

Result<std::optional<std::string>> Reader::next_key() {
    bool more = false;
    if (!started_.back()) {
        started_.back() = true;
        more = !eat('}');
    } else if (Result<void> r = close_or_comma('}', more); !r) {
        return r.error();
    }
    if (!more) {
        started_.pop_back();
        return std::optional<std::string>();
    }
    Result<std::string> key = string();
    if (!key) {
        return key.error();
    }
    if (Result<void> r = expect(':', "':' after a key"); !r) {
        return r.error();
    }
    return std::optional<std::string>(std::move(*key));
}

Result<void> Reader::begin_array() {
    if (Result<void> r = expect('[', "a list"); !r) {
        return r;
    }
    started_.push_back(false);
    return {};
}

Result<bool> Reader::next_element() {
    bool more = false;
    if (!started_.back()) {
        started_.back() = true;
        more = !eat(']');
    } else if (Result<void> r = close_or_comma(']', more); !r) {
        return r.error();
    }
    if (!more) {
        started_.pop_back();
    }
    return more;
}

Result<void> Reader::end() {
    skip_space();
    if (pos_ != text_.size()) {
        return error("more text follows the document");
    }
    return {};
}

} // namespace hearth::storage::json
