// Reference quantizers for the 256-element super-blocks: Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, IQ4_XS.
// Each super-block has an f16 scale d (and f16 dmin for the types with minimums) and small
// integer scales per sub-block; a sub-block's step is d * scale. Layouts (byte offsets):
//   Q2_K   84 B  scales[16] @0 (lo nibble scale, hi nibble min) | qs[64] @16 | d @80 | dmin @82
//   Q3_K  110 B  hmask[32] @0 | qs[64] @32 | scales[12] @96 (6-bit, offset 32) | d @108
//   Q4_K  144 B  d @0 | dmin @2 | scales[12] @4 (6-bit scale + 6-bit min) | qs[128] @16
//   Q5_K  176 B  d @0 | dmin @2 | scales[12] @4 | qh[32] @16 | qs[128] @48
//   Q6_K  210 B  ql[128] @0 | qh[64] @128 | i8 scales[16] @192 | d @208
//   IQ4_XS 136 B d @0 | u16 scales_h @2 | scales_l[4] @4 (6-bit, offset 32) | qs[128] @8
// Where each element's bits go is written out next to each packer below.

#include "quantize.h"
#include "quantize_grid.h"

#include <limits>

namespace hearth::test {

using namespace grid;

namespace {

uint16_t f16_scale_up(double step, double& value) {
    const uint16_t bits = to_f16(step, Rounding::Up);
    value = from_f16(bits);
    return bits;
}

// Types with a minimum (Q2_K, Q4_K, Q5_K): y = d * scale * q - dmin * min, q in 0..top, scale
// and min in 0..smax. ggml keeps the sub-block minimum <= 0 (dmin >= 0), so a sub-block covers
// [-min*dmin, -min*dmin + top*scale*d] with its bottom at min(xmin, 0). Every rounding goes
// outwards: dmin and d up to f16, min and scale up to integers, and d leaves room for the
// rounded-up minimum, so the sub-block is covered and |error| <= step / 2 with
//   step = scale * d < (xmax - min(xmin, 0) + dmin) / top + d.
struct AffineK {
    uint16_t d_bits = 0, dmin_bits = 0;
    int scale[16] = {}, min[16] = {};
    int codes[256] = {};
};

AffineK affine_k(const float* x, int sub, int top, int smax) {
    const int count = 256 / sub;
    AffineK r;
    double bottom[16], xmax[16], max_bottom = 0;
    for (int i = 0; i < count; ++i) {
        bottom[i] = -extent(x + i * sub, sub).lo;
        xmax[i] = *std::max_element(x + i * sub, x + (i + 1) * sub);
        max_bottom = std::max(max_bottom, bottom[i]);
    }
    double dmin;
    r.dmin_bits = f16_scale_up(max_bottom / smax, dmin);
    double offset[16], need[16], max_need = 0;
    for (int i = 0; i < count; ++i) {
        r.min[i] = std::min(smax, ceil_ratio(bottom[i], dmin));
        offset[i] = r.min[i] * dmin;
        need[i] = std::max(0.0, xmax[i] + offset[i]);
        max_need = std::max(max_need, need[i]);
    }
    double d;
    r.d_bits = f16_scale_up(max_need / (top * smax), d);
    for (int i = 0; i < count; ++i) {
        r.scale[i] = std::min(smax, ceil_ratio(need[i], top * d));
        const double step = r.scale[i] * d;
        for (int l = 0; l < sub; ++l) {
            const double v = x[i * sub + l] + offset[i];
            const double q = step > 0 ? std::nearbyint(v / step) : 0.0;
            r.codes[i * sub + l] = int(std::clamp(q, 0.0, double(top)));
        }
    }
    return r;
}

// Types with signed sub-block scales (Q3_K, Q6_K, IQ4_XS): y = d * k * level, k in
// -kneg..kpos. Each sub-block's ideal step for either sign comes from its range (grid.h);
// d is the smallest f16 (rounded up) for which every sub-block has a sign whose step fits in
// k's range; k is the ideal step / d rounded up, and of the signs that fit the one with the
// smaller squared error is kept. So |k * d| < ideal step + d and the sub-block fits its grid.
struct SignedK {
    uint16_t d_bits = 0;
    int scale[16] = {};
    int codes[256] = {};
};

SignedK signed_k(const float* x, int sub, const Grid& g, int kpos, int kneg) {
    const int count = 256 / sub;
    SignedK r;
    double positive[16], negative[16], need = 0;
    for (int i = 0; i < count; ++i) {
        const Extent e = extent(x + i * sub, sub);
        positive[i] = fit_step_positive(e, g);
        negative[i] = fit_step_negative(e, g);
        need = std::max(need, std::min(positive[i] / kpos, negative[i] / kneg));
    }
    double d;
    r.d_bits = f16_scale_up(need, d);
    for (int i = 0; i < count; ++i) {
        const int kp = ceil_ratio(positive[i], d);
        const int kn = ceil_ratio(negative[i], d);
        double best = std::numeric_limits<double>::infinity();
        int codes[32];
        const float* xs = x + i * sub;
        if (kp <= kpos) {
            best = encode(xs, sub, kp * d, g, r.codes + i * sub);
            r.scale[i] = kp;
        }
        if (kn <= kneg && encode(xs, sub, -kn * d, g, codes) < best) {
            std::copy(codes, codes + sub, r.codes + i * sub);
            r.scale[i] = -kn;
        }
    }
    return r;
}

// The 6-bit scales and mins of Q4_K/Q5_K in 12 bytes s[0..11]: for j < 4, s[j] and s[j+4]
// hold scale j and min j in their low 6 bits; scale and min j+4 keep their low nibbles in
// s[j+8] (scale low, min high) and their top 2 bits in bits 6-7 of s[j] and s[j+4].
void pack_scale_min(const int* scale, const int* min, std::byte* s) {
    for (int j = 0; j < 4; ++j) {
        put_u8(s + j, scale[j] | ((scale[j + 4] >> 4) << 6));
        put_u8(s + j + 4, min[j] | ((min[j + 4] >> 4) << 6));
        put_u8(s + j + 8, (scale[j + 4] & 0x0F) | ((min[j + 4] & 0x0F) << 4));
    }
}

// 4-bit codes of Q4_K/Q5_K: 64-element chunk c uses qs[32c..32c+31]; element l of sub-block
// 2c sits in the low nibble of qs[32c+l], element l of sub-block 2c+1 in its high nibble.
void pack_k_nibbles(const int* codes, std::byte* qs) {
    for (int c = 0; c < 4; ++c) {
        for (int l = 0; l < 32; ++l) {
            const int lo = codes[64 * c + l] & 0x0F, hi = codes[64 * c + 32 + l] & 0x0F;
            put_u8(qs + 32 * c + l, lo | (hi << 4));
        }
    }
}

// 2-bit fields of Q2_K/Q3_K: element e = 128h + 32g + t (h half, g group, t in 0..31) is at
// bits 2g of qs[32h + t].
void pack_crumbs(const int* u, std::byte* qs) {
    for (int e = 0; e < 256; ++e) {
        const int h = e / 128, g = (e % 128) / 32, t = e % 32;
        or_u8(qs + 32 * h + t, unsigned(u[e] & 3) << (2 * g));
    }
}

void q2_k(const float* x, std::byte* out) {
    const AffineK r = affine_k(x, 16, 3, 15);
    for (int i = 0; i < 16; ++i) {
        put_u8(out + i, r.scale[i] | (r.min[i] << 4));
    }
    pack_crumbs(r.codes, out + 16);
    put_u16(out + 80, r.d_bits);
    put_u16(out + 82, r.dmin_bits);
}

// Q3_K: code q in -4..3 stored as u = q + 4: low 2 bits in qs (pack_crumbs), bit 2 in hmask:
// element 128h + 32g + t at bit 4h + g of hmask[t]; a set bit means "no -4".
// Scale i (k + 32 in 0..63): low nibble in byte i % 8 (low nibble for i < 8, high otherwise),
// top 2 bits in byte 8 + i % 4 at bit 2 * (i / 4).
void q3_k(const float* x, std::byte* out) {
    const SignedK r = signed_k(x, 16, uniform(-4, 3), 31, 32);
    int u[256];
    for (int e = 0; e < 256; ++e) {
        u[e] = r.codes[e] + 4;
        const int h = e / 128, g = (e % 128) / 32, t = e % 32;
        or_u8(out + t, unsigned(u[e] >> 2) << (4 * h + g));
    }
    pack_crumbs(u, out + 32);
    std::byte* scales = out + 96;
    for (int i = 0; i < 16; ++i) {
        const int s = r.scale[i] + 32;
        or_u8(scales + i % 8, unsigned(s & 0x0F) << (i < 8 ? 0 : 4));
        or_u8(scales + 8 + i % 4, unsigned(s >> 4) << (2 * (i / 4)));
    }
    put_u16(out + 108, r.d_bits);
}

void q4_k(const float* x, std::byte* out) {
    const AffineK r = affine_k(x, 32, 15, 63);
    put_u16(out, r.d_bits);
    put_u16(out + 2, r.dmin_bits);
    pack_scale_min(r.scale, r.min, out + 4);
    pack_k_nibbles(r.codes, out + 16);
}

// Q5_K: as Q4_K plus the fifth bit of element l of sub-block s at bit s of qh[l].
void q5_k(const float* x, std::byte* out) {
    const AffineK r = affine_k(x, 32, 31, 63);
    put_u16(out, r.d_bits);
    put_u16(out + 2, r.dmin_bits);
    pack_scale_min(r.scale, r.min, out + 4);
    for (int e = 0; e < 256; ++e) {
        or_u8(out + 16 + e % 32, unsigned(r.codes[e] >> 4) << (e / 32));
    }
    pack_k_nibbles(r.codes, out + 48);
}

// Q6_K: code q in -32..31 stored as u = q + 32. Element e = 128h + 32g + l: low nibble in
// ql[64h + l + 32 * (g & 1)] (low nibble for g < 2, high for g >= 2), top 2 bits at bit 2g
// of qh[32h + l]. Scale of element e: scales[e / 16].
void q6_k(const float* x, std::byte* out) {
    const SignedK r = signed_k(x, 16, uniform(-32, 31), 127, 128);
    for (int e = 0; e < 256; ++e) {
        const unsigned u = unsigned(r.codes[e] + 32);
        const int h = e / 128, g = (e % 128) / 32, l = e % 32;
        or_u8(out + 64 * h + l + 32 * (g & 1), (u & 0x0F) << (4 * (g >> 1)));
        or_u8(out + 128 + 32 * h + l, (u >> 4) << (2 * g));
    }
    for (int i = 0; i < 16; ++i) {
        put_u8(out + 192 + i, unsigned(r.scale[i]) & 0xFF); // two's complement i8
    }
    put_u16(out + 208, r.d_bits);
}

// IQ4_XS: sub-block ib's scale k + 32 (0..63) has its low nibble in scales_l[ib / 2]
// (nibble ib % 2) and its top 2 bits at bit 2 * ib of scales_h; its 32 level indices are packed
// like IQ4_NL in qs[16 ib .. 16 ib + 15].
void iq4_xs(const float* x, std::byte* out) {
    const SignedK r = signed_k(x, 32, kIq4Grid, 31, 32);
    put_u16(out, r.d_bits);
    unsigned scales_h = 0;
    for (int ib = 0; ib < 8; ++ib) {
        const int s = r.scale[ib] + 32;
        scales_h |= unsigned(s >> 4) << (2 * ib);
        or_u8(out + 4 + ib / 2, unsigned(s & 0x0F) << (4 * (ib % 2)));
        for (int j = 0; j < 16; ++j) {
            const int* c = r.codes + 32 * ib;
            put_u8(out + 8 + 16 * ib + j, c[j] | (c[j + 16] << 4));
        }
    }
    put_u16(out + 2, scales_h);
}

} // namespace

void quantize_k_block(GgmlType type, const float* x, std::byte* out) {
    switch (type) {
    case GgmlType::Q2_K:
        return q2_k(x, out);
    case GgmlType::Q3_K:
        return q3_k(x, out);
    case GgmlType::Q4_K:
        return q4_k(x, out);
    case GgmlType::Q5_K:
        return q5_k(x, out);
    case GgmlType::Q6_K:
        return q6_k(x, out);
    case GgmlType::IQ4_XS:
        return iq4_xs(x, out);
    default:
        return;
    }
}

} // namespace hearth::test
