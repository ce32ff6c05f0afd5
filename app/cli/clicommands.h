// `hearth export` and `hearth import`: backups and scripts without the window.
//
//   hearth export --format md|json|html|txt --out DIR [--conversation ID] [--db PATH]
//   hearth import FILE [--db PATH]
//
// Both use the user's database (databasepath.h) unless --db names another. Neither
// recovers interrupted answers, so they are safe to run while the app is streaming one.
// Exit status: 0 done, 1 failed (the reason on stderr), 2 wrong usage.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace hearth::cli {

// Whether argv names a subcommand ("export" or "import" as the first argument).
bool isCommand(int argc, char** argv);
// Runs it in a QCoreApplication of its own (no GUI); returns the exit status.
int run(int argc, char** argv);
// The same with an application already running: `arguments` as QCoreApplication::arguments()
// gives them (program name first).
int runCommand(const QStringList& arguments, QTextStream& out, QTextStream& err);

} // namespace hearth::cli
