// The Hugging Face tab of the Models page in the real window (offscreen), driven as a user
// does: typing sends nothing until Enter; a search lists repositories; opening one lists its
// GGUF files with quant, fit and "Hearth runs it" from a ranged header read; Download puts the
// file through the verified download path, and it shows in Installed and is loaded for chat. The
// local HTTPS server plays the Hub with hand-written answers in the Hub API's documented shapes.
#include "chatcontroller.h"
#include "downloadfixture.h"
#include "modelhub.h"
#include "windowtest.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

constexpr int kWait = 30000;
const QByteArray kSearch = "/api/models?search=tiny&filter=gguf&sort=downloads&limit=30";
const QByteArray kTree = "/api/models/hearth-test/tiny-llama-GGUF/tree/main?recursive=true";
const QByteArray kFile = "/hearth-test/tiny-llama-GGUF/resolve/main/tiny-llama-Q8_0.gguf";

} // namespace

class TestHuggingFaceWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!QFile::exists(WindowTest::kLlama)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QVERIFY(home_.isValid());
        WindowTest::useScratchHome(home_);
        QVERIFY(server_.start(QStringLiteral(HEARTH_HTTPS_DATA_DIR)));
        payload_ = readFile(WindowTest::kLlama);
        server_.setRoute(kSearch, {R"([{"_id":"1","id":"hearth-test/tiny-llama-GGUF",
            "likes":2,"downloads":1234,"private":false,"gated":false,"tags":["gguf"]}])"});
        server_.setRoute(
            kTree,
            {QStringLiteral(R"([{"type":"file","oid":"a1","size":1519,"path":".gitattributes"},
            {"type":"file","oid":"b2","size":%1,"path":"tiny-llama-Q8_0.gguf",
             "lfs":{"oid":"%2","size":%1,"pointerSize":135}}])")
                 .arg(payload_.size())
                 .arg(QString::fromLatin1(sha256Hex(payload_)))
                 .toUtf8()});
        server_.setRoute(kFile, {payload_});
        QVERIFY(window_.open());
        hub_ = window_.singleton<ModelHub>("Hearth.Core", "ModelHub");
        hub_->huggingFace()->client()->setHub(server_.url(""));
        hub_->huggingFace()->client()->setSslConfiguration(server_.clientSslConfiguration());
        hub_->downloads()->setSslConfiguration(server_.clientSslConfiguration());
    }

    void cleanup() {
        const QStringList warnings = window_.takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    void cleanupTestCase() { window_.close(); }

    void searchesOpensAndDownloads() {
        window_.click(window_.item("modelsNav"));
        window_.click(window_.item("huggingFaceTab"));
        QQuickItem* query = window_.item("hfQuery");
        QTRY_VERIFY(query->isVisible());
        query->forceActiveFocus();
        window_.type("tiny");
        QTest::qWait(1000);
        QCOMPARE(server_.requestCount(), 0); // typing alone asks nothing
        QCOMPARE(hub_->networkLog()->count(), 0);
        window_.key(Qt::Key_Return);
        QQuickItem* results = window_.item("hfResults");
        QTRY_COMPARE_WITH_TIMEOUT(results->property("count").toInt(), 1, kWait);
        QCOMPARE(server_.requestCount(kSearch), 1);
        QTRY_COMPARE(hub_->networkLog()->count(), 1);

        QQuickItem* hit = nullptr;
        QTRY_VERIFY((hit = row(results, "repo", "hearth-test/tiny-llama-GGUF")) != nullptr);
        window_.click(hit);
        QQuickItem* files = window_.item("hfFiles");
        QTRY_COMPARE_WITH_TIMEOUT(files->property("count").toInt(), 1, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(!hub_->huggingFace()->busy(), kWait);
        QQuickItem* file = nullptr;
        QTRY_VERIFY((file = row(files, "name", "tiny-llama-Q8_0.gguf")) != nullptr);
        QCOMPARE(file->property("quant").toString(), QString("Q8_0"));
        QCOMPARE(file->property("runnable").toInt(), int(HfRepoModel::Runs));
        QTRY_COMPARE(child(file, "hfRunnable")->property("text").toString(),
                     QString("Hearth runs it"));
        QVERIFY(child(file, "hfFit")->isVisible());
        // The listing and the header's three ranges, each in the privacy log.
        QCOMPARE(server_.requestCount(kFile), 3);
        QCOMPARE(hub_->networkLog()->count(), 5);

        window_.click(child(file, "hfDownload"));
        const QString path = hub_->modelsFolder() + "/tiny-llama-Q8_0.gguf";
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), kWait);
        QCOMPARE(sha256Hex(readFile(path)), sha256Hex(payload_));
        QTRY_VERIFY(window_.item("hfMessage")->property("text").toString().contains("Installed"));
        window_.click(window_.item("installedTab"));
        QTRY_VERIFY_WITH_TIMEOUT(
            row(window_.item("installedList"), "fileName", "tiny-llama-Q8_0.gguf") != nullptr,
            kWait);
        // The first model on this computer: the chat loads it, and it runs.
        auto* chat = window_.singleton<ChatController>("Hearth.Core", "ChatController");
        QTRY_COMPARE_WITH_TIMEOUT(chat->models()->state(), ModelController::State::Ready, kWait);
        QCOMPARE(chat->models()->path(), path);
    }

private:
    static QQuickItem* row(QQuickItem* list, const char* property, const QString& value) {
        for (QQuickItem* i : WindowTest::descendants(list)) {
            if (i->isVisible() && i->property(property).toString() == value) {
                return i;
            }
        }
        return nullptr;
    }

    static QQuickItem* child(QQuickItem* parent, const char* name) {
        for (QQuickItem* i : WindowTest::descendants(parent)) {
            if (i->objectName() == QLatin1String(name)) {
                return i;
            }
        }
        return nullptr;
    }

    QTemporaryDir home_;
    TestHttpsServer server_;
    QByteArray payload_;
    WindowTest window_;
    ModelHub* hub_ = nullptr;
};

QTEST_MAIN(TestHuggingFaceWindow)
#include "tst_hugging_face_window.moc"
