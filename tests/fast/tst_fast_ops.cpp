// The fast CPU backend's pointwise and attention kernels (every variant) against double
// references with bounds from their arithmetic, its thread pool, and the matrix runner that
// splits rows among threads (bit for bit what one thread computes).
#include "cpu/ops.h"
#include "fast/kernels.h"
#include "fast/matmul.h"
#include "fast/spin_pool.h"
#include "kernel_reference.h"
#include "quantize.h"
#include "tensor/half.h"

#include <QTest>
#include <atomic>
#include <bit>
#include <cmath>
#include <iterator>
#include <random>

using namespace hearth;
using namespace hearth::fast;
using test::kUnit;

namespace {

std::vector<float> uniform(size_t n, uint32_t seed, float lo, float hi) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(n);
    for (float& x : v) {
        x = dist(rng);
    }
    return v;
}

QString where(const Kernels* k, const QString& what) {
    return QString::fromStdString(k->name) + " " + what;
}

} // namespace

class TestFastOps : public QObject {
    Q_OBJECT

private slots:
    void rmsNorm() {
        for (const Kernels* k : available_variants()) {
            for (size_t n : {1, 7, 64, 4100}) {
                const std::vector<float> x = uniform(n, 1, -3, 3), w = uniform(n, 2, 0.5, 2);
                std::vector<float> y(n);
                k->ops.rms_norm(x.data(), w.data(), y.data(), n, 1e-5f);
                double sum = 0.0;
                for (float v : x) {
                    sum += double(v) * v;
                }
                const double scale = 1.0 / std::sqrt(sum / double(n) + double(1e-5f));
                for (size_t i = 0; i < n; ++i) {
                    const double exact = x[i] * scale * w[i];
                    // Sum of squares: n roundings, halved by the square root; then 4 more.
                    const double bound = (double(n) / 2 + 8) * kUnit * std::fabs(exact) + 1e-38;
                    QVERIFY2(std::fabs(y[i] - exact) <= bound,
                             qPrintable(where(k, QString("n %1 element %2").arg(n).arg(i))));
                }
            }
        }
    }

    void rope() {
        for (const Kernels* k : available_variants()) {
            for (auto [head_dim, n_rot] :
                 {std::pair<size_t, size_t>{64, 64}, {80, 80}, {128, 32}}) {
                for (bool neox : {false, true}) {
                    const size_t heads = 3, half = n_rot / 2;
                    std::vector<float> x = uniform(heads * head_dim, 3, -2, 2), cs(2 * half);
                    for (size_t i = 0; i < half; ++i) {
                        const double theta =
                            17.0 * std::pow(10000.0, -2.0 * double(i) / double(n_rot));
                        cs[i] = float(std::cos(theta));
                        cs[half + i] = float(std::sin(theta));
                    }
                    const std::vector<float> before = x;
                    k->ops.rope(x.data(), heads, head_dim, n_rot, neox, cs.data());
                    for (size_t h = 0; h < heads; ++h) {
                        const float* in = before.data() + h * head_dim;
                        const float* out = x.data() + h * head_dim;
                        for (size_t i = n_rot; i < head_dim; ++i) {
                            QCOMPARE(out[i], in[i]); // past n_rot: untouched
                        }
                        for (size_t i = 0; i < half; ++i) {
                            const size_t a = neox ? i : 2 * i, b = neox ? i + half : 2 * i + 1;
                            const double c = cs[i], s = cs[half + i];
                            const double ra = in[a] * c - in[b] * s, rb = in[a] * s + in[b] * c;
                            // Two products and a sum: each result within 3 u of its terms.
                            const double bound_a =
                                3 * kUnit * (std::fabs(in[a] * c) + std::fabs(in[b] * s)) + 1e-38;
                            const double bound_b =
                                3 * kUnit * (std::fabs(in[a] * s) + std::fabs(in[b] * c)) + 1e-38;
                            QVERIFY2(std::fabs(out[a] - ra) <= bound_a &&
                                         std::fabs(out[b] - rb) <= bound_b,
                                     qPrintable(where(k, QString("dim %1 neox %2 head %3 pair "
                                                                 "%4: %5 %6 vs %7 %8")
                                                             .arg(head_dim)
                                                             .arg(neox)
                                                             .arg(h)
                                                             .arg(i)
                                                             .arg(out[a], 0, 'g', 10)
                                                             .arg(out[b], 0, 'g', 10)
                                                             .arg(ra, 0, 'g', 10)
                                                             .arg(rb, 0, 'g', 10))));
                        }
                    }
                }
            }
        }
    }

