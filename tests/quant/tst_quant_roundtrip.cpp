// Round trips: random rows through the reference quantizers (tests/tools/quantize.h) and the
// engine's `hearth::dequantize`. Every element must come back within its format's error bound,
// computed here from the input data alone (not from the quantized bytes), and on Gaussian rows
// the RMS error relative to the signal must stay under a per-type ceiling.
//
// How the bounds follow from the formats (derivations in quantize*.cpp): each encoder picks a
// grid that covers its whole block and rounds to the nearest grid point, so an element's error
// is at most half a grid step (for IQ4's uneven levels: 12 level units, half the widest gap).
// Scales are stored rounded up to f16, which enlarges a step by at most a factor 1 + 2^-10
// (2^-24 absolute below the f16 normals): `up()` below. The K-quants also round each
// sub-block's integer scale up, which adds at most one super-block quantum d to its step.
// MXFP4's scale is a power of two s, the smallest with 6 s >= the block's amax; its levels
// (E2M1: 0, 0.5, 1, 1.5, 2, 3, 4, 6, either sign) are s / 2 apart up to 2 s, s apart up to
// 4 s, then 2 s apart, so the error of x is at most s / 4, s / 2 or s by |x|.
#include "quantize.h"
#include "tensor/dequant.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>

using namespace hearth;

