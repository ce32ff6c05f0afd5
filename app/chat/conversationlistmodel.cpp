#include "conversationlistmodel.h"

#include "trtext.h"

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {
    // A reset rather than dataChanged: a list view lays out its section headings again
    // only then. Language changes are rare.
    whenLanguageChanges(this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = rows_[size_t(index.row())];
    switch (role) {
    case IdRole:
        return qint64(row.conversation.id);
    case Qt::DisplayRole:
    case TitleRole:
        return QString::fromStdString(row.conversation.title);
    case PinnedRole:
        return row.conversation.pinned;
    case SectionRole:
        return tr(row.section); // in the language in use now
    case UpdatedAtRole:
        return QDateTime::fromMSecsSinceEpoch(row.conversation.updated_at);
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"},
            {TitleRole, "title"},
            {PinnedRole, "pinned"},
            {SectionRole, "section"},
            {UpdatedAtRole, "updatedAt"}};
}

void ConversationListModel::setConversations(std::vector<hearth::storage::Conversation> rows,
                                             const QDateTime& now) {
    const int old_count = count();
    beginResetModel();
    rows_.clear();
    rows_.reserve(rows.size());
    for (hearth::storage::Conversation& c : rows) {
        const char* section =
            sectionSource(c.pinned, QDateTime::fromMSecsSinceEpoch(c.updated_at), now);
        rows_.push_back({std::move(c), section});
    }
    endResetModel();
    if (count() != old_count) {
        emit countChanged();
    }
}

int ConversationListModel::indexOf(qint64 id) const {
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].conversation.id == id) {
            return int(i);
        }
    }
    return -1;
}

QString ConversationListModel::title(qint64 id) const {
    const int row = indexOf(id);
    return row < 0 ? QString() : QString::fromStdString(rows_[size_t(row)].conversation.title);
}

QString ConversationListModel::sectionFor(bool pinned, const QDateTime& updated,
                                          const QDateTime& now) {
    return tr(sectionSource(pinned, updated, now));
}

const char* ConversationListModel::sectionSource(bool pinned, const QDateTime& updated,
                                                 const QDateTime& now) {
    if (pinned) {
        return QT_TR_NOOP("Pinned");
    }
    const qint64 days = updated.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 0) {
        return QT_TR_NOOP("Today"); // also a clock set back: never "in the future"
    }
    if (days == 1) {
        return QT_TR_NOOP("Yesterday");
    }
    if (days <= 7) {
        return QT_TR_NOOP("Previous 7 days");
    }
    return QT_TR_NOOP("Older");
}

qint64 ConversationListModel::idAt(int row) const {
    return row >= 0 && row < count() ? qint64(rows_[size_t(row)].conversation.id) : 0;
}
