// Closing the window while the app is busy: the real window (offscreen) and engine, each case
// in a process of its own (CTest runs one case per entry), so that a crash on the way out
// (a worker thread outliving the objects it reports to, a queued signal to a dead object)
// fails that case. Each case closes the window the way its close button does, tears the
// QML engine down as main() does after the event loop, and checks that this took at most
// kQuitMs with no QML warning, then what is left on disk. The cases: the model loaded at
// start (before, during, after; a slow load), an answer streaming, a model download, a
// collection being indexed, an export, an import, a Hugging Face header read, read aloud,
// and a modal dialog open. (SIGTERM and a second launch: tst_app_launch.)
#include "chatcontroller.h"
#include "conversationstore.h"
#include "database.h"
#include "downloadfixture.h"
#include "exporter.h"
#include "modelcontroller.h"
#include "modelhub.h"
#include "partialdownload.h"
#include "readaloud.h"
#include "session.h"
#include "windowtest.h"

#include <QElapsedTimer>
#include <QTextToSpeech>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

constexpr int kWait = 20000;
constexpr int kLoadWait = 60000;
constexpr qint64 kQuitMs = 2000; // what "the app quits at once" means here
constexpr unsigned long kSlowLoadMs = 8000;
constexpr qsizetype kDownloadSize = 3 << 20;
constexpr int kDocuments = 400;
constexpr int kConversations = 150;

} // namespace

