#include "synthetic_model.h"

#include "gguf_writer.h"
#include "quantize.h"

#include <random>

namespace hearth::test {

namespace {

class Generator {
public:
    Generator(const SyntheticSpec& spec) : spec_(spec), rng_(spec.seed) {}

    // A [rows][cols] matrix of the spec's type with N(0, sigma) entries.
    void matrix(GgufWriter& w, const std::string& name, uint32_t rows, uint32_t cols, float sigma) {
        std::vector<float> values(size_t(rows) * cols);
        std::normal_distribution<float> normal(0.0f, sigma);
        for (float& v : values) {
            v = normal(rng_);
        }
        w.add_tensor(name, spec_.type, {cols, rows}, quantize(spec_.type, values));
    }

    // n [rows][cols] matrices of the spec's type stacked (GGUF {cols, rows, n}).
    void stack(GgufWriter& w, const std::string& name, uint32_t n, uint32_t rows, uint32_t cols,
               float sigma) {
        std::vector<float> values(size_t(n) * rows * cols);
        std::normal_distribution<float> normal(0.0f, sigma);
        for (float& v : values) {
            v = normal(rng_);
        }
        w.add_tensor(name, spec_.type, {cols, rows, n}, quantize(spec_.type, values));
    }

    // An F32 [rows][cols] matrix.
    void f32_matrix(GgufWriter& w, const std::string& name, uint32_t rows, uint32_t cols,
                    float sigma) {
        std::vector<float> values(size_t(rows) * cols);
        std::normal_distribution<float> normal(0.0f, sigma);
        for (float& v : values) {
            v = normal(rng_);
        }
        w.add_tensor(name, GgmlType::F32, {cols, rows}, quantize(GgmlType::F32, values));
    }

