// The models the server may load: every .gguf in the app's models folder (a split model once,
// under its first part), plus files named on the command line. A request's "model" names one
// of them by id: the file name without ".gguf" (and without a split model's
// "-00001-of-0000N"), or the file name itself.
#pragma once

#include "apijson.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace hearth::server {

class ModelCatalog {
public:
    // `folder`: the models folder ("" none); `extra`: model files outside it.
    ModelCatalog(QString folder, QStringList extra);

    // The app's models folder as the app keeps it: the "models/folder" key of its settings
    // file (~/.config/Hearth/settings.ini), else <data location>/models (the same rule as
    // ModelHub; the application name must be "Hearth").
    static QString appModelsFolder();
    static InstalledModel describe(const QString& path);

    // Read from the disk at each call (a model downloaded meanwhile is found).
    std::vector<InstalledModel> list() const;
    std::optional<InstalledModel> find(const std::string& name) const;

private:
    QString folder_;
    QStringList extra_;
};

} // namespace hearth::server
