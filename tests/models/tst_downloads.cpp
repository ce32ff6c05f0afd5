// Downloads against a real local HTTPS server: complete and resumed transfers, servers that
// ignore Range, wrong bytes, wrong or missing hashes, redirects (and refused http ones),
// errors, stalls and retries. No mocks: every byte crosses TLS on 127.0.0.1.
#include "downloadfixture.h"
#include "partialdownload.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr qsizetype kFileSize = 384 * 1024;
} // namespace

class TestDownloads : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(server_.start(QStringLiteral(HEARTH_TEST_DATA_DIR))); }
    void init() {
        QVERIFY(folder_.isValid());
        models_ = folder_.path() + QStringLiteral("/models-") + QTest::currentTestFunction();
        server_.clearLog();
    }

    void fullDownloadIsVerifiedAndInstalled() {
        const QByteArray body = testPayload(kFileSize, 1);
        server_.setRoute("/full.gguf", {.body = body, .etag = "v1"});
        DownloadFixture downloads(server_, models_);
        QSignalSpy finished(downloads.manager.get(), &DownloadManager::downloadFinished);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/full.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("full.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished[0][1].toString(), models_ + QStringLiteral("/full.gguf"));
        QCOMPARE(readFile(models_ + QStringLiteral("/full.gguf")), body);
        QCOMPARE(filesIn(partialFolder(models_)), QStringList());
        QCOMPARE(server_.requestCount("/full.gguf"), 1);
        QCOMPARE(downloads.role("full.gguf", DownloadManager::ProgressRole).toDouble(), 1.0);
    }

    // Each of 20 random cut points: the transfer resumes exactly there (Range, 206) and the
    // file ends verified, with no byte fetched twice.
    void resumeAfterCutAtRandomOffsets() {
        const QByteArray body = testPayload(kFileSize, 2);
        const quint32 seed = 20261129;
        QRandomGenerator random(seed);
        for (int trial = 0; trial < 20; ++trial) {
            const qint64 cut = 1 + random.bounded(qint64(body.size() - 1));
            const QByteArray path = "/cut-" + QByteArray::number(trial) + ".gguf";
            const QString name = QString::fromLatin1(path.mid(1));
            server_.setRoute(
                path, {.body = body, .etag = "e" + QByteArray::number(trial), .cuts = {cut}});
            DownloadFixture downloads(server_, models_);
            QVERIFY(downloads->enqueue(testRequest(server_.url(path), body)));
            QTRY_COMPARE_WITH_TIMEOUT(downloads->state(name), DownloadManager::Done,
                                      kDownloadTimeoutMs);
            QVERIFY2(readFile(models_ + QLatin1Char('/') + name) == body,
                     qPrintable(
                         QStringLiteral("seed %1 trial %2 cut %3").arg(seed).arg(trial).arg(cut)));
            QCOMPARE(server_.requestCount(path), 2);
            const TestRequest& resumed = server_.requests().last();
            QCOMPARE(resumed.range, "bytes=" + QByteArray::number(cut) + '-');
            QCOMPARE(resumed.status, 206);
            QCOMPARE(server_.bytesServed(path), qint64(body.size()));
        }
    }

    void resumeAfterSeveralCutsInOneDownload() {
        const QByteArray body = testPayload(kFileSize, 3);
        server_.setRoute(
            "/cuts.gguf",
            {.body = body, .etag = "c", .cuts = {1000, 50000, 50001, 200000, kFileSize - 1}});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/cuts.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("cuts.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(readFile(models_ + QStringLiteral("/cuts.gguf")), body);
        QCOMPARE(server_.requestCount("/cuts.gguf"), 6);
    }

    // A server that ignores Range answers 200 with the whole file: the partial bytes are
    // dropped and the file starts over instead of being appended to.
    void serverIgnoringRangeRestartsCleanly() {
        const QByteArray body = testPayload(kFileSize, 4);
        server_.setRoute("/norange.gguf",
                         {.body = body, .ranges = false, .etag = "n", .cuts = {kFileSize / 3}});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/norange.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("norange.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(readFile(models_ + QStringLiteral("/norange.gguf")), body);
        QCOMPARE(server_.requestCount("/norange.gguf"), 2);
        QCOMPARE(server_.requests().last().range,
                 "bytes=" + QByteArray::number(kFileSize / 3) + '-');
        QCOMPARE(server_.requests().last().status, 200);
    }

    void wrongBytesLeaveNoFile() {
        const QByteArray body = testPayload(kFileSize, 5);
        QByteArray wrong = body;
        wrong[kFileSize / 2] = char(wrong[kFileSize / 2] ^ 0x01);
        server_.setRoute("/wrong.gguf", {.body = wrong, .etag = "w"});
        DownloadFixture downloads(server_, models_);
        QSignalSpy failed(downloads.manager.get(), &DownloadManager::downloadFailed);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/wrong.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("wrong.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(downloads->errorText("wrong.gguf").contains(QLatin1String("damaged")),
                 qPrintable(downloads->errorText("wrong.gguf")));
        QCOMPARE(filesIn(models_), QStringList());
        QCOMPARE(filesIn(partialFolder(models_)), QStringList());
    }

    // The server's X-Linked-Etag names another file than the catalog: refused before the body.
    void serverHashDifferentFromCatalogIsRefused() {
        const QByteArray body = testPayload(kFileSize, 6);
        server_.setRoute("/other.gguf",
                         {.body = body, .etag = "o", .linkedEtag = QByteArray(64, 'a')});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/other.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("other.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QVERIFY(downloads->errorText("other.gguf").contains(QLatin1String("SHA-256")));
        QCOMPARE(server_.requestCount("/other.gguf"), 1);
        QCOMPARE(filesIn(models_), QStringList());
        QCOMPARE(filesIn(partialFolder(models_)), QStringList());
    }

    // Without a catalog hash, the server's X-Linked-Etag (Hugging Face LFS) is the reference,
    // and X-Linked-Size the size.
    void serverHashIsUsedWhenCatalogHasNone() {
        const QByteArray body = testPayload(kFileSize, 7);
        server_.setRoute(
            "/linked.gguf",
            {.body = body, .etag = "l", .linkedEtag = sha256Hex(body), .linkedSize = kFileSize});
        QByteArray wrong = body;
        wrong[0] = char(wrong[0] ^ 0x80);
        server_.setRoute("/linked-wrong.gguf",
                         {.body = wrong, .etag = "lw", .linkedEtag = sha256Hex(body)});
        DownloadFixture downloads(server_, models_);
        DownloadManager::Request unsized = testRequest(server_.url("/linked.gguf"), body, false);
        unsized.size = -1;
        QVERIFY(downloads->enqueue(unsized));
        QVERIFY(downloads->enqueue(testRequest(server_.url("/linked-wrong.gguf"), body, false)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("linked.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("linked-wrong.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QCOMPARE(downloads.role("linked.gguf", DownloadManager::BytesTotalRole).toLongLong(),
                 qint64(kFileSize));
        QCOMPARE(filesIn(models_), QStringList{QStringLiteral("linked.gguf")});
    }

    void fileWithoutAnyHashIsNotInstalled() {
        const QByteArray body = testPayload(4096, 8);
        server_.setRoute("/nohash.gguf", {.body = body, .etag = "x"});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/nohash.gguf"), body, false)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("nohash.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QVERIFY(downloads->errorText("nohash.gguf").contains(QLatin1String("SHA-256")));
        QCOMPARE(filesIn(models_), QStringList());
    }

    // Hugging Face's resolve URLs redirect to a CDN; the size and hash come on the redirect.
    void redirectsAreFollowedOverHttps() {
        const QByteArray body = testPayload(kFileSize, 9);
        server_.setRoute("/resolve/hop.gguf", {.status = 302,
                                               .location = server_.url("/cdn/a").toEncoded(),
                                               .linkedEtag = sha256Hex(body),
                                               .linkedSize = kFileSize});
        server_.setRoute("/cdn/a", {.status = 302, .location = "/cdn/hop.gguf"});
        server_.setRoute("/cdn/hop.gguf", {.body = body, .etag = "cdn"});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/resolve/hop.gguf"), body, false)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("hop.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(readFile(models_ + QStringLiteral("/hop.gguf")), body);
        QCOMPARE(server_.requestCount(), 3);
    }

    void redirectToHttpIsRefused() {
        const QByteArray body = testPayload(4096, 10);
        QUrl insecure = server_.url("/plain.gguf");
        insecure.setScheme(QStringLiteral("http"));
        server_.setRoute("/secure.gguf", {.status = 302, .location = insecure.toEncoded()});
        server_.setRoute("/plain.gguf", {.body = body});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/secure.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("secure.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QVERIFY(downloads->errorText("secure.gguf").contains(QLatin1String("insecure")));
        QCOMPARE(server_.requestCount("/plain.gguf"), 0);
        QCOMPARE(filesIn(models_), QStringList());
    }

    void notFoundFailsWithoutRetrying() {
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/missing.gguf"), "x")));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("missing.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QVERIFY(downloads->errorText("missing.gguf").contains(QLatin1String("404")));
        QTest::qWait(300); // no retry may follow
        QCOMPARE(server_.requestCount("/missing.gguf"), 1);
    }

    // 500 is transient: retried with doubling delays, then given up with a clear message.
    void serverErrorIsRetriedWithBackoffThenGivenUp() {
        server_.setRoute("/busy.gguf", {.status = 500});
        DownloadFixture downloads(server_, models_);
        downloads->setRetryPolicy(60, 1000, 3);
        QElapsedTimer clock;
        QList<qint64> times;
        connect(downloads.manager.get(), &QAbstractItemModel::dataChanged, this, [&] {
            if (times.size() < server_.requestCount("/busy.gguf")) {
                times.append(clock.elapsed());
            }
        });
        clock.start();
        QVERIFY(downloads->enqueue(testRequest(server_.url("/busy.gguf"), "x")));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("busy.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QCOMPARE(server_.requestCount("/busy.gguf"), 4); // the first try and 3 retries
        QVERIFY(downloads->errorText("busy.gguf").contains(QLatin1String("500")));
        QCOMPARE(times.size(), 4);
        // Delays of about 60, 120 and 240 ms: each wait is longer than the one before.
        QVERIFY2(times[2] - times[1] > times[1] - times[0] &&
                     times[3] - times[2] > times[2] - times[1],
                 qPrintable(QStringLiteral("request times %1 %2 %3 %4")
                                .arg(times[0])
                                .arg(times[1])
                                .arg(times[2])
                                .arg(times[3])));
    }

    // A server that goes silent trips the transfer timeout; the retry resumes the file.
    void stalledTransferTimesOutAndResumes() {
        const QByteArray body = testPayload(kFileSize, 11);
        server_.setRoute("/stall.gguf", {.body = body, .etag = "s", .stallAt = kFileSize / 2});
        DownloadFixture downloads(server_, models_);
        downloads->setTransferTimeout(400);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/stall.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("stall.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(readFile(models_ + QStringLiteral("/stall.gguf")), body);
        QCOMPARE(server_.requests().last().range,
                 "bytes=" + QByteArray::number(kFileSize / 2) + '-');
    }

private:
    TestHttpsServer server_;
    QTemporaryDir folder_;
    QString models_;
};

QTEST_GUILESS_MAIN(TestDownloads)
#include "tst_downloads.moc"
