// The local server over real sockets with the real engine and the tiny test models
// (HEARTH_MODELS_DIR/tiny), driven by a QNetworkAccessManager client: the endpoints, the
// errors, the security rules, cancellation on disconnect, the queue, and the overhead per
// token against calling the pipeline directly (printed for the notes).
#include "apiserver.h"
#include "httpclient.h"
#include "modelcatalog.h"
#include "pipelineengine.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

using namespace hearth;
using namespace hearth::server;

namespace {

const QString kTiny = QStringLiteral(HEARTH_MODELS_DIR "/tiny");
const QString kLlama = kTiny + QStringLiteral("/tiny-llama-Q8_0.gguf");

EngineOptions engineOptions() {
    EngineOptions o;
    o.backend = "cpu";
    o.context_length = 256;
    o.threads = 1;
    return o;
}

// What the engine saw of each run, for the cancellation checks.
struct Record {
    std::mutex mutex;
    std::vector<GenerationStats> runs;
};

// The real engine, with a pause after each piece of text when asked (so a client can leave
// in the middle of an answer), recording each run's stats.
class RecordingEngine : public ServerEngine {
public:
    RecordingEngine(int delayMs, std::shared_ptr<Record> record)
        : inner_(engineOptions()), delayMs_(delayMs), record_(std::move(record)) {}
    Result<void> use(const InstalledModel& model) override { return inner_.use(model); }
    SamplingParams sampling() const override { return inner_.sampling(); }
    GenerationResult run(const GenerationRequest& request, const GenerationEvents& events,
                         const std::atomic<bool>& cancel) override {
        GenerationEvents slowed = events;
        slowed.delta = [this, &events](std::string_view answer, std::string_view reasoning) {
            events.delta(answer, reasoning);
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs_));
        };
        GenerationResult result = inner_.run(request, slowed, cancel);
        if (result && record_) {
            std::lock_guard lock(record_->mutex);
            record_->runs.push_back(*result);
        }
        return result;
    }

private:
    PipelineEngine inner_;
    int delayMs_;
    std::shared_ptr<Record> record_;
};

std::unique_ptr<ApiServer> startServer(ServerOptions options = {}, int delayMs = 0,
                                       std::shared_ptr<Record> record = {}) {
    options.port = 0;
    options.limits.max_tokens = 200;
    auto catalog = std::make_shared<ModelCatalog>(kTiny, QStringList{});
    auto server =
        std::make_unique<ApiServer>(options, std::make_unique<RecordingEngine>(delayMs, record),
                                    [catalog] { return catalog->list(); });
    if (!server->queue().preload(ModelCatalog::describe(kLlama))) {
        return nullptr;
    }
    QString error;
    return server->listen(&error) ? std::move(server) : nullptr;
}

QUrl local(const ApiServer& server) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
}

