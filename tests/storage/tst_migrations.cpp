// Schema migrations keyed by PRAGMA user_version: a new file gets the current schema; a
// database of every earlier version (frozen fixtures in data/schema-v<N>.sql) upgrades
// with its data intact; a failing step changes nothing; a newer database is refused and
// left byte for byte as it was.
#include "conversationstore.h"
#include "migrations.h"
#include "storetest.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;
using hearth::Result;

namespace {

QByteArray fixture(int version) {
    QFile file(QStringLiteral(HEARTH_TEST_DATA_DIR "/schema-v%1.sql").arg(version));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The schema of `db` as text, one line per object, with comments and layout removed, so a
// fixture and the migrations compare equal when they define the same objects.
QStringList schema_of(Database& db) {
    QStringList lines;
    auto stmt = db.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master"
                           " ORDER BY name");
    if (!stmt) {
        return {QStringLiteral("error")};
    }
    static const QRegularExpression comment(QStringLiteral("--[^\n]*"));
    static const QRegularExpression space(QStringLiteral("\\s+"));
    static const QRegularExpression around(QStringLiteral("\\s*([(),])\\s*"));
    while (stmt->step().value()) {
        QString sql = QString::fromStdString(stmt->text(3));
        sql.remove(comment)
            .replace(space, QStringLiteral(" "))
            .replace(around, QStringLiteral("\\1"));
        lines << QString::fromStdString(stmt->text(0) + " " + stmt->text(1) + " on " +
                                        stmt->text(2) + ": ") +
                     sql.trimmed();
    }
    return lines;
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int n_ = 0;

    // A database file holding fixture `version` (0: an empty file), not yet upgraded.
    std::string from_fixture(int version) {
        const std::string path =
            dir_.filePath(QStringLiteral("v%1-%2.db").arg(version).arg(++n_)).toStdString();
        auto db = Database::open(path);
        if (!db) {
            return {};
        }
        if (version > 0) {
            const QByteArray sql = fixture(version);
            if (sql.isEmpty() || !db->exec(sql.toStdString()).ok()) {
                return {};
            }
        }
        return path;
    }

private slots:
    void newDatabaseGetsTheCurrentSchema() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "new.db")));
        QCOMPARE(store->database().user_version().value(), kSchemaVersion);
        QCOMPARE(static_cast<int>(schema_migrations().size()), kSchemaVersion);
        QVERIFY(storetest::count(*store, "SELECT count(*) FROM message_search") == 0);
        STORE_OK(again, ConversationStore::open(storetest::db_path(dir_, "new.db")));
        QCOMPARE(again->database().user_version().value(), kSchemaVersion);
    }

    void fixturesMatchTheMigrations_data() {
        QTest::addColumn<int>("version");
        for (int v = 1; v < kSchemaVersion; ++v) {
            QTest::addRow("v%d", v) << v;
        }
    }

    void fixturesMatchTheMigrations() {
        // Catches an edited released step: the fixture keeps what users' files contain.
        QFETCH(int, version);
        STORE_OK(migrated, Database::open(storetest::db_path(dir_, "steps.db")));
        CHECK_OK(migrate(*migrated, schema_migrations().first(static_cast<size_t>(version))));
        STORE_OK(frozen, Database::open(from_fixture(version)));
        QCOMPARE(frozen->user_version().value(), version);
        QCOMPARE(schema_of(*frozen), schema_of(*migrated));
        QVERIFY(!schema_of(*frozen).isEmpty());
        QFile::remove(dir_.filePath(QStringLiteral("steps.db")));
    }

    void upgradesFromEveryVersion_data() {
        QTest::addColumn<int>("version");
        for (int v = 0; v < kSchemaVersion; ++v) {
            QTest::addRow("v%d", v) << v;
        }
    }

    void upgradesFromEveryVersion() {
        QFETCH(int, version);
        const std::string path = from_fixture(version);
        QVERIFY(!path.empty());
        STORE_OK(store, ConversationStore::open(path));
        QCOMPARE(store->database().user_version().value(), kSchemaVersion);
        QCOMPARE(store->database().pragma("integrity_check").value(), std::string("ok"));
        QCOMPARE(store->database().pragma("foreign_key_check").value(), std::string());
        QVERIFY(storetest::search_index_consistent(*store));
        if (version == 0) {
            STORE_OK(none, store->list_conversations());
            QVERIFY(none->empty());
            return;
        }
        STORE_OK(list, store->list_conversations());
        QCOMPARE(list->size(), size_t(2));                     // the deleted one stays hidden
        QCOMPARE(list->at(0).title, std::string("Sourdough")); // pinned
        QCOMPARE(list->at(0).folder.value_or(""), std::string("kitchen"));
        STORE_OK(path1, store->active_path(list->at(0).id));
        QCOMPARE(path1->size(), size_t(2));
        QCOMPARE(path1->at(1).content,
                 std::string("Discard half, then add flour and water 1:1:1."));
        QCOMPARE(path1->at(1).thinking, std::string("They asked about feeding."));
        QCOMPARE(path1->at(1).sibling_index, 1);
        QCOMPARE(path1->at(1).sibling_count, 2);
        QCOMPARE(path1->at(1).provenance.has_value(), version >= 2);
        if (version >= 2) {
            QCOMPARE(path1->at(1).provenance->seed, std::optional<uint64_t>(UINT64_MAX));
            QCOMPARE(path1->at(1).provenance->tokens_per_second, std::optional<double>(35.25));
        }
        // The answer cut off under the old version is recovered and searchable.
        STORE_OK(haiku, store->message_by_uuid("20000000-0000-4000-8000-000000000005"));
        QVERIFY(haiku->has_value());
        QCOMPARE((*haiku)->status, MessageStatus::Interrupted);
        QCOMPARE((*haiku)->content, std::string("Crimson maple leaves"));
        STORE_OK(found, store->search("maple"));
        QCOMPARE(found->size(), size_t(1));
        STORE_OK(old, store->search("sourdough starter")); // written before search existed
        QCOMPARE(old->size(), size_t(1));
        // And new writes work on the upgraded file.
        STORE_OK(added, store->add_message(list->at(0).id, path1->at(1).id, Role::User, "thanks"));
        STORE_OK(longer, store->active_path(list->at(0).id));
        QCOMPARE(longer->size(), size_t(3));
    }

    void failingStepChangesNothing() {
        const std::string path = from_fixture(1);
        STORE_OK(db, Database::open(path));
        std::vector<Migration> steps(schema_migrations().begin(), schema_migrations().end());
        steps.push_back({"a broken step", "CREATE TABLE oops(x); SELECT * FROM no_such_table;"});
        auto broken = migrate(*db, steps);
        QVERIFY(!broken.ok());
        const std::string expected = "cannot upgrade the conversation database to version " +
                                     std::to_string(kSchemaVersion + 1) + " (a broken step): ";
        QVERIFY2(broken.error().message.find(expected) != std::string::npos,
                 broken.error().message.c_str());
        QCOMPARE(db->user_version().value(), 1);
        STORE_OK(tables, db->pragma("table_list('provenance')"));
        QCOMPARE(*tables, std::string()); // step 2 of the same run was rolled back too
        STORE_OK(oops, db->pragma("table_list('oops')"));
        QCOMPARE(*oops, std::string());
    }

    void newerDatabaseIsRefusedUntouched() {
        const std::string path = storetest::db_path(dir_, "newer.db");
        {
            STORE_OK(store, ConversationStore::open(path));
            STORE_OK(c, store->create_conversation({"from the future", {}, {}, {}}));
            STORE_OK(m, store->add_message(c->id, std::nullopt, Role::User, "hello"));
            CHECK_OK(store->database().exec("PRAGMA user_version = " +
                                            std::to_string(kSchemaVersion + 1)));
        }
        const QString file = QString::fromStdString(path);
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal"))); // checkpointed on close
        const QByteArray before = storetest::file_sha256(file);
        CHECK_ERROR(ConversationStore::open(path), "was written by a newer Hearth");
        CHECK_ERROR(ConversationStore::open(path), "left untouched");
        QCOMPARE(storetest::file_sha256(file), before);
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")));
        // The migration step refuses it too (another process could have upgraded it
        // between the check at open and the transaction).
        STORE_OK(raw, Database::open(path));
        CHECK_ERROR(migrate(*raw, schema_migrations()), "newer Hearth");
        QCOMPARE(raw->user_version().value(), kSchemaVersion + 1);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
