// The f16 KV cache: kv_store's rounding (bit-exact against the host's round-to-nearest-even),
// and causal grouped-query attention over the cache for decode and prefill, in the subgroup
// and the shared-memory variant, with and without a sliding window or attention sinks
// (gpt-oss), against a double-precision softmax over the same f16 keys and values (the CPU
// backend's attention, CpuSession::attention, computes the same softmax in double). With
// 16-bit value reads (the "_s16" variants, HEARTH_VK_16BIT_KV=1) every case must give the
// packed reads' outputs bit for bit (the same values in the same arithmetic).
//
// Attention tolerance per output element (u = 2^-24), with w_j = p_j / sum p the softmax
// weights, x_j = max_score - s_j and V = max |v|:
//   |gpu - cpu| <= V * (2 sum_j w_j (2 ds + (3 + 2 x_j) 2^-23) + 2 (n_kv + 2 chunks + 4) u)
// ds = (head_dim + 2) u scale max_j sum_d |q_d k_jd| bounds a float32 score's error (it
// enters p_j and the maximum); (3 + 2|x|) ulp is Vulkan's bound for exp; the rescaling
// factors of the online softmax multiply numerator and denominator alike and cancel, up to
// one rounding per chunk; the sums over n_kv positions add one rounding each. A sink s_h is
// one more term of the denominator with no value: exact (no ds), its exp's error weighted by
// its share w_s = exp(s_h - max) / sum, where max and sum include it.
#include "shader_interface.h"
#include "tensor/half.h"
#include "vk_test_device.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_ops.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <random>

using namespace hearth;

namespace {
constexpr double kU = 1.0 / (1 << 24);
}

