// Export and import off the GUI thread: the work runs on a worker, progress and the result
// arrive in the GUI thread's event loop, cancelling stops it (an import writes nothing).
// Also the command line (`hearth export`, `hearth import`), in process and through the
// hearth executable itself.
#include "clicommands.h"
#include "databasepath.h"
#include "jsonarchive.h"
#include "storetest.h"
#include "transferjob.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hearth::storage;
using hearth::Result;

class TestTransfer : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString db_;
    QString archive_;

    // Runs the command line in this process; returns exit status, output and errors.
    struct Run {
        int status;
        QString out;
        QString err;
    };
    Run cli(const QStringList& arguments) {
        QString out, err;
        QTextStream o(&out), e(&err);
        const int status =
            hearth::cli::runCommand(QStringList{QStringLiteral("hearth")} + arguments, o, e);
        o.flush();
        e.flush();
        return {status, out, err};
    }

private slots:
    void initTestCase() {
        // The default database goes under $XDG_DATA_HOME/Hearth, here a temporary folder.
        qputenv("XDG_DATA_HOME", dir_.filePath(QStringLiteral("xdg")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
        db_ = dir_.filePath(QStringLiteral("source.db"));
        STORE_OK(store, ConversationStore::open(db_.toStdString()));
        for (int i = 0; i < 40; ++i) {
            STORE_OK(c, store->create_conversation({"chat " + std::to_string(i), {}, {}, {}}));
            STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "question"));
            STORE_OK(a, store->add_message(c->id, q->id, Role::Assistant, "answer"));
        }
    }

    void exportRunsOnAWorkerAndReportsInTheGuiThread() {
        const QString folder = dir_.filePath(QStringLiteral("job-out"));
        TransferJob* job =
            TransferJob::startExport(db_, ExportFormat::Json, folder, std::nullopt, this);
        QList<QThread*> progressThreads;
        qint64 lastDone = -1;
        connect(job, &TransferJob::progress, this, [&](qint64 done, qint64 total) {
            progressThreads << QThread::currentThread();
            QVERIFY(done >= lastDone);
            QCOMPARE(total, qint64(40));
            lastDone = done;
        });
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(finished.at(0).at(1).toString().startsWith(QStringLiteral("Exported 40 conv")));
        QCoreApplication::processEvents(); // deliver the remaining queued progress
        QVERIFY(!progressThreads.isEmpty());
        QCOMPARE(lastDone, qint64(40));
        for (QThread* t : progressThreads) {
            QCOMPARE(t, QThread::currentThread()); // queued into this (the GUI) thread
        }
        archive_ = folder + QStringLiteral("/hearth-conversations.json");
        QVERIFY(QFile::exists(archive_));
        delete job;
    }

    void importJobAndCancellation() {
        QVERIFY(!archive_.isEmpty());
        const QString target = dir_.filePath(QStringLiteral("cancelled.db"));
        std::unique_ptr<TransferJob> cancelled(TransferJob::startExport(
            db_, ExportFormat::Markdown, dir_.filePath(QStringLiteral("md-out")), std::nullopt));
        // Direct: cancel from the worker at its first report, deterministically.
        connect(
            cancelled.get(), &TransferJob::progress, cancelled.get(),
            [job = cancelled.get()] { job->cancel(); }, Qt::DirectConnection);
        QSignalSpy stopped(cancelled.get(), &TransferJob::finished);
        QVERIFY(stopped.wait(10000));
        QCOMPARE(stopped.at(0).at(0).toBool(), false);
        QVERIFY(stopped.at(0).at(1).toString().contains(QStringLiteral("cancelled")));
        QVERIFY(QDir(dir_.filePath(QStringLiteral("md-out"))).entryList(QDir::Files).size() < 40);

        std::unique_ptr<TransferJob> import(TransferJob::startImport(target, archive_));
        QSignalSpy imported(import.get(), &TransferJob::finished);
        QVERIFY(imported.wait(10000));
        QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(imported.at(0).at(1).toString()));
        QVERIFY(imported.at(0).at(1).toString().contains(QStringLiteral("40 conversations added")));
    }

    void commandLineExportsAndImports() {
        QVERIFY(!archive_.isEmpty());
        for (const char* format : {"md", "json", "html", "txt"}) {
            const QString out = dir_.filePath(QStringLiteral("cli-") + QLatin1String(format));
            const Run run =
                cli({QStringLiteral("export"), QStringLiteral("--format"), QLatin1String(format),
                     QStringLiteral("--out"), out, QStringLiteral("--db"), db_});
            QVERIFY2(run.status == 0, qPrintable(run.err));
            QVERIFY(run.out.startsWith(QStringLiteral("Exported 40 conversations to ")));
            QCOMPARE(QDir(out).entryList(QDir::Files).size(), qstrcmp(format, "json") ? 40 : 1);
        }
        const Run one =
            cli({QStringLiteral("export"), QStringLiteral("--format=txt"), QStringLiteral("--out"),
                 dir_.filePath(QStringLiteral("cli-one")), QStringLiteral("--conversation"),
                 QStringLiteral("3"), QStringLiteral("--db"), db_});
        QVERIFY2(one.status == 0, qPrintable(one.err));
        QVERIFY(one.out.contains(QStringLiteral("(1 file)")));

        // Import into the default database: created under $XDG_DATA_HOME/Hearth.
        const Run imported = cli({QStringLiteral("import"), archive_});
        QVERIFY2(imported.status == 0, qPrintable(imported.err));
        QVERIFY(imported.out.contains(QStringLiteral("40 conversations added")));
        QCOMPARE(defaultDatabasePath(),
                 dir_.filePath(QStringLiteral("xdg/Hearth/conversations.db")));
        QVERIFY(QFile::exists(defaultDatabasePath()));
        const Run again = cli({QStringLiteral("import"), archive_});
        QVERIFY(again.out.contains(QStringLiteral("0 conversations added, 40 merged; 0 messages "
                                                  "added, 80 already present")));
    }

    void commandLineErrors() {
        const QString bad = dir_.filePath(QStringLiteral("bad.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"hearth-conversations\", \"version\": 1}");
        file.close();
        const Run rejected = cli({QStringLiteral("import"), bad, QStringLiteral("--db"), db_});
        QCOMPARE(rejected.status, 1);
        QVERIFY2(rejected.err.contains(QStringLiteral("exported_at: missing")),
                 qPrintable(rejected.err));
        QVERIFY(rejected.err.contains(QStringLiteral("Nothing was imported.")));

        QCOMPARE(
            cli({QStringLiteral("export"), QStringLiteral("--out"), QStringLiteral("x")}).status,
            2);
        const Run format =
            cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("pdf"),
                 QStringLiteral("--out"), QStringLiteral("x")});
        QCOMPARE(format.status, 2);
        QVERIFY(format.err.contains(QStringLiteral("unknown format \"pdf\"")));
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"),
                      QStringLiteral("--out"), QStringLiteral("x"), QStringLiteral("--bogus")})
                     .status,
                 2);
        QCOMPARE(cli({QStringLiteral("import")}).status, 2);
        const Run noDb = cli({QStringLiteral("export"), QStringLiteral("--format"),
                              QStringLiteral("md"), QStringLiteral("--out"), QStringLiteral("x"),
                              QStringLiteral("--db"), dir_.filePath(QStringLiteral("none.db"))});
        QCOMPARE(noDb.status, 1);
        QVERIFY(noDb.err.contains(QStringLiteral("there is no conversation database at")));
        const Run noConversation =
            cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"),
                 QStringLiteral("--out"), QStringLiteral("x"), QStringLiteral("--conversation"),
                 QStringLiteral("12345"), QStringLiteral("--db"), db_});
        QCOMPARE(noConversation.status, 1);
        QVERIFY(noConversation.err.contains(QStringLiteral("no conversation with id 12345")));
    }

    void hearthExecutableRunsTheCommandsWithoutAWindow() {
        QVERIFY(!archive_.isEmpty());
        QProcess hearth;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir_.filePath(QStringLiteral("exe-xdg")));
        // A GUI could not start here: no display, and a platform that needs one.
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        hearth.setProcessEnvironment(env);
        hearth.start(QStringLiteral(HEARTH_APP), {QStringLiteral("import"), archive_});
        QVERIFY(hearth.waitForFinished(30000));
        QVERIFY2(hearth.exitCode() == 0, hearth.readAllStandardError().constData());
        QVERIFY(hearth.readAllStandardOutput().contains("40 conversations added"));
        const QString out = dir_.filePath(QStringLiteral("exe-out"));
        hearth.start(QStringLiteral(HEARTH_APP),
                     {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("html"),
                      QStringLiteral("--out"), out});
        QVERIFY(hearth.waitForFinished(30000));
        QVERIFY2(hearth.exitCode() == 0, hearth.readAllStandardError().constData());
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 40);
        QVERIFY(QFile::exists(dir_.filePath(QStringLiteral("exe-xdg/Hearth/conversations.db"))));
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
