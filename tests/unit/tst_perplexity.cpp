// Hearth's perplexity of the tiny llama models on tests/data/perplexity/text.txt against
// llama.cpp's llama-perplexity on the same text and settings (context 256, recorded in
// tests/data/golden/perplexity.json by tests/reference/make-goldens.sh): within 0.5%, on the
// reference backend and on the fast CPU backend's best and most basic variants, which must
// also be within 0.1% of the reference's.
#include "eval/perplexity.h"
#include "fast/kernels.h"
#include "text/tokenizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hearth;

class TestPerplexity : public QObject {
    Q_OBJECT

private slots:
    void llamaCpp_data() {
        QTest::addColumn<QString>("quant");
        for (const char* quant : {"F16", "Q8_0", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K"}) {
            QTest::newRow(quant) << quant;
        }
    }

    void llamaCpp() {
        QFETCH(QString, quant);
        const QString name = QString("tiny-llama-%1.gguf").arg(quant);
        const QString path = QString(HEARTH_MODELS_DIR "/tiny/") + name;
        if (!QFile::exists(path)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QFile golden_file(HEARTH_TEST_DATA_DIR "/golden/perplexity.json");
        QVERIFY(golden_file.open(QIODevice::ReadOnly));
        QJsonObject expected;
        for (const QJsonValue& r :
             QJsonDocument::fromJson(golden_file.readAll())["results"].toArray()) {
            if (r["model"].toString() == name) {
                expected = r.toObject();
            }
        }
        QVERIFY(!expected.isEmpty());
        QFile text_file(HEARTH_TEST_DATA_DIR "/perplexity/text.txt");
        QVERIFY(text_file.open(QIODevice::ReadOnly));
        const std::string text = text_file.readAll().toStdString();

        auto model = Model::load(path.toStdString());
        QVERIFY(model.ok());
        auto tokenizer = Tokenizer::load((*model)->file);
        QVERIFY(tokenizer.ok());
        const std::vector<Token> tokens = tokenizer->encode(text, true, false);
        const std::string best = fast::available_variants().front()->name;
        const std::string basic = fast::available_variants().back()->name;
        double reference = 0.0;
        for (const std::string& backend : {std::string("reference"), best, basic}) {
            qputenv("HEARTH_CPU_VARIANT", backend == "reference" ? "" : backend.c_str());
            const SessionOptions options{backend == "reference" ? "cpu-reference" : "cpu", 256, 2};
            auto result = perplexity(**model, tokens, 256, tokenizer->bos(), options);
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());

            const double theirs = expected["ppl"].toDouble();
            qInfo("%s %s: Hearth %.4f, llama.cpp %.4f (%+.4f%%)", qPrintable(name), backend.c_str(),
                  result->perplexity, theirs, 100.0 * (result->perplexity / theirs - 1.0));
            const QJsonArray chunks = expected["running_ppl_per_chunk"].toArray();
            QCOMPARE(result->running.size(), size_t(chunks.size()));
            for (qsizetype i = 0; i < chunks.size(); ++i) {
                const double relative =
                    std::abs(result->running[size_t(i)] / chunks[i].toDouble() - 1);
                QVERIFY2(relative < 0.005, qPrintable(QString("%1 chunk %2 off by %3")
                                                          .arg(backend.c_str())
                                                          .arg(i)
                                                          .arg(relative)));
            }
            if (backend == "reference") {
                reference = result->perplexity;
            } else {
                const double relative = std::abs(result->perplexity / reference - 1.0);
                qInfo("%s %s: %+.4f%% from the reference backend", qPrintable(name),
                      backend.c_str(), 100.0 * (result->perplexity / reference - 1.0));
                QVERIFY2(relative < 0.001, "more than 0.1% from the reference backend");
            }
        }
        qunsetenv("HEARTH_CPU_VARIANT");
    }
};

QTEST_GUILESS_MAIN(TestPerplexity)
#include "tst_perplexity.moc"