    // The reference's clamped SwiGLU (which the fast kernel is checked against below) on
    // values computed by hand (Python, double): g = min(gate, 7), u = clamp(up, -7, 7),
    // g / (1 + exp(-1.702 g)) (u + 1). No lower clamp on the gate.
    void swigluOaiByHand() {
        const struct {
            float gate, up;
            double expected;
        } cases[] = {{10.0f, -9.0f, -41.99971876981991}, // both clamped
                     {-2.0f, 0.5f, -0.09651206528368779},
                     {1.0f, 20.0f, 6.76636612746257}, // up clamped from above
                     {7.0f, 7.0f, 55.99962502642654},
                     {-100.0f, 3.0f, -4.843275474081723e-72}, // ~0: a float rounds it to -0
                     {0.0f, 5.0f, 0.0}};
        for (const auto& c : cases) {
            const double got = cpu::swiglu_oai(c.gate, c.up);
            QVERIFY2(std::fabs(got - c.expected) <= 4 * kUnit * std::fabs(c.expected) + 1e-44,
                     qPrintable(QString("%1 %2: %3").arg(c.gate).arg(c.up).arg(got, 0, 'g', 17)));
        }
    }

    void swigluAddHalfArgmax() {
        for (const Kernels* k : available_variants()) {
            std::vector<float> gate = uniform(1003, 4, -100, 100), up = uniform(1003, 5, -3, 3);
            gate[0] = 0.0f;
            gate[1] = -95.0f; // exp(95) overflows: must still give ~0, not NaN
            std::vector<float> out(gate.size());
            k->ops.swiglu(gate.data(), up.data(), out.data(), gate.size());
            for (size_t i = 0; i < gate.size(); ++i) {
                const double exact = gate[i] / (1.0 + std::exp(-double(gate[i]))) * up[i];
                // exp(-g) is capped at exp(88), a change of at most |g up| exp(-88).
                const double cap = std::fabs(double(gate[i]) * up[i]) * std::exp(-88.0);
                QVERIFY2(
                    std::fabs(out[i] - exact) <= 16 * kUnit * std::fabs(exact) + cap + 1e-38,
                    qPrintable(where(
                        k, QString("swiglu %1: %2 vs %3").arg(gate[i]).arg(out[i]).arg(exact))));
            }

            // GELU (tanh form) as x / (1 + exp(-2z)): exp (capped at exp(88), as SiLU's) and a
            // division; z's own rounding moves exp by |2z| u more.
            k->ops.geglu(gate.data(), up.data(), out.data(), gate.size());
            for (size_t i = 0; i < gate.size(); ++i) {
                const double g = gate[i], z = 0.7978845608028654 * (g + 0.044715 * g * g * g);
                const double exact = double(cpu::gelu_tanh(gate[i])) * up[i];
                const double cap = std::fabs(g * up[i]) * std::exp(-88.0);
                const double relative = (16 + 4 * std::min(88.0, std::fabs(2 * z))) * kUnit;
                QVERIFY2(
                    std::fabs(out[i] - exact) <= relative * std::fabs(exact) + cap + 1e-38,
                    qPrintable(where(
                        k, QString("geglu %1: %2 vs %3").arg(gate[i]).arg(out[i]).arg(exact))));
            }
            // gpt-oss's clamped SwiGLU: against the reference's double form (checked by hand
            // above), with SiLU's bound; the clamps are exact, and the rounding of 1.702 and of
            // its product with g moves exp(-1.702 g) by 2 |1.702 g| u more (as for GELU).
            k->ops.swiglu_oai(gate.data(), up.data(), out.data(), gate.size());
            for (size_t i = 0; i < gate.size(); ++i) {
                const double exact = cpu::swiglu_oai(gate[i], up[i]);
                const double cap = std::fabs(double(gate[i]) * 8) * std::exp(-88.0);
                const double arg = std::min(88.0, std::fabs(1.702 * gate[i]));
                const double relative = (16 + 4 * arg) * kUnit;
                QVERIFY2(std::fabs(out[i] - exact) <= relative * std::fabs(exact) + cap + 1e-38,
                         qPrintable(where(k, QString("swiglu_oai %1 %2: %3 vs %4")
                                                 .arg(gate[i])
                                                 .arg(up[i])
                                                 .arg(out[i])
                                                 .arg(exact))));
            }
            // Soft-capping: cap tanh(x / cap), within a few units of cap.
            std::vector<float> capped = uniform(1003, 12, -200, 200);
            const std::vector<float> before = capped;
            k->ops.softcap(capped.data(), capped.size(), 30.0f);
            for (size_t i = 0; i < capped.size(); ++i) {
                const double exact = 30.0 * std::tanh(double(before[i]) / 30.0);
                QVERIFY2(std::fabs(capped[i] - exact) <= 8 * kUnit * 30.0,
                         qPrintable(where(k, QString("softcap %1").arg(before[i]))));
            }
            const std::vector<float> unscaled = capped;
            k->ops.scale(capped.data(), capped.size(), 0.3f);
            for (size_t i = 0; i < capped.size(); ++i) {
                QCOMPARE(capped[i], unscaled[i] * 0.3f); // one float product each
            }

            std::vector<float> y = uniform(37, 6, -1, 1);
            const std::vector<float> x = uniform(37, 7, -1, 1), y0 = y;
            k->ops.add(y.data(), x.data(), y.size());
            for (size_t i = 0; i < y.size(); ++i) {
                QCOMPARE(y[i], y0[i] + x[i]);
            }

            // f16: nearest even, as tensor/half.h rounds (subnormals, overflow, NaN).
            std::vector<float> f = uniform(1000, 8, -70000, 70000);
            for (float v : {0.0f, -0.0f, 1e-8f, 6.1e-5f, 5.96e-8f, 2.98e-8f, 65504.0f, 65520.0f,
                            1.0f + 0x1p-11f, 1.0f + 0x1p-11f + 0x1p-12f, INFINITY, -INFINITY}) {
                f.push_back(v);
            }
            f.push_back(NAN);
            std::vector<uint16_t> h(f.size());
            k->ops.to_f16(f.data(), h.data(), f.size());
            for (size_t i = 0; i + 1 < f.size(); ++i) {
                QVERIFY2(h[i] == f32_to_f16(f[i]),
                         qPrintable(where(k, QString("f16 of %1").arg(f[i]))));
            }
            QVERIFY(std::isnan(f16_to_f32(h.back())));

            for (size_t n : {1, 17, 32000}) {
                std::vector<float> logits = uniform(n, uint32_t(n), -5, 5);
                logits[n / 2] = 9.0f;
                logits[n - 1] = 9.0f; // a tie: the lower index wins
                QCOMPARE(k->ops.argmax(logits.data(), n), n / 2);
            }
        }
    }

