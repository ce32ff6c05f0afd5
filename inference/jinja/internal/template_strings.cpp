#include "template_strings.h"

#include "text/substring_search.h"
#include "text/utf8.h"

#include <algorithm>

namespace hearth::jinja {

bool py_isspace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

std::u32string to_code_points(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const text::Utf8Step step = text::next_utf8(text, pos);
        if (step.status != text::Utf8Status::Complete) {
            out += U'\uFFFD';
            pos += step.length;
            continue;
        }
        const auto b = [&](size_t i) {
            return char32_t(static_cast<unsigned char>(text[pos + i]));
        };
        char32_t cp = 0;
        switch (step.length) {
        case 1:
            cp = b(0);
            break;
        case 2:
            cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
            break;
        case 3:
            cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
            break;
        default:
            cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) |
                 (b(3) & 0x3F);
        }
        out += cp;
        pos += step.length;
    }
    return out;
}

std::string from_code_points(std::u32string_view cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps) {
        text::append_utf8(out, cp);
    }
    return out;
}

size_t code_point_count(std::string_view text) {
    size_t n = 0;
    for (size_t pos = 0; pos < text.size(); ++n) {
        pos += text::next_utf8(text, pos).length;
    }
    return n;
}

std::string py_strip(std::string_view text, const std::optional<std::string>& chars,
                     StripSide side) {
    const std::u32string cps = to_code_points(text);
    // Sorted, so that each look-up is a binary search even when `chars` is long.
    std::u32string set = chars ? to_code_points(*chars) : std::u32string();
    std::sort(set.begin(), set.end());
    const auto strip = [&](char32_t c) {
        return chars ? std::binary_search(set.begin(), set.end(), c) : py_isspace(c);
    };
    size_t begin = 0, end = cps.size();
    if (side != StripSide::Right) {
        while (begin < end && strip(cps[begin])) {
            ++begin;
        }
    }
    if (side != StripSide::Left) {
        while (end > begin && strip(cps[end - 1])) {
            --end;
        }
    }
    return from_code_points(std::u32string_view(cps).substr(begin, end - begin));
}

namespace {

// Whitespace splitting (sep=None) on code points, from the left or the right.
std::vector<std::string> split_whitespace(std::string_view text, int64_t maxsplit,
                                          bool from_right) {
    std::u32string cps = to_code_points(text);
    if (from_right) {
        cps.assign(cps.rbegin(), cps.rend());
    }
    std::vector<std::u32string> parts;
    size_t i = 0;
    while (i < cps.size()) {
        while (i < cps.size() && py_isspace(cps[i])) {
            ++i;
        }
        if (i == cps.size()) {
            break;
        }
        if (maxsplit >= 0 && int64_t(parts.size()) == maxsplit) {
            size_t end = cps.size();
            while (end > i && py_isspace(cps[end - 1])) {
                --end;
            }
            parts.push_back(cps.substr(i, end - i));
            break;
        }
        const size_t start = i;
        while (i < cps.size() && !py_isspace(cps[i])) {
            ++i;
        }
        parts.push_back(cps.substr(start, i - start));
    }
    std::vector<std::string> out;
    for (auto& p : parts) {
        if (from_right) {
            p.assign(p.rbegin(), p.rend());
        }
        out.push_back(from_code_points(p));
    }
    if (from_right) {
        out.assign(out.rbegin(), out.rend());
    }
    return out;
}

} // namespace

Result<std::vector<std::string>> py_split(std::string_view text,
                                          const std::optional<std::string>& sep, int64_t maxsplit,
                                          bool from_right) {
    if (!sep) {
        return split_whitespace(text, maxsplit, from_right);
    }
    if (sep->empty()) {
        return Error{"empty separator"};
    }
    std::vector<std::string> out;
    const SubstringSearch search(*sep);
    if (!from_right) {
        size_t pos = 0;
        while (maxsplit < 0 || int64_t(out.size()) < maxsplit) {
            const size_t hit = search.find(text, pos);
            if (hit == std::string_view::npos) {
                break;
            }
            out.emplace_back(text.substr(pos, hit - pos));
            pos = hit + sep->size();
        }
        out.emplace_back(text.substr(pos));
        return out;
    }
    size_t end = text.size();
    while (maxsplit < 0 || int64_t(out.size()) < maxsplit) {
        const size_t hit = search.rfind(text, end);
        if (hit == std::string_view::npos) {
            break;
        }
        out.emplace_back(text.substr(hit + sep->size(), end - hit - sep->size()));
        end = hit;
    }
    out.emplace_back(text.substr(0, end));
    return std::vector<std::string>(out.rbegin(), out.rend());
}

std::vector<std::string> py_splitlines(std::string_view text) {
    const std::u32string cps = to_code_points(text);
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        const bool is_break = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
                              (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (is_break) {
            lines.push_back(from_code_points(std::u32string_view(cps).substr(start, i - start)));
            i += c == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n';
            start = i + 1;
        }
    }
    if (start < cps.size()) {
        lines.push_back(from_code_points(std::u32string_view(cps).substr(start)));
    }
    return lines;
}

std::string py_replace(std::string_view text, std::string_view old, std::string_view with,
                       int64_t count, size_t max_bytes) {
    std::string out;
    if (old.empty()) {
        // Python inserts `with` before every character and at the end.
        const std::u32string cps = to_code_points(text);
        int64_t done = 0;
        for (char32_t c : cps) {
            if (count < 0 || done < count) {
                out += with;
                ++done;
            }
            text::append_utf8(out, c);
            if (out.size() > max_bytes) {
                return out;
            }
        }
        if (count < 0 || done < count) {
            out += with;
        }
        return out;
    }
    size_t pos = 0;
    const SubstringSearch search(old);
    for (int64_t done = 0; count < 0 || done < count; ++done) {
        const size_t hit = search.find(text, pos);
        if (hit == std::string_view::npos) {
            break;
        }
        out.append(text.substr(pos, hit - pos));
        out.append(with);
        pos = hit + old.size();
        if (out.size() > max_bytes) {
            return out;
        }
    }
    out.append(text.substr(pos));
    return out;
}

namespace {

// Latin-1 letters: U+00C0-U+00DE upper and U+00E0-U+00FE lower, except × (D7) and ÷ (F7).
bool is_upper(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}
bool is_lower(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7);
}
char32_t to_upper(char32_t c) {
    return is_lower(c) ? c - 0x20 : c;
}
char32_t to_lower(char32_t c) {
    return is_upper(c) ? c + 0x20 : c;
}

template <class F> std::string map_code_points(std::string_view text, F f) {
    std::u32string cps = to_code_points(text);
    bool previous_letter = false;
    for (char32_t& c : cps) {
        const bool letter = is_upper(c) || is_lower(c);
        c = f(c, previous_letter);
        previous_letter = letter;
    }
    return from_code_points(cps);
}

} // namespace

std::string py_upper(std::string_view text) {
    return map_code_points(text, [](char32_t c, bool) { return to_upper(c); });
}

std::string py_lower(std::string_view text) {
    return map_code_points(text, [](char32_t c, bool) { return to_lower(c); });
}

std::string py_title(std::string_view text) {
    return map_code_points(text, [](char32_t c, bool after_letter) {
        return after_letter ? to_lower(c) : to_upper(c);
    });
}

std::string py_capitalize(std::string_view text) {
    bool first = true;
    return map_code_points(text, [&](char32_t c, bool) {
        const char32_t r = first ? to_upper(c) : to_lower(c);
        first = false;
        return r;
    });
}

} // namespace hearth::jinja
