#include "composerattachments.h"

#include "attachmentprompt.h"
#include "generator.h"
#include "modelcontroller.h"

#include <QClipboard>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QMimeData>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <limits>

using hearth::storage::AttachmentKind;

namespace {

AttachmentKind storedKind(DocumentKind kind) {
    switch (kind) {
    case DocumentKind::Markdown:
        return AttachmentKind::Markdown;
    case DocumentKind::SourceCode:
        return AttachmentKind::Code;
    case DocumentKind::Pdf:
        return AttachmentKind::Pdf;
    case DocumentKind::Html:
        return AttachmentKind::Html;
    case DocumentKind::PlainText:
        break;
    }
    return AttachmentKind::Text;
}

std::vector<std::string> utf8Pages(const DocumentText& document) {
    std::vector<std::string> pages;
    pages.reserve(size_t(document.pages.size()));
    for (const DocumentPage& page : document.pages) {
        pages.push_back(page.text.toStdString());
    }
    return pages;
}

// The block the model will read for this file (attachmentprompt.h).
QString promptBlock(const QString& fileName, const DocumentText& document) {
    const AttachmentText text{fileName.toStdString(), storedKind(document.kind),
                              utf8Pages(document)};
    return QString::fromStdString(attachmentBlock(text));
}

// About four bytes of UTF-8 per token for English and code, about one token per character
// for CJK (three bytes): shown with "about" until the model counts.
int estimateTokens(const QString& text) {
    qsizetype cjk = 0;
    for (const QChar c : text) {
        cjk += c.unicode() >= 0x2E80 && c.unicode() < 0xD800;
    }
    const qsizetype rest = text.toUtf8().size() - 3 * cjk;
    return int(std::min<qsizetype>(cjk + (rest + 3) / 4, std::numeric_limits<int>::max()));
}

} // namespace

ComposerAttachments::ComposerAttachments(ModelController* models, QObject* parent)
    : QAbstractListModel(parent), models_(models) {
    connect(models_->generator(), &Generator::tokensCounted, this, &ComposerAttachments::onCounted);
    connect(models_, &ModelController::modelChanged, this, &ComposerAttachments::recountAll);
}

int ComposerAttachments::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ComposerAttachments::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = rows_[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case FileNameRole:
        return row.fileName;
    case PagesRole:
        return int(row.document.pages.size());
    case TokensRole:
        return row.tokens;
    case EstimatedRole:
        return row.estimated;
    case ReadingRole:
        return row.reading;
    default:
        return {};
    }
}

QHash<int, QByteArray> ComposerAttachments::roleNames() const {
    return {{FileNameRole, "fileName"},
            {PagesRole, "pages"},
            {TokensRole, "tokens"},
            {EstimatedRole, "estimated"},
            {ReadingRole, "reading"}};
}

int ComposerAttachments::totalTokens() const {
    qint64 total = 0;
    for (const Row& row : rows_) {
        total += std::max(row.tokens, 0);
    }
    return int(std::min<qint64>(total, std::numeric_limits<int>::max()));
}

bool ComposerAttachments::estimated() const {
    return std::any_of(rows_.begin(), rows_.end(), [](const Row& r) { return r.estimated; });
}

bool ComposerAttachments::busy() const {
    return std::any_of(rows_.begin(), rows_.end(), [](const Row& r) { return r.reading; });
}

void ComposerAttachments::addFiles(const QList<QUrl>& urls) {
    for (const QUrl& url : urls) {
        const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
        Row row;
        row.fileName = QFileInfo(path).fileName();
        row.sourcePath = QFileInfo(path).absoluteFilePath();
        start(std::move(row));
    }
}

void ComposerAttachments::addText(const QString& text, const QString& fileName) {
    Row row;
    row.fileName = fileName.isEmpty() ? tr("Pasted text.txt") : fileName;
    row.document.kind = documentKindForName(row.fileName) == DocumentKind::Markdown
                            ? DocumentKind::Markdown
                            : DocumentKind::PlainText;
    start(std::move(row));
    // Pasted text is already text: it goes through the same checks from its UTF-8.
    const QByteArray bytes = text.toUtf8();
    onRead(rows_.back().id, extractDocumentBytes(bytes, rows_.back().fileName));
}

