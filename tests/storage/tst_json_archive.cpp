// The lossless JSON archive: export -> import -> export gives the same bytes; importing
// again or an overlapping file adds only what is missing; a bad file is rejected with a
// message naming the problem and nothing is written.
#include "archive_edits.h"
#include "conversationstore.h"
#include "jsonarchive.h"
#include "storetest.h"
#include "streamingmessage.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace hearth::storage;
using hearth::Result;

namespace {

constexpr int64_t kExportedAt = 1'750'000'000'123;

QByteArray export_all(ConversationStore& store) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Result<void> r = export_json(store, {}, buffer, kExportedAt);
    return r ? buffer.data() : QByteArray("export failed: ") + r.error().message.c_str();
}

// A conversation with everything the format has: branches, thinking, provenance with
// awkward numbers, text that needs escaping, and an answer still being written (returned:
// it is written as interrupted while it lives, and marked so when dropped).
Result<StreamingMessage> fill(ConversationStore& store) {
    store.set_clock(storetest::SteppingClock{});
    auto c =
        store.create_conversation({"Zürich \"trip\"\n\t<plan>", "travel", "Qwen3", "Be kind."});
    auto q = store.add_message(c->id, std::nullopt, Role::System, "You are terse.");
    auto u = store.add_message(c->id, q->id, Role::User, "Emoji 🧭, NUL? no; tab\t; \x01 ok");
    int64_t first_answer = 0;
    {
        Provenance p = storetest::sample_provenance();
        p.sampling[hearth::SamplingField::Temperature] =
            0.1 + 0.2; // 0.30000000000000004 must survive
        p.tokens_per_second = 1e-7;
        auto a = store.begin_answer(c->id, u->id, p);
        (void)a->append("```cpp\nint main() {}\n```\n", "Let me think… \\ \"quoted\"");
        (void)a->finish(MessageStatus::Done, FinishReason::Eos, {}, {10, 20, 55.5, 12.25, 3141.5});
        first_answer = a->id();
    }
    {
        auto b = store.begin_answer(c->id, u->id, {}, {std::chrono::milliseconds(0)});
        (void)b->append("second try, cut off");
        (void)b->finish(MessageStatus::Error, FinishReason::Error, "out of memory");
    }
    auto edit = store.add_message(c->id, q->id, Role::User, "an edited question");
    (void)store.set_active_child(u->id);
    (void)store.set_active_child(first_answer);
    (void)store.set_pinned(c->id, true);
    auto d = store.create_conversation({"", {}, {}, {}});
    (void)store.set_archived(d->id, true);
    (void)store.add_message(d->id, std::nullopt, Role::User, "");
    auto e = store.create_conversation({"streaming when exported", {}, {}, {}});
    auto eq = store.add_message(e->id, std::nullopt, Role::User, "go");
    auto s = store.begin_answer(e->id, eq->id, {}, {std::chrono::milliseconds(0)});
    (void)s->append("partial");
    return s;
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestJsonArchive : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int n_ = 0;
    QByteArray exported_;

    Result<ConversationStore> fresh() {
        return ConversationStore::open(
            dir_.filePath(QStringLiteral("a%1.db").arg(++n_)).toStdString(), {false});
    }

private slots:
    void initTestCase() {
        STORE_OK(source, fresh());
        STORE_OK(streaming, fill(*source));
        exported_ = export_all(*source); // as from the command line while the app writes
        QVERIFY2(exported_.startsWith("{\n  \"format\": \"hearth-conversations\""),
                 exported_.left(200).constData());
    }

    void roundTripIsByteIdentical() {
        STORE_OK(copy, fresh());
        STORE_OK(summary, import_json(*copy, exported_));
        QCOMPARE(summary->conversations_added, int64_t(3));
        QCOMPARE(summary->messages_added, int64_t(8));
        const QByteArray again = export_all(*copy);
        QCOMPARE(again, exported_);
        QVERIFY(exported_.contains("\"temperature\": 0.30000000000000004"));
        QVERIFY(exported_.contains("\"seed\": \"18446744073709551615\""));
        QVERIFY(exported_.contains("\"thinking_ms\": 3141.5"));
        QVERIFY(exported_.contains("\"status\": \"interrupted\""));
        QVERIFY(exported_.contains("\\u0001 ok"));
        QVERIFY(!exported_.contains("\"streaming\""));
        QVERIFY(storetest::search_index_consistent(*copy));
        STORE_OK(list, copy->list_conversations());
        QCOMPARE(list->front().title, std::string("Zürich \"trip\"\n\t<plan>"));
        STORE_OK(path, copy->active_path(list->front().id));
        QCOMPARE(path->size(), size_t(3)); // system, user, the chosen answer
        QCOMPARE(path->at(2).sibling_count, 2);
        QCOMPARE(path->at(2).provenance->seed, std::optional<uint64_t>(UINT64_MAX));
    }

    // A version 1 file (before provenance.thinking_ms) imports; the field stays empty.
    void versionOneArchivesImport() {
        QJsonObject root = QJsonDocument::fromJson(exported_).object();
        root["version"] = 1;
        QJsonArray conversations = root["conversations"].toArray();
        for (QJsonValueRef c : conversations) {
            QJsonObject conversation = c.toObject();
            QJsonArray messages = conversation["messages"].toArray();
            for (QJsonValueRef m : messages) {
                QJsonObject message = m.toObject();
                if (message["provenance"].isObject()) {
                    QJsonObject provenance = message["provenance"].toObject();
                    provenance.remove("thinking_ms");
                    message["provenance"] = provenance;
                }
                m = message;
            }
            conversation["messages"] = messages;
            c = conversation;
        }
        root["conversations"] = conversations;
        STORE_OK(copy, fresh());
        STORE_OK(summary, import_json(*copy, QJsonDocument(root).toJson()));
        QCOMPARE(summary->messages_added, int64_t(8));
        STORE_OK(list, copy->list_conversations());
        STORE_OK(path, copy->active_path(list->front().id));
        QVERIFY(path->at(2).provenance.has_value());
        QCOMPARE(path->at(2).provenance->thinking_ms, std::nullopt);
        QCOMPARE(path->at(2).provenance->tokens_per_second, std::optional<double>(12.25));
    }

    void importingTwiceAddsNothing() {
        STORE_OK(copy, fresh());
        CHECK_OK(import_json(*copy, exported_));
        STORE_OK(summary, import_json(*copy, exported_));
        QCOMPARE(summary->conversations_added, int64_t(0));
        QCOMPARE(summary->conversations_merged, int64_t(3));
        QCOMPARE(summary->messages_added, int64_t(0));
        QCOMPARE(summary->messages_skipped, int64_t(8));
        QCOMPARE(export_all(*copy), exported_);
    }

    void mergeAddsOnlyWhatIsMissing() {
        STORE_OK(source, fresh());
        CHECK_OK(fill(*source));
        STORE_OK(copy, fresh());
        CHECK_OK(import_json(*copy, export_all(*source)));
        // Later, at the source: a regenerated answer and a new conversation.
        STORE_OK(list, source->list_conversations());
        STORE_OK(path, source->active_path(list->front().id));
        STORE_OK(regenerated, source->add_message(list->front().id, path->at(1).id, Role::Assistant,
                                                  "third answer"));
        STORE_OK(added, source->create_conversation({"new one", {}, {}, {}}));
        STORE_OK(m, source->add_message(added->id, std::nullopt, Role::User, "fresh"));
        // Meanwhile the copy chose the other answer: the merge keeps that choice.
        STORE_OK(copy_list, copy->list_conversations());
        STORE_OK(copy_path, copy->active_path(copy_list->front().id));
        STORE_OK(copy_siblings, copy->siblings(copy_path->at(2).id));
        CHECK_OK(copy->set_active_child(copy_siblings->at(1).id));

        STORE_OK(summary, import_json(*copy, export_all(*source)));
        QCOMPARE(summary->conversations_added, int64_t(1));
        QCOMPARE(summary->conversations_merged, int64_t(3));
        QCOMPARE(summary->messages_added, int64_t(2));
        QCOMPARE(summary->messages_skipped, int64_t(8));
        STORE_OK(after, copy->active_path(copy_list->front().id));
        QCOMPARE(after->at(2).id, copy_siblings->at(1).id);
        QCOMPARE(after->at(2).sibling_count, 3);
    }

    void invalidFilesAreRejected_data() {
        QTest::addColumn<Mutation>("mutate");
        QTest::addColumn<QString>("error");
        auto row = [](const char* name, Mutation m, const char* error) {
            QTest::newRow(name) << m << QString::fromUtf8(error);
        };
        row("format", [](QJsonObject& r) { r["format"] = "other"; }, "not a Hearth archive");
        row("newer", [](QJsonObject& r) { r["version"] = 5; }, "newer Hearth (format version 5");
        row("version type", [](QJsonObject& r) { r["version"] = "1"; }, "version: expected");
        row("top-level field", [](QJsonObject& r) { r["extra"] = 1; }, "extra: unknown field");
        row(
            "no title",
            [](QJsonObject& r) {
                QJsonArray cs = r["conversations"].toArray();
                QJsonObject c = cs[0].toObject();
                c.remove("title");
                cs[0] = c;
                r["conversations"] = cs;
            },
            "conversations[0].title: missing");
        row(
            "unknown field", [](QJsonObject& r) { set_conversation_field(r, 0, "colour", 1); },
            "conversations[0].colour: unknown field");
        row(
            "pinned", [](QJsonObject& r) { set_conversation_field(r, 0, "pinned", "yes"); },
            "conversations[0].pinned: expected true or false");
        row(
            "bad id", [](QJsonObject& r) { set_conversation_field(r, 1, "id", "1234"); },
            "conversations[1].id: expected an id like");
        row(
            "role", [](QJsonObject& r) { set_message_field(r, 0, 1, "role", "robot"); },
            "conversations[0].messages[1].role: expected one of");
        row(
            "status", [](QJsonObject& r) { set_message_field(r, 0, 1, "status", "Done"); },
            "conversations[0].messages[1].status: expected one of");
        row(
            "time",
            [](QJsonObject& r) { set_message_field(r, 0, 0, "created_at", "2025-03-01 09:30"); },
            "conversations[0].messages[0].created_at: expected a UTC time");
        row(
            "content", [](QJsonObject& r) { set_message_field(r, 0, 0, "content", 5); },
            "conversations[0].messages[0].content: expected text");
        row(
            "parent later",
            [](QJsonObject& r) {
                QJsonObject first = message_at(r, 0, 0);
                QJsonObject second = message_at(r, 0, 1);
                set_message(r, 0, 0, second);
                set_message(r, 0, 1, first);
            },
            "is not an earlier message of this conversation");
        row(
            "duplicate", [](QJsonObject& r) { set_message(r, 0, 4, message_at(r, 0, 3)); },
            "appears twice");
        row(
            "active child",
            [](QJsonObject& r) {
                set_message_field(r, 0, 0, "active_child", message_at(r, 0, 2)["id"]);
            },
            "conversations[0].messages[0].active_child: ");
        row(
            "active root",
            [](QJsonObject& r) {
                set_conversation_field(r, 0, "active_root", message_at(r, 0, 1)["id"]);
            },
            "conversations[0].active_root: ");
        row(
            "top_k", [](QJsonObject& r) { set_provenance_field(r, "top_k", 40.5); },
            "messages[2].provenance.top_k: expected a whole number");
        row(
            "seed number", [](QJsonObject& r) { set_provenance_field(r, "seed", 42); },
            "provenance.seed: expected text");
        row(
            "seed range",
            [](QJsonObject& r) { set_provenance_field(r, "seed", "18446744073709551616"); },
            "provenance.seed: expected a decimal number");
        row(
            "provenance field", [](QJsonObject& r) { set_provenance_field(r, "gpu", "x"); },
            "provenance.gpu: unknown field");
        row(
            "same message twice",
            [](QJsonObject& r) {
                const QJsonValue taken = message_at(r, 0, 4)["id"]; // a leaf of conversation 0
                set_message_field(r, 1, 0, "id", taken);
                set_conversation_field(r, 1, "active_root", taken);
            },
            "also appears in another conversation");
    }

    void invalidFilesAreRejected() {
        QFETCH(Mutation, mutate);
        QFETCH(QString, error);
        QJsonObject root = QJsonDocument::fromJson(exported_).object();
        QVERIFY(!root.isEmpty());
        mutate(root);
        STORE_OK(target, fresh());
        STORE_OK(existing, target->create_conversation({"already here", {}, {}, {}}));
        const QByteArray before = export_all(*target);
        auto result = import_json(*target, QJsonDocument(root).toJson());
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.find(error.toStdString()) != std::string::npos,
                 result.error().message.c_str());
        QCOMPARE(export_all(*target), before); // nothing written
    }

    void notJsonIsRejected() {
        STORE_OK(target, fresh());
        CHECK_ERROR(import_json(*target, "{\n  \"format\": \"hearth-conversations\",\n  oops"),
                    "not valid JSON");
        CHECK_ERROR(import_json(*target, "{\n  \"format\": \n  oops"), "at line 3, column 3");
        CHECK_ERROR(import_json(*target, "[1, 2]"), "not a Hearth archive");
        CHECK_ERROR(import_json(*target, ""), "not valid JSON");
        CHECK_ERROR(import_json_file(*target, dir_.filePath("none.json").toStdString()),
                    "cannot read");
        QCOMPARE(storetest::count(*target, "SELECT count(*) FROM conversations"), int64_t(0));
    }

    // What a lenient parser would repair quietly is refused with its place: a lone UTF-16
    // surrogate (it used to be stored as "?"), bytes that are not UTF-8, a key given twice
    // (the last value used to win) in each kind of object, text after the document.
    void strictJsonIsRequired_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("error");
        const QByteArray content = "\"content\": \"";
        QVERIFY(exported_.contains(content));
        const auto replaced = [&](const QByteArray& from, const QByteArray& to) {
            QByteArray d = exported_;
            const qsizetype at = d.indexOf(from);
            return d.replace(at, from.size(), to);
        };
        QTest::newRow("lone high surrogate")
            << replaced(content, content + "\\ud800x") << "\\ud800 is half of a surrogate pair";
        QTest::newRow("lone low surrogate")
            << replaced(content, content + "\\udc00") << "\\udc00 is half of a surrogate pair";
        QTest::newRow("reversed pair")
            << replaced(content, content + "\\udc00\\ud800") << "surrogate pair";
        QTest::newRow("not UTF-8") << replaced(content, content + "\xC3(") << "not UTF-8";
        QTest::newRow("overlong UTF-8") << replaced(content, content + "\xC0\xAF") << "not UTF-8";
        QTest::newRow("control character")
            << replaced(content, content + "\x01") << "control character";
        QTest::newRow("message key twice")
            << replaced(content, "\"content\": \"x\", " + content) << "\"content\" appears twice";
        QTest::newRow("conversation key twice")
            << replaced("\"pinned\": ", "\"pinned\": false, \"pinned\": ")
            << "conversations[0]: the key \"pinned\" appears twice";
        QTest::newRow("top-level key twice")
            << replaced("\"version\": ", "\"version\": 1, \"version\": ")
            << "the key \"version\" appears twice";
        QTest::newRow("two message lists")
            << replaced("\"messages\": [", "\"messages\": [], \"messages\": [")
            << "the key \"messages\" appears twice";
        QTest::newRow("text after the end") << exported_ + "{}" << "more text follows";
        QTest::newRow("deep nesting") << QByteArray(100000, '[') << "nested too deeply";
    }

    void strictJsonIsRequired() {
        QFETCH(QByteArray, data);
        QFETCH(QString, error);
        STORE_OK(target, fresh());
        auto result = import_json(*target, data);
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.error().message).contains(error),
                 result.error().message.c_str());
        QCOMPARE(storetest::count(*target, "SELECT count(*) FROM conversations"), int64_t(0));
    }

    // Escapes that are text come through: a surrogate pair, \u0000, \/.
    void escapesAreDecoded() {
        QByteArray data = exported_;
        const QByteArray content = "\"content\": \"";
        data.replace(data.indexOf(content), content.size(),
                     content + "\\ud83d\\ude00\\u0000\\/\\u00e9");
        STORE_OK(target, fresh());
        CHECK_OK(import_json(*target, data));
        QVERIFY(export_all(*target).contains("\xF0\x9F\x98\x80\\u0000/\xC3\xA9"));
    }

    // An archive over 1 GiB is refused before it is read (here a sparse file).
    void archiveSizeIsCapped() {
        const QString path = dir_.filePath(QStringLiteral("huge.json"));
        QFile huge(path);
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize((qint64(1) << 30) + 1));
        huge.close();
        STORE_OK(target, fresh());
        QElapsedTimer timer;
        timer.start();
        CHECK_ERROR(import_json_file(*target, path.toStdString()),
                    "more than the 1024 MiB Hearth imports at once");
        QVERIFY(timer.elapsed() < 1000);
        QFile::remove(path);
    }

    void conflictWithTheDatabaseWritesNothing() {
        STORE_OK(target, fresh());
        CHECK_OK(import_json(*target, exported_));
        const QByteArray before = export_all(*target);
        // A new conversation holding a message the database has in another one.
        QJsonObject root = QJsonDocument::fromJson(exported_).object();
        const QJsonValue taken = message_at(root, 0, 4)["id"];
        set_conversation_field(root, 1, "id", "30000000-0000-4000-8000-000000000003");
        set_message_field(root, 1, 0, "id", taken);
        set_conversation_field(root, 1, "active_root", taken);
        root["conversations"] = QJsonArray{root["conversations"].toArray()[1]};
        CHECK_ERROR(import_json(*target, QJsonDocument(root).toJson()),
                    "is already in another conversation of this database");
        QCOMPARE(export_all(*target), before);
    }

    // As the app imports: the conversation that conflicts is left out and named with the
    // reason, the new one is added, the one already there is counted as skipped.
    void skippingAConflictLeavesOutOnlyThatConversation() {
        STORE_OK(target, fresh());
        const QJsonArray all =
            QJsonDocument::fromJson(exported_).object()["conversations"].toArray();
        QJsonObject first = QJsonDocument::fromJson(exported_).object();
        first["conversations"] = QJsonArray{all[0], all[2]};
        CHECK_OK(import_json(*target, QJsonDocument(first).toJson()));
        const QByteArray before = export_all(*target);
        // Conversation 2 (there already), a copy of 1 holding a message of 0, and 1 (new).
        QJsonObject root = QJsonDocument::fromJson(exported_).object();
        const QJsonValue taken = message_at(root, 0, 4)["id"];
        set_conversation_field(root, 1, "id", "30000000-0000-4000-8000-000000000003");
        set_conversation_field(root, 1, "title", "the conflicting one");
        set_message_field(root, 1, 0, "id", taken);
        set_conversation_field(root, 1, "active_root", taken);
        root["conversations"] = QJsonArray{all[2], root["conversations"].toArray()[1], all[1]};
        const QByteArray data = QJsonDocument(root).toJson();
        CHECK_ERROR(import_json(*target, data), "is already in another conversation");
        QCOMPARE(export_all(*target), before);

        STORE_OK(summary, import_json(*target, data, {}, OnConflict::SkipConversation));
        QCOMPARE(summary->conversations_added, int64_t(1));
        QCOMPARE(summary->conversations_merged, int64_t(1));
        QCOMPARE(summary->conversations_unchanged, int64_t(1));
        QCOMPARE(summary->failed.size(), size_t(1));
        QCOMPARE(summary->failed[0].title, std::string("the conflicting one"));
        QVERIFY2(summary->failed[0].reason.find("already in another conversation") !=
                     std::string::npos,
                 summary->failed[0].reason.c_str());
        STORE_OK(list,
                 target->list_conversations({ConversationFilter::Archived::Include, std::nullopt}));
        QCOMPARE(list->size(), size_t(3)); // 0 and 2 as they were, 1 added
        for (const Conversation& c : *list) {
            QVERIFY(c.title != "the conflicting one");
        }
        // Again: everything is there or fails the same way; nothing changes.
        const QByteArray after = export_all(*target);
        STORE_OK(again, import_json(*target, data, {}, OnConflict::SkipConversation));
        QCOMPARE(again->conversations_added, int64_t(0));
        QCOMPARE(again->conversations_unchanged, int64_t(2));
        QCOMPARE(again->failed.size(), size_t(1));
        QCOMPARE(export_all(*target), after);
    }

    void progressIsReportedAndCancelWritesNothing() {
        STORE_OK(source, fresh());
        STORE_OK(c, source->create_conversation({"many", {}, {}, {}}));
        std::optional<int64_t> parent;
        for (int i = 0; i < 600; ++i) {
            STORE_OK(m, source->add_message(c->id, parent, Role::User, "m" + std::to_string(i)));
            parent = m->id;
        }
        const QByteArray data = export_all(*source);
        STORE_OK(target, fresh());
        std::vector<int64_t> seen;
        STORE_OK(summary, import_json(*target, data, [&](int64_t done, int64_t total) {
                     seen.push_back(done);
                     return total == 600;
                 }));
        QCOMPARE(summary->messages_added, int64_t(600));
        QCOMPARE(seen, (std::vector<int64_t>{256, 512, 600}));
        STORE_OK(other, fresh());
        CHECK_ERROR(import_json(*other, data, [](int64_t done, int64_t) { return done < 300; }),
                    "cancelled");
        QCOMPARE(storetest::count(*other, "SELECT count(*) FROM messages"), int64_t(0));
    }

    void bytesThatAreNotUtf8StillExport() {
        STORE_OK(store, fresh());
        STORE_OK(c, store->create_conversation({"bytes", {}, {}, {}}));
        STORE_OK(m, store->add_message(c->id, std::nullopt, Role::Assistant,
                                       std::string("half a char: \xE2\x82 end")));
        const QByteArray data = export_all(*store);
        QVERIFY2(data.contains("half a char: \\ufffd\\ufffd end"), data.constData());
        STORE_OK(copy, fresh());
        CHECK_OK(import_json(*copy, data));
    }
};

QTEST_GUILESS_MAIN(TestJsonArchive)
#include "tst_json_archive.moc"
