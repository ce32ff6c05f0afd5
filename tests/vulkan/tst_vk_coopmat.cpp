// The prefill matmul on cooperative matrices (matmul_coopmat.comp, vk_coopmat.h) against the
// CPU decoder and a float64 dot product, for every weight type, sizes that are not
// multiples of its 64 x 64 tile, bias and residual, x at an offset and stride and y at a
// stride; its choice and fallback; and the trained tiny llama's greedy text against the
// existing Vulkan path (matmul.comp). Skipped on devices without VK_KHR_cooperative_matrix
// (trixie's lavapipe) unless HEARTH_REQUIRE_COOPMAT=1 (CI's run on Mesa 26's lavapipe,
// which has them: tests/reference/mesa-next-root.sh, .ci/run).
//
// Tolerance per output (derived in vk_coopmat.h): f16 rounding of both inputs, h = 2^-11,
// s = 2^-25 for f16's subnormals, and f32 sums in any order, allowing truncation (2u per
// addition, u = 2^-24) over the cols products plus bias and residual:
//   |gpu - cpu| <= sum_c [(2h + h^2) |w_c x_c| + (1 + h) s (|w_c| + |x_c|) + s^2]
//                  + 2 (cols + 2) u (sum_c |w_c x_c| (1 + h)^2 + |bias| + |y_old|)
//                  + 3 u (1 + h)^2 max_c |w_c| sum_c |x_c|   (the decoder's fused multiply-add)
#include "cpu/cpu_session.h"
#include "matrix_reference.h"
#include "text/tokenizer.h"
#include "vk_test_device.h"
#include "vulkan/vk_coopmat.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"
#include "vulkan/vk_session.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <random>

using namespace hearth;

namespace {

constexpr double kH = 1.0 / (1 << 11), kS = 1.0 / (1 << 25), kU32 = 1.0 / (1 << 24);

struct Case {
    GgmlType type;
    uint32_t rows, cols, n;
    bool bias = false, accumulate = false;
    size_t offset = 0;     // byte offset of the tensor in its buffer
    uint32_t x_offset = 0; // x[v] starts at element v * x_stride + x_offset
    uint32_t x_stride = 0; // 0: cols
    uint32_t y_stride = 0; // 0: rows
};

// The bound above for one output, and the float64 value.
test::Expected expected(const float* w, const float* x, uint32_t cols, double extra,
                        double extra_magnitude) {
    double dot = 0.0, products = 0.0, inputs = 0.0, max_w = 0.0, sum_x = 0.0;
    for (uint32_t c = 0; c < cols; ++c) {
        dot += double(w[c]) * x[c];
        products += std::abs(double(w[c]) * x[c]);
        inputs += std::abs(double(w[c])) + std::abs(double(x[c]));
        max_w = std::max(max_w, std::abs(double(w[c])));
        sum_x += std::abs(double(x[c]));
    }
    const double rounding = (2 * kH + kH * kH) * products + (1 + kH) * kS * inputs + cols * kS * kS;
    const double sums =
        2 * (cols + 2.0) * kU32 * (products * (1 + kH) * (1 + kH) + extra_magnitude);
    const double decoder = 3 * kU32 * (1 + kH) * (1 + kH) * max_w * sum_x;
    return {dot + extra, rounding + sums + decoder};
}

// Kernels with cooperative matrices forced on (HEARTH_VK_COOPMAT=1) or off.
Result<std::unique_ptr<vk::Kernels>> kernels_with(const vk::Context& ctx, bool coopmat) {
    qputenv("HEARTH_VK_COOPMAT", coopmat ? "1" : "0");
    auto kernels =
        vk::Kernels::create(ctx, vk::Kernels::Sharing::Auto, vk::Kernels::Prefill::Matmul);
    qunsetenv("HEARTH_VK_COOPMAT");
    return kernels;
}

} // namespace

