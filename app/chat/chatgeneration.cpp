// ChatController: sending, regenerating, editing and branch navigation, and the generation
// in flight (the worker's signals, written to the store as they arrive).
#include "attachmentprompt.h"
#include "chatcontroller.h"
#include "streamingmessage.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>

using hearth::storage::FinishReason;
using hearth::storage::Message;
using hearth::storage::MessageStatus;
using hearth::storage::Role;

namespace {

// A title from the first message: its first line, at most ~48 characters, cut at a word.
QString titleFrom(const QString& message) {
    QString line = message.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    constexpr int kMax = 48;
    if (line.size() > kMax) {
        const int space = line.lastIndexOf(QLatin1Char(' '), kMax);
        line = line.left(space > kMax / 2 ? space : kMax) + QChar(0x2026);
    }
    return line;
}

qint64 monotonicMs() {
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

} // namespace

bool ChatController::send(const QString& input) {
    const QString message = input.trimmed();
    const bool withFiles = attachments_->count() > 0;
    if (!store_ || (message.isEmpty() && !withFiles) || generating() || !models_->ready() ||
        attachments_->busy()) {
        return false;
    }
    const std::vector<hearth::storage::NewAttachment> files = attachments_->forMessage();
    std::optional<int64_t> parent;
    if (current_ == 0) {
        hearth::storage::NewConversation fields;
        fields.title =
            titleFrom(message.isEmpty() ? QString::fromStdString(files.front().info.file_name)
                                        : message)
                .toStdString();
        if (!systemPrompt_.isEmpty()) {
            fields.system_prompt = systemPrompt_.toStdString();
        }
        auto created = store_->create_conversation(fields);
        if (!ok(created)) {
            return false;
        }
        current_ = created->id;
        emit currentChanged();
    } else if (messages_->count() > 0) {
        parent = messages_->idAt(messages_->count() - 1);
    }
    auto user = store_->add_message(current_, parent, Role::User, message.toStdString(), {}, files);
    if (!ok(user)) {
        return false;
    }
    attachments_->clear();
    reloadPath();
    refreshConversations(); // it moved to the top, under Today
    return startAnswer(user->id, dropOldest_.contains(current_));
}

bool ChatController::regenerate(qint64 assistantMessageId) {
    if (!store_ || generating() || !models_->ready()) {
        return false;
    }
    auto answer = store_->message(assistantMessageId);
    if (!ok(answer) || answer->role != Role::Assistant || !answer->parent_id) {
        return false;
    }
    // Show the path down to the question; the new answer becomes its shown child.
    auto path = store_->active_path(answer->conversation_id);
    if (answer->conversation_id != current_ || !ok(path)) {
        return false;
    }
    auto question = std::find_if(path->begin(), path->end(),
                                 [&](const Message& m) { return m.id == *answer->parent_id; });
    if (question == path->end()) {
        return false;
    }
    path->erase(question + 1, path->end());
    messages_->setMessages(*path);
    return startAnswer(*answer->parent_id, dropOldest_.contains(current_));
}

bool ChatController::editMessage(qint64 userMessageId, const QString& input) {
    const QString message = input.trimmed();
    if (!store_ || message.isEmpty() || generating() || !models_->ready()) {
        return false;
    }
    auto old = store_->message(userMessageId);
    if (!ok(old) || old->role != Role::User) {
        return false;
    }
    // The edited question keeps the files of the one it replaces (their stored text is
    // linked again, not copied).
    std::vector<hearth::storage::NewAttachment> kept;
    for (const hearth::storage::Attachment& a : old->attachments) {
        kept.push_back({a, {}});
    }
    auto edited = store_->add_message(old->conversation_id, old->parent_id, Role::User,
                                      message.toStdString(), {}, kept);
    if (!ok(edited)) {
        return false;
    }
    reloadPath();
    return startAnswer(edited->id, dropOldest_.contains(current_));
}

void ChatController::showSibling(qint64 messageId, int step) {
    if (!store_ || generating()) {
        return;
    }
    auto siblings = store_->siblings(messageId);
    if (!ok(siblings)) {
        return;
    }
    const auto& list = *siblings;
    for (size_t i = 0; i < list.size(); ++i) {
        const qint64 target = qint64(i) + step;
        if (list[i].id == messageId && target >= 0 && target < qint64(list.size())) {
            if (ok(store_->set_active_child(list[size_t(target)].id))) {
                reloadPath();
                showPathStats();
            }
            return;
        }
    }
}

bool ChatController::dropOldestAndRetry() {
    if (!store_ || current_ == 0 || generating() || messages_->count() == 0) {
        return false;
    }
    dropOldest_.insert(current_);
    const int last = messages_->count() - 1;
    if (messages_->roleAt(last) == QLatin1String("assistant")) {
        return regenerate(messages_->idAt(last));
    }
    return startAnswer(messages_->idAt(last), true);
}

void ChatController::stop() {
    models_->generator()->requestStop();
}

QString ChatController::lastAnswer() const {
    for (int row = messages_->count() - 1; row >= 0; --row) {
        if (messages_->roleAt(row) == QLatin1String("assistant")) {
            return messages_->contentAt(row);
        }
    }
    return {};
}

GenerationRequest ChatController::requestFor(const std::vector<Message>& path, bool dropOldest) {
    GenerationRequest r;
    answerMessageIds_.clear();
    auto conversation = store_->conversation(current_);
    if (conversation && conversation->system_prompt && !conversation->system_prompt->empty()) {
        r.messages.push_back({"system", *conversation->system_prompt, ""});
        answerMessageIds_.emplace_back();
    }
    for (const Message& m : path) {
        // Answers that failed before writing anything are not part of the conversation.
        if (m.role == Role::System || (m.role == Role::Assistant && m.content.empty())) {
            continue;
        }
        // What the model reads of a question with files: attachmentprompt.h.
        std::string content = m.content;
        if (m.role == Role::User && !m.attachments.empty()) {
            auto turn = storedUserTurn(*store_, m);
            if (!ok(turn)) {
                continue;
            }
            content = std::move(*turn);
        }
        // A question left unanswered (it did not fit) followed by another: one turn, since
        // many templates require user and assistant to alternate.
        if (m.role == Role::User && !r.messages.empty() && r.messages.back().role == "user") {
            r.messages.back().content += "\n\n" + content;
            answerMessageIds_.back().append(m.id);
            continue;
        }
        r.messages.push_back({std::string(to_string(m.role)), std::move(content), ""});
        answerMessageIds_.push_back({m.id});
    }
    r.sampling = models_->generation()->sampling();
    r.max_tokens = models_->generation()->maxTokens();
    r.thinking_budget = models_->generation()->thinkingBudgetForRequest();
    r.reasoning_effort = models_->generation()->reasoningEffortForRequest();
    r.drop_oldest = dropOldest;
    return r;
}

hearth::storage::Provenance ChatController::provenanceFor(const GenerationRequest& r) const {
    hearth::storage::Provenance p;
    const ModelInfo& model = models_->info();
    p.model_name = model.name.toStdString();
    p.model_file = QFileInfo(model.path).fileName().toStdString();
    p.architecture = model.architecture.toStdString();
    p.quant = model.quant.toStdString();
    p.backend = model.backend.kind;
    if (!model.backend.device.empty()) {
        p.device = model.backend.device;
    }
    p.sampling = hearth::sampling_values(r.sampling);
    p.seed = r.sampling.seed;
    p.max_tokens = r.max_tokens;
    p.context_length = model.context_length;
    if (!r.messages.empty() && r.messages.front().role == "system") {
        p.system_prompt = r.messages.front().content;
    }
    p.started_at = store_->now();
    return p;
}

bool ChatController::startAnswer(int64_t parentId, bool dropOldest) {
    auto path = store_->active_path(current_);
    if (!ok(path)) {
        return false;
    }
    // The prompt ends with the message being answered: when an answer is regenerated, the
    // stored path still runs through the old answer (and what followed it), which the model
    // must not read as part of the conversation.
    const auto answered = std::find_if(path->begin(), path->end(),
                                       [&](const Message& m) { return m.id == parentId; });
    if (answered == path->end()) {
        return false;
    }
    path->erase(answered + 1, path->end());
    answerRequest_ = requestFor(*path, dropOldest);
    applyRetrieval(answerRequest_);
    answerConversation_ = current_;
    answerParent_ = parentId;
    answerStarted_ = false;
    thinkingStarted_ = -1;
    thinkingMs_ = -1;
    setOverflow(0);
    messages_->appendPending();
    const quint64 id = nextRequest_++;
    setGenerating(id);
    QMetaObject::invokeMethod(models_->generator(), &Generator::generate, Qt::QueuedConnection, id,
                              answerRequest_);
    return true;
}

void ChatController::setGenerating(quint64 request) {
    if (request_ != request) {
        request_ = request;
        emit generatingChanged();
    }
}

void ChatController::setOverflow(int needed, bool canDrop) {
    if (overflowNeeded_ != needed || overflowCanDrop_ != canDrop) {
        overflowNeeded_ = needed;
        overflowCanDrop_ = canDrop;
        emit overflowChanged();
    }
}

void ChatController::onStarted(quint64 id, int promptTokens, int dropped) {
    if (id != request_) {
        return;
    }
    auto answer =
        store_->begin_answer(answerConversation_, answerParent_, provenanceFor(answerRequest_));
    if (!ok(answer)) {
        stop();
        return;
    }
    answer_ = std::make_unique<hearth::storage::StreamingMessage>(std::move(*answer));
    saveAnswerSearch(answer_->id());
    // The messages the worker left out to fit the context: the first `dropped` turns after
    // the system prompt.
    QSet<qint64> leftOut;
    const size_t first =
        !answerRequest_.messages.empty() && answerRequest_.messages.front().role == "system" ? 1
                                                                                             : 0;
    for (size_t i = first; i < first + size_t(dropped) && i < answerMessageIds_.size(); ++i) {
        for (qint64 message : std::as_const(answerMessageIds_[i])) {
            leftOut.insert(message);
        }
    }
    leftOutFor_.insert(answer_->id(), leftOut);
    contextUsed_ = promptTokens;
    promptTokens_ = promptTokens;
    if (answerConversation_ == current_) {
        reloadPath(); // the placeholder becomes the stored answer
        messages_->setLeftOut(leftOut);
        dropped_ = int(leftOut.size());
    }
    emit statsChanged();
}

void ChatController::onDelta(quint64 id, const QString& thinking, const QString& answer, int tokens,
                             double seconds) {
    if (id != request_ || !answer_) {
        return;
    }
    if (tokens > 8 && seconds > 0) { // a live speed once there is something to measure
        tokensPerSecond_ = (tokens - 1) / seconds;
        contextUsed_ = promptTokens_ + tokens;
        emit statsChanged();
    }
    ok(answer_->append(answer.toStdString(), thinking.toStdString()));
    if (!thinking.isEmpty() && thinkingStarted_ < 0) {
        thinkingStarted_ = monotonicMs();
    }
    if (!answer.isEmpty() && thinkingStarted_ >= 0 && !answerStarted_) {
        thinkingMs_ = double(monotonicMs() - thinkingStarted_);
        messages_->setThinkingSeconds(answer_->id(), thinkingMs_ / 1000.0);
    }
    answerStarted_ = answerStarted_ || !answer.isEmpty();
    if (answerConversation_ == current_) {
        messages_->appendToLast(thinking, answer);
    }
}

void ChatController::onFinished(quint64 id, const GenerationStats& stats) {
    if (id != request_) {
        return;
    }
    setGenerating(0);
    if (!answer_) {
        // Stopped before the prompt was evaluated: no answer row was made.
        if (answerConversation_ == current_) {
            messages_->removeLast();
        }
        return;
    }
    // What is kept is the worker's measure (the pipeline's, between tokens); the one taken
    // here as the text arrived is only shown while the answer streams.
    if (stats.thinking_ms > 0) {
        thinkingMs_ = stats.thinking_ms;
    } else if (thinkingStarted_ >= 0 && !answerStarted_) { // it only reasoned
        thinkingMs_ = double(monotonicMs() - thinkingStarted_);
    }
    if (thinkingMs_ >= 0) {
        messages_->setThinkingSeconds(answer_->id(), thinkingMs_ / 1000.0);
    }
    const bool stopped = stats.finish_reason == FinishReason::Stop;
    hearth::storage::GenerationStats s;
    s.prompt_tokens = stats.prompt_tokens;
    s.completion_tokens = stats.completion_tokens;
    if (stats.completion_tokens > 0) {
        s.time_to_first_token_ms = stats.time_to_first_token_ms;
        s.tokens_per_second = stats.tokens_per_second;
    }
    if (thinkingMs_ >= 0) {
        s.thinking_ms = thinkingMs_;
    }
    ok(answer_->finish(stopped ? MessageStatus::Stopped : MessageStatus::Done, stats.finish_reason,
                       {}, s));
    const qint64 messageId = answer_->id();
    answer_.reset();
    tokensPerSecond_ = stats.tokens_per_second;
    if (answerConversation_ == current_) {
        reloadPath();
        contextUsed_ = stats.context_used;
        emit statsChanged();
    }
    refreshConversations();
    emit answerFinished(messageId);
}

void ChatController::onFailed(quint64 id, const QString& error) {
    if (id != request_) {
        return;
    }
    setGenerating(0);
    if (!answer_) {
        if (answerConversation_ == current_) {
            messages_->removeLast();
        }
        setNotice(TrText(staticMetaObject.className(), QT_TR_NOOP("The model could not answer: %1"),
                         {error}));
        return;
    }
    ok(answer_->finish(MessageStatus::Error, FinishReason::Error, error.toStdString()));
    const qint64 messageId = answer_->id();
    answer_.reset();
    if (answerConversation_ == current_) {
        reloadPath();
    }
    emit answerFinished(messageId);
}

void ChatController::onOverflow(quint64 id, int needed, int) {
    if (id != request_) {
        return;
    }
    setGenerating(0);
    if (answerConversation_ == current_) {
        // Back to the stored path: after a regenerate that is the answer it was to replace.
        reloadPath();
        // Once old turns were left out and it still does not fit, leaving out more cannot
        // help: the last question alone is too long.
        setOverflow(needed, !answerRequest_.drop_oldest);
    }
}
