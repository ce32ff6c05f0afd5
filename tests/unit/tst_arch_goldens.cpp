// Every architecture beyond llama/qwen against llama.cpp, on the tiny random models of
// tests/data/models/arch (made by tests/reference/make_tiny_models.py, goldens by
// tests/reference/arch_goldens.py; see tests/data/golden/README.md), on the reference
// backend, the fast CPU backend's best and most basic variants, and Vulkan.
//
// Bounds ("Comparing with llama.cpp on tiny random models", ../shared/ENGINE-FACTS-2.md):
// llama.cpp rounds an F16 matrix product's inputs to F16 and quantizes a quantized one's to
// 8 bits, which on these peaky models (logits spread ~6 per unit of standard deviation) moves
// a logit by up to ~0.2. So:
// - greedy: fed llama.cpp's tokens (so both stay on one path), Hearth's argmax must be
//   llama.cpp's at every step where llama.cpp's own top-2 gap exceeds kNearTie (0.25) for F16
//   files — which includes free-running greedy decoding agreeing up to the first near tie —
//   and kClearQuantized (1.0: where both products' 8-bit rounding cannot reorder the top two)
//   for quantized files;
// - log-probabilities of llama.cpp's top 10 at the recorded positions (F16): within
//   kLogProbF16 (0.25 = the logit noise above plus the normaliser's);
// - perplexity on tests/data/perplexity/text.txt: |ln ppl - ln ppl_llama.cpp| below 0.05 for
//   F16 and 0.15 for quantized files.
// The model file's SHA-256 must be the one the goldens were made from, and Hearth's tokenizer
// must give llama.cpp's prompt tokens.
#include "eval/perplexity.h"
#include "fast/fast_session.h"
#include "log_prob.h"
#include "text/tokenizer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace hearth;
using hearth::test::log_prob;

namespace {

constexpr float kNearTie = 0.25f;
constexpr float kClearQuantized = 1.0f;
constexpr double kLogProbF16 = 0.25;
constexpr uint32_t kCtx = 128;

// Each architecture's files (make_tiny_models.py's types_of): gpt-oss's quantized file is
// llama-quantize's MXFP4_MOE (experts MXFP4, other matrices Q8_0) instead of Q4_0.
struct ArchFiles {
    const char* arch;
    std::vector<const char*> types;
};
const std::vector<const char*> kTypes = {"F16", "Q8_0", "Q4_0"};
const ArchFiles kArchs[] = {
    {"gemma3", kTypes},  {"hunyuan-dense", kTypes}, {"seed_oss", kTypes},
    {"phi3", kTypes},    {"smollm3", kTypes},       {"mistral3", kTypes},
    {"granite", kTypes}, {"qwen3moe", kTypes},      {"gpt-oss", {"F16", "Q8_0", "MXFP4_MOE"}}};

std::vector<Token> ids(const QJsonValue& array) {
    std::vector<Token> out;
    for (const QJsonValue& v : array.toArray()) {
        out.push_back(Token(v.toInt()));
    }
    return out;
}

QString sha256(const QString& path) {
    QFile f(path);
    QCryptographicHash h(QCryptographicHash::Sha256);
    return f.open(QIODevice::ReadOnly) && h.addData(&f) ? h.result().toHex() : QString();
}

// Backend names for SessionOptions, with the fast variants spelled out.
struct Backend {
    std::string label;
    SessionOptions options;
    std::string variant; // fast CPU kernels, or empty
};

std::vector<Backend> backends() {
    std::vector<Backend> out{{"reference", {"cpu-reference", kCtx, 2}, ""}};
    const std::string best = fast::available_variants().front()->name;
    const std::string basic = fast::available_variants().back()->name;
    for (const std::string& v : {best, basic}) {
        if (out.back().variant != v) {
            out.push_back({"cpu " + v, {"cpu", kCtx, 2}, v});
        }
    }
    out.push_back({"vulkan", {"vulkan", kCtx, 2}, ""});
    return out;
}

Result<std::unique_ptr<Session>> open(const Model& model, const Backend& b) {
    if (b.options.backend == "vulkan") {
        return create_vulkan_session(model, b.options, "");
    }
    if (!b.variant.empty()) {
        auto s =
            fast::FastSession::create(model, b.options.n_ctx, 2, *fast::find_variant(b.variant));
        if (!s) {
            return s.error();
        }
        return std::unique_ptr<Session>(std::move(s.value()));
    }
    return create_cpu_session(model, b.options);
}

// Skips Vulkan where there is no device, unless CI demands one.
bool vulkan_missing(const Error& e) {
    return !qEnvironmentVariableIntValue("HEARTH_REQUIRE_VULKAN") &&
           e.message.find("Vulkan") != std::string::npos;
}

void add_rows() {
    QTest::addColumn<QString>("name");
    for (const ArchFiles& files : kArchs) {
        for (const char* type : files.types) {
            const QString name = QString("%1-%2").arg(files.arch, type);
            QTest::newRow(qPrintable(name)) << name;
        }
    }
}

struct Fixture {
    QJsonObject golden;
    std::unique_ptr<Model> model;
    std::optional<Tokenizer> tokenizer;
};

// Loads the model and its golden and checks they belong together.
bool load(const QString& name, Fixture& f) {
    const QString path = QString(HEARTH_TEST_DATA_DIR "/models/arch/%1.gguf").arg(name);
    QFile golden(QString(HEARTH_TEST_DATA_DIR "/golden/arch/%1.json").arg(name));
    if (!golden.open(QIODevice::ReadOnly)) {
        qWarning("no golden for %s", qPrintable(name));
        return false;
    }
    f.golden = QJsonDocument::fromJson(golden.readAll()).object();
    if (sha256(path) != f.golden["model_sha256"].toString()) {
        qWarning("%s is not the file the goldens were made from", qPrintable(path));
        return false;
    }
    auto model = Model::load(path.toStdString());
    if (!model) {
        qWarning("%s", model.error().message.c_str());
        return false;
    }
    f.model = std::move(model.value());
    auto tokenizer = Tokenizer::load(f.model->file);
    if (!tokenizer) {
        qWarning("%s", tokenizer.error().message.c_str());
        return false;
    }
    f.tokenizer.emplace(std::move(tokenizer.value()));
    return true;
}

} // namespace

