// The mixture-of-experts kernels against the CPU reference: the expert-indexed matvec and,
// for prompts, the grouping of slots by expert with the expert-indexed matmul, for every
// weight type (1 to 150 tokens, rows that fill no workgroup, experts with no slots and with
// more than one tile of them, slots that share a token's x or read their own rows, expert
// biases, stacks bound in pieces of whole experts), the
// router's gating and top-k against route_token (every gating, selection bias, exact ties,
// 256 experts), the weighted sum, and gpt-oss's clamped SwiGLU.
//
// Tolerances, from float32 rounding (u = 2^-24):
// - moe_matvec: as tst_vk_matvec (the same sharing of a row): per output
//   (k + 3) u (sum_c |w_c x_c| + |bias|) + 3 u max_c |w_c| sum_c |x_c|, with k = 32 per unit an
//   invocation visits + the workgroup's reduction + 1 for the bias.
// - moe_matmul: as tst_vk_matmul (one invocation's sequential sum over the columns), with
//   k = cols + 2 + 1 for the bias.
//   With f16 tiles (moe_matmul_f16, forced by HEARTH_VK_F16_TILES=1) plus
//   test::f16_tile_bound (one f16 rounding of each operand, see matrix_reference.h).
// - moe_group: exact (the counts and each expert's set of slots).
// - moe_route: the ids must equal the CPU's exactly (ties included: equal logits give equal
//   probabilities on both sides, and both keep the lower index); weights within
//   (3 + 2 |x|max) 2u (exp's bound, x the largest exponent) + n_expert u (the sum) + 4k u
//   (divisions, normalisation, scale) relative.
// - moe_combine: (k + 2) u (sum_j |w_j e_j| + |y|) per output.
// - clamped SwiGLU: exp's bound on 1.702 |g| plus the division and three products.
#include "cpu/ops.h"
#include "matrix_reference.h"
#include "model/moe_routing.h"
#include "vk_test_device.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace hearth;
using test::kU;

namespace {

struct ExpertCase {
    uint32_t n_expert, rows, cols, n, k;
    bool own_rows;          // x_group 1 (the down projection) instead of k
    bool bias;              // expert biases [n_expert][rows]
    uint64_t binding_limit; // 0: the device's
    bool grouped = false;   // moe_group + moe_matmul instead of moe_matvec
};

// gpt-oss's clamped SwiGLU in double (llama.cpp's swiglu_oai, limit 7, alpha 1.702).
double swiglu_oai(double g, double u) {
    const double gc = std::min(g, 7.0), uc = std::clamp(u, -7.0, 7.0);
    return gc / (1.0 + std::exp(-1.702 * gc)) * (uc + 1.0);
}

} // namespace

