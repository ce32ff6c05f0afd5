// Pointwise, normalisation and attention kernels (op_kernels.h), compiled once per SIMD
// target (Highway).

// clang-format off: foreach_target.h must come first; it includes this file once per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "fast/ops.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep
// clang-format on

#include "fast/kernels.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace hearth::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;

void RmsNorm(const float* x, const float* w, float* y, size_t n, float eps) {
    const DF df;
    const size_t N = hn::Lanes(df);
    auto sum = hn::Zero(df);
    for (size_t i = 0; i < n; i += N) {
        const auto v = hn::LoadN(df, x + i, std::min(N, n - i));
        sum = hn::MulAdd(v, v, sum);
    }
    const float scale = 1.0f / std::sqrt(hn::ReduceSum(df, sum) / float(n) + eps);
    const auto s = hn::Set(df, scale);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        const auto v = hn::Mul(hn::Mul(hn::LoadN(df, x + i, m), s), hn::LoadN(df, w + i, m));
        hn::StoreN(v, df, y + i, m);
    }
}

void Rope(float* x, size_t heads, size_t head_dim, size_t n_rot, bool neox, const float* cs) {
    const DF df;
    const size_t N = hn::Lanes(df), half = n_rot / 2;
    const float* cosv = cs;
    const float* sinv = cs + half;
    for (size_t h = 0; h < heads; ++h) {
        float* head = x + h * head_dim;
        size_t i = 0;
        for (; i + N <= half; i += N) {
            const auto c = hn::LoadU(df, cosv + i), s = hn::LoadU(df, sinv + i);
            hn::Vec<DF> a, b;
            if (neox) {
                a = hn::LoadU(df, head + i);
                b = hn::LoadU(df, head + half + i);
            } else {
                hn::LoadInterleaved2(df, head + 2 * i, a, b);
            }
            const auto ra = hn::NegMulAdd(b, s, hn::Mul(a, c)); // a cos - b sin
            const auto rb = hn::MulAdd(a, s, hn::Mul(b, c));    // a sin + b cos
            if (neox) {
                hn::StoreU(ra, df, head + i);
                hn::StoreU(rb, df, head + half + i);
            } else {
                hn::StoreInterleaved2(ra, rb, df, head + 2 * i);
            }
        }
        for (; i < half; ++i) {
            float& a = head[neox ? i : 2 * i];
            float& b = head[neox ? half + i : 2 * i + 1];
            const float a0 = a, b0 = b;
            a = a0 * cosv[i] - b0 * sinv[i];
            b = a0 * sinv[i] + b0 * cosv[i];
        }
    }
}

void SwiGlu(const float* gate, const float* up, float* out, size_t n) {
    const DF df;
    const size_t N = hn::Lanes(df);
    const auto one = hn::Set(df, 1.0f), limit = hn::Set(df, 88.0f);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        const auto g = hn::LoadN(df, gate + i, m);
        const auto e = hn::Exp(df, hn::Min(hn::Neg(g), limit)); // exp(-g), finite
        const auto v = hn::Mul(hn::Div(g, hn::Add(one, e)), hn::LoadN(df, up + i, m));
        hn::StoreN(v, df, out + i, m);
    }
}

// The clamped SwiGLU (cpu::swiglu_oai): the clamps first, then SiLU's form with exp(-1.702 g)
// (g <= 7, so exp only overflows for very negative g, where the cap gives ~0 as for SiLU).
void SwiGluOai(const float* gate, const float* up, float* out, size_t n) {
    const DF df;
    const size_t N = hn::Lanes(df);
    const auto one = hn::Set(df, 1.0f), limit = hn::Set(df, 88.0f);
    const auto hi = hn::Set(df, 7.0f), lo = hn::Set(df, -7.0f), alpha = hn::Set(df, -1.702f);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        const auto g = hn::Min(hn::LoadN(df, gate + i, m), hi);
        const auto u = hn::Min(hn::Max(hn::LoadN(df, up + i, m), lo), hi);
        const auto e = hn::Exp(df, hn::Min(hn::Mul(alpha, g), limit));
        hn::StoreN(hn::Mul(hn::Div(g, hn::Add(one, e)), hn::Add(u, one)), df, out + i, m);
    }
}

