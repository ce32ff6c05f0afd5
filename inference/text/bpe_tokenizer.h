// Byte-level BPE (tokenizer.ggml.model = "gpt2").
//
// Each pre-tokenized piece starts as one symbol per byte (the token of that byte's code point
// in the byte-level alphabet). The adjacent pair whose merge has the lowest rank merges first
// (ties: leftmost), until no listed merge applies. Merges are kept by token id:
// (left id, right id) -> (rank, merged id), so merging never builds strings.
#pragma once

#include "gguf/gguf_file.h"
#include "result.h"
#include "text/vocab.h"

#include <array>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hearth::text {

class BpeModel {
public:
    // Reads tokenizer.ggml.merges ("left right" per entry, rank = index). Every part and every
    // merged result must be a vocabulary entry (as Hugging Face tokenizers require).
    static Result<BpeModel> read(const gguf::File& file, const Vocab& vocab);

    // Appends the tokens of one piece (raw bytes of valid UTF-8) to `out`.
    void encode_piece(const Vocab& vocab, std::string_view piece, std::vector<Token>& out) const;

    size_t merge_count() const { return merges_.size(); }

private:
    struct Merge {
        uint32_t rank;
        Token merged;
    };
    static uint64_t key(Token left, Token right) {
        return (uint64_t(uint32_t(left)) << 32) | uint32_t(right);
    }

    std::unordered_map<uint64_t, Merge> merges_;
    std::array<Token, 256> byte_tokens_{}; // token of each byte's code point, -1 if none
};

} // namespace hearth::text
