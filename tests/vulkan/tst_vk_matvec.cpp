// The matvec kernel for every weight type, in the subgroup and the shared-memory variant,
// against the CPU decoder and a double-precision dot product; and weight tensors split
// across several bindings (a lowered binding limit, and a real tensor larger than
// maxStorageBufferRange where the device's range is small, as on lavapipe).
//
// Tolerance per output row, derived from float32 rounding (u = 2^-24):
//   |gpu - cpu| <= (k + 3) u (sum_c |w_c x_c| + |bias| + |y_old|) + 3 u max_c |w_c| sum_c |x_c|
// k bounds the additions in sequence: 32 per unit an invocation visits (32 * ceil(units /
// lanes), lanes = the fewest invocations sharing a row: the smallest subgroup or the
// workgroup), up to WG more in the reduction, 2 for bias and residual. The second term covers
// a fused multiply-add in the decoder (q d + m rounded once instead of twice): for every
// type |q d| + |m| <= 3 max |w| of the block.
#include "cpu/ops.h"
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
    bool bias, accumulate;
    size_t offset; // byte offset of the tensor in its buffer
};

} // namespace

class TestVkMatvec : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        for (auto sharing : {vk::Kernels::Sharing::Subgroups, vk::Kernels::Sharing::SharedMemory,
                             vk::Kernels::Sharing::Invocations}) {
            if (sharing == vk::Kernels::Sharing::Subgroups && !ctx_->info().subgroup_arithmetic) {
                continue;
            }
            // The batched matvec itself, not the matmul that prompt batches use by default.
            auto kernels = vk::Kernels::create(*ctx_, sharing, vk::Kernels::Prefill::Matvec);
            QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
            kernels_[int(sharing)] = std::move(kernels.value());
        }
    }

    void matchesCpuReference_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("sharing");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols_blocks");
        const std::pair<vk::Kernels::Sharing, const char*> sharings[] = {
            {vk::Kernels::Sharing::Subgroups, "subgroup"},
            {vk::Kernels::Sharing::SharedMemory, "shmem"},
            {vk::Kernels::Sharing::Invocations, "rows"}};
        // The shared-memory variant differs from the subgroup one only in its reduction:
        // a float type, a small-block and two super-block types cover it.
        const GgmlType shmem_types[] = {GgmlType::F16, GgmlType::Q4_0, GgmlType::Q4_K,
                                        GgmlType::Q6_K};
        for (GgmlType type : test::kVulkanTypes) {
            for (auto [sharing, name] : sharings) {
                if (sharing == vk::Kernels::Sharing::SharedMemory &&
                    std::ranges::find(shmem_types, type) == std::end(shmem_types)) {
                    continue;
                }
                // Rows not multiples of anything; 1, 3 and 37 blocks per row (37 * 32 = 1184
                // columns exceed one pass of a workgroup over 32-element units). The float
                // types count blocks of 32: kernels need cols % 32 == 0. One vector, then 11
                // (two batched workgroups of 8) and 2 with bias and residual.
                for (auto [rows, blocks] : {std::pair{1, 1}, {37, 3}, {5, 37}}) {
                    QTest::addRow("%s %s %dx%d blocks", type_name(type).data(), name, rows, blocks)
                        << int(type) << int(sharing) << rows << blocks;
                }
            }
        }
    }

    void matchesCpuReference() {
        QFETCH(int, type);
        QFETCH(int, sharing);
        QFETCH(int, rows);
        QFETCH(int, cols_blocks);
        if (!kernels_[sharing]) {
            QSKIP("device has no subgroup arithmetic in compute shaders");
        }
        const GgmlType t = GgmlType(type);
        const uint32_t cols = uint32_t(cols_blocks) * std::max(traits(t).block_size, 32u);
        // An odd (but even) tensor offset makes every 32-bit read straddle words.
        const bool full = rows > 1;
        uint32_t dispatches = 0;
        run({t, uint32_t(rows), cols, full ? (rows == 37 ? 11u : 2u) : 1u, full, full,
             full ? 38u : 0u},
            *kernels_[sharing], 0, dispatches);
        if (!QTest::currentTestFailed()) {
            QCOMPARE(dispatches, 1u);
        }
    }

    // A binding limit of a few rows: the tensor is bound in many pieces, each at an aligned
    // offset with the remainder passed to the kernel.
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
        uint32_t pieces = 0;
        run({t, 29, cols, 1, true, false, 22}, *kernels_[int(vk::Kernels::Sharing::Invocations)],
            uint64_t(limit), pieces);
        QVERIFY2(pieces > 5, qPrintable(QString::number(pieces)));
    }

    // A real F32 tensor larger than maxStorageBufferRange (only where that range is small
    // enough to allocate, e.g. 128 MiB on lavapipe).
    void tensorLargerThanStorageBufferRange() {
        const uint64_t range = ctx_->info().max_storage_buffer_range;
        if (range > (256ull << 20)) {
            QSKIP("the device's storage buffer range is too large to exceed in a test");
        }
        const uint32_t cols = 4096;
        const uint32_t rows = uint32_t(range / (cols * 4) + 3);
        uint32_t pieces = 0;
        run({GgmlType::F32, rows, cols, 1, false, false, 0},
            *kernels_[int(vk::Kernels::Sharing::Invocations)], 0, pieces);
        QCOMPARE(pieces, 2u);
    }

