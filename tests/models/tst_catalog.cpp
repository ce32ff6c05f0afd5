// The model catalog: the built-in catalog is valid and complete, loads without any network
// request, invalid catalogs are refused with a message naming the field, a refreshed catalog
// replaces the built-in one only when it is valid, and the "fits" labels.
#include "catalogmodel.h"
#include "model/model_config.h"
#include "testhttpsserver.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>

namespace {

// Counts every request made through it: "no network" is checked, not assumed.
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

QByteArray builtInBytes() {
    QFile file(CatalogModel::kBuiltInPath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject builtInObject() {
    return QJsonDocument::fromJson(builtInBytes()).object();
}

// The built-in catalog with one change to its first model, for the invalid-catalog cases.
QByteArray withFirstModel(const std::function<void(QJsonObject&)>& change) {
    QJsonObject root = builtInObject();
    QJsonArray models = root.value(QStringLiteral("models")).toArray();
    QJsonObject first = models[0].toObject();
    change(first);
    models[0] = first;
    root[QStringLiteral("models")] = models;
    return QJsonDocument(root).toJson();
}

QJsonObject firstFile(const QJsonObject& model) {
    return model.value(QStringLiteral("files")).toArray()[0].toObject();
}

void setFirstFile(QJsonObject& model, const QJsonObject& file) {
    QJsonArray files = model.value(QStringLiteral("files")).toArray();
    files[0] = file;
    model[QStringLiteral("files")] = files;
}

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT

private slots:
    void builtInCatalogIsValidAndComplete() {
        hearth::Result<Catalog> catalog = parseCatalog(builtInBytes());
        QVERIFY2(catalog.ok(), catalog.ok() ? "" : catalog.error().message.c_str());
        // Every model the catalog offers, in its order.
        const QStringList ids = {
            QStringLiteral("qwen3-0.6b"),
            QStringLiteral("qwen3-1.7b"),
            QStringLiteral("qwen3-4b"),
            QStringLiteral("qwen3-8b"),
            QStringLiteral("qwen3-30b-a3b"),
            QStringLiteral("qwen3-30b-a3b-instruct-2507"),
            QStringLiteral("qwen2.5-0.5b-instruct"),
            QStringLiteral("qwen2.5-1.5b-instruct"),
            QStringLiteral("qwen2.5-3b-instruct"),
            QStringLiteral("qwen2.5-7b-instruct"),
            QStringLiteral("deepseek-r1-distill-qwen-1.5b"),
            QStringLiteral("deepseek-r1-distill-qwen-7b"),
            QStringLiteral("deepseek-r1-distill-llama-8b"),
            QStringLiteral("llama-3.2-1b-instruct"),
            QStringLiteral("llama-3.2-3b-instruct"),
            QStringLiteral("llama-3.1-8b-instruct"),
            QStringLiteral("gemma-3-1b-it"),
            QStringLiteral("gemma-3-4b-it"),
            QStringLiteral("phi-4-mini-instruct"),
            QStringLiteral("smollm3-3b"),
            QStringLiteral("granite-3.3-2b-instruct"),
            QStringLiteral("mistral-7b-instruct-v0.3"),
            QStringLiteral("ministral-3-3b-instruct-2512"),
            QStringLiteral("hunyuan-1.8b-instruct"),
            QStringLiteral("gpt-oss-20b"),
            QStringLiteral("seed-oss-36b-instruct"),
        };
        QStringList listed;
        for (const CatalogEntry& entry : catalog->entries) {
            listed << entry.id;
        }
        QCOMPARE(listed, ids);
        // A model is offered exactly when the engine runs its architecture (otherwise it is
        // "coming soon"); what is offered has exact sizes and a SHA-256 per file.
        QStringList supported;
        for (const hearth::ArchitectureTraits& a : hearth::supported_architectures()) {
            supported << QString::fromUtf8(a.name.data(), qsizetype(a.name.size()));
        }
        for (const CatalogEntry& entry : catalog->entries) {
            QCOMPARE(entry.runnable(), supported.contains(entry.architecture));
            // Except Seed-OSS, whose publishers list only a rounded size and no hash we could
            // confirm twice: its download is checked against the server's size alone.
            if (entry.runnable() && entry.id != QLatin1String("seed-oss-36b-instruct")) {
                QVERIFY2(entry.hasChecksums() && !entry.sizeApproximate(), qPrintable(entry.id));
            }
            // Gemma's terms ask every user to accept them; no other licence here does.
            QCOMPARE(entry.licenseRequiresAcceptance, entry.family == QLatin1String("Gemma"));
        }
        QCOMPARE(catalog->find(QStringLiteral("qwen2.5-7b-instruct"))->files.size(), 2);
        QCOMPARE(catalog->find(QStringLiteral("qwen2.5-7b-instruct"))->totalSize(),
                 qint64(3993201344) + qint64(689872288));
        const auto recommended =
            std::count_if(catalog->entries.begin(), catalog->entries.end(),
                          [](const CatalogEntry& e) { return e.recommendedFirst; });
        QCOMPARE(recommended, 1);
        for (const CatalogEntry& entry : catalog->entries) {
            for (const CatalogFile& file : entry.files) {
                QCOMPARE(file.url.host(), QStringLiteral("huggingface.co"));
            }
        }
    }

    // Loading (built-in and cached) never touches the network.
    void loadsWithTheNetworkUntouched() {
        CountingNetwork network;
        CatalogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNetworkAccessManager(&network);
        QTemporaryDir dir;
        model.setCachePath(dir.filePath(QStringLiteral("catalog.json")));
        QVERIFY(model.load());
        QVERIFY(model.count() >= 20);
        QVERIFY(!model.usingRefreshed());
        QCOMPARE(network.requests, 0);
        const int row = model.indexOf(QStringLiteral("gpt-oss-20b"));
        QVERIFY(row >= 0);
        QCOMPARE(model.data(model.index(row), CatalogModel::ComingSoonRole).toBool(), false);
        QCOMPARE(model.data(model.index(row), CatalogModel::QuantRole).toString(),
                 QStringLiteral("MXFP4"));
        QCOMPARE(
            model.data(model.index(row), CatalogModel::ActiveParametersBillionsRole).toDouble(),
            3.6);
        const QModelIndex qwen = model.index(model.indexOf(QStringLiteral("qwen3-1.7b")));
        QCOMPARE(model.data(qwen, CatalogModel::ComingSoonRole).toBool(), false);
        QCOMPARE(model.data(qwen, CatalogModel::RecommendedRole).toBool(), true);
        QCOMPARE(model.data(qwen, CatalogModel::SizeRole).toLongLong(), qint64(1834426016));
        QVERIFY(model.roleNames().values().contains("comingSoon"));
    }

    void invalidCatalogsAreRefused_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // part of the message
        auto root = [](const std::function<void(QJsonObject&)>& change) {
            QJsonObject object = builtInObject();
            change(object);
            return QJsonDocument(object).toJson();
        };
        QTest::newRow("not json") << QByteArray("{\"schema\": ") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[]") << "JSON object";
        QTest::newRow("schema") << root([](QJsonObject& o) {
            o[QStringLiteral("schema")] = QStringLiteral("x");
        }) << "schema";
        QTest::newRow("newer version")
            << root([](QJsonObject& o) { o[QStringLiteral("schemaVersion")] = 2; })
            << "update Hearth";
        QTest::newRow("no models")
            << root([](QJsonObject& o) { o.remove(QStringLiteral("models")); })
            << "\"models\" is missing";
        QTest::newRow("version date") << root([](QJsonObject& o) {
            o[QStringLiteral("catalogVersion")] = QStringLiteral("soon");
        }) << "catalogVersion";
        QTest::newRow("size as text") << withFirstModel([](QJsonObject& m) {
            QJsonObject f = firstFile(m);
            f[QStringLiteral("size")] = QStringLiteral("639446688");
            setFirstFile(m, f);
        }) << "\"size\" must be a number";
        QTest::newRow("fractional size") << withFirstModel([](QJsonObject& m) {
            QJsonObject f = firstFile(m);
            f[QStringLiteral("size")] = 10.5;
            setFirstFile(m, f);
        }) << "\"size\" is out of range";
        QTest::newRow("more active than all parameters") << withFirstModel([](QJsonObject& m) {
            m[QStringLiteral("activeParametersBillions")] =
                m[QStringLiteral("parametersBillions")].toDouble() * 2;
        }) << "activeParametersBillions";
        QTest::newRow("http url") << withFirstModel([](QJsonObject& m) {
            QJsonObject f = firstFile(m);
            f[QStringLiteral("url")] = QStringLiteral("http://huggingface.co/a/b.gguf");
            setFirstFile(m, f);
        }) << "https://";
        QTest::newRow("not gguf") << withFirstModel([](QJsonObject& m) {
            QJsonObject f = firstFile(m);
            f[QStringLiteral("url")] = QStringLiteral("https://huggingface.co/a/run.sh");
            setFirstFile(m, f);
        }) << ".gguf";
        QTest::newRow("dot name") << withFirstModel([](QJsonObject& m) {
            QJsonObject f = firstFile(m);
            f[QStringLiteral("url")] = QStringLiteral("https://huggingface.co/a/%2E%2E.gguf");
            setFirstFile(m, f);
        }) << ".gguf";
        QTest::newRow("bad sha") << withFirstModel([](QJsonObject& m) {
            QJsonObject f = firstFile(m);
            f[QStringLiteral("sha256")] = QStringLiteral("ABC");
            setFirstFile(m, f);
        }) << "sha256";
        QTest::newRow("bad id") << withFirstModel([](QJsonObject& m) {
            m[QStringLiteral("id")] = QStringLiteral("Qwen 3");
        }) << "\"id\"";
        QTest::newRow("missing license")
            << withFirstModel([](QJsonObject& m) { m.remove(QStringLiteral("license")); })
            << "models[0] (qwen3-0.6b): \"license\" is missing";
        QTest::newRow("acceptance as text") << withFirstModel([](QJsonObject& m) {
            QJsonObject l = m.value(QStringLiteral("license")).toObject();
            l[QStringLiteral("requiresAcceptance")] = QStringLiteral("yes");
            m[QStringLiteral("license")] = l;
        }) << "requiresAcceptance";
        QTest::newRow("topP") << withFirstModel([](QJsonObject& m) {
            QJsonObject s = m.value(QStringLiteral("sampling")).toObject();
            s[QStringLiteral("topP")] = 2;
            m[QStringLiteral("sampling")] = s;
        }) << "topP";
        QTest::newRow("duplicate id") << root([](QJsonObject& o) {
            QJsonArray models = o.value(QStringLiteral("models")).toArray();
            models.append(models[0]);
            o[QStringLiteral("models")] = models;
        }) << "used twice";
        QTest::newRow("two recommended")
            << withFirstModel([](QJsonObject& m) { m[QStringLiteral("recommendedFirst")] = true; })
            << "recommendedFirst";
        QTest::newRow("split order") << withFirstModel([](QJsonObject& m) {
            QJsonObject a = firstFile(m);
            QJsonObject b = a;
            a[QStringLiteral("url")] = QStringLiteral("https://h.example/m-00002-of-00002.gguf");
            b[QStringLiteral("url")] = QStringLiteral("https://h.example/m-00001-of-00002.gguf");
            m[QStringLiteral("files")] = QJsonArray{a, b};
        }) << "split";
    }

    void invalidCatalogsAreRefused() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        hearth::Result<Catalog> catalog = parseCatalog(json);
        QVERIFY(!catalog.ok());
        const QString message = QString::fromStdString(catalog.error().message);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void refreshedCatalogReplacesTheBuiltInOne() {
        QJsonObject root = builtInObject();
        root[QStringLiteral("catalogVersion")] = QStringLiteral("2099-01-01");
        QJsonArray models = root.value(QStringLiteral("models")).toArray();
        models.removeLast();
        root[QStringLiteral("models")] = models;
        const QByteArray fresh = QJsonDocument(root).toJson();
        server_.setRoute("/catalog.json", {.body = fresh});

        QTemporaryDir dir;
        const QString cache = dir.filePath(QStringLiteral("refreshed.json"));
        CatalogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCachePath(cache);
        model.setSslConfiguration(server_.clientSslConfiguration());
        model.setRefreshUrl(server_.url("/catalog.json"));
        QVERIFY(model.load());
        const int builtIn = model.count();
        QSignalSpy finished(&model, &CatalogModel::refreshFinished);
        model.refresh();
        QVERIFY(model.refreshing());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished[0][0].toBool(), true);
        QCOMPARE(model.count(), builtIn - 1);
        QVERIFY(model.usingRefreshed());
        QCOMPARE(model.catalogVersion(), QStringLiteral("2099-01-01"));
        QVERIFY(model.lastError().isEmpty());

        // The next start uses the kept copy, still without the network.
        CatalogModel restarted;
        restarted.setCachePath(cache);
        QVERIFY(restarted.load());
        QVERIFY(restarted.usingRefreshed());
        QCOMPARE(restarted.count(), builtIn - 1);
    }

