// Substring search in time linear in the text, from the left or from the right.
//
// std::string::find and rfind try the needle at every position, which takes
// len(text) x len(needle) comparisons when both are made of one repeated character with a
// different last one ("aaa…a" searched for "aa…ab"); chat templates can build such strings.
// Needles up to kShortNeedle bytes still use std::string_view (fast, and at most that many
// comparisons per position); longer ones use Knuth-Morris-Pratt, which never looks at a
// text byte more than twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

class SubstringSearch {
public:
    static constexpr size_t npos = std::string_view::npos;
    static constexpr size_t kShortNeedle = 64;

    explicit SubstringSearch(std::string_view needle);

    // Start of the first occurrence at or after `from`; npos when there is none. An empty
    // needle is found at `from` (when from <= text.size()).
    size_t find(std::string_view text, size_t from = 0) const;
    // Start of the last occurrence that ends at or before `end`; npos when there is none.
    size_t rfind(std::string_view text, size_t end) const;

    size_t size() const { return needle_.size(); }

private:
    std::string needle_;
    // KMP failure functions (long needles only): [i] is the length of the longest proper
    // border of the first i + 1 bytes of the needle, and of its reverse.
    std::vector<uint32_t> forward_, backward_;
};

} // namespace hearth::jinja
