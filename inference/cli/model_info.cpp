#include "cli/model_info.h"

#include "fast/kernels.h"
#include "fast/spin_pool.h"
#include "model/model_config.h"

#include <cstdio>
#include <map>

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

} // namespace

std::string describe_model(const gguf::File& file) {
    std::string out;
    auto line = [&](const std::string& key, const std::string& value) {
        out += key + ": " + value + "\n";
    };
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", double(file.bytes().size()) / 1e6);
    line("file", file.name() + " (" + size + ")");
    line("name", text_of(file, "general.name"));
    line("architecture", text_of(file, "general.architecture"));

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
