// Splitting special tokens out of text before the vocabulary's algorithm runs.
//
// Candidates are the control, user-defined and unknown tokens (control and unknown ones only
// when parse_special is set). They are matched the way llama.cpp's tokenizer_st_partition
// does: longest token text first, each taking every leftmost non-overlapping occurrence that
// still lies wholly in unclaimed text. A byte trie over the candidate texts finds all
// occurrences in one pass, so the cost does not grow with the number of special tokens.
#pragma once

#include "text/vocab.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace hearth::text {

struct Fragment {
    Token token = -1;      // a special token, or -1 for raw text
    std::string_view text; // the raw text (empty for a token)
};

class SpecialTokenSplitter {
public:
    SpecialTokenSplitter() = default;
    explicit SpecialTokenSplitter(const Vocab& vocab);

    // Fragments of `text` in order; raw fragments are never empty.
    void split(const Vocab& vocab, std::string_view text, bool parse_special,
               std::vector<Fragment>& out) const;

private:
    // Candidates in priority order (text length descending, then id) and the trie over their
    // texts: node 0 is the root, edges keyed by (node << 8 | byte), terminal = candidate index.
    std::vector<Token> candidates_;
    std::unordered_map<uint64_t, uint32_t> edges_;
    std::vector<int32_t> terminal_;
};

} // namespace hearth::text