class TestArchGoldens : public QObject {
    Q_OBJECT

private slots:
    void greedy_data() { add_rows(); }

    void greedy() {
        QFETCH(QString, name);
        Fixture f;
        QVERIFY(load(name, f));
        const bool f16 = name.endsWith("F16");
        for (const Backend& b : backends()) {
            auto opened = open(*f.model, b);
            if (!opened && b.options.backend == "vulkan" && vulkan_missing(opened.error())) {
                qInfo("no Vulkan device: %s", opened.error().message.c_str());
                continue;
            }
            QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
            Session& session = **opened;
            int compared = 0;
            for (const QJsonValue& c : f.golden["cases"].toArray()) {
                const std::vector<Token> prompt = ids(c["prompt_tokens"]);
                QCOMPARE(f.tokenizer->encode(c["prompt"].toString().toStdString(), true, false),
                         prompt);
                const std::vector<Token> expected = ids(c["tokens"]);
                const QJsonArray margins = c["top2_margin_logprob"].toArray();
                const QJsonArray positions = c["top10_positions"].toArray();
                session.truncate(0);
                std::span<const float> logits = *session.eval_batch(prompt);
                for (size_t i = 0; i < expected.size(); ++i) {
                    const float margin = float(margins[qsizetype(i)].toDouble());
                    const Token mine =
                        Token(std::max_element(logits.begin(), logits.end()) - logits.begin());
                    if (margin > (f16 ? kNearTie : kClearQuantized)) {
                        QVERIFY2(mine == expected[i],
                                 qPrintable(QString("%1 %2 step %3: %4, llama.cpp %5 (gap %6)")
                                                .arg(b.label.c_str(), name)
                                                .arg(i)
                                                .arg(mine)
                                                .arg(expected[i])
                                                .arg(margin)));
                        ++compared;
                    }
                    for (qsizetype k = 0; f16 && k < positions.size(); ++k) {
                        if (positions[k].toInt() != int(i)) {
                            continue;
                        }
                        const std::vector<Token> top = ids(c["top10_ids"][k]);
                        const QJsonArray lps = c["top10_logprobs"][k].toArray();
                        for (size_t j = 0; j < top.size(); ++j) {
                            const double d =
                                log_prob(logits, top[j]) - lps[qsizetype(j)].toDouble();
                            QVERIFY2(std::abs(d) < kLogProbF16,
                                     qPrintable(QString("%1 %2 step %3: log p of %4 off by %5")
                                                    .arg(b.label.c_str(), name)
                                                    .arg(i)
                                                    .arg(top[j])
                                                    .arg(d)));
                        }
                    }
                    if (i + 1 < expected.size()) {
                        logits = *session.eval(expected[i]);
                    }
                }
            }
            qInfo("%s %s: %d greedy steps agree", qPrintable(name), b.label.c_str(), compared);
            QVERIFY(compared >= 64); // the comparison must not be vacuous (of 128 steps)
        }
    }

