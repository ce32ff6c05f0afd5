// Paths as QML hands them over: file dialogs give file:// URLs, text fields and settings give
// paths. One conversion for every place that accepts either.
#pragma once

#include <QString>

// A file:// URL's local path; anything else is taken to be a path already and kept as it is.
QString localPath(const QString& pathOrUrl);
// localPath() made absolute and clean (no "." or "..", no doubled separators).
QString absoluteLocalPath(const QString& pathOrUrl);
