// Partial offload (split_session.h): the first N layers on Vulkan, the rest on the fast CPU
// backend, for N = 0, 1, L/2, L - 1 and L on dense, mixture-of-experts and sliding-window
// models; the automatic N from a memory budget; the upload's progress, through staging and
// written in place.
//
// References, each run beside the split session on the same tokens:
// - N = 0 is the fast CPU session and N = L the plain Vulkan session: logits bit for bit.
// - 0 < N < L against both whole-model sessions. With float weights (F32, F16) the two
//   backends compute the same products in float32 with an f16 KV cache; they differ by
//   summation order (~1e-5 of the logit range, tst_vk_session) and, rarely, by a cached key or
//   value rounding one f16 step (2^-11) apart, which moves logits by up to about one step of
//   their range: the bound is tst_vk_session's 5e-4 of the range. The split takes its first
//   layers from one side and its last from the other, and hands the residual stream over in
//   float32 unchanged, so what separates it from either side is part of what separates the
//   two whole models: within their distance D, measured in the same run (N = 0 against
//   Vulkan), plus that one f16 step. D itself is held to 2 steps (1e-3): gpt-oss, whose
//   sliding rings and sinks meet more rounding boundaries, measures 7.5e-4 on lavapipe, the
//   others below 1e-4. Greedy tokens equal the CPU's.
// - Quantized weights (tiny-llama Q8_0): the CPU multiplies with 8-bit activations, 5% of the
//   range from the float reference (tst_cpu_forward), Vulkan 5e-4: a split within 5.05% of
//   either side; tokens are printed, not compared (8-bit rounding may swap a near tie).
#include "fast/fast_session.h"
#include "split_session.h"
#include "synthetic_model.h"
#include "vk_test_device.h"
#include "vulkan/vk_offload.h"
#include "vulkan/vk_session.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace hearth;

namespace {

constexpr double kFloatTolerance = 5e-4;
constexpr double kQuantTolerance = 0.0505;

// max |got - want| / max |want| over every compared position.
struct Difference {
    double worst = 0.0;
    double scale = 0.0;

    void add(std::span<const float> want, std::span<const float> got) {
        double range = 0.0, diff = 0.0;
        for (size_t i = 0; i < want.size(); ++i) {
            range = std::max(range, std::abs(double(want[i])));
            diff = std::max(diff, std::abs(double(got[i]) - want[i]));
        }
        scale = std::max(scale, range);
        worst = std::max(worst, diff / range);
    }
};

Token argmax(std::span<const float> logits) {
    return Token(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

struct Loaded {
    std::vector<std::byte> bytes; // synthetic models: the views point into these
    std::unique_ptr<Model> model;
};

Loaded load(const QString& name) {
    Loaded out;
    if (name.startsWith("synthetic ")) {
        test::SyntheticSpec spec;
        spec.architecture = name.mid(10).toStdString();
        spec.n_layer = 4;
        out.bytes = test::make_synthetic_model(spec);
        auto file = gguf::File::parse(out.bytes, "synthetic.gguf");
        if (file) {
            auto model = Model::from_file(std::move(file.value()));
            if (model) {
                out.model = std::move(model.value());
            }
        }
        return out;
    }
    auto model = Model::load(std::string(HEARTH_MODELS_DIR) + "/tiny/" + name.toStdString());
    if (model) {
        out.model = std::move(model.value());
    }
    return out;
}

} // namespace

class TestVkOffload : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        std::unique_ptr<vk::Context> probe;
        HEARTH_OPEN_VULKAN_OR_SKIP(probe);
        probe.reset();
        auto device = vk::Device::open();
        QVERIFY2(device.ok(), device.ok() ? "" : device.error().message.c_str());
        device_ = std::move(device.value());
    }

