#include "modelcatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

namespace hearth::server {

namespace {

// llama.cpp's gguf-split part names: <stem>-00001-of-00003.gguf.
const QRegularExpression& splitPattern() {
    static const QRegularExpression pattern(QStringLiteral("^(.*)-(\\d{5})-of-(\\d{5})$"));
    return pattern;
}

} // namespace

ModelCatalog::ModelCatalog(QString folder, QStringList extra)
    : folder_(std::move(folder)), extra_(std::move(extra)) {}

QString ModelCatalog::appModelsFolder() {
    const QString config = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    const QSettings settings(config + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return settings
        .value(QStringLiteral("models/folder"), QDir(data).filePath(QStringLiteral("models")))
        .toString();
}

InstalledModel ModelCatalog::describe(const QString& path) {
    const QFileInfo info(path);
    QString id = info.completeBaseName();
    if (const QRegularExpressionMatch m = splitPattern().match(id); m.hasMatch()) {
        id = m.captured(1);
    }
    return InstalledModel{id.toStdString(), QDir::cleanPath(info.absoluteFilePath()).toStdString(),
                          info.lastModified().toSecsSinceEpoch()};
}

std::vector<InstalledModel> ModelCatalog::list() const {
    std::vector<InstalledModel> out;
    auto add = [&out](const QString& path) {
        InstalledModel model = describe(path);
        for (const InstalledModel& known : out) {
            if (known.path == model.path || known.id == model.id) {
                return; // the same file twice, or a name already taken: the first wins
            }
        }
        out.push_back(std::move(model));
    };
    for (const QString& path : extra_) {
        add(path);
    }
    if (!folder_.isEmpty()) {
        const QFileInfoList files =
            QDir(folder_).entryInfoList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name);
        for (const QFileInfo& file : files) {
            const QRegularExpressionMatch m = splitPattern().match(file.completeBaseName());
            if (!m.hasMatch() || m.captured(2).toInt() == 1) {
                add(file.absoluteFilePath());
            }
        }
    }
    return out;
}

std::optional<InstalledModel> ModelCatalog::find(const std::string& name) const {
    for (InstalledModel& model : list()) {
        if (model.id == name ||
            QFileInfo(QString::fromStdString(model.path)).fileName().toStdString() == name) {
            return std::move(model);
        }
    }
    return std::nullopt;
}

} // namespace hearth::server
