// The tiled matmul kernel (prefill) for every weight type against the CPU decoder and a
// double-precision dot product: sizes that are not multiples of the tile (rows 67, 13 or 70
// tokens, fewer tokens than a tile), bias and residual, x read at an offset and stride, y
// written at a stride, and weight tensors split across several bindings (a lowered binding
// limit, and a real tensor larger than maxStorageBufferRange on devices where it is small).
// Also checks that a prompt batch goes to matmul when the kernels use it.
//
// Tolerance per output, derived from float32 rounding (u = 2^-24) as in tst_vk_matvec:
//   |gpu - cpu| <= (k + 3) u (sum_c |w_c x_c| + |bias| + |y_old|) + 3 u max_c |w_c| sum_c |x_c|
// Here one invocation sums all cols products of an output in sequence (no reduction across
// invocations), then adds bias and residual: k = cols + 2. The second term covers a fused
// multiply-add in the decoder, which matmul shares with matvec (dequant_unit).
// The f16 tiles (matmul_f16, forced with HEARTH_VK_F16_TILES=1) add test::f16_tile_bound to
// it: one f16 rounding of each operand, exact f32 products (see matrix_reference.h).
#include "matrix_reference.h"
#include "vk_test_device.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace hearth;

namespace {

struct Case {
    GgmlType type;
    uint32_t rows, cols, n;
    bool bias = false, accumulate = false;
    size_t offset = 0;     // byte offset of the tensor in its buffer
    uint32_t x_offset = 0; // x[v] starts at element v * x_stride + x_offset
    uint32_t x_stride = 0; // 0: cols
    uint32_t y_stride = 0; // 0: rows
};

} // namespace

