// Statement (bind, step, typed reads, move-only, cached) and Transaction (commit, rollback
// in the destructor, write lock up front) against a real database file.
#include "database.h"
#include "statement.h"
#include "storetest.h"
#include "transaction.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <type_traits>

using namespace hearth::storage;
using hearth::Result;

static_assert(!std::is_copy_constructible_v<Statement>);
static_assert(std::is_nothrow_move_constructible_v<Statement>);
static_assert(!std::is_copy_constructible_v<Transaction>);

class TestStatement : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int n_ = 0;

    Result<Database> fresh() {
        auto db = Database::open(dir_.filePath(QStringLiteral("s%1.db").arg(++n_)).toStdString());
        if (db) {
            (void)db->exec("CREATE TABLE t(i INTEGER, r REAL, s TEXT)");
        }
        return db;
    }

    static int64_t rows(Database& db) {
        auto stmt = db.prepare("SELECT count(*) FROM t");
        return stmt && stmt->step().ok() ? stmt->integer(0) : -1;
    }

private slots:
    void bindsAndReadsEveryType() {
        STORE_OK(db, fresh());
        STORE_OK(insert, db->prepare("INSERT INTO t VALUES (?1, ?2, ?3)"));
        const std::string text("nul\0inside ✓", 14);
        insert->bind(1, std::numeric_limits<int64_t>::min()).bind(2, 0.1).bind(3, text);
        CHECK_OK(insert->run());
        insert->bind(1, nullptr).bind(2, std::nan("")).bind(3, std::optional<std::string>());
        CHECK_OK(insert->run()); // reusable after run()
        insert->bind(1, true).bind(2, std::optional<double>(2.5)).bind(3, "'; DROP TABLE t; --");
        CHECK_OK(insert->run());

        STORE_OK(select, db->prepare("SELECT i, r, s FROM t ORDER BY rowid"));
        STORE_OK(first, select->step());
        QVERIFY(*first);
        QCOMPARE(select->integer(0), std::numeric_limits<int64_t>::min());
        QCOMPARE(select->real(1), 0.1);
        QCOMPARE(select->text(2), text); // embedded NUL and UTF-8 intact
        STORE_OK(second, select->step());
        QVERIFY(*second);
        QVERIFY(select->is_null(0));
        QVERIFY(!select->optional_real(1).has_value()); // NaN is stored as NULL
        QVERIFY(!select->optional_text(2).has_value());
        STORE_OK(third, select->step());
        QVERIFY(*third);
        QCOMPARE(select->optional_integer(0), std::optional<int64_t>(1));
        QCOMPARE(select->text(2), std::string("'; DROP TABLE t; --")); // bound, not run
        STORE_OK(end, select->step());
        QVERIFY(!*end);
        QCOMPARE(rows(*db), int64_t(3));
    }

    void errorsNameTheProblem() {
        STORE_OK(db, fresh());
        CHECK_ERROR(db->prepare("SELEC 1"), "syntax error");
        STORE_OK(stmt, db->prepare("SELECT ?1"));
        stmt->bind(7, int64_t(1)); // no parameter 7
        CHECK_ERROR(stmt->step(), "cannot bind parameter 7");
        stmt->bind(1, int64_t(5)); // the failed step reset the bind error
        STORE_OK(row, stmt->step());
        QVERIFY(*row);
        QCOMPARE(stmt->integer(0), int64_t(5));
        CHECK_OK(db->exec("CREATE TABLE u(x INTEGER NOT NULL)"));
        STORE_OK(insert, db->prepare("INSERT INTO u VALUES (?1)"));
        insert->bind(1, nullptr);
        CHECK_ERROR(insert->run(), "NOT NULL constraint failed: u.x");
    }

    void movedStatementKeepsWorking() {
        STORE_OK(db, fresh());
        STORE_OK(prepared, db->prepare("SELECT 40 + ?1"));
        Statement moved(std::move(prepared).value());
        moved.bind(1, 2);
        STORE_OK(row, moved.step());
        QVERIFY(*row);
        QCOMPARE(moved.integer(0), int64_t(42));
        QCOMPARE(moved.sql(), std::string_view("SELECT 40 + ?1"));
    }

    void cachedStatementsArePreparedOnce() {
        STORE_OK(db, fresh());
        STORE_OK(a, db->cached("INSERT INTO t(i) VALUES (?1)"));
        (*a)->bind(1, 1);
        CHECK_OK((*a)->run());
        STORE_OK(b, db->cached("INSERT INTO t(i) VALUES (?1)"));
        QCOMPARE(*b, *a);
        (*b)->bind(1, 2);
        CHECK_OK((*b)->run());
        QCOMPARE(rows(*db), int64_t(2));
    }

    void transactionRollsBackUnlessCommitted() {
        STORE_OK(db, fresh());
        {
            STORE_OK(t, Transaction::begin(*db));
            CHECK_OK(db->exec("INSERT INTO t(i) VALUES (1)"));
            QCOMPARE(rows(*db), int64_t(1));
        } // destroyed without commit
        QCOMPARE(rows(*db), int64_t(0));
        {
            STORE_OK(t, Transaction::begin(*db));
            CHECK_OK(db->exec("INSERT INTO t(i) VALUES (1)"));
            CHECK_OK(t->commit());
            QVERIFY(!t->active());
            CHECK_ERROR(t->commit(), "already committed");
        }
        QCOMPARE(rows(*db), int64_t(1));
        STORE_OK(t, Transaction::begin(*db));
        CHECK_ERROR(Transaction::begin(*db), "within a transaction");
        t->rollback();
        STORE_OK(again, Transaction::begin(*db)); // the connection is usable again
        CHECK_OK(again->commit());
    }

    void immediateTransactionHoldsTheWriteLock() {
        const std::string path = storetest::db_path(dir_, "lock.db");
        STORE_OK(a, Database::open(path));
        STORE_OK(b, Database::open(path));
        CHECK_OK(a->exec("CREATE TABLE t(x)"));
        CHECK_OK(b->exec("PRAGMA busy_timeout = 50"));
        STORE_OK(t, Transaction::begin(*a));
        CHECK_ERROR(Transaction::begin(*b), "another program is using the file");
        // A reader still reads (WAL): the last committed state.
        STORE_OK(read, b->pragma("user_version"));
        QCOMPARE(*read, std::string("0"));
        CHECK_OK(t->commit());
        STORE_OK(now, Transaction::begin(*b));
        CHECK_OK(now->commit());
    }

    void newerSchemaIsRefusedUntouched() {
        const QString path = dir_.filePath(QStringLiteral("newer.db"));
        {
            STORE_OK(db, Database::open(path.toStdString()));
            CHECK_OK(db->exec("CREATE TABLE future(x); PRAGMA user_version = 9;"
                              "PRAGMA journal_mode = DELETE;"));
        }
        const QByteArray before = storetest::file_sha256(path);
        CHECK_ERROR(Database::open(path.toStdString(), 3), "newer Hearth (schema version 9");
        QCOMPARE(storetest::file_sha256(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // not even switched to WAL
        STORE_OK(ok, Database::open(path.toStdString(), 9));
        QCOMPARE(ok->user_version().value(), 9);
    }
};

QTEST_GUILESS_MAIN(TestStatement)
#include "tst_statement.moc"
