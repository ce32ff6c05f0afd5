#include "tensor/dequant.h"

#include "tensor/half.h"

#include <cstring>

namespace hearth {

void dequantize(GgmlType type, std::span<const std::byte> src, std::span<float> dst) {
    const size_t n = dst.size();
    switch (type) {
    case GgmlType::F32:
        std::memcpy(dst.data(), src.data(), n * sizeof(float));
        return;
    case GgmlType::F16:
    case GgmlType::BF16: {
        const bool half = type == GgmlType::F16;
        for (size_t i = 0; i < n; ++i) {
            uint16_t bits;
            std::memcpy(&bits, src.data() + 2 * i, 2);
            dst[i] = half ? f16_to_f32(bits) : bf16_to_f32(bits);
        }
        return;
    }
    default:
        break;
    }
    const size_t blocks = n / traits(type).block_size;
    if (traits(type).block_size == 256) {
        dequantize_k_quants(type, src.data(), dst.data(), blocks);
    } else {
        dequantize_small_blocks(type, src.data(), dst.data(), blocks);
    }
}

} // namespace hearth