class TestVkMoe : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        qputenv("HEARTH_VK_F16_TILES", "0"); // f32 tiles unless asked: GPUs default to f16
        auto kernels = vk::Kernels::create(*ctx_);
        QVERIFY2(kernels.ok(), kernels.ok() ? "" : kernels.error().message.c_str());
        kernels_ = std::move(kernels.value());
    }

    void expertMatvecMatchesCpu_data() { test::add_type_rows(); }

    // One token choosing 2 of 5 experts of 67 rows (gate/up: both slots read the token's x);
    // 7 tokens choosing 3, each slot reading its own row (down) with biases; and 7 tokens
    // with a binding limit of two experts, so the stack is bound in three pieces.
    void expertMatvecMatchesCpu() {
        QFETCH(int, type);
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        QCOMPARE(run_experts(t, {5, 67, 2 * block, 1, 2, false, false, 0}), 1u);
        QCOMPARE(run_experts(t, {5, 67, 3 * block, 7, 3, true, true, 0}), 1u);
        const uint64_t two =
            2 * 67 * row_bytes(t, block) + ctx_->info().min_storage_offset_alignment + 8;
        QCOMPARE(run_experts(t, {5, 67, block, 7, 2, false, true, two}), 3u);
    }

    void expertMatmulMatchesCpu_data() { test::add_type_rows(); }

    // The prompt path, with the device's tile and the GPU tile: 150 tokens choosing 2 of 3
    // experts (each expert has more slots than one tile), reading the token's x; 9 tokens
    // choosing 1 of 12 (experts without slots), their own rows and biases; and 40 tokens
    // choosing 2 of 5 with the stack bound in three pieces.
    void expertMatmulMatchesCpu() {
        QFETCH(int, type);
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        const vk::Kernels::MatmulTile gpu_tile;
        auto gpu = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto,
                                       vk::Kernels::Prefill::Matmul, &gpu_tile);
        QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
        for (vk::Kernels* k : {kernels_.get(), gpu->get()}) {
            QCOMPARE(run_experts(t, {3, 67, 2 * block, 150, 2, false, false, 0, true}, *k), 2u);
            QCOMPARE(run_experts(t, {12, 67, 3 * block, 9, 1, true, true, 0, true}, *k), 2u);
            const uint64_t two =
                2 * 67 * row_bytes(t, block) + ctx_->info().min_storage_offset_alignment + 8;
            QCOMPARE(run_experts(t, {5, 67, block, 40, 2, false, true, two, true}, *k), 4u);
        }
    }

    // The same with f16 tiles (the device's tile), 150 tokens choosing 2 of 3 and 9 tokens
    // choosing 1 of 12 with their own rows and biases.
    void expertMatmulF16Tiles_data() { test::add_type_rows(); }

    void expertMatmulF16Tiles() {
        QFETCH(int, type);
        if (!ctx_->info().features.float16) {
            QSKIP("the device has no shaderFloat16");
        }
        qputenv("HEARTH_VK_F16_TILES", "1");
        auto half =
            vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Auto, vk::Kernels::Prefill::Matmul);
        qputenv("HEARTH_VK_F16_TILES", "0");
        QVERIFY2(half.ok(), half.ok() ? "" : half.error().message.c_str());
        QVERIFY((*half)->uses_f16_tiles());
        const GgmlType t = GgmlType(type);
        const uint32_t block = std::max(traits(t).block_size, 32u);
        f16_bound_ = true;
        const uint32_t a =
            run_experts(t, {3, 67, 2 * block, 150, 2, false, false, 0, true}, **half);
        const uint32_t b = run_experts(t, {12, 67, 3 * block, 9, 1, true, true, 0, true}, **half);
        f16_bound_ = false;
        QCOMPARE(a, 2u);
        QCOMPARE(b, 2u);
    }

    // The grouping alone: 256 experts (the most), 200 tokens choosing 8, against a counting
    // sort: each expert's first position and its set of slots.
    void groupMatchesCountingSort() {
        const uint32_t n_expert = 256, n = 200, k = 8, n_slots = n * k;
        std::mt19937 rng(23);
        std::vector<uint32_t> ids(n_slots), order(n_expert);
        for (uint32_t e = 0; e < n_expert; ++e) {
            order[e] = e;
        }
        for (uint32_t t = 0; t < n; ++t) {
            std::shuffle(order.begin(), order.begin() + 40, rng); // a few popular experts
            std::copy_n(order.begin(), k, ids.begin() + ptrdiff_t(t) * k);
        }
        vk::Buffer ib = test::host_buffer(*ctx_, ids);
        vk::Buffer gb = test::host_buffer(*ctx_, std::vector<uint32_t>(n_expert + 1 + n_slots));
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.moe_group(vk::whole(ib), vk::whole(gb), n_slots, n_expert);
        QVERIFY(rec.status().ok());
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<uint32_t> got = test::read_back<uint32_t>(gb, n_expert + 1 + n_slots);
        std::vector<std::vector<uint32_t>> want(n_expert);
        for (uint32_t s = 0; s < n_slots; ++s) {
            want[ids[s]].push_back(s);
        }
        uint32_t first = 0;
        for (uint32_t e = 0; e < n_expert; ++e) {
            QCOMPARE(got[e], first);
            std::vector<uint32_t> list(got.begin() + n_expert + 1 + first,
                                       got.begin() + n_expert + 1 + first + want[e].size());
            std::sort(list.begin(), list.end());
            QVERIFY2(list == want[e], qPrintable(QString("expert %1's slots").arg(e)));
            first += uint32_t(want[e].size());
        }
        QCOMPARE(got[n_expert], n_slots);
    }

    void routeMatchesCpu_data() {
        QTest::addColumn<int>("gating");
        QTest::addColumn<int>("n_expert");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("normalize");
        QTest::addColumn<float>("scale");
        QTest::addColumn<bool>("bias");
        QTest::addColumn<bool>("ties");
        const int softmax = int(ExpertGating::Softmax), sigmoid = int(ExpertGating::Sigmoid),
                  weight = int(ExpertGating::SoftmaxWeight);
        QTest::newRow("qwen3moe: softmax 8 of 128, renormalised")
            << softmax << 128 << 8 << true << 1.0f << false << false;
        QTest::newRow("softmax 2 of 8, ties") << softmax << 8 << 2 << true << 1.0f << false << true;
        QTest::newRow("softmax 1 of 3, scaled")
            << softmax << 3 << 1 << false << 2.5f << false << false;
        QTest::newRow("sigmoid 8 of 256, selection bias, ties")
            << sigmoid << 256 << 8 << true << 2.5f << true << true;
        QTest::newRow("sigmoid 6 of 64, selection bias")
            << sigmoid << 64 << 6 << false << 1.0f << true << false;
        QTest::newRow("gpt-oss: softmax-weight 4 of 32")
            << weight << 32 << 4 << false << 1.0f << false << false;
        QTest::newRow("softmax-weight 4 of 32, ties")
            << weight << 32 << 4 << false << 1.0f << false << true;
        QTest::newRow("all chosen: 8 of 8") << softmax << 8 << 8 << true << 1.0f << false << false;
    }

    // 13 tokens; with ties the logits take only 5 values, so equal scores are everywhere.
    void routeMatchesCpu() {
        QFETCH(int, gating);
        QFETCH(int, n_expert);
        QFETCH(int, k);
        QFETCH(bool, normalize);
        QFETCH(float, scale);
        QFETCH(bool, bias);
        QFETCH(bool, ties);
        const MoeRouting r{uint32_t(n_expert), uint32_t(k), ExpertGating(gating), normalize, scale};
        const uint32_t n = 13, E = r.n_expert, K = r.n_expert_used;
        std::mt19937 rng(uint32_t(n_expert * 31 + k * 7 + gating));
        std::normal_distribution<float> normal(0.0f, 2.0f);
        std::uniform_int_distribution<int> level(-2, 2);
        std::vector<float> logits(size_t(n) * E), sel_bias(bias ? E : 0);
        for (float& v : logits) {
            v = ties ? float(level(rng)) : normal(rng);
        }
        for (float& v : sel_bias) {
            v = ties ? 0.25f * float(level(rng)) : 0.1f * normal(rng);
        }
        vk::Buffer lb = test::host_buffer(*ctx_, logits);
        vk::Buffer bb = test::host_buffer(*ctx_, bias ? sel_bias : std::vector<float>(1));
        vk::Buffer ib = test::host_buffer(*ctx_, std::vector<uint32_t>(size_t(n) * K, ~0u));
        vk::Buffer wb = test::host_buffer(*ctx_, std::vector<float>(size_t(n) * K));
        const vk::GpuTensor bias_tensor{GgmlType::F32, 1, E, E * 4u, &bb, 0};
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.moe_route(vk::whole(lb), bias ? &bias_tensor : nullptr, vk::whole(ib), vk::whole(wb), n,
                      r);
        QVERIFY(rec.status().ok());
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<uint32_t> ids = test::read_back<uint32_t>(ib, size_t(n) * K);
        const std::vector<float> weights = test::read_back<float>(wb, size_t(n) * K);
        double worst = 0.0;
        for (uint32_t t = 0; t < n; ++t) {
            std::vector<float> row(logits.begin() + ptrdiff_t(t) * E,
                                   logits.begin() + ptrdiff_t(t + 1) * E);
            const auto [lo, hi] = std::minmax_element(row.begin(), row.end());
            const double range = double(*hi) - *lo;
            std::vector<ExpertPick> picks(K);
            route_token(r, row, sel_bias, picks);
            const double relative = (3 + 2 * range) * 2 * kU + E * kU + 4 * K * kU;
            for (uint32_t j = 0; j < K; ++j) {
                const size_t s = size_t(t) * K + j;
                QVERIFY2(ids[s] == picks[j].expert,
                         qPrintable(QString("token %1 pick %2: gpu %3, cpu %4")
                                        .arg(t)
                                        .arg(j)
                                        .arg(ids[s])
                                        .arg(picks[j].expert)));
                const double diff = std::abs(double(weights[s]) - picks[j].weight);
                QVERIFY2(diff <= relative * std::abs(picks[j].weight) + 1e-30,
                         qPrintable(QString("token %1 pick %2: weight %3, cpu %4")
                                        .arg(t)
                                        .arg(j)
                                        .arg(weights[s], 0, 'g', 9)
                                        .arg(picks[j].weight, 0, 'g', 9)));
                worst = std::max(worst, diff / (relative * std::abs(picks[j].weight) + 1e-30));
            }
        }
        qInfo("weights within %.3f of the bound", worst);
    }

    // 7 tokens x 3 slots of 300 columns (not a multiple of the workgroup), stored and added
    // to an existing y.
    void combineMatchesCpu() {
        const uint32_t n = 7, k = 3, cols = 300;
        std::mt19937 rng(5);
        std::vector<float> e(size_t(n) * k * cols), w(size_t(n) * k), y(size_t(n) * cols);
        test::fill_normal(rng, {&e, &w, &y});
        for (bool accumulate : {false, true}) {
            vk::Buffer eb = test::host_buffer(*ctx_, e), wb = test::host_buffer(*ctx_, w);
            vk::Buffer yb = test::host_buffer(*ctx_, y);
            auto batch = vk::Batch::create(*ctx_);
            QVERIFY(batch.ok());
            vk::Recorder rec(*kernels_, *batch);
            rec.moe_combine(vk::whole(eb), vk::whole(wb), vk::whole(yb), n, k, cols, accumulate);
            QVERIFY(batch->submit_and_wait().ok());
            const std::vector<float> got = test::read_back<float>(yb, y.size());
            for (uint32_t t = 0; t < n; ++t) {
                for (uint32_t c = 0; c < cols; ++c) {
                    double sum = 0.0, magnitude = 0.0;
                    for (uint32_t j = 0; j < k; ++j) {
                        const double term =
                            double(w[t * k + j]) * e[(size_t(t) * k + j) * cols + c];
                        sum += term;
                        magnitude += std::abs(term);
                    }
                    const double old = accumulate ? y[size_t(t) * cols + c] : 0.0;
                    const double bound = (k + 2) * kU * (magnitude + std::abs(old));
                    QVERIFY2(std::abs(got[size_t(t) * cols + c] - (sum + old)) <= bound,
                             qPrintable(QString("token %1 column %2").arg(t).arg(c)));
                }
            }
        }
    }

    // Gates across both sides of the clamp at 7 (and far beyond), up values beyond +-7.
    void clampedSwigluMatchesReference() {
        const uint32_t count = 2 * 1000 + 9;
        std::mt19937 rng(17);
        std::normal_distribution<float> normal(0.0f, 6.0f);
        std::vector<float> g(count), u(count);
        for (uint32_t i = 0; i < count; ++i) {
            g[i] = i < 5 ? std::array{-100.0f, 100.0f, 7.0f, 6.999f, 0.0f}[i] : normal(rng);
            u[i] = i < 5 ? std::array{-8.0f, 8.0f, 7.5f, -7.5f, 3.0f}[i] : normal(rng);
        }
        vk::Buffer gb = test::host_buffer(*ctx_, g), ub = test::host_buffer(*ctx_, u);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.swiglu_oai(vk::whole(gb), vk::whole(ub), count);
        QVERIFY(batch->submit_and_wait().ok());
        const std::vector<float> got = test::read_back<float>(gb, count);
        for (uint32_t i = 0; i < count; ++i) {
            const double expected = swiglu_oai(g[i], u[i]);
            const double arg = 1.702 * std::abs(std::min(double(g[i]), 7.0));
            const double relative = (3 + 2 * arg) * 2 * kU + 5 * kU + 8 * kU;
            QVERIFY2(std::abs(got[i] - expected) <= relative * std::abs(expected) + 1e-30,
                     qPrintable(QString("%1: swiglu_oai(%2, %3) = %4, expected %5")
                                    .arg(i)
                                    .arg(g[i])
                                    .arg(u[i])
                                    .arg(got[i], 0, 'g', 9)
                                    .arg(expected, 0, 'g', 9)));
        }
    }

    // Routers the kernel cannot hold are a recording error, not a wrong answer.
    void refusesTooManyExperts() {
        vk::Buffer b = test::host_buffer(*ctx_, std::vector<float>(600));
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*kernels_, *batch);
        rec.moe_route(vk::whole(b), nullptr, vk::whole(b), vk::whole(b), 1,
                      {300, 2, ExpertGating::Softmax, true, 1.0f});
        QVERIFY(!rec.status().ok());
        vk::Recorder rec9(*kernels_, *batch);
        rec9.moe_route(vk::whole(b), nullptr, vk::whole(b), vk::whole(b), 1,
                       {64, 9, ExpertGating::Softmax, true, 1.0f});
        QVERIFY(!rec9.status().ok());
    }