// gelu_tanh(g) = 0.5 g (1 + tanh z) = g / (1 + exp(-2z)), z = sqrt(2/pi) (g + 0.044715 g^3):
// the second form has no cancellation for negative g.
void GeGlu(const float* gate, const float* up, float* out, size_t n) {
    const DF df;
    const size_t N = hn::Lanes(df);
    const auto one = hn::Set(df, 1.0f), limit = hn::Set(df, 88.0f);
    const auto k0 = hn::Set(df, -2.0f * 0.7978845608028654f), k1 = hn::Set(df, 0.044715f);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        const auto g = hn::LoadN(df, gate + i, m);
        const auto minus_2z = hn::Mul(k0, hn::MulAdd(hn::Mul(k1, g), hn::Mul(g, g), g));
        const auto gelu = hn::Div(g, hn::Add(one, hn::Exp(df, hn::Min(minus_2z, limit))));
        hn::StoreN(hn::Mul(gelu, hn::LoadN(df, up + i, m)), df, out + i, m);
    }
}

void Softcap(float* x, size_t n, float cap) {
    const DF df;
    const size_t N = hn::Lanes(df);
    const auto c = hn::Set(df, cap), inv = hn::Set(df, 1.0f / cap);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        hn::StoreN(hn::Mul(c, hn::Tanh(df, hn::Mul(hn::LoadN(df, x + i, m), inv))), df, x + i, m);
    }
}

void Scale(float* x, size_t n, float s) {
    const DF df;
    const size_t N = hn::Lanes(df);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        hn::StoreN(hn::Mul(hn::LoadN(df, x + i, m), hn::Set(df, s)), df, x + i, m);
    }
}

void Add(float* y, const float* x, size_t n) {
    const DF df;
    const size_t N = hn::Lanes(df);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        hn::StoreN(hn::Add(hn::LoadN(df, y + i, m), hn::LoadN(df, x + i, m)), df, y + i, m);
    }
}

void ToF16(const float* x, uint16_t* y, size_t n) {
    const DF df;
    const hn::Rebind<hwy::float16_t, DF> dh;
    const size_t N = hn::Lanes(df);
    auto* out = reinterpret_cast<hwy::float16_t*>(y);
    for (size_t i = 0; i < n; i += N) {
        const size_t m = std::min(N, n - i);
        hn::StoreN(hn::DemoteTo(dh, hn::LoadN(df, x + i, m)), dh, out + i, m);
    }
}

size_t Argmax(const float* x, size_t n) {
    const DF df;
    const size_t N = hn::Lanes(df);
    auto best = hn::Set(df, -INFINITY);
    size_t i = 0;
    for (; i + N <= n; i += N) {
        best = hn::Max(best, hn::LoadU(df, x + i));
    }
    float max = hn::ReduceMax(df, best);
    for (; i < n; ++i) {
        max = std::max(max, x[i]);
    }
    for (size_t j = 0; j < n; ++j) {
        if (x[j] == max) {
            return j;
        }
    }
    return 0; // only NaN: the caller checks the logits
}

constexpr size_t kQueryChunk = 4;   // query rows that share one pass over the keys
constexpr size_t kMaxHeadDim = 512; // checked when a session is created
constexpr size_t kMaxLanes = 16;

// The first position row i attends to.
inline size_t first_visible(const AttentionArgs& a, size_t i) {
    return a.window > 0 && a.visible[i] > a.window ? a.visible[i] - a.window : 0;
}

