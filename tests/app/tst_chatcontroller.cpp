// The chat controller against the real engine (the tiny Qwen3 model, greedy) and a real
// database file: sending stores the question before the answer streams in, the answer is
// stored with its provenance, stop keeps what was written, regenerate and edit add siblings
// that "‹ 2/3 ›" switches between, an overflowing conversation is never cut silently,
// search finds and opens a message on another branch, delete can be undone, and a new
// controller on the same file (a restart) shows everything again.
#include "chatcontroller.h"
#include "conversationstore.h"
#include "streamingmessage.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kQwen3 = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";
const QString kLlama = HEARTH_MODELS_DIR "/tiny/tiny-llama-Q8_0.gguf";

QVariant cell(const QAbstractItemModel* model, int row, int role) {
    return model->data(model->index(row, 0), role);
}

} // namespace

class TestChatController : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (!QFile::exists(kQwen3)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        dir_ = std::make_unique<QTemporaryDir>();
        QSettings settings(settingsFile(), QSettings::IniFormat);
        settings.setValue("chat/backend", "cpu");
        settings.setValue("generation/temperature", 0.0);
        settings.setValue("generation/maxTokens", 24);
        settings.sync();
        start();
    }

    void cleanup() {
        testers_.clear();
        chat_.reset();
        dir_.reset();
    }

    void sendingStoresTheQuestionThenStreamsTheAnswer() {
        load(kQwen3);
        QCOMPARE(chat_->models()->info().backend.kind, std::string("cpu"));
        QCOMPARE(chat_->models()->contextSize(), 256);
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        QVERIFY(chat_->send("  Hello there!  "));
        QVERIFY(chat_->generating());
        QVERIFY(!chat_->send("Another one while busy"));
        // The question is on disk before the worker has produced anything.
        const qint64 conversation = chat_->currentConversation();
        QVERIFY(conversation > 0);
        {
            auto store = hearth::storage::ConversationStore::open(dbFile().toStdString());
            QVERIFY(store);
            auto path = store->active_path(conversation);
            QVERIFY(path && !path->empty());
            QCOMPARE(path->front().content, std::string("Hello there!"));
        }
        auto* messages = chat_->messages();
        QCOMPARE(messages->count(), 2); // the question and the answer's placeholder
        QCOMPARE(cell(messages, 1, MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Streaming));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        QVERIFY(!chat_->generating());
        QCOMPARE(chat_->currentTitle(), QString("Hello there!"));

        const QString answer = cell(messages, 1, MessageListModel::ContentRole).toString() +
                               cell(messages, 1, MessageListModel::ThinkingRole).toString();
        QVERIFY(!answer.isEmpty());
        auto store = hearth::storage::ConversationStore::open(dbFile().toStdString());
        auto stored = store->message(finished.first().at(0).toLongLong());
        QVERIFY(stored);
        QCOMPARE(QString::fromStdString(stored->content + stored->thinking).size(), answer.size());
        QCOMPARE(stored->status, hearth::storage::MessageStatus::Done);
        QVERIFY(stored->provenance);
        QCOMPARE(*stored->provenance->model_file, std::string("tiny-qwen3-Q8_0.gguf"));
        QCOMPARE(*stored->provenance->backend, std::string("cpu"));
        QCOMPARE(*stored->provenance->sampling[hearth::SamplingField::Temperature], 0.0);
        QCOMPARE(*stored->provenance->max_tokens, int64_t(24));
        QVERIFY(*stored->provenance->completion_tokens > 0);
        QCOMPARE(chat_->contextUsed(),
                 int(*stored->provenance->prompt_tokens + *stored->provenance->completion_tokens));
        QCOMPARE(cell(messages, 1, MessageListModel::ProvenanceRole).toMap().value("quant"),
                 QVariant("Q8_0"));
        // Reasoning time: measured while it streamed, stored with the answer, shown from the
        // store afterwards (a new model over the same file has nothing measured).
        if (stored->thinking.empty()) {
            QVERIFY(!stored->provenance->thinking_ms.has_value());
        } else {
            QVERIFY(stored->provenance->thinking_ms.value_or(-1) >= 0);
            MessageListModel reopened;
            reopened.setMessages({*stored});
            QCOMPARE(
                reopened.data(reopened.index(0), MessageListModel::ThinkingSecondsRole).toDouble(),
                *stored->provenance->thinking_ms / 1000.0);
        }
    }

    void stopKeepsWhatWasWritten() {
        load(kQwen3);
        QSettings(settingsFile(), QSettings::IniFormat).setValue("generation/maxTokens", 200);
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        QVERIFY(chat_->send("Tell me a long story"));
        auto* messages = chat_->messages();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !cell(messages, 1, MessageListModel::ContentRole).toString().isEmpty() ||
                       !cell(messages, 1, MessageListModel::ThinkingRole).toString().isEmpty();
            },
            60000));
        chat_->stop();
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        QCOMPARE(cell(messages, 1, MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Stopped));
        auto store = hearth::storage::ConversationStore::open(dbFile().toStdString());
        auto stored = store->message(finished.first().at(0).toLongLong());
        QCOMPARE(stored->status, hearth::storage::MessageStatus::Stopped);
        QVERIFY(*stored->provenance->completion_tokens < 200);
    }

    void regenerateAndEditMakeSiblings() {
        load(kQwen3);
        QVERIFY(ask("Hello!"));
        auto* messages = chat_->messages();
        const qint64 first = cell(messages, 1, MessageListModel::IdRole).toLongLong();
        const qint64 question = cell(messages, 0, MessageListModel::IdRole).toLongLong();

        QSettings(settingsFile(), QSettings::IniFormat).setValue("generation/temperature", 1.0);
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        QVERIFY(chat_->regenerate(first));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        QCOMPARE(messages->count(), 2);
        const qint64 second = cell(messages, 1, MessageListModel::IdRole).toLongLong();
        QVERIFY(second != first);
        QCOMPARE(cell(messages, 1, MessageListModel::SiblingIndexRole).toInt(), 1);
        QCOMPARE(cell(messages, 1, MessageListModel::SiblingCountRole).toInt(), 2);
        QCOMPARE(cell(messages, 0, MessageListModel::IdRole).toLongLong(), question);

        chat_->showSibling(second, -1); // ‹
        QCOMPARE(cell(messages, 1, MessageListModel::IdRole).toLongLong(), first);
        QCOMPARE(cell(messages, 1, MessageListModel::SiblingIndexRole).toInt(), 0);
        chat_->showSibling(first, -1); // nothing before the first
        QCOMPARE(cell(messages, 1, MessageListModel::IdRole).toLongLong(), first);
        chat_->showSibling(first, +1); // ›
        QCOMPARE(cell(messages, 1, MessageListModel::IdRole).toLongLong(), second);

        // Editing the question adds a second question with its own answer.
        finished.clear();
        QVERIFY(chat_->editMessage(question, "Hi, who are you?"));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        QCOMPARE(messages->count(), 2);
        QCOMPARE(cell(messages, 0, MessageListModel::ContentRole).toString(),
                 QString("Hi, who are you?"));
        QCOMPARE(cell(messages, 0, MessageListModel::SiblingCountRole).toInt(), 2);
        QCOMPARE(cell(messages, 1, MessageListModel::SiblingCountRole).toInt(), 1);
        chat_->showSibling(cell(messages, 0, MessageListModel::IdRole).toLongLong(), -1);
        QCOMPARE(cell(messages, 0, MessageListModel::IdRole).toLongLong(), question);
        QCOMPARE(cell(messages, 1, MessageListModel::IdRole).toLongLong(), second); // its path
    }

    // The regenerated answer's prompt is the conversation up to its question: the answer it
    // replaces is not part of it (it was, and a regenerate read its own old answer back).
    void regenerateReadsTheConversationUpToTheQuestion() {
        load(kQwen3);
        QVERIFY(ask("Hello!"));
        const int fresh = cell(chat_->messages(), 1, MessageListModel::ProvenanceRole)
                              .toMap()["promptTokens"]
                              .toInt();
        QVERIFY(fresh > 0);
        // A second conversation with the same question and a long stored answer.
        const qint64 other = storeConversation(
            "Hello!", QString("A long answer with many words. ").repeated(8).toStdString());
        chat_->openConversation(other);
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        QVERIFY(
            chat_->regenerate(cell(chat_->messages(), 1, MessageListModel::IdRole).toLongLong()));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        const QVariantMap p = cell(chat_->messages(), 1, MessageListModel::ProvenanceRole).toMap();
        QCOMPARE(p["promptTokens"].toInt(), fresh);
        QCOMPARE(cell(chat_->messages(), 1, MessageListModel::SiblingCountRole).toInt(), 2);
    }

    // An answer stored with more tokens than the context (its last token was sampled, not
    // evaluated) shows a full meter, not 257/256; switching to a branch whose answer was
    // shorter shows that branch's use.
    void theMeterFollowsTheShownBranchAndNeverOverflows() {
        load(kQwen3);
        const qint64 id = storeConversation("Question", "Answer", 200, 57, 256);
        chat_->openConversation(id);
        QCOMPARE(chat_->contextUsed(), 256);
        QCOMPARE(cell(chat_->messages(), 1, MessageListModel::CutOffRole).toString(),
                 QString("context"));
        auto store = hearth::storage::ConversationStore::open(dbFile().toStdString());
        auto path = store->active_path(id);
        QVERIFY(path && path->size() == 2);
        hearth::storage::Provenance shorter;
        shorter.prompt_tokens = 20;
        shorter.completion_tokens = 10;
        shorter.context_length = 256;
        auto answer = store->begin_answer(id, path->front().id, shorter);
        QVERIFY(answer);
        QVERIFY(answer->append("Short.", ""));
        hearth::storage::GenerationStats stats;
        stats.prompt_tokens = 20;
        stats.completion_tokens = 10;
        QVERIFY(answer->finish(hearth::storage::MessageStatus::Done,
                               hearth::storage::FinishReason::Eos, {}, stats));
        chat_->newChat();
        chat_->openConversation(id); // shows the newest answer
        QCOMPARE(chat_->contextUsed(), 30);
        QCOMPARE(cell(chat_->messages(), 1, MessageListModel::CutOffRole).toString(), QString());
        chat_->showSibling(cell(chat_->messages(), 1, MessageListModel::IdRole).toLongLong(), -1);
        QCOMPARE(chat_->contextUsed(), 256);
    }

    void overflowIsOfferedNotCutSilently() {
        load(kQwen3); // 256 tokens of context
        QVERIFY(ask("Hello!"));
        const QString long_text = QString("word ").repeated(300);
        QVERIFY(chat_->send(long_text));
        QVERIFY(QTest::qWaitFor([&] { return !chat_->generating(); }, 60000));
        QVERIFY(chat_->overflowNeeded() > 256);
        auto* messages = chat_->messages();
        QCOMPARE(messages->count(), 3); // no answer row for the long question
        QCOMPARE(cell(messages, 2, MessageListModel::RoleRole).toString(), QString("user"));
        QVERIFY(chat_->overflowCanDrop());
        // Leaving out old turns cannot make the long question itself fit, and the window no
        // longer offers it.
        QVERIFY(chat_->dropOldestAndRetry());
        QVERIFY(QTest::qWaitFor([&] { return !chat_->generating(); }, 60000));
        QVERIFY(chat_->overflowNeeded() > 256);
        QVERIFY(!chat_->overflowCanDrop());
        QCOMPARE(messages->count(), 3);

        // A shorter question fits once the first turn is left out, as the user allowed.
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        QVERIFY(chat_->editMessage(cell(messages, 2, MessageListModel::IdRole).toLongLong(),
                                   QString("word ").repeated(190)));
        QVERIFY(QTest::qWaitFor([&] { return finished.count() > 0; }, 60000));
        QCOMPARE(chat_->overflowNeeded(), 0);
        QCOMPARE(chat_->droppedMessages(), 2);
        QCOMPARE(messages->count(), 4); // shown, though the model did not read the first turn
        QCOMPARE(cell(messages, 3, MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Done));
        // The left-out turn is marked as such; the rest is not.
        QVERIFY(cell(messages, 0, MessageListModel::LeftOutRole).toBool());
        QVERIFY(cell(messages, 1, MessageListModel::LeftOutRole).toBool());
        QVERIFY(!cell(messages, 2, MessageListModel::LeftOutRole).toBool());
        QVERIFY(!cell(messages, 3, MessageListModel::LeftOutRole).toBool());
        // On the branch of the first long question (its answer read everything, or there
        // is none) nothing is marked and the label is gone.
        chat_->showSibling(cell(messages, 2, MessageListModel::IdRole).toLongLong(), -1);
        QCOMPARE(chat_->droppedMessages(), 0);
        QVERIFY(!cell(messages, 0, MessageListModel::LeftOutRole).toBool());
    }

    void searchOpensAMessageOnAnotherBranch() {
        load(kQwen3);
        QVERIFY(ask("Where do penguins live?"));
        const qint64 conversation = chat_->currentConversation();
        auto* messages = chat_->messages();
        QVERIFY(chat_->editMessage(cell(messages, 0, MessageListModel::IdRole).toLongLong(),
                                   "What do koalas eat?"));
        QVERIFY(QTest::qWaitFor([&] { return !chat_->generating(); }, 60000));
        chat_->newChat();
        QCOMPARE(messages->count(), 0);

        chat_->search("penguin");
        QCOMPARE(chat_->searchResults().size(), 1);
        const QVariantMap hit = chat_->searchResults().first().toMap();
        QCOMPARE(hit.value("conversationId").toLongLong(), conversation);
        QVERIFY(hit.value("snippet").toString().contains("<b>penguins</b>"));
        QSignalSpy shown(chat_.get(), &ChatController::showMessage);
        chat_->openMessage(conversation, hit.value("messageId").toLongLong());
        QCOMPARE(chat_->currentConversation(), conversation);
        QCOMPARE(cell(messages, 0, MessageListModel::ContentRole).toString(),
                 QString("Where do penguins live?"));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.first().at(0).toInt(), 0);
    }

    void deleteCanBeUndoneAndEverythingSurvivesARestart() {
        load(kQwen3);
        QVERIFY(ask("First chat"));
        const qint64 first = chat_->currentConversation();
        chat_->newChat();
        QVERIFY(ask("Second chat"));
        const qint64 second = chat_->currentConversation();
        auto* list = chat_->conversations();
        QCOMPARE(list->count(), 2);
        QCOMPARE(cell(list, 0, ConversationListModel::IdRole).toLongLong(), second);
        QCOMPARE(cell(list, 0, ConversationListModel::SectionRole).toString(), QString("Today"));

        chat_->setPinned(first, true);
        QCOMPARE(cell(list, 0, ConversationListModel::IdRole).toLongLong(), first);
        QCOMPARE(cell(list, 0, ConversationListModel::SectionRole).toString(), QString("Pinned"));
        chat_->rename(second, "  Renamed   chat ");
        QCOMPARE(list->title(second), QString("Renamed chat"));

        chat_->deleteConversation(second);
        QCOMPARE(list->count(), 1);
        QCOMPARE(chat_->currentConversation(), 0);
        QCOMPARE(chat_->pendingDeleteTitle(), QString("Renamed chat"));
        chat_->undoDelete();
        QCOMPARE(list->count(), 2);
        QCOMPARE(chat_->currentConversation(), second);
        QCOMPARE(chat_->messages()->count(), 2);

        chat_->deleteConversation(first);
        chat_->finishDelete(); // the undo notice closed
        QCOMPARE(chat_->pendingDelete(), 0);

        const QString answer = chat_->lastAnswer();
        testers_.clear();
        chat_.reset(); // quit
        start();
        QCOMPARE(chat_->conversations()->count(), 1);
        chat_->openConversation(second);
        QCOMPARE(chat_->messages()->count(), 2);
        QCOMPARE(chat_->lastAnswer(), answer);
        QCOMPARE(chat_->currentTitle(), QString("Renamed chat"));
    }

    void switchingModelsKeepsTheConversation() {
        load(kQwen3);
        QVERIFY(ask("Hello!"));
        load(kLlama);
        QCOMPARE(chat_->messages()->count(), 2); // still open
        QVERIFY(ask("And you?"));
        auto* messages = chat_->messages();
        QCOMPARE(messages->count(), 4);
        QCOMPARE(cell(messages, 1, MessageListModel::ProvenanceRole).toMap().value("modelFile"),
                 QVariant("tiny-qwen3-Q8_0.gguf"));
        QCOMPARE(cell(messages, 3, MessageListModel::ProvenanceRole).toMap().value("modelFile"),
                 QVariant("tiny-llama-Q8_0.gguf"));
        // The choice is remembered for the next start.
        chat_.reset();
        testers_.clear();
        start();
        chat_->models()->chooseDefault({kQwen3, kLlama});
        QCOMPARE(chat_->models()->path(), kLlama);
    }

    // A model the library listed as runnable that then fails to load (its file was cut
    // short since) no longer stops the automatic choice: the next model is loaded, and the
    // notice says what happened to the first.
    void autoLoadGoesOnAfterAModelFails() {
        const QString broken = dir_->filePath("broken.gguf");
        QVERIFY(QFile::copy(kLlama, broken));
        QVERIFY(QFile::resize(broken, 1 << 20));
        testers_.clear();
        chat_.reset();
        QSettings(settingsFile(), QSettings::IniFormat).setValue("chat/defaultModel", broken);
        start();
        chat_->models()->chooseDefault({kQwen3, broken}); // the default is tried first
        QVERIFY(QTest::qWaitFor(
            [&] { return chat_->models()->state() == ModelController::State::Ready; }, 60000));
        QCOMPARE(chat_->models()->path(), kQwen3);
        QVERIFY2(chat_->notice().contains("broken.gguf"), qPrintable(chat_->notice()));
    }

    // A database that cannot be opened is named once in the notice, in words for people.
    // A split session's device name says how many layers the GPU runs; a whole one does not.
    void splitBackendNamesItsLayers() {
        QCOMPARE(ModelController::displayBackend({"vulkan", "Radeon 780M", 12, 28}),
                 QString("Radeon 780M, 12 of 28 layers"));
        QCOMPARE(ModelController::displayBackend({"vulkan", "Radeon 780M"}),
                 QString("Radeon 780M"));
    }

    void unusableDatabaseIsExplainedOnce() {
        testers_.clear();
        chat_.reset();
        QFile junk(dbFile());
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        start();
        const QString notice = chat_->notice();
        QCOMPARE(notice, "Hearth cannot open your conversations: the file is damaged or is not a "
                         "Hearth conversation database (" +
                             dbFile() + ")");
    }

    void aDatabaseFromANewerHearthIsLeftAlone() {
        testers_.clear();
        chat_.reset();
        {
            auto store = hearth::storage::ConversationStore::open(dbFile().toStdString());
            QVERIFY(store);
            QVERIFY(store->database().exec("PRAGMA user_version = 999"));
        }
        QFile before(dbFile());
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        start();
        QVERIFY(chat_->notice().contains("cannot open your conversations"));
        QVERIFY(!chat_->send("hello"));
        QFile after(dbFile());
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }

