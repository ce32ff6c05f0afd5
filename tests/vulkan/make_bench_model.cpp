// make_bench_model: writes a benchmark-sized llama GGUF with random weights for
// tests/bench/vulkan_vs_llamacpp.sh, so Hearth and llama.cpp can be timed on the same file
// without downloads. Speed does not depend on the values, only on shapes and types.
//
//   make_bench_model OUT.gguf --type F16|Q8_0|Q4_0|Q4_K_M|Q5_K_M|Q6_K --vocab VOCAB.gguf
//                    [--embd 1024] [--layers 16] [--heads 16] [--kv-heads 4] [--ff 2816]
//
// The tokenizer (and so n_vocab) is copied from VOCAB.gguf, which llama.cpp needs to load a
// model. Q4_K_M and Q5_K_M follow llama.cpp's mixes: Q4_K (Q5_K) everywhere except the output
// matrix (Q6_K) and attn_v / ffn_down of the first and last eighth of the layers and every
// third layer between (Q6_K); the other types are used for every matrix; norms are F32.
#include "gguf_writer.h"
#include "quantize.h"

#include <charconv>
#include <cstdio>
#include <optional>
#include <random>
#include <string>

using namespace hearth;

namespace {

struct Spec {
    std::string out, vocab, type = "Q4_0";
    uint32_t embd = 1024, layers = 16, heads = 16, kv_heads = 4, ff = 2816;
};

// The type of most matrices of a --type name, or nullopt for a name this tool does not make.
std::optional<GgmlType> base_type(const std::string& name) {
    static const std::pair<const char*, GgmlType> kTypes[] = {
        {"F16", GgmlType::F16},     {"Q8_0", GgmlType::Q8_0},   {"Q4_0", GgmlType::Q4_0},
        {"Q4_K_M", GgmlType::Q4_K}, {"Q5_K_M", GgmlType::Q5_K}, {"Q6_K", GgmlType::Q6_K}};
    for (const auto& [n, type] : kTypes) {
        if (name == n) {
            return type;
        }
    }
    return std::nullopt;
}

bool parse(int argc, char** argv, Spec& s) {
    if (argc < 2) {
        return false;
    }
    s.out = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        uint32_t* number = a == "--embd"       ? &s.embd
                           : a == "--layers"   ? &s.layers
                           : a == "--heads"    ? &s.heads
                           : a == "--kv-heads" ? &s.kv_heads
                           : a == "--ff"       ? &s.ff
                                               : nullptr;
        if (number != nullptr) {
            if (std::from_chars(v.data(), v.data() + v.size(), *number).ec != std::errc{}) {
                return false;
            }
        } else if (a == "--type") {
            s.type = v;
        } else if (a == "--vocab") {
            s.vocab = v;
        } else {
            return false;
        }
    }
    return !s.vocab.empty() && base_type(s.type).has_value();
}

// llama.cpp's "use more bits" layers of Q4_K_M: the first and last eighth, every third between.
bool more_bits(uint32_t layer, uint32_t layers) {
    return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
}

} // namespace

int main(int argc, char** argv) {
    Spec s;
    if (!parse(argc, argv, s)) {
        std::fprintf(stderr,
                     "usage: make_bench_model OUT.gguf --type F16|Q8_0|Q4_0|Q4_K_M|Q5_K_M|Q6_K "
                     "--vocab "
                     "VOCAB.gguf [--embd N] [--layers N] [--heads N] [--kv-heads N] "
                     "[--ff N]\n");
        return 2;
    }
    Result<gguf::File> vocab = gguf::File::open(s.vocab);
    const gguf::Value* tokens = vocab ? vocab->find("tokenizer.ggml.tokens") : nullptr;
    if (tokens == nullptr) {
        std::fprintf(stderr, "make_bench_model: no vocabulary in %s\n", s.vocab.c_str());
        return 1;
    }
    const uint32_t n_vocab = static_cast<uint32_t>(tokens->count);
    const uint32_t head_dim = s.embd / s.heads, kv_dim = s.kv_heads * head_dim;
    const bool k_mix = s.type.ends_with("_K_M");
    const GgmlType base = *base_type(s.type);

    test::GgufWriter w;
    w.copy_prefix(*vocab, "tokenizer.");
    w.set_string("general.architecture", "llama");
    w.set_string("general.name", "hearth bench " + s.type);
    w.set_u32("llama.context_length", 4096);
    w.set_u32("llama.embedding_length", s.embd);
    w.set_u32("llama.block_count", s.layers);
    w.set_u32("llama.feed_forward_length", s.ff);
    w.set_u32("llama.attention.head_count", s.heads);
    w.set_u32("llama.attention.head_count_kv", s.kv_heads);
    w.set_f32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.set_f32("llama.rope.freq_base", 10000.0f);
    w.set_u32("llama.rope.dimension_count", head_dim);

    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    auto add = [&](const std::string& name, GgmlType type, uint32_t rows, uint32_t cols) {
        std::vector<float> values(size_t(rows) * cols);
        for (float& v : values) {
            v = rows == 1 ? 1.0f : normal(rng);
        }
        std::vector<uint64_t> ne =
            rows == 1 ? std::vector<uint64_t>{cols} : std::vector<uint64_t>{cols, rows};
        w.add_tensor(name, type, ne, test::quantize(type, values));
    };
    add("token_embd.weight", base, n_vocab, s.embd);
    for (uint32_t l = 0; l < s.layers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        const GgmlType wide = k_mix && more_bits(l, s.layers) ? GgmlType::Q6_K : base;
        add(p + "attn_norm.weight", GgmlType::F32, 1, s.embd);
        add(p + "attn_q.weight", base, s.embd, s.embd);
        add(p + "attn_k.weight", base, kv_dim, s.embd);
        add(p + "attn_v.weight", wide, kv_dim, s.embd);
        add(p + "attn_output.weight", base, s.embd, s.embd);
        add(p + "ffn_norm.weight", GgmlType::F32, 1, s.embd);
        add(p + "ffn_gate.weight", base, s.ff, s.embd);
        add(p + "ffn_up.weight", base, s.ff, s.embd);
        add(p + "ffn_down.weight", wide, s.embd, s.ff);
    }
    add("output_norm.weight", GgmlType::F32, 1, s.embd);
    add("output.weight", k_mix ? GgmlType::Q6_K : base, n_vocab, s.embd);
    if (!w.write(s.out)) {
        std::fprintf(stderr, "make_bench_model: cannot write %s\n", s.out.c_str());
        return 1;
    }
    return 0;
}