class TestVkMatmul : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        // f32 tiles (the f32 bound) unless a case asks for f16 ones: GPUs default to f16.
        qputenv("HEARTH_VK_F16_TILES", "0");
        auto kernels =
            vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto, vk::Kernels::Prefill::Matmul);
        QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
        kernels_ = std::move(kernels.value());
        const vk::Kernels::MatmulTile& t = kernels_->matmul_tile();
        qInfo("tile %ux%u, %u units per step, %ux%u per invocation, %u bytes shared", t.bm, t.bn,
              t.bk_units, t.tm, t.tn, t.shared_bytes());
        QVERIFY(kernels_->uses_matmul());
    }

    // The f16 tiles are chosen on GPUs with shaderFloat16 and not on CPU devices (slower on
    // lavapipe); HEARTH_VK_F16_TILES forces either way where the device has shaderFloat16, and
    // the description says which.
    void f16TilesChoice() {
        const vk::DeviceInfo& info = ctx_->info();
        qunsetenv("HEARTH_VK_F16_TILES");
        auto plain = vk::Kernels::create(*ctx_);
        qputenv("HEARTH_VK_F16_TILES", "0");
        QVERIFY(plain.ok());
        QCOMPARE((*plain)->uses_f16_tiles(),
                 info.features.float16 && info.type != VK_PHYSICAL_DEVICE_TYPE_CPU);
        for (const char* forced : {"0", "1"}) {
            qputenv("HEARTH_VK_F16_TILES", forced);
            auto kernels = vk::Kernels::create(*ctx_);
            qputenv("HEARTH_VK_F16_TILES", "0");
            QVERIFY(kernels.ok());
            const bool on = forced[0] == '1' && info.features.float16;
            QCOMPARE((*kernels)->uses_f16_tiles(), on);
            QCOMPARE((*kernels)->describe().find("f16 tiles") != std::string::npos, on);
        }
    }

    // The f16 tiles against the reference with the f16 bound, for every type, with the
    // device's tile and the GPU tile: rows, tokens and an offset that fit no tile, x at an
    // offset and stride with y at a stride, two tokens over 130 rows, and (device tile) about
    // 37 steps over K for 70 tokens. The first case's outputs must also differ from the f32
    // tiles' somewhere (the f16 rounding is really there).
    void f16TilesMatchReference_data() { test::add_type_rows(); }

    void f16TilesMatchReference() {
        QFETCH(int, type);
        const vk::DeviceInfo& info = ctx_->info();
        if (!info.features.float16) {
            QSKIP("the device has no shaderFloat16");
        }
        const vk::Kernels::MatmulTile gpu_tile;
        const bool gpu_tile_fits = gpu_tile.workgroup() <= info.max_workgroup_invocations &&
                                   gpu_tile.shared_bytes() <= info.max_shared_memory_bytes;
        if (!f16_kernels_) {
            qputenv("HEARTH_VK_F16_TILES", "1");
            for (int i = 0; i < 2; ++i) {
                auto kernels = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto,
                                                   vk::Kernels::Prefill::Matmul,
                                                   i == 1 && gpu_tile_fits ? &gpu_tile : nullptr);
                QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
                QVERIFY((*kernels)->uses_f16_tiles());
                (i == 0 ? f16_kernels_ : f16_gpu_kernels_) = std::move(kernels.value());
            }
            qputenv("HEARTH_VK_F16_TILES", "0");
            auto kernels =
                vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto, vk::Kernels::Prefill::Matmul,
                                    gpu_tile_fits ? &gpu_tile : nullptr);
            QVERIFY(kernels.ok() && !(*kernels)->uses_f16_tiles());
            f32_gpu_kernels_ = std::move(kernels.value());
        }
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        const Case cases[] = {{t, 67, 3 * block, 13, true, true, 38},
                              {t, 5, 2 * block, 9, false, true, 2, 8, 2 * block + 12, 11},
                              {t, 130, block, 2, true, false, 0},
                              {t, 65, (1184 + block - 1) / block * block, 70, true, true, 6}};
        for (int i = 0; i < 2; ++i) {
            vk::Kernels& half = i == 0 ? *f16_kernels_ : *f16_gpu_kernels_;
            vk::Kernels& full = i == 0 ? *kernels_ : *f32_gpu_kernels_;
            for (const Case& c : cases) {
                if (i == 1 && c.n == 70) {
                    continue; // the device's tile covers the long case
                }
                f16_bound_ = true;
                run(c, 0, half, nullptr);
                f16_bound_ = false;
                if (&c == &cases[0]) {
                    const std::vector<float> got = last_;
                    run(c, 0, full, nullptr);
                    QVERIFY2(got != last_, "the f16 tiles gave the f32 tiles' outputs");
                }
            }
        }
    }

    void matchesCpuReference_data() { test::add_type_rows(); }

    // Rows 67 and 13 tokens (neither a multiple of a tile), 3 blocks per row (the float
    // types count blocks of 32), bias, residual and an odd (but even) tensor offset that
    // makes every 32-bit read straddle words; then x at an offset and stride with y at a
    // stride; then 2 tokens and 130 rows (two tiles and a bit).
    void matchesCpuReference() {
        QFETCH(int, type);
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        run({t, 67, 3 * block, 13, true, true, 38});
        const uint32_t cols = 2 * block;
        run({t, 5, cols, 9, false, true, 2, 8, cols + 12, 11});
        run({t, 130, block, 2, true, false, 0});
    }

    // The tile GPUs get (64 x 64, 4 x 4 per invocation, 256 invocations), run here too: on a
    // GPU it is what computes every prompt, and no GPU runs this suite in CI.
    void gpuTileMatchesCpuReference_data() { matchesCpuReference_data(); }

    void gpuTileMatchesCpuReference() {
        QFETCH(int, type);
        const vk::Kernels::MatmulTile gpu_tile;
        const vk::DeviceInfo& info = ctx_->info();
        if (gpu_tile.workgroup() > info.max_workgroup_invocations ||
            gpu_tile.shared_bytes() > info.max_shared_memory_bytes) {
            QSKIP("the device's limits are below the GPU tile");
        }
        if (!gpu_kernels_) {
            auto kernels = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto,
                                               vk::Kernels::Prefill::Matmul, &gpu_tile);
            QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
            gpu_kernels_ = std::move(kernels.value());
        }
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        run({t, 67, 3 * block, 13, true, true, 38}, 0, *gpu_kernels_, nullptr);
        run({t, 130, 2 * block, 70, false, true, 0, 4, 2 * block + 4, 131}, 0, *gpu_kernels_,
            nullptr);
    }

    void awkwardSizes_data() { test::add_awkward_size_rows(); }

    void awkwardSizes() {
        QFETCH(int, type);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, n);
        run({GgmlType(type), uint32_t(rows), uint32_t(cols), uint32_t(n), true, true, 6});
    }

    // A binding limit of a few rows: the tensor is bound in many pieces, each at an aligned
    // offset with the remainder passed to the kernel, and y_offset selecting its rows.
    void splitsTensorsAcrossBindings_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("limit");
        QTest::newRow("Q4_0 rows of 144 bytes, 500-byte bindings") << int(GgmlType::Q4_0) << 500;
        QTest::newRow("Q6_K rows of 420 bytes, 1000-byte bindings") << int(GgmlType::Q6_K) << 1000;
        QTest::newRow("F16 rows of 512 bytes, 600-byte bindings") << int(GgmlType::F16) << 600;
        // 9 MXFP4 blocks: rows of an odd size, so pieces start at odd bytes after the offset.
        QTest::newRow("MXFP4 rows of 153 bytes, 500-byte bindings") << int(GgmlType::MXFP4) << 500;
    }

    void splitsTensorsAcrossBindings() {
        QFETCH(int, type);
        QFETCH(int, limit);
        const GgmlType t = GgmlType(type);
        const uint32_t cols = t == GgmlType::Q6_K ? 512 : (t == GgmlType::MXFP4 ? 288 : 256);
        const uint32_t pieces = run({t, 29, cols, 10, true, true, 22}, uint64_t(limit));
        QVERIFY2(pieces > 5, qPrintable(QString::number(pieces)));
    }

    // A real F32 tensor larger than maxStorageBufferRange (only where that range is small
    // enough to allocate, e.g. 128 MiB on lavapipe), for a batch of 9 tokens.
    void tensorLargerThanStorageBufferRange() {
        const uint64_t range = ctx_->info().max_storage_buffer_range;
        if (range > (256ull << 20)) {
            QSKIP("the device's storage buffer range is too large to exceed in a test");
        }
        const uint32_t cols = 4096;
        const uint32_t rows = uint32_t(range / (cols * 4) + 3);
        QCOMPARE(run({GgmlType::F32, rows, cols, 9}), 2u);
    }

    // Recorder::matvec sends batches of kMatmulMinBatch tokens or more to matmul when the
    // kernels use it, and smaller ones (and every batch otherwise) to matvec; the profiler
    // names the kernel that ran.
    void promptBatchesUseMatmul() {
        auto matvec_only =
            vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto, vk::Kernels::Prefill::Matvec);
        QVERIFY(matvec_only.ok());
        QVERIFY(!(*matvec_only)->uses_matmul());
        for (uint32_t n : {vk::Kernels::kMatmulMinBatch - 1, vk::Kernels::kMatmulMinBatch}) {
            const Case c{GgmlType::Q4_K, 33, 256, n, true, true};
            run(c, 0, **matvec_only, "matvec");
            run(c, 0, *kernels_, n >= vk::Kernels::kMatmulMinBatch ? "matmul" : "matvec");
        }
    }

