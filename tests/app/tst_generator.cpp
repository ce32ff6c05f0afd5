// The inference worker on its own thread with real models from the shared fixtures: loading
// (and failing to), templated generation streamed in batches, KV-cache reuse of the common
// prefix, stopping, reproducible greedy output, prompts handed to the session in batches on
// every backend, the same text as hearth-cli for the same seed (one shared pipeline), and
// quitting (what is queued does nothing; a load gives up).
#include "generator.h"
#include "session.h"
#include "synthetic_model.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>
#include <mutex>

namespace {

const QString kQwen3 = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";
const QString kLlama = HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf";

// True once `spy` has caught a signal, waiting up to `ms`. Unlike QSignalSpy::wait this also
// counts a signal the worker thread emitted before the wait began.
bool arrives(QSignalSpy& spy, int ms) {
    return QTest::qWaitFor([&] { return spy.count() > 0; }, ms);
}

// How the worker drove a session: the size of each eval_batch() call and the number of
// single-token evaluations. Written on the worker thread, read by the test.
struct Calls {
    std::mutex mutex;
    std::vector<size_t> batches;
    int singles = 0;
};

// The real session of a backend, recording how it is called.
class RecordingSession : public hearth::Session {
public:
    RecordingSession(std::unique_ptr<hearth::Session> inner, std::shared_ptr<Calls> calls)
        : inner_(std::move(inner)), calls_(std::move(calls)) {}

    hearth::Result<std::span<const float>> eval(hearth::Token token) override {
        count_single();
        return inner_->eval(token);
    }
    hearth::Result<std::span<const float>> eval_batch(std::span<const hearth::Token> t) override {
        {
            std::lock_guard lock(calls_->mutex);
            calls_->batches.push_back(t.size());
        }
        return inner_->eval_batch(t);
    }
    hearth::Result<hearth::Token> eval_greedy(hearth::Token token) override {
        count_single();
        return inner_->eval_greedy(token);
    }
    uint32_t n_past() const override { return inner_->n_past(); }
    uint32_t n_ctx() const override { return inner_->n_ctx(); }
    void truncate(uint32_t n) override { inner_->truncate(n); }
    hearth::BackendDescription backend_description() const override {
        return inner_->backend_description();
    }

private:
    void count_single() {
        std::lock_guard lock(calls_->mutex);
        ++calls_->singles;
    }
    std::unique_ptr<hearth::Session> inner_;
    std::shared_ptr<Calls> calls_;
};

GenerationRequest greedy(std::vector<hearth::ChatMessage> messages, int max_tokens) {
    GenerationRequest r;
    r.messages = std::move(messages);
    r.sampling.temperature = 0.0f;
    r.max_tokens = max_tokens;
    return r;
}

} // namespace

