// ModelHub, the QML singleton tying catalog, downloads and library together: no network at
// start, "coming soon" models refused, a split model downloaded end to end from a catalog and
// shown as one installed model, and the models folder moved or switched.
#include "catalogmodel.h"
#include "downloadfixture.h"
#include "gguf_writer.h"
#include "modelhub.h"
#include "partialdownload.h"
#include "synthetic_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <functional>
#include <memory>

Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

constexpr int kTimeoutMs = 20000;

class CountingNetwork : public QNetworkAccessManager {
public:
    int requests = 0;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* data) override {
        ++requests;
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

QByteArray tinyModel(uint64_t seed) {
    hearth::test::SyntheticSpec spec;
    spec.architecture = "qwen2";
    spec.n_layer = 1;
    spec.seed = seed;
    const std::vector<std::byte> bytes = hearth::test::make_synthetic_model(spec);
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

// The two parts gguf-split would make of a tiny model.
std::pair<QByteArray, QByteArray> tinySplitModel(uint64_t seed) {
    const QByteArray whole = tinyModel(seed);
    auto file = hearth::gguf::File::parse(std::as_bytes(std::span(whole.data(), whole.size())));
    const auto parts = hearth::test::split_gguf(*file, (file->tensors().size() + 1) / 2);
    const auto bytes = [](const std::vector<std::byte>& b) {
        return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
    };
    return {bytes(parts.at(0)), bytes(parts.at(1))};
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestModelHub : public QObject {
    Q_OBJECT

private slots:
    // The family badge of the model browser, as the QML expression it replaces drew it
    // (values from that expression run in Node.js): a hash of the name as the hue in degrees,
    // the first letters of its words (split at spaces and hyphens) as initials.
    void familyBadges_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<int>("degrees");
        QTest::addColumn<QString>("initials");
        QTest::newRow("one word") << "Qwen" << 358 << "Q";
        QTest::newRow("camel case") << "DeepSeek" << 331 << "D";
        QTest::newRow("hyphen") << "gpt-oss" << 94 << "GO";
        QTest::newRow("space") << "Hunyuan Dense" << 18 << "HD";
        QTest::newRow("non-ASCII")
            << QString::fromUtf8("\u00fc-Test") << 330 << QString::fromUtf8("\u00dcT");
    }
    void familyBadges() {
        QFETCH(QString, family);
        QFETCH(int, degrees);
        QFETCH(QString, initials);
        QCOMPARE(CatalogModel::familyHue(family), degrees / 360.0);
        QCOMPARE(CatalogModel::familyInitials(family), initials);
    }

    void initTestCase() { QVERIFY(server_.start(QStringLiteral(HEARTH_TEST_DATA_DIR))); }
    void init() {
        QVERIFY(root_.isValid());
        base_ = root_.path() + QLatin1Char('/') + QTest::currentTestFunction();
        QVERIFY(QDir().mkpath(base_));
    }

    void startsOfflineAndRefusesComingSoonModels() {
        CountingNetwork network;
        ModelHub hub(options(&network));
        QCOMPARE(hub.modelsFolder(), base_ + QStringLiteral("/data/models"));
        QVERIFY(hub.catalog()->count() >= 20);
        // A model whose architecture this engine does not run yet, whichever that is now.
        const auto comingSoon = std::find_if(hub.catalog()->catalog().entries.begin(),
                                             hub.catalog()->catalog().entries.end(),
                                             [](const CatalogEntry& e) { return !e.runnable(); });
        if (comingSoon != hub.catalog()->catalog().entries.end()) {
            QVERIFY(!hub.download(comingSoon->id, true));
            QVERIFY2(hub.lastError().contains(QLatin1String("coming soon")),
                     qPrintable(hub.lastError()));
        }
        QVERIFY(!hub.download(QStringLiteral("no-such-model")));
        // Each part of the 7B fits alone in 4.5 GB, both together do not.
        hub.downloads()->setFreeSpaceProvider([](const QString&) { return qint64(4500) << 20; });
        QVERIFY(!hub.download(QStringLiteral("qwen2.5-7b-instruct")));
        QVERIFY2(hub.lastError().contains(QLatin1String("free space")),
                 qPrintable(hub.lastError()));
        QCOMPARE(hub.downloads()->count(), 0);
        QTest::qWait(100);
        QCOMPARE(network.requests, 0);
    }

    // A licence that asks every user to accept it (Gemma's terms): nothing is downloaded
    // until the user said so.
    void downloadsOnlyOnceTheLicenceIsAccepted() {
        const QByteArray body = tinyModel(1);
        server_.setRoute("/hf/tiny-terms.gguf", {.body = body, .etag = "1"});
        const QString catalogPath =
            oneModelCatalog("tiny-terms", {{"/hf/tiny-terms.gguf", body}}, [](QJsonObject& e) {
                e[QStringLiteral("license")] = QJsonObject{
                    {QStringLiteral("name"), QStringLiteral("Test Terms of Use")},
                    {QStringLiteral("url"), QStringLiteral("https://example.org/terms")},
                    {QStringLiteral("requiresAcceptance"), true}};
            });
        QVERIFY(!catalogPath.isEmpty());

        ModelHub::Options opts = options(nullptr);
        opts.builtInCatalog = catalogPath;
        ModelHub hub(opts);
        hub.downloads()->setSslConfiguration(server_.clientSslConfiguration());
        QVERIFY(!hub.download(QStringLiteral("tiny-terms")));
        QVERIFY2(hub.lastError().contains(QLatin1String("accept the Test Terms of Use")),
                 qPrintable(hub.lastError()));
        QCOMPARE(hub.downloads()->count(), 0);
        QVERIFY2(hub.download(QStringLiteral("tiny-terms"), true), qPrintable(hub.lastError()));
        QTRY_COMPARE_WITH_TIMEOUT(hub.downloads()->state(QStringLiteral("tiny-terms.gguf")),
                                  DownloadManager::Done, kTimeoutMs);
    }

    // A two-part model from a catalog: both parts downloaded and verified, then listed by
    // the library as one model.
    void downloadsASplitModelFromTheCatalog() {
        const auto [part1, part2] = tinySplitModel(1);
        server_.setRoute("/hf/tiny-00001-of-00002.gguf", {.body = part1, .etag = "1"});
        server_.setRoute("/hf/tiny-00002-of-00002.gguf", {.body = part2, .etag = "2"});
        const QString catalogPath =
            oneModelCatalog("tiny-split", {{"/hf/tiny-00001-of-00002.gguf", part1},
                                           {"/hf/tiny-00002-of-00002.gguf", part2}});
        QVERIFY(!catalogPath.isEmpty());

        ModelHub::Options opts = options(nullptr);
        opts.builtInCatalog = catalogPath;
        ModelHub hub(opts);
        hub.downloads()->setSslConfiguration(server_.clientSslConfiguration());
        QCOMPARE(hub.catalog()->count(), 1);
        QVERIFY2(hub.download(QStringLiteral("tiny-split")), qPrintable(hub.lastError()));
        QCOMPARE(hub.downloads()->count(), 2);
        for (const char* name : {"tiny-00001-of-00002.gguf", "tiny-00002-of-00002.gguf"}) {
            QTRY_COMPARE_WITH_TIMEOUT(hub.downloads()->state(QString::fromLatin1(name)),
                                      DownloadManager::Done, kTimeoutMs);
        }
        QTRY_COMPARE_WITH_TIMEOUT(hub.library()->count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!hub.library()->scanning(), kTimeoutMs);
        const GgufInfo& installed = hub.library()->models().first();
        QCOMPARE(installed.splitCount, 2);
        QCOMPARE(installed.sizeBytes, qint64(part1.size() + part2.size()));
        QCOMPARE(installed.architecture, QStringLiteral("qwen2"));
        QVERIFY2(installed.runnable,
                 qPrintable(installed.problem.toString())); // the engine joins the parts
    }

    // Moving takes the models and the unfinished downloads along; the setting follows.
    void movesTheModelsFolder() {
        const QString from = base_ + QStringLiteral("/data/models");
        const QString to = base_ + QStringLiteral("/elsewhere/models");
        QVERIFY(QDir().mkpath(from));
        QVERIFY(writeFile(from + QStringLiteral("/kept.gguf"), tinyModel(3)));
        PartialDownload partial;
        partial.url = QUrl(QStringLiteral("https://huggingface.co/x/resolve/main/later.gguf"));
        partial.fileName = QStringLiteral("later.gguf");
        partial.paused = true;
        partial.validator = "\"v\"";
        QVERIFY(savePartial(from, partial).ok());
        QVERIFY(writeFile(partialDataPath(from, partial.fileName), QByteArray(100, 'p')));

        CountingNetwork network;
        {
            ModelHub hub(options(&network));
            QCOMPARE(hub.downloads()->count(), 1);
            QCOMPARE(hub.downloads()->state(QStringLiteral("later.gguf")), DownloadManager::Paused);
            QSignalSpy changed(&hub, &ModelHub::folderChangeFinished);
            hub.setModelsFolder(to, true);
            QVERIFY(hub.movingFolder());
            QVERIFY(changed.wait(kTimeoutMs));
            QVERIFY2(changed[0][0].toBool(), qPrintable(changed[0][1].toString()));
            QCOMPARE(hub.modelsFolder(), to);
            QVERIFY(QFile::exists(to + QStringLiteral("/kept.gguf")));
            QVERIFY(!QFile::exists(from + QStringLiteral("/kept.gguf")));
            QCOMPARE(QFileInfo(partialDataPath(to, QStringLiteral("later.gguf"))).size(), 100);
            QCOMPARE(hub.downloads()->count(), 1);
            QCOMPARE(hub.downloads()->state(QStringLiteral("later.gguf")), DownloadManager::Paused);
            QTRY_COMPARE_WITH_TIMEOUT(hub.library()->count(), 1, kTimeoutMs);
            QCOMPARE(hub.library()->folder(), to);

            // Re-scanning another folder moves nothing.
            const QString empty = base_ + QStringLiteral("/empty");
            hub.setModelsFolder(empty, false);
            QCOMPARE(hub.modelsFolder(), empty);
            QTRY_COMPARE_WITH_TIMEOUT(hub.library()->count(), 0, kTimeoutMs);
            QVERIFY(QFile::exists(to + QStringLiteral("/kept.gguf")));
            hub.setModelsFolder(to, false);
        }
        ModelHub restarted(options(&network));
        QCOMPARE(restarted.modelsFolder(), to);
        QCOMPARE(network.requests, 0); // a paused download stays paused
    }

    // The singleton as QML sees it, created by the engine with the default locations
    // (pointed at a temporary folder here).
    void qmlSingletonExposesTheModels() {
        qputenv("XDG_DATA_HOME", QFile::encodeName(base_ + QStringLiteral("/xdg-data")));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(base_ + QStringLiteral("/xdg-config")));
        QQmlEngine engine;
        QQmlComponent component(&engine);
        component.setData("import QtQml\nimport Hearth.Core\nQtObject {\n"
                          "  property int models: ModelHub.catalog.count\n"
                          "  property int installed: ModelHub.library.count\n"
                          "  property string folder: ModelHub.modelsFolder\n"
                          "  property int tooLarge: ModelFit.TooLarge\n"
                          "  property int done: DownloadManager.Done\n}\n",
                          QUrl());
        const std::unique_ptr<QObject> object(component.create());
        QVERIFY2(object != nullptr, qPrintable(component.errorString()));
        QVERIFY(object->property("models").toInt() >= 20);
        QCOMPARE(object->property("installed").toInt(), 0);
        QVERIFY2(
            object->property("folder").toString().startsWith(base_ + QStringLiteral("/xdg-data/")),
            qPrintable(object->property("folder").toString()));
        QCOMPARE(object->property("tooLarge").toInt(), int(ModelFit::TooLarge));
        QCOMPARE(object->property("done").toInt(), int(DownloadManager::Done));
    }

private:
    // A catalog of one model the engine runs (the built-in first entry as `id`, qwen2) whose
    // files are served at the given paths, changed by `change`; the path it was written to, or
    // "" when it could not be written.
    QString oneModelCatalog(const QString& id,
                            const QList<std::pair<QByteArray, QByteArray>>& files,
                            const std::function<void(QJsonObject&)>& change = {}) {
        QJsonObject catalog = QJsonDocument::fromJson(builtIn()).object();
        QJsonObject entry = catalog.value(QStringLiteral("models")).toArray()[0].toObject();
        entry[QStringLiteral("id")] = id;
        entry[QStringLiteral("architecture")] = QStringLiteral("qwen2");
        entry[QStringLiteral("recommendedFirst")] = false;
        QJsonArray list;
        for (const auto& [path, body] : files) {
            list.append(
                QJsonObject{{QStringLiteral("url"), server_.url(path).toString()},
                            {QStringLiteral("size"), body.size()},
                            {QStringLiteral("sha256"), QString::fromLatin1(sha256Hex(body))}});
        }
        entry[QStringLiteral("files")] = list;
        if (change) {
            change(entry);
        }
        catalog[QStringLiteral("models")] = QJsonArray{entry};
        const QString path = base_ + QStringLiteral("/catalog.json");
        return writeFile(path, QJsonDocument(catalog).toJson()) ? path : QString();
    }

    ModelHub::Options options(QNetworkAccessManager* network) const {
        ModelHub::Options o;
        o.dataFolder = base_ + QStringLiteral("/data");
        o.settingsFile = base_ + QStringLiteral("/settings.ini");
        o.builtInCatalog = QStringLiteral(":/hearth/catalog.json");
        o.network = network;
        return o;
    }
    static QByteArray builtIn() {
        QFile file(QStringLiteral(":/hearth/catalog.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    TestHttpsServer server_;
    QTemporaryDir root_;
    QString base_;
};

QTEST_GUILESS_MAIN(TestModelHub)
#include "tst_model_hub.moc"