    void corruptRefreshKeepsTheBuiltInCatalog_data() {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("expected");
        server_.setRoute("/garbage.json",
                         {.body = QByteArray("{\"schema\": \"hearth-catalog\", \"sch")});
        server_.setRoute("/badfield.json", {.body = withFirstModel([](QJsonObject& m) {
                                                m[QStringLiteral("contextLength")] = -1;
                                            })});
        server_.setRoute("/error.json", {.status = 500});
        QUrl insecure = server_.url("/garbage.json");
        insecure.setScheme(QStringLiteral("http"));
        server_.setRoute("/tohttp.json", {.status = 302, .location = insecure.toEncoded()});
        server_.setRoute("/huge.json",
                         {.body = QByteArray(CatalogModel::kMaxCatalogBytes + 10, ' ')});
        QTest::newRow("truncated json") << QByteArray("/garbage.json") << "invalid";
        QTest::newRow("invalid field") << QByteArray("/badfield.json") << "contextLength";
        QTest::newRow("server error") << QByteArray("/error.json") << "Could not reach";
        QTest::newRow("redirect to http") << QByteArray("/tohttp.json") << "Could not reach";
        QTest::newRow("too large") << QByteArray("/huge.json") << "too large";
    }

    void corruptRefreshKeepsTheBuiltInCatalog() {
        QFETCH(QByteArray, path);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString cache = dir.filePath(QStringLiteral("refreshed.json"));
        CatalogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCachePath(cache);
        model.setSslConfiguration(server_.clientSslConfiguration());
        model.setRefreshUrl(server_.url(path));
        QVERIFY(model.load());
        const int before = model.count();
        const QString version = model.catalogVersion();
        QSignalSpy finished(&model, &CatalogModel::refreshFinished);
        model.refresh();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished[0][0].toBool(), false);
        QVERIFY2(model.lastError().contains(expected), qPrintable(model.lastError()));
        QVERIFY(model.lastError().contains(QLatin1String("kept")));
        QCOMPARE(model.count(), before);
        QCOMPARE(model.catalogVersion(), version);
        QVERIFY(!model.usingRefreshed());
        QVERIFY(!QFile::exists(cache));
    }

    void refreshNeedsAnHttpsAddress() {
        CountingNetwork network;
        CatalogModel model;
        model.setNetworkAccessManager(&network);
        QVERIFY(model.load());
        // Without an address the action is not offered at all (the window hides it).
        QVERIFY(!model.canRefresh());
        QSignalSpy offered(&model, &CatalogModel::refreshUrlChanged);
        model.setRefreshUrl(QUrl(QStringLiteral("http://example.org/catalog.json")));
        QVERIFY(model.canRefresh());
        QCOMPARE(offered.count(), 1);
        QSignalSpy finished(&model, &CatalogModel::refreshFinished);
        model.refresh();
        QCOMPARE(finished.size(), 1);
        QVERIFY(model.lastError().contains(QLatin1String("https://")));
        QCOMPARE(network.requests, 0);
    }

    void fitLabels() {
        const Catalog catalog = *parseCatalog(builtInBytes());
        const CatalogEntry& small = *catalog.find(QStringLiteral("qwen3-0.6b"));
        // K and V: 28 layers x 8192 positions x 8 heads x 128 dims x 2 bytes each.
        QCOMPARE(kvCacheBytes(*small.kvCache, 8192), qint64(2) * 28 * 8192 * 8 * 128 * 2);
        const qint64 need = requiredBytes(small);
        QCOMPARE(need,
                 small.totalSize() + kvCacheBytes(*small.kvCache, 8192) + 512LL * 1000 * 1000);
        const qint64 gb = 1000LL * 1000 * 1000;
        QCOMPARE(estimateFit(need, {.ramAvailable = 16 * gb}), ModelFit::Fits);
        QCOMPARE(estimateFit(need, {.ramAvailable = need + need / 10}), ModelFit::Tight);
        QCOMPARE(estimateFit(need, {.ramAvailable = need - 1}), ModelFit::TooLarge);
        QCOMPARE(estimateFit(need, {.ramAvailable = 1 * gb, .vram = 8 * gb}), ModelFit::Fits);
        QCOMPARE(estimateFit(need, {}), ModelFit::Unknown);
        const CatalogEntry& big = *catalog.find(QStringLiteral("seed-oss-36b-instruct"));
        QVERIFY(!big.kvCache); // unknown shape: estimated from the weights
        QCOMPARE(requiredBytes(big), big.totalSize() + big.totalSize() / 8 + 512LL * 1000 * 1000);
        QCOMPARE(estimateFit(requiredBytes(big), {.ramAvailable = 16 * gb}), ModelFit::TooLarge);

        CatalogModel model;
        QVERIFY(model.load());
        model.setMemoryBudget({.ramAvailable = 16 * gb});
        QCOMPARE(model
                     .data(model.index(model.indexOf(QStringLiteral("qwen3-0.6b"))),
                           CatalogModel::FitRole)
                     .toInt(),
                 int(ModelFit::Fits));
        QCOMPARE(model
                     .data(model.index(model.indexOf(QStringLiteral("seed-oss-36b-instruct"))),
                           CatalogModel::FitRole)
                     .toInt(),
                 int(ModelFit::TooLarge));
    }

    // Speed here: tokens/s = 80% of the read bandwidth over the bytes each token reads (the
    // weights, or a mixture of experts' active share of them); below 4 tokens/s a model that fits
    // is Slow. The first model offered is the recommended one while it answers at 8 tokens/s or
    // more, else the largest runnable one that does, else the fastest that fits.
    void speedLabelsAndTheFirstModel() {
        const qint64 gb = 1000LL * 1000 * 1000;
        QCOMPARE(estimatedTokensPerSecond(2 * gb, 20.0), 8.0);
        QCOMPARE(estimatedTokensPerSecond(2 * gb, 0.0), 0.0);
        QCOMPARE(estimateFit(3 * gb, {.ramAvailable = 16 * gb}, 3.9), ModelFit::Slow);
        QCOMPARE(estimateFit(3 * gb, {.ramAvailable = 16 * gb}, 4.0), ModelFit::Fits);
        QCOMPARE(estimateFit(3 * gb, {.ramAvailable = 16 * gb}, 0.0), ModelFit::Fits);
        QCOMPARE(estimateFit(30 * gb, {.ramAvailable = 16 * gb}, 1.0), ModelFit::TooLarge);

        CatalogModel model;
        QAbstractItemModelTester tester(&model);
        QVERIFY(model.load());
        model.setMemoryBudget({.ramAvailable = 64 * gb});
        const Catalog& catalog = model.catalog();
        auto runnable_rows = [&] {
            std::vector<int> rows;
            for (int row = 0; row < model.count(); ++row) {
                if (catalog.entries[size_t(row)].runnable()) {
                    rows.push_back(row);
                }
            }
            return rows;
        };
        const int recommended = model.firstModelIndex(); // speed unknown: the recommended one
        QVERIFY(recommended >= 0 && catalog.entries[size_t(recommended)].recommendedFirst);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const double fast = 2000.0; // GB/s: every model fast enough
        model.setReadBandwidth(fast);
        QCOMPARE(changed.size(), 1);
        for (int row : runnable_rows()) {
            const CatalogEntry& e = catalog.entries[size_t(row)];
            const double share = e.activeParametersBillions > 0
                                     ? e.activeParametersBillions / e.parametersBillions
                                     : 1.0;
            QCOMPARE(model.data(model.index(row), CatalogModel::EstimatedSpeedRole).toDouble(),
                     0.8 * fast * 1e9 / double(qint64(double(e.totalSize()) * share)));
        }
        // The mixtures of experts read a few GB per token, not their whole file.
        for (const char* id : {"qwen3-30b-a3b", "qwen3-30b-a3b-instruct-2507"}) {
            const CatalogEntry* moe = catalog.find(QString::fromLatin1(id));
            QVERIFY(moe != nullptr && moe->runnable());
            QVERIFY(moe->bytesPerToken() < moe->totalSize() / 9);
        }
        QCOMPARE(model.firstModelIndex(), recommended);

        // Just too slow for the recommended model: the largest model fast enough instead.
        const qint64 size = catalog.entries[size_t(recommended)].totalSize();
        const double slower = 7.9 * double(size) / 0.8 / 1e9;
        model.setReadBandwidth(slower);
        const int offered = model.firstModelIndex();
        QVERIFY(offered >= 0 && offered != recommended);
        QVERIFY(model.data(model.index(offered), CatalogModel::EstimatedSpeedRole).toDouble() >=
                8.0);
        for (int row : runnable_rows()) {
            if (model.data(model.index(row), CatalogModel::EstimatedSpeedRole).toDouble() >= 8.0 &&
                model.data(model.index(row), CatalogModel::FitRole).toInt() != ModelFit::TooLarge) {
                QVERIFY(catalog.entries[size_t(row)].parametersBillions <=
                        catalog.entries[size_t(offered)].parametersBillions);
            }
        }

        // Nothing fast enough: the smallest runnable model; the slowest are labelled Slow.
        model.setReadBandwidth(0.01);
        const int smallest = model.firstModelIndex();
        for (int row : runnable_rows()) {
            QVERIFY(catalog.entries[size_t(row)].totalSize() >=
                    catalog.entries[size_t(smallest)].totalSize());
            QCOMPARE(model.data(model.index(row), CatalogModel::FitRole).toInt(),
                     int(ModelFit::Slow));
        }
    }

    void initTestCase() { QVERIFY(server_.start(QStringLiteral(HEARTH_TEST_DATA_DIR))); }

private:
    TestHttpsServer server_;
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