namespace {

double up(double v) {
    return v * (1 + 0x1p-10) + 0x1p-24;
}

double amax_of(const float* x, int n) {
    double a = 0;
    for (int i = 0; i < n; ++i) {
        a = std::max(a, double(std::fabs(x[i])));
    }
    return a;
}

// Bound of every element of one 32-element block.
double small_block_bound(GgmlType type, const float* x) {
    const double amax = amax_of(x, 32);
    const double lo = *std::min_element(x, x + 32), hi = *std::max_element(x, x + 32);
    // Q4_1/Q5_1: m is the minimum rounded down to f16, at most one f16 quantum below it.
    const double m_slack = std::max(std::fabs(lo) * 0x1p-10, 0x1p-24);
    switch (type) {
    case GgmlType::Q8_0: // codes -127..127: step amax / 127
        return up(amax / 127) / 2;
    case GgmlType::Q4_0: // codes -8..7: a step of amax / 7 fits either sign of d
        return up(amax / 7) / 2;
    case GgmlType::Q5_0: // codes -16..15: step <= amax / 15
        return up(amax / 15) / 2;
    case GgmlType::Q4_1: // y = d * q + m, q in 0..15: step (max - m) / 15
        return up((hi - lo + m_slack) / 15) / 2;
    case GgmlType::Q5_1:
        return up((hi - lo + m_slack) / 31) / 2;
    case GgmlType::IQ4_NL: // levels -127..113: step <= amax / 125 (see quantize_grid.h), error
        return 12 * up(amax / 125); // <= 12 level units
    default:
        return 0;
    }
}

// Bounds of the 32 elements of one MXFP4 block (see the top of the file). The smallest scale
// the E8M0 byte stores is 2^-127.
void mxfp4_bounds(const float* x, double* bound) {
    const double amax = amax_of(x, 32);
    double s = 0x1p-127;
    while (6 * s < amax) {
        s *= 2;
    }
    for (int i = 0; i < 32; ++i) {
        const double a = std::fabs(x[i]);
        bound[i] = a <= 2 * s ? s / 4 : a <= 4 * s ? s / 2 : s;
    }
}

// Bounds of the 256 elements of one super-block.
void k_block_bounds(GgmlType type, const float* x, double* bound) {
    const double amax = amax_of(x, 256);
    if (type == GgmlType::Q3_K || type == GgmlType::Q6_K || type == GgmlType::IQ4_XS) {
        // Signed sub-block scales k in -32..31 (Q3_K, IQ4_XS) or -128..127 (Q6_K): a
        // sub-block's ideal step is at most its amax / top level (3, 31; IQ4: 125), the
        // super-block quantum d at most amax / (top level * largest positive k), and the
        // stored step exceeds the ideal one by less than d.
        const int sub = type == GgmlType::IQ4_XS ? 32 : 16;
        const double top = type == GgmlType::Q3_K ? 3 : type == GgmlType::Q6_K ? 31 : 125;
        const double kmax = type == GgmlType::Q6_K ? 127 : 31;
        const double d = up(amax / (top * kmax));
        for (int i = 0; i < 256; i += sub) {
            const double step = amax_of(x + i, sub) / top + d;
            const double b = type == GgmlType::IQ4_XS ? 12 * step : step / 2;
            std::fill(bound + i, bound + i + sub, b);
        }
        return;
    }
    // Scale and minimum per sub-block (Q2_K: 16 × 16, codes 0..3, 4-bit fields; Q4_K/Q5_K:
    // 8 × 32, codes 0..15 / 0..31, 6-bit fields). Sub-block i spans [-M_i, max_i] with
    // M_i = max(0, -min_i); dmin <= max M / smax (rounded up), the stored minimum exceeds M_i by
    // less than dmin, d <= (max span + dmin) / (top * smax), and the step is
    // scale * d < (span_i + dmin) / top + d.
    const int sub = type == GgmlType::Q2_K ? 16 : 32;
    const double top = type == GgmlType::Q2_K ? 3 : type == GgmlType::Q4_K ? 15 : 31;
    const double smax = type == GgmlType::Q2_K ? 15 : 63;
    double span[16], max_m = 0, max_span = 0;
    for (int i = 0; i < 256 / sub; ++i) {
        const float* s = x + i * sub;
        const double m = std::max(0.0, -double(*std::min_element(s, s + sub)));
        span[i] = *std::max_element(s, s + sub) + m;
        max_m = std::max(max_m, m);
        max_span = std::max(max_span, span[i]);
    }
    const double dmin = up(max_m / smax);
    const double d = up((max_span + dmin) / (top * smax));
    for (int i = 0; i < 256 / sub; ++i) {
        std::fill(bound + i * sub, bound + (i + 1) * sub, ((span[i] + dmin) / top + d) / 2);
    }
}

// Per-element bounds of a row, plus the decoder's own float rounding: a few roundings of
// 2^-24 relative to terms no larger than a few times the block's amax, allowed as 2^-20 amax.
std::vector<double> bounds(GgmlType type, const std::vector<float>& x) {
    std::vector<double> b(x.size());
    const int block = int(traits(type).block_size);
    for (size_t i = 0; i < x.size(); i += block) {
        const float* xb = x.data() + i;
        if (block == 1) { // f16 keeps 11 significant bits, bf16 8: half an ulp relative
            const double a = std::fabs(xb[0]);
            b[i] = type == GgmlType::F32   ? 0
                   : type == GgmlType::F16 ? std::max(a * 0x1p-11, 0x1p-25)
                                           : a * 0x1p-8;
            continue;
        }
        if (type == GgmlType::MXFP4) {
            mxfp4_bounds(xb, b.data() + i);
        } else if (block == 32) {
            std::fill(b.begin() + i, b.begin() + i + 32, small_block_bound(type, xb));
        } else {
            k_block_bounds(type, xb, b.data() + i);
        }
        const double eps = amax_of(xb, block) * 0x1p-20;
        std::for_each(b.begin() + i, b.begin() + i + block, [eps](double& v) { v += eps; });
    }
    return b;
}

std::vector<float> gaussian_row(std::mt19937_64& rng, size_t n, double sigma) {
    std::normal_distribution<double> normal(0, sigma);
    std::vector<float> x(n);
    for (float& v : x) {
        v = float(normal(rng));
    }
    return x;
}

// Stretches of 32 with different shapes: Gaussian, uniform, zeros, a 40x outlier, all
// positive, all negative, constant, tiny next to normal ones; a whole zero super-block at 256.
std::vector<float> mixed_row(std::mt19937_64& rng, size_t n, double sigma) {
    std::vector<float> x = gaussian_row(rng, n, sigma);
    std::uniform_real_distribution<double> unit(0, 1);
    for (size_t s = 0; s < n; s += 32) {
        float* v = x.data() + s;
        const int shape = int((s / 32 + rng()) % 8);
        for (int i = 0; i < 32; ++i) {
            switch (shape) {
            case 1:
                v[i] = float(sigma * (4 * unit(rng) - 2));
                break;
            case 2:
                v[i] = 0;
                break;
            case 4:
                v[i] = float(sigma * (1 + 2 * unit(rng)));
                break;
            case 5:
                v[i] = float(-sigma * (2 + unit(rng)));
                break;
            case 6:
                v[i] = float(sigma * 0.7);
                break;
            case 7:
                v[i] *= 1e-3f;
                break;
            default:
                break;
            }
        }
        if (shape == 3) {
            v[rng() % 32] *= 40;
        }
    }
    if (n >= 512) {
        std::fill(x.begin() + 256, x.begin() + 512, 0.0f);
    }
    return x;
}

struct Stats {
    double max_ratio = 0;    // largest error / bound
    double max_relative = 0; // largest error / amax of its block (of |x| for element types)
    double err2 = 0, sig2 = 0;
};

// One row through the type and back; fails on the first element beyond its bound.
bool round_trip(GgmlType type, const std::vector<float>& x, Stats& stats, QString& failure) {
    const std::vector<std::byte> packed = test::quantize(type, x);
    if (packed.size() != row_bytes(type, x.size())) {
        failure = QStringLiteral("quantize returned %1 bytes").arg(packed.size());
        return false;
    }
    std::vector<float> y(x.size(), NAN);
    dequantize(type, packed, y);
    const std::vector<double> b = bounds(type, x);
    const size_t block = traits(type).block_size;
    double amax = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        if (i % block == 0) {
            amax = amax_of(x.data() + i, int(block));
        }
        const double err = std::fabs(double(y[i]) - double(x[i]));
        if (!(err <= b[i])) { // also catches NaN
            failure = QStringLiteral("element %1: x %2, y %3, error %4 > bound %5")
                          .arg(i)
                          .arg(double(x[i]))
                          .arg(double(y[i]))
                          .arg(err)
                          .arg(b[i]);
            return false;
        }
        if (amax > 0) {
            stats.max_relative = std::max(stats.max_relative, err / amax);
        }
        if (b[i] > 0) {
            stats.max_ratio = std::max(stats.max_ratio, err / b[i]);
        }
        stats.err2 += err * err;
        stats.sig2 += double(x[i]) * double(x[i]);
    }
    return true;
}

} // namespace

