// The small kernels of the forward pass against the CPU reference: RoPE (Norm and Neox
// pairing, partial rotation, frequency factors, far positions), per-head q/k RMSNorm, the
// gates of the FFN (SiLU, GELU), the scaled add and soft-capping, and the greedy argmax. Tolerances
// (u = 2^-24):
//   rope:     |gpu - cpu| <= 4 u (|x0| + |x1|) for each rotated pair: cos and sin are
//             rounded to float once (in the table) and the rotation adds three roundings.
//   head norm: as tst_vk_rms_norm, |gpu - cpu| <= 1e-6 + 2e-5 |cpu|.
//   gated activations (SiLU, GELU): relative (3 + 2|arg|) 2^-23 (Vulkan's exp bound) + 2.5 ulp
//             (division) + 4 u; axpby as derived at its test.
//   argmax:   exact, lowest index among equal maxima.
#include "cpu/ops.h"
#include "shader_interface.h"
#include "vk_test_device.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace hearth;

namespace {
constexpr double kU = 1.0 / (1 << 24);
}

class TestVkPointwise : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        auto kernels = vk::Kernels::create(*ctx_);
        QVERIFY(kernels.ok());
        kernels_ = std::move(kernels.value());
    }

    void ropeMatchesCpu_data() {
        QTest::addColumn<bool>("neox");
        QTest::addColumn<int>("head_dim");
        QTest::addColumn<int>("n_rot");
        QTest::addColumn<int>("pos0");
        QTest::addColumn<bool>("factors");
        for (bool neox : {false, true}) {
            const char* style = neox ? "neox" : "norm";
            QTest::addRow("%s 64 at 0", style) << neox << 64 << 64 << 0 << false;
            QTest::addRow("%s 128 at 4000", style) << neox << 128 << 128 << 4000 << false;
            QTest::addRow("%s 80 partial 32 at 17", style) << neox << 80 << 32 << 17 << false;
            QTest::addRow("%s 64 factors at 300", style) << neox << 64 << 64 << 300 << true;
        }
    }

    void ropeMatchesCpu() {
        QFETCH(bool, neox);
        QFETCH(int, head_dim);
        QFETCH(int, n_rot);
        QFETCH(int, pos0);
        QFETCH(bool, factors);
        const uint32_t n = 3, heads = 5, n_ctx = uint32_t(pos0) + n;
        const float base = 500000.0f, freq_scale = 1.0f;
        std::vector<float> f;
        for (int i = 0; factors && i < n_rot / 2; ++i) {
            f.push_back(1.0f + float(i % 5));
        }
        std::mt19937 rng(uint32_t(head_dim + pos0));
        std::normal_distribution<float> normal(0.0f, 1.0f);
        std::vector<float> x(size_t(n) * heads * head_dim);
        for (float& v : x) {
            v = normal(rng);
        }
        std::vector<float> expected = x;
        const RopeStyle style = neox ? RopeStyle::Neox : RopeStyle::Norm;
        const RopeSpec spec{uint32_t(n_rot), base, freq_scale, f};
        for (uint32_t t = 0; t < n; ++t) {
            cpu::rope(std::span(expected).subspan(size_t(t) * heads * head_dim, heads * head_dim),
                      heads, head_dim, style, spec, pos0 + t);
        }
        vk::Buffer xb = test::host_buffer(*ctx_, x);
        vk::Buffer table = test::host_buffer(*ctx_, vk::rope_table(n_ctx, spec));
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.rope(vk::whole(xb), vk::whole(table), n, heads, head_dim, n_rot, pos0, neox);
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<float> got = test::read_back<float>(xb, x.size());
        const int half = n_rot / 2;
        double worst = 0.0;
        for (size_t head = 0; head < size_t(n) * heads; ++head) {
            for (int d = 0; d < head_dim; ++d) {
                const size_t i = head * head_dim + d;
                // The partner of d in its rotation pair (d itself when not rotated).
                int partner = d;
                if (d < n_rot) {
                    partner = neox ? (d < half ? d + half : d - half) : (d ^ 1);
                }
                const double bound =
                    d < n_rot ? 4 * kU * (std::abs(x[i]) + std::abs(x[head * head_dim + partner]))
                              : 0.0;
                const double diff = std::abs(double(got[i]) - expected[i]);
                QVERIFY2(
                    diff <= bound,
                    qPrintable(
                        QString("element %1: gpu %2, cpu %3").arg(i).arg(got[i]).arg(expected[i])));
                worst = std::max(worst, diff);
            }
        }
        qInfo("max abs diff %.3g", worst);
    }

    // q of 3 tokens x 4 heads of 128: rows = tokens * heads, the weight shared by all heads.
    void headNormMatchesCpu() {
        const uint32_t rows = 12, cols = 128;
        std::mt19937 rng(9);
        std::normal_distribution<float> normal(0.0f, 3.0f);
        std::vector<float> x(rows * cols), w(cols), expected(x.size());
        for (float& v : x) {
            v = normal(rng);
        }
        for (float& v : w) {
            v = 1.0f + 0.05f * normal(rng);
        }
        cpu::rms_norm(x, w, expected, rows, 1e-6f);
        vk::Buffer xb = test::host_buffer(*ctx_, x), wb = test::host_buffer(*ctx_, w);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.rms_norm(vk::whole(xb), vk::whole(wb), vk::whole(xb), rows, cols, 1e-6f); // in place
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<float> got = test::read_back<float>(xb, x.size());
        for (size_t i = 0; i < x.size(); ++i) {
            QVERIFY2(std::abs(got[i] - expected[i]) <= 1e-6 + 2e-5 * std::abs(expected[i]),
                     qPrintable(QString::number(i)));
        }
    }

    void gatedActivationsMatchCpu_data() {
        QTest::addColumn<bool>("gelu");
        QTest::newRow("SiLU") << false;
        QTest::newRow("GELU (tanh)") << true;
    }

    // act(g) * u with exp's bound (3 + 2|arg|) 2^-23: SiLU's argument is -g, GELU's -2z with
    // z = sqrt(2/pi) (g + 0.044715 g^3) (0.5 g (1 + tanh z) = g / (1 + exp(-2z))); plus the
    // division (2.5 ulp) and a few roundings (z's own error moves exp by as much again).
    void gatedActivationsMatchCpu() {
        QFETCH(bool, gelu);
        const uint32_t count = 3 * 1000 + 7;
        std::mt19937 rng(11);
        std::normal_distribution<float> normal(0.0f, 4.0f);
        std::vector<float> g(count), u(count);
        for (uint32_t i = 0; i < count; ++i) {
            g[i] = i < 4 ? std::array{-100.0f, 100.0f, 0.0f, -20.0f}[i] : normal(rng);
            u[i] = normal(rng);
        }
        vk::Buffer gb = test::host_buffer(*ctx_, g), ub = test::host_buffer(*ctx_, u);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.gated_act(vk::whole(gb), vk::whole(ub), count, gelu);
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<float> got = test::read_back<float>(gb, count);
        double worst = 0.0;
        for (uint32_t i = 0; i < count; ++i) {
            const double a = g[i];
            const double expected = double(gelu ? cpu::gelu_tanh(g[i]) : cpu::silu(g[i])) * u[i];
            const double arg =
                gelu ? std::min(88.0, std::abs(2 * 0.7978845608028654 * (a + 0.044715 * a * a * a)))
                     : std::abs(a);
            const double relative = (3 + 2 * arg) * 2 * kU + 5 * kU + (gelu ? 4 * arg + 8 : 4) * kU;
            const double diff = std::abs(got[i] - expected);
            QVERIFY2(diff <= relative * std::abs(expected) + 1e-30,
                     qPrintable(QString("%1: act(%2) * %3 = %4, expected %5")
                                    .arg(i)
                                    .arg(g[i])
                                    .arg(u[i])
                                    .arg(got[i])
                                    .arg(expected)));
            worst = std::max(worst, diff / std::max(std::abs(expected), 1e-30));
        }
        qInfo("max relative diff %.3g", worst);
    }

    // y = a y + b x (two products and a sum: 3 u of the terms), then soft-capped:
    // cap tanh(y / cap) through exp (its bound at 2 |y| / cap) and a division.
    void axpbyMatchesDouble() {
        const uint32_t count = 1000;
        std::mt19937 rng(5);
        std::normal_distribution<float> normal(0.0f, 20.0f);
        std::vector<float> y(count), x(count);
        for (uint32_t i = 0; i < count; ++i) {
            y[i] = normal(rng);
            x[i] = normal(rng);
        }
        for (float cap : {0.0f, 30.0f}) {
            vk::Buffer yb = test::host_buffer(*ctx_, y), xb = test::host_buffer(*ctx_, x);
            auto batch = vk::Batch::create(*ctx_);
            QVERIFY(batch.ok());
            vk::Recorder rec(*kernels_, *batch);
            rec.axpby(vk::whole(yb), vk::whole(xb), count, 0.75f, -1.5f, cap);
            QVERIFY(batch->submit_and_wait().ok());
            const std::vector<float> got = test::read_back<float>(yb, count);
            for (uint32_t i = 0; i < count; ++i) {
                const double v = 0.75 * y[i] - 1.5 * x[i];
                const double terms = 3 * kU * (0.75 * std::abs(y[i]) + 1.5 * std::abs(x[i]));
                double expected = v, bound = terms;
                if (cap > 0.0f) {
                    expected = cap * std::tanh(v / cap);
                    // The input's error passes through with slope <= 1; exp's relative error
                    // moves 1 + tanh by at most as much; then a division and two roundings.
                    bound =
                        terms +
                        ((3 + 2 * std::min(88.0, 2 * std::abs(v) / cap)) * 2 * kU + 8 * kU) * cap;
                }
                QVERIFY2(std::abs(got[i] - expected) <= bound,
                         qPrintable(QString("cap %1, %2: %3, expected %4")
                                        .arg(cap)
                                        .arg(i)
                                        .arg(got[i])
                                        .arg(expected)));
            }
        }
    }

    void argmaxFindsFirstLargest_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("ties"); // extra copies of the maximum at later indices
        QTest::newRow("one") << 1 << 0;
        QTest::newRow("255 with ties") << 255 << 3;
        QTest::newRow("151936 (Qwen vocabulary)") << 151936 << 2;
    }

    void argmaxFindsFirstLargest() {
        QFETCH(int, count);
        QFETCH(int, ties);
        std::mt19937 rng{uint32_t(count)};
        std::normal_distribution<float> normal(0.0f, 5.0f);
        std::vector<float> x(count);
        for (float& v : x) {
            v = normal(rng);
        }
        const size_t first = std::max_element(x.begin(), x.end()) - x.begin();
        for (int i = 0; i < ties; ++i) {
            x[first + (size_t(i + 1) * 37) % (count - first)] = x[first];
        }
        const size_t expected = std::max_element(x.begin(), x.end()) - x.begin();
        vk::Buffer xb = test::host_buffer(*ctx_, x);
        vk::Buffer result = test::host_buffer(*ctx_, std::vector<uint32_t>{7, 7});
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.argmax(vk::whole(xb), uint32_t(count), vk::whole(result));
        QVERIFY(batch->submit_and_wait().ok());
        const auto got = test::read_back<uint32_t>(result, 2);
        QCOMPARE(size_t(got[0]), expected);
        QCOMPARE(std::bit_cast<float>(got[1]), x[expected]);
    }

private:
    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_;
};

QTEST_GUILESS_MAIN(TestVkPointwise)
#include "tst_vk_pointwise.moc"
