#include "model/model_config.h"

#include <array>
#include <cmath>

namespace hearth {

namespace {

// What each architecture does differently from llama (facts from llama.cpp's model code and
// ../shared/ENGINE-FACTS-2.md); keys that only some files carry are read for every
// architecture below. Listed in the order users see them.
constexpr std::array kArchitectures = {
    ArchitectureTraits{.name = "llama", .display = "Llama", .rope = RopeStyle::Norm},
    ArchitectureTraits{.name = "qwen2", .display = "Qwen2", .rope = RopeStyle::Neox},
    ArchitectureTraits{.name = "qwen3", .display = "Qwen3", .rope = RopeStyle::Neox},
    // Qwen3-30B-A3B / 235B-A22B: qwen3 with a softmax-gated mixture of experts in every layer,
    // top-k renormalised (llama.cpp passes norm_w = true for this architecture).
    ArchitectureTraits{.name = "qwen3moe",
                       .display = "Qwen3 MoE",
                       .rope = RopeStyle::Neox,
                       .moe = true,
                       .moe_normalize = true},
    ArchitectureTraits{.name = "gemma3",
                       .display = "Gemma 3",
                       .rope = RopeStyle::Neox,
                       .activation = Activation::GeluTanh,
                       .post_norms = true,
                       .scale_embeddings = true,
                       .sliding_pattern = 6,
                       .local_rope = true,
                       .softcap_needs_no_window = true},
    ArchitectureTraits{.name = "hunyuan-dense",
                       .display = "Hunyuan (dense)",
                       .rope = RopeStyle::Neox,
                       .qk_norm_at = QkNormAt::AfterRope},
    ArchitectureTraits{.name = "seed_oss",
                       .display = "Seed-OSS",
                       .rope = RopeStyle::Neox,
                       .ffn_norm = "post_attention_norm"},
    // gpt-oss-20b/120b: even layers slide (window from the file), odd ones are global, YaRN on
    // both; biases everywhere, attention sinks, the clamped SwiGLU; post_attention_norm is the
    // pre-FFN norm; top-k of the raw router logits, softmax over those (llama.cpp's
    // openai-moe-iswa graph).
    ArchitectureTraits{.name = "gpt-oss",
                       .display = "gpt-oss",
                       .rope = RopeStyle::Neox,
                       .activation = Activation::SwigluOai,
                       .ffn_norm = "post_attention_norm",
                       .sliding_pattern = 2,
                       .moe = true,
                       .gating = ExpertGating::SoftmaxWeight,
                       .projection_biases = true,
                       .attention_sinks = true},
    ArchitectureTraits{.name = "phi3", .display = "Phi-3 / Phi-4", .rope = RopeStyle::Neox},
    ArchitectureTraits{
        .name = "smollm3", .display = "SmolLM3", .rope = RopeStyle::Norm, .no_rope_every = 4},
    ArchitectureTraits{.name = "mistral3", .display = "Mistral 3", .rope = RopeStyle::Norm},
    ArchitectureTraits{.name = "granite",
                       .display = "Granite",
                       .rope = RopeStyle::Norm,
                       .rope_finetuned_key = true},
};

// Reads `{arch}.{key}` into `out` when the file has it; `required` ones must exist.
class KeyReader {
public:
    KeyReader(const gguf::File& file, std::string arch) : file_(file), arch_(std::move(arch)) {}

    Result<void> uint(const char* key, uint32_t& out, bool required = false) const {
        const gguf::Value* v = find(key);
        if (v == nullptr) {
            return required ? Result<void>(missing(key)) : Result<void>();
        }
        const std::optional<uint64_t> n = v->as_uint();
        if (!n || *n > UINT32_MAX) {
            return invalid(key, "a valid count");
        }
        out = static_cast<uint32_t>(*n);
        return {};
    }

    Result<void> real(const char* key, float& out) const {
        const gguf::Value* v = find(key);
        if (v == nullptr) {
            return {};
        }
        const std::optional<double> x = v->as_float();
        if (!x) {
            return invalid(key, "a number");
        }
        out = static_cast<float>(*x);
        return {};
    }

