#include "messagelistmodel.h"

#include <QDateTime>
#include <algorithm>

using hearth::storage::Message;
using StoredRole = hearth::storage::Role;

namespace {

QString text(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

template <typename T> void put(QVariantMap& map, const char* key, const std::optional<T>& value) {
    if (value) {
        if constexpr (std::is_same_v<T, std::string>) {
            map.insert(QLatin1String(key), text(*value));
        } else if constexpr (std::is_same_v<T, uint64_t>) {
            map.insert(QLatin1String(key), QString::number(*value)); // beyond a JS number
        } else {
            map.insert(QLatin1String(key), QVariant::fromValue(*value));
        }
    }
}

// An answer that ended at a limit rather than where the model finished it: at the answer
// length limit, or with the context full (its prompt and answer fill what the model reads;
// the last answer token is sampled without being evaluated, hence >=).
QString cutOff(const Message& m) {
    if (m.status != hearth::storage::MessageStatus::Done ||
        m.finish_reason != hearth::storage::FinishReason::Length) {
        return {};
    }
    if (m.provenance && m.provenance->context_length && m.provenance->prompt_tokens &&
        m.provenance->completion_tokens &&
        *m.provenance->prompt_tokens + *m.provenance->completion_tokens >=
            *m.provenance->context_length) {
        return QStringLiteral("context");
    }
    return QStringLiteral("length");
}

// The store's states in the same order; QML compares them by name (MessageListModel.Done).
MessageListModel::Status status(hearth::storage::MessageStatus s) {
    using S = hearth::storage::MessageStatus;
    static_assert(int(S::Streaming) == int(MessageListModel::Status::Streaming) &&
                  int(S::Done) == int(MessageListModel::Status::Done) &&
                  int(S::Stopped) == int(MessageListModel::Status::Stopped) &&
                  int(S::Error) == int(MessageListModel::Status::Error) &&
                  int(S::Interrupted) == int(MessageListModel::Status::Interrupted));
    return MessageListModel::Status(int(s));
}

// The storage's name of a kind ("pdf"), made once per kind rather than once per chip.
QString kindName(hearth::storage::AttachmentKind kind) {
    using K = hearth::storage::AttachmentKind;
    static const QString names[] = {
        text(std::string(to_string(K::Text))), text(std::string(to_string(K::Markdown))),
        text(std::string(to_string(K::Code))), text(std::string(to_string(K::Pdf))),
        text(std::string(to_string(K::Html)))};
    static_assert(int(K::Html) == 4);
    return names[int(kind)];
}

} // namespace

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = rows_[size_t(index.row())];
    const Message& m = row.message;
    switch (role) {
    case IdRole:
        return qint64(m.id);
    case RoleRole:
        return text(std::string(to_string(m.role)));
    case Qt::DisplayRole:
    case ContentRole:
        return row.content;
    case ThinkingRole:
        return row.thinking;
    case StatusRole:
        return int(status(m.status));
    case ErrorRole:
        return text(m.error);
    case SiblingIndexRole:
        return m.sibling_index;
    case SiblingCountRole:
        return m.sibling_count;
    case ProvenanceRole:
        return m.provenance ? provenanceMap(*m.provenance) : QVariantMap();
    case ThinkingSecondsRole: // measured while streaming, then as stored
        return thinkingSeconds_.contains(m.id)             ? thinkingSeconds_.value(m.id)
               : m.provenance && m.provenance->thinking_ms ? *m.provenance->thinking_ms / 1000.0
                                                           : -1.0;
    case CreatedAtRole:
        return QDateTime::fromMSecsSinceEpoch(m.created_at);
    case CutOffRole:
        return cutOff(m);
    case LeftOutRole:
        return leftOut_.contains(m.id);
    case SourcesRole:
        return m.role == hearth::storage::Role::Assistant && sourceLookup_
                   ? sourceLookup_(m.id, row.content)
                   : QVariantMap();
    case AttachmentsRole:
        ensureFiles(index.row());
        return attachmentList(m.attachments);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
    return {{IdRole, "messageId"},
            {RoleRole, "role"},
            {ContentRole, "content"},
            {ThinkingRole, "thinking"},
            {StatusRole, "status"},
            {ErrorRole, "error"},
            {SiblingIndexRole, "siblingIndex"},
            {SiblingCountRole, "siblingCount"},
            {ProvenanceRole, "provenance"},
            {ThinkingSecondsRole, "thinkingSeconds"},
            {CreatedAtRole, "createdAt"},
            {CutOffRole, "cutOff"},
            {LeftOutRole, "leftOut"},
            {SourcesRole, "sources"},
            {AttachmentsRole, "attachments"}};
}

QVariantList
MessageListModel::attachmentList(const std::vector<hearth::storage::Attachment>& files) {
    QVariantList list;
    list.reserve(qsizetype(files.size()));
    for (const hearth::storage::Attachment& a : files) {
        list.append(QVariant::fromValue(MessageAttachment{
            a.id, text(a.file_name), kindName(a.kind), text(a.title), a.pages,
            a.tokens.value_or(-1), a.source_path ? text(*a.source_path) : QString()}));
    }
    return list;
}

MessageListModel::Row MessageListModel::makeRow(const Message& message) {
    return {message, text(message.content), text(message.thinking), !message.attachments.empty()};
}

bool MessageListModel::sameDisplay(const Row& a, const Row& b) {
    const Message &x = a.message, &y = b.message;
    // A stored message's files never change; rows of one id differ in them only when one
    // has not looked them up yet.
    const bool sameFiles = x.attachments == y.attachments ||
                           (x.id != 0 && x.id == y.id && (!a.filesKnown || !b.filesKnown));
    return x.id == y.id && x.status == y.status && x.finish_reason == y.finish_reason &&
           x.error == y.error && x.sibling_index == y.sibling_index &&
           x.sibling_count == y.sibling_count && x.provenance == y.provenance && sameFiles &&
           a.content == b.content && a.thinking == b.thinking;
}

void MessageListModel::ensureFiles(int row) const {
    if (rows_[size_t(row)].filesKnown || !attachmentLookup_) {
        return;
    }
    const size_t first = size_t(std::max(0, row - kFilesBefore));
    const size_t end = std::min(rows_.size(), size_t(row) + kFilesAfter + 1);
    std::vector<size_t> asked;
    std::vector<int64_t> ids;
    for (size_t i = first; i < end; ++i) {
        if (rows_[i].message.id == 0) { // an answer not stored yet has no files
            rows_[i].filesKnown = true;
        } else if (!rows_[i].filesKnown) {
            asked.push_back(i);
            ids.push_back(rows_[i].message.id);
        }
    }
    if (ids.empty()) {
        return;
    }
    std::vector<std::vector<hearth::storage::Attachment>> files = attachmentLookup_(ids);
    if (files.size() != ids.size()) {
        return; // the store failed (and said so); asked again when next shown
    }
    for (size_t k = 0; k < asked.size(); ++k) {
        rows_[asked[k]].message.attachments = std::move(files[k]);
        rows_[asked[k]].filesKnown = true;
    }
}

void MessageListModel::setMessages(const std::vector<Message>& path) {
    std::vector<Row> next;
    next.reserve(path.size());
    for (const Message& m : path) {
        if (m.role != StoredRole::System) {
            next.push_back(makeRow(m));
        }
    }
    const int old_count = count();
    // Rows shared with the current path (same message) stay and are updated in place.
    size_t shared = 0;
    while (shared < rows_.size() && shared < next.size() &&
           rows_[shared].message.id == next[shared].message.id) {
        if (!next[shared].filesKnown && rows_[shared].filesKnown) { // already looked up
            next[shared].message.attachments = rows_[shared].message.attachments;
            next[shared].filesKnown = true;
        }
        if (!sameDisplay(rows_[shared], next[shared])) {
            rows_[shared] = std::move(next[shared]);
            emit dataChanged(index(int(shared)), index(int(shared)));
        } else if (next[shared].filesKnown && !rows_[shared].filesKnown) { // no lookup needed
            rows_[shared].message.attachments = std::move(next[shared].message.attachments);
            rows_[shared].filesKnown = true;
        }
        ++shared;
    }
    if (shared < rows_.size()) {
        beginRemoveRows({}, int(shared), int(rows_.size()) - 1);
        rows_.erase(rows_.begin() + qsizetype(shared), rows_.end());
        endRemoveRows();
    }
    if (shared < next.size()) {
        beginInsertRows({}, int(shared), int(next.size()) - 1);
        for (size_t i = shared; i < next.size(); ++i) {
            rows_.push_back(std::move(next[i]));
        }
        endInsertRows();
    }
    if (count() != old_count) {
        emit countChanged();
    }
}

void MessageListModel::appendPending() {
    Message m;
    m.role = StoredRole::Assistant;
    m.status = hearth::storage::MessageStatus::Streaming;
    m.created_at = QDateTime::currentMSecsSinceEpoch();
    beginInsertRows({}, count(), count());
    rows_.push_back(makeRow(m));
    endInsertRows();
    emit countChanged();
}

void MessageListModel::updateMessage(const Message& message) {
    for (size_t i = rows_.size(); i-- > 0;) {
        if (rows_[i].message.id == message.id ||
            (rows_[i].message.id == 0 && i + 1 == rows_.size())) {
            Row row = makeRow(message);
            if (!sameDisplay(rows_[i], row)) {
                rows_[i] = std::move(row);
                emit dataChanged(index(int(i)), index(int(i)));
            }
            return;
        }
    }
    beginInsertRows({}, count(), count());
    rows_.push_back(makeRow(message));
    endInsertRows();
    emit countChanged();
}

void MessageListModel::appendToLast(const QString& thinking, const QString& answer) {
    if (rows_.empty() || (thinking.isEmpty() && answer.isEmpty())) {
        return;
    }
    Row& row = rows_.back();
    QList<int> roles;
    if (!thinking.isEmpty()) {
        row.thinking += thinking;
        roles << ThinkingRole;
    }
    if (!answer.isEmpty()) {
        row.content += answer;
        roles << ContentRole;
    }
    const QModelIndex last = index(count() - 1);
    emit dataChanged(last, last, roles);
}

void MessageListModel::setThinkingSeconds(qint64 id, double seconds) {
    thinkingSeconds_.insert(id, seconds);
    const int row = indexOf(id);
    if (row >= 0) {
        emit dataChanged(index(row), index(row), {ThinkingSecondsRole});
    }
}

void MessageListModel::removeLast() {
    if (rows_.empty()) {
        return;
    }
    beginRemoveRows({}, count() - 1, count() - 1);
    rows_.pop_back();
    endRemoveRows();
    emit countChanged();
}

void MessageListModel::setLeftOut(const QSet<qint64>& ids) {
    if (ids == leftOut_) {
        return;
    }
    const QSet<qint64> changed = (ids - leftOut_) + (leftOut_ - ids);
    leftOut_ = ids;
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (changed.contains(rows_[i].message.id)) {
            emit dataChanged(index(int(i)), index(int(i)), {LeftOutRole});
        }
    }
}

