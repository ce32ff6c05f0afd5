// ChatController: the files attached to sent messages, as the chat view shows them (their
// stored text, or the original file while it is still where it was read from).
#include "chatcontroller.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QUrl>

QString ChatController::attachmentText(qint64 attachmentId, const QString& kind) const {
    if (!store_) {
        return {};
    }
    // The store is not changed by reading; the accessor is not const because statements are
    // cached.
    auto pages =
        const_cast<hearth::storage::ConversationStore&>(*store_).attachment_pages(attachmentId);
    if (!pages) {
        return {};
    }
    QStringList texts;
    for (size_t i = 0; i < pages->size(); ++i) {
        const QString page = QString::fromStdString((*pages)[i]);
        texts.append(kind == QLatin1String("pdf")
                         ? tr("Page %1").arg(i + 1) + QStringLiteral("\n\n") + page
                         : page);
    }
    return texts.join(QStringLiteral("\n\n"));
}

bool ChatController::attachmentSourceExists(const QString& path) const {
    return !path.isEmpty() && QFileInfo(path).isFile();
}

bool ChatController::openAttachmentSource(const QString& path) const {
    return attachmentSourceExists(path) && QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}
