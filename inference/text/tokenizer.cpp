#include "text/tokenizer.h"

#include "text/bpe_tokenizer.h"
#include "text/byte_level.h"
#include "text/pre_tokenizer.h"
#include "text/special_tokens.h"
#include "text/spm_tokenizer.h"
#include "text/utf8.h"
#include "text/vocab.h"

#include <algorithm>
#include <optional>

namespace hearth {

using text::TokenType;

struct Tokenizer::Impl {
    text::Vocab vocab;
    text::SpecialTokenSplitter specials;
    text::SpmModel spm;                    // SPM only
    std::optional<text::BpeModel> bpe;     // BPE only
    std::optional<text::PreTokenizer> pre; // BPE only
    std::vector<char> piece_arena;         // token_text(t) of every token, back to back
    std::vector<uint32_t> piece_offsets;   // [n + 1]

    std::string_view piece(Token t) const {
        return {piece_arena.data() + piece_offsets[size_t(t)],
                piece_offsets[size_t(t) + 1] - piece_offsets[size_t(t)]};
    }
};

namespace {

int hex_value(char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

// What a token prints as in generated text (llama.cpp's token_to_piece without `special`).
std::string render_piece(const text::Vocab& vocab, Token t) {
    const std::string_view raw = vocab.text(t);
    switch (vocab.types[size_t(t)]) {
    case TokenType::UserDefined:
        return std::string(raw);
    case TokenType::Normal:
        if (vocab.kind == TokenizerKind::Bpe) {
            return text::decode_byte_level(raw);
        } else {
            std::string out;
            for (size_t pos = 0; pos < raw.size();) {
                if (raw.substr(pos, 3) == "\xE2\x96\x81") { // '▁'
                    out += ' ';
                    pos += 3;
                } else {
                    out += raw[pos++];
                }
            }
            return out;
        }
    case TokenType::Byte:
        if (vocab.kind == TokenizerKind::Spm) { // "<0xHH>", checked when the vocabulary loaded
            return std::string(1, static_cast<char>(hex_value(raw[3]) * 16 + hex_value(raw[4])));
        }
        return {};
    default: // control, unknown, unused, undefined
        return {};
    }
}

} // namespace

Result<Tokenizer> Tokenizer::load(const gguf::File& file) {
    Result<text::Vocab> vocab = text::read_vocab(file);
    if (!vocab) {
        return vocab.error();
    }
    auto impl = std::make_shared<Impl>();
    impl->vocab = std::move(*vocab);
    const text::Vocab& v = impl->vocab;

    if (v.kind == TokenizerKind::Bpe) {
        const text::PreTokenizerSpec* spec = text::find_pre_tokenizer(v.pre);
        Result<text::PreTokenizer> pre = text::PreTokenizer::compile(spec->patterns);
        if (!pre) {
            return Error{file.name() + ": pre-tokenizer '" + v.pre + "': " + pre.error().message};
        }
        impl->pre = std::move(*pre);
        Result<text::BpeModel> bpe = text::BpeModel::read(file, v);
        if (!bpe) {
            return bpe.error();
        }
        impl->bpe = std::move(*bpe);
    } else {
        impl->spm = text::SpmModel(v);
    }
    impl->specials = text::SpecialTokenSplitter(v);

    impl->piece_offsets.reserve(v.size() + 1);
    for (size_t i = 0; i < v.size(); ++i) {
        impl->piece_offsets.push_back(uint32_t(impl->piece_arena.size()));
        const std::string piece = render_piece(v, Token(i));
        impl->piece_arena.insert(impl->piece_arena.end(), piece.begin(), piece.end());
    }
    impl->piece_offsets.push_back(uint32_t(impl->piece_arena.size()));
    return Tokenizer(std::move(impl));
}

std::vector<Token> Tokenizer::encode(std::string_view text, bool add_bos,
                                     bool parse_special) const {
    const text::Vocab& v = impl_->vocab;
    std::vector<Token> out;
    out.reserve(text.size() / 3 + 2);
    if (add_bos && v.bos >= 0) {
        out.push_back(v.bos);
    }
    std::vector<text::Fragment> fragments;
    impl_->specials.split(v, text, parse_special, fragments);

    if (v.kind == TokenizerKind::Spm) {
        // llama.cpp puts the space prefix before the text and after every special token.
        bool after_special = true;
        for (const text::Fragment& f : fragments) {
            if (f.token >= 0) {
                out.push_back(f.token);
                after_special = true;
            } else {
                impl_->spm.encode(v, f.text, v.add_space_prefix && after_special, out);
                after_special = false;
            }
        }
    } else {
        std::vector<std::string_view> pieces;
        for (const text::Fragment& f : fragments) {
            if (f.token >= 0) {
                out.push_back(f.token);
                continue;
            }
            const std::string clean = text::decode_lenient_utf8(f.text);
            impl_->pre->split(clean, pieces);
            for (std::string_view piece : pieces) {
                impl_->bpe->encode_piece(v, piece, out);
            }
        }
    }
    // The text began with BOS itself (a template printing {{ bos_token }}): keep one.
    if (add_bos && v.bos >= 0 && out.size() >= 2 && out[1] == v.bos) {
        out.erase(out.begin());
    }
    return out;
}

bool Tokenizer::add_bos_by_default() const {
    return impl_->vocab.add_bos && impl_->vocab.bos >= 0;
}

bool Tokenizer::add_eos_by_default() const {
    return impl_->vocab.add_eos && impl_->vocab.eos >= 0;
}

std::string Tokenizer::token_text(Token t, bool show_control) const {
    const text::Vocab& v = impl_->vocab;
    if (!v.valid(t)) {
        return {};
    }
    if (show_control &&
        (v.types[size_t(t)] == TokenType::Control || v.types[size_t(t)] == TokenType::Unknown)) {
        return std::string(v.text(t));
    }
    return std::string(impl_->piece(t));
}

std::string Tokenizer::decode(std::span<const Token> tokens, bool show_control) const {
    std::string out;
    for (size_t i = 0; i < tokens.size(); ++i) {
        std::string piece = token_text(tokens[i], show_control);
        if (i == 0 && impl_->vocab.kind == TokenizerKind::Spm && impl_->vocab.add_space_prefix &&
            !piece.empty() && piece.front() == ' ') {
            piece.erase(0, 1);
        }
        out += piece;
    }
    return out;
}

std::string_view Tokenizer::raw_token_text(Token t) const {
    return impl_->vocab.valid(t) ? impl_->vocab.text(t) : std::string_view();
}

std::optional<Token> Tokenizer::find_token(std::string_view raw_text) const {
    const Token t = impl_->vocab.find(raw_text);
    return t >= 0 ? std::optional<Token>(t) : std::nullopt;
}

size_t Tokenizer::vocab_size() const {
    return impl_->vocab.size();
}

TokenizerKind Tokenizer::kind() const {
    return impl_->vocab.kind;
}

std::string_view Tokenizer::pre_tokenizer() const {
    return impl_->vocab.pre;
}

Token Tokenizer::bos() const {
    return impl_->vocab.bos;
}
Token Tokenizer::eos() const {
    return impl_->vocab.eos;
}
Token Tokenizer::eot() const {
    return impl_->vocab.eot;
}
Token Tokenizer::eom() const {
    return impl_->vocab.eom;
}
Token Tokenizer::unk() const {
    return impl_->vocab.unk;
}
Token Tokenizer::pad() const {
    return impl_->vocab.pad;
}

bool Tokenizer::is_end_of_generation(Token t) const {
    const std::vector<Token>& eog = impl_->vocab.end_of_generation;
    return std::binary_search(eog.begin(), eog.end(), t);
}

bool Tokenizer::is_control(Token t) const {
    return impl_->vocab.is(t, TokenType::Control);
}

std::vector<std::string_view> Tokenizer::supported_pre_tokenizers() {
    return text::pre_tokenizer_names();
}

} // namespace hearth
