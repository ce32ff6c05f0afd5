#version 450
#extension GL_GOOGLE_include_directive : require

// The mixture-of-experts router after its matvec: gating, top-k and the chosen experts'
// weights for each token, on the device, so the expert kernels read the choice from a buffer
// and no layer waits for the host. Same steps and tie rule as the CPU reference's route_token
// (model/moe_routing.cpp); shapes in MoeRoutePush.
//
// One workgroup per token. The invocations turn the token's logits into probabilities in
// shared memory (max and sum by a shared-memory tree); then invocation 0 picks the top k by k
// scans over the n_expert scores (k <= 8, n_expert <= 256: at most 2048 comparisons, less
// than the router's matvec) and computes the weights. The serial pick keeps the CPU's tie
// rule exactly: only a strictly greater score replaces the best so far.

#include "shader_interface.h"

layout(local_size_x = 64) in;
#define WG_SIZE 64u
#define kNegInf uintBitsToFloat(0xFF800000u)

layout(push_constant) uniform PushBlock { MoeRoutePush p; };
layout(std430, binding = 0) readonly buffer LogitBuf { float logits[]; }; // [n][n_expert]
layout(std430, binding = 1) readonly buffer BiasBuf { float sel_bias[]; }; // [n_expert]
layout(std430, binding = 2) writeonly buffer IdBuf { uint ids[]; };        // [n][n_used]
layout(std430, binding = 3) writeonly buffer WeightBuf { float weights[]; }; // [n][n_used]

shared float probs[HEARTH_MOE_MAX_EXPERTS];
shared float scratch[WG_SIZE];
shared uint taken[HEARTH_MOE_MAX_EXPERTS]; // chosen already (invocation 0 only)
shared uint pick[HEARTH_MOE_MAX_USED];
shared float w[HEARTH_MOE_MAX_USED];

// The sum (or maximum) of every invocation's v, on every invocation.
float combine(float v, bool maximum) {
    uint lid = gl_LocalInvocationID.x;
    scratch[lid] = v;
    barrier();
    for (uint stride = WG_SIZE / 2u; stride > 0u; stride >>= 1) {
        if (lid < stride) {
            float a = scratch[lid], b = scratch[lid + stride];
            scratch[lid] = maximum ? max(a, b) : a + b;
        }
        barrier();
    }
    float total = scratch[0];
    barrier();
    return total;
}

void main() {
    uint t = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (t >= p.n) {
        return; // uniform in the workgroup
    }
    uint lid = gl_LocalInvocationID.x;
    uint base = t * p.n_expert;
    if (p.gating == HEARTH_GATING_SOFTMAX) {
        float m = kNegInf;
        for (uint e = lid; e < p.n_expert; e += WG_SIZE) {
            m = max(m, logits[base + e]);
        }
        m = combine(m, true);
        float s = 0.0;
        for (uint e = lid; e < p.n_expert; e += WG_SIZE) {
            float v = exp(logits[base + e] - m);
            probs[e] = v;
            s += v;
        }
        s = combine(s, false); // its barriers also publish probs
        for (uint e = lid; e < p.n_expert; e += WG_SIZE) {
            probs[e] /= s;
        }
    } else {
        for (uint e = lid; e < p.n_expert; e += WG_SIZE) {
            float v = logits[base + e];
            probs[e] = p.gating == HEARTH_GATING_SIGMOID ? 1.0 / (1.0 + exp(-v)) : v;
        }
    }
    barrier();
    if (lid != 0u) {
        return;
    }
    // The picks live in shared memory, not in local arrays: dynamically indexed local arrays
    // crashed lavapipe's LLVM backend ("Cannot emit physreg copy instruction").
    uint k = min(min(p.n_used, p.n_expert), HEARTH_MOE_MAX_USED);
    for (uint e = 0u; e < p.n_expert; ++e) {
        taken[e] = 0u;
    }
    for (uint i = 0u; i < k; ++i) {
        uint best = p.n_expert;
        float best_score = kNegInf;
        for (uint e = 0u; e < p.n_expert; ++e) {
            if (taken[e] != 0u) {
                continue;
            }
            float s = probs[e] + (p.has_bias != 0u ? sel_bias[e] : 0.0);
            s = isnan(s) ? kNegInf : s;
            if (best == p.n_expert || s > best_score) {
                best = e;
                best_score = s;
            }
        }
        taken[best] = 1u;
        pick[i] = best;
        w[i] = probs[best];
    }
    if (p.gating == HEARTH_GATING_SOFTMAX_WEIGHT && k > 0u) {
        float m = w[0];
        for (uint i = 1u; i < k; ++i) {
            m = max(m, w[i]);
        }
        float s = 0.0;
        for (uint i = 0u; i < k; ++i) {
            w[i] = exp(w[i] - m);
            s += w[i];
        }
        for (uint i = 0u; i < k; ++i) {
            w[i] /= s;
        }
    }
    if (p.normalize != 0u) {
        float s = 0.0;
        for (uint i = 0u; i < k; ++i) {
            s += w[i];
        }
        s = max(s, p.min_sum);
        for (uint i = 0u; i < k; ++i) {
            w[i] /= s;
        }
    }
    for (uint i = 0u; i < k; ++i) {
        ids[t * p.n_used + i] = pick[i];
        weights[t * p.n_used + i] = w[i] * p.scale;
    }
}