class TestVkCoopmat : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        if (!ctx_->info().features.cooperative_matrix) {
            if (qEnvironmentVariableIntValue("HEARTH_REQUIRE_COOPMAT")) {
                QFAIL("HEARTH_REQUIRE_COOPMAT=1, but the device has no VK_KHR_cooperative_matrix");
            }
            QSKIP("the device has no VK_KHR_cooperative_matrix (Debian sid's lavapipe, Mesa 26.2, "
                  "has them: "
                  "tests/reference/mesa-next-root.sh)");
        }
        auto kernels = kernels_with(*ctx_, true);
        QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
        kernels_ = std::move(kernels.value());
        qInfo("%s", kernels_->describe().c_str());
        QVERIFY2(kernels_->uses_coopmat(), kernels_->describe().c_str());
    }

    // The shape in use is one the device lists for f16 x f16 + f32, and the backend says so.
    void shapeFromTheDeviceList() {
        const std::vector<vk::CoopmatShape> shapes = vk::coopmat_shapes(*ctx_);
        QVERIFY(!shapes.empty());
        for (const vk::CoopmatShape& s : shapes) {
            qInfo("listed: %ux%ux%u", s.m, s.n, s.k);
        }
        const vk::CoopmatShape used = kernels_->coopmat()->shape();
        QVERIFY(std::ranges::any_of(shapes, [&](const vk::CoopmatShape& s) {
            return s.m == used.m && s.n == used.n && s.k == used.k;
        }));
        const std::string text =
            std::to_string(used.m) + "x" + std::to_string(used.n) + "x" + std::to_string(used.k);
        QVERIFY2(kernels_->describe().find("cooperative matrices " + text) != std::string::npos,
                 kernels_->describe().c_str());
    }

    // HEARTH_VK_COOPMAT=0 keeps matmul.comp, and says so.
    void offKeepsMatmul() {
        auto off = kernels_with(*ctx_, false);
        QVERIFY(off.ok());
        QVERIFY(!(*off)->uses_coopmat());
        QVERIFY((*off)->describe().find("cooperative matrices off") != std::string::npos);
        QCOMPARE((*off)->matmul_rows_per_group(), (*off)->matmul_tile().bm);
        QCOMPARE(kernels_->matmul_rows_per_group(), vk::CoopmatMatmul::kRows);
    }

    // The self-check compares exactly: an expected value off by half (at the last row and
    // token, the corner of a ragged tile) turns the path off and names the output.
    void selfCheckMismatchTurnsItOff() {
        vk::CoopmatMatmul::Choice off =
            vk::CoopmatMatmul::choose(*ctx_, vk::CoopmatMatmul::Mode::On, 0.5f);
        QVERIFY(off.matmul == nullptr);
        QVERIFY2(off.note.starts_with("cooperative matrices off: self-check mismatch at row 79, "
                                      "token 18"),
                 off.note.c_str());
        vk::CoopmatMatmul::Choice on =
            vk::CoopmatMatmul::choose(*ctx_, vk::CoopmatMatmul::Mode::On);
        QVERIFY2(on.matmul != nullptr, on.note.c_str());
    }

    void matchesReference_data() { test::add_type_rows(); }

    // Rows 67 and 13 tokens, 3 blocks per row, bias, residual and an odd (even) tensor
    // offset; then x at an offset and stride with y at a stride over two tiles of tokens
    // (70) and rows (130).
    void matchesReference() {
        QFETCH(int, type);
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        run({t, 67, 3 * block, 13, true, true, 38});
        if (!QTest::currentTestFailed()) {
            run({t, 130, 2 * block, 70, false, true, 0, 4, 2 * block + 4, 131});
        }
    }

    void awkwardSizes_data() { test::add_awkward_size_rows(); }

    void awkwardSizes() {
        QFETCH(int, type);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, n);
        run({GgmlType(type), uint32_t(rows), uint32_t(cols), uint32_t(n), true, true, 6});
    }

    // The trained tiny llama: prompts long enough for the prefill matmul (>= 8 tokens), then
    // 24 greedy tokens; the text must equal the existing Vulkan path's (matmul.comp, f32).
    // (Not the random-weight tiny qwen3: its near-tied logits make greedy text a coin toss
    // between any two arithmetics.)
    void greedyTextEqualsMatmul_data() {
        QTest::addColumn<QString>("file");
        for (const char* f :
             {"tiny-llama-Q8_0", "tiny-llama-Q4_0", "tiny-llama-Q4_K_M", "tiny-llama-F16"}) {
            QTest::newRow(f + 5) << f;
        }
    }

    void greedyTextEqualsMatmul() {
        QFETCH(QString, file);
        const QString path = QString(HEARTH_MODELS_DIR "/tiny/%1.gguf").arg(file);
        if (!QFile::exists(path)) {
            QSKIP(qPrintable("model fixture missing: " + path));
        }
        auto model = Model::load(path.toStdString());
        QVERIFY(model.ok());
        auto tokenizer = Tokenizer::load((*model)->file);
        QVERIFY(tokenizer.ok());
        std::string texts[2];
        for (int coopmat = 0; coopmat < 2; ++coopmat) {
            qputenv("HEARTH_VK_COOPMAT", coopmat ? "1" : "0");
            auto device = vk::Device::open();
            qunsetenv("HEARTH_VK_COOPMAT");
            QVERIFY2(device.ok(), device.ok() ? "" : device.error().message.c_str());
            QCOMPARE((*device)->kernels->uses_coopmat(), coopmat == 1);
            for (const char* prompt :
                 {"The little dog ran across the garden and found a",
                  "Once upon a time, in a small house near the woods, there"}) {
                const std::vector<Token> ids = tokenizer->encode(prompt, true, false);
                QVERIFY(ids.size() >= vk::Kernels::kMatmulMinBatch);
                auto gpu = vk::VulkanSession::create(**model, *device, {128, 16});
                QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
                auto last = (*gpu)->eval_batch(ids);
                QVERIFY(last.ok());
                std::vector<Token> out{Token(std::ranges::max_element(*last) - last->begin())};
                for (int i = 0; i < 23; ++i) {
                    auto next = (*gpu)->eval_greedy(out.back());
                    QVERIFY(next.ok());
                    out.push_back(*next);
                }
                texts[coopmat] += tokenizer->decode(out) + "|";
            }
        }
        qInfo("%s", QByteArray::fromStdString(texts[1]).toPercentEncoding(" ,.;:'\"!?|").data());
        QCOMPARE(QString::fromStdString(texts[1]), QString::fromStdString(texts[0]));
    }

