// ChatController: construction, conversations (list, open, rename, pin, delete with undo,
// search) and the system prompt. The generation flow is in chatgeneration.cpp, export in
// chatexport.cpp, the model in modelcontroller.cpp.
#include "chatcontroller.h"

#include "appinfo.h"
#include "databasepath.h"
#include "enginetext.h"
#include "modelhub.h"
#include "streamingmessage.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QQmlEngine>
#include <QSettings>
#include <algorithm>

namespace {

QString text(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

ChatController::ChatController(const Options& options, QObject* parent)
    : QObject(parent), conversations_(new ConversationListModel(this)),
      messages_(new MessageListModel(this)) {
    settings_ = AppInfo::settings(options.settingsFile, this);
    models_ = new ModelController(settings_, this);
    personas_ = new PersonaModel(settings_, this);
    transfers_ = new Transfers(this);
    connect(transfers_, &Transfers::exportFinished, this, &ChatController::onExportFinished);
    connect(transfers_, &Transfers::imported, this, &ChatController::refreshConversations);
    collections_ = new CollectionManager(settings_, this);
    attachments_ = new ComposerAttachments(models_, this);
    connect(attachments_, &ComposerAttachments::refused, this,
            [this](const TrText& message) { setNotice(message); });
    connect(models_, &ModelController::loadFailed, this,
            [this](const TrText& message) { setNotice(message); });
    Generator* generator = models_->generator();
    connect(generator, &Generator::started, this, &ChatController::onStarted);
    connect(generator, &Generator::contextOverflow, this, &ChatController::onOverflow);
    connect(generator, &Generator::delta, this, &ChatController::onDelta);
    connect(generator, &Generator::finished, this, &ChatController::onFinished);
    connect(generator, &Generator::failed, this, &ChatController::onFailed);
    // Texts made in C++ are translated when read: ask QML to read them again.
    whenLanguageChanges(this, [this] { emit noticeChanged(); });

    hearth::Result<QString> path = resolveDatabasePath(options.databasePath, true);
    if (!path) {
        setNotice(TrText(staticMetaObject.className(),
                         QT_TR_NOOP("Hearth cannot keep conversations: %1"),
                         {text(path.error().message)}));
        return;
    }
    databasePath_ = *path;
    transfers_->setDatabasePath(databasePath_);
    auto store = hearth::storage::ConversationStore::open(databasePath_.toStdString());
    if (!store) {
        // The file is left as it is (a newer Hearth's database, a damaged file): the user's
        // data is never overwritten. The message names the file.
        setNotice(TrText(staticMetaObject.className(),
                         QT_TR_NOOP("Hearth cannot open your conversations: %1"),
                         {text(store.error().message)}));
        return;
    }
    store_.emplace(std::move(*store));
    messages_->setAttachmentLookup([this](std::span<const int64_t> ids) {
        auto files = store_->attachments_of(ids);
        return ok(files) ? std::move(*files)
                         : std::vector<std::vector<hearth::storage::Attachment>>();
    });
    // The document index: a cache beside the conversations.
    setUpCollections(
        QFileInfo(databasePath_).dir().filePath(QStringLiteral("collections-index.db")));
    // Deletions whose undo window closed with the app last time.
    ok(store_->purge_deleted(store_->now() + 1));
    refreshConversations();
}

ChatController::~ChatController() {
    models_->shutdown(); // nothing the worker does from here on reaches this controller
    if (answer_) {
        // The worker has stopped; keep what was written as a stopped answer.
        ok(answer_->finish(hearth::storage::MessageStatus::Stopped,
                           hearth::storage::FinishReason::Stop));
        answer_.reset();
    }
    finishDelete();
}

ChatController* ChatController::create(QQmlEngine* qmlEngine, QJSEngine*) {
    auto* controller = new ChatController(Options{});
    ModelController* models = controller->models();
    QPointer<ModelHub> hub = qmlEngine->singletonInstance<ModelHub*>("Hearth.Core", "ModelHub");
    if (hub == nullptr) {
        return controller;
    }
    // Load the model used last time (or the only one there is) once the library is known.
    ModelLibrary* library = hub->library();
    connect(library, &ModelLibrary::scanFinished, models,
            [models, library] { models->chooseDefault(library->runnablePaths()); });
    // A model the catalog lists gets the catalog's recommended sampling as its defaults.
    models->generation()->setCatalogLookup([hub](const QString& fileName) {
        return hub ? hub->recommendedSampling(fileName) : hearth::SamplingValues{};
    });
    return controller;
}

void ChatController::reportError(const hearth::Error& error) {
    setNotice(TrText(staticMetaObject.className(),
                     QT_TR_NOOP("Something went wrong with your conversations: %1"),
                     {text(error.message)}));
}

void ChatController::setNotice(const TrText& text, bool transient) {
    if (!(notice_ == text) || noticeTransient_ != transient) {
        notice_ = text;
        noticeTransient_ = transient;
        emit noticeChanged();
    }
}

void ChatController::dismissNotice() {
    setNotice({});
}

QString ChatController::currentTitle() const {
    return conversations_->title(current_);
}

void ChatController::refreshConversations() {
    if (!store_) {
        return;
    }
    auto list = store_->list_conversations();
    if (ok(list)) {
        conversations_->setConversations(std::move(*list));
        emit titleChanged(); // it may have changed
    }
}

void ChatController::reloadPath() {
    if (!store_ || current_ == 0) {
        messages_->setMessages({});
        return;
    }
    // The chips of the files come later, for the rows the view shows (MessageListModel).
    auto path = store_->active_path(current_, hearth::storage::PathFiles::Deferred);
    if (ok(path)) {
        messages_->setMessages(*path);
    }
}

void ChatController::showPathStats() {
    // The context in use as far as the last answer shown tells: its prompt and its own
    // tokens. The answer's last token is sampled but not evaluated when the context is full,
    // so the sum can be one more than the context holds.
    contextUsed_ = 0;
    QSet<qint64> leftOut;
    for (int row = messages_->count() - 1; row >= 0; --row) {
        const hearth::storage::Message& m = messages_->messageAt(row);
        if (m.role != hearth::storage::Role::Assistant || !m.provenance) {
            continue;
        }
        const hearth::storage::Provenance& p = *m.provenance;
        int64_t used = p.prompt_tokens.value_or(0) + p.completion_tokens.value_or(0);
        if (p.context_length) {
            used = std::min(used, *p.context_length);
        }
        contextUsed_ = int(used);
        leftOut = leftOutFor_.value(m.id); // known for answers made since the app started
        break;
    }
    messages_->setLeftOut(leftOut);
    dropped_ = int(leftOut.size());
    emit statsChanged();
}

void ChatController::openAdjacentConversation(int step) {
    const int count = conversations_->count();
    if (count == 0 || step == 0) {
        return;
    }
    const int row = conversations_->indexOf(current_);
    // From a new chat (not in the list), forward starts at the top and backward at the end.
    const int target = row < 0 ? (step > 0 ? 0 : count - 1) : std::clamp(row + step, 0, count - 1);
    openConversation(conversations_->idAt(target));
}

void ChatController::newChat() {
    if (current_ == 0 && messages_->count() == 0) {
        return;
    }
    current_ = 0;
    setOverflow(0);
    reloadPath();
    showPathStats();
    emit currentChanged();
    emit titleChanged();
}

void ChatController::openConversation(qint64 id) {
    if (!store_ || id == current_) {
        return;
    }
    auto conversation = store_->conversation(id);
    if (!ok(conversation)) {
        return;
    }
    current_ = id;
    systemPrompt_ = text(conversation->system_prompt.value_or(std::string()));
    setOverflow(0);
    reloadPath();
    showPathStats();
    emit currentChanged();
    emit titleChanged();
    emit systemPromptChanged();
}

void ChatController::rename(qint64 id, const QString& title) {
    const QString trimmed = title.simplified();
    if (store_ && !trimmed.isEmpty() && ok(store_->rename(id, trimmed.toStdString()))) {
        refreshConversations();
    }
}

void ChatController::setPinned(qint64 id, bool pinned) {
    if (store_ && ok(store_->set_pinned(id, pinned))) {
        refreshConversations();
    }
}

void ChatController::deleteConversation(qint64 id) {
    if (!store_) {
        return;
    }
    if (id == answerConversation_ && generating()) {
        stop();
    }
    finishDelete(); // one undo at a time: an earlier deletion becomes final
    const QString title = conversations_->title(id);
    if (!ok(store_->delete_conversation(id))) {
        return;
    }
    pendingDelete_ = id;
    pendingDeleteTitle_ = title;
    emit pendingDeleteChanged();
    if (id == current_) {
        newChat();
    }
    refreshConversations();
}

void ChatController::undoDelete() {
    if (!store_ || pendingDelete_ == 0) {
        return;
    }
    const qint64 id = pendingDelete_;
    pendingDelete_ = 0;
    pendingDeleteTitle_.clear();
    emit pendingDeleteChanged();
    if (ok(store_->undo_delete(id))) {
        refreshConversations();
        openConversation(id);
    }
}

void ChatController::finishDelete() {
    if (!store_ || pendingDelete_ == 0) {
        return;
    }
    pendingDelete_ = 0;
    pendingDeleteTitle_.clear();
    emit pendingDeleteChanged();
    ok(store_->purge_deleted(store_->now() + 1));
}

void ChatController::search(const QString& query) {
    searchResults_.clear();
    if (store_ && !query.trimmed().isEmpty()) {
        auto hits = store_->search(query.toStdString());
        if (ok(hits)) {
            for (const hearth::storage::SearchHit& hit : *hits) {
                searchResults_.append(
                    QVariantMap{{"conversationId", qint64(hit.conversation_id)},
                                {"messageId", qint64(hit.message_id)},
                                {"title", text(hit.conversation_title)},
                                {"snippet", text(hearth::storage::snippet_html(hit.snippet))},
                                {"role", text(std::string(to_string(hit.role)))},
                                {"inThinking", hit.in_thinking},
                                {"attachment", text(hit.attachment)}});
            }
        }
    }
    emit searchResultsChanged();
}

void ChatController::openMessage(qint64 conversationId, qint64 messageId) {
    if (!store_) {
        return;
    }
    // Make every message from the root down to this one the shown child of its parent.
    std::optional<int64_t> id = messageId;
    while (id) {
        auto m = store_->message(*id);
        if (!ok(m) || m->conversation_id != conversationId ||
            !ok(store_->set_active_child(m->id))) {
            return;
        }
        id = m->parent_id;
    }
    if (conversationId == current_) {
        reloadPath();
        showPathStats();
    } else {
        openConversation(conversationId);
    }
    const int row = messages_->indexOf(messageId);
    if (row >= 0) {
        emit showMessage(row);
    }
}

void ChatController::setSystemPrompt(const QString& prompt) {
    if (prompt == systemPrompt_) {
        return;
    }
    systemPrompt_ = prompt;
    if (store_ && current_ != 0) {
        const std::optional<std::string> value =
            prompt.isEmpty() ? std::nullopt : std::optional(prompt.toStdString());
        ok(store_->set_system_prompt(current_, value));
    }
    emit systemPromptChanged();
}
