// Activations quantized for the integer products of quant_matmul.cpp, compiled once per SIMD
// target (Highway): blocks of 32 floats become 32 signed bytes and a scale d = max|x| / 127,
// with the integer sums of each half (for the K-quants' offsets) kept beside them; per token
// (matvec: acts.h's rows) or interleaved for a panel of tokens (gemm: 4-byte groups of L
// tokens side by side).

// clang-format off: foreach_target.h must come first; it includes this file once per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "fast/quant_acts.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep
// clang-format on

#include "fast/kernels.h"

#include <cstring>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace hearth::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

constexpr float kTinyBlock = 1e-36f;

// Quantizes one block of 32 floats: writes 32 codes to q, returns d; sums[0..1] get the
// integer sums of the two halves.
HWY_INLINE float quantize_block(const float* x, int8_t* q, int32_t* sums) {
    const hn::CappedTag<float, 16> df;
    const hn::Rebind<int32_t, decltype(df)> di32;
    const hn::Rebind<int8_t, decltype(df)> di8;
    constexpr size_t N = hn::MaxLanes(df);
    auto amax = hn::Zero(df);
    for (size_t i = 0; i < 32; i += N) {
        amax = hn::Max(amax, hn::Abs(hn::LoadU(df, x + i)));
    }
    // A block below kTinyBlock quantizes to zero: 127 / max would overflow.
    float max = hn::ReduceMax(df, amax);
    max = max >= kTinyBlock ? max : 0.0f;
    const float d = max / 127.0f;
    const auto inv = hn::Set(df, max > 0.0f ? 127.0f / max : 0.0f);
    for (size_t half = 0; half < 2; ++half) {
        auto sum = hn::Zero(di32);
        for (size_t i = 16 * half; i < 16 * half + 16; i += N) {
            const auto codes = hn::NearestInt(hn::Mul(hn::LoadU(df, x + i), inv));
            sum = hn::Add(sum, codes);
            hn::StoreU(hn::DemoteTo(di8, codes), di8, q + i);
        }
        sums[half] = hn::ReduceSum(di32, sum);
    }
    return d;
}

void QuantizeRows(const float* x, size_t ldx, size_t t0, size_t t1, QuantActs& a) {
    const size_t blocks = a.cols() / 32;
    for (size_t t = t0; t < t1; ++t) {
        const float* row = x + t * ldx;
        int8_t* q = a.q(t);
        float *d = a.d(t), *d16 = a.d16(t), *ds16 = a.ds16(t), *ds32 = a.ds32(t);
        for (size_t b = 0; b < blocks; ++b) {
            int32_t sums[2];
            d[b] = quantize_block(row + 32 * b, q + 32 * b, sums);
            d16[2 * b] = d16[2 * b + 1] = d[b];
            ds16[2 * b] = d[b] * float(sums[0]);
            ds16[2 * b + 1] = d[b] * float(sums[1]);
            ds32[b] = d[b] * float(sums[0] + sums[1]);
        }
    }
}

void QuantizePanel(const float* x, size_t ldx, size_t g0, size_t g1, QuantActs& a) {
    const size_t L = a.lanes(), blocks = a.cols() / 32;
    for (size_t g = g0; g < g1; ++g) {
        int8_t* pq = a.panel_q(g);
        float *pd = a.panel_d(g), *p16 = a.panel_ds16(g), *p32 = a.panel_ds32(g);
        for (size_t lane = 0; lane < L; ++lane) {
            const size_t t = g * L + lane;
            const bool live = t < a.tokens();
            for (size_t b = 0; b < blocks; ++b) {
                alignas(32) int8_t q[32] = {};
                int32_t sums[2] = {0, 0};
                const float d = live ? quantize_block(x + t * ldx + 32 * b, q, sums) : 0.0f;
                for (size_t k = 0; k < 8; ++k) { // 4-byte groups to their lane
                    std::memcpy(pq + ((8 * b + k) * L + lane) * 4, q + 4 * k, 4);
                }
                pd[b * L + lane] = d;
                p16[2 * b * L + lane] = d * float(sums[0]);
                p16[(2 * b + 1) * L + lane] = d * float(sums[1]);
                p32[b * L + lane] = d * float(sums[0] + sums[1]);
            }
        }
    }
}

int64_t FillActKernels(Kernels* k) {
    if (k != nullptr) {
        k->quantize_rows = &QuantizeRows;
        k->quantize_panel = &QuantizePanel;
    }
    return HWY_TARGET;
}

} // namespace hearth::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "fast/dispatch.h"
namespace hearth::fast {
HWY_EXPORT(FillActKernels);
bool fill_act_kernels(int64_t target, Kernels& k) {
    return fill_from(HWY_DISPATCH_TABLE(FillActKernels), target, k);
}
} // namespace hearth::fast
#endif
