#include "partialdownload.h"

#include "catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace {

const QString kPartSuffix = QStringLiteral(".part");
const QString kSidecarSuffix = QStringLiteral(".part.json");
constexpr qint64 kMaxSidecarBytes = 64 * 1024;

bool isHexSha256(const QByteArray& value) {
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(QString::fromLatin1(value)).hasMatch();
}

hearth::Error invalid(const QString& path, const char* what) {
    return hearth::Error{QStringLiteral("%1: %2").arg(path, QLatin1String(what)).toStdString()};
}

} // namespace

QString partialFolder(const QString& modelsFolder) {
    return QDir(modelsFolder).filePath(QStringLiteral(".partial"));
}

QString partialDataPath(const QString& modelsFolder, const QString& fileName) {
    return QDir(partialFolder(modelsFolder)).filePath(fileName + kPartSuffix);
}

QString partialSidecarPath(const QString& modelsFolder, const QString& fileName) {
    return QDir(partialFolder(modelsFolder)).filePath(fileName + kSidecarSuffix);
}

hearth::Result<void> savePartial(const QString& modelsFolder, const PartialDownload& p) {
    if (!QDir().mkpath(partialFolder(modelsFolder))) {
        return hearth::Error{
            QStringLiteral("cannot create %1").arg(partialFolder(modelsFolder)).toStdString()};
    }
    const QJsonObject object{
        {QStringLiteral("format"), QStringLiteral("hearth-partial")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("url"), p.url.toString(QUrl::FullyEncoded)},
        {QStringLiteral("fileName"), p.fileName},
        {QStringLiteral("catalogId"), p.catalogId},
        {QStringLiteral("expectedSize"), double(p.expectedSize)},
        {QStringLiteral("sizeApproximate"), p.sizeApproximate},
        {QStringLiteral("sha256"), QString::fromLatin1(p.sha256)},
        {QStringLiteral("serverSha256"), QString::fromLatin1(p.serverSha256)},
        {QStringLiteral("validator"), QString::fromLatin1(p.validator)},
        {QStringLiteral("bytesDone"), double(p.bytesDone)},
        {QStringLiteral("paused"), p.paused},
        {QStringLiteral("failed"), p.failed},
        {QStringLiteral("offline"), p.offline},
    };
    QSaveFile file(partialSidecarPath(modelsFolder, p.fileName));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        return hearth::Error{QStringLiteral("cannot write %1: %2")
                                 .arg(file.fileName(), file.errorString())
                                 .toStdString()};
    }
    return {};
}

hearth::Result<PartialDownload> loadPartial(const QString& sidecarPath) {
    QFile file(sidecarPath);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxSidecarBytes) {
        return invalid(sidecarPath, "cannot be read");
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("hearth-partial") ||
        o.value(QStringLiteral("version")).toInt() != 1) {
        return invalid(sidecarPath, "is not a Hearth download record");
    }
    PartialDownload p;
    p.url = QUrl(o.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    p.fileName = o.value(QStringLiteral("fileName")).toString();
    p.catalogId = o.value(QStringLiteral("catalogId")).toString();
    p.expectedSize = qint64(o.value(QStringLiteral("expectedSize")).toDouble(-1));
    p.sizeApproximate = o.value(QStringLiteral("sizeApproximate")).toBool();
    p.sha256 = o.value(QStringLiteral("sha256")).toString().toLatin1();
    p.serverSha256 = o.value(QStringLiteral("serverSha256")).toString().toLatin1();
    p.validator = o.value(QStringLiteral("validator")).toString().toLatin1();
    p.bytesDone = qint64(o.value(QStringLiteral("bytesDone")).toDouble(0));
    p.paused = o.value(QStringLiteral("paused")).toBool();
    p.failed = o.value(QStringLiteral("failed")).toBool(); // absent in older records
    p.offline = o.value(QStringLiteral("offline")).toBool();
    // The record names the file it belongs to; a copied or edited sidecar must not redirect
    // a download into another file.
    if (!p.url.isValid() || p.url.scheme() != QLatin1String("https") ||
        !isSafeModelFileName(p.fileName) ||
        QFileInfo(sidecarPath).fileName() != p.fileName + kSidecarSuffix) {
        return invalid(sidecarPath, "names an unsafe address or file");
    }
    if ((!p.sha256.isEmpty() && !isHexSha256(p.sha256)) ||
        (!p.serverSha256.isEmpty() && !isHexSha256(p.serverSha256)) || p.bytesDone < 0 ||
        p.expectedSize < -1 || p.validator.size() > 512) {
        return invalid(sidecarPath, "holds invalid values");
    }
    return p;
}

QList<PartialDownload> loadPartials(const QString& modelsFolder) {
    QList<PartialDownload> out;
    const QDir dir(partialFolder(modelsFolder));
    const QStringList sidecars =
        dir.entryList({QStringLiteral("*") + kSidecarSuffix}, QDir::Files, QDir::Name);
    for (const QString& name : sidecars) {
        hearth::Result<PartialDownload> p = loadPartial(dir.filePath(name));
        if (p) {
            out.append(std::move(*p));
        }
    }
    return out;
}

void removePartial(const QString& modelsFolder, const QString& fileName) {
    QFile::remove(partialDataPath(modelsFolder, fileName));
    QFile::remove(partialSidecarPath(modelsFolder, fileName));
}

QByteArray sha256FromEtag(const QByteArray& etag) {
    QByteArray value = etag.trimmed();
    if (value.startsWith("W/")) {
        value = value.mid(2);
    }
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
        value = value.mid(1, value.size() - 2);
    }
    value = value.toLower();
    return isHexSha256(value) ? value : QByteArray();
}
