// A model file's numbers are checked before anything computes with them: hyper-parameters
// for range and finiteness, the vocabulary against the embedding rows, and, while it runs,
// the logits for NaN and infinity (broken weights end in an error, not in empty output).
// The models are small synthetic ones, each rewritten with one defect.
#include "gguf_writer.h"
#include "model/model.h"
#include "session.h"
#include "synthetic_model.h"

#include <QTest>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace hearth;
using test::GgufWriter;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::vector<std::byte> small_llama() {
    test::SyntheticSpec spec;
    spec.n_layer = 1;
    spec.n_ff = 256;
    return test::make_synthetic_model(spec);
}

std::vector<std::byte> small_moe() {
    test::SyntheticSpec spec;
    spec.architecture = "qwen3moe";
    spec.n_layer = 1;
    return test::make_synthetic_model(spec);
}

// `model` with every key and tensor copied, then changed by `change`; the data of the
// tensor named `replaced` (if any) is `data` instead.
std::vector<std::byte> rewritten(const std::vector<std::byte>& model,
                                 const std::function<void(GgufWriter&)>& change,
                                 const std::string& replaced = {},
                                 const std::vector<std::byte>& data = {}) {
    Result<gguf::File> file = gguf::File::parse(model);
    GgufWriter w;
    for (const auto& [key, value] : file->metadata()) {
        w.copy(std::string(key), value);
    }
    for (const gguf::TensorInfo& t : file->tensors()) {
        const std::span<const std::byte> bytes = file->tensor_data(t);
        w.add_tensor(std::string(t.name), t.type,
                     std::vector<uint64_t>(t.ne.begin(), t.ne.begin() + t.n_dims),
                     t.name == replaced ? data
                                        : std::vector<std::byte>(bytes.begin(), bytes.end()));
    }
    change(w);
    return w.serialize();
}

std::string load_error(const std::vector<std::byte>& bytes) {
    Result<gguf::File> file = gguf::File::parse(bytes, "m.gguf");
    if (!file) {
        return file.error().message;
    }
    Result<std::unique_ptr<Model>> model = Model::from_file(std::move(file.value()));
    return model ? std::string("(loaded)") : model.error().message;
}

// The values of a tensor of `n` floats, all set to `value`.
std::vector<std::byte> floats(size_t n, float value) {
    std::vector<std::byte> out(n * 4);
    for (size_t i = 0; i < n; ++i) {
        std::memcpy(out.data() + i * 4, &value, 4);
    }
    return out;
}

// A data row (bytes, expected): `model` with `change` made, and the error its load must give.
void add_row(const char* name, const std::vector<std::byte>& model,
             const std::function<void(GgufWriter&)>& change, const char* expected) {
    const std::vector<std::byte> b = rewritten(model, change);
    QTest::newRow(name) << QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()))
                        << QString(expected);
}

} // namespace

class TestModelValidation : public QObject {
    Q_OBJECT

private slots:
    void theUnchangedModelLoads() { QCOMPARE(load_error(small_llama()), std::string("(loaded)")); }

