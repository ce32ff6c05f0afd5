#include "model/model_config.h"

#include <array>
#include <cmath>

namespace hearth {

namespace {

// What each architecture does differently from llama (facts from llama.cpp's model code and
// ../shared/ENGINE-FACTS-2.md); keys that only some files carry are read for every
// architecture below.
constexpr std::array kArchitectures = {
    ArchitectureTraits{.name = "llama", .rope = RopeStyle::Norm},
    ArchitectureTraits{.name = "qwen2", .rope = RopeStyle::Neox},
    ArchitectureTraits{.name = "qwen3", .rope = RopeStyle::Neox},
};

// Reads `{arch}.{key}` as an unsigned integer into `out`; `required` ones must exist.
class KeyReader {
public:
    KeyReader(const gguf::File& file, std::string arch) : file_(file), arch_(std::move(arch)) {}

    Result<void> uint(const char* key, uint32_t& out, bool required) {
        const std::string full = arch_ + "." + key;
        const gguf::Value* v = file_.find(full);
        if (v == nullptr) {
            return required ? Result<void>(missing(full)) : Result<void>();
        }
        const std::optional<uint64_t> n = v->as_uint();
        if (!n || *n > UINT32_MAX) {
            return Error{file_.name() + ": " + full + " is not a valid count"};
        }
        out = static_cast<uint32_t>(*n);
        return {};
    }

    Result<void> real(const char* key, float& out) {
        const std::string full = arch_ + "." + key;
        const gguf::Value* v = file_.find(full);
        if (v == nullptr) {
            return {};
        }
        const std::optional<double> x = v->as_float();
        if (!x) {
            return Error{file_.name() + ": " + full + " is not a number"};
        }
        out = static_cast<float>(*x);
        return {};
    }

private:
    Error missing(const std::string& key) const {
        return Error{file_.name() + " lacks " + key + ", which the model needs"};
    }