QByteArray chatBody(const QJsonObject& extra = {}) {
    QJsonObject body{
        {"model", "tiny-llama-Q8_0"},
        {"messages", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Tell me a story."}}}},
        {"max_tokens", 12},
        {"seed", 7}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        body.insert(it.key(), it.value());
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// The text of a chat event stream, its finish reason and the usage chunk's completion tokens.
struct Streamed {
    QString text;
    QString finish;
    int completionTokens = -1;
    bool done = false;
};

Streamed readStream(const HttpAnswer& a) {
    Streamed s;
    for (const QByteArray& e : a.events()) {
        if (e == "[DONE]") {
            s.done = true;
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson(e).object();
        if (o.value("usage").isObject()) {
            s.completionTokens = o.value("usage").toObject().value("completion_tokens").toInt();
        }
        for (const QJsonValue& c : o.value("choices").toArray()) {
            s.text += c.toObject().value("delta").toObject().value("content").toString();
            if (c.toObject().value("finish_reason").isString()) {
                s.finish = c.toObject().value("finish_reason").toString();
            }
        }
    }
    return s;
}

} // namespace

class TestServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kLlama)) {
            QSKIP("the tiny test models are not here (HEARTH_MODELS_DIR)");
        }
    }

    void models() {
        auto server = startServer();
        QVERIFY(server);
        Client client(local(*server));
        const HttpAnswer list = client.get("/v1/models");
        QCOMPARE(list.status, 200);
        QStringList ids;
        for (const QJsonValue& m : list.json().value("data").toArray()) {
            ids << m.toObject().value("id").toString();
        }
        QVERIFY2(ids.contains("tiny-llama-Q8_0") && ids.contains("tiny-qwen3-Q8_0"),
                 qPrintable(ids.join(',')));
        QCOMPARE(client.get("/v1/models/tiny-llama-F16").status, 200);
        QCOMPARE(client.get("/v1/models/nope").errorCode(), QString("model_not_found"));
        const HttpAnswer health = client.get("/health");
        QCOMPARE(health.json().value("status").toString(), QString("ok"));
    }

    void chatWholeAndStreamed() {
        auto server = startServer();
        QVERIFY(server);
        Client client(local(*server));
        const HttpAnswer whole = client.post("/v1/chat/completions", chatBody());
        QCOMPARE(whole.status, 200);
        const QJsonObject choice = whole.json().value("choices").toArray().first().toObject();
        const QString text = choice.value("message").toObject().value("content").toString();
        const int tokens =
            whole.json().value("usage").toObject().value("completion_tokens").toInt();
        QVERIFY(!text.isEmpty());
        QCOMPARE(choice.value("finish_reason").toString() == "length", tokens == 12);
        QCOMPARE(whole.json().value("model").toString(), QString("tiny-llama-Q8_0"));

        // The same seed again: the same answer (the second run reuses the prompt's KV cache).
        const HttpAnswer again = client.post("/v1/chat/completions", chatBody());
        QCOMPARE(again.content(), text);

        const HttpAnswer stream = client.post(
            "/v1/chat/completions",
            chatBody({{"stream", true}, {"stream_options", QJsonObject{{"include_usage", true}}}}));
        QCOMPARE(stream.status, 200);
        QVERIFY(stream.headers.value("content-type").startsWith("text/event-stream"));
        const Streamed s = readStream(stream);
        QCOMPARE(s.text, text);
        QCOMPARE(s.finish, choice.value("finish_reason").toString());
        QCOMPARE(s.completionTokens, tokens);
        QVERIFY(s.done);
        QCOMPARE(server->served(), 3);
    }

    void textCompletionAndModelSwitch() {
        auto server = startServer();
        QVERIFY(server);
        Client client(local(*server));
        const HttpAnswer a =
            client.post("/v1/completions",
                        R"({"prompt":"The meaning of life is","max_tokens":8,"temperature":0})");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json().value("object").toString(), QString("text_completion"));
        QVERIFY(!a.json()
                     .value("choices")
                     .toArray()
                     .first()
                     .toObject()
                     .value("text")
                     .toString()
                     .isEmpty());
        // Another installed model is loaded for the request that names it.
        const HttpAnswer q = client.post(
            "/v1/chat/completions",
            R"({"model":"tiny-qwen3-Q8_0","messages":[{"role":"user","content":"Hi"}],"max_tokens":4})");
        QCOMPARE(q.status, 200);
        QCOMPARE(q.json().value("model").toString(), QString("tiny-qwen3-Q8_0"));
        QCOMPARE(server->queue().loadedModel(), std::string("tiny-qwen3-Q8_0"));
    }

    void badRequests() {
        ServerOptions options;
        options.limits.max_body_bytes = 64 << 10;
        auto server = startServer(options);
        QVERIFY(server);
        Client client(local(*server));
        HttpAnswer a = client.post("/v1/chat/completions", "{\"messages\": [");
        QCOMPARE(a.status, 400);
        QCOMPARE(a.errorCode(), QString("invalid_json"));
        a = client.post("/v1/chat/completions", R"({"messages":[{"role":"user","content":5}]})");
        QCOMPARE(a.status, 400);
        QCOMPARE(a.json().value("error").toObject().value("param").toString(),
                 QString("messages[0].content"));
        a = client.post("/v1/chat/completions", chatBody({{"model", "no-such-model"}}));
        QCOMPARE(a.status, 404);
        QVERIFY(a.json().value("error").toObject().value("message").toString().contains(
            "tiny-llama-Q8_0"));
        QCOMPARE(client.get("/v1/chat/completions").status, 405);
        QCOMPARE(client.get("/v2/anything").status, 404);
        // Over the body limit: 413; far over it, the connection is closed unanswered.
        a = client.post("/v1/chat/completions", QByteArray(100 << 10, ' '));
        QCOMPARE(a.status, 413);
        a = client.post("/v1/chat/completions", QByteArray(8 << 20, ' '));
        QCOMPARE(a.status, 0);
        QVERIFY(a.error != QNetworkReply::NoError);
        // A conversation longer than the context (256): the OpenAI code for it.
        const QString longText = QString("word ").repeated(400);
        a = client.post("/v1/chat/completions",
                        chatBody({{"messages", QJsonArray{QJsonObject{{"role", "user"},
                                                                      {"content", longText}}}}}));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.errorCode(), QString("context_length_exceeded"));
        // The server still answers.
        QCOMPARE(client.post("/v1/chat/completions", chatBody()).status, 200);
    }

    void apiKeyOffLoopback() {
        ServerOptions open;
        open.host = QHostAddress(QHostAddress::AnyIPv4);
        auto refused = std::make_unique<ApiServer>(
            open, std::make_unique<PipelineEngine>(engineOptions()), ModelList{});
        QString error;
        QVERIFY(!refused->listen(&error));
        QVERIFY2(error.contains("API key"), qPrintable(error));

        ServerOptions keyed = open;
        keyed.apiKey = "s3cret";
        auto server = startServer(keyed);
        QVERIFY(server);
        Client client(local(*server));
        HttpAnswer a = client.get("/v1/models");
        QCOMPARE(a.status, 401);
        QCOMPARE(a.errorCode(), QString("invalid_api_key"));
        QCOMPARE(client.get("/v1/models", {{"Authorization", "Bearer wrong"}}).status, 401);
        QCOMPARE(
            client.post("/v1/chat/completions", chatBody(), {{"Authorization", "s3cret"}}).status,
            401);
        QCOMPARE(client.get("/v1/models", {{"Authorization", "Bearer s3cret"}}).status, 200);
        QCOMPARE(
            client.post("/v1/chat/completions", chatBody(), {{"Authorization", "Bearer s3cret"}})
                .status,
            200);
        QCOMPARE(client.get("/health").status, 200); // no key needed, nothing private in it
    }

    void browsers() {
        auto closed = startServer();
        QVERIFY(closed);
        Client client(local(*closed));
        HttpAnswer a = client.get("/v1/models", {{"Origin", "http://evil.example"}});
        QCOMPARE(a.status, 403);
        QVERIFY(!a.headers.contains("access-control-allow-origin"));
        a = client.get("/v1/models", {{"Host", "rebound.example:8080"}});
        QCOMPARE(a.status, 403);
        QCOMPARE(a.errorCode(), QString("host_not_allowed"));

        ServerOptions options;
        options.allowedOrigin = "http://notes.example";
        auto open = startServer(options);
        QVERIFY(open);
        Client browser(local(*open));
        a = browser.get("/v1/models", {{"Origin", "http://notes.example"}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.headers.value("access-control-allow-origin"),
                 QByteArray("http://notes.example"));
        QCOMPARE(browser.get("/v1/models", {{"Origin", "http://other.example"}}).status, 403);
    }

    void disconnectCancels() {
        auto record = std::make_shared<Record>();
        auto server = startServer({}, 30, record);
        QVERIFY(server);
        Client client(local(*server));
        QNetworkReply* reply = client.start("POST", "/v1/chat/completions",
                                            chatBody({{"stream", true}, {"max_tokens", 200}}));
        QByteArray seen;
        QObject::connect(reply, &QNetworkReply::readyRead, [&] { seen += reply->readAll(); });
        QVERIFY(
            waitFor([&] { return seen.contains("\"content\":\"") && seen.count("data:") > 2; }));
        reply->abort();
        QVERIFY(waitFor([&] { return server->cancelled() == 1; }));
        std::lock_guard lock(record->mutex);
        QCOMPARE(record->runs.size(), size_t(1));
        QVERIFY(record->runs[0].finish == FinishReason::Cancelled);
        // 30 ms a token: the generation stopped long before its 200 tokens.
        QVERIFY2(record->runs[0].completion_tokens < 40,
                 qPrintable(QString::number(record->runs[0].completion_tokens)));
        reply->deleteLater();
    }

    void queueFull() {
        ServerOptions options;
        options.queueCapacity = 1;
        auto server = startServer(options, 20);
        QVERIFY(server);
        Client first(local(*server)), second(local(*server)), third(local(*server));
        QNetworkReply* running =
            first.start("POST", "/v1/chat/completions", chatBody({{"max_tokens", 30}}));
        QVERIFY(waitFor([&] { return server->queue().busy(); }));
        QNetworkReply* waiting = second.start("POST", "/v1/chat/completions", chatBody());
        QVERIFY(waitFor([&] { return server->queue().waiting() == 1; }));
        const HttpAnswer refused = third.post("/v1/chat/completions", chatBody());
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), QString("queue_full"));
        QVERIFY(refused.headers.value("retry-after").toInt() >= 1);
        QCOMPARE(Client::finish(running).status, 200);
        QCOMPARE(Client::finish(waiting).status, 200);
    }

    void twentyClients() {
        auto server = startServer();
        QVERIFY(server);
        std::vector<std::unique_ptr<Client>> clients;
        std::vector<QNetworkReply*> replies;
        for (int i = 0; i < 20; ++i) {
            clients.push_back(std::make_unique<Client>(local(*server)));
            replies.push_back(clients.back()->start(
                "POST", "/v1/chat/completions",
                chatBody({{"max_tokens", 6}, {"seed", i}, {"stream", i % 2 == 0}})));
        }
        QSet<QString> ids;
        for (QNetworkReply* reply : replies) {
            const HttpAnswer a = Client::finish(reply);
            QCOMPARE(a.status, 200);
            const QString id =
                a.body.startsWith("data:")
                    ? QJsonDocument::fromJson(a.events().first()).object().value("id").toString()
                    : a.json().value("id").toString();
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 20);
        QCOMPARE(server->served(), 20);
    }

    // The cost of the server per generated token: the same greedy completion through the
    // pipeline directly and streamed through HTTP (client-side wall time), interleaved, the
    // median of five each. Printed for the notes; the text must be the same.
    void overheadPerToken() {
        PipelineEngine direct(engineOptions());
        QVERIFY(direct.use(ModelCatalog::describe(kLlama)));
        auto server = startServer();
        QVERIFY(server);
        Client client(local(*server));
        const QByteArray body = R"({"prompt":"The meaning of life is","max_tokens":200,)"
                                R"("temperature":0,"seed":1,"stream":true,)"
                                R"("stream_options":{"include_usage":true}})";
        const ParsedRequest parsed = parseRequest(Endpoint::Completion, body, Limits{});
        QVERIFY(std::holds_alternative<ApiRequest>(parsed));
        const GenerationRequest request =
            toGeneration(std::get<ApiRequest>(parsed), direct.sampling(), 200);
        std::vector<double> directMs, serverMs;
        std::string directText;
        QString serverText;
        int tokens = 0;
        for (int round = 0; round < 5; ++round) {
            directText.clear();
            GenerationEvents events;
            events.delta = [&](std::string_view answer, std::string_view) { directText += answer; };
            const std::atomic<bool> cancel{false};
            auto t0 = std::chrono::steady_clock::now();
            const GenerationResult r = direct.run(request, events, cancel);
            auto t1 = std::chrono::steady_clock::now();
            QVERIFY(r.ok());
            tokens = r->completion_tokens;
            directMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count() / tokens);

            t0 = std::chrono::steady_clock::now();
            const HttpAnswer a = client.post("/v1/completions", body);
            t1 = std::chrono::steady_clock::now();
            QCOMPARE(a.status, 200);
            serverText.clear();
            int served = 0;
            for (const QByteArray& e : a.events()) {
                const QJsonObject o = QJsonDocument::fromJson(e).object();
                for (const QJsonValue& c : o.value("choices").toArray()) {
                    serverText += c.toObject().value("text").toString();
                }
                if (o.value("usage").isObject()) {
                    served = o.value("usage").toObject().value("completion_tokens").toInt();
                }
            }
            QCOMPARE(served, tokens);
            serverMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count() / served);
        }
        QCOMPARE(serverText, QString::fromStdString(directText));
        std::sort(directMs.begin(), directMs.end());
        std::sort(serverMs.begin(), serverMs.end());
        qInfo("overhead per token (%d tokens, tiny-llama-Q8_0, 1 thread, median of 5): pipeline "
              "%.4f ms, server streamed over HTTP %.4f ms, difference %.1f us",
              tokens, directMs[2], serverMs[2], (serverMs[2] - directMs[2]) * 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
