// Crash safety of answers in one process: an answer is a `streaming` row from its first
// moment, its text is checkpointed no more often than the interval, finish() writes status,
// reason and measurements, and an answer left streaming is `interrupted` after reopening.
// (tst_kill does the same with real SIGKILLs.)
#include "conversationstore.h"
#include "storetest.h"
#include "streamingmessage.h"

#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace hearth::storage;
using hearth::Result;
using namespace std::chrono_literals;

class TestStreaming : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private slots:
    void answerIsStreamingFromTheStart() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "start.db")));
        STORE_OK(c, store->create_conversation({"chat", {}, {}, {}}));
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "Why is the sky blue?"));
        STORE_OK(answer, store->begin_answer(c->id, q->id, storetest::sample_provenance()));
        STORE_OK(row, store->message(answer->id()));
        QCOMPARE(row->status, MessageStatus::Streaming);
        QCOMPARE(row->role, Role::Assistant);
        QVERIFY(row->provenance.has_value());
        QCOMPARE(row->provenance->model_file.value_or(""), std::string("Qwen3-1.7B-Q4_K_M.gguf"));
        QVERIFY(row->provenance->started_at.has_value());
        STORE_OK(path, store->active_path(c->id));
        QCOMPARE(path->size(), size_t(2)); // shown (as a typing answer) at once
        CHECK_OK(answer->finish(MessageStatus::Stopped, std::nullopt));
    }

    void checkpointsNoMoreOftenThanTheInterval() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "interval.db")));
        STORE_OK(c, store->create_conversation({"chat", {}, {}, {}}));
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "count"));
        STORE_OK(answer, store->begin_answer(c->id, q->id, {}, {std::chrono::milliseconds(150)}));
        // No WAL checkpoint (a copy into the main file, tens of ms) while streaming.
        QCOMPARE(store->database().pragma("wal_autocheckpoint").value(), std::string("0"));
        STORE_OK(early, answer->append("one "));
        QVERIFY(!*early); // just begun: nothing committed yet
        STORE_OK(row, store->message(answer->id()));
        QCOMPARE(row->content, std::string());

        std::this_thread::sleep_for(160ms);
        STORE_OK(due, answer->append("two ", "thinking..."));
        QVERIFY(*due);
        STORE_OK(checkpointed, store->message(answer->id()));
        QCOMPARE(checkpointed->content, std::string("one two "));
        QCOMPARE(checkpointed->thinking, std::string("thinking..."));
        QCOMPARE(checkpointed->status, MessageStatus::Streaming);

        STORE_OK(soon, answer->append("three"));
        QVERIFY(!*soon);                // within the interval of the last checkpoint
        CHECK_OK(answer->checkpoint()); // forced
        STORE_OK(forced, store->message(answer->id()));
        QCOMPARE(forced->content, std::string("one two three"));

        GenerationStats stats{12, 3, 85.5, 41.25, 2500.0};
        CHECK_OK(answer->finish(MessageStatus::Done, FinishReason::Eos, {}, stats));
        QCOMPARE(store->database().pragma("wal_autocheckpoint").value(), std::string("1000"));
        STORE_OK(done, store->message(answer->id()));
        QCOMPARE(done->status, MessageStatus::Done);
        QCOMPARE(done->finish_reason, std::optional<FinishReason>(FinishReason::Eos));
        QCOMPARE(done->provenance->prompt_tokens, std::optional<int64_t>(12));
        QCOMPARE(done->provenance->completion_tokens, std::optional<int64_t>(3));
        QCOMPARE(done->provenance->time_to_first_token_ms, std::optional<double>(85.5));
        QCOMPARE(done->provenance->tokens_per_second, std::optional<double>(41.25));
        QCOMPARE(done->provenance->thinking_ms, std::optional<double>(2500.0));
        QVERIFY(done->provenance->finished_at.has_value());
        CHECK_ERROR(answer->append("more"), "already finished");
        CHECK_ERROR(answer->finish(MessageStatus::Done, std::nullopt), "already finished");
    }

    void errorsKeepTheirText() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "error.db")));
        STORE_OK(c, store->create_conversation({"chat", {}, {}, {}}));
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "hi"));
        STORE_OK(answer, store->begin_answer(c->id, q->id, storetest::sample_provenance()));
        CHECK_OK(answer->append("partial"));
        CHECK_ERROR(answer->finish(MessageStatus::Streaming, std::nullopt), "cannot finish");
        CHECK_OK(answer->finish(MessageStatus::Error, FinishReason::Error, "device lost"));
        STORE_OK(row, store->message(answer->id()));
        QCOMPARE(row->status, MessageStatus::Error);
        QCOMPARE(row->error, std::string("device lost"));
        QCOMPARE(row->content, std::string("partial"));
    }

    void unfinishedAnswerIsInterruptedWhenDropped() {
        STORE_OK(store, ConversationStore::open(storetest::db_path(dir_, "dropped.db")));
        STORE_OK(c, store->create_conversation({"chat", {}, {}, {}}));
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "hi"));
        int64_t id = 0;
        {
            STORE_OK(answer, store->begin_answer(c->id, q->id, {}));
            CHECK_OK(answer->append("half an answ"));
            id = answer->id();
        }
        STORE_OK(row, store->message(id));
        QCOMPARE(row->status, MessageStatus::Interrupted);
        QCOMPARE(row->content, std::string("half an answ"));
    }

    void reopeningMarksStreamingAsInterrupted() {
        const std::string path = storetest::db_path(dir_, "reopen.db");
        int64_t id = 0;
        int64_t conversation = 0;
        {
            STORE_OK(store, ConversationStore::open(path));
            STORE_OK(c, store->create_conversation({"chat", {}, {}, {}}));
            STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "tell me about lynx"));
            STORE_OK(answer, store->begin_answer(c->id, q->id, {}, {0ms}));
            STORE_OK(checkpointed, answer->append("The lynx is a wild cat"));
            QVERIFY(*checkpointed);
            id = answer->id();
            conversation = c->id;
        }
        {
            // What a SIGKILL leaves (no destructor runs; tst_kill does it for real): the
            // last checkpoint, still marked streaming. The writer above marked it
            // interrupted on destruction, so put the crashed state back.
            STORE_OK(copy, ConversationStore::open(path, {false}));
            auto stmt =
                copy->database().prepare("UPDATE messages SET status = 'streaming' WHERE id = ?1");
            QVERIFY(stmt.ok());
            stmt->bind(1, id);
            CHECK_OK(stmt->run());
        }
        {
            // A reader that must not recover (the command line while the app runs).
            STORE_OK(reader, ConversationStore::open(path, {false}));
            STORE_OK(row, reader->message(id));
            QCOMPARE(row->status, MessageStatus::Streaming);
            STORE_OK(hidden, reader->search("lynx wild"));
            QVERIFY(hidden->empty()); // not indexed while streaming
        }
        STORE_OK(store, ConversationStore::open(path));
        STORE_OK(row, store->message(id));
        QCOMPARE(row->status, MessageStatus::Interrupted);
        QCOMPARE(row->content, std::string("The lynx is a wild cat"));
        STORE_OK(path_after, store->active_path(conversation));
        QCOMPARE(path_after->size(), size_t(2));
        STORE_OK(found, store->search("lynx wild"));
        QCOMPARE(found->size(), size_t(1)); // indexed once it ended
        QCOMPARE(found->front().message_id, id);
        QCOMPARE(store->database().pragma("integrity_check").value(), std::string("ok"));
        QVERIFY(storetest::search_index_consistent(*store));
    }

    void userMessageIsCommittedBeforeTheAnswer() {
        const std::string path = storetest::db_path(dir_, "committed.db");
        STORE_OK(store, ConversationStore::open(path));
        STORE_OK(c, store->create_conversation({"chat", {}, {}, {}}));
        STORE_OK(q, store->add_message(c->id, std::nullopt, Role::User, "saved before generating"));
        // A second connection (another process, in effect) sees it already.
        STORE_OK(other, ConversationStore::open(path, {false}));
        STORE_OK(seen, other->message(q->id));
        QCOMPARE(seen->content, std::string("saved before generating"));
        QCOMPARE(seen->status, MessageStatus::Done);
    }
};

QTEST_GUILESS_MAIN(TestStreaming)
#include "tst_streaming.moc"