class TestVkAttention : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HEARTH_OPEN_VULKAN_OR_SKIP(ctx_);
        const vk::DeviceInfo& info = ctx_->info();
        auto plain = vk::Kernels::create(*ctx_); // the device's choice of value reads
        QVERIFY(plain.ok());
        QCOMPARE((*plain)->uses_16bit_kv(),
                 info.features.storage_16bit && info.type != VK_PHYSICAL_DEVICE_TYPE_CPU);
        qputenv("HEARTH_VK_16BIT_KV", "0"); // packed reads, then 16-bit ones below
        auto shmem = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::SharedMemory);
        QVERIFY(shmem.ok());
        shmem_ = std::move(shmem.value());
        if (ctx_->info().subgroup_arithmetic) {
            auto sub = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::Subgroups);
            QVERIFY(sub.ok());
            subgroup_ = std::move(sub.value());
        }
        QVERIFY(!shmem_->uses_16bit_kv());
        QVERIFY(shmem_->describe().find("16-bit value reads") == std::string::npos);
        // The same with 16-bit value reads (the "_s16" shaders), where the device has them.
        qunsetenv("HEARTH_VK_16BIT_KV");
        if (info.features.storage_16bit) {
            qputenv("HEARTH_VK_16BIT_KV", "1");
            auto shmem16 = vk::Kernels::create(*ctx_, vk::Kernels::Sharing::SharedMemory);
            auto sub16 = vk::Kernels::create(*ctx_, ctx_->info().subgroup_arithmetic
                                                        ? vk::Kernels::Sharing::Subgroups
                                                        : vk::Kernels::Sharing::SharedMemory);
            qunsetenv("HEARTH_VK_16BIT_KV");
            QVERIFY(shmem16.ok() && sub16.ok());
            QVERIFY((*shmem16)->uses_16bit_kv() && (*sub16)->uses_16bit_kv());
            QVERIFY((*sub16)->describe().find("16-bit value reads") != std::string::npos);
            shmem_16_ = std::move(shmem16.value());
            subgroup_16_ = std::move(sub16.value());
        }
    }

    // Every f32 -> f16 rounding case: normal values, ties, subnormals, overflow, NaN.
    void kvStoreRoundsToNearestEven() {
        std::mt19937 rng(5);
        std::vector<float> k;
        for (int i = 0; i < 4000; ++i) {
            const float mantissa = std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng);
            k.push_back(std::ldexp(mantissa, int(rng() % 48) - 30)); // 2^-30 .. 2^17
        }
        for (float special :
             {0.0f, -0.0f, 65504.0f, 65519.0f, 65520.0f, -1e9f, 5.96e-8f, 2.98e-8f, 8.9e-8f,
              1.0f + 1.0f / 2048, 1.0f + 3.0f / 2048, std::numeric_limits<float>::quiet_NaN(),
              std::numeric_limits<float>::infinity()}) {
            k.push_back(special);
        }
        k.resize((k.size() + 127) / 128 * 128, 0.5f); // kv_dim 64 x whole tokens
        std::vector<float> v(k.rbegin(), k.rend());
        const uint32_t kv_dim = 64, n = uint32_t(k.size() / kv_dim), pos0 = 3;
        vk::Buffer kb = test::host_buffer(*ctx_, k), vb = test::host_buffer(*ctx_, v);
        std::vector<uint16_t> empty((pos0 + n) * kv_dim, 0);
        vk::Buffer kc = test::host_buffer(*ctx_, empty), vc = test::host_buffer(*ctx_, empty);
        auto batch = vk::Batch::create(*ctx_);
        QVERIFY(batch.ok());
        vk::Recorder rec(*shmem_, *batch);
        rec.kv_store(vk::whole(kb), vk::whole(vb), vk::whole(kc), vk::whole(vc), n, kv_dim, pos0,
                     pos0 + n);
        QVERIFY(batch->submit_and_wait().ok());
        const auto kh = test::read_back<uint16_t>(kc, empty.size());
        const auto vh = test::read_back<uint16_t>(vc, empty.size());
        for (size_t i = 0; i < k.size(); ++i) {
            const size_t at = pos0 * kv_dim + i;
            QVERIFY2(kh[at] == f32_to_f16(k[i]) && vh[at] == f32_to_f16(v[i]),
                     qPrintable(QString("element %1: %2 -> %3, expected %4")
                                    .arg(i)
                                    .arg(k[i])
                                    .arg(kh[at], 4, 16)
                                    .arg(f32_to_f16(k[i]), 4, 16)));
        }
        QCOMPARE(kh[0], uint16_t(0)); // positions before pos0 untouched
    }

    void matchesCpuReference_data() {
        QTest::addColumn<bool>("subgroups");
        QTest::addColumn<int>("head_dim");
        QTest::addColumn<int>("n_head");
        QTest::addColumn<int>("n_head_kv");
        QTest::addColumn<int>("pos0");
        QTest::addColumn<int>("n");
        QTest::addColumn<float>("q_scale");   // large: scores in the hundreds (stable softmax)
        QTest::addColumn<int>("window");      // a sliding layer's (0: none)
        QTest::addColumn<int>("ring");        // cache rows, position j in row j % ring (0: all)
        QTest::addColumn<int>("temp_length"); // attention temperature beta 0.5 (0: none)
        QTest::addColumn<float>("sinks");     // sink logits ~ N(0, sinks^2) per head (0: none)
        for (bool subgroups : {true, false}) {
            const char* v = subgroups ? "subgroup" : "shmem";
            QTest::addRow("%s decode first token", v)
                << subgroups << 64 << 4 << 2 << 0 << 1 << 1.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s decode pos 100 (2 chunks)", v)
                << subgroups << 64 << 4 << 2 << 100 << 1 << 1.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s decode head_dim 40, 6 heads on 1", v)
                << subgroups << 40 << 6 << 1 << 37 << 1 << 1.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s decode head_dim 256, no grouping", v)
                << subgroups << 256 << 3 << 3 << 130 << 1 << 1.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s prefill 9 tokens from 0", v)
                << subgroups << 128 << 4 << 1 << 0 << 9 << 1.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s prefill 7 tokens from 61", v)
                << subgroups << 64 << 8 << 2 << 61 << 7 << 1.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s large scores", v)
                << subgroups << 64 << 2 << 1 << 150 << 2 << 40.0f << 0 << 0 << 0 << 0.0f;
            QTest::addRow("%s window 8, prefill across it", v)
                << subgroups << 64 << 4 << 2 << 3 << 9 << 1.0f << 8 << 0 << 0 << 0.0f;
            QTest::addRow("%s window 70 at pos 200 (2 chunks)", v)
                << subgroups << 128 << 2 << 1 << 200 << 2 << 1.0f << 70 << 0 << 0 << 0.0f;
            QTest::addRow("%s window 8 in a ring of 20, prefill at 97", v)
                << subgroups << 64 << 4 << 2 << 97 << 12 << 1.0f << 8 << 20 << 0 << 0.0f;
            QTest::addRow("%s window 70 in a ring of 73 at pos 300", v)
                << subgroups << 128 << 2 << 1 << 300 << 3 << 1.0f << 70 << 73 << 0 << 0.0f;
            QTest::addRow("%s temperature every 16 positions, prefill across steps", v)
                << subgroups << 64 << 4 << 2 << 10 << 40 << 1.0f << 0 << 0 << 16 << 0.0f;
            // Sinks about as large as the scores, far above them (outputs shrink to almost
            // nothing) or far below (no effect); with gpt-oss's head shapes (8 on 2, 64 wide),
            // its sliding window, and awkward heads and lengths.
            QTest::addRow("%s sinks, decode first token", v)
                << subgroups << 64 << 8 << 2 << 0 << 1 << 1.0f << 0 << 0 << 0 << 1.0f;
            QTest::addRow("%s sinks, decode pos 100 (2 chunks)", v)
                << subgroups << 64 << 8 << 2 << 100 << 1 << 1.0f << 0 << 0 << 0 << 2.0f;
            QTest::addRow("%s sinks far above and below the scores", v)
                << subgroups << 64 << 8 << 2 << 70 << 3 << 1.0f << 0 << 0 << 0 << 30.0f;
            QTest::addRow("%s sinks, head_dim 40, 6 heads on 1, prefill 5 from 37", v)
                << subgroups << 40 << 6 << 1 << 37 << 5 << 1.0f << 0 << 0 << 0 << 1.0f;
            QTest::addRow("%s sinks, 7 heads on 7, prefill 131 from 0 (3 chunks)", v)
                << subgroups << 96 << 7 << 7 << 0 << 131 << 1.0f << 0 << 0 << 0 << 1.0f;
            QTest::addRow("%s sinks, large scores", v)
                << subgroups << 64 << 2 << 1 << 150 << 2 << 40.0f << 0 << 0 << 0 << 20.0f;
            QTest::addRow("%s sinks, window 8 in a ring of 20, prefill at 97", v)
                << subgroups << 64 << 8 << 2 << 97 << 12 << 1.0f << 8 << 20 << 0 << 1.0f;
        }
    }

    void matchesCpuReference() {
        QFETCH(bool, subgroups);
        QFETCH(int, head_dim);
        QFETCH(int, n_head);
        QFETCH(int, n_head_kv);
        QFETCH(int, pos0);
        QFETCH(int, n);
        QFETCH(float, q_scale);
        QFETCH(int, window);
        QFETCH(int, ring);
        QFETCH(int, temp_length);
        QFETCH(float, sinks);
        const float temp_beta = 0.5f;
        if (subgroups && !subgroup_) {
            QSKIP("device has no subgroup arithmetic in compute shaders");
        }
        const uint32_t D = head_dim, H = n_head, KVH = n_head_kv, n_kv = pos0 + n;
        const uint32_t q_dim = H * D, kv_dim = KVH * D;
        std::mt19937 rng(head_dim * 13 + pos0 + n);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        std::vector<float> q(size_t(n) * q_dim);
        for (float& x : q) {
            x = normal(rng) * q_scale;
        }
        // The cache as exact floats for the host, and as f16 bits (what kv_store writes) in
        // rows j % ring: a ring holds only the last positions, later ones overwriting.
        std::vector<double> kf(size_t(n_kv) * kv_dim), vf(kf.size());
        const uint32_t rows = ring > 0 ? uint32_t(ring) : n_kv;
        std::vector<uint16_t> kh(size_t(rows) * kv_dim), vh(kh.size());
        for (size_t i = 0; i < kf.size(); ++i) {
            const size_t row = (i / kv_dim) % rows, at = row * kv_dim + i % kv_dim;
            kh[at] = f32_to_f16(normal(rng));
            vh[at] = f32_to_f16(normal(rng));
            kf[i] = f16_to_f32(kh[at]);
            vf[i] = f16_to_f32(vh[at]);
        }
        std::vector<float> sink(sinks != 0.0f ? H : 0);
        for (float& s : sink) {
            s = normal(rng) * sinks;
        }
        const float scale = 1.0f / std::sqrt(float(D));
        vk::Buffer qb = test::host_buffer(*ctx_, q), kc = test::host_buffer(*ctx_, kh),
                   vc = test::host_buffer(*ctx_, vh);
        vk::Buffer out = test::host_buffer(*ctx_, std::vector<float>(q.size(), 0.0f));
        vk::Buffer sink_buffer = test::host_buffer(*ctx_, sink.empty() ? q : sink);
        auto attend = [&](vk::Kernels& kernels) {
            auto batch = vk::Batch::create(*ctx_);
            QVERIFY(batch.ok());
            vk::Recorder rec(kernels, *batch);
            rec.attention(vk::whole(qb), vk::whole(kc), vk::whole(vc), vk::whole(out),
                          {uint32_t(n), uint32_t(pos0), H, KVH, D, scale, uint32_t(window),
                           temp_beta, uint32_t(temp_length), rows,
                           sink.empty() ? vk::BufferRange{} : vk::whole(sink_buffer)});
            QVERIFY(rec.status().ok());
            auto done = batch->submit_and_wait();
            QVERIFY2(done.ok(), done.ok() ? "" : done.error().message.c_str());
        };
        attend(subgroups ? *subgroup_ : *shmem_);
        const std::vector<float> got = test::read_back<float>(out, q.size());
        // 16-bit value reads: the same values in the same order, so the same bits.
        if (vk::Kernels* s16 = subgroups ? subgroup_16_.get() : shmem_16_.get()) {
            attend(*s16);
            const std::vector<float> got16 = test::read_back<float>(out, q.size());
            QVERIFY(std::memcmp(got16.data(), got.data(), got.size() * sizeof(float)) == 0);
        }

        double worst = 0.0; // as a fraction of the bound
        for (uint32_t t = 0; t < uint32_t(n); ++t) {
            const uint32_t visible = pos0 + t + 1;
            // A sliding layer sees its own position and the window - 1 before it.
            const uint32_t first = window > 0 && visible > uint32_t(window) ? visible - window : 0;
            for (uint32_t h = 0; h < H; ++h) {
                const float* qh = q.data() + size_t(t) * q_dim + h * D;
                // mistral3's temperature: 1 + beta ln(1 + floor(position / length)), computed
                // in float on the device (one more rounding of the scores: in ds below).
                const double temp =
                    temp_length > 0
                        ? 1.0 + temp_beta * std::log(1.0 + double((pos0 + t) / temp_length))
                        : 1.0;
                const size_t kv = size_t(h / (H / KVH)) * D;
                std::vector<double> s(visible);
                double ds = 0.0, max_s = -INFINITY, max_v = 0.0;
                for (uint32_t j = first; j < visible; ++j) {
                    double dot = 0.0, magnitude = 0.0;
                    for (uint32_t d = 0; d < D; ++d) {
                        dot += qh[d] * kf[j * kv_dim + kv + d];
                        magnitude += std::abs(qh[d] * kf[j * kv_dim + kv + d]);
                        max_v = std::max(max_v, std::abs(vf[j * kv_dim + kv + d]));
                    }
                    s[j] = dot * scale * temp;
                    max_s = std::max(max_s, s[j]);
                    ds = std::max(ds, (D + 4) * kU * scale * temp * magnitude);
                }
                double total = 0.0, exp_error = 0.0;
                if (!sink.empty()) { // one more logit, with no value
                    max_s = std::max(max_s, double(sink[h]));
                    total = std::exp(sink[h] - max_s);
                    exp_error = total * (3 + 2 * (max_s - sink[h])) * 2 * kU; // total: its share
                }
                for (uint32_t j = first; j < visible; ++j) {
                    total += std::exp(s[j] - max_s);
                }
                exp_error /= total;
                std::vector<double> o(D, 0.0);
                for (uint32_t j = first; j < visible; ++j) {
                    const double w = std::exp(s[j] - max_s) / total;
                    exp_error += w * (2 * ds + (3 + 2 * (max_s - s[j])) * 2 * kU);
                    for (uint32_t d = 0; d < D; ++d) {
                        o[d] += w * vf[j * kv_dim + kv + d];
                    }
                }
                const double chunks = (visible + 63) / 64;
                const double bound = max_v * (2 * exp_error + 2 * (visible + 2 * chunks + 4) * kU);
                for (uint32_t d = 0; d < D; ++d) {
                    const double g = got[size_t(t) * q_dim + h * D + d];
                    const double diff = std::abs(g - o[d]);
                    if (!(diff <= bound)) {
                        QFAIL(
                            qPrintable(QString("token %1 head %2 dim %3: gpu %4, cpu %5, bound %6")
                                           .arg(t)
                                           .arg(h)
                                           .arg(d)
                                           .arg(g)
                                           .arg(o[d])
                                           .arg(bound)));
                    }
                    worst = std::max(worst, diff / bound);
                }
            }
        }
        qInfo("max error %.3f of the bound", worst);
    }

private:
    std::unique_ptr<vk::Context> ctx_;
    std::unique_ptr<vk::Kernels> subgroup_, shmem_;
    std::unique_ptr<vk::Kernels> subgroup_16_, shmem_16_; // 16-bit value reads
};

QTEST_GUILESS_MAIN(TestVkAttention)
#include "tst_vk_attention.moc"