    const gguf::File& file_;
    std::string arch_;
};

std::string supported_list() {
    std::string list;
    for (const ArchitectureTraits& a : kArchitectures) {
        list += (list.empty() ? "" : ", ") + std::string(a.name);
    }
    return list;
}

} // namespace

std::span<const ArchitectureTraits> supported_architectures() {
    return kArchitectures;
}

Result<ModelConfig> load_config(const gguf::File& file) {
    const gguf::Value* arch_value = file.find("general.architecture");
    if (arch_value == nullptr || !arch_value->as_string()) {
        return Error{file.name() + " does not say which architecture it is"};
    }
    ModelConfig c;
    c.architecture = std::string(*arch_value->as_string());
    const ArchitectureTraits* traits = nullptr;
    for (const ArchitectureTraits& a : kArchitectures) {
        if (a.name == c.architecture) {
            traits = &a;
        }
    }
    if (traits == nullptr) {
        return Error{"Hearth cannot run " + c.architecture +
                     " models yet (supported: " + supported_list() + ")"};
    }
    c.rope_style = traits->rope;

    KeyReader keys(file, c.architecture);
    for (Result<void> r :
         {keys.uint("embedding_length", c.n_embd, true), keys.uint("block_count", c.n_layer, true),
          keys.uint("attention.head_count", c.n_head, true),
          keys.uint("feed_forward_length", c.n_ff, true),
          keys.uint("context_length", c.n_ctx_train, true)}) {
        if (!r) {
            return r.error();
        }
    }
    c.n_head_kv = c.n_head;
    c.head_dim = c.n_head ? c.n_embd / c.n_head : 0;
    uint32_t value_dim = 0;
    for (Result<void> r : {keys.uint("attention.head_count_kv", c.n_head_kv, false),
                           keys.uint("attention.key_length", c.head_dim, false),
                           keys.uint("attention.value_length", value_dim, false),
                           keys.real("attention.layer_norm_rms_epsilon", c.rms_eps),
                           keys.real("rope.freq_base", c.rope_freq_base)}) {
        if (!r) {
            return r.error();
        }
    }
    c.n_rot = c.head_dim;
    if (Result<void> r = keys.uint("rope.dimension_count", c.n_rot, false); !r) {
        return r.error();
    }
    c.activation = traits->activation;
    c.qk_norm_at = traits->qk_norm_at;
    c.ffn_norm_name = std::string(traits->ffn_norm);
    c.post_norms = traits->post_norms;
    if (traits->scale_embeddings) {
        c.embedding_scale = std::sqrt(float(c.n_embd));
    }
    if (c.architecture == "gemma3" && c.n_layer == 62) { // 27B: 1/sqrt(n_embd / n_head)
        c.attention_scale = float(1.0 / std::sqrt(double(c.n_embd / c.n_head)));
    }
    uint32_t window = 0;
    for (Result<void> r :
         {keys.real("embedding_scale", c.embedding_scale),
          keys.real("residual_scale", c.residual_scale),
          keys.real("attention.scale", c.attention_scale), keys.real("logit_scale", c.logit_scale),
          keys.real("final_logit_softcapping", c.final_logit_softcap),
          keys.uint("attention.sliding_window", window, false)}) {
        if (!r) {
            return r.error();
        }
    }

    // RoPE: the file's base and scaling for global layers; gemma3's sliding layers keep
    // base 10000 without scaling (llama.cpp's rope_freq_base_train_swa).
    RopeSpec global{.n_rot = c.n_rot, .base = c.rope_freq_base};
    if (const gguf::Value* type = file.find(c.architecture + ".rope.scaling.type")) {
        const std::string_view kind = type->as_string().value_or("");
        float factor = 1.0f;
        if (Result<void> r = keys.real("rope.scaling.factor", factor); !r) {
            return r.error();
        }
        if (kind == "linear" && factor > 0.0f) {
            c.rope_freq_scale = 1.0f / factor;
            global.freq_scale = c.rope_freq_scale;
        } else if (kind != "none" && kind != "linear" && kind != "llama3") {
            // llama3 scaling arrives as rope_freqs.weight; YaRN is not implemented yet.
            return Error{"Hearth does not support " + std::string(kind) + " RoPE scaling yet"};
        }
    }
    c.rope.push_back(global);
    const uint32_t pattern = traits->sliding_pattern;
    if (pattern > 0) {
        c.rope.push_back(RopeSpec{.n_rot = c.n_rot, .base = 10000.0});
    }
    for (uint32_t i = 0; i < c.n_layer && i < 1024; ++i) {
        LayerConfig layer;
        if (pattern > 0 && window > 0 && i % pattern < pattern - 1) {
            layer.window = window;
            layer.rope = 1;
        }
        if (traits->no_rope_every > 0 && (i + 1) % traits->no_rope_every == 0) {
            layer.rope = -1;
        }
        c.layers.push_back(layer);
    }

    auto bad = [&](const std::string& what) {
        return Error{file.name() + " has an invalid configuration: " + what};
    };
    if (c.n_embd == 0 || c.n_layer == 0 || c.n_layer > 1024 || c.n_head == 0 || c.n_ff == 0) {
        return bad("zero or absurd sizes");
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
    if (!(c.rms_eps > 0.0f) || !(c.rope_freq_base > 0.0f)) {
        return bad("epsilon or RoPE base not positive");
    }
    for (float scale : {c.embedding_scale, c.residual_scale, c.logit_scale}) {
        if (!std::isfinite(scale) || scale == 0.0f) {
            return bad("a scale of " + std::to_string(scale));
        }
    }
    if (!std::isfinite(c.attention_scale) || c.attention_scale < 0.0f ||
        !std::isfinite(c.final_logit_softcap) || c.final_logit_softcap < 0.0f) {
        return bad("attention scale or logit softcapping");
    }
    if (pattern > 0 && window == 0) {
        return bad(c.architecture + " needs attention.sliding_window");
    }
    return c;
}

float ModelConfig::kq_scale() const {
    return attention_scale > 0.0f ? attention_scale : float(1.0 / std::sqrt(double(head_dim)));
}

} // namespace hearth
