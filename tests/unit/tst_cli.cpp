// hearth-cli end to end: the text it prints for the trained tiny llama against llama.cpp's
// greedy completions (tests/data/golden), --tokenize against llama.cpp's token ids, --info,
// and a synthetic model with a real vocabulary through tokenizer, forward pass and sampler.
#include "synthetic_model.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

namespace {

struct Run {
    int exit_code = -1;
    QString out, err;
};

Run cli(const QStringList& args) {
    QProcess p;
    p.start(HEARTH_CLI, args);
    Run r;
    if (p.waitForFinished(120000)) {
        r.exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString model(const QString& quant) {
    return QString(HEARTH_MODELS_DIR "/tiny/tiny-llama-%1.gguf").arg(quant);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(model("F16"))) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
    }

    // Every prompt's text must match, except where tst_goldens shows a near tie: the one
    // such prompt per model (F16: "Q: Why did the chicken...", Q8_0: "This program is...").
    // The count is the reference backend's; the fast backend's agreement with llama.cpp
    // (which differs at other near ties) is checked step by step in tst_goldens.
    void greedyTextMatchesLlamaCpp_data() {
        QTest::addColumn<QString>("quant");
        QTest::newRow("F16") << "F16";
        QTest::newRow("Q8_0") << "Q8_0";
    }

    void greedyTextMatchesLlamaCpp() {
        QFETCH(QString, quant);
        QFile file(QString(HEARTH_TEST_DATA_DIR "/golden/tiny-llama-%1.json").arg(quant));
        QVERIFY(file.open(QIODevice::ReadOnly));
        int same = 0, cases = 0;
        for (const QJsonValue& c : QJsonDocument::fromJson(file.readAll())["cases"].toArray()) {
            Run r = cli({"--model", model(quant), "--prompt", c["prompt"].toString(), "--temp", "0",
                         "-n", "64", "--raw", "-t", "2", "--backend", "cpu-reference"});
            QVERIFY2(r.exit_code == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains("generated tokens: 64"), qPrintable(r.err));
            ++cases;
            if (r.out == c["text"].toString() + "\n") {
                ++same;
            } else {
                qInfo("%s differs for \"%s\"", qPrintable(quant),
                      qPrintable(c["prompt"].toString()));
            }
        }
        QCOMPARE(cases, 6);
        QCOMPARE(same, 5);
    }

    void tokenizeMatchesLlamaCpp() {
        Run r = cli({"--model", model("Q4_K_M"), "--tokenize", "The meaning of life is"});
        QCOMPARE(r.exit_code, 0);
        QCOMPARE(r.out, QStringLiteral("1 450 6593 310 2834 338\n")); // llama-tokenize, BOS on
    }

    void infoDescribesTheModel() {
        Run r = cli({"--model", model("Q4_K_M"), "--info"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY(r.out.contains("architecture: llama (Llama)\n"));
        QVERIFY(!r.out.contains("beyond llama"));
        QVERIFY(r.out.contains("tensor types: F32 x9, Q4_K x24, Q6_K x5\n"));
        QVERIFY(r.out.contains("attention: 8 heads, 4 key/value heads, head size 32\n"));
        QVERIFY(r.out.contains("rope: normal, base 10000, 32 dimensions\n"));
        QVERIFY(r.out.contains("tokenizer: llama (pre-tokenizer default), 32000 tokens\n"));
    }

    // Each architecture is named, with what its tiny test model does beyond llama (the
    // facts of tests/reference/make_tiny_models.py).
    void infoNamesTheArchitecture_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("beyond");
        QTest::newRow("gemma3") << "gemma3" << "gemma3 (Gemma 3)"
                                << "sliding window of 6 on 5 of 6 layers, RoPE positions x0.125, "
                                   "q/k norms, post-attention and post-FFN norms, GELU FFN, "
                                   "embeddings x8";
        QTest::newRow("hunyuan") << "hunyuan-dense" << "hunyuan-dense (Hunyuan (dense))"
                                 << "q/k norms after RoPE";
        QTest::newRow("seed_oss") << "seed_oss" << "seed_oss (Seed-OSS)" << "q/k/v biases";
        QTest::newRow("phi3") << "phi3" << "phi3 (Phi-3 / Phi-4)"
                              << "LongRoPE (long factors beyond 32), RoPE on 12 of 16 dimensions, "
                                 "fused q/k/v";
        QTest::newRow("smollm3") << "smollm3" << "smollm3 (SmolLM3)" << "1 layers without RoPE";
        QTest::newRow("mistral3") << "mistral3" << "mistral3 (Mistral 3)"
                                  << "YaRN x4 from 32 positions, attention temperature 0.1 per 32 "
                                     "positions";
        QTest::newRow("granite") << "granite" << "granite (Granite)"
                                 << "embeddings x12, residual x0.22, attention scale 0.015625, "
                                    "logits / 8";
        QTest::newRow("qwen3moe") << "qwen3moe" << "qwen3moe (Qwen3 MoE)"
                                  << "q/k norms, mixture of 8 experts (2 per token, softmax "
                                     "gating, renormalised, expert FFN 64)";
    }

    void infoNamesTheArchitecture() {
        QFETCH(QString, name);
        QFETCH(QString, architecture);
        QFETCH(QString, beyond);
        Run r = cli({"--model", QString(HEARTH_TEST_DATA_DIR "/models/arch/%1-Q8_0.gguf").arg(name),
                     "--info"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY2(r.out.contains("architecture: " + architecture + "\n"), qPrintable(r.out));
        QVERIFY2(r.out.contains("beyond llama: " + beyond + "\n"), qPrintable(r.out));
    }

    void badInputIsExplained() {
        Run missing = cli({"--model", "/nonexistent.gguf", "--info"});
        QCOMPARE(missing.exit_code, 1);
        QVERIFY(missing.err.contains("cannot open /nonexistent.gguf"));
        Run usage = cli({"--model", model("F16")});
        QCOMPARE(usage.exit_code, 2);
        QVERIFY(usage.err.contains("--prompt is required"));
        Run backend = cli({"--model", model("F16"), "--prompt", "x", "--backend", "gpu"});
        QCOMPARE(backend.exit_code, 2);
        QVERIFY(backend.err.contains("--backend must be cpu, cpu-reference, vulkan or auto"));
        Run layers = cli({"--model", model("F16"), "--prompt", "x", "--gpu-layers", "2"});
        QCOMPARE(layers.exit_code, 2);
        QVERIFY2(layers.err.contains("--gpu-layers needs --backend vulkan"),
                 qPrintable(layers.err));
        Run negative = cli({"--model", model("F16"), "--prompt", "x", "--backend", "vulkan",
                            "--gpu-layers", "-1"});
        QCOMPARE(negative.exit_code, 2);
        QVERIFY2(negative.err.contains("--gpu-layers: not a valid value: -1"),
                 qPrintable(negative.err));
        // Sampling options are checked against the one table of ranges.
        Run hot = cli({"--model", model("F16"), "--prompt", "x", "--temp", "7"});
        QCOMPARE(hot.exit_code, 2);
        QVERIFY2(hot.err.contains("--temp: 7 is outside 0 to 2"), qPrintable(hot.err));
        Run half = cli({"--model", model("F16"), "--prompt", "x", "--top-k", "2.5"});
        QCOMPARE(half.exit_code, 2);
        QVERIFY2(half.err.contains("--top-k: not a valid value: 2.5"), qPrintable(half.err));
    }

    // --gpu-layers 2: the first two of the tiny llama's four layers on Vulkan, the others on
    // the CPU. The run names the split, and its greedy text is the whole model's on Vulkan
    // (F16 weights: the two sides agree within 1e-4 of the logit range, see tst_vk_offload).
    void gpuLayersSplitTheModel() {
        const QStringList run = {
            "--model", model("F16"), "--prompt", "Once upon a time", "--temp", "0", "-n", "24",
            "--raw",   "-t",         "2",        "--backend",        "vulkan"};
        Run whole = cli(run);
        if (whole.exit_code != 0 && qEnvironmentVariableIntValue("HEARTH_REQUIRE_VULKAN") == 0) {
            QSKIP(qPrintable("no Vulkan device: " + whole.err));
        }
        QVERIFY2(whole.exit_code == 0, qPrintable(whole.err));
        Run split = cli(run + QStringList{"--gpu-layers", "2"});
        QVERIFY2(split.exit_code == 0, qPrintable(split.err));
        QVERIFY2(split.err.contains(", 2 of 4 layers)"), qPrintable(split.err));
        QVERIFY2(!whole.err.contains(" layers)"), qPrintable(whole.err));
        QCOMPARE(split.out, whole.out);
    }

    // hearth-cli --model FIFO used to wait forever for a writer.
    void fifoIsRefused() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("model.gguf");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QProcess p;
        p.start(HEARTH_CLI, {"--model", fifo, "--info"});
        const bool ended = p.waitForFinished(10000);
        if (!ended) {
            p.kill();
            p.waitForFinished();
        }
        QVERIFY2(ended, "hearth-cli waited on the FIFO");
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("is not a regular file"));
    }

    // A prompt read from a file may be longer than one command-line argument (128 KiB on
    // Linux): a 1 MB prompt reaches the tokenizer (and then does not fit the context).
    void promptFromAFile() {
        QTemporaryDir dir;
        const QString small = dir.filePath("small.txt"), big = dir.filePath("big.txt");
        QFile s(small), b(big);
        QVERIFY(s.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
        s.write("The meaning of life is");
        b.write(QByteArray("All work and no play makes Jack a dull boy. ").repeated(24000));
        s.close();
        b.close();
        const QStringList options = {"--temp", "0", "-n", "8", "--raw", "-t", "2"};
        Run direct = cli(
            QStringList{"--model", model("Q8_0"), "--prompt", "The meaning of life is"} + options);
        Run fromFile = cli(QStringList{"--model", model("Q8_0"), "--prompt-file", small} + options);
        QVERIFY2(direct.exit_code == 0, qPrintable(direct.err));
        QVERIFY2(fromFile.exit_code == 0, qPrintable(fromFile.err));
        QCOMPARE(fromFile.out, direct.out);
        Run large = cli(QStringList{"--model", model("Q8_0"), "--prompt-file", big} + options);
        QCOMPARE(large.exit_code, 1);
        QVERIFY2(large.err.contains("do not fit a context of 256"), qPrintable(large.err));
        Run missing = cli({"--model", model("Q8_0"), "--prompt-file", dir.filePath("none")});
        QCOMPARE(missing.exit_code, 1);
        QVERIFY2(missing.err.contains("cannot read"), qPrintable(missing.err));
    }

    void syntheticModelWithRealVocabulary() {
        hearth::test::SyntheticSpec spec;
        spec.architecture = "qwen3";
        spec.type = hearth::GgmlType::Q4_K;
        spec.vocabulary = HEARTH_MODELS_DIR "/vocab/ggml-vocab-llama-spm.gguf";
        const std::vector<std::byte> bytes = hearth::test::make_synthetic_model(spec);
        QVERIFY(!bytes.empty());
        QTemporaryDir dir;
        QFile out(dir.filePath("synthetic.gguf"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size()));
        out.close();
        Run r = cli({"--model", out.fileName(), "--prompt", "Hello world", "--temp", "0.7",
                     "--seed", "3", "-n", "8", "--raw"});
        QVERIFY2(r.exit_code == 0, qPrintable(r.err));
        // "Hello world" is 2 SPM tokens after BOS.
        QVERIFY2(r.err.contains("prompt tokens: 3,"), qPrintable(r.err));
        Run again = cli({"--model", out.fileName(), "--prompt", "Hello world", "--temp", "0.7",
                         "--seed", "3", "-n", "8", "--raw"});
        QCOMPARE(again.out, r.out); // the same seed gives the same text
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
