#version 450
#extension GL_GOOGLE_include_directive : require

// Appends the keys and values of n tokens to a layer's f16 KV cache: kc[(pos0 + t) % ring] =
// f16(k[t]), vc likewise ([ring][kv_dim] halves, two per u32; a sliding layer's cache is a ring
// of its last positions). The rounding is done here, to nearest
// even, because the rounding mode of the built-in f32->f16 conversion is implementation
// defined (RTE or RTZ) and results must not depend on the device.
// Invocation x = pair of elements, workgroup y = token. Shapes: see KvStorePush.

#include "shader_interface.h"

layout(local_size_x = 64) in;

layout(push_constant) uniform PushBlock { KvStorePush p; };
layout(std430, binding = 0) readonly buffer KBuf { float k[]; };
layout(std430, binding = 1) readonly buffer VBuf { float v[]; };
layout(std430, binding = 2) writeonly buffer KcBuf { uint kc[]; };
layout(std430, binding = 3) writeonly buffer VcBuf { uint vc[]; };
layout(std430, binding = 4) readonly buffer PosBuf { uint pos_base[]; }; // if pos_from_buffer

// IEEE binary16 bits of f, rounded to nearest even; overflow gives inf, NaN stays NaN.
uint f16_bits(float f) {
    uint x = floatBitsToUint(f);
    uint sign = (x >> 16) & 0x8000u;
    uint a = x & 0x7FFFFFFFu;
    if (a > 0x7F800000u) {
        return sign | 0x7E00u;
    }
    if (a >= 0x477FF000u) { // rounds to >= 65520
        return sign | 0x7C00u;
    }
    if (a < 0x38800000u) { // subnormal half or zero: |f| * 2^24 is the integer mantissa
        float scaled = uintBitsToFloat(a) * 16777216.0; // exact (power of two)
        float m = floor(scaled);
        float rest = scaled - m; // exact
        uint mi = uint(m);
        if (rest > 0.5 || (rest == 0.5 && (mi & 1u) != 0u)) {
            mi += 1u;
        }
        return sign | mi;
    }
    uint rounded = a + 0xFFFu + ((a >> 13) & 1u);
    return sign | ((rounded - 0x38000000u) >> 13);
}

void main() {
    uint pair = gl_GlobalInvocationID.x;
    uint half_dim = p.kv_dim / 2u;
    if (pair >= half_dim) {
        return;
    }
    uint t = gl_WorkGroupID.y;
    uint src = t * p.kv_dim + 2u * pair;
    uint pos0 = p.pos0 + (p.pos_from_buffer != 0u ? pos_base[0] : 0u);
    uint dst = ((pos0 + t) % p.ring) * half_dim + pair;
    kc[dst] = f16_bits(k[src]) | (f16_bits(k[src + 1u]) << 16);
    vc[dst] = f16_bits(v[src]) | (f16_bits(v[src + 1u]) << 16);
}
