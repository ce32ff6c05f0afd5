// ChatController: construction, conversations (list, open, rename, pin, delete with undo,
// search), models and export. The generation flow is in chatgeneration.cpp.
#include "chatcontroller.h"

#include "appinfo.h"
#include "databasepath.h"
#include "enginetext.h"
#include "streamingmessage.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <algorithm>

namespace {

constexpr int kWorkerStopMs = 5000;

QString text(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString localPath(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

} // namespace

ChatController::ChatController(QObject* parent) : ChatController(Options{}, parent) {}

ChatController::ChatController(const Options& options, QObject* parent)
    : QObject(parent), conversations_(new ConversationListModel(this)),
      messages_(new MessageListModel(this)) {
    settings_ = AppInfo::settings(options.settingsFile, this);
    generation_ = new GenerationSettings(settings_, this);
    personas_ = new PersonaModel(settings_, this);

    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("inference"));
    generator_ = new Generator;
    generator_->moveToThread(thread_);
    connect(thread_, &QThread::finished, generator_, &QObject::deleteLater);
    connect(generator_, &Generator::loadProgress, this, [this](const QString&, double fraction) {
        loadProgress_ = fraction;
        emit loadProgressChanged();
    });
    connect(generator_, &Generator::modelLoaded, this, &ChatController::onModelLoaded);
    connect(generator_, &Generator::modelFailed, this, &ChatController::onModelFailed);
    connect(generator_, &Generator::started, this, &ChatController::onStarted);
    connect(generator_, &Generator::contextOverflow, this, &ChatController::onOverflow);
    connect(generator_, &Generator::delta, this, &ChatController::onDelta);
    connect(generator_, &Generator::finished, this, &ChatController::onFinished);
    connect(generator_, &Generator::failed, this, &ChatController::onFailed);
    thread_->start();
    // Texts made in C++ are translated when read: ask QML to read them again.
    whenLanguageChanges(this, [this] {
        emit noticeChanged();
        emit modelChanged(); // the fallback reason
    });

    hearth::Result<QString> path = resolveDatabasePath(options.databasePath, true);
    if (!path) {
        setNotice(TrText(staticMetaObject.className(),
                         QT_TR_NOOP("Hearth cannot keep conversations: %1"),
                         {text(path.error().message)}));
        return;
    }
    databasePath_ = *path;
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
    // Deletions whose undo window closed with the app last time.
    ok(store_->purge_deleted(store_->now() + 1));
    refreshConversations();
}

ChatController::~ChatController() {
    generator_->requestStop();
    thread_->quit();
    // The worker notices Stop within a token, a prompt batch or a template step; only a
    // model load runs to its end. Quitting waits for that at most kWorkerStopMs: a worker
    // still busy then is left to end with the process (a running QThread must not be
    // destroyed), and nothing it does after this reaches the controller or the database.
    if (!thread_->wait(QDeadlineTimer(kWorkerStopMs))) {
        qWarning("the inference thread did not stop within %d ms; quitting without it",
                 kWorkerStopMs);
        disconnect(generator_, nullptr, this, nullptr);
        thread_->setParent(nullptr);
    }
    if (answer_) {
        // The worker has stopped; keep what was written as a stopped answer.
        ok(answer_->finish(hearth::storage::MessageStatus::Stopped,
                           hearth::storage::FinishReason::Stop));
        answer_.reset();
    }
    finishDelete();
}

ChatController* ChatController::create(QQmlEngine*, QJSEngine*) {
    return new ChatController();
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
    auto path = store_->active_path(current_);
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

QString ChatController::fallbackReason() const {
    return fallbackReasonText(model_.fallback).toString();
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
                                {"inThinking", hit.in_thinking}});
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

void ChatController::loadModel(const QString& pathOrUrl) {
    autoLoad_.clear(); // the user's choice ends any automatic one
    startLoad(localPath(pathOrUrl));
}

void ChatController::startLoad(const QString& path) {
    if (path.isEmpty() || (path == model_.path && modelState_ == QLatin1String("ready"))) {
        return;
    }
    if (generating()) {
        stop(); // the load is queued behind the generation, which ends at its next token
    }
    model_ = ModelInfo{};
    model_.path = path;
    model_.name = QFileInfo(path).completeBaseName();
    modelState_ = QStringLiteral("loading");
    loadProgress_ = 0;
    emit loadProgressChanged();
    emit modelChanged();
    const QString cache =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/vulkan-pipelines.bin";
    QDir().mkpath(QFileInfo(cache).absolutePath());
    const QString speeds = QFileInfo(cache).absolutePath() + "/backend-speeds.tsv";
    QMetaObject::invokeMethod(generator_, "loadModel", Qt::QueuedConnection, Q_ARG(QString, path),
                              Q_ARG(QString, backendPreference()),
                              Q_ARG(int, generation_->contextLengthFor(QFileInfo(path).fileName())),
                              Q_ARG(QString, cache), Q_ARG(QString, speeds),
                              Q_ARG(int, cpuThreads()));
}

void ChatController::unloadModel() {
    if (generating()) {
        stop();
    }
    model_ = ModelInfo{};
    modelState_ = QStringLiteral("none");
    emit modelChanged();
    QMetaObject::invokeMethod(generator_, "unloadModel", Qt::QueuedConnection);
}

void ChatController::chooseDefaultModel(const QStringList& installed) {
    if (modelState_ == QLatin1String("loading") || modelState_ == QLatin1String("ready") ||
        installed.isEmpty()) {
        return;
    }
    autoLoad_ = installed;
    if (const QString chosen = defaultModel(); autoLoad_.removeOne(chosen)) {
        autoLoad_.prepend(chosen);
    }
    startLoad(autoLoad_.takeFirst());
}

void ChatController::onModelLoaded(const ModelInfo& info) {
    if (info.path != model_.path) {
        return; // an earlier load, superseded by the user's newer choice
    }
    model_ = info;
    autoLoad_.clear();
    modelState_ = QStringLiteral("ready");
    settings_->setValue("chat/model", info.path);
    generation_->setModel(QFileInfo(info.path).fileName(), info.sampling, info.trained_context,
                          info.thinking_budget, info.reasoning_effort);
    loadProgress_ = 1;
    emit loadProgressChanged();
    emit modelChanged();
}

void ChatController::onModelFailed(const QString& path, const QString& error) {
    if (path != model_.path) {
        return;
    }
    modelState_ = QStringLiteral("failed");
    emit modelChanged();
    setNotice(TrText(staticMetaObject.className(), QT_TR_NOOP("Hearth could not load %1: %2"),
                     {QFileInfo(path).fileName(), error}));
    // A model the library found runnable can still fail to load (its file changed, the
    // memory ran out): an automatic choice goes on with the next one, the notice stays.
    if (!autoLoad_.isEmpty()) {
        startLoad(autoLoad_.takeFirst());
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

QString ChatController::backendPreference() const {
    return settings_->value("chat/backend", "auto").toString();
}

void ChatController::setBackendPreference(const QString& backend) {
    if (backend != backendPreference()) {
        settings_->setValue("chat/backend", backend);
        emit backendPreferenceChanged();
    }
}

int ChatController::cpuThreads() const {
    return std::max(0, settings_->value("chat/threads", 0).toInt());
}

void ChatController::setCpuThreads(int threads) {
    threads = std::clamp(threads, 0, 256);
    if (threads != cpuThreads()) {
        settings_->setValue("chat/threads", threads);
        emit cpuThreadsChanged();
    }
}

QString ChatController::displayBackend(const QString& backend) {
    const qsizetype open = backend.indexOf(QLatin1String(" ("));
    const QString kind = open < 0 ? backend : backend.left(open);
    const QString device = open < 0 ? QString() : backend.mid(open + 2).chopped(1);
    if (kind == QLatin1String("cpu")) {
        return device.isEmpty() ? tr("CPU") : tr("CPU (%1)").arg(device);
    }
    if (kind == QLatin1String("cpu-reference")) {
        return tr("CPU (reference)");
    }
    return device.isEmpty() ? backend : device;
}

QString ChatController::backendMeasurements() const {
    QStringList parts;
    for (const QVariant& v : model_.measurements) {
        const QVariantMap m = v.toMap();
        parts.append(tr("%1: %2 tokens/s")
                         .arg(displayBackend(m["backend"].toString()))
                         .arg(QLocale().toString(m["generate"].toDouble(), 'f', 1)));
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString ChatController::defaultModel() const {
    return settings_->value("chat/defaultModel", settings_->value("chat/model")).toString();
}

void ChatController::setDefaultModel(const QString& pathOrUrl) {
    const QString path = localPath(pathOrUrl);
    if (path != defaultModel()) {
        settings_->setValue("chat/defaultModel", path);
        emit defaultModelChanged();
    }
}
