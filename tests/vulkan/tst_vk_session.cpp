// The whole forward pass on Vulkan against the CPU reference: synthetic models of every
// architecture x tensor type (32 prompt tokens, half as one prefill batch and half one by
// one, then 32 greedily decoded tokens), and the trained tiny llama's greedy text.
//
// Two CPU references run beside Vulkan: the plain one (float32 KV cache) and one that rounds
// keys and values to f16 as they enter its cache, as Vulkan stores them.
// Against the f16-cache CPU: |vulkan - cpu| <= kSameCacheTolerance * max |cpu logit|. What
// remains is float32 summation order (each matvec within ~40 u of sum |w x|, u = 2^-24, see
// tst_vk_matvec; a prompt's matmul sums a row in sequence, within cols u in the worst case and
// measured well below, see tst_vk_matmul: ~1e-5 of the range after the dozen products and
// norms on a logit's path)
// and its consequence at the cache: a key or value whose float32 value lies that close to an
// f16 rounding boundary rounds one f16 step (2^-11 = 4.9e-4 relative) apart on the two
// sides. A few such elements occur per run, and one moves the logits by at most about one
// step of their range, so the tolerance is one step: 5e-4 (measured on lavapipe: up to 1.4e-4;
// F32 models, whose runs happen to have no such element, 1e-5).
// Against the plain CPU: kPlainTolerance = 1% of the range. f16 rounding of every key and
// value (up to 2^-11 = 4.9e-4 relative each) moves attention outputs by up to about that
// fraction and the logits, through two layers of residual stream and norms, by a few times
// it; 1% is ~10x that, while a wrong rotation, norm, bias or head mapping moves logits by
// tens of percent.
// Greedy tokens must equal the f16-cache CPU's; the smallest top-2 logit gap of its decoding
// is printed beside the largest absolute logit difference, to show how near a tie came.
#include "cpu/cpu_session.h"
#include "synthetic_model.h"
#include "text/tokenizer.h"
#include "vk_test_device.h"
#include "vulkan/vk_session.h"

#include <QFile>
#include <algorithm>
#include <cmath>

using namespace hearth;

namespace {

constexpr double kSameCacheTolerance = 5e-4;
constexpr double kPlainTolerance = 1e-2;

// max |vulkan - cpu| / max |cpu logit| over the compared positions.
struct Difference {
    double worst = 0.0;
    double worst_abs = 0.0;
    bool degenerate = false; // a reference with all logits below 0.5

    void add(std::span<const float> want, std::span<const float> got) {
        double scale = 0.0, diff = 0.0;
        for (size_t i = 0; i < want.size(); ++i) {
            scale = std::max(scale, std::abs(double(want[i])));
            diff = std::max(diff, std::abs(double(got[i]) - want[i]));
        }
        degenerate = degenerate || scale < 0.5;
        worst = std::max(worst, diff / scale);
        worst_abs = std::max(worst_abs, diff);
    }
};

Token argmax(std::span<const float> logits) {
    return Token(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

// Top-1 minus top-2 logit.
double margin(std::span<const float> logits) {
    std::vector<float> v(logits.begin(), logits.end());
    std::partial_sort(v.begin(), v.begin() + 2, v.end(), std::greater<>());
    return double(v[0]) - v[1];
}

} // namespace

class TestVkSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        std::unique_ptr<vk::Context> probe;
        HEARTH_OPEN_VULKAN_OR_SKIP(probe);
        probe.reset();
        // f32 prompt tiles (the tolerances above) unless a case asks for f16 ones: GPUs
        // default to f16.
        qputenv("HEARTH_VK_F16_TILES", "0");
        auto device = vk::Device::open();
        QVERIFY2(device.ok(), device.ok() ? "" : device.error().message.c_str());
        device_ = std::move(device.value());
    }