private:
    // Runs one case through Recorder::matmul with the cooperative kernels; fails the test on
    // an output beyond its bound or a written padding element.
    void run(const Case& c) {
        std::mt19937 rng(c.rows * 131 + c.cols + uint32_t(c.type) + c.n);
        test::TestMatrix m = test::make_matrix(c.type, c.rows, c.cols, rng);
        const std::vector<float>& decoded = m.decoded;
        const uint32_t x_stride = c.x_stride ? c.x_stride : c.cols;
        const uint32_t y_stride = c.y_stride ? c.y_stride : c.rows;
        std::vector<float> x(size_t(c.n) * x_stride + c.x_offset), bias(c.rows),
            y(size_t(c.n) * y_stride);
        test::fill_normal(rng, {&x, &bias, &y});

        const test::MatrixBuffers b(*ctx_, c.type, c.rows, c.cols, std::move(m.packed), c.offset, x,
                                    bias, y);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch, 0);
        const vk::MatvecIo io{vk::whole(b.x),
                              vk::whole(b.y),
                              c.n,
                              c.x_offset,
                              x_stride,
                              y_stride,
                              c.bias ? &b.bias_tensor : nullptr,
                              c.accumulate};
        rec.matmul(b.tensor, io);
        auto recorded = rec.status();
        auto done = recorded.ok() ? batch->submit_and_wait() : recorded;
        QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());
        const std::vector<float> got = test::read_back<float>(b.y, y.size());

        double worst = 0.0; // as a fraction of the bound
        for (uint32_t v = 0; v < c.n; ++v) {
            for (uint32_t r = 0; r < c.rows; ++r) {
                const size_t o = size_t(v) * y_stride + r;
                const double extra = (c.bias ? bias[r] : 0.0) + (c.accumulate ? y[o] : 0.0);
                const double magnitude =
                    (c.bias ? std::abs(bias[r]) : 0.0) + (c.accumulate ? std::abs(y[o]) : 0.0);
                const auto [value, bound] =
                    expected(&decoded[size_t(r) * c.cols], &x[size_t(v) * x_stride + c.x_offset],
                             c.cols, extra, magnitude);
                const double diff = std::abs(got[o] - value);
                QVERIFY2(diff <= bound, qPrintable(QString("row %1 token %2: gpu %3, cpu %4, "
                                                           "bound %5")
                                                       .arg(r)
                                                       .arg(v)
                                                       .arg(got[o], 0, 'g', 9)
                                                       .arg(value, 0, 'g', 9)
                                                       .arg(bound)));
                worst = std::max(worst, diff / bound);
            }
            for (uint32_t r = c.rows; r < y_stride; ++r) {
                const size_t o = size_t(v) * y_stride + r;
                QVERIFY2(got[o] == y[o],
                         qPrintable(QString("token %1: padding %2 written").arg(v).arg(r)));
            }
        }
        qInfo("%s %ux%u, %u tokens: max error %.3f of the bound", type_name(c.type).data(), c.rows,
              c.cols, c.n, worst);
    }

    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_; // cooperative matrices forced on
};

QTEST_GUILESS_MAIN(TestVkCoopmat)
#include "tst_vk_coopmat.moc"
