#include "synthetic_vocab.h"

#include <cstdio>

namespace hearth::test {

GgufWriter spm_vocab(const std::vector<SpmPiece>& pieces) {
    std::vector<std::string> tokens = {"<unk>", "<s>", "</s>"};
    std::vector<float> scores = {0, 0, 0};
    std::vector<int32_t> types = {2, 3, 3};
    for (unsigned b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof(name), "<0x%02X>", b);
        tokens.push_back(name);
        scores.push_back(0);
        types.push_back(6);
    }
    for (const SpmPiece& piece : pieces) {
        tokens.push_back(piece.text);
        scores.push_back(piece.score);
        types.push_back(1);
    }
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_string("tokenizer.ggml.model", "llama");
    w.set_strings("tokenizer.ggml.tokens", tokens);
    w.set_f32s("tokenizer.ggml.scores", scores);
    w.set_i32s("tokenizer.ggml.token_type", types);
    w.set_u32("tokenizer.ggml.bos_token_id", 1);
    w.set_u32("tokenizer.ggml.eos_token_id", 2);
    w.set_u32("tokenizer.ggml.unknown_token_id", 0);
    return w;
}

GgufWriter bpe_vocab(const std::vector<std::string>& tokens, const std::vector<std::string>& merges,
                     const std::string& pre) {
    GgufWriter w;
    w.set_string("general.architecture", "gpt2");
    w.set_string("tokenizer.ggml.model", "gpt2");
    w.set_string("tokenizer.ggml.pre", pre);
    w.set_strings("tokenizer.ggml.tokens", tokens);
    w.set_i32s("tokenizer.ggml.token_type", std::vector<int32_t>(tokens.size(), 1));
    w.set_strings("tokenizer.ggml.merges", merges);
    return w;
}

Result<Tokenizer> load(const GgufWriter& writer) {
    const std::vector<std::byte> bytes = writer.serialize();
    Result<gguf::File> file = gguf::File::parse(bytes, "synthetic.gguf");
    if (!file) {
        return file.error();
    }
    return Tokenizer::load(*file);
}

} // namespace hearth::test