    void llamaMatchesCpu_data() { types(); }
    void llamaMatchesCpu() { matches("llama", device_); }
    void qwen2MatchesCpu_data() { types(); }
    void qwen2MatchesCpu() { matches("qwen2", device_); }
    void qwen3MatchesCpu_data() { types(); }
    void qwen3MatchesCpu() { matches("qwen3", device_); }
    // A mixture of 8 experts, 2 chosen per token, the stacks in each type (router F32).
    void qwen3moeMatchesCpu_data() { types(); }
    void qwen3moeMatchesCpu() { matches("qwen3moe", device_); }
    // Sinks, every bias, the clamped SwiGLU, alternating windows (8: the prompt outgrows it),
    // YaRN and softmax-weight gating.
    void gptossMatchesCpu_data() { types(); }
    void gptossMatchesCpu() { matches("gpt-oss", device_); }

    // An expert larger than one binding is refused when the session is made, with the reason.
    void expertLargerThanBindingRefused() {
        test::SyntheticSpec spec;
        spec.architecture = "qwen3moe";
        spec.type = GgmlType::Q8_0;
        const std::vector<std::byte> bytes = test::make_synthetic_model(spec); // viewed by file
        auto file = gguf::File::parse(bytes, "synthetic.gguf");
        QVERIFY(file.ok());
        auto model = Model::from_file(std::move(file.value()));
        QVERIFY(model.ok());
        vk::VulkanOptions options{64, 16};
        options.binding_limit = 20000; // an expert is 256 x 256 Q8_0: 69632 bytes
        auto gpu = vk::VulkanSession::create(**model, device_, options);
        QVERIFY(!gpu.ok());
        QVERIFY2(gpu.error().message.find("expert of 69632 bytes") != std::string::npos,
                 gpu.error().message.c_str());
    }

