// SentencePiece-style BPE (tokenizer.ggml.model = "llama"), as llama.cpp runs it.
//
// The text (with a leading space when add_space_prefix applies) has every ' ' replaced by
// U+2581 '▁' and is split into UTF-8 characters. Repeatedly, the adjacent pair whose
// concatenation is a vocabulary entry with the highest score merges (ties: leftmost). What
// remains is looked up; a symbol without an entry falls back to <0xXX> byte tokens, or to the
// unknown token when the vocabulary has no byte tokens.
//
// Only normal, user-defined and unused entries take part: SentencePiece keeps control,
// unknown and byte pieces out of merging, so no user text can merge into "<s>" or "<0x0A>".
// (llama.cpp looks up every entry; none of the shipped vocabularies has the intermediate
// pieces that would let the two differ.)
#pragma once

#include "text/vocab.h"

#include <array>
#include <string_view>
#include <vector>

namespace hearth::text {

class SpmModel {
public:
    SpmModel() = default;
    explicit SpmModel(const Vocab& vocab);

    // Appends the tokens of one raw text fragment to `out`.
    void encode(const Vocab& vocab, std::string_view text, bool space_prefix,
                std::vector<Token>& out) const;

private:
    std::array<Token, 256> byte_tokens_{}; // <0xXX> (or the one-byte text), -1 if none
};

} // namespace hearth::text
