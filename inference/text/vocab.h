// The vocabulary of a GGUF file (tokenizer.ggml.*), validated and indexed.
//
// Keys read:
//   model (string)            "llama" (SPM) or "gpt2" (byte-level BPE)
//   pre (string)              pre-tokenizer name (BPE only; "default" when absent)
//   tokens (string[n])        the vocabulary entries, id = index
//   scores (f32[n])           SPM merge priorities (optional: all 0)
//   token_type (i32[n])       1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte
//                             (optional: all normal)
//   merges (string[m])        BPE: "left right", rank = index (read by bpe_merges.cpp)
//   bos/eos/eot/eom/unknown/padding_token_id (u32), fim_*_token_id
//   add_bos_token, add_eos_token, add_space_prefix (bool)
#pragma once

#include "gguf/gguf_file.h"
#include "result.h"
#include "text/tokenizer.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace hearth::text {

enum class TokenType : uint8_t {
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
};

struct Vocab {
    TokenizerKind kind = TokenizerKind::Spm;
    std::string pre = "default";

    std::vector<char> arena;       // all token texts back to back
    std::vector<uint32_t> offsets; // [n + 1] start of each text in `arena`
    std::vector<float> scores;     // [n]
    std::vector<TokenType> types;  // [n]
    // [n] llama.cpp's per-token strip attributes: whitespace next to a special token is dropped
    // when the token is split out of the text (set for Phi-3 only, as llama.cpp does).
    std::vector<uint8_t> strip;
    // text -> id: open addressing with linear probing over a power-of-two table, each slot
    // holding the id and the upper hash bits (so a probe rarely touches the text). A flat
    // table costs two cache misses per lookup instead of a node map's four, which is most of
    // the time of loading 280k merges. A later duplicate text wins, as in llama.cpp's map.
    struct IndexSlot {
        uint32_t tag = 0;
        Token id = -1;
    };
    std::vector<IndexSlot> index;

    Token bos = -1, eos = -1, eot = -1, eom = -1, unk = -1, pad = -1;
    Token fim_pre = -1, fim_suf = -1, fim_mid = -1, fim_pad = -1, fim_rep = -1, fim_sep = -1;
    bool add_bos = false;
    bool add_eos = false;
    bool add_space_prefix = false;
    bool ignore_merges = false;
    std::vector<Token> end_of_generation; // sorted

    static constexpr uint8_t kStripLeft = 1;
    static constexpr uint8_t kStripRight = 2;

    size_t size() const { return types.size(); }
    bool valid(Token t) const { return t >= 0 && size_t(t) < types.size(); }
    std::string_view text(Token t) const {
        return {arena.data() + offsets[size_t(t)], offsets[size_t(t) + 1] - offsets[size_t(t)]};
    }
    Token find(std::string_view text) const;
    void build_index();
    bool is(Token t, TokenType type) const { return valid(t) && types[size_t(t)] == type; }
};

// Reads and validates the vocabulary tables, special ids and flags (defaults of the vocabulary
// family and pre-tokenizer, then the file's keys), then applies apply_special_token_rules.
// Merges are read by BpeModel::read.
Result<Vocab> read_vocab(const gguf::File& file);

// llama.cpp's text-based rules, applied after the ids are known: tokens whose text is a known
// end-of-turn / end-of-message / fill-in-the-middle marker become control tokens (so user
// text can never produce them) and EOT/EOM ids are filled in when the file has none; the
// end-of-generation set is collected; Phi-3 special tokens get their strip attribute.
void apply_special_token_rules(Vocab& vocab, std::string_view model_name);

} // namespace hearth::text
