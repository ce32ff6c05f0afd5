// libFuzzer target: any bytes through the GGUF reader, and on success through everything a
// model load does with untrusted data (metadata accessors, configuration, weight binding,
// dequantizing a row of every bound tensor). A crash or sanitizer report is a bug.
#include "gguf/gguf_file.h"
#include "model/model_config.h"
#include "model/weights.h"
#include "tensor/dequant.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace hearth;

namespace {

void touch_row(const TensorView& t) {
    if (!t.present()) {
        return;
    }
    std::vector<float> row(t.cols);
    dequantize(t.type, t.row(t.rows - 1), row);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Result<gguf::File> file =
        gguf::File::parse({reinterpret_cast<const std::byte*>(data), size}, "fuzz");
    if (!file) {
        return 0;
    }
    for (const auto& [key, value] : file->metadata()) {
        (void)value.as_uint();
        (void)value.as_int();
        (void)value.as_float();
        (void)value.strings();
        (void)value.floats();
        (void)value.ints();
    }
    Result<ModelConfig> config = load_config(*file);
    if (!config) {
        return 0;
    }
    Result<Weights> weights = bind_weights(*file, *config);
    if (!weights) {
        return 0;
    }
    touch_row(weights->token_embd);
    touch_row(weights->output);
    for (const LayerWeights& l : weights->layers) {
        for (const TensorView* t :
             {&l.wq, &l.wk, &l.wv, &l.wo, &l.w_gate, &l.w_up, &l.w_down, &l.attn_norm, &l.ffn_norm,
              &l.bq, &l.q_norm, &l.router, &l.gate_exps, &l.up_exps, &l.down_exps}) {
            touch_row(*t);
        }
    }
    return 0;
}