    // Rows sharing one KV head, each seeing its own number of positions (all of them, or a
    // sliding window of the last few), against softmax attention in double over the
    // f16-rounded keys and values. Key blocks past the visible
    // positions hold NaN, which must be masked, not mixed in. A sliding window also runs over
    // a ring (position t in slot t % ring) holding only the last ring positions: the slots of
    // older ones hold NaN. Some cases add a sink logit per row (gpt-oss), under the same bound
    // (its exp is one more term of the sum).
    void attention() {
        for (const Kernels* k : available_variants()) {
            const size_t L = k->lanes;
            for (auto [D, window, ringed, sunk] :
                 {std::tuple<size_t, uint32_t, bool, bool>{32, 0, false, false},
                  {80, 0, false, false},
                  {128, 0, false, false},
                  {64, 5, false, false},
                  {64, 20, false, false},
                  {64, 5, true, false},
                  {48, 20, true, false},
                  {32, 0, false, true},
                  {64, 5, true, true}}) {
                for (size_t n : {1, 15, 17, 100}) {
                    const size_t rows = 6, v_stride = D + 8, blocks = (n + L - 1) / L + 1;
                    // Row i sees up to position n - 3i: the ring keeps the window of the
                    // earliest row, whole blocks.
                    const size_t ring = ringed ? (window + 3 * (rows - 1) + L) / L * L : 0;
                    const size_t capacity = ring ? ring : blocks * L;
                    const std::vector<float> q = uniform(rows * D, 9, -2, 2);
                    const std::vector<float> kf = uniform(n * D, 10, -2, 2),
                                             vf = uniform(n * v_stride, 11, -3, 3);
                    std::vector<uint16_t> k16(capacity * D, 0x7E00),
                        v16(capacity * v_stride + v_stride, 0x7E00);
                    for (size_t t = ring && n > ring ? n - ring : 0; t < n; ++t) {
                        const size_t s = ring ? t % ring : t;
                        for (size_t d = 0; d < D; ++d) {
                            k16[(s / L) * D * L + d * L + s % L] = f32_to_f16(kf[t * D + d]);
                            v16[s * v_stride + d] = f32_to_f16(vf[t * v_stride + d]);
                        }
                    }
                    std::vector<uint32_t> visible(rows);
                    for (size_t i = 0; i < rows; ++i) {
                        visible[i] = uint32_t(std::max<long>(1, long(n) - long(3 * i)));
                    }
                    std::vector<float> out(rows * D, -1.0f);
                    const float scale = float(1.0 / std::sqrt(double(D)));
                    // Sinks (gpt-oss): one logit per row, some far above the scores (the
                    // outputs shrink to ~0) or below them (no effect).
                    std::vector<float> sinks = uniform(rows, 13, -3, 3);
                    sinks[1] = 30.0f;
                    sinks[2] = -30.0f;
                    k->ops.attention({q.data(), D, rows, visible.data(), k16.data(), v16.data(),
                                      v_stride, D, scale, out.data(), D, window, ring,
                                      sunk ? sinks.data() : nullptr});
                    for (size_t i = 0; i < rows; ++i) {
                        // A sliding window: its own position and the window - 1 before.
                        const size_t first =
                            window > 0 && visible[i] > window ? visible[i] - window : 0;
                        std::vector<double> s(visible[i], 0.0);
                        double max = -INFINITY, largest_dot = 0.0, largest_v = 0.0;
                        for (size_t t = first; t < visible[i]; ++t) {
                            double dot = 0.0, abs_dot = 0.0;
                            for (size_t d = 0; d < D; ++d) {
                                const double p =
                                    double(q[i * D + d]) * f16_to_f32(f32_to_f16(kf[t * D + d]));
                                dot += p;
                                abs_dot += std::fabs(p);
                            }
                            s[t] = dot * scale;
                            max = std::max(max, s[t]);
                            largest_dot = std::max(largest_dot, abs_dot * scale);
                        }
                        // A sink: one more logit in the denominator, with no value.
                        const double sink = sunk ? sinks[i] : -INFINITY;
                        max = std::max(max, sink);
                        double total = sunk ? std::exp(sink - max) : 0.0;
                        for (size_t t = first; t < visible[i]; ++t) {
                            s[t] = std::exp(s[t] - max);
                            total += s[t];
                        }
                        for (size_t d = 0; d < D; ++d) {
                            double o = 0.0;
                            for (size_t t = first; t < visible[i]; ++t) {
                                const double v = f16_to_f32(f32_to_f16(vf[t * v_stride + d]));
                                o += s[t] * v;
                                largest_v = std::max(largest_v, std::fabs(v));
                            }
                            o /= total;
                            // Scores off by (D + 4) u |q||k| each; exp adds ~4 u; the weights'
                            // relative error moves the mean of values by twice that times
                            // max |v|; the sums add (n + D + 16) u max |v|.
                            const double weights =
                                (double(D) + 4) * kUnit * largest_dot * 2 + 8 * kUnit;
                            const double bound =
                                (2 * weights + double(visible[i] + D + 16) * kUnit) * largest_v;
                            QVERIFY2(
                                std::fabs(out[i * D + d] - o) <= bound,
                                qPrintable(where(k, QString("D %1 window %7 ring %8 n %2 row %3 "
                                                            "dim %4: %5 vs %6")
                                                        .arg(D)
                                                        .arg(n)
                                                        .arg(i)
                                                        .arg(d)
                                                        .arg(out[i * D + d])
                                                        .arg(o)
                                                        .arg(window)
                                                        .arg(ring))));
                        }
                    }
                }
            }
        }
    }

