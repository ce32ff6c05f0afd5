#include "model/rope.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hearth {

namespace {

// The dimension pair below which YaRN keeps a frequency's extrapolated angle: where the
// wavelength of pair i spans n_ctx_orig / beta full turns (llama.cpp computes it in float).
float yarn_correction(uint32_t n_rot, uint32_t n_ctx_orig, double beta, double base) {
    return float(n_rot) * std::log(float(n_ctx_orig) / float(beta * 2.0 * std::numbers::pi)) /
           (2.0f * std::log(float(base)));
}

} // namespace

void set_yarn(RopeSpec& spec, double factor, uint32_t n_ctx_orig, double beta_fast,
              double beta_slow, double attn_factor) {
    spec.yarn = true;
    spec.freq_scale = 1.0 / factor;
    const float low = std::floor(yarn_correction(spec.n_rot, n_ctx_orig, beta_fast, spec.base));
    const float high = std::ceil(yarn_correction(spec.n_rot, n_ctx_orig, beta_slow, spec.base));
    spec.yarn_low = std::max(0.0f, low);
    spec.yarn_high = std::min(float(spec.n_rot) - 1.0f, high);
    spec.magnitude = attn_factor * (1.0 + 0.1 * std::log(factor));
}

void rope_cos_sin(const RopeSpec& spec, double pos, float* out) {
    const uint32_t half = spec.n_rot / 2;
    for (uint32_t i = 0; i < half; ++i) {
        double extrapolated = pos * std::pow(spec.base, -2.0 * i / spec.n_rot);
        if (!spec.factors.empty()) {
            extrapolated /= spec.factors[i];
        }
        double theta = extrapolated * spec.freq_scale;
        if (spec.yarn) {
            const double y =
                (double(i) - spec.yarn_low) / std::max(0.001, spec.yarn_high - spec.yarn_low);
            const double ramp = 1.0 - std::clamp(y, 0.0, 1.0); // share of the extrapolated angle
            theta = theta * (1.0 - ramp) + extrapolated * ramp;
        }
        out[i] = float(std::cos(theta) * spec.magnitude);
        out[half + i] = float(std::sin(theta) * spec.magnitude);
    }
}

} // namespace hearth