class TestGenerator : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        thread_ = new QThread(this);
        generator_ = new Generator;
        generator_->moveToThread(thread_);
        connect(thread_, &QThread::finished, generator_, &QObject::deleteLater);
        thread_->start();
    }

    void cleanup() {
        if (thread_) {
            thread_->quit();
            thread_->wait();
        }
        thread_ = nullptr;
    }

    void loadsAndReportsTheModel() {
        ModelInfo info = load(kQwen3);
        QCOMPARE(info.architecture, QString("qwen3"));
        QCOMPARE(info.quant, QString("Q8_0"));
        const QString own =
            QString::fromUtf8(hearth::chat_format_name(hearth::ChatFormat::Template));
        QCOMPARE(info.chat_format, own);
        QCOMPARE(info.backend.kind, std::string("cpu")); // the fast backend
        QVERIFY(!info.backend.device.empty());           // its instruction set
        QCOMPARE(info.context_length, 256); // the model's training context caps the request

        ModelInfo llama = load(kLlama);
        QVERIFY2(llama.chat_format != own, qPrintable(llama.chat_format)); // it has no template
    }

    void badFileIsAnError() {
        QSignalSpy failed(generator_, &Generator::modelFailed);
        QMetaObject::invokeMethod(generator_, "loadModel", Q_ARG(QString, "/nonexistent.gguf"),
                                  Q_ARG(QString, "cpu"), Q_ARG(int, 512));
        QVERIFY(arrives(failed, 10000));
        QVERIFY(failed.first().at(1).toString().contains("/nonexistent.gguf"));
        QSignalSpy gen_failed(generator_, &Generator::failed);
        QMetaObject::invokeMethod(generator_, "generate", Q_ARG(quint64, 1),
                                  Q_ARG(GenerationRequest, greedy({{"user", "hi", ""}}, 4)));
        QVERIFY(arrives(gen_failed, 10000));
        QCOMPARE(gen_failed.first().at(0).toULongLong(), 1ull);
    }

    void streamsReproduciblyAndReusesTheCache() {
        load(kQwen3);
        const std::vector<hearth::ChatMessage> turn = {{"system", "Be brief.", ""},
                                                       {"user", "Hello there!", ""}};
        auto [text1, stats1, batches] = run(1, greedy(turn, 24));
        QVERIFY(stats1.completion_tokens > 0 && stats1.completion_tokens <= 24);
        QCOMPARE(stats1.reused_tokens, 0);
        QVERIFY(batches >= 1 && batches <= stats1.completion_tokens);
        QCOMPARE(lastDeltaTokens_, stats1.completion_tokens); // the live count ends exact

        // The same conversation again: every prompt token but the last is reused, and
        // greedy decoding gives the same text.
        auto [text2, stats2, batches2] = run(2, greedy(turn, 24));
        QCOMPARE(text2, text1);
        QCOMPARE(stats2.prompt_tokens, stats1.prompt_tokens);
        QCOMPARE(stats2.reused_tokens, stats1.prompt_tokens - 1);

        // A longer conversation with that turn as its start reuses at least the first turn.
        std::vector<hearth::ChatMessage> longer = turn;
        longer.push_back({"assistant", text1.toStdString(), ""});
        longer.push_back({"user", "And again?", ""});
        auto [text3, stats3, batches3] = run(3, greedy(longer, 8));
        QVERIFY(stats3.prompt_tokens > stats1.prompt_tokens);
        QVERIFY2(stats3.reused_tokens >= stats1.prompt_tokens - 4,
                 qPrintable(QString::number(stats3.reused_tokens)));
    }

    void stopEndsTheAnswer() {
        load(kQwen3);
        QSignalSpy finished(generator_, &Generator::finished);
        QSignalSpy delta(generator_, &Generator::delta);
        QMetaObject::invokeMethod(
            generator_, "generate", Q_ARG(quint64, 7),
            Q_ARG(GenerationRequest, greedy({{"user", "Tell a story", ""}}, 200)));
        QVERIFY(arrives(delta, 30000)); // it is running
        generator_->requestStop();
        QVERIFY(arrives(finished, 30000));
        const auto stats = finished.first().at(1).value<GenerationStats>();
        QCOMPARE(stats.finish_reason, hearth::storage::FinishReason::Stop);
        QVERIFY(stats.completion_tokens < 200);
    }

    void overflowIsReportedOrTheOldestTurnsAreLeftOut() {
        load(kQwen3); // a context of 256 tokens
        const std::string long_text = QString("word ").repeated(300).toStdString();
        QSignalSpy overflow(generator_, &Generator::contextOverflow);
        QSignalSpy started(generator_, &Generator::started);
        QMetaObject::invokeMethod(generator_, "generate", Q_ARG(quint64, 9),
                                  Q_ARG(GenerationRequest, greedy({{"user", long_text, ""}}, 16)));
        QVERIFY(arrives(overflow, 30000));
        QCOMPARE(overflow.first().at(0).toULongLong(), 9ull);
        QVERIFY(overflow.first().at(1).toInt() > 300 + 16); // the words, plus room to answer
        QCOMPARE(overflow.first().at(2).toInt(), 256);
        QCOMPARE(started.count(), 0); // nothing was evaluated

        // The same long turn followed by a short one fits once the first turn is left out:
        // the user turn and its answer, never the system prompt or the last question.
        GenerationRequest request = greedy({{"system", "Be brief.", ""},
                                            {"user", long_text, ""},
                                            {"assistant", "Many words.", ""},
                                            {"user", "Hello?", ""}},
                                           16);
        request.drop_oldest = true;
        auto [text, stats, batches] = run(10, request);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(2).toInt(), 2);
        QCOMPARE(stats.dropped_messages, 2);
        QVERIFY(stats.prompt_tokens < 40);
        // Every answer token but an end-of-sequence one was evaluated after the prompt.
        QCOMPARE(stats.context_used, stats.prompt_tokens + stats.completion_tokens);
    }

    // A prompt goes to the session in batches on every backend (the fast CPU backend
    // multiplies a batch as matrices; token by token it would read every weight per token);
    // only the answer's tokens are evaluated one at a time.
    // "vulkan, 1 layer": the GPU-layers setting reaches the session, which runs split.
    void promptsAreEvaluatedInBatchesOnEveryBackend_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("gpuLayers");
        QTest::newRow("cpu") << "cpu" << -1;
        QTest::newRow("cpu-reference") << "cpu-reference" << -1;
        QTest::newRow("vulkan") << "vulkan" << -1;
        QTest::newRow("vulkan, 1 layer") << "vulkan" << 1;
    }

    void promptsAreEvaluatedInBatchesOnEveryBackend() {
        QFETCH(QString, backend);
        QFETCH(int, gpuLayers);
        auto calls = std::make_shared<Calls>();
        generator_->setSessionFactory([calls](const hearth::Model& model,
                                              const hearth::SessionOptions& options,
                                              std::string* fallback, hearth::BackendChoice* choice)
                                          -> hearth::Result<std::unique_ptr<hearth::Session>> {
            auto inner = hearth::create_session(model, options, fallback, choice);
            if (!inner) {
                return inner.error();
            }
            return std::unique_ptr<hearth::Session>(
                std::make_unique<RecordingSession>(std::move(*inner), calls));
        });
        QSignalSpy loaded(generator_, &Generator::modelLoaded);
        QSignalSpy failed(generator_, &Generator::modelFailed);
        QMetaObject::invokeMethod(generator_, "loadModel", Q_ARG(QString, kQwen3),
                                  Q_ARG(QString, backend), Q_ARG(int, 512), Q_ARG(QString, {}),
                                  Q_ARG(QString, {}), Q_ARG(int, 0), Q_ARG(int, gpuLayers));
        QVERIFY(QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 120000));
        if (!failed.isEmpty()) {
            const QString why = failed.first().at(1).toString();
            if (backend == "vulkan" && !qEnvironmentVariableIntValue("HEARTH_REQUIRE_VULKAN")) {
                QSKIP(qPrintable("no Vulkan device: " + why));
            }
            QFAIL(qPrintable(why));
        }
        const ModelInfo info = loaded.first().at(0).value<ModelInfo>();
        QCOMPARE(info.backend.gpu_layers, uint32_t(std::max(gpuLayers, 0)));
        QCOMPARE(info.backend.n_layers, uint32_t(gpuLayers > 0 ? info.layers : 0));
        const std::string question = QString("Please count these words: %1")
                                         .arg(QString("one two three ").repeated(40))
                                         .toStdString();
        auto [text, stats, deltas] = run(20, greedy({{"user", question, ""}}, 4));
        QVERIFY2(stats.prompt_tokens > 100, qPrintable(QString::number(stats.prompt_tokens)));
        std::lock_guard lock(calls->mutex);
        size_t evaluated = 0;
        for (size_t i = 0; i < calls->batches.size(); ++i) {
            evaluated += calls->batches[i];
            if (i + 1 < calls->batches.size()) {
                QCOMPARE(calls->batches[i], size_t(64)); // full batches, then the rest
            }
        }
        QCOMPARE(evaluated, size_t(stats.prompt_tokens - stats.reused_tokens));
        QCOMPARE(calls->batches.size(), (evaluated + 63) / 64);
        QVERIFY(calls->singles <= stats.completion_tokens);
    }

    // A template as slow as its step budget lets it be, rendered again for every turn the
    // fitting leaves out: Stop ends the generation at once, and the worker thread quits at
    // once (what quitting the app waits for). The render used to ignore Stop.
    void stopEndsASlowTemplateAtOnce() {
        QTemporaryDir dir;
        const QString path = dir.filePath("slow-template.gguf");
        QVERIFY(writeSlowTemplateModel(path));
        load(path);
        const std::string long_text = QString("word ").repeated(60).toStdString();
        std::vector<hearth::ChatMessage> messages;
        for (int i = 0; i < 40; ++i) {
            messages.push_back({i % 2 ? "assistant" : "user", long_text, ""});
        }
        GenerationRequest request = greedy(messages, 16);
        request.drop_oldest = true; // every turn left out renders the template again
        QSignalSpy finished(generator_, &Generator::finished);
        QMetaObject::invokeMethod(generator_, "generate", Q_ARG(quint64, 11),
                                  Q_ARG(GenerationRequest, request));
        QTest::qWait(300); // well into the renders
        QVERIFY(finished.isEmpty());
        QElapsedTimer timer;
        timer.start();
        generator_->requestStop();
        QVERIFY(arrives(finished, 60000));
        const qint64 stopped_ms = timer.elapsed();
        QCOMPARE(finished.first().at(1).value<GenerationStats>().finish_reason,
                 hearth::storage::FinishReason::Stop);
        thread_->quit();
        QVERIFY(thread_->wait(60000));
        thread_ = nullptr;
        qInfo("stopped after %lld ms, the thread ended after %lld ms", stopped_ms, timer.elapsed());
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    }

    // The model file is cut short while the answer streams: the generation fails with an
    // error naming the file; the app lives on.
    void modelFileCutShortWhileGenerating() {
        QTemporaryDir dir;
        const QString path = dir.filePath("model.gguf");
        QVERIFY(QFile::copy(kQwen3, path));
        load(path);
        QSignalSpy delta(generator_, &Generator::delta);
        QSignalSpy failed(generator_, &Generator::failed);
        QMetaObject::invokeMethod(
            generator_, "generate", Q_ARG(quint64, 12),
            Q_ARG(GenerationRequest, greedy({{"user", "Tell a story", ""}}, 200)));
        QVERIFY(arrives(delta, 30000)); // it is running
        QVERIFY(QFile::resize(path, 4096));
        QVERIFY(arrives(failed, 30000));
        QCOMPARE(failed.first().at(0).toULongLong(), 12ull);
        const QString error = failed.first().at(1).toString();
        QVERIFY2(error.contains("was cut short by another program") && error.contains(path),
                 qPrintable(error));
    }

    // hearth-cli and the worker run the same pipeline: the same model, conversation, sampling
    // settings and seed give the same thinking and answer, sampled at a temperature (so the
    // seed matters) with every filter and a repeat penalty on.
    void sameTextAsHearthCli() {
        QSignalSpy loaded(generator_, &Generator::modelLoaded);
        QMetaObject::invokeMethod(generator_, "loadModel", Q_ARG(QString, kQwen3),
                                  Q_ARG(QString, "cpu"), Q_ARG(int, 256), Q_ARG(QString, {}),
                                  Q_ARG(QString, {}), Q_ARG(int, 2));
        QVERIFY(arrives(loaded, 60000));
        GenerationRequest request;
        request.messages = {{"system", "Be brief.", ""}, {"user", "Tell me a story.", ""}};
        request.sampling = loaded.first().at(0).value<ModelInfo>().sampling; // the model's
        request.sampling.temperature = 0.9f;
        request.sampling.top_k = 30;
        request.sampling.top_p = 0.9f;
        request.sampling.min_p = 0.02f;
        request.sampling.repeat_penalty = 1.1f;
        request.sampling.seed = 42;
        request.max_tokens = 32;
        request.enable_thinking = true; // hearth-cli's default
        QSignalSpy finished(generator_, &Generator::finished);
        QSignalSpy delta(generator_, &Generator::delta);
        QMetaObject::invokeMethod(generator_, "generate", Q_ARG(quint64, 30),
                                  Q_ARG(GenerationRequest, request));
        QVERIFY(arrives(finished, 60000));
        QString thinking, answer;
        for (const QList<QVariant>& d : delta) {
            thinking += d.at(1).toString();
            answer += d.at(2).toString();
        }

        QProcess cli;
        cli.start(HEARTH_CLI, {"--model",
                               kQwen3,
                               "--system",
                               "Be brief.",
                               "-p",
                               "Tell me a story.",
                               "-n",
                               "32",
                               "-t",
                               "2",
                               "--ctx",
                               "256",
                               "--temp",
                               "0.9",
                               "--top-k",
                               "30",
                               "--top-p",
                               "0.9",
                               "--min-p",
                               "0.02",
                               "--repeat-penalty",
                               "1.1",
                               "--seed",
                               "42",
                               "--verbose-prompt"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        const qsizetype at = err.indexOf("hearth-cli: turn 1 reply: ");
        QVERIFY2(at >= 0, qPrintable(err));
        const QString line = err.mid(at + 26).section('\n', 0, 0);
        const QJsonObject reply = QJsonDocument::fromJson(line.toUtf8()).object();
        QVERIFY(!answer.isEmpty() || !thinking.isEmpty());
        QCOMPARE(reply["content"].toString(), answer);
        QCOMPARE(reply["reasoning_content"].toString(), thinking);
        qInfo("%d tokens, the same text: %s",
              finished.first().at(1).value<GenerationStats>().completion_tokens,
              qPrintable(answer.left(60)));
    }

    // Quitting: the running answer stops as with Stop, and what is still queued (an answer,
    // a load) does nothing and reports nothing. A load asked to cancel gives up.
    void quitDropsWhatIsQueued() {
        load(kQwen3);
        QSignalSpy finished(generator_, &Generator::finished);
        QSignalSpy delta(generator_, &Generator::delta);
        QSignalSpy started(generator_, &Generator::started);
        QSignalSpy failed(generator_, &Generator::failed);
        QSignalSpy loaded(generator_, &Generator::modelLoaded);
        QSignalSpy loadFailed(generator_, &Generator::modelFailed);
        QMetaObject::invokeMethod(
            generator_, "generate", Q_ARG(quint64, 7),
            Q_ARG(GenerationRequest, greedy({{"user", "Tell a story", ""}}, 200)));
        QVERIFY(arrives(delta, 30000)); // it is running
        QMetaObject::invokeMethod(generator_, "generate", Q_ARG(quint64, 8),
                                  Q_ARG(GenerationRequest, greedy({{"user", "hi", ""}}, 4)));
        QMetaObject::invokeMethod(generator_, "loadModel", Q_ARG(QString, kLlama),
                                  Q_ARG(QString, "cpu"), Q_ARG(int, 512));
        generator_->requestQuit();
        QVERIFY(arrives(finished, 30000));
        QCOMPARE(finished.first().at(1).value<GenerationStats>().finish_reason,
                 hearth::storage::FinishReason::Stop);
        thread_->quit();
        QVERIFY(thread_->wait(10000)); // the queued requests ran (and returned) first
        thread_ = nullptr;
        QCOMPARE(finished.count(), 1);
        QCOMPARE(started.count(), 1); // answer 7's only
        QCOMPARE(failed.count() + loaded.count() + loadFailed.count(), 0);

        auto model = hearth::Model::load(kQwen3.toStdString());
        QVERIFY(model);
        const std::atomic<bool> cancel{true};
        hearth::SessionOptions options;
        options.backend = "auto";
        options.n_ctx = 256;
        options.cancel = &cancel;
        auto session = hearth::create_session(**model, options);
        QVERIFY(!session);
        QCOMPARE(session.error().message, std::string(hearth::kLoadCancelled));
    }

private:
    // A model whose chat template would loop ten billion times: it spends its whole step
    // budget on every render.
    static bool writeSlowTemplateModel(const QString& path) {
        hearth::test::SyntheticSpec spec;
        spec.type = hearth::GgmlType::Q8_0;
        spec.n_layer = 1;
        spec.n_ff = 256;
        spec.vocabulary = HEARTH_MODELS_DIR "/vocab/ggml-vocab-llama-spm.gguf";
        spec.chat_template = "{% for i in range(100000) %}{% for j in range(100000) %}"
                             "{% endfor %}{% endfor %}";
        const std::vector<std::byte> bytes = hearth::test::make_synthetic_model(spec);
        QFile out(path);
        return !bytes.empty() && out.open(QIODevice::WriteOnly) &&
               out.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) ==
                   qint64(bytes.size());
    }

    ModelInfo load(const QString& path) {
        QSignalSpy loaded(generator_, &Generator::modelLoaded);
        QMetaObject::invokeMethod(generator_, "loadModel", Q_ARG(QString, path),
                                  Q_ARG(QString, "cpu"), Q_ARG(int, 512));
        if (!arrives(loaded, 60000)) {
            qFatal("model did not load: %s", qPrintable(path));
        }
        return loaded.first().at(0).value<ModelInfo>();
    }

    // Runs one request and returns the streamed answer (thinking + answer), the stats and
    // the number of delta signals.
    std::tuple<QString, GenerationStats, int> run(quint64 id, const GenerationRequest& request) {
        QSignalSpy finished(generator_, &Generator::finished);
        QSignalSpy delta(generator_, &Generator::delta);
        QMetaObject::invokeMethod(generator_, "generate", Q_ARG(quint64, id),
                                  Q_ARG(GenerationRequest, request));
        if (!arrives(finished, 60000)) {
            qFatal("generation %llu did not finish", static_cast<unsigned long long>(id));
        }
        QString text;
        lastDeltaTokens_ = 0;
        for (const QList<QVariant>& d : delta) {
            text += d.at(1).toString() + d.at(2).toString();
            if (d.at(3).toInt() < lastDeltaTokens_) {
                qFatal("the answer's token count went down");
            }
            lastDeltaTokens_ = d.at(3).toInt();
        }
        return {text, finished.first().at(1).value<GenerationStats>(), int(delta.size())};
    }

    QThread* thread_ = nullptr;
    Generator* generator_ = nullptr;
    int lastDeltaTokens_ = 0; // the token count the last delta of run() reported
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
