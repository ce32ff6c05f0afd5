#include "cli/model_info.h"

#include "fast/kernels.h"
#include "fast/spin_pool.h"
#include "model/model_config.h"

#include <cstdio>
#include <map>
#include <vector>

namespace hearth::cli {

namespace {

std::string human_count(uint64_t n) {
    char text[32];
    if (n >= 1'000'000'000) {
        std::snprintf(text, sizeof text, "%.2f B", double(n) / 1e9);
    } else if (n >= 1'000'000) {
        std::snprintf(text, sizeof text, "%.2f M", double(n) / 1e6);
    } else {
        std::snprintf(text, sizeof text, "%llu", static_cast<unsigned long long>(n));
    }
    return text;
}

std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
}

std::string text_of(const gguf::File& file, const char* key) {
    const gguf::Value* v = file.find(key);
    return v && v->as_string() ? std::string(*v->as_string()) : "-";
}

// What this model does beyond llama's forward pass, as a comma-separated list ("" for plain
// llama): the architecture-as-data choices of its configuration and fused tensors.
std::string features(const gguf::File& file, const ModelConfig& c) {
    std::vector<std::string> f;
    uint32_t sliding = 0, no_rope = 0;
    for (const LayerConfig& l : c.layers) {
        sliding += l.window > 0;
        no_rope += l.rope < 0;
    }
    if (sliding > 0) {
        f.push_back("sliding window of " + std::to_string(c.layers.front().window) + " on " +
                    std::to_string(sliding) + " of " + std::to_string(c.n_layer) + " layers");
    }
    const RopeSpec& rope = c.rope.front();
    if (rope.yarn) {
        f.push_back("YaRN x" + number(1.0 / rope.freq_scale) + " from " +
                    std::to_string(c.n_ctx_orig) + " positions");
    } else if (rope.freq_scale != 1.0) {
        f.push_back("RoPE positions x" + number(rope.freq_scale));
    }
    if (file.find_tensor("rope_factors_long.weight") != nullptr) {
        f.push_back("LongRoPE (long factors beyond " + std::to_string(c.n_ctx_orig) + ")");
    }
    if (c.n_rot < c.head_dim) {
        f.push_back("RoPE on " + std::to_string(c.n_rot) + " of " + std::to_string(c.head_dim) +
                    " dimensions");
    }
    if (no_rope > 0) {
        f.push_back(std::to_string(no_rope) + " layers without RoPE");
    }
    if (file.find_tensor("blk.0.attn_q_norm.weight") != nullptr) {
        f.push_back(c.qk_norm_at == QkNormAt::BeforeRope ? "q/k norms" : "q/k norms after RoPE");
    }
    if (c.projection_biases) {
        f.push_back("biases on every projection");
    } else if (file.find_tensor("blk.0.attn_q.bias") != nullptr) {
        f.push_back("q/k/v biases");
    }
    if (c.attention_sinks) {
        f.push_back("attention sinks");
    }
    if (file.find_tensor("blk.0.attn_qkv.weight") != nullptr) {
        f.push_back("fused q/k/v");
    }
    if (c.post_norms) {
        f.push_back("post-attention and post-FFN norms");
    }
    if (c.activation == Activation::GeluTanh) {
        f.push_back("GELU FFN");
    } else if (c.activation == Activation::SwigluOai) {
        f.push_back("clamped SwiGLU FFN");
    }
    if (c.moe.n_expert > 0) {
        const char* gating[] = {"softmax", "sigmoid", "softmax over the chosen"};
        f.push_back("mixture of " + std::to_string(c.moe.n_expert) + " experts (" +
                    std::to_string(c.moe.n_expert_used) + " per token, " +
                    gating[int(c.moe.gating)] + " gating" +
                    (c.moe.normalize ? ", renormalised" : "") +
                    (c.moe.scale != 1.0f ? ", x" + number(c.moe.scale) : "") + ", expert FFN " +
                    std::to_string(c.n_ff_exp) + ")");
    }
    const std::pair<const char*, float> scales[] = {
        {"embeddings x", c.embedding_scale},
        {"residual x", c.residual_scale},
        {"attention scale ", c.attention_scale == 0.0f ? 1.0f : c.attention_scale},
        {"logits / ", c.logit_scale}};
    for (const auto& [what, value] : scales) {
        if (value != 1.0f) {
            f.push_back(what + number(value));
        }
    }
    if (c.final_logit_softcap > 0.0f) {
        f.push_back("logits soft-capped at " + number(c.final_logit_softcap));
    }
    if (c.attention_temperature_length > 0) {
        f.push_back("attention temperature " + number(c.attention_temperature_beta) + " per " +
                    std::to_string(c.attention_temperature_length) + " positions");
    }
    std::string out;
    for (const std::string& s : f) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

} // namespace

std::string describe_model(const gguf::File& file) {
    std::string out;
    auto line = [&](const std::string& key, const std::string& value) {
        out += key + ": " + value + "\n";
    };
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", double(file.total_bytes()) / 1e6);
    const std::string parts =
        file.part_count() > 1 ? ", " + std::to_string(file.part_count()) + " parts" : "";
    line("file", file.name() + " (" + size + parts + ")");
    line("name", text_of(file, "general.name"));
    const std::string arch = text_of(file, "general.architecture");
    const ArchitectureTraits* traits = find_architecture(arch);
    line("architecture", arch + (traits ? " (" + std::string(traits->display) + ")" : ""));

    uint64_t parameters = 0;
    std::map<std::string, int> histogram;
    for (const gguf::TensorInfo& t : file.tensors()) {
        parameters += t.elements;
        ++histogram[std::string(type_name(t.type))];
    }
    line("parameters",
         human_count(parameters) + " in " + std::to_string(file.tensors().size()) + " tensors");
    std::string types;
    for (const auto& [name, count] : histogram) {
        types += (types.empty() ? "" : ", ") + name + " x" + std::to_string(count);
    }
    line("tensor types", types.empty() ? "none (vocabulary only)" : types);

    Result<ModelConfig> config = load_config(file);
    if (config) {
        const ModelConfig& c = *config;
        line("context length", std::to_string(c.n_ctx_train));
        line("layers", std::to_string(c.n_layer) + ", embedding " + std::to_string(c.n_embd) +
                           ", feed-forward " + std::to_string(c.n_ff));
        line("attention", std::to_string(c.n_head) + " heads, " + std::to_string(c.n_head_kv) +
                              " key/value heads, head size " + std::to_string(c.head_dim));
        line("rope", std::string(c.rope_style == RopeStyle::Norm ? "normal" : "neox") + ", base " +
                         number(c.rope_freq_base) + ", " + std::to_string(c.n_rot) + " dimensions");
        if (const std::string f = features(file, c); !f.empty()) {
            line("beyond llama", f);
        }
    } else {
        line("runs in Hearth", "no: " + config.error().message);
    }
    const gguf::Value* tokens = file.find("tokenizer.ggml.tokens");
    line("tokenizer", text_of(file, "tokenizer.ggml.model") + " (pre-tokenizer " +
                          text_of(file, "tokenizer.ggml.pre") + "), " +
                          std::to_string(tokens ? tokens->count : 0) + " tokens");
    line("chat template", file.find("tokenizer.chat_template") ? "yes" : "no");
    return out;
}

std::string describe_cpu() {
    Result<const fast::Kernels*> chosen = fast::choose_variant();
    if (!chosen) {
        return "cpu kernels: " + chosen.error().message + "\n";
    }
    std::string others;
    for (const fast::Kernels* k : fast::available_variants()) {
        if (k != *chosen) {
            others += (others.empty() ? "" : ", ") + k->name;
        }
    }
    return "cpu kernels: " + (*chosen)->name +
           (others.empty() ? "" : " (this CPU also runs " + others + ")") + ", " +
           std::to_string(fast::physical_cores()) + " physical cores\n";
}

} // namespace hearth::cli
