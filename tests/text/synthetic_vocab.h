// Small hand-made vocabularies written as GGUF bytes, for tokenizer tests that must not depend
// on the shared fixtures and for malformed-vocabulary cases.
#pragma once

#include "gguf_writer.h"
#include "text/tokenizer.h"

#include <string>
#include <vector>

namespace hearth::test {

// An SPM vocabulary: <unk> <s> </s>, the 256 byte tokens <0x00>..<0xFF> (ids 3..258), then
// the given pieces (ids from 259) with the given scores.
struct SpmPiece {
    std::string text;
    float score;
};
GgufWriter spm_vocab(const std::vector<SpmPiece>& pieces);
constexpr Token kSpmFirstPiece = 259;
constexpr Token spm_byte(unsigned char b) {
    return Token(3 + b);
}

// A byte-level BPE vocabulary over the given tokens (already in byte-level form) with the
// given merges, pre-tokenizer `pre`.
GgufWriter bpe_vocab(const std::vector<std::string>& tokens, const std::vector<std::string>& merges,
                     const std::string& pre = "gpt-2");

// Serializes and loads; the bytes only need to live during load.
Result<Tokenizer> load(const GgufWriter& writer);

} // namespace hearth::test