private:
    // Runs one expert-matvec case (failing the test on a mismatch); returns the dispatches.
    uint32_t run_experts(GgmlType type, const ExpertCase& c) {
        return run_experts(type, c, *kernels_);
    }

    uint32_t run_experts(GgmlType type, const ExpertCase& c, vk::Kernels& kernels) {
        std::mt19937 rng(c.rows * 131 + c.cols + uint32_t(type) + c.n * 7 + c.k);
        test::TestMatrix m = test::make_matrix(type, c.n_expert * c.rows, c.cols, rng);
        const uint32_t n_slots = c.n * c.k, x_group = c.own_rows ? 1 : c.k;
        const uint32_t x_stride = c.cols + 4, y_stride = c.rows + 3; // padded rows
        std::vector<float> x(size_t(n_slots / x_group) * x_stride),
            bias(size_t(c.n_expert) * c.rows);
        std::vector<float> y(size_t(n_slots) * y_stride, 12345.0f);
        test::fill_normal(rng, {&x, &bias});
        // Each token's k distinct experts, from a shuffled list (the router's guarantee).
        std::vector<uint32_t> ids(n_slots), order(c.n_expert);
        for (uint32_t e = 0; e < c.n_expert; ++e) {
            order[e] = e;
        }
        for (uint32_t t = 0; t < c.n; ++t) {
            std::shuffle(order.begin(), order.end(), rng);
            std::copy_n(order.begin(), c.k, ids.begin() + ptrdiff_t(t) * c.k);
        }
        const test::MatrixBuffers b(*ctx_, type, c.n_expert * c.rows, c.cols, std::move(m.packed),
                                    6, x, bias, y);
        vk::Buffer id_buffer = test::host_buffer(*ctx_, ids);
        const vk::GpuTensor bias_tensor{
            GgmlType::F32, 1, c.n_expert * c.rows, c.n_expert * c.rows * 4u, &b.bias, 0};
        auto batch = vk::Batch::create(*ctx_);
        if (!batch) {
            QTest::qFail(batch.error().message.c_str(), __FILE__, __LINE__);
            return 0;
        }
        vk::Recorder rec(kernels, *batch, c.binding_limit);
        const vk::MoeMatvecIo io{
            vk::whole(b.x), vk::whole(b.y), vk::whole(id_buffer),           n_slots, x_group,
            x_stride,       y_stride,       c.bias ? &bias_tensor : nullptr};
        vk::Buffer groups =
            test::host_buffer(*ctx_, std::vector<uint32_t>(c.n_expert + 1 + n_slots));
        if (c.grouped) {
            rec.moe_group(io.ids, vk::whole(groups), n_slots, c.n_expert);
            rec.moe_matmul(b.tensor, c.n_expert, io, vk::whole(groups), c.n);
        } else {
            rec.moe_matvec(b.tensor, c.n_expert, io);
        }
        const uint32_t dispatches = batch->dispatches();
        auto recorded = rec.status();
        auto done = recorded.ok() ? batch->submit_and_wait() : recorded;
        if (!done) {
            QTest::qFail(done.error().message.c_str(), __FILE__, __LINE__);
            return 0;
        }
        const std::vector<float> got = test::read_back<float>(b.y, y.size());
        const uint32_t units = c.cols / 32, lanes = kernels.matvec_min_lanes();
        const double k =
            c.grouped ? c.cols + 3.0
                      : 32.0 * ((units + lanes - 1) / lanes) + kernels.matvec_workgroup() + 1;
        double worst = 0.0;
        for (uint32_t s = 0; s < n_slots; ++s) {
            const uint32_t e = ids[s];
            for (uint32_t r = 0; r < y_stride; ++r) {
                const size_t o = size_t(s) * y_stride + r;
                if (r >= c.rows) { // padding stays untouched
                    if (got[o] != y[o]) {
                        QTest::qFail(
                            qPrintable(QString("slot %1: padding %2 written").arg(s).arg(r)),
                            __FILE__, __LINE__);
                        return dispatches;
                    }
                    continue;
                }
                const double extra = c.bias ? bias[size_t(e) * c.rows + r] : 0.0;
                auto [want, bound] = test::expected_output(
                    &m.decoded[(size_t(e) * c.rows + r) * c.cols],
                    &x[size_t(s / x_group) * x_stride], c.cols, extra, std::abs(extra), k);
                const double diff = std::abs(got[o] - want);
                if (f16_bound_) {
                    bound += test::f16_tile_bound(&m.decoded[(size_t(e) * c.rows + r) * c.cols],
                                                  &x[size_t(s / x_group) * x_stride], c.cols, k);
                }
                if (!(diff <= bound)) {
                    QTest::qFail(qPrintable(QString("slot %1 (expert %2) row %3: gpu %4, cpu %5")
                                                .arg(s)
                                                .arg(e)
                                                .arg(r)
                                                .arg(got[o], 0, 'g', 9)
                                                .arg(want, 0, 'g', 9)),
                                 __FILE__, __LINE__);
                    return dispatches;
                }
                worst = std::max(worst, diff / bound);
            }
        }
        qInfo(
            "%s %u experts of %ux%u, %u tokens x %u%s: %u dispatches, max error %.3f of the bound",
            type_name(type).data(), c.n_expert, c.rows, c.cols, c.n, c.k,
            c.grouped ? (kernels.moe_tile().bm == 64 ? " (GPU tile)"
                         : kernels.uses_f16_tiles()  ? " (device tile, f16)"
                                                     : " (device tile)")
                      : "",
            dispatches, worst);
        return dispatches;
    }

    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> kernels_;
    bool f16_bound_ = false; // run_experts adds test::f16_tile_bound
};

QTEST_GUILESS_MAIN(TestVkMoe)
#include "tst_vk_moe.moc"