    // The default device shares matvec rows as its type suggests (one row per invocation on
    // lavapipe); the other two ways, end to end on one model each; and prompt batches through
    // the batched matvec instead of the tiled matmul.
    void otherSharingMatchesCpu_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("sharing");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<int>("prefill");
        QTest::newRow("subgroups llama Q4_K")
            << int(GgmlType::Q4_K) << int(vk::Kernels::Sharing::Subgroups) << "llama"
            << int(vk::Kernels::Prefill::Auto);
        QTest::newRow("shared memory qwen3 Q6_K")
            << int(GgmlType::Q6_K) << int(vk::Kernels::Sharing::SharedMemory) << "qwen3"
            << int(vk::Kernels::Prefill::Auto);
        // Prompts through the batched matvec instead of the tiled matmul (HEARTH_VK_PREFILL).
        QTest::newRow("matvec prefill qwen2 Q4_0")
            << int(GgmlType::Q4_0) << int(vk::Kernels::Sharing::Auto) << "qwen2"
            << int(vk::Kernels::Prefill::Matvec);
    }

    void otherSharingMatchesCpu() {
        QFETCH(int, sharing);
        QFETCH(QString, arch);
        QFETCH(int, prefill);
        const auto how = vk::Kernels::Sharing(sharing);
        if (how == vk::Kernels::Sharing::Subgroups &&
            !device_->context->info().subgroup_arithmetic) {
            QSKIP("device has no subgroup arithmetic in compute shaders");
        }
        auto device = vk::Device::open({}, {}, how, vk::Kernels::Prefill(prefill));
        QVERIFY(device.ok());
        matches(arch.toStdString(), *device);
    }

    // A decode step is recorded once and replayed at every later position (only the position
    // word changes): its logits equal, bit for bit, those of a session that records every
    // step afresh (HEARTH_VK_REPLAY=0), across a sliding window's ring wrapping (gpt-oss:
    // sliding layers, sinks, experts) and after a truncation.
    void decodeReplayMatchesRecorded() {
        test::SyntheticSpec spec;
        spec.architecture = "gpt-oss";
        spec.type = GgmlType::Q8_0;
        const std::vector<std::byte> bytes = test::make_synthetic_model(spec);
        auto file = gguf::File::parse(bytes, "synthetic.gguf");
        QVERIFY(file.ok());
        auto model = Model::from_file(std::move(file.value()));
        QVERIFY(model.ok());
        auto replayed = vk::VulkanSession::create(**model, device_, {64, 16});
        qputenv("HEARTH_VK_REPLAY", "0");
        auto recorded = vk::VulkanSession::create(**model, device_, {64, 16});
        qunsetenv("HEARTH_VK_REPLAY");
        QVERIFY(replayed.ok() && recorded.ok());
        QCOMPARE((*replayed)->backend_details(), device_->kernels->describe()); // hearth-cli's
        const std::vector<Token> prompt{1, 5, 9, 14, 3, 7, 2, 8, 11, 4};
        for (auto* s : {&*replayed, &*recorded}) {
            QVERIFY((*s)->eval_batch(prompt).ok());
        }
        Token next = 6;
        for (int i = 0; i < 30; ++i) {
            if (i == 10) { // back from position 30 to 20: the replay continues from there
                (*replayed)->truncate(20);
                (*recorded)->truncate(20);
            }
            auto a = (*replayed)->eval(next);
            QVERIFY(a.ok());
            const std::vector<float> want(a->begin(), a->end());
            auto b = (*recorded)->eval(next);
            QVERIFY(b.ok());
            QVERIFY2(std::equal(want.begin(), want.end(), b->begin()),
                     qPrintable(QString("step %1").arg(i)));
            auto greedy_a = (*replayed)->eval_greedy(next),
                 greedy_b = (*recorded)->eval_greedy(next);
            QVERIFY(greedy_a.ok() && greedy_b.ok());
            QCOMPARE(*greedy_a, *greedy_b);
            next = Token((*greedy_a + i) % int((*model)->config.n_vocab));
        }
        QCOMPARE((*replayed)->n_past(), (*recorded)->n_past());
        QCOMPARE((*replayed)->n_past(), 60u);     // 10 + 20 steps, back to 20, 20 more steps
        QCOMPARE((*replayed)->recordings(), 2u);  // the prompt, then the decode step once
        QCOMPARE((*recorded)->recordings(), 61u); // the prompt, then each of 60 steps
    }

    // Prompt pieces replay a recording per token count too: a full piece, a ragged last one
    // and pieces of other sizes, bit for bit equal to pieces recorded afresh
    // (HEARTH_VK_REPLAY=0), on a dense llama and on gpt-oss (sliding windows of 8 whose ring
    // the pieces wrap, sinks, experts). Nine sizes pass through the six kept recordings: the
    // least recently used are dropped and recorded again when they return.
    void prefillReplayMatchesRecorded_data() {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<int>("type");
        QTest::newRow("llama Q4_0") << "llama" << int(GgmlType::Q4_0);
        QTest::newRow("gpt-oss Q8_0") << "gpt-oss" << int(GgmlType::Q8_0);
    }

    void prefillReplayMatchesRecorded() {
        QFETCH(QString, arch);
        QFETCH(int, type);
        test::SyntheticSpec spec;
        spec.architecture = arch.toStdString();
        spec.type = GgmlType(type);
        const std::vector<std::byte> bytes = test::make_synthetic_model(spec);
        auto file = gguf::File::parse(bytes, "synthetic.gguf");
        QVERIFY(file.ok());
        auto model = Model::from_file(std::move(file.value()));
        QVERIFY(model.ok());
        vk::VulkanOptions options{64, 8};
        options.moe_max_batch = 8; // pieces of at most 8 tokens for the experts too
        auto replayed = vk::VulkanSession::create(**model, device_, options);
        qputenv("HEARTH_VK_REPLAY", "0");
        auto recorded = vk::VulkanSession::create(**model, device_, options);
        qunsetenv("HEARTH_VK_REPLAY");
        QVERIFY(replayed.ok() && recorded.ok());
        QCOMPARE((*replayed)->prompt_batch(), 8u);
        const uint32_t n_vocab = (*model)->config.n_vocab;
        uint32_t next = 3;
        auto feed = [&](uint32_t count) {
            std::vector<Token> tokens(count);
            for (Token& t : tokens) {
                next = (next * 7 + 5) % n_vocab;
                t = Token(next);
            }
            auto a = (*replayed)->eval_batch(tokens);
            QVERIFY(a.ok());
            const std::vector<float> want(a->begin(), a->end());
            auto b = (*recorded)->eval_batch(tokens);
            QVERIFY(b.ok());
            QVERIFY2(std::equal(want.begin(), want.end(), b->begin()),
                     qPrintable(
                         QString("%1 tokens at %2").arg(count).arg((*recorded)->n_past() - count)));
            QCOMPARE((*replayed)->n_past(), (*recorded)->n_past());
        };
        feed(21); // pieces of 8, 8 (replayed) and 5
        feed(3);
        QCOMPARE((*replayed)->recordings(), 3u);
        for (uint32_t count : {1u, 7u, 2u, 6u, 4u}) { // 6 drops 8, 4 drops 5
            feed(count);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        QCOMPARE((*replayed)->recordings(), 8u);
        QCOMPARE((*replayed)->n_past(), 44u);
        (*replayed)->truncate(10);
        (*recorded)->truncate(10);
        feed(21); // 8 recorded again (drops 3), 8 replayed, 5 recorded again (drops 1)
        QCOMPARE((*replayed)->recordings(), 10u);
        QCOMPARE((*recorded)->recordings(), 12u); // every piece
        auto greedy_a = (*replayed)->eval_greedy(Token(next)),
             greedy_b = (*recorded)->eval_greedy(Token(next));
        QVERIFY(greedy_a.ok() && greedy_b.ok());
        QCOMPARE(*greedy_a, *greedy_b);
        QCOMPARE((*replayed)->recordings(), 11u); // the decode step: 1 was dropped
    }

    // The trained tiny llama (real weights, real text): the same greedy continuation.
    void tinyLlamaGreedyText_data() {
        QTest::addColumn<QString>("quant");
        // Q4_K_M mixes Q4_K, Q6_K and F32; the others are single types. (F16 and the rest
        // run on synthetic models above; this fixture is about real text.)
        for (const char* q : {"Q8_0", "Q4_0", "Q4_K_M"}) {
            QTest::newRow(q) << q;
        }
    }

    void tinyLlamaGreedyText() {
        QFETCH(QString, quant);
        greedy_text(quant, device_);
    }

    // The same with 8-bit activations and integer dot products in every decode matvec of
    // Q8_0 and Q4_0 weights (forced: lavapipe does not accelerate them), against the float
    // CPU reference. Each product moves by at most ~1/254 of sum |w x| per block (the bound
    // of tst_vk_matvec_q8), as in llama.cpp's and the fast CPU backend's own Q8 activations;
    // the trained model's greedy text must not change with that.
    void integerDotGreedyText_data() {
        QTest::addColumn<QString>("quant");
        for (const char* q : {"Q8_0", "Q4_0"}) {
            QTest::newRow(q) << q;
        }
    }

    void integerDotGreedyText() {
        QFETCH(QString, quant);
        std::unique_ptr<vk::Context> probe;
        HEARTH_OPEN_VULKAN_OR_SKIP(probe);
        if (!probe->info().features.integer_dot) {
            QSKIP("the device has no integer dot products");
        }
        probe.reset();
        qputenv("HEARTH_VK_INTEGER_DOT", "1");
        auto device = vk::Device::open();
        qunsetenv("HEARTH_VK_INTEGER_DOT");
        QVERIFY2(device.ok(), device.ok() ? "" : device.error().message.c_str());
        QVERIFY((*device)->kernels->uses_integer_dot(GgmlType::Q4_0));
        QVERIFY((*device)->kernels->describe().find("integer dot") != std::string::npos);
        greedy_text(quant, *device);
    }

    // The same with matmul's f16 tiles in every prompt batch (forced: lavapipe keeps f32
    // tiles), against the float CPU reference: each prompt product moves by at most ~2^-10
    // of sum |w x| (tst_vk_matmul's f16 bound, about the f16 KV cache's own rounding); the
    // trained model's greedy text must not change with that.
    void f16TilesGreedyText_data() { tinyLlamaGreedyText_data(); }

    void f16TilesGreedyText() {
        QFETCH(QString, quant);
        std::unique_ptr<vk::Context> probe;
        HEARTH_OPEN_VULKAN_OR_SKIP(probe);
        if (!probe->info().features.float16) {
            QSKIP("the device has no shaderFloat16");
        }
        probe.reset();
        qputenv("HEARTH_VK_F16_TILES", "1");
        auto device = vk::Device::open();
        qputenv("HEARTH_VK_F16_TILES", "0");
        QVERIFY2(device.ok(), device.ok() ? "" : device.error().message.c_str());
        QVERIFY((*device)->kernels->uses_f16_tiles() && (*device)->kernels->uses_matmul());
        QVERIFY((*device)->kernels->describe().find("f16 tiles") != std::string::npos);
        // A prompt of kMatmulMinBatch tokens or more, so that it goes through matmul.
        greedy_text(quant, *device, "Once upon a time, there was a little girl who loved to",
                    vk::Kernels::kMatmulMinBatch);
    }

private:
    void greedy_text(const QString& quant, const std::shared_ptr<vk::Device>& device,
                     const char* prompt = "Once upon a time", size_t min_tokens = 1) {
        const QString path = QString(HEARTH_MODELS_DIR "/tiny/tiny-llama-%1.gguf").arg(quant);
        if (!QFile::exists(path)) {
            QSKIP(qPrintable("model fixture missing: " + path));
        }
        auto model = Model::load(path.toStdString());
        QVERIFY(model.ok());
        auto tokenizer = Tokenizer::load((*model)->file);
        QVERIFY(tokenizer.ok());
        {
            const std::vector<Token> ids = tokenizer->encode(prompt, true, false);
            QVERIFY2(ids.size() >= min_tokens, qPrintable(QString::number(ids.size())));
            auto cpu = CpuSession::create(**model, 64, 2);
            auto gpu = vk::VulkanSession::create(**model, device, {64, 16});
            QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
            std::vector<Token> a, b;
            Result<std::span<const float>> logits = Error{""};
            for (Token t : ids) {
                logits = (*cpu)->eval(t);
            }
            auto last = (*gpu)->eval_batch(ids);
            QVERIFY(logits.ok() && last.ok());
            a.push_back(argmax(*logits));
            b.push_back(argmax(*last));
            for (int i = 0; i < 31; ++i) {
                logits = (*cpu)->eval(a.back());
                auto next = (*gpu)->eval_greedy(b.back());
                QVERIFY(logits.ok() && next.ok());
                a.push_back(argmax(*logits));
                b.push_back(*next);
            }
            const std::string cpu_text = tokenizer->decode(a), gpu_text = tokenizer->decode(b);
            qInfo("%s|%s", prompt,
                  QString::fromStdString(cpu_text)
                      .toUtf8()
                      .toPercentEncoding(" ,.;:'\"!?")
                      .constData());
            QCOMPARE(QString::fromStdString(gpu_text), QString::fromStdString(cpu_text));
        }
    }

    void types() { test::add_type_rows(); }

    void matches(const std::string& arch, const std::shared_ptr<vk::Device>& device) {
        QFETCH(int, type);
        const GgmlType t = GgmlType(type);
        test::SyntheticSpec spec;
        spec.architecture = arch;
        spec.type = t;
        spec.seed = uint64_t(type) * 7 + arch.size();
        // Variants as in tst_cpu_forward: llama 3 frequency factors, tied embeddings.
        const bool variant = t == GgmlType::Q4_K || t == GgmlType::F16;
        spec.rope_freqs = variant && arch == "llama";
        spec.tied_embeddings = variant && arch != "llama" && arch != "gpt-oss"; // untied there
        const std::vector<std::byte> bytes = test::make_synthetic_model(spec);
        auto file = gguf::File::parse(bytes, "synthetic.gguf");
        QVERIFY(file.ok());
        auto model = Model::from_file(std::move(file.value()));
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());

        vk::VulkanOptions options{64, 16};
        // Q8_0 runs with bindings of 20000 bytes: the 300 x 256 output and embedding
        // (81600 bytes each) are split in five; the experts' with bindings of two experts
        // (256 x 256, 69632 bytes each: an expert is never split), so each stack of 8 is bound
        // in four pieces.
        const bool moe = arch == "qwen3moe" || arch == "gpt-oss";
        options.binding_limit = t == GgmlType::Q8_0 ? (moe ? 140000 : 20000) : 0;
        uint64_t uploaded = 0, total = 0;
        options.progress = [&](uint64_t done, uint64_t all) {
            QVERIFY(done > uploaded && done <= all);
            uploaded = done;
            total = all;
        };
        auto gpu = vk::VulkanSession::create(**model, device, options);
        QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
        QVERIFY(total > 0 && uploaded == total);
        auto plain = CpuSession::create(**model, 64, 2);
        auto same = CpuSession::create(**model, 64, 2, true);
        QVERIFY(plain.ok() && same.ok());

        std::vector<Token> prompt(32);
        for (size_t i = 0; i < prompt.size(); ++i) {
            prompt[i] = Token((i * 97 + uint32_t(type) * 13) % spec.n_vocab);
        }
        Difference to_plain, to_same;
        std::vector<float> plain_last, same_last, gpu_last;
        auto cpu_eval = [&](Token t) {
            auto a = (*plain)->eval(t);
            auto b = (*same)->eval(t);
            QVERIFY(a.ok() && b.ok());
            plain_last.assign(a->begin(), a->end());
            same_last.assign(b->begin(), b->end());
        };
        // Prompt: the first 16 tokens as one prefill batch, the rest one by one.
        for (size_t i = 0; i < 16; ++i) {
            cpu_eval(prompt[i]);
        }
        auto batch = (*gpu)->eval_batch(std::span(prompt).first(16));
        QVERIFY2(batch.ok(), batch.ok() ? "" : batch.error().message.c_str());
        to_plain.add(plain_last, *batch);
        to_same.add(same_last, *batch);
        QVERIFY(!(*gpu)->eval_batch({}).ok()); // an empty batch is an error, not a no-op
        for (size_t i = 16; i < prompt.size(); ++i) {
            cpu_eval(prompt[i]);
            auto g = (*gpu)->eval(prompt[i]);
            QVERIFY(g.ok());
            to_plain.add(plain_last, *g);
            to_same.add(same_last, *g);
            gpu_last.assign(g->begin(), g->end());
        }
        // Greedy decoding, each side on its own choices; the plain CPU follows the f16 one's.
        std::vector<Token> cpu_tokens{argmax(same_last)}, gpu_tokens{argmax(gpu_last)};
        double min_margin = 1e9;
        for (int i = 0; i < 32; ++i) {
            cpu_eval(cpu_tokens.back());
            auto g = (*gpu)->eval_greedy(gpu_tokens.back());
            QVERIFY(g.ok());
            min_margin = std::min(min_margin, margin(same_last));
            cpu_tokens.push_back(argmax(same_last));
            gpu_tokens.push_back(*g);
        }
        qInfo("logit difference to the f16-cache CPU %.2e (%.2e absolute), to the plain CPU "
              "%.2e of the range; smallest greedy margin %.3g",
              to_same.worst, to_same.worst_abs, to_plain.worst, min_margin);
        QVERIFY(!to_plain.degenerate);
        QVERIFY2(to_same.worst <= kSameCacheTolerance, qPrintable(QString::number(to_same.worst)));
        QVERIFY2(to_plain.worst <= kPlainTolerance, qPrintable(QString::number(to_plain.worst)));
        QCOMPARE(gpu_tokens, cpu_tokens);
        QCOMPARE((*gpu)->n_past(), 64u);
    }

    std::shared_ptr<vk::Device> device_;
};

QTEST_GUILESS_MAIN(TestVkSession)
#include "tst_vk_session.moc"