class TestLifecycle : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (!QFile::exists(WindowTest::kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        home_ = std::make_unique<QTemporaryDir>();
        QVERIFY(home_->isValid());
        WindowTest::useScratchHome(*home_);
        QSettings settings = WindowTest::settings();
        settings.setValue("models/imported", QStringList{WindowTest::kQwen3});
        settings.setValue("generation/temperature", 0.0);
        // The CPU loads the tiny model at once; the load cases choose "auto" themselves.
        settings.setValue("chat/backend", "cpu");
        settings.sync();
    }

    // The model loaded at start (the app's own choice, backend "auto" as a new user has it):
    // the window closed before the load starts, while it runs, and just after it ended.
    void quitWhileTheModelLoads_data() {
        QTest::addColumn<int>("moment");
        QTest::newRow("before") << int(ModelController::State::None);
        QTest::newRow("loading") << int(ModelController::State::Loading);
        QTest::newRow("loaded") << int(ModelController::State::Ready);
    }

    void quitWhileTheModelLoads() {
        QFETCH(int, moment);
        WindowTest::settings().remove("chat/backend"); // "auto", as a new user has it
        QVERIFY(w_.open());
        auto* models = w_.singleton<ModelController>("Hearth.Core", "ModelController");
        QVERIFY(models);
        // "auto" measures each backend: a minute under a sanitizer.
        if (moment != int(ModelController::State::None)) {
            QTRY_COMPARE_WITH_TIMEOUT(int(models->state()), moment, kLoadWait);
        }
        if (moment == int(ModelController::State::Loading)) {
            // Some weights are on their way: the load is truly under way.
            QTRY_VERIFY_WITH_TIMEOUT(models->loadProgress() > 0, kLoadWait);
        }
        quit();
    }

    // A big model's load takes far longer than the tiny one's: a session factory standing in
    // for it takes kSlowLoadMs and does not look at any stop request. Closing the window
    // must neither wait for it nor crash when the process ends under it.
    void quitWhileASlowLoadRuns() {
        QVERIFY(w_.open());
        auto* models = w_.singleton<ModelController>("Hearth.Core", "ModelController");
        QVERIFY(models);
        QTRY_VERIFY_WITH_TIMEOUT(models->state() != ModelController::State::Loading, kWait);
        QMetaObject::invokeMethod(
            models->generator(),
            [g = models->generator()] {
                g->setSessionFactory([](const hearth::Model& model,
                                        const hearth::SessionOptions& options,
                                        std::string* fallback, hearth::BackendChoice* choice) {
                    QThread::msleep(kSlowLoadMs);
                    return hearth::create_session(model, options, fallback, choice);
                });
            },
            Qt::BlockingQueuedConnection);
        models->unload();
        models->load(WindowTest::kQwen3);
        QCOMPARE(models->state(), ModelController::State::Loading);
        QTest::qWait(300); // the worker is inside the load now
        quit();
        // Left to end by itself (main() would end the process now instead); when the
        // factory returns, the worker drops the session and touches nothing that is gone
        // (the ASan build sees it if it does).
        QVERIFY(ModelController::workersLeftRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!ModelController::workersLeftRunning(), kSlowLoadMs + kWait);
    }

    // An answer streaming in when the window closes is kept as a stopped answer, with the
    // text shown up to then; the database stays sound and the next start shows it.
    void quitWhileAnAnswerStreams() {
        WindowTest::settings().setValue("generation/maxTokens", 400);
        QVERIFY(w_.open());
        auto* chat = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        QTRY_COMPARE_WITH_TIMEOUT(chat->models()->state(), ModelController::State::Ready, kWait);
        const QString database = chat->databasePath();
        w_.item("composerInput")->forceActiveFocus();
        w_.type("Tell me a long story");
        w_.key(Qt::Key_Return);
        QTRY_COMPARE(chat->messages()->count(), 2);
        const auto shown = [chat](int role) {
            return WindowTest::cell(chat->messages(), 1, role).toString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(shown(MessageListModel::ContentRole).size() +
                                         shown(MessageListModel::ThinkingRole).size() >
                                     20,
                                 kWait);
        QVERIFY(chat->generating());
        const QString content = shown(MessageListModel::ContentRole);
        const QString thinking = shown(MessageListModel::ThinkingRole);
        quit();

        auto store = hearth::storage::ConversationStore::open(database.toStdString());
        QVERIFY(store);
        QCOMPARE(store->database().pragma("integrity_check").value(), std::string("ok"));
        auto conversations = store->list_conversations();
        QVERIFY(conversations && conversations->size() == 1);
        auto path = store->active_path(conversations->front().id);
        QVERIFY(path && path->size() == 2);
        const hearth::storage::Message& answer = path->at(1);
        QCOMPARE(answer.status, hearth::storage::MessageStatus::Stopped);
        QCOMPARE(answer.finish_reason, hearth::storage::FinishReason::Stop);
        QCOMPARE(QString::fromStdString(answer.content), content);
        QCOMPARE(QString::fromStdString(answer.thinking), thinking);
    }

    // A download under way when the window closes keeps its bytes and their record; the
    // next start lists it at the same point and finishes it from there.
    void quitWhileAModelDownloads() {
        TestHttpsServer server;
        QVERIFY(server.start(QStringLiteral(HEARTH_HTTPS_DATA_DIR)));
        // Trusted by every request of this process, so the next start's own resume works.
        QSslConfiguration::setDefaultConfiguration(server.clientSslConfiguration());
        const QByteArray body = testPayload(kDownloadSize, 7);
        const qint64 stall = kDownloadSize * 2 / 5;
        server.setRoute("/quit.gguf", {.body = body, .etag = "q", .stallAt = stall});
        const QString file = QStringLiteral("quit.gguf");
        QVERIFY(w_.open());
        auto* hub = w_.singleton<ModelHub>("Hearth.Core", "ModelHub");
        const QString folder = hub->modelsFolder();
        QVERIFY(hub->downloads()->enqueue(testRequest(server.url("/quit.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(WindowTest::cell(hub->downloads(),
                                                   hub->downloads()->indexOf(file),
                                                   DownloadManager::BytesDoneRole)
                                      .toLongLong(),
                                  stall, kWait);
        quit(); // while the server is silent

        QCOMPARE(QFileInfo(partialDataPath(folder, file)).size(), stall);
        hearth::Result<PartialDownload> saved = loadPartial(partialSidecarPath(folder, file));
        QVERIFY(saved.ok());
        QCOMPARE(saved->bytesDone, stall);

        QVERIFY(w_.open()); // the next start takes it up by itself
        hub = w_.singleton<ModelHub>("Hearth.Core", "ModelHub");
        QCOMPARE(hub->downloads()->count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(hub->downloads()->state(file), DownloadManager::Done, kWait);
        QCOMPARE(readFile(QDir(folder).filePath(file)), body);
        QCOMPARE(server.requests().last().range, "bytes=" + QByteArray::number(stall) + '-');
        quit();
    }

    // A collection being indexed when the window closes: the pass stops at once, the index
    // stays sound, and the next start indexes the rest.
    void quitWhileACollectionIsIndexed() {
        const QString folder = home_->filePath("documents");
        QVERIFY(QDir().mkpath(folder));
        for (int i = 0; i < kDocuments; ++i) {
            QFile f(QStringLiteral("%1/note-%2.md").arg(folder).arg(i, 4, 10, QChar('0')));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int line = 0; line < 200; ++line) {
                f.write(QStringLiteral("Note %1, line %2: the quick brown fox jumps over the "
                                       "lazy dog near hearth number %3.\n")
                            .arg(i)
                            .arg(line)
                            .arg(i * 1000 + line)
                            .toUtf8());
            }
        }
        QVERIFY(w_.open());
        auto* chat = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        CollectionManager* collections = chat->collections();
        const QString index =
            QFileInfo(chat->databasePath()).dir().filePath("collections-index.db");
        QVERIFY(!collections->add(folder).isEmpty());
        const auto role = [](CollectionManager* c, int role) {
            return WindowTest::cell(c, 0, role).toInt();
        };
        QTRY_VERIFY_WITH_TIMEOUT(role(collections, CollectionManager::FilesDoneRole) > 0, kWait);
        QCOMPARE(role(collections, CollectionManager::StateRole),
                 int(CollectionManager::State::Indexing));
        QVERIFY(role(collections, CollectionManager::FilesDoneRole) < kDocuments);
        quit();

        auto db = hearth::storage::Database::open_read_only(index.toStdString());
        QVERIFY(db);
        QCOMPARE(db->pragma("integrity_check").value(), std::string("ok"));

        QVERIFY(w_.open()); // the next start goes on by itself
        collections = w_.singleton<ChatController>("Hearth.Core", "ChatController")->collections();
        QTRY_COMPARE_WITH_TIMEOUT(role(collections, CollectionManager::FilesRole), kDocuments,
                                  kWait);
        QCOMPARE(role(collections, CollectionManager::StateRole),
                 int(CollectionManager::State::Idle));
        quit();
    }

    // An export of every conversation (PDF: the slowest) when the window closes stops after
    // the file it is writing: each file in the folder is whole (a file is written in full
    // or not at all), nothing half-written is left beside them.
    void quitWhileAnExportRuns() {
        QVERIFY(fillStore(AppInfo::dataLocation() + "/conversations.db"));
        const QString folder = home_->filePath("export");
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(w_.open());
        auto* chat = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        QVERIFY(chat->exportConversation(0, Export::Pdf, Export::ShownBranch, folder));
        QTRY_VERIFY_WITH_TIMEOUT(chat->transfers()->done() > 0, kWait);
        QCOMPARE(chat->transfers()->activity(), Transfers::Exporting);
        quit();

        const QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden);
        qInfo("%lld of %d conversations exported", static_cast<long long>(files.size()),
              kConversations);
        QVERIFY2(files.size() < kConversations, qPrintable(QString::number(files.size())));
        for (const QString& name : files) {
            QVERIFY2(name.endsWith(".pdf") && !name.startsWith('.'), qPrintable(name));
            QFile f(QDir(folder).filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray pdf = f.readAll();
            QVERIFY2(pdf.startsWith("%PDF-") && pdf.trimmed().endsWith("%%EOF"), qPrintable(name));
        }
    }

    // An import under way when the window closes is rolled back whole: the database is as
    // it was (empty here) and sound.
    void quitWhileAnImportRuns() {
        const QString source = home_->filePath("source.db");
        QVERIFY(fillStore(source));
        const QString archive = home_->filePath("archive");
        {
            auto store = hearth::storage::ConversationStore::open(source.toStdString());
            QVERIFY(store);
            auto outcome = exportConversations(*store, Export::Json, archive, std::nullopt);
            QVERIFY(outcome && outcome->files.size() == 1);
        }
        QVERIFY(w_.open());
        auto* chat = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        const QString database = chat->databasePath();
        QVERIFY(chat->transfers()->importArchive(
            QDir(archive).entryList(QDir::Files).value(0).prepend(archive + '/')));
        QTRY_VERIFY_WITH_TIMEOUT(chat->transfers()->done() > 0, kWait);
        QCOMPARE(chat->transfers()->activity(), Transfers::Importing);
        quit();

        auto store = hearth::storage::ConversationStore::open(database.toStdString());
        QVERIFY(store);
        QCOMPARE(store->database().pragma("integrity_check").value(), std::string("ok"));
        auto list = store->list_conversations();
        QVERIFY(list);
        QCOMPARE(list->size(), size_t(0));
    }

    // A Hugging Face file's header being read (the server silent in the middle of it) when
    // the window closes.
    void quitWhileAHeaderIsRead() {
        TestHttpsServer server;
        QVERIFY(server.start(QStringLiteral(HEARTH_HTTPS_DATA_DIR)));
        const QByteArray payload = readFile(WindowTest::kLlama);
        const QByteArray tree = "/api/models/hearth-test/tiny-GGUF/tree/main?recursive=true";
        const QByteArray file = "/hearth-test/tiny-GGUF/resolve/main/tiny-llama-Q8_0.gguf";
        server.setRoute(tree, {QStringLiteral(R"([{"type":"file","oid":"b2","size":%1,
            "path":"tiny-llama-Q8_0.gguf","lfs":{"oid":"%2","size":%1,"pointerSize":135}}])")
                                   .arg(payload.size())
                                   .arg(QString::fromLatin1(sha256Hex(payload)))
                                   .toUtf8()});
        server.setRoute(file, {.body = payload, .stallAt = 64});
        QVERIFY(w_.open());
        auto* hub = w_.singleton<ModelHub>("Hearth.Core", "ModelHub");
        hub->huggingFace()->client()->setHub(server.url(""));
        hub->huggingFace()->client()->setSslConfiguration(server.clientSslConfiguration());
        hub->huggingFace()->open(QStringLiteral("hearth-test/tiny-GGUF"));
        QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(file), 1, kWait);
        QVERIFY(hub->huggingFace()->busy());
        quit();
    }

    // Read aloud synthesising a long paragraph (one line, many sentences) when the window
    // closes: the engine cannot be stopped inside what it was given, and the window must
    // not wait for the whole paragraph.
    void quitWhileReadAloudSpeaks() {
        if (!QTextToSpeech::availableEngines().contains(QStringLiteral("flite"))) {
            QSKIP("the flite speech engine is not installed");
        }
        qputenv("HEARTH_SPEECH_ENGINE", "flite");
        QVERIFY(w_.open());
        auto* reader = w_.singleton<ReadAloud>("Hearth.Core", "ReadAloud");
        QTRY_VERIFY(reader->available());
        QString paragraph;
        for (int i = 0; i < 300; ++i) {
            paragraph += QStringLiteral("This is sentence %1 of a long answer. ").arg(i);
        }
        reader->toggle(1, paragraph);
        QCOMPARE(reader->speakingId(), qint64(1));
        quit(); // while flite synthesises
    }

    // The window's close button while a modal dialog is open: the export dialog (with an
    // export running in it), the folder dialog opened from it on top, the model file
    // dialog.
    void quitWithADialogOpen_data() {
        QTest::addColumn<QString>("dialog");
        QTest::newRow("export") << "export";
        QTest::newRow("folder") << "folder";
        QTest::newRow("import") << "import";
    }

    void quitWithADialogOpen() {
        QFETCH(QString, dialog);
        QVERIFY(fillStore(AppInfo::dataLocation() + "/conversations.db"));
        QVERIFY(w_.open());
        auto* chat = w_.singleton<ChatController>("Hearth.Core", "ChatController");
        QTRY_COMPARE(chat->conversations()->count(), kConversations);
        if (dialog == "import") {
            QObject* files = w_.window()->findChild<QObject*>("importDialog");
            QVERIFY(files);
            QVERIFY(QMetaObject::invokeMethod(files, "open"));
            QTRY_VERIFY(files->property("visible").toBool());
        } else {
            QVERIFY(QMetaObject::invokeMethod(w_.window(), "exportConversation",
                                              Q_ARG(QVariant, QVariant(0)),
                                              Q_ARG(QVariant, int(Export::Pdf))));
            QTRY_VERIFY(w_.shows("exportFolder"));
            w_.item("exportFolder")->setProperty("text", home_->filePath("export"));
            if (dialog == "folder") {
                w_.click(w_.item("chooseExportFolder"));
                QTRY_VERIFY(anyFolderDialogShows());
            } else {
                QVERIFY(QDir().mkpath(home_->filePath("export")));
                QVERIFY(QMetaObject::invokeMethod(w_.object("exportDialog"), "start"));
                QTRY_VERIFY(chat->transfers()->done() > 0);
            }
        }
        quit();
    }

private:
    // Whether one of the window's FolderDialogs is open.
    bool anyFolderDialogShows() const {
        for (QObject* o : w_.window()->findChildren<QObject*>()) {
            if (QByteArray(o->metaObject()->className()).contains("FolderDialog") &&
                o->property("visible").toBool()) {
                return true;
            }
        }
        return false;
    }

    // kConversations conversations of ten questions and answers each.
    static bool fillStore(const QString& path) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        auto store = hearth::storage::ConversationStore::open(path.toStdString());
        if (!store) {
            return false;
        }
        const std::string words(400, 'w');
        for (int c = 0; c < kConversations; ++c) {
            auto conversation = store->create_conversation({"Conversation " + std::to_string(c)});
            if (!conversation) {
                return false;
            }
            std::optional<int64_t> parent;
            for (int turn = 0; turn < 10; ++turn) {
                const std::string n = std::to_string(turn);
                auto q = store->add_message(conversation->id, parent, hearth::storage::Role::User,
                                            "question " + n + " " + words);
                auto a = q ? store->add_message(conversation->id, q->id,
                                                hearth::storage::Role::Assistant,
                                                words + " answer " + n + ".")
                           : q;
                if (!a) {
                    return false;
                }
                parent = a->id;
            }
        }
        return true;
    }

    // What the close button and main() do: the window closes (the last one: the event loop
    // ends), then the QML engine and its singletons go.
    void quit() {
        QElapsedTimer clock;
        clock.start();
        w_.window()->close();
        w_.close();
        const qint64 ms = clock.elapsed();
        qInfo("quit took %lld ms", static_cast<long long>(ms));
        QVERIFY2(ms <= kQuitMs, qPrintable(QString::number(ms)));
        // Nothing in QML ran into something already gone on the way out.
        const QStringList warnings = w_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    std::unique_ptr<QTemporaryDir> home_;
    WindowTest w_;
};

QTEST_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
