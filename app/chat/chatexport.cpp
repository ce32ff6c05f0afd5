// ChatController: exporting conversations from the window (the dialog's start folder, the
// file names it will write, and the export itself on a worker thread).
#include "chatcontroller.h"
#include "localpath.h"
#include "transferjob.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <algorithm>

QString ChatController::exportFolder() const {
    // The folder used last; else Documents, else home. Never the folder Hearth was started
    // from, which a file dialog falls back to.
    const QString last = settings_->value("export/folder").toString();
    if (!last.isEmpty() && QFileInfo(last).isDir()) {
        return QDir::toNativeSeparators(last);
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir::toNativeSeparators(
        !documents.isEmpty() && QFileInfo(documents).isDir() ? documents : QDir::homePath());
}

QUrl ChatController::folderUrl(const QString& path) const {
    return QUrl::fromLocalFile(QDir::fromNativeSeparators(localPath(path)));
}

QString ChatController::folderPath(const QUrl& url) const {
    return QDir::toNativeSeparators(url.isLocalFile() ? url.toLocalFile() : url.toString());
}

QUrl ChatController::parentFolderUrl(const QString& path) const {
    QDir dir(QDir::fromNativeSeparators(localPath(path)));
    return QUrl::fromLocalFile(dir.cdUp() ? dir.path() : QDir::rootPath());
}

QStringList ChatController::exportFiles(qint64 id, Export::Format format) {
    if (!store_) {
        return {};
    }
    if (id <= 0 && format == Export::Json) {
        return {QStringLiteral("hearth-conversations.json")};
    }
    QStringList names;
    auto add = [&](const hearth::storage::Conversation& c) {
        names << ::exportFileName(c, format);
    };
    if (id > 0) {
        auto c = store_->conversation(id);
        if (c) {
            add(*c);
        }
    } else if (auto all = store_->list_conversations(
                   {hearth::storage::ConversationFilter::Archived::Include, std::nullopt})) {
        std::for_each(all->begin(), all->end(), add);
    }
    return names;
}

QString ChatController::exportFileName(qint64 id, Export::Format format) {
    const QStringList names = exportFiles(id, format);
    return names.size() == 1 ? names.first() : QString();
}

bool ChatController::exportReplaces(qint64 id, Export::Format format, const QString& folder) {
    const QDir dir(localPath(folder));
    const QStringList names = exportFiles(id, format);
    return std::any_of(names.begin(), names.end(),
                       [&](const QString& name) { return QFileInfo::exists(dir.filePath(name)); });
}

bool ChatController::exportConversation(qint64 id, Export::Format format, Export::Scope scope,
                                        const QString& folder) {
    if (databasePath_.isEmpty()) {
        return false;
    }
    const QString target = localPath(folder);
    const std::optional<int64_t> which = id > 0 ? std::optional<int64_t>(id) : std::nullopt;
    if (!transfers_->startExport(which, format, scope, target)) {
        return false;
    }
    settings_->setValue("export/folder", target);
    emit exportFolderChanged();
    exportTarget_ = target;
    return true;
}

void ChatController::onExportFinished(bool ok, bool cancelled, const QString& why,
                                      const QStringList& files) {
    if (cancelled) {
        setNotice(TrText(staticMetaObject.className(), QT_TR_NOOP("The export was cancelled."), {}),
                  true);
    } else if (!ok) {
        setNotice(TrText(staticMetaObject.className(), QT_TR_NOOP("The export failed: %1"), {why}));
    } else if (files.size() == 1) {
        // Named in full, so the user can find it; the notice then goes by itself.
        setNotice(TrText(staticMetaObject.className(), QT_TR_NOOP("Exported to %1."),
                         {QDir::toNativeSeparators(files.first())}),
                  true);
    } else {
        setNotice(TrText(staticMetaObject.className(),
                         QT_TR_N_NOOP("Exported %n conversation(s) to %1."),
                         {QDir::toNativeSeparators(exportTarget_)}, int(files.size())),
                  true);
    }
}