    void badHyperParametersAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const std::vector<std::byte> model = small_llama();
        const auto row = [&](const char* name, const std::function<void(GgufWriter&)>& change,
                             const char* expected) { add_row(name, model, change, expected); };
        row(
            "infinite epsilon",
            [](GgufWriter& w) { w.set_f32("llama.attention.layer_norm_rms_epsilon", kInf); },
            "epsilon inf");
        row(
            "NaN epsilon",
            [](GgufWriter& w) { w.set_f32("llama.attention.layer_norm_rms_epsilon", kNaN); },
            "epsilon nan");
        row(
            "epsilon above 1",
            [](GgufWriter& w) { w.set_f32("llama.attention.layer_norm_rms_epsilon", 5.0f); },
            "epsilon 5");
        row(
            "infinite RoPE base", [](GgufWriter& w) { w.set_f32("llama.rope.freq_base", kInf); },
            "RoPE base inf");
        row(
            "negative RoPE base", [](GgufWriter& w) { w.set_f32("llama.rope.freq_base", -1.0f); },
            "RoPE base -1");
        row(
            "infinite RoPE scaling",
            [](GgufWriter& w) {
                w.set_string("llama.rope.scaling.type", "linear");
                w.set_f32("llama.rope.scaling.factor", kInf);
            },
            "RoPE scaling factor inf");
        row(
            "context length 0", [](GgufWriter& w) { w.set_u32("llama.context_length", 0); },
            "a context length of 0");
        // Query heads x head size would wrap around 32 bits (2^31 x 2).
        row(
            "absurd head count",
            [](GgufWriter& w) {
                w.set_u32("llama.attention.head_count", 1u << 31);
                w.set_u32("llama.attention.head_count_kv", 1u << 31);
                w.set_u32("llama.attention.key_length", 2);
                w.set_u32("llama.attention.value_length", 2);
            },
            "absurd sizes");
        row(
            "one-token vocabulary",
            [](GgufWriter& w) {
                w.set_string("tokenizer.ggml.model", "llama");
                w.set_strings("tokenizer.ggml.tokens", {"a"});
            },
            "a vocabulary of 1 tokens but token_embd.weight has 300 rows");
    }

    // Mixture-of-experts settings: counts, gating, scale, and expert stacks of another shape.
    void badExpertsAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const std::vector<std::byte> model = small_moe();
        QCOMPARE(load_error(model), std::string("(loaded)"));
        const auto row = [&](const char* name, const std::function<void(GgufWriter&)>& change,
                             const char* expected) { add_row(name, model, change, expected); };
        row(
            "more used than there are",
            [](GgufWriter& w) { w.set_u32("qwen3moe.expert_used_count", 9); },
            "9 of 8 experts per token");
        row(
            "no experts", [](GgufWriter& w) { w.set_u32("qwen3moe.expert_count", 0); },
            "2 of 0 experts per token");
        row(
            "unknown gating", [](GgufWriter& w) { w.set_u32("qwen3moe.expert_gating_func", 7); },
            "expert gating function 7");
        row(
            "NaN scale", [](GgufWriter& w) { w.set_f32("qwen3moe.expert_weights_scale", kNaN); },
            "expert weights scale of nan");
        row(
            "other expert width",
            [](GgufWriter& w) { w.set_u32("qwen3moe.expert_feed_forward_length", 128); },
            "tensor blk.0.ffn_gate_exps.weight has shape [8 x 256 x 256], expected [8 x 128 x "
            "256]");
        row(
            "another expert count", [](GgufWriter& w) { w.set_u32("qwen3moe.expert_count", 4); },
            "tensor blk.0.ffn_gate_inp.weight has shape [8 x 256], expected [4 x 256]");
    }

    void badExpertsAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto* first = reinterpret_cast<const std::byte*>(bytes.constData());
        const std::string error = load_error(std::vector<std::byte>(first, first + bytes.size()));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }

    void badHyperParametersAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto* first = reinterpret_cast<const std::byte*>(bytes.constData());
        const std::string error = load_error(std::vector<std::byte>(first, first + bytes.size()));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }

    // NaN weights load (they are bytes like any other) but every backend's first logits
    // come back as an error instead of being sampled into nothing.
    void nanWeightsAreAnError_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("cpu") << "cpu";
        QTest::newRow("cpu-reference") << "cpu-reference";
    }

    void nanWeightsAreAnError() {
        QFETCH(QString, backend);
        const std::vector<std::byte> bytes =
            rewritten(small_llama(), [](GgufWriter&) {}, "output_norm.weight", floats(256, kNaN));
        Result<std::unique_ptr<Model>> model = Model::from_file(*gguf::File::parse(bytes));
        QVERIFY(model.ok());
        Result<std::unique_ptr<Session>> session =
            create_session(**model, {backend.toStdString(), 16, 1});
        QVERIFY(session.ok());
        Result<std::span<const float>> logits = (*session)->eval(1);
        QVERIFY(!logits.ok());
        QVERIFY2(logits.error().message.find("invalid numbers (NaN or infinity)") !=
                     std::string::npos,
                 logits.error().message.c_str());
        QCOMPARE((*session)->n_past(), 0u); // the failed evaluation is undone
    }
};

QTEST_GUILESS_MAIN(TestModelValidation)
#include "tst_model_validation.moc"
