#include "model/model_config.h"

#include <array>
#include <cmath>

namespace hearth {

namespace {

constexpr std::array kArchitectures = {
    ArchitectureTraits{"llama", RopeStyle::Norm},
    ArchitectureTraits{"qwen2", RopeStyle::Neox},
    ArchitectureTraits{"qwen3", RopeStyle::Neox},
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
    if (const gguf::Value* type = file.find(c.architecture + ".rope.scaling.type")) {
        const std::string_view kind = type->as_string().value_or("");
        float factor = 1.0f;
        if (Result<void> r = keys.real("rope.scaling.factor", factor); !r) {
            return r.error();
        }
        if (kind == "linear" && !(std::isfinite(factor) && factor > 0.0f)) {
            return Error{file.name() + " has an invalid configuration: RoPE scaling factor " +
                         std::to_string(factor)};
        }
        if (kind == "linear") {
            c.rope_freq_scale = 1.0f / factor;
        } else if (kind != "none" && kind != "linear" && kind != "llama3") {
            // llama3 scaling arrives as rope_freqs.weight; YaRN is not implemented yet.
            return Error{"Hearth does not support " + std::string(kind) + " RoPE scaling yet"};
        }
    }

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
    return c;
}

} // namespace hearth