    // Every thread index runs exactly once per job, and run() returns only when all are done.
    void spinPool() {
        for (unsigned threads : {1u, 2u, 3u, 5u}) {
            SpinPool pool(threads);
            QCOMPARE(pool.size(), threads);
            std::vector<std::atomic<int>> seen(threads);
            for (int job = 0; job < 2000; ++job) {
                pool.run([&](unsigned t, unsigned n) {
                    QCOMPARE(n, threads);
                    seen[t].fetch_add(1);
                });
                for (unsigned t = 0; t < threads; ++t) {
                    QCOMPARE(seen[t].load(), job + 1);
                }
            }
        }
    }

    // The runner's split over 3 threads gives what one kernel call over all rows gives, for
    // products of mixed types sharing one input, in both kernels' token ranges.
    void runnerSplitsRows() {
        const Kernels& k = *available_variants().front();
        SpinPool pool(3);
        MatmulRunner runner(k, pool, 16, 512);
        const GgmlType types[] = {GgmlType::Q4_K, GgmlType::Q6_K, GgmlType::F16, GgmlType::Q8_0,
                                  GgmlType::MXFP4};
        const size_t rows[] = {67, 33, 5, 130, 47};
        const size_t n_matrices = std::size(types);
        std::vector<std::vector<std::byte>> bytes;
        std::vector<Matrix> matrices;
        for (size_t i = 0; i < n_matrices; ++i) {
            bytes.push_back(
                test::quantize(types[i], uniform(rows[i] * 512, uint32_t(20 + i), -1, 1)));
            matrices.push_back({reinterpret_cast<const uint8_t*>(bytes.back().data()), types[i],
                                rows[i], 512, row_bytes(types[i], 512)});
        }
        for (size_t tokens : {1, 3, 4, 9}) {
            const std::vector<float> x = uniform(tokens * 512, uint32_t(tokens), -1, 1);
            std::vector<std::vector<float>> split(n_matrices), whole(n_matrices);
            std::vector<Product> products;
            for (size_t i = 0; i < n_matrices; ++i) {
                split[i].assign(tokens * rows[i], 1.0f);
                whole[i] = split[i];
                products.push_back({matrices[i], {split[i].data(), rows[i], i % 2 == 1}});
            }
            runner.run(x.data(), 512, tokens, 512, products);
            SpinPool one(1);
            MatmulRunner single(k, one, 16, 512);
            for (size_t i = 0; i < n_matrices; ++i) {
                const Product p{matrices[i], {whole[i].data(), rows[i], i % 2 == 1}};
                single.run(x.data(), 512, tokens, 512, std::span<const Product>(&p, 1));
                QVERIFY2(split[i] == whole[i],
                         qPrintable(QString("matrix %1, %2 tokens").arg(i).arg(tokens)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFastOps)
#include "tst_fast_ops.moc"