// Online softmax over blocks of L positions: per query row, the running maximum m, the sum
// l of exp(score - m) and the output acc (rescaled whenever m grows).
void Attention(const AttentionArgs& a) {
    const DF df;
    const hn::Rebind<hwy::float16_t, DF> dh;
    const size_t L = hn::Lanes(df), D = a.head_dim;
    HWY_ALIGN float p[kQueryChunk][kMaxLanes];
    HWY_ALIGN float acc[kQueryChunk][kMaxHeadDim];
    HWY_ALIGN float vf[kMaxLanes * kMaxHeadDim];
    const auto* k16 = reinterpret_cast<const hwy::float16_t*>(a.k);
    const auto* v16 = reinterpret_cast<const hwy::float16_t*>(a.v);
    for (size_t i0 = 0; i0 < a.rows; i0 += kQueryChunk) {
        const size_t rows = std::min(kQueryChunk, a.rows - i0);
        size_t limit = 0, start = SIZE_MAX;
        float m[kQueryChunk], l[kQueryChunk];
        for (size_t i = 0; i < rows; ++i) {
            limit = std::max<size_t>(limit, a.visible[i0 + i]);
            start = std::min(start, first_visible(a, i0 + i));
            m[i] = -FLT_MAX;
            l[i] = 0.0f;
            std::fill_n(acc[i], D, 0.0f);
        }
        for (size_t t0 = start / L * L; t0 < limit; t0 += L) {
            hn::Vec<DF> s[kQueryChunk];
            for (size_t i = 0; i < rows; ++i) {
                s[i] = hn::Zero(df);
            }
            const size_t slot0 = a.ring ? t0 % a.ring : t0; // blocks never straddle the wrap
            const hwy::float16_t* kb = k16 + slot0 * D;     // block slot0 / L: D x L values
            for (size_t d = 0; d < D; ++d) {
                const auto kv = hn::PromoteTo(df, hn::LoadU(dh, kb + d * L));
                for (size_t i = 0; i < rows; ++i) {
                    s[i] = hn::MulAdd(hn::Set(df, a.q[(i0 + i) * a.q_stride + d]), kv, s[i]);
                }
            }
            const size_t n = std::min(L, limit - t0);
            for (size_t t = 0; t < n; ++t) {
                const size_t V = hn::Lanes(df);
                for (size_t d = 0; d < D; d += V) {
                    const size_t c = std::min(V, D - d);
                    hn::StoreN(
                        hn::PromoteTo(df, hn::LoadN(dh, v16 + (slot0 + t) * a.v_stride + d, c)), df,
                        vf + t * D + d, c);
                }
            }
            for (size_t i = 0; i < rows; ++i) {
                const size_t visible = a.visible[i0 + i], first = first_visible(a, i0 + i);
                if (visible <= t0 || first >= t0 + L) {
                    continue;
                }
                auto valid = hn::FirstN(df, std::min(L, visible - t0));
                if (first > t0) { // a sliding window starts inside this block
                    valid = hn::AndNot(hn::FirstN(df, first - t0), valid);
                }
                const auto scores = hn::Mul(s[i], hn::Set(df, a.scale));
                const float block_max =
                    hn::ReduceMax(df, hn::IfThenElse(valid, scores, hn::Set(df, -FLT_MAX)));
                const float m_new = std::max(m[i], block_max);
                const float correction = std::exp(m[i] - m_new);
                const auto e = hn::IfThenElseZero(
                    valid, hn::Exp(df, hn::Max(hn::Sub(scores, hn::Set(df, m_new)),
                                               hn::Set(df, -FLT_MAX))));
                l[i] = l[i] * correction + hn::ReduceSum(df, e);
                m[i] = m_new;
                hn::Store(e, df, p[i]);
                float* out = acc[i];
                for (size_t d = 0; d < D; d += L) {
                    const size_t c = std::min(L, D - d);
                    auto o = hn::Mul(hn::LoadN(df, out + d, c), hn::Set(df, correction));
                    for (size_t t = first > t0 ? first - t0 : 0; t < std::min(n, visible - t0);
                         ++t) {
                        o = hn::MulAdd(hn::Set(df, p[i][t]), hn::LoadN(df, vf + t * D + d, c), o);
                    }
                    hn::StoreN(o, df, out + d, c);
                }
            }
        }
        for (size_t i = 0; i < rows; ++i) {
            float* out = a.out + (i0 + i) * a.out_stride;
            float shrink = 1.0f; // a sink's share of the denominator: the outputs shrink
            if (a.sinks != nullptr) {
                const float sink = a.sinks[i0 + i], m_new = std::max(m[i], sink);
                shrink = std::exp(m[i] - m_new);
                l[i] = l[i] * shrink + std::exp(sink - m_new);
            }
            const float inv = l[i] > 0.0f ? shrink / l[i] : 0.0f;
            for (size_t d = 0; d < D; ++d) {
                out[d] = acc[i][d] * inv;
            }
        }
    }
}

int64_t FillOpKernels(Kernels* k) {
    if (k != nullptr) {
        k->ops.rms_norm = &RmsNorm;
        k->ops.rope = &Rope;
        k->ops.swiglu = &SwiGlu;
        k->ops.geglu = &GeGlu;
        k->ops.swiglu_oai = &SwiGluOai;
        k->ops.softcap = &Softcap;
        k->ops.scale = &Scale;
        k->ops.add = &Add;
        k->ops.to_f16 = &ToF16;
        k->ops.argmax = &Argmax;
        k->ops.attention = &Attention;
    }
    return HWY_TARGET;
}

} // namespace hearth::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "fast/dispatch.h"
namespace hearth::fast {
HWY_EXPORT(FillOpKernels);
bool fill_op_kernels(int64_t target, Kernels& k) {
    return fill_from(HWY_DISPATCH_TABLE(FillOpKernels), target, k);
}
} // namespace hearth::fast
#endif
