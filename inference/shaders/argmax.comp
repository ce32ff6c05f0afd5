#version 450
#extension GL_GOOGLE_include_directive : require

// Greedy decoding on the device: the index and value of the largest of x[0..count), the
// lowest index among equal maxima (as std::max_element on the host). One workgroup; each
// invocation scans a strided share, then a shared-memory tree combines the candidates, so
// only 8 bytes are read back instead of the whole vocabulary.

#include "shader_interface.h"

layout(local_size_x = 256) in;
#define WG_SIZE 256u

layout(push_constant) uniform PushBlock { ArgmaxPush p; };
layout(std430, binding = 0) readonly buffer XBuf { float x[]; };
layout(std430, binding = 1) writeonly buffer ResultBuf { uint result[2]; }; // index, value bits

shared float best_value[WG_SIZE];
shared uint best_index[WG_SIZE];

// True when candidate (v, i) beats (bv, bi): larger, or equal with a lower index.
bool better(float v, uint i, float bv, uint bi) {
    return v > bv || (v == bv && i < bi);
}

void main() {
    uint lid = gl_LocalInvocationID.x;
    float bv = -3.4e38;
    uint bi = 0xFFFFFFFFu;
    for (uint i = lid; i < p.count; i += WG_SIZE) {
        if (better(x[i], i, bv, bi)) {
            bv = x[i];
            bi = i;
        }
    }
    best_value[lid] = bv;
    best_index[lid] = bi;
    barrier();
    for (uint stride = WG_SIZE / 2u; stride > 0u; stride >>= 1) {
        if (lid < stride && better(best_value[lid + stride], best_index[lid + stride],
                                   best_value[lid], best_index[lid])) {
            best_value[lid] = best_value[lid + stride];
            best_index[lid] = best_index[lid + stride];
        }
        barrier();
    }
    if (lid == 0u) {
        result[0] = best_index[0];
        result[1] = floatBitsToUint(best_value[0]);
    }
}
