#include "text/substring_search.h"

#include <algorithm>

namespace hearth::jinja {

namespace {

// The failure function of the pattern whose i-th byte is at(i), length m.
template <class At> std::vector<uint32_t> borders(size_t m, At at) {
    std::vector<uint32_t> b(m, 0);
    uint32_t k = 0;
    for (size_t i = 1; i < m; ++i) {
        while (k > 0 && at(i) != at(k)) {
            k = b[k - 1];
        }
        if (at(i) == at(k)) {
            ++k;
        }
        b[i] = k;
    }
    return b;
}

} // namespace

SubstringSearch::SubstringSearch(std::string_view needle) : needle_(needle) {
    const size_t m = needle_.size();
    if (m > kShortNeedle) {
        forward_ = borders(m, [&](size_t i) { return needle_[i]; });
        backward_ = borders(m, [&](size_t i) { return needle_[m - 1 - i]; });
    }
}

size_t SubstringSearch::find(std::string_view text, size_t from) const {
    const size_t m = needle_.size();
    if (m <= kShortNeedle) {
        return text.find(needle_, from);
    }
    size_t k = 0; // bytes of the needle matched so far
    for (size_t i = from; i < text.size(); ++i) {
        while (k > 0 && text[i] != needle_[k]) {
            k = forward_[k - 1];
        }
        if (text[i] == needle_[k] && ++k == m) {
            return i + 1 - m;
        }
    }
    return npos;
}

size_t SubstringSearch::rfind(std::string_view text, size_t end) const {
    const size_t m = needle_.size();
    end = std::min(end, text.size());
    if (m > end) {
        return npos;
    }
    if (m <= kShortNeedle) {
        return text.rfind(needle_, end - m);
    }
    // The same automaton over the text read backwards, matching the reversed needle.
    size_t k = 0;
    for (size_t i = end; i-- > 0;) {
        while (k > 0 && text[i] != needle_[m - 1 - k]) {
            k = backward_[k - 1];
        }
        if (text[i] == needle_[m - 1 - k] && ++k == m) {
            return i;
        }
    }
    return npos;
}

} // namespace hearth::jinja
