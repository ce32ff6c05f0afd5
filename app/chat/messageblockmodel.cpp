#include "messageblockmodel.h"

namespace {

// A prose block as Markdown that keeps the model's single line breaks (a poem, an address,
// lines of a list without bullets): Markdown would join them into one line, while the HTML
// and text exports keep them. Two trailing spaces make a hard break; blank lines (paragraph
// ends) and the block's last line are left as they are, where a hard break means nothing.
QString withLineBreaks(const QString& prose) {
    if (!prose.contains(u'\n')) {
        return prose;
    }
    const QStringList lines = prose.split(u'\n');
    QString out;
    out.reserve(prose.size() + 2 * lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i + 1 < lines.size()) {
            const bool breaks = !lines[i].trimmed().isEmpty() &&
                                !lines[i + 1].trimmed().isEmpty() &&
                                !lines[i].endsWith(QLatin1String("  "));
            out += breaks ? QStringLiteral("  \n") : QStringLiteral("\n");
        }
    }
    return out;
}

} // namespace

MessageBlockModel::MessageBlockModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageBlockModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant MessageBlockModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const MessageBlock& block = rows_[index.row()];
    switch (role) {
    case KindRole:
        switch (block.kind) {
        case MessageBlock::Kind::Code:
            return QStringLiteral("code");
        case MessageBlock::Kind::Math:
            return QStringLiteral("math");
        case MessageBlock::Kind::Prose:
            break;
        }
        return QStringLiteral("prose");
    case TextRole:
        return block.kind == MessageBlock::Kind::Prose ? withLineBreaks(block.text) : block.text;
    case LanguageRole:
        return block.language;
    case ClosedRole:
        return block.closed;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageBlockModel::roleNames() const {
    // "blockText", not "text": delegates are text items whose own `text` must stay free.
    return {{KindRole, "kind"},
            {TextRole, "blockText"},
            {LanguageRole, "language"},
            {ClosedRole, "closed"}};
}

void MessageBlockModel::setText(const QString& text) {
    if (text == text_) {
        return;
    }
    if (text.startsWith(text_) && !text_.isEmpty()) { // streaming: only the new part
        appendText(text.sliced(text_.size()));
        return;
    }
    beginResetModel();
    splitter_ = BlockSplitter();
    splitter_.append(text);
    rows_ = splitter_.blocks();
    text_ = text;
    endResetModel();
    emit textChanged();
}

void MessageBlockModel::appendText(const QString& delta) {
    if (delta.isEmpty()) {
        return;
    }
    text_ += delta;
    publish(splitter_.append(delta));
    emit textChanged();
}

void MessageBlockModel::finish() {
    publish(splitter_.finish());
}

// Brings the rows up to the splitter's blocks from `first_changed` on, with the proper model
// signals: rows that are gone or changed kind (a provisional prose row that a fence took
// back) are removed, changed rows get dataChanged with only the roles that differ, new rows
// are inserted. A row never changes kind in place, since views pick a delegate per kind.
void MessageBlockModel::publish(qsizetype first_changed) {
    if (first_changed < 0) {
        return;
    }
    const QList<MessageBlock>& blocks = splitter_.blocks();
    qsizetype keep = std::min(rows_.size(), blocks.size());
    for (qsizetype row = first_changed; row < keep; ++row) {
        if (rows_[row].kind != blocks[row].kind) {
            keep = row;
        }
    }
    if (keep < rows_.size()) {
        beginRemoveRows({}, int(keep), int(rows_.size() - 1));
        rows_.resize(keep);
        endRemoveRows();
    }
    for (qsizetype row = first_changed; row < rows_.size(); ++row) {
        QList<int> roles;
        MessageBlock& a = rows_[row];
        const MessageBlock& b = blocks[row];
        if (a.text != b.text) {
            roles << TextRole;
        }
        if (a.language != b.language) {
            roles << LanguageRole;
        }
        if (a.closed != b.closed) {
            roles << ClosedRole;
        }
        a = b;
        if (!roles.isEmpty()) {
            emit dataChanged(index(int(row)), index(int(row)), roles);
        }
    }
    if (blocks.size() > rows_.size()) {
        beginInsertRows({}, int(rows_.size()), int(blocks.size() - 1));
        rows_.append(blocks.mid(rows_.size()));
        endInsertRows();
    }
}
