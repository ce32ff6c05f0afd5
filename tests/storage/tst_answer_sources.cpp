// Document search in the conversation database (schema version 6): a conversation's
// collections, and the search and numbered sources kept with each answer; both go with the
// conversation or message they belong to, and into the JSON archive (version 4) and back.
#include "answersources.h"
#include "archive_edits.h"
#include "jsonarchive.h"
#include "storetest.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;

namespace {

QByteArray exportAll(ConversationStore& store) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    hearth::Result<void> r = export_json(store, {}, buffer, 1'750'000'000'000);
    return r ? buffer.data() : QByteArray("export failed: ") + r.error().message.c_str();
}

// What the archive must carry, read back by message uuid.
struct Snapshot {
    std::vector<std::string> collections; // of the first conversation
    std::vector<std::pair<std::string, std::optional<AnswerSearch>>> searches;
};

Snapshot snapshot(ConversationStore& store) {
    Snapshot s;
    auto list = store.list_conversations();
    for (const Conversation& c : *list) {
        if (c.title == "Lease") {
            s.collections = conversation_collections(store.database(), c.id).value();
        }
        const std::vector<Message> messages = store.all_messages(c.id).value();
        for (const Message& m : messages) {
            s.searches.emplace_back(m.uuid, answer_search(store.database(), m.id).value());
        }
    }
    std::sort(s.searches.begin(), s.searches.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return s;
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestAnswerSources : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int n_ = 0;
    QByteArray exported_; // by initTestCase: the conversations below

    hearth::Result<ConversationStore> fresh() {
        return ConversationStore::open(
            dir_.filePath(QStringLiteral("x%1.db").arg(++n_)).toStdString(), {false});
    }

private slots:
    // "Lease" (collections u1, u2): a question [0], an answer citing two sources [1], and
    // one whose search found nothing [2]; "Plain": an answer made without document search.
    void initTestCase() {
        STORE_OK(store, fresh());
        store->set_clock(storetest::SteppingClock{});
        STORE_OK(chat, store->create_conversation({"Lease"}));
        CHECK_OK(set_conversation_collections(store->database(), chat->id,
                                              {"6f1c2b1e-uuid-of-home", "u2"}));
        STORE_OK(q, store->add_message(chat->id, std::nullopt, Role::User, "notice?"));
        STORE_OK(a, store->add_message(chat->id, q->id, Role::Assistant, "Three months [1][2]."));
        STORE_OK(b, store->add_message(chat->id, q->id, Role::Assistant, "Nothing found."));
        AnswerSearch search;
        search.collections = {"Home", "Verträge"};
        search.sources.push_back({1, "u1", "/d/Mietvertrag \"2024\".pdf", "Mietvertrag", 3, 12, 40,
                                  "Der Mieter kündigt mit drei Monaten Frist.\n§ 4"});
        search.sources.push_back({2, "u2", "/d/搬家.md", "搬家.md", 1, 1, 0, "5月2日寄出。"});
        CHECK_OK(save_answer_search(store->database(), a->id, search));
        CHECK_OK(save_answer_search(store->database(), b->id, {{"Home"}, {}}));
        STORE_OK(plain, store->create_conversation({"Plain"}));
        STORE_OK(pq, store->add_message(plain->id, std::nullopt, Role::User, "hi"));
        CHECK_OK(store->add_message(plain->id, pq->id, Role::Assistant, "hello"));
        exported_ = exportAll(*store);
        QVERIFY2(exported_.contains("\"version\": 4"), exported_.left(200).constData());
    }

    // Export, import into a fresh database: the same rows; exported again: the same bytes.
    void archiveKeepsSourcesByteForByte() {
        STORE_OK(original, ConversationStore::open(dir_.filePath("x1.db").toStdString(), {false}));
        const Snapshot before = snapshot(*original);
        QCOMPARE(before.searches.size(), size_t(5));
        QCOMPARE(before.collections, std::vector<std::string>({"6f1c2b1e-uuid-of-home", "u2"}));

        STORE_OK(copy, fresh());
        STORE_OK(summary, import_json(*copy, exported_));
        QCOMPARE(summary->messages_added, int64_t(5));
        const Snapshot after = snapshot(*copy);
        QCOMPARE(after.collections, before.collections);
        QVERIFY(after.searches == before.searches);
        int searched = 0, sources = 0;
        for (const auto& [uuid, search] : after.searches) {
            searched += search.has_value();
            sources += search ? int(search->sources.size()) : 0;
        }
        QCOMPARE(searched, 2);
        QCOMPARE(sources, 2);
        QCOMPARE(exportAll(*copy), exported_);
        QVERIFY(exported_.contains("\"document_search\": null"));
        QVERIFY(exported_.contains("\"path\": \"/d/Mietvertrag \\\"2024\\\".pdf\""));

        // Imported again into the copy, where the user changed the conversation's choice:
        // nothing is added and the choice stays.
        int64_t lease = 0;
        const std::vector<Conversation> conversations = copy->list_conversations().value();
        for (const Conversation& c : conversations) {
            lease = c.title == "Lease" ? c.id : lease;
        }
        CHECK_OK(set_conversation_collections(copy->database(), lease, {"mine"}));
        STORE_OK(again, import_json(*copy, exported_));
        QCOMPARE(again->messages_added, int64_t(0));
        QCOMPARE(conversation_collections(copy->database(), lease).value(),
                 std::vector<std::string>({"mine"}));
    }

    // Archives of versions 1 to 3 have neither field: they import, without sources.
    void olderArchivesImportWithoutSources() {
        QJsonObject root = QJsonDocument::fromJson(exported_).object();
        root["version"] = 3;
        set_conversation_field(root, 0, "collections", QJsonValue());
        for (int c = 0; c < 2; ++c) {
            QJsonArray conversations = root["conversations"].toArray();
            QJsonObject conversation = conversations[c].toObject();
            conversation.remove("collections");
            QJsonArray messages = conversation["messages"].toArray();
            for (qsizetype m = 0; m < messages.size(); ++m) {
                QJsonObject message = messages[m].toObject();
                message.remove("document_search");
                messages[m] = message;
            }
            conversation["messages"] = messages;
            conversations[c] = conversation;
            root["conversations"] = conversations;
        }
        QVERIFY(!QJsonDocument(root).toJson().contains("document_search"));
        STORE_OK(copy, fresh());
        STORE_OK(summary, import_json(*copy, QJsonDocument(root).toJson()));
        QCOMPARE(summary->messages_added, int64_t(5));
        QCOMPARE(storetest::count(*copy, "SELECT count(*) FROM answer_searches"), int64_t(0));
        QCOMPARE(storetest::count(*copy, "SELECT count(*) FROM conversation_collections"),
                 int64_t(0));
    }

    // A damaged or lying sources block: a clear error naming its place, nothing written.
    void damagedSourcesAreRejected_data() {
        QTest::addColumn<Mutation>("mutate");
        QTest::addColumn<QString>("error");
        // Edits the first source of the answer [1] of "Lease" (conversation 0).
        auto source = [](std::function<void(QJsonObject&)> edit) -> Mutation {
            return [edit](QJsonObject& root) {
                QJsonObject message = message_at(root, 0, 1);
                QJsonObject search = message["document_search"].toObject();
                QJsonArray list = search["sources"].toArray();
                QJsonObject first = list[0].toObject();
                edit(first);
                list[0] = first;
                search["sources"] = list;
                message["document_search"] = search;
                set_message(root, 0, 1, message);
            };
        };
        auto search = [](const char* key, QJsonValue v) -> Mutation {
            return [key, v](QJsonObject& root) {
                QJsonObject message = message_at(root, 0, 1);
                QJsonObject s = message["document_search"].toObject();
                if (v.isUndefined()) {
                    s.remove(QLatin1String(key));
                } else {
                    s[QLatin1String(key)] = v;
                }
                message["document_search"] = s;
                set_message(root, 0, 1, message);
            };
        };
        const QString at = QStringLiteral("conversations[0].messages[1].document_search");
        auto row = [&](const char* name, Mutation m, const QString& error) {
            QTest::newRow(name) << m << error;
        };
        row(
            "not an object",
            [](QJsonObject& r) { set_message_field(r, 0, 1, "document_search", 3); },
            at + ": expected an object");
        row("sources not a list", search("sources", "[1] x"), at + ".sources: expected an array");
        row("no sources", search("sources", QJsonValue::Undefined), at + ".sources: missing");
        row("collections not texts", search("collections", QJsonArray{1}),
            at + ".collections: expected an array of texts");
        row("name with a line break", search("collections", QJsonArray{"a\nb"}),
            at + ".collections: a name holds a line break");
        row("unknown field", search("extra", true), at + ".extra: unknown field");
        row("number out of order", source([](QJsonObject& s) { s["number"] = 2; }),
            at + ".sources[0].number: expected 1: sources are numbered from 1 in order");
        row("number as text", source([](QJsonObject& s) { s["number"] = "1"; }),
            at + ".sources[0].number: expected a whole number");
        row("page 0", source([](QJsonObject& s) { s["page"] = 0; }),
            at + ".sources[0].page: expected a whole number from 1 to 2147483647");
        row("page after the last", source([](QJsonObject& s) { s["page"] = 13; }),
            at + ".sources[0].pages: expected a whole number from 13 to 2147483647");
        row("start negative", source([](QJsonObject& s) { s["start"] = -1; }),
            at + ".sources[0].start: expected a whole number from 0 to 2147483647");
        row("start past int", source([](QJsonObject& s) { s["start"] = 4294967296.0; }),
            at + ".sources[0].start: expected a whole number from 0");
        row("page fractional", source([](QJsonObject& s) { s["page"] = 2.5; }),
            at + ".sources[0].page: expected a whole number or null");
        row("no path", source([](QJsonObject& s) { s.remove("path"); }),
            at + ".sources[0].path: missing");
        row("empty path", source([](QJsonObject& s) { s["path"] = ""; }),
            at + ".sources[0].path: expected the path of the file");
        row("excerpt not text", source([](QJsonObject& s) { s["excerpt"] = QJsonArray(); }),
            at + ".sources[0].excerpt: expected text");
        row("source unknown field", source([](QJsonObject& s) { s["url"] = "file:///x"; }),
            at + ".sources[0].url: unknown field");
        row(
            "sources on a question",
            [](QJsonObject& r) {
                set_message_field(r, 0, 0, "document_search",
                                  message_at(r, 0, 1)["document_search"]);
            },
            QStringLiteral("conversations[0].messages[0].document_search: only an answer has "
                           "sources"));
        row(
            "conversation collections not a list",
            [](QJsonObject& r) { set_conversation_field(r, 0, "collections", "u1"); },
            QStringLiteral("conversations[0].collections: expected an array of texts"));
        row(
            "conversation collection empty",
            [](QJsonObject& r) { set_conversation_field(r, 0, "collections", QJsonArray{""}); },
            QStringLiteral("conversations[0].collections: expected an array of texts that are "
                           "not empty"));
    }

    void damagedSourcesAreRejected() {
        QFETCH(Mutation, mutate);
        QFETCH(QString, error);
        QJsonObject root = QJsonDocument::fromJson(exported_).object();
        QCOMPARE(message_at(root, 0, 1)["content"].toString(),
                 QStringLiteral("Three months [1][2]."));
        mutate(root);
        STORE_OK(target, fresh());
        auto result = import_json(*target, QJsonDocument(root).toJson());
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.find(error.toStdString()) != std::string::npos,
                 result.error().message.c_str());
        QCOMPARE(storetest::count(*target, "SELECT count(*) FROM conversations"), int64_t(0));
        QCOMPARE(storetest::count(*target, "SELECT count(*) FROM answer_sources"), int64_t(0));
    }

    // The numbers an answer cites, as the chat view and the exports read them.
    void citedNumbers() {
        QCOMPARE(cited_numbers("a [2] b [1, 3] c [2-4] d [9] e [0]", 4),
                 std::vector<int>({1, 2, 3, 4}));
        QCOMPARE(cited_numbers("see [3–2] and [x] and 1]", 3), std::vector<int>());
        QCOMPARE(cited_numbers("[1][3]", 3), std::vector<int>({1, 3}));
    }

    void collectionsOfAConversation() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "c.db")));
        STORE_OK(chat, store->create_conversation({"Lease"}));
        STORE_OK(none, conversation_collections(store->database(), chat->id));
        QVERIFY(none->empty());
        CHECK_OK(set_conversation_collections(store->database(), chat->id, {"u2", "u1", "u2"}));
        STORE_OK(two, conversation_collections(store->database(), chat->id));
        QCOMPARE(*two, std::vector<std::string>({"u1", "u2"}));
        CHECK_OK(set_conversation_collections(store->database(), chat->id, {"u3"}));
        STORE_OK(one, conversation_collections(store->database(), chat->id));
        QCOMPARE(*one, std::vector<std::string>({"u3"}));
        CHECK_OK(store->delete_conversation(chat->id));
        STORE_OK(purged, store->purge_deleted(store->now() + 1));
        QCOMPARE(*purged, int64_t(1));
        QCOMPARE(storetest::count(*store, "SELECT count(*) FROM conversation_collections"),
                 int64_t(0));
    }

    void sourcesOfAnAnswer() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "s.db")));
        STORE_OK(chat, store->create_conversation({"Lease"}));
        STORE_OK(q, store->add_message(chat->id, std::nullopt, Role::User, "notice?"));
        STORE_OK(a, store->add_message(chat->id, q->id, Role::Assistant, "Three months [1]."));
        STORE_OK(b, store->add_message(chat->id, q->id, Role::Assistant, "Nothing found."));
        STORE_OK(plain, answer_search(store->database(), a->id));
        QVERIFY(!plain->has_value());

        AnswerSearch search;
        search.collections = {"Home", "Work\nstuff"};
        search.sources.push_back(
            {1, "u1", "/d/Lease.pdf", "Lease", 3, 12, 40, "The tenant must give notice."});
        search.sources.push_back({2, "u1", "/d/moving.md", "moving.md", 1, 1, 0, "Sent 2 May."});
        CHECK_OK(save_answer_search(store->database(), a->id, search));
        CHECK_OK(save_answer_search(store->database(), b->id, {{"Home"}, {}}));

        STORE_OK(read, answer_search(store->database(), a->id));
        QVERIFY(read->has_value());
        QCOMPARE((*read)->collections, std::vector<std::string>({"Home", "Work stuff"}));
        QCOMPARE((*read)->sources.size(), size_t(2));
        QVERIFY((*read)->sources == search.sources);
        STORE_OK(empty, answer_search(store->database(), b->id));
        QVERIFY(empty->has_value());
        QVERIFY((*empty)->sources.empty());
        QCOMPARE((*empty)->collections, std::vector<std::string>({"Home"}));

        // Saved again: replaced, not added to.
        search.sources.pop_back();
        CHECK_OK(save_answer_search(store->database(), a->id, search));
        QCOMPARE(answer_search(store->database(), a->id).value()->sources.size(), size_t(1));

        // A source number must be positive (0 would read as "no number").
        search.sources[0].number = 0;
        QVERIFY(!save_answer_search(store->database(), a->id, search).ok());
        QCOMPARE(answer_search(store->database(), a->id).value()->sources.size(), size_t(1));

        CHECK_OK(store->delete_conversation(chat->id));
        STORE_OK(purged, store->purge_deleted(store->now() + 1));
        QCOMPARE(storetest::count(*store, "SELECT count(*) FROM answer_searches"), int64_t(0));
        QCOMPARE(storetest::count(*store, "SELECT count(*) FROM answer_sources"), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestAnswerSources)
#include "tst_answer_sources.moc"