    // An F32 vector with entries centre + N(0, sigma).
    void vector(GgufWriter& w, const std::string& name, uint32_t n, float centre, float sigma) {
        std::vector<float> values(n);
        std::normal_distribution<float> normal(centre, sigma);
        for (float& v : values) {
            v = normal(rng_);
        }
        w.add_tensor(name, GgmlType::F32, {n}, quantize(GgmlType::F32, values));
    }

private:
    const SyntheticSpec& spec_;
    std::mt19937 rng_;
};

} // namespace

std::vector<std::byte> make_synthetic_model(const SyntheticSpec& spec) {
    SyntheticSpec s = spec;
    GgufWriter w;
    if (!s.vocabulary.empty()) {
        Result<gguf::File> vocab = gguf::File::open(s.vocabulary);
        const gguf::Value* tokens = vocab ? vocab->find("tokenizer.ggml.tokens") : nullptr;
        if (tokens == nullptr) {
            return {};
        }
        w.copy_prefix(*vocab, "tokenizer.");
        s.n_vocab = static_cast<uint32_t>(tokens->count);
    }
    if (!s.chat_template.empty()) {
        w.set_string("tokenizer.chat_template", s.chat_template);
    }
    const std::string a = s.architecture;
    w.set_string("general.architecture", a);
    w.set_string("general.name", "synthetic " + a + " " + std::string(type_name(s.type)));
    w.set_u32(a + ".context_length", s.n_ctx);
    w.set_u32(a + ".embedding_length", s.n_embd);
    w.set_u32(a + ".block_count", s.n_layer);
    w.set_u32(a + ".feed_forward_length", s.n_ff);
    w.set_u32(a + ".attention.head_count", s.n_head);
    w.set_u32(a + ".attention.head_count_kv", s.n_head_kv);
    w.set_u32(a + ".attention.key_length", s.head_dim);
    w.set_u32(a + ".attention.value_length", s.head_dim);
    w.set_f32(a + ".attention.layer_norm_rms_epsilon", 1e-6f);
    w.set_f32(a + ".rope.freq_base", s.rope_freq_base);
    w.set_u32(a + ".rope.dimension_count", s.head_dim);
    const bool oss = a == "gpt-oss", moe = a == "qwen3moe" || oss;
    if (moe) {
        w.set_u32(a + ".expert_count", s.n_expert);
        w.set_u32(a + ".expert_used_count", s.n_expert_used);
        w.set_u32(a + ".expert_feed_forward_length", s.n_ff_exp);
    }
    if (oss) { // a window the prompt outgrows; YaRN as gpt-oss-20b's
        w.set_u32(a + ".attention.sliding_window", 8);
        w.set_string(a + ".rope.scaling.type", "yarn");
        w.set_f32(a + ".rope.scaling.factor", 32.0f);
        w.set_u32(a + ".rope.scaling.original_context_length", 4096);
    }

    Generator g(s);
    const uint32_t q_dim = s.n_head * s.head_dim, kv_dim = s.n_head_kv * s.head_dim;
    // Large enough weights that each layer changes the residual stream noticeably.
    g.matrix(w, "token_embd.weight", s.n_vocab, s.n_embd, 1.0f);
    for (uint32_t i = 0; i < s.n_layer; ++i) {
        const std::string p = "blk." + std::to_string(i) + ".";
        g.vector(w, p + "attn_norm.weight", s.n_embd, 1.0f, 0.1f);
        g.matrix(w, p + "attn_q.weight", q_dim, s.n_embd, 0.08f);
        g.matrix(w, p + "attn_k.weight", kv_dim, s.n_embd, 0.08f);
        g.matrix(w, p + "attn_v.weight", kv_dim, s.n_embd, 0.08f);
        if (a == "qwen2" || oss) {
            g.vector(w, p + "attn_q.bias", q_dim, 0.0f, 0.1f);
            g.vector(w, p + "attn_k.bias", kv_dim, 0.0f, 0.1f);
            g.vector(w, p + "attn_v.bias", kv_dim, 0.0f, 0.1f);
        }
        if (a == "qwen3" || a == "qwen3moe") {
            g.vector(w, p + "attn_q_norm.weight", s.head_dim, 1.0f, 0.1f);
            g.vector(w, p + "attn_k_norm.weight", s.head_dim, 1.0f, 0.1f);
        }
        g.matrix(w, p + "attn_output.weight", s.n_embd, q_dim, 0.08f);
        // gpt-oss: sinks about as large as the scores; its pre-FFN norm has another name.
        if (oss) {
            g.vector(w, p + "attn_output.bias", s.n_embd, 0.0f, 0.1f);
            g.vector(w, p + "attn_sinks.weight", s.n_head, 0.0f, 1.0f);
        }
        g.vector(w, p + (oss ? "post_attention_norm.weight" : "ffn_norm.weight"), s.n_embd, 1.0f,
                 0.1f);
        if (moe) { // a router spread wide enough that its choices are rarely near a tie
            g.f32_matrix(w, p + "ffn_gate_inp.weight", s.n_expert, s.n_embd, 0.2f);
            g.stack(w, p + "ffn_gate_exps.weight", s.n_expert, s.n_ff_exp, s.n_embd, 0.08f);
            g.stack(w, p + "ffn_up_exps.weight", s.n_expert, s.n_ff_exp, s.n_embd, 0.08f);
            g.stack(w, p + "ffn_down_exps.weight", s.n_expert, s.n_embd, s.n_ff_exp, 0.08f);
            if (oss) { // biases [n_expert][rows] (GGUF {rows, n_expert})
                g.vector(w, p + "ffn_gate_inp.bias", s.n_expert, 0.0f, 0.5f);
                g.f32_matrix(w, p + "ffn_gate_exps.bias", s.n_expert, s.n_ff_exp, 0.1f);
                g.f32_matrix(w, p + "ffn_up_exps.bias", s.n_expert, s.n_ff_exp, 0.1f);
                g.f32_matrix(w, p + "ffn_down_exps.bias", s.n_expert, s.n_embd, 0.1f);
            }
            continue;
        }
        g.matrix(w, p + "ffn_gate.weight", s.n_ff, s.n_embd, 0.08f);
        g.matrix(w, p + "ffn_up.weight", s.n_ff, s.n_embd, 0.08f);
        g.matrix(w, p + "ffn_down.weight", s.n_embd, s.n_ff, 0.08f);
    }
    g.vector(w, "output_norm.weight", s.n_embd, 1.0f, 0.1f);
    if (!s.tied_embeddings) {
        g.matrix(w, "output.weight", s.n_vocab, s.n_embd, 0.08f);
    }
    if (s.rope_freqs) {
        std::vector<float> factors(s.head_dim / 2);
        for (size_t i = 0; i < factors.size(); ++i) {
            factors[i] = 1.0f + float(i % 4); // divisors 1..4
        }
        w.add_tensor("rope_freqs.weight", GgmlType::F32, {factors.size()},
                     quantize(GgmlType::F32, factors));
    }
    return w.serialize();
}

} // namespace hearth::test
