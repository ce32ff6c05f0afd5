// The local API server inside the app: requests run on the app's own worker (Generator on its
// thread) and its loaded model through AppEngine, with the tiny test model; the app's own
// turns and the server's take turns on that one worker.
#include "apiserver.h"
#include "appengine.h"
#include "chatcontroller.h"
#include "generator.h"
#include "httpclient.h"
#include "localapiserver.h"
#include "modelcatalog.h"
#include "modelcontroller.h"
#include "networklog.h"

#include <QFile>
#include <QJsonArray>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hearth::server;

namespace {

const QString kModel = QStringLiteral(HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf");

const QByteArray kChat =
    R"({"model":"tiny-llama-Q8_0","messages":[{"role":"user","content":"Hi"}],)"
    R"("max_tokens":8,"seed":3})";

} // namespace

class TestAppServer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(kModel)) {
            QSKIP("the tiny test models are not here (HEARTH_MODELS_DIR)");
        }
        qRegisterMetaType<ModelInfo>();
        qRegisterMetaType<GenerationStats>();
        qRegisterMetaType<GenerationRequest>();
    }

    void servesTheAppsModel() {
        QThread thread;
        auto* generator = new Generator;
        generator->moveToThread(&thread);
        connect(&thread, &QThread::finished, generator, &QObject::deleteLater);
        thread.start();
        QSignalSpy loaded(generator, &Generator::modelLoaded);
        QMetaObject::invokeMethod(
            generator, [generator] { generator->loadModel(kModel, "cpu", 256); },
            Qt::QueuedConnection);
        QVERIFY(loaded.wait(30000));

        auto engine = std::make_unique<AppEngine>(generator);
        engine->setSampling(loaded.first().first().value<ModelInfo>().sampling);
        ServerOptions options;
        options.port = 0;
        {
            ApiServer server(options, std::move(engine),
                             [] { return std::vector{ModelCatalog::describe(kModel)}; });
            QString error;
            QVERIFY2(server.listen(&error), qPrintable(error));
            NetworkLog log;
            connect(
                &server, &ApiServer::requestLogged, &log,
                [&](const QString& method, const QString& path, int status, const QDateTime& time) {
                    QUrl url = server.baseUrl();
                    url.setPath(path);
                    log.recordServed(method, url, status, time);
                });
            Client client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));

            const HttpAnswer a = client.post("/v1/chat/completions", kChat);
            QCOMPARE(a.status, 200);
            const QString text = a.content();
            QVERIFY(!text.isEmpty());

            // An app turn on the same worker in between, then the same request again: the
            // same answer (the pipeline's KV reuse copes with the turns taking turns).
            QSignalSpy finished(generator, &Generator::finished);
            GenerationRequest turn;
            turn.messages = {{"user", "Something else entirely.", ""}};
            turn.max_tokens = 5;
            QMetaObject::invokeMethod(
                generator, [generator, turn] { generator->generate(1, turn); },
                Qt::QueuedConnection);
            QVERIFY(finished.wait(30000));
            const HttpAnswer b = client.post("/v1/chat/completions", kChat);
            QCOMPARE(b.content(), text);

            // Only the loaded model is offered.
            QCOMPARE(
                client
                    .post(
                        "/v1/chat/completions",
                        R"({"model":"tiny-qwen3-Q8_0","messages":[{"role":"user","content":"x"}]})")
                    .status,
                404);
            // The privacy list has every request: address and status, no content.
            QCOMPARE(log.count(), 3);
            const QModelIndex last = log.index(2);
            QCOMPARE(log.data(last, NetworkLog::StatusRole).toInt(), 404);
            QVERIFY(
                log.data(last, NetworkLog::UrlRole).toString().endsWith("/v1/chat/completions"));
            QCOMPARE(log.data(last, NetworkLog::MethodRole).toString(), QString("POST"));
        }
        thread.quit();
        thread.wait();
    }

    // Settings → Local API server with the app's ChatController: off by default, on at the
    // switch (and remembered), the loaded model served, nothing written to the conversations.
    void theSettingsSwitch() {
        QTemporaryDir dir;
        const QString settingsFile = dir.filePath("settings.ini");
        const QString db = dir.filePath("conversations.db");
        {
            QSettings settings(settingsFile, QSettings::IniFormat);
            settings.setValue("chat/backend", "cpu");
            settings.setValue("server/port", 0); // any free port
        }
        ChatController chat(ChatController::Options{db, settingsFile});
        NetworkLog log;
        auto server = std::make_unique<LocalApiServer>(chat.models(), &log, settingsFile);
        QVERIFY(!server->enabled() && !server->running());
        chat.models()->load(kModel);
        QVERIFY(QTest::qWaitFor(
            [&] { return chat.models()->state() != ModelController::State::Loading; }, 60000));
        QCOMPARE(chat.models()->state(), ModelController::State::Ready);

        QSignalSpy state(server.get(), &LocalApiServer::stateChanged);
        server->setEnabled(true);
        QVERIFY(server->running());
        QVERIFY2(server->address().startsWith("http://127.0.0.1:"), qPrintable(server->address()));
        QVERIFY(server->error().isEmpty());
        QVERIFY(state.count() > 0);
        Client client(QUrl(server->address()).adjusted(QUrl::RemovePath));
        const HttpAnswer models = client.get("/v1/models");
        QCOMPARE(models.json().value("data").toArray().size(), 1);
        QCOMPARE(models.json().value("data").toArray().first().toObject().value("id").toString(),
                 QString("tiny-llama-Q8_0"));
        QCOMPARE(client.post("/v1/chat/completions", kChat).status, 200);
        QCOMPARE(server->served(), 1);
        QCOMPARE(log.count(), 2);
        QCOMPARE(log.data(log.index(1), NetworkLog::StatusRole).toInt(), 200);
        // What the program asked is not in the user's conversations.
        QCOMPARE(chat.conversations()->rowCount(), 0);

        server->setEnabled(false);
        QVERIFY(!server->running() && server->address().isEmpty());
        QCOMPARE(client.get("/v1/models").status, 0); // nothing listens any more
        server->setEnabled(true);
        server.reset(); // the setting is kept: the next start serves again
        LocalApiServer again(chat.models(), &log, settingsFile);
        QVERIFY(again.enabled() && again.running());
    }
};

QTEST_GUILESS_MAIN(TestAppServer)
#include "tst_app_server.moc"