private:
    // Runs one case (failing the test on a mismatch); `dispatches` receives the number of
    // dispatches (pieces) it took.
    void run(const Case& c, vk::Kernels& kernels, uint64_t limit, uint32_t& dispatches) {
        std::mt19937 rng(c.rows * 131 + c.cols + uint32_t(c.type));
        test::TestMatrix m = test::make_matrix(c.type, c.rows, c.cols, rng);
        const std::vector<float>& decoded = m.decoded;
        std::vector<float> x(size_t(c.n) * c.cols), bias(c.rows), y(size_t(c.n) * c.rows);
        test::fill_normal(rng, {&x, &bias, &y});

        const test::MatrixBuffers b(*ctx_, c.type, c.rows, c.cols, std::move(m.packed), c.offset, x,
                                    bias, y);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(kernels, *batch, limit);
        rec.matvec(b.tensor, {vk::whole(b.x), vk::whole(b.y), c.n, 0, 0, 0,
                              c.bias ? &b.bias_tensor : nullptr, c.accumulate});
        dispatches = batch->dispatches();
        auto recorded = rec.status();
        QVERIFY2(recorded.ok(), recorded.ok() ? "" : recorded.error().message.c_str());
        auto done = batch->submit_and_wait();
        QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());
        const std::vector<float> got = test::read_back<float>(b.y, y.size());

        const uint32_t lanes = kernels.matvec_min_lanes(), wg = kernels.matvec_workgroup();
        const uint32_t units = c.cols / 32;
        const double k = 32.0 * ((units + lanes - 1) / lanes) + wg + 2;
        double worst = 0.0; // as a fraction of the bound
        for (uint32_t v = 0; v < c.n; ++v) {
            for (uint32_t r = 0; r < c.rows; ++r) {
                const size_t o = size_t(v) * c.rows + r;
                const auto [expected, bound] = test::expected_output(
                    &decoded[size_t(r) * c.cols], &x[size_t(v) * c.cols], c.cols,
                    (c.bias ? bias[r] : 0.0) + (c.accumulate ? y[o] : 0.0),
                    (c.bias ? std::abs(bias[r]) : 0.0) + (c.accumulate ? std::abs(y[o]) : 0.0), k);
                const double diff = std::abs(got[o] - expected);
                if (!(diff <= bound)) {
                    QFAIL(qPrintable(QString("row %1 vector %2: gpu %3, cpu %4, bound %5")
                                         .arg(r)
                                         .arg(v)
                                         .arg(got[o], 0, 'g', 9)
                                         .arg(expected, 0, 'g', 9)
                                         .arg(bound)));
                }
                worst = std::max(worst, diff / bound);
            }
        }
        qInfo("%u dispatches, max error %.3f of the bound", dispatches, worst);
    }

    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_[4]; // by Kernels::Sharing
};

QTEST_GUILESS_MAIN(TestVkMatvec)
#include "tst_vk_matvec.moc"
