#include "localpath.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

QString localPath(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    return pathOrUrl.startsWith(QLatin1String("file:")) && url.isLocalFile() ? url.toLocalFile()
                                                                             : pathOrUrl;
}

QString absoluteLocalPath(const QString& pathOrUrl) {
    return QDir::cleanPath(QFileInfo(localPath(pathOrUrl)).absoluteFilePath());
}
