// The conversation database opens a real file in WAL mode with foreign keys and a busy
// timeout, and reports unusable paths as errors instead of crashing.
#include "database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
        auto db = Database::open(junk.fileName().toStdString());
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.find("not a database") != std::string::npos,
                 db.error().message.c_str());
        QCOMPARE(junk.size(), 4096); // left untouched
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
