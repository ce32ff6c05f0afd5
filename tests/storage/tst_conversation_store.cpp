// The conversation store's API as the UI uses it: listing (pinned first, newest first),
// renaming, pinning, archiving, deletion with undo, the message tree (edits and
// regenerations become siblings; the active path; "‹ 2/3 ›" positions) and its guards.
#include "conversationstore.h"
#include "storetest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hearth::storage;
using hearth::Result;
using storetest::SteppingClock;

class TestConversationStore : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int n_ = 0;

    Result<ConversationStore> fresh() {
        auto store = ConversationStore::open(
            dir_.filePath(QStringLiteral("store-%1.db").arg(++n_)).toStdString());
        if (store) {
            store->set_clock(SteppingClock{});
        }
        return store;
    }

private slots:
    void listsPinnedFirstThenNewest() {
        STORE_OK(store, fresh());
        STORE_OK(a, store->create_conversation({"first", {}, {}, {}}));
        STORE_OK(b, store->create_conversation({"second", {}, {}, {}}));
        STORE_OK(c, store->create_conversation({"third", {}, {}, {}}));
        STORE_OK(list, store->list_conversations());
        QCOMPARE(list->size(), size_t(3));
        QCOMPARE(list->at(0).title, std::string("third"));
        QCOMPARE(list->at(2).title, std::string("first"));

        CHECK_OK(store->set_pinned(a->id, true));
        STORE_OK(m, store->add_message(b->id, std::nullopt, Role::User, "hello")); // b is newest
        STORE_OK(again, store->list_conversations());
        QCOMPARE(again->at(0).id, a->id); // pinned on top although oldest
        QVERIFY(again->at(0).pinned);
        QCOMPARE(again->at(1).id, b->id);
        QCOMPARE(again->at(2).id, c->id);
    }

    void renamesArchivesAndFilters() {
        STORE_OK(store, fresh());
        STORE_OK(a, store->create_conversation({"draft", "work", "Qwen3", "Be brief."}));
        STORE_OK(b, store->create_conversation({"other", {}, {}, {}}));
        CHECK_OK(store->rename(a->id, "Plans for März ✓"));
        CHECK_OK(store->set_archived(b->id, true));
        STORE_OK(read, store->conversation(a->id));
        QCOMPARE(read->title, std::string("Plans for März ✓"));
        QCOMPARE(read->folder.value_or(""), std::string("work"));
        QCOMPARE(read->default_model.value_or(""), std::string("Qwen3"));
        QCOMPARE(read->system_prompt.value_or(""), std::string("Be brief."));
        QCOMPARE(read->uuid.size(), size_t(36));

        STORE_OK(active, store->list_conversations());
        QCOMPARE(active->size(), size_t(1));
        STORE_OK(archived, store->list_conversations({ConversationFilter::Archived::Only, {}}));
        QCOMPARE(archived->size(), size_t(1));
        QCOMPARE(archived->front().id, b->id);
        STORE_OK(all, store->list_conversations({ConversationFilter::Archived::Include, {}}));
        QCOMPARE(all->size(), size_t(2));
        STORE_OK(work, store->list_conversations({ConversationFilter::Archived::Include, "work"}));
        QCOMPARE(work->size(), size_t(1));
        QCOMPARE(work->front().id, a->id);

        CHECK_OK(store->set_folder(a->id, std::nullopt));
        CHECK_OK(store->set_default_model(a->id, "Llama"));
        CHECK_OK(store->set_system_prompt(a->id, std::nullopt));
        STORE_OK(changed, store->conversation(a->id));
        QVERIFY(!changed->folder);
        QVERIFY(!changed->system_prompt);
        QCOMPARE(changed->default_model.value_or(""), std::string("Llama"));
        CHECK_ERROR(store->rename(9999, "x"), "no conversation with id 9999");
    }

    void deletionCanBeUndoneUntilPurged() {
        STORE_OK(store, fresh());
        STORE_OK(c, store->create_conversation({"to delete", {}, {}, {}}));
        STORE_OK(m, store->add_message(c->id, std::nullopt, Role::User, "a unique zebra"));
        CHECK_OK(store->delete_conversation(c->id));
        STORE_OK(hidden, store->list_conversations({ConversationFilter::Archived::Include, {}}));
        QVERIFY(hidden->empty());
        STORE_OK(not_found, store->search("zebra"));
        QVERIFY(not_found->empty());

        CHECK_OK(store->undo_delete(c->id));
        STORE_OK(back, store->list_conversations());
        QCOMPARE(back->size(), size_t(1));
        STORE_OK(found, store->search("zebra"));
        QCOMPARE(found->size(), size_t(1));

        CHECK_OK(store->delete_conversation(c->id));
        STORE_OK(deleted, store->conversation(c->id));
        QVERIFY(deleted->deleted_at.has_value());
        STORE_OK(kept, store->purge_deleted(*deleted->deleted_at)); // not before: kept
        QCOMPARE(*kept, int64_t(0));
        STORE_OK(purged, store->purge_deleted(*deleted->deleted_at + 1));
        QCOMPARE(*purged, int64_t(1));
        CHECK_ERROR(store->conversation(c->id), "no conversation");
        QCOMPARE(storetest::count(*store, "SELECT count(*) FROM messages"), int64_t(0));
        QCOMPARE(storetest::count(*store, "SELECT count(*) FROM provenance"), int64_t(0));
        QVERIFY(storetest::search_index_consistent(*store));
    }

    void editsAndRegenerationsBecomeSiblings() {
        STORE_OK(store, fresh());
        STORE_OK(c, store->create_conversation({"tree", {}, {}, {}}));
        STORE_OK(q1, store->add_message(c->id, std::nullopt, Role::User, "question"));
        STORE_OK(a1, store->add_message(c->id, q1->id, Role::Assistant, "answer one"));
        STORE_OK(a2, store->add_message(c->id, q1->id, Role::Assistant, "answer two"));
        STORE_OK(q2, store->add_message(c->id, a2->id, Role::User, "follow-up"));
        STORE_OK(edit, store->add_message(c->id, std::nullopt, Role::User, "question, edited"));

        // The edit of the first message is a second root and is shown, alone.
        STORE_OK(path, store->active_path(c->id));
        QCOMPARE(path->size(), size_t(1));
        QCOMPARE(path->at(0).id, edit->id);
        QCOMPARE(path->at(0).sibling_index, 1);
        QCOMPARE(path->at(0).sibling_count, 2);

        // Back to the original question: its own active child (answer two) follows.
        CHECK_OK(store->set_active_child(q1->id));
        STORE_OK(original, store->active_path(c->id));
        QCOMPARE(original->size(), size_t(3));
        QCOMPARE(original->at(0).id, q1->id);
        QCOMPARE(original->at(1).id, a2->id);
        QCOMPARE(original->at(1).sibling_index, 1);
        QCOMPARE(original->at(1).sibling_count, 2);
        QCOMPARE(original->at(2).id, q2->id);
        QCOMPARE(original->at(2).sibling_count, 1);

        // "‹": the first answer, which has no follow-up.
        CHECK_OK(store->set_active_child(a1->id));
        STORE_OK(first, store->active_path(c->id));
        QCOMPARE(first->size(), size_t(2));
        QCOMPARE(first->at(1).content, std::string("answer one"));
        QCOMPARE(first->at(1).sibling_index, 0);

        STORE_OK(siblings, store->siblings(a2->id));
        QCOMPARE(siblings->size(), size_t(2));
        QCOMPARE(siblings->at(0).id, a1->id);
        QCOMPARE(siblings->at(1).id, a2->id);
        QCOMPARE(siblings->at(1).sibling_index, 1);
        STORE_OK(roots, store->siblings(edit->id));
        QCOMPARE(roots->size(), size_t(2));

        STORE_OK(all, store->all_messages(c->id));
        QCOMPARE(all->size(), size_t(5)); // nothing was ever deleted
        CHECK_ERROR(store->siblings(424242), "no message with id 424242");
        CHECK_ERROR(store->set_active_child(424242), "no message with id 424242");
    }

    void treeGuardsRejectBrokenPointers() {
        STORE_OK(store, fresh());
        STORE_OK(c, store->create_conversation({"one", {}, {}, {}}));
        STORE_OK(d, store->create_conversation({"two", {}, {}, {}}));
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "q"));
        STORE_OK(a, store->add_message(c->id, q->id, Role::Assistant, "a"));
        STORE_OK(other, store->add_message(d->id, std::nullopt, Role::User, "elsewhere"));
        // A parent from another conversation, an active child that is not a child, an active
        // root that is not a root: the schema's triggers refuse each.
        CHECK_ERROR(store->add_message(d->id, q->id, Role::Assistant, "x"),
                    "not part of this conversation");
        auto stmt =
            store->database().prepare("UPDATE messages SET active_child_id = ?2 WHERE id = ?1");
        QVERIFY(stmt.ok());
        stmt->bind(1, a->id).bind(2, q->id);
        CHECK_ERROR(stmt->run(), "not a child of this message");
        auto root =
            store->database().prepare("UPDATE conversations SET active_root_id = ?2 WHERE id = ?1");
        QVERIFY(root.ok());
        root->bind(1, c->id).bind(2, other->id);
        CHECK_ERROR(root->run(), "not a first message of this conversation");
        CHECK_ERROR(store->add_message(c->id, 777, Role::User, "orphan"), "");
        STORE_OK(path, store->active_path(c->id));
        QCOMPARE(path->size(), size_t(2)); // unchanged
    }

    void longConversationsPurgeWithoutDeepRecursion() {
        STORE_OK(store, fresh());
        STORE_OK(c, store->create_conversation({"long", {}, {}, {}}));
        std::optional<int64_t> parent;
        for (int i = 0; i < 3000; ++i) {
            STORE_OK(m, store->add_message(c->id, parent, i % 2 ? Role::Assistant : Role::User,
                                           "turn " + std::to_string(i)));
            parent = m->id;
        }
        STORE_OK(path, store->active_path(c->id));
        QCOMPARE(path->size(), size_t(3000));
        QCOMPARE(path->back().content, std::string("turn 2999"));
        CHECK_OK(store->delete_conversation(c->id));
        STORE_OK(purged, store->purge_deleted(store->now() + 1));
        QCOMPARE(*purged, int64_t(1));
        QCOMPARE(storetest::count(*store, "SELECT count(*) FROM messages"), int64_t(0));
        QVERIFY(storetest::search_index_consistent(*store));
    }

    void missingThingsAreErrors() {
        STORE_OK(store, fresh());
        CHECK_ERROR(store->conversation(5), "no conversation with id 5");
        CHECK_ERROR(store->message(5), "no message with id 5");
        CHECK_ERROR(store->conversation_by_uuid("nope"), "no conversation with id nope");
        STORE_OK(none, store->message_by_uuid("nope"));
        QVERIFY(!none->has_value());
        STORE_OK(empty, store->active_path(5));
        QVERIFY(empty->empty());
        CHECK_ERROR(store->add_message(5, std::nullopt, Role::User, "x"), "FOREIGN KEY");
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversation_store.moc"