    // gemma3's sliding layers keep a ring of window + one pass positions on the fast CPU
    // (272 here) and Vulkan (70) backends; over 600 positions the rings wrap several times and
    // must give what the reference's full cache gives, under the F16 bounds above. A session
    // truncated to where its rings still reach continues from there; further back, from 0.
    void slidingRingMatchesFullCache() {
        Fixture f;
        QVERIFY(load("gemma3-F16", f));
        constexpr uint32_t kLong = 600;
        std::vector<Token> text;
        for (uint32_t i = 0; i < kLong; ++i) { // varied pieces, no control or byte tokens
            text.push_back(Token(300 + (i * 37 + i / 7) % 200));
        }
        std::vector<std::vector<float>> expected; // reference logits after each checked position
        const std::vector<uint32_t> checked = {50, 271, 272, 300, 450, 599};
        for (const Backend& b : backends()) {
            Backend wide = b;
            wide.options.n_ctx = kLong;
            auto opened = open(*f.model, wide);
            if (!opened && b.options.backend == "vulkan" && vulkan_missing(opened.error())) {
                continue;
            }
            QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
            Session& s = **opened;
            uint32_t done = 0;
            for (size_t k = 0; k < checked.size(); ++k) {
                const uint32_t end = checked[k] + 1;
                std::span<const float> logits =
                    *s.eval_batch(std::span(text).subspan(done, end - done));
                done = end;
                if (b.label == "reference") {
                    expected.emplace_back(logits.begin(), logits.end());
                    continue;
                }
                const std::vector<float>& ref = expected[k];
                const Token best = Token(std::max_element(ref.begin(), ref.end()) - ref.begin());
                const Token mine =
                    Token(std::max_element(logits.begin(), logits.end()) - logits.begin());
                std::vector<float> sorted = ref;
                std::nth_element(sorted.begin(), sorted.end() - 2, sorted.end());
                if (sorted.back() - sorted[sorted.size() - 2] > kNearTie) {
                    QCOMPARE(mine, best);
                }
                const double d = log_prob(logits, best) - log_prob(ref, best);
                QVERIFY2(std::abs(d) < kLogProbF16,
                         qPrintable(QString("%1 at %2: %3").arg(b.label.c_str()).arg(end).arg(d)));
            }
            // Back to 598: every ring still holds the window before it.
            s.truncate(598);
            QCOMPARE(s.n_past(), 598u);
            // Back to 100: the rings of the fast and Vulkan backends have moved on.
            s.truncate(100);
            QCOMPARE(s.n_past(), b.label == "reference" ? 100u : 0u);
            QVERIFY(s.eval_batch(std::span(text).subspan(s.n_past(), 101 - s.n_past())).ok());
            QCOMPARE(s.n_past(), 101u);
        }
    }

    void perplexity_data() { add_rows(); }

    void perplexity() {
        QFETCH(QString, name);
        Fixture f;
        QVERIFY(load(name, f));
        QFile text_file(HEARTH_TEST_DATA_DIR "/perplexity/text.txt");
        QVERIFY(text_file.open(QIODevice::ReadOnly));
        const std::vector<Token> tokens =
            f.tokenizer->encode(text_file.readAll().toStdString(), true, false);
        const QJsonObject expected = f.golden["perplexity"].toObject();
        const double bound = name.endsWith("F16") ? 0.05 : 0.15;
        for (const Backend& b : backends()) {
            qputenv("HEARTH_CPU_VARIANT", b.variant.c_str());
            auto result = hearth::perplexity(*f.model, tokens, kCtx, f.tokenizer->bos(), b.options);
            qunsetenv("HEARTH_CPU_VARIANT");
            if (!result && b.options.backend == "vulkan" && vulkan_missing(result.error())) {
                continue;
            }
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
            QCOMPARE(result->chunks, size_t(expected["n_chunks"].toInt()));
            const double d = std::log(result->perplexity) - std::log(expected["ppl"].toDouble());
            qInfo("%s %s: ppl %.4f, llama.cpp %.4f, ln difference %+.5f", qPrintable(name),
                  b.label.c_str(), result->perplexity, expected["ppl"].toDouble(), d);
            QVERIFY2(std::abs(d) < bound, "perplexity too far from llama.cpp's");
        }
    }
};

QTEST_GUILESS_MAIN(TestArchGoldens)
#include "tst_arch_goldens.moc"
