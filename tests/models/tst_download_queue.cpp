// The download queue around the transfers: the free-space check before anything is fetched,
// an app restart in the middle of a download (a new DownloadManager on the same folder),
// pause and resume, cancel, the concurrency limit and throttled progress, and giving up
// quickly without a network.
#include "downloadfixture.h"
#include "partialdownload.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr qsizetype kFileSize = 256 * 1024;
} // namespace

class TestDownloadQueue : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(server_.start(QStringLiteral(HEARTH_TEST_DATA_DIR))); }
    void init() {
        QVERIFY(folder_.isValid());
        models_ = folder_.path() + QStringLiteral("/models-") + QTest::currentTestFunction();
        server_.clearLog();
    }

    void insufficientSpaceIsRefusedBeforeDownloading() {
        DownloadFixture downloads(server_, models_);
        downloads->setFreeSpaceProvider([](const QString&) { return qint64(300) * 1000 * 1000; });
        DownloadManager::Request request = testRequest(server_.url("/big.gguf"), "x");
        request.size = qint64(5) * 1000 * 1000 * 1000;
        TrText error;
        QVERIFY(!downloads->enqueue(request, &error));
        const QString text = error.toString();
        QVERIFY2(text.contains(QLatin1String("free space")) && text.contains(QLatin1String("5.")),
                 qPrintable(text));
        QCOMPARE(downloads->count(), 0);
        QCOMPARE(server_.requestCount(), 0);
        QCOMPARE(filesIn(partialFolder(models_)), QStringList());
    }

    // Without a size in the catalog, the server's X-Linked-Size reveals it: refused then,
    // before the body is written.
    void insufficientSpaceIsRefusedOnceTheServerTellsTheSize() {
        const QByteArray body = testPayload(kFileSize, 20);
        server_.setRoute("/huge.gguf", {.body = body, .etag = "h", .linkedSize = qint64(4) << 30});
        DownloadFixture downloads(server_, models_);
        downloads->setFreeSpaceProvider([](const QString&) { return qint64(1) << 30; });
        DownloadManager::Request request = testRequest(server_.url("/huge.gguf"), body);
        request.size = -1;
        QVERIFY(downloads->enqueue(request));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("huge.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
        QVERIFY(downloads->errorText("huge.gguf").contains(QLatin1String("free space")));
        QCOMPARE(QFileInfo(partialDataPath(models_, QStringLiteral("huge.gguf"))).size(), 0);
        QCOMPARE(filesIn(models_), QStringList());
    }

    // Quitting mid-download keeps the bytes and the sidecar; the next start resumes there.
    void restartResumesFromThePartialFile() {
        const QByteArray body = testPayload(kFileSize, 21);
        const qint64 stall = kFileSize * 2 / 5;
        server_.setRoute("/restart.gguf", {.body = body, .etag = "r", .stallAt = stall});
        {
            DownloadFixture first(server_, models_);
            QVERIFY(first->enqueue(testRequest(server_.url("/restart.gguf"), body)));
            QTRY_COMPARE_WITH_TIMEOUT(
                first.role("restart.gguf", DownloadManager::BytesDoneRole).toLongLong(), stall,
                kDownloadTimeoutMs);
        } // the app quits while the server is silent
        hearth::Result<PartialDownload> saved =
            loadPartial(partialSidecarPath(models_, QStringLiteral("restart.gguf")));
        QVERIFY(saved.ok());
        QCOMPARE(saved->bytesDone, stall);
        QCOMPARE(saved->validator, QByteArray("\"r\""));
        QCOMPARE(QFileInfo(partialDataPath(models_, QStringLiteral("restart.gguf"))).size(), stall);

        DownloadFixture second(server_, models_);
        QCOMPARE(second->count(), 1); // the queue came back by itself
        QTRY_COMPARE_WITH_TIMEOUT(second->state("restart.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(readFile(models_ + QStringLiteral("/restart.gguf")), body);
        QCOMPARE(server_.requests().last().range, "bytes=" + QByteArray::number(stall) + '-');
        QCOMPARE(server_.requests().last().ifRange, QByteArray("\"r\""));
    }

    void cancelDeletesThePartialFile() {
        const QByteArray body = testPayload(kFileSize, 22);
        server_.setRoute("/cancel.gguf", {.body = body, .etag = "c", .stallAt = kFileSize / 2});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/cancel.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(
            downloads.role("cancel.gguf", DownloadManager::BytesDoneRole).toLongLong(),
            qint64(kFileSize / 2), kDownloadTimeoutMs);
        downloads->cancel(QStringLiteral("cancel.gguf"));
        QCOMPARE(downloads->count(), 0);
        QCOMPARE(downloads->activeCount(), 0);
        QCOMPARE(filesIn(partialFolder(models_)), QStringList());
        QCOMPARE(filesIn(models_), QStringList());
    }

    void pauseKeepsThePartialAndResumeContinues() {
        const QByteArray body = testPayload(kFileSize, 23);
        server_.setRoute("/pause.gguf", {.body = body, .etag = "p", .stallAt = kFileSize / 4});
        DownloadFixture downloads(server_, models_);
        QVERIFY(downloads->enqueue(testRequest(server_.url("/pause.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(
            downloads.role("pause.gguf", DownloadManager::BytesDoneRole).toLongLong(),
            qint64(kFileSize / 4), kDownloadTimeoutMs);
        downloads->pause(QStringLiteral("pause.gguf"));
        QCOMPARE(downloads->state("pause.gguf"), DownloadManager::Paused);
        QCOMPARE(downloads->activeCount(), 0);
        hearth::Result<PartialDownload> saved =
            loadPartial(partialSidecarPath(models_, QStringLiteral("pause.gguf")));
        QVERIFY(saved.ok() && saved->paused);
        QTest::qWait(100);
        QCOMPARE(server_.requestCount("/pause.gguf"), 1); // paused means no traffic
        downloads->resume(QStringLiteral("pause.gguf"));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("pause.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        QCOMPARE(readFile(models_ + QStringLiteral("/pause.gguf")), body);
    }

    void atMostMaxConcurrentDownloadsRun() {
        DownloadFixture downloads(server_, models_);
        downloads->setMaxConcurrent(2);
        QList<QByteArray> bodies;
        for (int i = 0; i < 3; ++i) {
            const QByteArray path = "/slot-" + QByteArray::number(i) + ".gguf";
            bodies.append(testPayload(kFileSize, 30 + i));
            server_.setRoute(path, {.body = bodies.last(), .etag = "s", .stallAt = 1000});
            QVERIFY(downloads->enqueue(testRequest(server_.url(path), bodies.last())));
        }
        QTRY_COMPARE_WITH_TIMEOUT(server_.requestCount(), 2, kDownloadTimeoutMs);
        QCOMPARE(downloads->activeCount(), 2);
        QCOMPARE(downloads->state("slot-2.gguf"), DownloadManager::Queued);
        QTest::qWait(100);
        QCOMPARE(server_.requestCount(), 2);
        downloads->cancel(QStringLiteral("slot-0.gguf"));
        QTRY_COMPARE_WITH_TIMEOUT(server_.requestCount("/slot-2.gguf"), 1, kDownloadTimeoutMs);
        QCOMPARE(downloads->activeCount(), 2);
    }

    // Progress reaches QML a few times a second, not once per network packet.
    void progressIsThrottled() {
        const QByteArray body = testPayload(4 * 1024 * 1024, 24);
        server_.setRoute("/progress.gguf", {.body = body, .etag = "g"});
        DownloadFixture downloads(server_, models_);
        int updates = 0;
        connect(downloads.manager.get(), &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
                    updates += roles.contains(DownloadManager::BytesDoneRole) ? 1 : 0;
                });
        QElapsedTimer clock;
        clock.start();
        QVERIFY(downloads->enqueue(testRequest(server_.url("/progress.gguf"), body)));
        QTRY_COMPARE_WITH_TIMEOUT(downloads->state("progress.gguf"), DownloadManager::Done,
                                  kDownloadTimeoutMs);
        // 4 MiB arrive in hundreds of TLS records; updates follow the clock (every 250 ms)
        // plus one per phase change.
        QVERIFY2(
            updates >= 1 && updates <= clock.elapsed() / 250 + 4,
            qPrintable(QStringLiteral("%1 updates in %2 ms").arg(updates).arg(clock.elapsed())));
        QCOMPARE(downloads.role("progress.gguf", DownloadManager::BytesDoneRole).toLongLong(),
                 qint64(body.size()));
    }

    // No network at all (here: nothing listens on the port): a few quick attempts, then the
    // download says the user seems to be offline, instead of retrying for minutes. After a
    // restart it still says it failed (not "Paused, 0 bytes") and Retry starts it again.
    void noNetworkGivesUpWithinSecondsAndSaysSoAfterARestart() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const QUrl url(QStringLiteral("https://127.0.0.1:%1/offline.gguf").arg(port));
        {
            DownloadFixture downloads(server_, models_);
            downloads->setRetryPolicy(1000, 60000, 8); // the app's own policy
            QElapsedTimer clock;
            clock.start();
            QVERIFY(downloads->enqueue(testRequest(url, "x")));
            QTRY_COMPARE_WITH_TIMEOUT(downloads->state("offline.gguf"), DownloadManager::Failed,
                                      kDownloadTimeoutMs);
            QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
            QVERIFY(downloads.role("offline.gguf", DownloadManager::OfflineRole).toBool());
            QVERIFY2(downloads->errorText("offline.gguf").contains(QLatin1String("offline")),
                     qPrintable(downloads->errorText("offline.gguf")));
        }
        DownloadFixture restarted(server_, models_);
        QCOMPARE(restarted->state("offline.gguf"), DownloadManager::Failed);
        QVERIFY(restarted.role("offline.gguf", DownloadManager::OfflineRole).toBool());
        QVERIFY(restarted->errorText("offline.gguf").contains(QLatin1String("offline")));
        restarted->setRetryPolicy(1000, 60000, 8);
        restarted->resume("offline.gguf");
        QVERIFY(restarted->state("offline.gguf") != DownloadManager::Failed);
        QTRY_COMPARE_WITH_TIMEOUT(restarted->state("offline.gguf"), DownloadManager::Failed,
                                  kDownloadTimeoutMs);
    }

    void unsafeRequestsAreRefused() {
        DownloadFixture downloads(server_, models_);
        TrText error;
        QVERIFY(!downloads->enqueue(
            testRequest(QUrl(QStringLiteral("http://example.org/a.gguf")), "x"), &error));
        QVERIFY(!downloads->enqueue(testRequest(server_.url("/notes.txt"), "x"), &error));
        QVERIFY(!downloads->enqueue(testRequest(server_.url("/.hidden.gguf"), "x"), &error));
        QCOMPARE(downloads->count(), 0);
        QCOMPARE(server_.requestCount(), 0);
    }

private:
    TestHttpsServer server_;
    QTemporaryDir folder_;
    QString models_;
};

QTEST_GUILESS_MAIN(TestDownloadQueue)
#include "tst_download_queue.moc"
