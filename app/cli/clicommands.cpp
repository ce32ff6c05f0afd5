#include "clicommands.h"

#include "exporter.h"
#include "transferjob.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <cstring>

using namespace hearth::storage;

namespace hearth::cli {

namespace {

constexpr int kFailed = 1;
constexpr int kUsage = 2;

const QString kExportUsage = QStringLiteral(
    "usage: hearth export --format md|json|html|txt --out DIR [--conversation ID] [--db PATH]");
const QString kImportUsage = QStringLiteral("usage: hearth import FILE [--db PATH]");

// Parses `arguments` (program, command, options...) or says why not.
bool parse(QCommandLineParser& parser, const QStringList& arguments, const QString& usage,
           QTextStream& err) {
    QStringList rest = arguments;
    rest.removeAt(1); // the command name
    if (!parser.parse(rest)) {
        err << "hearth: " << parser.errorText() << '\n' << usage << '\n';
        return false;
    }
    return true;
}

int exportCommand(const QStringList& arguments, QTextStream& out, QTextStream& err) {
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"), {}, QStringLiteral("format"));
    const QCommandLineOption folder(QStringLiteral("out"), {}, QStringLiteral("dir"));
    const QCommandLineOption conversation(QStringLiteral("conversation"), {}, QStringLiteral("id"));
    const QCommandLineOption db(QStringLiteral("db"), {}, QStringLiteral("path"));
    parser.addOptions({format, folder, conversation, db});
    if (!parse(parser, arguments, kExportUsage, err)) {
        return kUsage;
    }
    const std::optional<ExportFormat> chosen = exportFormatFromName(parser.value(format));
    QString problem;
    if (!parser.isSet(format)) {
        problem = QStringLiteral("--format is required");
    } else if (!chosen) {
        problem = QStringLiteral("unknown format \"%1\"").arg(parser.value(format));
    } else if (!parser.isSet(folder)) {
        problem = QStringLiteral("--out is required");
    } else if (!parser.positionalArguments().isEmpty()) {
        problem = QStringLiteral("unexpected argument \"%1\"")
                      .arg(parser.positionalArguments().constFirst());
    }
    if (!problem.isEmpty()) {
        err << "hearth: " << problem << '\n' << kExportUsage << '\n';
        return kUsage;
    }
    Result<ConversationStore> store = openUserStore(parser.value(db), StoreAccess::Export);
    if (!store) {
        err << "hearth: " << QString::fromStdString(store.error().message) << '\n';
        return kFailed;
    }
    std::optional<int64_t> id;
    if (parser.isSet(conversation)) {
        Result<int64_t> found = findConversation(*store, parser.value(conversation));
        if (!found) {
            err << "hearth: " << QString::fromStdString(found.error().message) << '\n';
            return kFailed;
        }
        id = *found;
    }
    Result<ExportOutcome> outcome = exportConversations(*store, *chosen, parser.value(folder), id);
    if (!outcome) {
        err << "hearth: " << QString::fromStdString(outcome.error().message) << '\n';
        return kFailed;
    }
    out << describeExport(*outcome, parser.value(folder)) << '\n';
    return 0;
}

int importCommand(const QStringList& arguments, QTextStream& out, QTextStream& err) {
    QCommandLineParser parser;
    const QCommandLineOption db(QStringLiteral("db"), {}, QStringLiteral("path"));
    parser.addOption(db);
    if (!parse(parser, arguments, kImportUsage, err)) {
        return kUsage;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "hearth: import takes one file\n" << kImportUsage << '\n';
        return kUsage;
    }
    const QString file = parser.positionalArguments().constFirst();
    if (!QFileInfo(file).isFile()) {
        err << "hearth: " << file << " is not a file\n";
        return kFailed;
    }
    Result<ConversationStore> store = openUserStore(parser.value(db), StoreAccess::Import);
    if (!store) {
        err << "hearth: " << QString::fromStdString(store.error().message) << '\n';
        return kFailed;
    }
    Result<ImportSummary> summary = import_json_file(*store, file.toStdString());
    if (!summary) {
        err << "hearth: cannot import " << QString::fromStdString(summary.error().message)
            << "\nNothing was imported.\n";
        return kFailed;
    }
    out << describeImport(*summary, file) << '\n';
    return 0;
}

} // namespace

bool isCommand(int argc, char** argv) {
    return argc > 1 && (std::strcmp(argv[1], "export") == 0 || std::strcmp(argv[1], "import") == 0);
}

int runCommand(const QStringList& arguments, QTextStream& out, QTextStream& err) {
    if (arguments.size() < 2) {
        err << kExportUsage << '\n' << kImportUsage << '\n';
        return kUsage;
    }
    if (arguments[1] == QLatin1String("export")) {
        return exportCommand(arguments, out, err);
    }
    if (arguments[1] == QLatin1String("import")) {
        return importCommand(arguments, out, err);
    }
    err << "hearth: unknown command \"" << arguments[1] << "\"\n";
    return kUsage;
}

int run(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    // The application name decides the data folder (databasepath.h), as in the app.
    QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return runCommand(QCoreApplication::arguments(), out, err);
}

} // namespace hearth::cli
