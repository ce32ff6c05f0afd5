// Rotary position embedding as data: the angle of every rotated pair at a position and the
// magnitude the rotation carries, for each variant the architectures use: plain, linear
// position scaling, per-pair frequency divisors (Llama 3.1's rope_freqs, Phi-3's LongRoPE),
// YaRN. One definition, computed in double, from which every backend builds its tables.
//
// Pair i (of n_rot / 2) at position p turns by
//     theta_i = p * freq_scale * base^(-2i / n_rot) / factor_i
// and with YaRN (llama.cpp's rope_yarn: ggml-cpu ops.cpp) by a mix of that interpolated
// angle and the extrapolated one (without freq_scale), the extrapolated share ramping from 1
// below dimension pair `yarn_low` to 0 above `yarn_high`. cos and sin are multiplied by
// `magnitude`.
#pragma once

#include <cstdint>
#include <vector>

namespace hearth {

struct RopeSpec {
    uint32_t n_rot = 0;         // rotated dimensions of a head: n_rot / 2 pairs
    double base = 10000.0;      // rope.freq_base
    double freq_scale = 1.0;    // linear scaling (1 / rope.scaling.factor); YaRN's interpolation
    std::vector<float> factors; // [n_rot / 2] frequency divisors, or empty
    double magnitude = 1.0;     // cos and sin are multiplied by this
    bool yarn = false;
    double yarn_low = 0.0, yarn_high = 0.0; // the correction range, in pairs
};

// YaRN for a context extended `factor` times from `n_ctx_orig` tokens, with llama.cpp's
// rounding of the correction range (floor / ceil, clamped to the rotated pairs) and its
// magnitude 1 + 0.1 ln(factor), times `attn_factor`.
void set_yarn(RopeSpec& spec, double factor, uint32_t n_ctx_orig, double beta_fast,
              double beta_slow, double attn_factor = 1.0);

// cos of every pair, then sin of every pair, at `pos`: n_rot floats.
void rope_cos_sin(const RopeSpec& spec, double pos, float* out);

} // namespace hearth