class TestQuantRoundTrip : public QObject {
    Q_OBJECT

private slots:
    // RMS ceilings on N(0, σ²) rows, from the uniform-error model: rounding to nearest on a
    // grid of step s leaves an error spread evenly over ±s/2, RMS s/√12. Of 32 Gaussian values
    // the largest |x| has an RMS of 2.39σ and the range max - min 4.20σ; of 16: 2.13σ and 3.61σ
    // (Monte Carlo). Model → ceiling (about 15% above the model for sampling and model error):
    //   F16   in a binade [2^e, 2^(e+1)) the error is spread over ±2^(e-11) <= ±2^-11 |x|, so
    //         its RMS is at most 2^-11/√3 = 2.8e-4 of the signal: the ceiling, no margin
    //   BF16  likewise 2^-8/√3 = 2.3e-3
    //   Q8_0  s = 2.39/127                → 0.54%  → 0.65%
    //   Q4_0  s ≈ 2.39/7.5 (7..8)         → 9.2%   → 11%
    //   Q5_0  s ≈ 2.39/15.5               → 4.5%   → 5.2%
    //   Q4_1  s = 4.20/15                 → 8.1%   → 9.3%
    //   Q5_1  s = 4.20/31                 → 3.9%   → 4.5%
    //   IQ4_NL  nearest of 16 uneven levels, step ≈ amax/126 (simulated) → 7.9% → 9.1%
    //   MXFP4  nearest E2M1 level, scale s a power of two in [amax/6, amax/3) (simulated)
    //          → 11.7% → 13.5%
    //   Q2_K  s ≈ 3.61/3 + quanta         → ~37%   → 43%
    //   Q3_K  s ≈ 2.13/3.5 + d/2          → ~18%   → 21%
    //   Q4_K  s ≈ 4.20/15 + quanta        → ~8.2%  → 9.5%
    //   Q5_K  s ≈ 4.20/31 + quanta        → ~4.0%  → 4.6%
    //   Q6_K  s ≈ 2.13/31.5 + d/2         → ~2.0%  → 2.3%
    //   IQ4_XS  as IQ4_NL plus d (~2% of a step) → ~8.1% → 9.3%
    void roundTrip_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<double>("rmsCeiling");
        const auto add = [](GgmlType t, double ceiling) {
            QTest::newRow(std::string(type_name(t)).c_str()) << int(t) << ceiling;
        };
        add(GgmlType::F32, 0.0);
        add(GgmlType::F16, 0x1p-11 / std::sqrt(3.0));
        add(GgmlType::BF16, 0x1p-8 / std::sqrt(3.0));
        add(GgmlType::Q8_0, 0.0065);
        add(GgmlType::Q4_0, 0.11);
        add(GgmlType::Q5_0, 0.052);
        add(GgmlType::Q4_1, 0.093);
        add(GgmlType::Q5_1, 0.045);
        add(GgmlType::IQ4_NL, 0.091);
        add(GgmlType::MXFP4, 0.135);
        add(GgmlType::Q2_K, 0.43);
        add(GgmlType::Q3_K, 0.21);
        add(GgmlType::Q4_K, 0.095);
        add(GgmlType::Q5_K, 0.046);
        add(GgmlType::Q6_K, 0.023);
        add(GgmlType::IQ4_XS, 0.093);
    }

    void roundTrip() {
        QFETCH(int, type);
        QFETCH(double, rmsCeiling);
        const GgmlType t = GgmlType(type);
        QVERIFY(test::can_quantize(t));
        Stats gaussian, mixed;
        QString failure;
        for (uint64_t seed = 1; seed <= 4; ++seed) {
            std::mt19937_64 rng(seed * 7919 + uint64_t(type));
            for (size_t n : {256, 512, 1024, 4096}) {
                for (double sigma : {0.02, 1.0, 30.0}) {
                    const QString where =
                        QStringLiteral("seed %1, n %2, sigma %3: ").arg(seed).arg(n).arg(sigma);
                    QVERIFY2(round_trip(t, gaussian_row(rng, n, sigma), gaussian, failure),
                             qPrintable(where + QStringLiteral("gaussian ") + failure));
                    QVERIFY2(round_trip(t, mixed_row(rng, n, sigma), mixed, failure),
                             qPrintable(where + QStringLiteral("mixed ") + failure));
                }
            }
        }
        const double rms = std::sqrt(gaussian.err2 / gaussian.sig2);
        qInfo("%-6s max error / bound %.3f (mixed rows %.3f), max error / block amax %.3g, "
              "Gaussian relative RMS %.3g (ceiling %.3g)",
              type_name(t).data(), gaussian.max_ratio, mixed.max_ratio, gaussian.max_relative, rms,
              rmsCeiling);
        QVERIFY2(rms <= rmsCeiling, qPrintable(QStringLiteral("RMS %1").arg(rms)));
    }

    // The quantizers refuse what they cannot pack: a partial block, a type without an encoder.
    void refusals() {
        const std::vector<float> x(48, 1.0f);
        QVERIFY(test::quantize(GgmlType::Q4_0, x).empty());
        QVERIFY(test::quantize(GgmlType::Q4_K, std::span(x).first(32)).empty());
        QVERIFY(!test::can_quantize(GgmlType::TQ1_0));
        QVERIFY(test::quantize(GgmlType::IQ2_XXS, std::vector<float>(256)).empty());
    }
};

QTEST_GUILESS_MAIN(TestQuantRoundTrip)
#include "tst_quant_roundtrip.moc"
