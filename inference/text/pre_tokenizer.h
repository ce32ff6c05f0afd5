// Pre-tokenizers of byte-level BPE vocabularies: the regexes that cut text into pieces before
// merging (no merge ever crosses a piece boundary), selected by tokenizer.ggml.pre.
//
// A pre-tokenizer is a list of regexes applied in turn, as llama.cpp does: each regex splits
// every piece the previous one produced; its matches and the unmatched stretches between
// them both become pieces. The regexes need Unicode categories (\p{L}, \p{N}, \p{P}, \p{S},
// \p{M}), Unicode \s and look-ahead: PCRE2 in UTF + UCP mode, JIT-compiled when possible.
#pragma once

#include "result.h"

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace hearth::text {

struct PreTokenizerSpec {
    std::string_view name;
    std::span<const std::string_view> patterns;
    bool ignore_merges = false; // a piece that is itself a vocabulary entry is not merged
    bool add_bos = false;       // BOS default before tokenizer.ggml.add_bos_token
};

// nullptr for an unknown name.
const PreTokenizerSpec* find_pre_tokenizer(std::string_view name);
std::vector<std::string_view> pre_tokenizer_names();

class PreTokenizer {
public:
    static Result<PreTokenizer> compile(std::span<const std::string_view> patterns);

    // Splits `text` (valid UTF-8) into consecutive non-empty pieces covering it entirely.
    void split(std::string_view text, std::vector<std::string_view>& pieces) const;

    struct Pattern; // a compiled regex (PCRE2 stays out of this header)

private:
    std::vector<std::shared_ptr<const Pattern>> patterns_;
};

} // namespace hearth::text
