// Document search in the conversation database (schema version 6): a conversation's
// collections, and the search and numbered sources kept with each answer; both go with the
// conversation or message they belong to.
#include "answersources.h"
#include "storetest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;

class TestAnswerSources : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

private slots:
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
