// What an export writes, as one enum from QML (Export.Pdf, Export.AllBranches) through
// ChatController and TransferJob to exportConversations(); the command line maps its names
// ("md", "html", ...) onto it with exportFormatFromName().
//
// Why this header is compiled by moc in hearth_core, not hearth_export: the QML module
// registers the namespace from its own sources (app/chat/CMakeLists.txt lists this file), and
// hearth_export, which the command line and the storage tests link without Qt Quick, only
// uses the values, never the meta-object.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace Export {
Q_NAMESPACE
QML_ELEMENT

enum Format {
    Markdown,
    Html,
    Pdf, // needs a QGuiApplication (fonts): the app, not the command line
    Json,
    Text,
};
Q_ENUM_NS(Format)

// Which messages the readable formats (Markdown, HTML, PDF, text) show; JSON keeps all.
enum Scope {
    ShownBranch, // the path the app shows
    AllBranches, // every version, in tree order, numbered ("Answer, version 2 of 3")
};
Q_ENUM_NS(Scope)

} // namespace Export

using ExportFormat = Export::Format;
using ExportScope = Export::Scope;