private:
    QString dbFile() const { return dir_->filePath("conversations.db"); }
    QString settingsFile() const { return dir_->filePath("settings.ini"); }

    void start() {
        chat_ = std::make_unique<ChatController>(ChatController::Options{dbFile(), settingsFile()});
        for (QAbstractItemModel* m : {static_cast<QAbstractItemModel*>(chat_->messages()),
                                      static_cast<QAbstractItemModel*>(chat_->conversations())}) {
            testers_.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    }

    void load(const QString& path) {
        chat_->models()->load(path);
        QCOMPARE(chat_->models()->state(), ModelController::State::Loading);
        QVERIFY(QTest::qWaitFor(
            [&] { return chat_->models()->state() != ModelController::State::Loading; }, 60000));
        QCOMPARE(chat_->models()->state(), ModelController::State::Ready);
        QCOMPARE(chat_->models()->path(), path);
    }

    // A conversation written straight into the database (as an earlier run left it): a
    // question and a finished answer with the given token counts; returns its id.
    qint64 storeConversation(const std::string& question, const std::string& answer,
                             int promptTokens = 20, int completionTokens = 10,
                             int contextLength = 256) {
        auto store = hearth::storage::ConversationStore::open(dbFile().toStdString());
        if (!store) {
            return 0;
        }
        auto c = store->create_conversation({question});
        auto q = store->add_message(c->id, std::nullopt, hearth::storage::Role::User, question);
        hearth::storage::Provenance p;
        p.prompt_tokens = promptTokens;
        p.completion_tokens = completionTokens;
        p.context_length = contextLength;
        auto a = store->begin_answer(c->id, q->id, p);
        (void)a->append(answer, "");
        hearth::storage::GenerationStats stats;
        stats.prompt_tokens = promptTokens;
        stats.completion_tokens = completionTokens;
        (void)a->finish(hearth::storage::MessageStatus::Done, hearth::storage::FinishReason::Length,
                        {}, stats);
        return c->id;
    }

    // Sends and waits for the stored answer.
    bool ask(const QString& text) {
        QSignalSpy finished(chat_.get(), &ChatController::answerFinished);
        return chat_->send(text) && QTest::qWaitFor([&] { return finished.count() > 0; }, 60000);
    }

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ChatController> chat_;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers_;
};

QTEST_GUILESS_MAIN(TestChatController)
#include "tst_chatcontroller.moc"