int MessageListModel::indexOf(qint64 id) const {
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].message.id == id) {
            return int(i);
        }
    }
    return -1;
}

qint64 MessageListModel::idAt(int row) const {
    return row >= 0 && row < count() ? rows_[size_t(row)].message.id : 0;
}

QString MessageListModel::contentAt(int row) const {
    return row >= 0 && row < count() ? rows_[size_t(row)].content : QString();
}

QString MessageListModel::roleAt(int row) const {
    return row >= 0 && row < count() ? text(std::string(to_string(rows_[size_t(row)].message.role)))
                                     : QString();
}

QVariantMap MessageListModel::provenanceMap(const hearth::storage::Provenance& p) {
    QVariantMap map;
    put(map, "modelName", p.model_name);
    put(map, "modelFile", p.model_file);
    put(map, "architecture", p.architecture);
    put(map, "quant", p.quant);
    put(map, "backend", p.backend);
    put(map, "device", p.device);
    for (const hearth::SamplingFieldInfo& f : hearth::kSamplingFields) {
        if (const std::optional<double>& v = p.sampling[f.field]) {
            map.insert(QLatin1String(f.key.data(), qsizetype(f.key.size())),
                       f.integer ? QVariant(qint64(*v)) : QVariant(*v));
        }
    }
    put(map, "seed", p.seed);
    put(map, "maxTokens", p.max_tokens);
    put(map, "contextLength", p.context_length);
    put(map, "promptTokens", p.prompt_tokens);
    put(map, "completionTokens", p.completion_tokens);
    put(map, "timeToFirstTokenMs", p.time_to_first_token_ms);
    put(map, "tokensPerSecond", p.tokens_per_second);
    put(map, "startedAt", p.started_at);
    put(map, "finishedAt", p.finished_at);
    put(map, "thinkingMs", p.thinking_ms);
    return map;
}
