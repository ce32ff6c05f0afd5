// Full-text search: all branches and thinking text are found, matches are highlighted, the
// user's text is never read as FTS5 query syntax, and the index follows every change.
#include "conversationstore.h"
#include "storetest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;
using hearth::Result;

class TestSearch : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<ConversationStore> store_;
    int64_t conversation_ = 0;
    int64_t branch_ = 0;

private slots:
    void initTestCase() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_)));
        store_.emplace(std::move(store).value());
        STORE_OK(c, store_->create_conversation({"Cooking", {}, {}, {}}));
        conversation_ = c->id;
        STORE_OK(
            q, store_->add_message(c->id, std::nullopt, Role::User, "How long do I boil an egg?"));
        STORE_OK(a1, store_->add_message(c->id, q->id, Role::Assistant,
                                         "Boil it for about nine minutes."));
        STORE_OK(a2, store_->add_message(c->id, q->id, Role::Assistant,
                                         "Seven minutes gives a jammy yolk.",
                                         "The user wants "
                                         "soft eggs."));
        branch_ = a1->id; // not on the active path any more
        STORE_OK(d, store_->create_conversation({"Code", {}, {}, {}}));
        STORE_OK(code, store_->add_message(d->id, std::nullopt, Role::User,
                                           "Why does \"x < 3\" fail in C++? <script>"));
        STORE_OK(accents, store_->add_message(d->id, code->id, Role::Assistant,
                                              "Café au lait, naïve résumé."));
    }

    void findsInactiveBranches() {
        STORE_OK(hits, store_->search("nine minutes"));
        QCOMPARE(hits->size(), size_t(1));
        QCOMPARE(hits->front().message_id, branch_);
        QCOMPARE(hits->front().conversation_id, conversation_);
        QCOMPARE(hits->front().conversation_title, std::string("Cooking"));
        QCOMPARE(hits->front().role, Role::Assistant);
    }

    void highlightsMatches() {
        STORE_OK(hits, store_->search("yolk"));
        QCOMPARE(hits->size(), size_t(1));
        const std::string& snippet = hits->front().snippet;
        QVERIFY2(snippet.find("\x02yolk\x03") != std::string::npos, snippet.c_str());
        QCOMPARE(snippet_html("a \x02<b>\x03 & c"), std::string("a <b>&lt;b&gt;</b> &amp; c"));
    }

    void findsThinking() {
        STORE_OK(hits, store_->search("soft"));
        QCOMPARE(hits->size(), size_t(1));
        QVERIFY(hits->front().in_thinking);
        QVERIFY(hits->front().snippet.find("\x02soft\x03") != std::string::npos);
    }

    void lastWordIsAPrefix() {
        STORE_OK(typing, store_->search("boi"));
        QCOMPARE(typing->size(), size_t(2)); // "boil" in the question and in one answer
        STORE_OK(done_typing, store_->search("boi "));
        QVERIFY(done_typing->empty()); // a finished word is matched whole
    }

    void ignoresCaseAndAccents() {
        STORE_OK(hits, store_->search("CAFE RESUME"));
        QCOMPARE(hits->size(), size_t(1));
        STORE_OK(naive, store_->search("naive"));
        QCOMPARE(naive->size(), size_t(1));
    }

    void querySyntaxIsJustText() {
        // Each of these is an FTS5 syntax error when passed through unquoted.
        for (const char* text : {"\"x < 3\"", "C++", "x AND", "NOT", "a:b", "-minus", "(", "*",
                                 "\"", "NEAR(x", "^x"}) {
            auto hits = store_->search(text);
            QVERIFY2(hits.ok(),
                     (std::string(text) + ": " + (hits.ok() ? "" : hits.error().message)).c_str());
        }
        STORE_OK(quoted, store_->search("\"x < 3\""));
        QCOMPARE(quoted->size(), size_t(1));
        STORE_OK(nothing, store_->search("   "));
        QVERIFY(nothing->empty());
        STORE_OK(limited, store_->search("minutes", 1));
        QCOMPARE(limited->size(), size_t(1));
    }

    void indexFollowsRenamesAndDeletes() {
        STORE_OK(c, store_->create_conversation({"Garden", {}, {}, {}}));
        STORE_OK(m, store_->add_message(c->id, std::nullopt, Role::User, "tomatoes and basil"));
        STORE_OK(found, store_->search("basil"));
        QCOMPARE(found->size(), size_t(1));
        CHECK_OK(store_->rename(c->id, "Herbs"));
        STORE_OK(renamed, store_->search("basil"));
        QCOMPARE(renamed->front().conversation_title, std::string("Herbs"));
        CHECK_OK(store_->delete_conversation(c->id));
        STORE_OK(purged, store_->purge_deleted(store_->now() + 1));
        QCOMPARE(*purged, int64_t(1));
        STORE_OK(gone, store_->search("basil"));
        QVERIFY(gone->empty());
        QVERIFY(storetest::search_index_consistent(*store_));
    }

    void manyMatchesRankTheNewest() {
        // More matches than the ranking window (1000): the hits are the best of the newest.
        STORE_OK(c, store_->create_conversation({"Many", {}, {}, {}}));
        STORE_OK(old, store_->add_message(c->id, std::nullopt, Role::User,
                                          "walrus walrus walrus walrus")); // best, but oldest
        std::optional<int64_t> parent = old->id;
        for (int i = 0; i < 1100; ++i) {
            STORE_OK(m, store_->add_message(c->id, parent, Role::User,
                                            "a walrus and " + std::to_string(i) + " other words"));
            parent = m->id;
        }
        STORE_OK(hits, store_->search("walrus", 50));
        QCOMPARE(hits->size(), size_t(50));
        for (const SearchHit& hit : *hits) {
            QVERIFY(hit.message_id > old->id + 100); // within the newest 1000
        }
        STORE_OK(rare, store_->search("walrus 1099"));
        QCOMPARE(rare->size(), size_t(1));
        CHECK_OK(store_->delete_conversation(c->id));
        STORE_OK(gone, store_->search("walrus"));
        QVERIFY(gone->empty());
    }

    void cleanupTestCase() { store_.reset(); }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
