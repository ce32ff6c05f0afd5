// Tokenizers of the engine: text <-> token ids for the two vocabulary families GGUF files carry,
// matching llama.cpp token for token.
//
//   tokenizer.ggml.model = "llama": SentencePiece-style (SPM). Spaces become U+2581 '▁', the
//       text gets a leading '▁' (add_space_prefix), adjacent pieces merge by highest score,
//       bytes without a piece fall back to <0xXX> tokens.
//   tokenizer.ggml.model = "gpt2": byte-level BPE. A pre-tokenizer (tokenizer.ggml.pre) splits
//       the text with Unicode-aware regexes, each piece's bytes map to printable code points
//       and merge by rank (tokenizer.ggml.merges).
//
// Special tokens: control and user-defined vocabulary entries are split out of the text before
// either algorithm runs. Control tokens only when parse_special is true (trusted text such as
// a rendered chat template); user text never yields them. User-defined tokens (added tokens
// that are not special, e.g. DeepSeek's 'ö' or Command-R's <|START_OF_TURN_TOKEN|>) are split
// out always, as Hugging Face tokenizers and llama.cpp do.
//
// A Tokenizer is an immutable, cheaply copyable handle: copies share the loaded tables and may
// be used from several threads at once.
#pragma once

#include "gguf/gguf_file.h"
#include "result.h"
#include "token.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

enum class TokenizerKind { Spm, Bpe };

class Tokenizer {
public:
    // Reads tokenizer.ggml.* from a GGUF file (the tables are copied; the file may be closed
    // afterwards). A malformed vocabulary, an unknown tokenizer.ggml.model or an unknown
    // tokenizer.ggml.pre is an Error naming the problem and, for unknown names, the
    // supported ones.
    static Result<Tokenizer> load(const gguf::File& file);

    // Text to token ids. add_bos prepends the BOS token (when the vocabulary has one, and not
    // when the text itself starts with it, so a template that prints {{ bos_token }} does not
    // double it). parse_special: see the header comment; false for anything a user typed.
    std::vector<Token> encode(std::string_view text, bool add_bos, bool parse_special) const;

    // tokenizer.ggml.add_bos_token, or the default of the vocabulary family / pre-tokenizer.
    bool add_bos_by_default() const;
    bool add_eos_by_default() const;

    // The bytes one token stands for: SPM '▁' -> ' ' and <0xXX> -> that byte, BPE byte-level
    // code points -> bytes, user-defined tokens as written. Control, unknown and unused tokens
    // give "" unless show_control is true (then their vocabulary text). A piece may be part
    // of a UTF-8 sequence; use StreamingDetokenizer to print tokens as they come.
    std::string token_text(Token t, bool show_control = false) const;
    // Concatenated token_text of a whole sequence; like llama.cpp's detokenizer, the space an
    // SPM vocabulary put in front of the first token is removed.
    std::string decode(std::span<const Token> tokens, bool show_control = false) const;
    // The vocabulary entry as stored in the file ('▁' and byte-level code points included).
    std::string_view raw_token_text(Token t) const;
    // The token whose vocabulary entry is exactly `raw_text`, e.g. "<|im_end|>" or "<think>".
    std::optional<Token> find_token(std::string_view raw_text) const;

    size_t vocab_size() const;
    TokenizerKind kind() const;
    std::string_view pre_tokenizer() const; // tokenizer.ggml.pre as used ("default" if absent)

    Token bos() const; // -1 when absent
    Token eos() const;
    Token eot() const; // end of turn (tokenizer.ggml.eot_token_id or found by its text)
    Token eom() const; // end of message (Llama 3.1 tool calls)
    Token unk() const;
    Token pad() const;

    // EOS, EOT, EOM and tokens whose text is a known end-of-turn marker (<|im_end|>,
    // <|eot_id|>, <end_of_turn>, <|endoftext|>, <｜end▁of▁sentence｜>, ...).
    bool is_end_of_generation(Token t) const;
    bool is_control(Token t) const;

    // The tokenizer.ggml.pre names this engine knows.
    static std::vector<std::string_view> supported_pre_tokenizers();

private:
    struct Impl;
    explicit Tokenizer(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const Impl> impl_;
};

// Turns a stream of tokens into text pieces that are always valid UTF-8: bytes of a character
// split across tokens (CJK, emoji, SPM byte fallback) are held back until the character is
// complete; bytes that can never form a character come out as U+FFFD.
class StreamingDetokenizer {
public:
    explicit StreamingDetokenizer(const Tokenizer& tokenizer, bool show_control = false);

    // Tokens printed as their vocabulary text even when they are control tokens: the tags a
    // model writes around its reasoning, which some vocabularies mark as control.
    void show_tokens(std::vector<Token> tokens) { shown_ = std::move(tokens); }

    // Text that became complete with this token (possibly empty).
    std::string push(Token t);
    // Whatever is still held back, incomplete sequences as U+FFFD; the stream starts anew.
    std::string flush();

private:
    Tokenizer tokenizer_; // a shared handle: the detokenizer keeps the tables alive
    bool show_control_ = false;
    std::vector<Token> shown_;
    std::string pending_;
};

} // namespace hearth
