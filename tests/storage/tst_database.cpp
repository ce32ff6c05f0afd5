// The conversation database opens a real file in WAL mode with foreign keys and a busy
// timeout, and reports unusable paths as errors instead of crashing.
#include "database.h"
#include "sqliteerror.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using hearth::storage::Database;

class TestDatabase : public QObject {
    Q_OBJECT

private slots:
    void opensInWalModeWithForeignKeys() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("hearth.db").toStdString();
        auto db = Database::open(path);
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().message.c_str());
        QCOMPARE(db->pragma("journal_mode").value(), std::string("wal"));
        QCOMPARE(db->pragma("foreign_keys").value(), std::string("1"));
        QCOMPARE(db->pragma("busy_timeout").value(), std::string("5000"));

        QVERIFY(db->exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (42);").ok());
        QVERIFY(QFile::exists(dir.filePath("hearth.db-wal")));
    }

    void dataSurvivesReopen() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("hearth.db").toStdString();
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (7);").ok());
        }
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QCOMPARE(db->pragma("user_version").value(), std::string("0"));
        QVERIFY(db->exec("INSERT INTO t SELECT x + 1 FROM t;").ok());
    }

    void foreignKeysAreEnforced() {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath("fk.db").toStdString());
        QVERIFY(db.ok());
        QVERIFY(db->exec("CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                         "CREATE TABLE child(parent_id INTEGER REFERENCES parent(id));")
                    .ok());
        auto bad = db->exec("INSERT INTO child VALUES (99);");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.find("FOREIGN KEY") != std::string::npos,
                 bad.error().message.c_str());
    }

    void unusablePathIsAnError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing-folder/hearth.db").toStdString();
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.find(path) != std::string::npos, db.error().message.c_str());
    }

    void notADatabaseIsAnError() {
        QTemporaryDir dir;
        QFile junk(dir.filePath("junk.db"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        const std::string path = junk.fileName().toStdString();
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        // In words for people, naming the file once.
        QCOMPARE(db.error().message,
                 "the file is damaged or is not a Hearth conversation database (" + path + ")");
        QCOMPARE(junk.size(), 4096); // left untouched, nothing made beside it
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"junk.db"});
    }

    // What SQLite reports, as a sentence saying what happened and what to do; SQL and
    // SQLite's own words appear only for internal errors.
    void failuresAreDescribedForPeople_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("words");
        QTest::newRow("full") << SQLITE_FULL << 0 << "the disk is full: free some space";
        QTest::newRow("write, no space") << SQLITE_IOERR_WRITE << ENOSPC << "the disk is full";
        QTest::newRow("write, quota") << SQLITE_IOERR_WRITE << EDQUOT << "the disk is full";
        QTest::newRow("read-only file system")
            << SQLITE_IOERR_WRITE << EROFS << "the disk or folder is read-only";
        QTest::newRow("read-only") << SQLITE_READONLY << 0 << "the file or its folder is read-only";
        QTest::newRow("moved") << SQLITE_READONLY_DBMOVED << 0 << "moved or deleted while";
        QTest::newRow("cannot open, permissions")
            << SQLITE_CANTOPEN << EACCES << "not allowed to use the file or its folder";
        QTest::newRow("cannot open, no folder")
            << SQLITE_CANTOPEN << ENOENT << "the folder does not exist";
        QTest::newRow("busy") << SQLITE_BUSY << 0 << "another program is using the file";
        QTest::newRow("locked") << SQLITE_BUSY_SNAPSHOT << 0 << "another program is using the file";
        QTest::newRow("I/O") << SQLITE_IOERR_READ << EIO
                             << "the disk reported a read or write error";
        QTest::newRow("damaged") << SQLITE_CORRUPT << 0 << "damaged or is not a Hearth";
        QTest::newRow("memory") << SQLITE_NOMEM << 0 << "not enough memory";
        QTest::newRow("too big") << SQLITE_IOERR_WRITE << EFBIG
                                 << "largest size this system allows";
        QTest::newRow("internal") << SQLITE_CONSTRAINT_UNIQUE << 0
                                  << "an internal database error (SQLite: sqlite says)";
    }

    void failuresAreDescribedForPeople() {
        QFETCH(int, code);
        QFETCH(int, error);
        QFETCH(QString, words);
        const QString text = QString::fromStdString(
            hearth::storage::describe_sqlite_failure(code, error, "sqlite says"));
        QVERIFY2(text.contains(words), qPrintable(text));
    }

    // A file held by another program (here an exclusive lock of another connection) is
    // reported as such once the busy timeout (5 s) has passed.
    void fileHeldByAnotherProgram() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("held.db").toStdString();
        auto first = Database::open(path);
        QVERIFY(first.ok());
        QVERIFY(first
                    ->exec("CREATE TABLE t(x); PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
                           "INSERT INTO t VALUES (1);")
                    .ok());
        auto second = Database::open(path);
        QVERIFY(!second.ok());
        QVERIFY2(second.error().message.find("another program is using the file") !=
                     std::string::npos,
                 second.error().message.c_str());
    }

    // A write the file system refuses (here: beyond the process's file size limit, which
    // behaves like a full disk) is told as such, never as SQLite's "disk I/O error". The
    // limit applies to a child process, which reports the message through a pipe.
    void refusedWriteIsExplained() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("small.db").toStdString();
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(fds[0]);
            ::signal(SIGXFSZ, SIG_IGN); // the write fails with EFBIG instead
            const rlimit limit{256 * 1024, 256 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            std::string message = "(no error)";
            auto db = Database::open(path);
            if (!db) {
                message = db.error().message;
            } else if (auto r = db->exec("CREATE TABLE t(x); INSERT INTO t VALUES "
                                         "(zeroblob(4000000))");
                       !r) {
                message = r.error().message;
            }
            (void)::write(fds[1], message.data(), message.size());
            ::_exit(0);
        }
        ::close(fds[1]);
        QByteArray message;
        char buffer[512];
        for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
            message.append(buffer, n);
        }
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY2(message.contains("the disk is full") ||
                     message.contains("the largest size this system allows"),
                 message.constData());
        QVERIFY2(!message.contains("I/O error"), message.constData());
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