    void splitMatchesWhole_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("quantized");
        QTest::newRow("llama F32") << "synthetic llama" << false;
        QTest::newRow("qwen3moe F32") << "synthetic qwen3moe" << false;
        QTest::newRow("gpt-oss F32 (sliding)") << "synthetic gpt-oss" << false;
        QTest::newRow("tiny-llama F16") << "tiny-llama-F16.gguf" << false;
        QTest::newRow("tiny-qwen3 Q8_0") << "tiny-qwen3-Q8_0.gguf" << true;
    }

    // N layers on the GPU, chosen by the plan from a budget made to hold exactly them.
    // A 100-token prompt in prompt_batch() pieces, 16 tokens one by one (the CPU's greedy
    // choices, fed to every session alike), then back to position 60 and the rest again as a
    // prompt (prefix reuse; gpt-oss's window-8 rings make both sides forget to the same place).
    void splitMatchesWhole() {
        QFETCH(QString, model);
        QFETCH(bool, quantized);
        Loaded loaded = load(model);
        if (!loaded.model && !model.startsWith("synthetic")) {
            QSKIP("the tiny models are not in HEARTH_MODELS_DIR");
        }
        QVERIFY(loaded.model);
        const Model& m = *loaded.model;
        const uint32_t L = m.config.n_layer, n_ctx = 160;
        SessionOptions options;
        options.n_ctx = n_ctx;
        options.threads = 2;
        auto cpu = fast::FastSession::create(m, n_ctx, 2);
        vk::VulkanOptions whole;
        whole.n_ctx = n_ctx;
        auto gpu = vk::VulkanSession::create(m, device_, whole);
        QVERIFY(cpu.ok() && gpu.ok());

        std::vector<Token> prompt(100);
        for (size_t i = 0; i < prompt.size(); ++i) {
            prompt[i] = Token((i * 97 + 5) % m.config.n_vocab);
        }
        std::vector<uint32_t> counts{0u, 1u, L / 2, L - 1, L};
        counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
        double whole_distance = 0.0; // D: the whole CPU against the whole Vulkan model
        const vk::VulkanOptions defaults;
        const vk::OffloadSizes sizes = vk::offload_sizes(
            device_->context->info(), m, n_ctx,
            m.config.moe.n_expert > 0 ? defaults.moe_max_batch : defaults.max_batch);
        for (uint32_t n : counts) {
            // N from an artificially small budget: the front and n layers (and the head with
            // every layer), plus the tenth the plan keeps free; none when not even the front.
            uint64_t needed = n == 0 ? sizes.front / 2 : sizes.front;
            for (uint32_t l = 0; l < n; ++l) {
                needed += sizes.layers[l];
            }
            needed += n == L ? sizes.head : 0;
            options.vulkan_budget = needed * 10 / 9 + 10;
            auto split = create_offloaded_session(m, options, device_);
            QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
            Session& s = **split;
            const BackendDescription d = s.backend_description();
            QCOMPARE(d.kind, std::string(n == 0 ? "cpu" : "vulkan"));
            QCOMPARE(d.split(), n != 0 && n != L);
            QCOMPARE(d.gpu_layers, d.split() ? n : 0u);
            if (d.split()) {
                QCOMPARE(d.n_layers, L);
            }
            (*cpu)->truncate(0);
            (*gpu)->truncate(0);
            Difference to_cpu, to_gpu;
            bool exact = true;
            std::vector<Token> tokens, cpu_tokens;
            auto compare = [&](std::span<const float> got, std::span<const float> c,
                               std::span<const float> g) {
                to_cpu.add(c, got);
                to_gpu.add(g, got);
                const std::span<const float> own = n == 0 ? c : g;
                exact = exact && std::equal(got.begin(), got.end(), own.begin());
                tokens.push_back(argmax(got));
                cpu_tokens.push_back(argmax(c));
            };
            auto run = [&](std::span<const Token> piece) {
                auto got = s.eval_batch(piece);
                auto c = (*cpu)->eval_batch(piece);
                auto g = (*gpu)->eval_batch(piece);
                QVERIFY2(got.ok(), got.ok() ? "" : got.error().message.c_str());
                QVERIFY(c.ok() && g.ok());
                compare(*got, *c, *g);
            };
            for (size_t at = 0; at < prompt.size(); at += s.prompt_batch()) {
                run(std::span(prompt).subspan(
                    at, std::min<size_t>(s.prompt_batch(), prompt.size() - at)));
            }
            Token next = cpu_tokens.back();
            for (int i = 0; i < 16; ++i) {
                run(std::span(&next, 1));
                next = cpu_tokens.back();
            }
            s.truncate(60);
            (*cpu)->truncate(60);
            (*gpu)->truncate(60);
            QCOMPARE(s.n_past(), (*cpu)->n_past());
            QCOMPARE(s.n_past(), (*gpu)->n_past());
            const uint32_t resume = s.n_past();
            run(std::span(prompt).subspan(resume));
            QCOMPARE(s.n_past(), uint32_t(prompt.size()));

            qInfo("N = %u of %u: to the CPU %.2e, to Vulkan %.2e of the range", n, L, to_cpu.worst,
                  to_gpu.worst);
            QVERIFY(to_cpu.scale > 0.5);
            if (n == 0 || n == L) {
                QVERIFY2(exact, "N = 0 and N = L are the plain sessions: logits bit for bit");
            }
            if (n == 0) {
                whole_distance = to_gpu.worst;
                QVERIFY2(quantized || whole_distance <= 2 * kFloatTolerance,
                         qPrintable(QString::number(whole_distance)));
            }
            const double bound = quantized ? kQuantTolerance : whole_distance + kFloatTolerance;
            QVERIFY2(to_cpu.worst <= bound || n == L, qPrintable(QString::number(to_cpu.worst)));
            QVERIFY2(to_gpu.worst <= bound || n == 0, qPrintable(QString::number(to_gpu.worst)));
            if (!quantized) {
                QCOMPARE(tokens, cpu_tokens);
            }
        }
    }

    // Hand-computed: front 100, layers 30 each, head 50 (bytes); a tenth of the budget stays
    // free. Budget 300: usable 270 = 100 + 4 * 30 + 50, everything. Budget 299: usable 270
    // (299 - 29) still. Budget 280: usable 252: 4 layers fit (220) but not the head (270), so
    // 3. Budget 200: usable 180: 100 + 2 * 30 = 160, a third would make 190: 2. Budget 110:
    // usable 99 < 100: 0.
    void layersFromBudget() {
        vk::OffloadSizes sizes{100, 50, {30, 30, 30, 30}};
        QCOMPARE(vk::layers_that_fit(sizes, 300), 4u);
        QCOMPARE(vk::layers_that_fit(sizes, 299), 4u);
        QCOMPARE(vk::layers_that_fit(sizes, 280), 3u);
        QCOMPARE(vk::layers_that_fit(sizes, 200), 2u);
        QCOMPARE(vk::layers_that_fit(sizes, 110), 0u);
        // Uneven layers: the plan stops at the first that does not fit.
        vk::OffloadSizes uneven{10, 5, {20, 60, 10}};
        QCOMPARE(vk::layers_that_fit(uneven, 100), 2u); // usable 90: 10 + 20 + 60, not + 10
        QCOMPARE(vk::layers_that_fit(uneven, 50), 1u);  // usable 45: 10 + 20
    }

    // The plan's sizes of a real session cover what it allocates (never under), within 5%.
    // A budget holding exactly the front and two layers (plus the tenth kept free) gives two
    // layers on the device; HEARTH_VK_BUDGET_MB lowers the device's own budget.
    void budgetChoosesLayers() {
        Loaded loaded = load("synthetic llama");
        QVERIFY(loaded.model);
        const Model& m = *loaded.model;
        const vk::DeviceInfo& info = device_->context->info();
        const vk::OffloadSizes sizes = vk::offload_sizes(info, m, 128, 64);
        QCOMPARE(sizes.layers.size(), size_t(4));
        const uint64_t two = sizes.front + sizes.layers[0] + sizes.layers[1];
        SessionOptions options;
        options.n_ctx = 128;
        options.threads = 2;
        options.vulkan_budget = two * 10 / 9 + 10;
        auto split = create_offloaded_session(m, options, device_);
        QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
        QCOMPARE((*split)->backend_description().gpu_layers, 2u);
        QCOMPARE((*split)->backend_name(), "vulkan (" + info.name + "), 2 of 4 layers");
        const auto& front = static_cast<SplitSession&>(**split).front();
        QVERIFY2(front.device_bytes() <= two && front.device_bytes() * 1.05 >= two,
                 qPrintable(QString("%1 vs %2").arg(front.device_bytes()).arg(two)));
        // A whole session against front + every layer + head.
        options.vulkan_budget = 0;
        options.gpu_layers = 4;
        auto whole = create_offloaded_session(m, options, device_);
        QVERIFY(whole.ok());
        uint64_t all = sizes.front + sizes.head;
        for (uint64_t l : sizes.layers) {
            all += l;
        }
        const uint64_t used = static_cast<vk::VulkanSession&>(**whole).device_bytes();
        QVERIFY2(used <= all && used * 1.05 >= all,
                 qPrintable(QString("%1 vs %2").arg(used).arg(all)));

        // Unified memory (lavapipe is the CPU itself): the weights were written in place.
        QCOMPARE(static_cast<vk::VulkanSession&>(**whole).uploaded_in_place(),
                 device_->context->unified_memory());
        if (info.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
            QVERIFY(device_->context->unified_memory());
        }
        // The free memory VK_EXT_memory_budget reports: some, and no more than the heaps hold.
        const uint64_t own = vk::offload_budget(*device_->context);
        QVERIFY(own > (uint64_t(1) << 20) && own <= info.device_local_bytes);
        qputenv("HEARTH_VK_BUDGET_MB", "1");
        QCOMPARE(vk::offload_budget(*device_->context), uint64_t(1) << 20);
        QCOMPARE(vk::offload_budget(*device_->context, 4096), uint64_t(4096));
        qputenv("HEARTH_VK_BUDGET_MB", "not a number");
        QCOMPARE(vk::offload_budget(*device_->context), own);
        qunsetenv("HEARTH_VK_BUDGET_MB");
        // Not even the front fits: the CPU runs everything.
        options.gpu_layers = -1;
        options.vulkan_budget = sizes.front / 2;
        auto none = create_offloaded_session(m, options, device_);
        QVERIFY(none.ok());
        QCOMPARE((*none)->backend_description().kind, std::string("cpu"));
    }

    // Through the staging buffer and written in place, in 32 KiB pieces: reports rise to the
    // total, which is the uploaded layers' bytes only when split.
    void uploadProgressReachesTotal_data() {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("layers");
        QTest::newRow("staging, whole") << int(vk::UploadOptions::Path::Staging) << 4;
        QTest::newRow("in place, whole") << int(vk::UploadOptions::Path::Direct) << 4;
        QTest::newRow("staging, 2 layers") << int(vk::UploadOptions::Path::Staging) << 2;
        QTest::newRow("in place, 2 layers") << int(vk::UploadOptions::Path::Direct) << 2;
    }

    void uploadProgressReachesTotal() {
        QFETCH(int, path);
        QFETCH(int, layers);
        Loaded loaded = load("synthetic qwen3moe");
        QVERIFY(loaded.model);
        std::vector<std::pair<uint64_t, uint64_t>> reports;
        vk::UploadOptions options;
        options.staging_bytes = 32768;
        options.layers = uint32_t(layers);
        options.path = vk::UploadOptions::Path(path);
        options.progress = [&](uint64_t done, uint64_t total) {
            reports.emplace_back(done, total);
        };
        auto gpu = vk::upload_weights(*device_->context, loaded.model->weights, options);
        QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
        QCOMPARE(gpu->direct, path == int(vk::UploadOptions::Path::Direct));
        QCOMPARE(gpu->layers.size(), size_t(layers));
        QCOMPARE(gpu->output.present(), layers == 4);
        QVERIFY(reports.size() > 10);
        for (size_t i = 1; i < reports.size(); ++i) {
            QVERIFY(reports[i].first > reports[i - 1].first);
            QCOMPARE(reports[i].second, reports[0].second);
        }
        QCOMPARE(reports.back().first, reports.back().second);
        QCOMPARE(int(reports.back().first * 100 / reports.back().second), 100); // the app's %
        // The payload is what was uploaded: the embedding, `layers` layers and the head when
        // whole, each a little under its place (alignment, 16 spare bytes).
        const vk::WeightBytes bytes =
            vk::weight_bytes(device_->context->info(), loaded.model->weights);
        uint64_t placed = bytes.embedding + (layers == 4 ? bytes.head : 0);
        for (int l = 0; l < layers; ++l) {
            placed += bytes.layers[size_t(l)];
        }
        QCOMPARE(gpu->device_bytes, placed);
        QVERIFY(reports.back().second <= placed && reports.back().second + 64 * 200 > placed);
        // The bytes arrived: a matrix of the last uploaded layer, read back.
        const vk::GpuTensor& down = gpu->layers.back().down_exps;
        const std::span<const std::byte> want =
            loaded.model->weights.layers[size_t(layers - 1)].down_exps.data;
        vk::Buffer back = test::host_buffer(*device_->context, std::vector<std::byte>(want.size()));
        const VkBufferCopy region{down.offset, 0, want.size()};
        QVERIFY(vk::copy_buffer(*device_->context, *down.buffer, back, {&region, 1}).ok());
        QVERIFY(std::memcmp(back.mapped().data(), want.data(), want.size()) == 0);
    }

    // A session's load reports the same way, once at least, ending at its total.
    void sessionLoadReportsProgress() {
        Loaded loaded = load("synthetic llama");
        QVERIFY(loaded.model);
        SessionOptions options;
        options.n_ctx = 64;
        options.threads = 2;
        options.gpu_layers = 2;
        uint64_t last = 0, total = 0;
        bool rising = true;
        options.load_progress = [&](uint64_t done, uint64_t all) {
            rising = rising && done > last;
            last = done;
            total = all;
        };
        auto s = create_offloaded_session(*loaded.model, options, device_);
        QVERIFY(s.ok());
        QVERIFY(rising && total > 0 && last == total);
    }

    // A front session takes no tokens for logits, a back session no tokens at all: errors.
    void partsRefuseWholeModelCalls() {
        Loaded loaded = load("synthetic llama");
        QVERIFY(loaded.model);
        vk::VulkanOptions options;
        options.n_ctx = 32;
        options.layers = 1;
        auto front = vk::VulkanSession::create(*loaded.model, device_, options);
        QVERIFY(front.ok());
        QVERIFY(!(*front)->eval(1).ok());
        QVERIFY(!(*front)->eval_greedy(1).ok());
        QVERIFY((*front)->eval_hidden(std::vector<Token>{1, 2}).ok());
        QCOMPARE((*front)->n_past(), 2u);
        auto back = fast::FastSession::create(*loaded.model, 32, 2, nullptr, 1);
        QVERIFY(back.ok());
        QVERIFY(!(*back)->eval(1).ok());
        QVERIFY(!(*back)->eval_hidden(std::vector<float>(7)).ok()); // not whole states
        QVERIFY(!fast::FastSession::create(*loaded.model, 32, 2, nullptr, 4).ok());
    }

private:
    std::shared_ptr<vk::Device> device_;
};

QTEST_GUILESS_MAIN(TestVkOffload)
#include "tst_vk_offload.moc"