private:
    uint32_t run(const Case& c, uint64_t limit = 0) { return run(c, limit, *kernels_, nullptr); }

    // Runs one case (failing the test on a mismatch) through Recorder::matmul, or through
    // Recorder::matvec's choice when `expected` names the kernel it must choose; returns the
    // number of dispatches.
    uint32_t run(const Case& c, uint64_t limit, vk::Kernels& kernels, const char* expected) {
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
        if (!batch) {
            QTest::qFail(batch.error().message.c_str(), __FILE__, __LINE__);
            return 0;
        }
        std::unique_ptr<vk::Profiler> profiler;
        if (expected != nullptr) {
            auto created = vk::Profiler::create(*ctx_, 8);
            if (!created) {
                QTest::qFail(created.error().message.c_str(), __FILE__, __LINE__);
                return 0;
            }
            profiler = std::move(created.value());
            batch->set_profiler(profiler.get()); // from the next recording on
            if (auto started = batch->submit_and_wait(); !started) {
                QTest::qFail(started.error().message.c_str(), __FILE__, __LINE__);
                return 0;
            }
        }
        vk::Recorder rec(kernels, *batch, limit);
        const vk::MatvecIo io{vk::whole(b.x),
                              vk::whole(b.y),
                              c.n,
                              c.x_offset,
                              x_stride,
                              y_stride,
                              c.bias ? &b.bias_tensor : nullptr,
                              c.accumulate};
        expected ? rec.matvec(b.tensor, io) : rec.matmul(b.tensor, io);
        const uint32_t dispatches = batch->dispatches();
        auto recorded = rec.status();
        auto done = recorded.ok() ? batch->submit_and_wait() : recorded;
        if (!done) {
            QTest::qFail(done.error().message.c_str(), __FILE__, __LINE__);
            return 0;
        }
        const std::vector<float> got = test::read_back<float>(b.y, y.size());
        last_ = got;
        if (profiler && !profiler->totals().contains(expected)) {
            QTest::qFail(qPrintable(QString("%1 tokens did not run %2").arg(c.n).arg(expected)),
                         __FILE__, __LINE__);
            return dispatches;
        }

        const double k = c.cols + 2.0;
        double worst = 0.0; // as a fraction of the bound
        for (uint32_t v = 0; v < c.n; ++v) {
            for (uint32_t r = 0; r < c.rows; ++r) {
                const size_t o = size_t(v) * y_stride + r;
                auto [expected, bound] = test::expected_output(
                    &decoded[size_t(r) * c.cols], &x[size_t(v) * x_stride + c.x_offset], c.cols,
                    (c.bias ? bias[r] : 0.0) + (c.accumulate ? y[o] : 0.0),
                    (c.bias ? std::abs(bias[r]) : 0.0) + (c.accumulate ? std::abs(y[o]) : 0.0), k);
                const double f16 =
                    f16_bound_
                        ? test::f16_tile_bound(&decoded[size_t(r) * c.cols],
                                               &x[size_t(v) * x_stride + c.x_offset], c.cols, k)
                        : 0.0;
                const double diff = std::abs(got[o] - expected);
                bound += f16;
                if (!(diff <= bound)) {
                    QTest::qFail(qPrintable(QString("row %1 token %2: gpu %3, cpu %4, bound %5")
                                                .arg(r)
                                                .arg(v)
                                                .arg(got[o], 0, 'g', 9)
                                                .arg(expected, 0, 'g', 9)
                                                .arg(bound)),
                                 __FILE__, __LINE__);
                    return dispatches;
                }
                worst = std::max(worst, diff / bound);
            }
            // Rows of y beyond `rows` in a strided y stay untouched.
            for (uint32_t r = c.rows; r < y_stride; ++r) {
                const size_t o = size_t(v) * y_stride + r;
                if (got[o] != y[o]) {
                    QTest::qFail(qPrintable(QString("token %1: padding %2 written").arg(v).arg(r)),
                                 __FILE__, __LINE__);
                    return dispatches;
                }
            }
        }
        qInfo("%s %ux%u, %u tokens%s: %u dispatches, max error %.3f of the bound",
              type_name(c.type).data(), c.rows, c.cols, c.n,
              f16_bound_ ? (kernels.matmul_tile().bm == 64 ? " (f16, GPU tile)" : " (f16)") : "",
              dispatches, worst);
        return dispatches;
    }

    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_;     // matmul for prompt batches
    std::unique_ptr<vk::Kernels> gpu_kernels_; // with the GPU tile
    // f16 tiles with the device's and the GPU tile, and f32 tiles with the GPU tile.
    std::unique_ptr<vk::Kernels> f16_kernels_, f16_gpu_kernels_, f32_gpu_kernels_;
    bool f16_bound_ = false;  // run() adds test::f16_tile_bound
    std::vector<float> last_; // run()'s outputs (all of y)
};

QTEST_GUILESS_MAIN(TestVkMatmul)
#include "tst_vk_matmul.moc"