bool ComposerAttachments::pasteFromClipboard() {
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (mime == nullptr) {
        return false;
    }
    if (mime->hasUrls()) {
        QList<QUrl> files;
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile()) {
                files.append(url);
            }
        }
        if (!files.isEmpty()) {
            addFiles(files);
            return true;
        }
    }
    if (mime->hasText() && mime->text().size() > kLongPaste) {
        addText(mime->text());
        return true;
    }
    return false;
}

void ComposerAttachments::remove(int row) {
    if (row < 0 || row >= count()) {
        return;
    }
    beginRemoveRows({}, row, row);
    rows_.erase(rows_.begin() + row);
    endRemoveRows();
    emit countChanged();
    emit tokensChanged();
}

void ComposerAttachments::clear() {
    if (rows_.empty()) {
        return;
    }
    beginResetModel();
    rows_.clear();
    endResetModel();
    emit countChanged();
    emit tokensChanged();
}

std::vector<hearth::storage::NewAttachment> ComposerAttachments::forMessage() const {
    std::vector<hearth::storage::NewAttachment> files;
    if (busy()) {
        return files;
    }
    for (const Row& row : rows_) {
        hearth::storage::NewAttachment a;
        a.info.file_name = row.fileName.toStdString();
        a.info.kind = storedKind(row.document.kind);
        if (row.document.title != row.fileName) {
            a.info.title = row.document.title.toStdString();
        }
        if (!row.sourcePath.isEmpty()) {
            a.info.source_path = row.sourcePath.toStdString();
        }
        if (!row.estimated) {
            a.info.tokens = row.tokens;
        }
        a.pages = utf8Pages(row.document);
        files.push_back(std::move(a));
    }
    return files;
}

void ComposerAttachments::start(Row row) {
    row.id = nextId_++;
    const int at = count();
    beginInsertRows({}, at, at);
    rows_.push_back(row);
    endInsertRows();
    emit countChanged();
    emit tokensChanged();
    if (row.sourcePath.isEmpty()) {
        return; // text: read by the caller
    }
    auto* watcher = new QFutureWatcher<DocumentResult>(this);
    const quint64 id = row.id;
    connect(watcher, &QFutureWatcher<DocumentResult>::finished, this, [this, watcher, id] {
        onRead(id, watcher->result());
        watcher->deleteLater();
    });
    const QString path = row.sourcePath;
    watcher->setFuture(QtConcurrent::run([path] { return extractDocument(path); }));
}

void ComposerAttachments::onRead(quint64 id, const DocumentResult& result) {
    const int at = rowOf(id);
    if (at < 0) {
        return; // removed while it was read
    }
    if (!result) {
        const DocumentError error = result.error();
        remove(at);
        emit refused(TrText(error.message()));
        return;
    }
    Row& row = rows_[size_t(at)];
    row.document = result.value();
    count(row);
    changed(at);
}

void ComposerAttachments::count(Row& row) {
    const QString block = promptBlock(row.fileName, row.document);
    row.tokens = estimateTokens(block);
    row.estimated = true;
    if (models_->ready()) {
        row.reading = true;
        QMetaObject::invokeMethod(models_->generator(), &Generator::countTokens,
                                  Qt::QueuedConnection, row.id, block);
    } else {
        row.reading = false;
    }
}

void ComposerAttachments::onCounted(quint64 id, int tokens) {
    const int at = rowOf(id);
    if (at < 0) {
        return;
    }
    Row& row = rows_[size_t(at)];
    row.reading = false;
    if (tokens >= 0) {
        row.tokens = tokens;
        row.estimated = false;
        const int context = models_->contextSize();
        if (context > 0 && tokens >= context) {
            const QString name = row.fileName;
            remove(at);
            emit refused(TrText(
                staticMetaObject.className(),
                QT_TR_NOOP("%1 is too long for this model: %2 tokens, and the model reads %3 "
                           "at once. Use a model with a longer context, attach fewer pages, "
                           "or add the file to a document collection to search it instead."),
                {name, QLocale().toString(tokens), QLocale().toString(context)}));
            return;
        }
    }
    changed(at);
}

void ComposerAttachments::recountAll() {
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (!rows_[i].document.pages.isEmpty()) {
            count(rows_[i]);
            changed(int(i));
        }
    }
}

int ComposerAttachments::rowOf(quint64 id) const {
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].id == id) {
            return int(i);
        }
    }
    return -1;
}

void ComposerAttachments::changed(int row) {
    const QModelIndex index = this->index(row);
    emit dataChanged(index, index, {PagesRole, TokensRole, EstimatedRole, ReadingRole});
    emit tokensChanged();
}
