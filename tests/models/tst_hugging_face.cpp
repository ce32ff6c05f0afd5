// Hugging Face models (app/models/hf*, huggingface.*) against the local HTTPS server, which
// plays the Hub: recorded answers written by hand from the Hub API's documented shapes
// (https://huggingface.co/docs/hub/api: /api/models search, /api/models/<repo>/tree/<rev>
// with LFS metadata) and the shared tiny GGUF models served with Range support.
//
// Independent facts used: the tiny llama's GGUF header (tensor data offset 726,208 bytes,
// from the gguf Python package's GGUFReader.data_offset in the llama.cpp reference root), and
// the files' SHA-256 computed here with QCryptographicHash from the files themselves.
#include "downloadfixture.h"
#include "gguf_writer.h"
#include "huggingface.h"
#include "networklog.h"
#include "synthetic_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

Q_DECLARE_METATYPE(TestRoute)

namespace {

constexpr int kTimeoutMs = 15000;
const QString kModels = QStringLiteral(HEARTH_MODELS_DIR "/tiny/");
constexpr qint64 kTinyLlamaDataOffset = 726208;  // GGUFReader(...).data_offset
constexpr qint64 kTinyQwen3DataOffset = 5930240; // a 151,936-token vocabulary with merges

QByteArray bytesOf(const std::vector<std::byte>& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

// One entry of a tree listing, as the Hub writes it for a file stored in LFS.
QByteArray treeEntry(const QString& path, const QByteArray& body) {
    return QStringLiteral(R"({"type":"file","oid":"0123456789abcdef0123456789abcdef01234567",)"
                          R"("size":%1,"lfs":{"oid":"%2","size":%1,"pointerSize":135},)"
                          R"("path":"%3"})")
        .arg(body.size())
        .arg(QString::fromLatin1(sha256Hex(body)), path)
        .toUtf8();
}

// A GGUF file whose configuration names an architecture Hearth does not know.
QByteArray unknownArchitecture() {
    hearth::test::GgufWriter writer;
    writer.set_string("general.architecture", "nosuchformer");
    writer.set_string("general.license", "apache-2.0");
    writer.set_u32("nosuchformer.context_length", 4096);
    writer.add_tensor("token_embd.weight", hearth::GgmlType::F32, {32, 4},
                      std::vector<std::byte>(32 * 4 * 4));
    return bytesOf(writer.serialize());
}

} // namespace

class TestHuggingFace : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(server_.start(QStringLiteral(HEARTH_TEST_DATA_DIR)));
        q4_ = readFile(kModels + QStringLiteral("tiny-llama-Q4_0.gguf"));
        q8_ = readFile(kModels + QStringLiteral("tiny-llama-Q8_0.gguf"));
        qwen3_ = readFile(kModels + QStringLiteral("tiny-qwen3-Q8_0.gguf"));
        if (q4_.isEmpty() || q8_.isEmpty() || qwen3_.isEmpty()) {
            QSKIP("the shared tiny models are not here (HEARTH_MODELS_DIR)");
        }
        // A repository with two quantizations, a README and a sub-folder.
        const QByteArray tree =
            "[{\"type\":\"file\",\"oid\":\"aa11\",\"size\":1519,\"path\":\".gitattributes\"},"
            "{\"type\":\"file\",\"oid\":\"bb22\",\"size\":120,\"path\":\"README.md\"},"
            "{\"type\":\"directory\",\"oid\":\"cc33\",\"size\":0,\"path\":\"extra\"}," +
            treeEntry("tiny-llama-Q8_0.gguf", q8_) + "," + treeEntry("tiny-llama-Q4_0.gguf", q4_) +
            "]";
        server_.setRoute(kTree, {tree});
        server_.setRoute(kFile + "tiny-llama-Q4_0.gguf", {q4_});
        server_.setRoute(kFile + "tiny-llama-Q8_0.gguf", {q8_});
    }

    void init() {
        QVERIFY(folder_.isValid());
        log_ = std::make_unique<NetworkLog>();
        client_ = std::make_unique<HfClient>(log_->manager());
        client_->setSslConfiguration(server_.clientSslConfiguration());
        client_->setHub(server_.url(""));
        downloads_ = std::make_unique<DownloadFixture>(server_, folder_.path());
        hf_ = std::make_unique<HuggingFace>(client_.get(), downloads_->manager.get());
        filesTester_ = std::make_unique<QAbstractItemModelTester>(
            hf_->files(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        resultsTester_ = std::make_unique<QAbstractItemModelTester>(
            hf_->results(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        server_.clearLog();
    }

    void cleanup() {
        filesTester_.reset();
        resultsTester_.reset();
        hf_.reset();
        downloads_.reset();
        client_.reset();
        log_.reset();
    }

    void readsWhatWasTyped_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("file");
        using K = HfQuery::Kind;
        QTest::newRow("words") << "qwen coder" << int(K::Search) << "" << "" << "";
        QTest::newRow("repo") << " Qwen/Qwen2.5-0.5B-Instruct-GGUF " << int(K::Repository)
                              << "Qwen/Qwen2.5-0.5B-Instruct-GGUF" << "" << "";
        QTest::newRow("repo page") << "https://huggingface.co/bartowski/Llama-3.2-1B-GGUF"
                                   << int(K::Repository) << "bartowski/Llama-3.2-1B-GGUF" << ""
                                   << "";
        QTest::newRow("blob") << "https://huggingface.co/a/b-GGUF/blob/main/b-Q4_K_M.gguf"
                              << int(K::File) << "a/b-GGUF" << "main" << "b-Q4_K_M.gguf";
        QTest::newRow("resolve in folder")
            << "https://huggingface.co/a/b/resolve/v1.0/Q8_0/b-Q8_0-00001-of-00002.gguf"
            << int(K::File) << "a/b" << "v1.0" << "Q8_0/b-Q8_0-00001-of-00002.gguf";
        QTest::newRow("other host") << "https://example.com/a/b" << int(K::Search) << "" << ""
                                    << "";
        QTest::newRow("plain http") << "http://huggingface.co/a/b" << int(K::Search) << "" << ""
                                    << "";
        QTest::newRow("three parts") << "a/b/c" << int(K::Search) << "" << "" << "";
        QTest::newRow("dot dot") << "../b" << int(K::Search) << "" << "" << "";
    }

    void readsWhatWasTyped() {
        QFETCH(QString, input);
        QFETCH(int, kind);
        const HfQuery query = parseHfQuery(input);
        QCOMPARE(int(query.kind), kind);
        QTEST(query.repo, "repo");
        QTEST(query.revision, "revision");
        QTEST(query.file, "file");
    }

    // Search words reach the Hub as one query value, whatever they contain.
    void searchWordsAreEncoded() {
        const QUrl url = hfSearchUrl(QUrl("https://huggingface.co"), "a&b c+d=中", 30);
        QCOMPARE(url.toString(QUrl::FullyEncoded),
                 QString("https://huggingface.co/api/models?search=a%26b%20c%2Bd%3D%E4%B8%AD"
                         "&filter=gguf&sort=downloads&limit=30"));
        QCOMPARE(hfFileUrl(QUrl("https://huggingface.co"), "a/b", "main", "Q8/x y.gguf")
                     .toString(QUrl::FullyEncoded),
                 QString("https://huggingface.co/a/b/resolve/main/Q8/x%20y.gguf"));
    }

    void quantsFromNamesAndSplitParts() {
        QCOMPARE(quantFromFileName("Llama-3.2-1B-Instruct-Q4_K_M.gguf"), QString("Q4_K_M"));
        QCOMPARE(quantFromFileName("qwen2.5-0.5b-instruct-q8_0.gguf"), QString("Q8_0"));
        QCOMPARE(quantFromFileName("model.IQ2_XXS.gguf"), QString("IQ2_XXS"));
        QCOMPARE(quantFromFileName("gemma-3-1b-it-BF16.gguf"), QString("BF16"));
        QCOMPARE(quantFromFileName("mmproj.gguf"), QString());
        const QList<HfFile> files = {{"big-Q8_0-00002-of-00002.gguf", 5, "b"},
                                     {"big-Q8_0-00001-of-00002.gguf", 7, "a"},
                                     {"half-Q2_K-00001-of-00003.gguf", 1, "c"},
                                     {"small-Q4_0.gguf", 3, "d"}};
        QStringList incomplete;
        const QList<HfModelFile> models = groupHfModels(files, &incomplete);
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].name, QString("small-Q4_0.gguf"));
        QCOMPARE(models[1].name, QString("big-Q8_0.gguf"));
        QCOMPARE(models[1].parts.size(), 2);
        QCOMPARE(models[1].parts[0].sha256, QByteArray("a")); // part order, not listing order
        QCOMPARE(models[1].totalSize(), 12);
        QCOMPARE(incomplete, QStringList{"half-Q2_K"});
    }

    void searchesOnlyWhenAsked() {
        const QByteArray path =
            "/api/models?search=tiny%20llama&filter=gguf&sort=downloads&limit=30";
        server_.setRoute(path, {R"([{"_id":"65f1","id":"hearth-test/tiny-llama-GGUF","likes":3,
            "downloads":1200,"private":false,"gated":false,"tags":["gguf","llama"],
            "pipeline_tag":"text-generation","library_name":"gguf",
            "createdAt":"2025-01-02T03:04:05.000Z","modelId":"hearth-test/tiny-llama-GGUF"},
            {"_id":"65f2","id":"someone/locked-GGUF","likes":0,"downloads":7,"private":false,
            "gated":"manual","tags":["gguf"]}])"});
        QCOMPARE(log_->count(), 0); // nothing before the user asks
        hf_->submit(QStringLiteral("tiny llama"));
        QVERIFY(hf_->busy());
        QTRY_VERIFY_WITH_TIMEOUT(!hf_->busy(), kTimeoutMs);
        QCOMPARE(hf_->message(), QString());
        QCOMPARE(hf_->view(), HuggingFace::Results);
        QCOMPARE(server_.requestCount(path), 1);
        QCOMPARE(log_->count(), 1);
        QVERIFY(log_->data(log_->index(0), NetworkLog::UrlRole).toString().contains("tiny"));
        HfSearchModel* results = hf_->results();
        QCOMPARE(results->count(), 2);
        QCOMPARE(results->data(results->index(0), HfSearchModel::RepoRole).toString(),
                 QString("hearth-test/tiny-llama-GGUF"));
        QCOMPARE(results->data(results->index(0), HfSearchModel::DownloadsRole).toLongLong(), 1200);
        QCOMPARE(results->data(results->index(0), HfSearchModel::GatedRole).toBool(), false);
        QCOMPARE(results->data(results->index(1), HfSearchModel::GatedRole).toBool(), true);
    }

    void pastedRepositoryListsFilesAndReadsOneHeader() {
        hf_->submit(QStringLiteral("hearth-test/tiny-llama-GGUF"));
        QCOMPARE(hf_->view(), HuggingFace::Files);
        HfRepoModel* files = hf_->files();
        QTRY_VERIFY_WITH_TIMEOUT(files->count() == 2 && !hf_->busy(), kTimeoutMs);
        QCOMPARE(hf_->message(), QString());
        // Sorted by quant; sizes from the LFS metadata.
        QCOMPARE(files->data(files->index(0), HfRepoModel::QuantRole).toString(), QString("Q4_0"));
        QCOMPARE(files->data(files->index(1), HfRepoModel::QuantRole).toString(), QString("Q8_0"));
        QCOMPARE(files->data(files->index(0), HfRepoModel::SizeRole).toLongLong(), q4_.size());
        QCOMPARE(files->data(files->index(1), HfRepoModel::SizeRole).toLongLong(), q8_.size());
        // The first file's header was read: it runs, and says what it is.
        QCOMPARE(files->data(files->index(0), HfRepoModel::CheckedRole).toBool(), true);
        QCOMPARE(files->data(files->index(1), HfRepoModel::CheckedRole).toBool(), false);
        QCOMPARE(files->data(files->index(0), HfRepoModel::RunnableRole).toInt(),
                 int(HfRepoModel::Runs));
        QCOMPARE(files->data(files->index(1), HfRepoModel::RunnableRole).toInt(),
                 int(HfRepoModel::Runs)); // the same model in another quant
        QCOMPARE(files->data(files->index(0), HfRepoModel::ArchitectureRole).toString(),
                 QString("llama"));
        QCOMPARE(files->data(files->index(0), HfRepoModel::ContextRole).toLongLong(), 256);
        QVERIFY(files->data(files->index(0), HfRepoModel::FitRole).toInt() != ModelFit::TooLarge);
        // Ranged reads: the header (726,208 bytes with padding) does not fit in the first
        // 256 KiB, nor in 512 KiB, so the bytes after them are asked for, up to 1 MiB in all.
        const QByteArray file = kFile + "tiny-llama-Q4_0.gguf";
        QCOMPARE(server_.requestCount(file), 3);
        QCOMPARE(server_.requests()[1].range, QByteArray("bytes=0-262143"));
        QCOMPARE(server_.requests()[2].range, QByteArray("bytes=262144-524287"));
        QCOMPARE(server_.requests()[3].range, QByteArray("bytes=524288-1048575"));
        QCOMPARE(server_.bytesServed(file), 1048576);
        QVERIFY(kTinyLlamaDataOffset < 1048576 && kTinyLlamaDataOffset > 262144);
        QCOMPARE(client_->headerBytesFetched(), 1048576);
        QCOMPARE(server_.requestCount(kFile + "tiny-llama-Q8_0.gguf"), 0);
        QCOMPARE(log_->count(), 4); // the listing and the three ranges

        // Another file's header when the user asks: the quant is confirmed from it.
        hf_->check(1);
        QTRY_VERIFY_WITH_TIMEOUT(files->data(files->index(1), HfRepoModel::CheckedRole).toBool(),
                                 kTimeoutMs);
        QCOMPARE(files->data(files->index(1), HfRepoModel::QuantRole).toString(), QString("Q8_0"));
        QCOMPARE(files->data(files->index(1), HfRepoModel::QuantMismatchRole).toBool(), false);
    }

    void pastedFileAddressReadsThatFile() {
        hf_->submit(QStringLiteral(
            "https://huggingface.co/hearth-test/tiny-llama-GGUF/blob/main/tiny-llama-Q8_0.gguf"));
        HfRepoModel* files = hf_->files();
        QTRY_VERIFY_WITH_TIMEOUT(files->count() == 2 && !hf_->busy(), kTimeoutMs);
        QCOMPARE(hf_->repo(), QString("hearth-test/tiny-llama-GGUF"));
        QVERIFY2(files->data(files->index(1), HfRepoModel::CheckedRole).toBool(),
                 qPrintable(hf_->message()));
        QCOMPARE(files->data(files->index(0), HfRepoModel::CheckedRole).toBool(), false);
        QCOMPARE(server_.requestCount(kFile + "tiny-llama-Q8_0.gguf"), 3);
        QCOMPARE(server_.requestCount(kFile + "tiny-llama-Q4_0.gguf"), 0);
    }

    void downloadsAndVerifies() {
        hf_->submit(QStringLiteral("hearth-test/tiny-llama-GGUF"));
        QTRY_VERIFY_WITH_TIMEOUT(hf_->files()->count() == 2 && !hf_->busy(), kTimeoutMs);
        QSignalSpy finished(downloads_->manager.get(), &DownloadManager::downloadFinished);
        QVERIFY(hf_->download(0));
        QVERIFY(finished.wait(kTimeoutMs));
        const QString path = QDir(folder_.path()).filePath("tiny-llama-Q4_0.gguf");
        QCOMPARE(finished.at(0).at(1).toString(), path);
        QCOMPARE(sha256Hex(readFile(path)), sha256Hex(q4_));
        QCOMPARE(downloads_->role("tiny-llama-Q4_0.gguf", DownloadManager::CatalogIdRole),
                 QVariant("hf:hearth-test/tiny-llama-GGUF"));
        QFile::remove(path);
    }

    void wrongHashIsRefused() {
        // The listing's SHA-256 is the Q4_0 file's, but the server sends other bytes.
        server_.setRoute(kBadTree, {"[" + treeEntry("tiny-llama-Q4_0.gguf", q4_) + "]"});
        QByteArray changed = q4_;
        changed[changed.size() - 1] = char(changed.back() ^ 1);
        server_.setRoute(kBadFile, {changed});
        hf_->submit(QStringLiteral("hearth-test/changed-GGUF"));
        QTRY_VERIFY_WITH_TIMEOUT(hf_->files()->count() == 1 && !hf_->busy(), kTimeoutMs);
        QSignalSpy failed(downloads_->manager.get(), &DownloadManager::downloadFailed);
        QVERIFY(hf_->download(0));
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() > 0, kTimeoutMs);
        QVERIFY(!QFileInfo::exists(QDir(folder_.path()).filePath("tiny-llama-Q4_0.gguf")));
    }

    // A split model (gguf-split's parts in a sub-folder) is one row with its parts: the first
    // part's header says what it is, and Download fetches and verifies every part.
    void splitModelIsOneRowWithItsParts() {
        hearth::test::SyntheticSpec spec;
        spec.architecture = "qwen2";
        spec.n_layer = 1;
        const QByteArray whole = bytesOf(hearth::test::make_synthetic_model(spec));
        auto file = hearth::gguf::File::parse(std::as_bytes(std::span(whole.data(), whole.size())));
        QVERIFY(file.ok());
        const auto parts = hearth::test::split_gguf(*file, (file->tensors().size() + 1) / 2);
        const QByteArray one = bytesOf(parts.at(0)), two = bytesOf(parts.at(1));
        server_.setRoute("/api/models/hearth-test/split-GGUF/tree/main?recursive=true",
                         {"[{\"type\":\"directory\",\"oid\":\"d1\",\"size\":0,\"path\":\"Q8\"}," +
                          treeEntry("Q8/syn-Q8_0-00002-of-00002.gguf", two) + "," +
                          treeEntry("Q8/syn-Q8_0-00001-of-00002.gguf", one) + "]"});
        server_.setRoute("/hearth-test/split-GGUF/resolve/main/Q8/syn-Q8_0-00001-of-00002.gguf",
                         {one});
        server_.setRoute("/hearth-test/split-GGUF/resolve/main/Q8/syn-Q8_0-00002-of-00002.gguf",
                         {two});
        hf_->submit(QStringLiteral("hearth-test/split-GGUF"));
        HfRepoModel* files = hf_->files();
        QTRY_VERIFY_WITH_TIMEOUT(files->count() == 1 && !hf_->busy(), kTimeoutMs);
        QCOMPARE(hf_->message(), QString());
        QCOMPARE(files->data(files->index(0), HfRepoModel::NameRole).toString(),
                 QString("syn-Q8_0.gguf"));
        QCOMPARE(files->data(files->index(0), HfRepoModel::PartsRole).toInt(), 2);
        QCOMPARE(files->data(files->index(0), HfRepoModel::SizeRole).toLongLong(),
                 one.size() + two.size());
        QCOMPARE(files->data(files->index(0), HfRepoModel::RunnableRole).toInt(),
                 int(HfRepoModel::Runs));
        QCOMPARE(files->data(files->index(0), HfRepoModel::ArchitectureRole).toString(),
                 QString("qwen2"));
        QSignalSpy finished(downloads_->manager.get(), &DownloadManager::downloadFinished);
        QVERIFY(hf_->download(0));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kTimeoutMs);
        for (const auto& [name, body] : {std::pair{"syn-Q8_0-00001-of-00002.gguf", one},
                                         std::pair{"syn-Q8_0-00002-of-00002.gguf", two}}) {
            const QString path = QDir(folder_.path()).filePath(name);
            QCOMPARE(sha256Hex(readFile(path)), sha256Hex(body));
            QFile::remove(path);
        }
    }

    // Without a network (here: nothing listens on the port) the user hears so, once.
    void unreachableHubIsAMessage() {
        QTcpServer closed; // a port that was free a moment ago
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        client_->setHub(QUrl(QString("https://127.0.0.1:%1").arg(port)));
        hf_->submit(QStringLiteral("qwen"));
        QTRY_VERIFY_WITH_TIMEOUT(!hf_->busy(), kTimeoutMs);
        QVERIFY2(hf_->message().contains("could not be reached"), qPrintable(hf_->message()));
        QCOMPARE(log_->count(), 1);
        QCOMPARE(hf_->results()->count(), 0);
    }

    void errorsAreMessages_data() {
        QTest::addColumn<TestRoute>("route");
        QTest::addColumn<QString>("says");
        QTest::newRow("404") << TestRoute{{}, 404} << "no such repository";
        QTest::newRow("401") << TestRoute{{}, 401} << "gated";
        TestRoute limited{{}, 429};
        limited.headers = "Retry-After: 17\r\n";
        QTest::newRow("429") << limited << "Try again in 17 seconds";
        QTest::newRow("malformed")
            << TestRoute{"[{\"type\":\"file\",\"path\":"} << "not valid JSON";
        QTest::newRow("not a list") << TestRoute{"{\"error\":\"x\"}"} << "not a JSON list";
        QTest::newRow("no size")
            << TestRoute{"[{\"type\":\"file\",\"path\":\"a.gguf\",\"lfs\":{\"oid\":\"x\"}}]"}
            << "no size";
        QTest::newRow("no gguf") << TestRoute{"[{\"type\":\"file\",\"size\":3,\"path\":\"a.bin\"}]"}
                                 << "has no GGUF files";
    }

    void errorsAreMessages() {
        QFETCH(TestRoute, route);
        QFETCH(QString, says);
        server_.setRoute(kBadTree, route);
        hf_->submit(QStringLiteral("hearth-test/changed-GGUF"));
        QTRY_VERIFY_WITH_TIMEOUT(!hf_->busy(), kTimeoutMs);
        QVERIFY2(hf_->message().contains(says), qPrintable(hf_->message()));
        QCOMPARE(hf_->files()->count(), 0);
    }

    // A header of 5.9 MB (Qwen's vocabulary): 256 KiB, then doubling, six requests and 8 MiB
    // of the 27 MB file.
    void largeHeaderIsReadByDoubling() {
        server_.setRoute(kBadTree, {"[" + treeEntry("tiny-llama-Q4_0.gguf", qwen3_) + "]"});
        server_.setRoute(kBadFile, {qwen3_});
        hf_->submit(QStringLiteral("hearth-test/changed-GGUF"));
        HfRepoModel* files = hf_->files();
        QTRY_VERIFY_WITH_TIMEOUT(files->count() == 1 && !hf_->busy(), kTimeoutMs);
        QCOMPARE(hf_->message(), QString());
        QCOMPARE(files->data(files->index(0), HfRepoModel::RunnableRole).toInt(),
                 int(HfRepoModel::Runs));
        QCOMPARE(files->data(files->index(0), HfRepoModel::ArchitectureRole).toString(),
                 QString("qwen3"));
        QCOMPARE(server_.requestCount(kBadFile), 6);
        QCOMPARE(client_->headerBytesFetched(), 8 * 1024 * 1024);
        QVERIFY(kTinyQwen3DataOffset > 4 * 1024 * 1024 && kTinyQwen3DataOffset < 8 * 1024 * 1024);
    }

    // A server that ignores Range sends the whole file from byte 0 each time: Hearth keeps
    // only what it asked for and cuts the transfer there.
    void serverIgnoringRangeIsCutShort() {
        server_.setRoute(kBadTree, {"[" + treeEntry("tiny-llama-Q4_0.gguf", q4_) + "]"});
        TestRoute whole{q4_};
        whole.ranges = false;
        server_.setRoute(kBadFile, whole);
        hf_->submit(QStringLiteral("hearth-test/changed-GGUF"));
        HfRepoModel* files = hf_->files();
        QTRY_VERIFY_WITH_TIMEOUT(files->count() == 1 && !hf_->busy(), kTimeoutMs);
        QCOMPARE(hf_->message(), QString());
        QCOMPARE(files->data(files->index(0), HfRepoModel::RunnableRole).toInt(),
                 int(HfRepoModel::Runs));
        QCOMPARE(server_.requestCount(kBadFile), 3);
        QCOMPARE(client_->headerBytesFetched(), 1048576);
    }

    void headersThatCannotBeRun_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("listedSize");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<int>("runnable");
        QTest::addColumn<QString>("says");
        const QByteArray unknown = unknownArchitecture();
        QTest::newRow("unknown architecture")
            << unknown << qint64(unknown.size()) << HfClient::kMaxHeaderBytes
            << int(HfRepoModel::DoesNotRun) << "nosuchformer";
        QByteArray lying = q4_.left(4096);
        // The first key's length (after magic, version and the two counts) claims 1 GB.
        const quint64 huge = 1000000000;
        std::memcpy(lying.data() + 24, &huge, 8);
        QTest::newRow("length past the end")
            << lying << qint64(lying.size()) << HfClient::kMaxHeaderBytes
            << int(HfRepoModel::DoesNotRun) << "Not a usable GGUF file";
        QTest::newRow("file shorter than listed")
            << q4_.left(100000) << qint64(q4_.size()) << HfClient::kMaxHeaderBytes
            << int(HfRepoModel::RunsUnknown) << "ended after 100000 bytes";
        QTest::newRow("empty file") << QByteArray() << qint64(0) << HfClient::kMaxHeaderBytes
                                    << int(HfRepoModel::RunsUnknown) << "too few for a GGUF";
        QTest::newRow("header past the limit")
            << qwen3_ << qint64(qwen3_.size()) << qint64(2 * 1024 * 1024)
            << int(HfRepoModel::RunsUnknown) << "larger than 2 MB";
    }

    void headersThatCannotBeRun() {
        QFETCH(QByteArray, body);
        QFETCH(qint64, listedSize);
        QFETCH(qint64, limit);
        QFETCH(QString, says);
        QByteArray listed = body;
        listed.resize(listedSize); // the listing's size and hash, whatever the server sends
        server_.setRoute(kBadTree, {"[" + treeEntry("tiny-llama-Q4_0.gguf", listed) + "]"});
        server_.setRoute(kBadFile, {body});
        client_->setMaxHeaderBytes(limit);
        const qint64 servedBefore = server_.bytesServed(kBadFile);
        hf_->submit(QStringLiteral("hearth-test/changed-GGUF"));
        HfRepoModel* files = hf_->files();
        QTRY_VERIFY_WITH_TIMEOUT(files->count() == 1 && !hf_->busy(), kTimeoutMs);
        QTEST(files->data(files->index(0), HfRepoModel::RunnableRole).toInt(), "runnable");
        const QString shown =
            hf_->message() + files->data(files->index(0), HfRepoModel::ProblemRole).toString();
        QVERIFY2(shown.contains(says), qPrintable(shown));
        // Never more than the limit, however long the file.
        const qint64 served = server_.bytesServed(kBadFile) - servedBefore;
        QVERIFY(served <= std::min(limit, listedSize));
        if (QTest::currentDataTag() == QByteArray("header past the limit")) {
            QCOMPARE(served, limit); // 256 KiB, then up to 512 KiB, 1 MiB and the limit
            QCOMPARE(client_->headerBytesFetched(), limit);
        }
        if (QTest::currentDataTag() == QByteArray("unknown architecture")) {
            QCOMPARE(files->data(files->index(0), HfRepoModel::LicenseRole).toString(),
                     QString("apache-2.0"));
            QVERIFY(!hf_->download(0)); // refused before any request
            QVERIFY(hf_->message().contains("cannot run"));
        }
    }

private:
    const QByteArray kTree = "/api/models/hearth-test/tiny-llama-GGUF/tree/main?recursive=true";
    const QByteArray kFile = "/hearth-test/tiny-llama-GGUF/resolve/main/";
    const QByteArray kBadTree = "/api/models/hearth-test/changed-GGUF/tree/main?recursive=true";
    const QByteArray kBadFile = "/hearth-test/changed-GGUF/resolve/main/tiny-llama-Q4_0.gguf";

    TestHttpsServer server_;
    QTemporaryDir folder_;
    QByteArray q4_, q8_, qwen3_;
    std::unique_ptr<NetworkLog> log_;
    std::unique_ptr<HfClient> client_;
    std::unique_ptr<DownloadFixture> downloads_;
    std::unique_ptr<HuggingFace> hf_;
    std::unique_ptr<QAbstractItemModelTester> filesTester_, resultsTester_;
};

QTEST_MAIN(TestHuggingFace)
#include "tst_hugging_face.moc"