    Result<void> flag(const char* key, bool& out) const {
        const gguf::Value* v = find(key);
        if (v == nullptr) {
            return {};
        }
        const std::optional<bool> b = v->as_bool();
        if (!b) {
            return invalid(key, "true or false");
        }
        out = *b;
        return {};
    }

    std::string_view text(const char* key) const {
        const gguf::Value* v = find(key);
        return v != nullptr ? v->as_string().value_or("?") : "";
    }

private:
    const gguf::Value* find(const char* key) const { return file_.find(arch_ + "." + key); }
    Error missing(const char* key) const {
        return Error{file_.name() + " lacks " + arch_ + "." + key + ", which the model needs"};
    }
    Error invalid(const char* key, const char* what) const {
        return Error{file_.name() + ": " + arch_ + "." + key + " is not " + what};
    }

    const gguf::File& file_;
    std::string arch_;
};

// The first failure of a list of reads, or success.
Result<void> all(std::initializer_list<Result<void>> reads) {
    for (const Result<void>& r : reads) {
        if (!r) {
            return r.error();
        }
    }
    return {};
}

std::string supported_list() {
    std::string list;
    for (const ArchitectureTraits& a : kArchitectures) {
        list += (list.empty() ? "" : ", ") + std::string(a.name);
    }
    return list;
}

// The global layers' RoPE: the file's base, then linear scaling or YaRN (llama.cpp's
// llama_context: the magnitude is 1 + 0.1 ln(factor), divided by 1 + 0.1 m ln(factor) when
// the file gives YaRN's mscale_all_dim m as yarn_log_multiplier, times rope.scaling.attn_factor,
// which Phi-3's LongRoPE uses without YaRN).
Result<RopeSpec> read_rope(const KeyReader& keys, ModelConfig& c) {
    RopeSpec rope{.n_rot = c.n_rot, .base = c.rope_freq_base};
    float factor = 1.0f, attn_factor = 1.0f, beta_fast = 32.0f, beta_slow = 1.0f, log_mul = 0.0f;
    if (Result<void> r = all({keys.real("rope.scaling.factor", factor),
                              keys.real("rope.scaling.attn_factor", attn_factor),
                              keys.real("rope.scaling.yarn_beta_fast", beta_fast),
                              keys.real("rope.scaling.yarn_beta_slow", beta_slow),
                              keys.real("rope.scaling.yarn_log_multiplier", log_mul),
                              keys.uint("rope.scaling.original_context_length", c.n_ctx_orig)});
        !r) {
        return r.error();
    }
    if (c.n_ctx_orig == 0) {
        c.n_ctx_orig = c.n_ctx_train;
    }
    rope.magnitude = attn_factor;
    const std::string_view kind = keys.text("rope.scaling.type");
    if (kind == "linear") {
        if (!(factor > 0.0f) || !std::isfinite(factor)) {
            return Error{"RoPE scaling factor " + std::to_string(factor) + " is invalid"};
        }
        c.rope_freq_scale = 1.0f / factor;
        rope.freq_scale = c.rope_freq_scale;
    } else if (kind == "yarn") {
        if (!(factor >= 1.0f) || !std::isfinite(factor) || c.n_ctx_orig == 0 ||
            !(beta_fast > 0.0f) || !(beta_slow > 0.0f)) {
            return Error{"the YaRN settings of this model are invalid"};
        }
        const double mscale =
            log_mul != 0.0f && factor > 1.0f ? 1.0 + 0.1 * log_mul * std::log(factor) : 1.0;
        set_yarn(rope, factor, c.n_ctx_orig, beta_fast, beta_slow, attn_factor / mscale);
        c.rope_freq_scale = float(rope.freq_scale);
    } else if (!kind.empty() && kind != "none" && kind != "linear" && kind != "llama3") {
        // llama3 scaling arrives as rope_freqs.weight.
        return Error{"Hearth does not support " + std::string(kind) + " RoPE scaling yet"};
    }
    return rope;
}

// Each layer's window and RoPE variant.
Result<void> read_layers(const KeyReader& keys, const ArchitectureTraits& traits, ModelConfig& c) {
    uint32_t window = 0;
    bool rope_on = true;
    if (Result<void> r = all({keys.uint("attention.sliding_window", window),
                              keys.flag("rope.scaling.finetuned", rope_on)});
        !r) {
        return r.error();
    }
    const uint32_t pattern = traits.sliding_pattern;
    if (pattern > 0 && window == 0) {
        return Error{"this " + c.architecture + " model has no attention.sliding_window"};
    }
    if (pattern > 0 && traits.local_rope) { // gemma3's local layers: base 10000, no scaling
        c.rope.push_back(RopeSpec{.n_rot = c.n_rot, .base = 10000.0});
    }
    for (uint32_t i = 0; i < c.n_layer; ++i) {
        LayerConfig layer;
        if (pattern > 0 && i % pattern < pattern - 1) {
            layer.window = window;
            layer.rope = traits.local_rope ? 1 : 0;
        }
        layer.moe = c.moe.n_expert > 0;
        if ((traits.no_rope_every > 0 && (i + 1) % traits.no_rope_every == 0) ||
            (traits.rope_finetuned_key && !rope_on)) {
            layer.rope = -1;
        }
        c.layers.push_back(layer);
    }
    if (traits.softcap_needs_no_window && pattern > 0) {
        c.final_logit_softcap = 0.0f;
    }
    return {};
}

// The mixture of experts of an architecture that has one: expert_count and expert_used_count
// are required; the expert FFN width defaults to feed_forward_length / expert_used_count
// (llama.cpp), the gating to softmax, renormalisation to the architecture's default, the scale
// to 1 (0 in a file means none).
Result<void> read_moe(const KeyReader& keys, const ArchitectureTraits& traits,
                      const std::string& file, ModelConfig& c) {
    if (!traits.moe) {
        return {};
    }
    const auto bad = [&](const std::string& what) {
        return Error{file + " has an invalid configuration: " + what};
    };
    uint32_t gating = 0;
    float scale = 0.0f;
    c.moe.normalize = traits.moe_normalize;
    if (Result<void> r = all({keys.uint("expert_count", c.moe.n_expert, true),
                              keys.uint("expert_used_count", c.moe.n_expert_used, true),
                              keys.uint("expert_feed_forward_length", c.n_ff_exp),
                              keys.uint("expert_gating_func", gating),
                              keys.flag("expert_weights_norm", c.moe.normalize),
                              keys.real("expert_weights_scale", scale)});
        !r) {
        return r.error();
    }
    if (c.moe.n_expert == 0 || c.moe.n_expert > 4096 || c.moe.n_expert_used == 0 ||
        c.moe.n_expert_used > c.moe.n_expert || c.moe.n_expert_used > 128) {
        return bad(std::to_string(c.moe.n_expert_used) + " of " + std::to_string(c.moe.n_expert) +
                   " experts per token");
    }
    switch (gating) {
    case 0: // the architecture's default
        c.moe.gating = traits.gating;
        break;
    case 1:
        c.moe.gating = ExpertGating::Softmax;
        break;
    case 2:
        c.moe.gating = ExpertGating::Sigmoid;
        break;
    case 3:
        c.moe.gating = ExpertGating::SoftmaxWeight;
        break;
    default:
        return bad("expert gating function " + std::to_string(gating) + " (expected 1 to 3)");
    }
    if (!std::isfinite(scale)) {
        return bad("an expert weights scale of " + std::to_string(scale));
    }
    c.moe.scale = scale == 0.0f ? 1.0f : scale;
    if (c.n_ff_exp == 0) {
        c.n_ff_exp = c.n_ff / c.moe.n_expert_used;
    }
    if (c.n_ff == 0) { // feed_forward_length is optional for these: the dense width is unused
        c.n_ff = c.n_ff_exp;
    }
    if (c.n_ff_exp == 0 || c.n_ff_exp > (1u << 20)) {
        return bad("expert feed-forward width " + std::to_string(c.n_ff_exp));
    }
    return {};
}

Result<void> validate(const gguf::File& file, const ModelConfig& c, uint32_t value_dim) {
    auto bad = [&](const std::string& what) {
        return Error{file.name() + " has an invalid configuration: " + what};
    };
    // Sizes far beyond any real model are refused too: the products the backends form
    // from them (q_dim, cache sizes) must not overflow.
    constexpr uint32_t kMaxWidth = 1u << 20;
    if (c.n_embd == 0 || c.n_embd > kMaxWidth || c.n_layer == 0 || c.n_layer > 1024 ||
        c.n_head == 0 || c.n_head > 4096 || c.n_ff == 0 || c.n_ff > kMaxWidth) {
        return bad("zero or absurd sizes");
    }
    if (c.n_ctx_train == 0) {
        return bad("a context length of 0");
    }
    if (c.n_head_kv == 0 || c.n_head % c.n_head_kv != 0) {
        return bad(std::to_string(c.n_head) + " query heads cannot share " +
                   std::to_string(c.n_head_kv) + " key/value heads");
    }
    if (c.head_dim == 0 || c.head_dim % 2 != 0 || c.head_dim > 1024) {
        return bad("head size " + std::to_string(c.head_dim));
    }
    if (value_dim != 0 && value_dim != c.head_dim) {
        return bad("key and value head sizes differ");
    }
    if (c.n_rot == 0 || c.n_rot % 2 != 0 || c.n_rot > c.head_dim) {
        return bad("RoPE dimension count " + std::to_string(c.n_rot));
    }
    // Not finite or out of range, they would turn every activation into NaN or nonsense.
    if (!std::isfinite(c.rms_eps) || !(c.rms_eps > 0.0f) || c.rms_eps > 1.0f) {
        return bad("RMS norm epsilon " + std::to_string(c.rms_eps) + " (expected 0 to 1)");
    }
    if (!std::isfinite(c.rope_freq_base) || !(c.rope_freq_base > 0.0f)) {
        return bad("RoPE base " + std::to_string(c.rope_freq_base) +
                   " (expected a positive number)");
    }
    for (float scale : {c.embedding_scale, c.residual_scale, c.logit_scale}) {
        if (!std::isfinite(scale) || scale == 0.0f) {
            return bad("a scale of " + std::to_string(scale));
        }
    }
    for (const RopeSpec& r : c.rope) {
        if (!std::isfinite(r.magnitude) || !(r.freq_scale > 0.0) || !std::isfinite(r.freq_scale)) {
            return bad("RoPE scaling");
        }
    }
    if (!std::isfinite(c.attention_scale) || c.attention_scale < 0.0f ||
        !std::isfinite(c.final_logit_softcap) || c.final_logit_softcap < 0.0f) {
        return bad("attention scale or logit softcapping");
    }
    if (!std::isfinite(c.attention_temperature_beta) ||
        (c.attention_temperature_beta != 0.0f && c.attention_temperature_length == 0)) {
        return bad("attention temperature");
    }
    return {};
}

} // namespace

std::span<const ArchitectureTraits> supported_architectures() {
    return kArchitectures;
}

const ArchitectureTraits* find_architecture(std::string_view name) {
    for (const ArchitectureTraits& a : kArchitectures) {
        if (a.name == name) {
            return &a;
        }
    }
    return nullptr;
}

Result<ModelConfig> load_config(const gguf::File& file) {
    const gguf::Value* arch_value = file.find("general.architecture");
    if (arch_value == nullptr || !arch_value->as_string()) {
        return Error{file.name() + " does not say which architecture it is"};
    }
    ModelConfig c;
    c.architecture = std::string(*arch_value->as_string());
    const ArchitectureTraits* traits = find_architecture(c.architecture);
    if (traits == nullptr) {
        return Error{"Hearth cannot run " + c.architecture +
                     " models yet (supported: " + supported_list() + ")"};
    }
    c.rope_style = traits->rope;
    c.activation = traits->activation;
    c.qk_norm_at = traits->qk_norm_at;
    c.ffn_norm_name = std::string(traits->ffn_norm);
    c.post_norms = traits->post_norms;
    c.projection_biases = traits->projection_biases;
    c.attention_sinks = traits->attention_sinks;

    const KeyReader keys(file, c.architecture);
    if (Result<void> r = all({keys.uint("embedding_length", c.n_embd, true),
                              keys.uint("block_count", c.n_layer, true),
                              keys.uint("attention.head_count", c.n_head, true),
                              keys.uint("feed_forward_length", c.n_ff, !traits->moe),
                              keys.uint("context_length", c.n_ctx_train, true)});
        !r) {
        return r.error();
    }
    if (Result<void> r = read_moe(keys, *traits, file.name(), c); !r) {
        return r.error();
    }
    c.n_head_kv = c.n_head;
    c.head_dim = c.n_head ? c.n_embd / c.n_head : 0;
    uint32_t value_dim = 0;
    if (Result<void> r = all({keys.uint("attention.head_count_kv", c.n_head_kv),
                              keys.uint("attention.key_length", c.head_dim),
                              keys.uint("attention.value_length", value_dim),
                              keys.real("attention.layer_norm_rms_epsilon", c.rms_eps),
                              keys.real("rope.freq_base", c.rope_freq_base)});
        !r) {
        return r.error();
    }
    c.n_rot = c.head_dim;
    if (traits->scale_embeddings) {
        c.embedding_scale = std::sqrt(float(c.n_embd));
    }
    if (c.architecture == "gemma3" && c.n_layer == 62) { // 27B: 1/sqrt(n_embd / n_head)
        c.attention_scale = float(1.0 / std::sqrt(double(c.n_embd / c.n_head)));
    }
    if (Result<void> r =
            all({keys.uint("rope.dimension_count", c.n_rot),
                 keys.real("embedding_scale", c.embedding_scale),
                 keys.real("residual_scale", c.residual_scale),
                 keys.real("attention.scale", c.attention_scale),
                 keys.real("logit_scale", c.logit_scale),
                 keys.real("final_logit_softcapping", c.final_logit_softcap),
                 keys.real("attention.temperature_scale", c.attention_temperature_beta),
                 keys.uint("attention.temperature_length", c.attention_temperature_length)});
        !r) {
        return r.error();
    }
    if (Result<void> r = validate(file, c, value_dim); !r) { // before anything is sized by it
        return r.error();
    }
    Result<RopeSpec> global = read_rope(keys, c);
    if (!global) {
        return global.error();
    }
    c.rope.push_back(std::move(global.value()));
    if (Result<void> r = read_layers(keys, *traits, c); !r) {
        return r.error();
    }
    if (Result<void> r = validate(file, c, value_dim); !r) {
        return r.error();
    }
    return c;
}

float ModelConfig::kq_scale() const {
    return attention_scale > 0.0f ? attention_scale : float(1.0 / std::sqrt(double(head_dim)));
}

float ModelConfig::temperature(uint32_t pos) const {
    if (attention_temperature_beta == 0.0f || attention_temperature_length == 0) {
        return 1.0f;
    }
    return float(1.0 + attention_temperature_beta *
                           std::log(1.0 + std::floor(double(pos) / attention_temperature_length)));
}

ModelConfig ModelConfig::for_context(uint32_t n_ctx) const {
    ModelConfig c = *this;
    if (!rope_factors_long.empty() || !rope_factors_short.empty()) {
        c.rope[0].factors = n_ctx > n_ctx_orig ? rope_factors_long : rope_factors_short;
    }
    return c;
}

} // namespace hearth
