#include "servecommand.h"

#include "apiserver.h"
#include "modelcatalog.h"
#include "pipelineengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cstdio>
#include <cstring>

namespace hearth::server {

namespace {

constexpr int kFailed = 1;
constexpr int kUsage = 2;

struct Options {
    QCommandLineOption model{QStringLiteral("model"),
                             QStringLiteral("The model to load at the start (a .gguf file); "
                                            "default: the first one in the models folder."),
                             QStringLiteral("file")};
    QCommandLineOption host{QStringLiteral("host"),
                            QStringLiteral("Address to listen on; any but 127.0.0.1 or ::1 "
                                           "needs --api-key."),
                            QStringLiteral("address"), QStringLiteral("127.0.0.1")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("Port to listen on."),
                            QStringLiteral("port"), QStringLiteral("8080")};
    QCommandLineOption apiKey{QStringLiteral("api-key"),
                              QStringLiteral("Require \"Authorization: Bearer KEY\" (also from "
                                             "HEARTH_API_KEY)."),
                              QStringLiteral("key")};
    QCommandLineOption allowOrigin{QStringLiteral("allow-origin"),
                                   QStringLiteral("Let web pages of this origin (or *) call the "
                                                  "server (CORS); default: none."),
                                   QStringLiteral("origin")};
    QCommandLineOption context{QStringLiteral("context"),
                               QStringLiteral("Context length in tokens (at most the model's)."),
                               QStringLiteral("tokens"), QStringLiteral("4096")};
    QCommandLineOption backend{QStringLiteral("backend"), QStringLiteral("auto, cpu or vulkan."),
                               QStringLiteral("backend"), QStringLiteral("auto")};
    QCommandLineOption queue{QStringLiteral("queue"),
                             QStringLiteral("Requests that may wait (more: 503)."),
                             QStringLiteral("n"), QStringLiteral("32")};
    QCommandLineOption maxTokens{QStringLiteral("max-tokens"),
                                 QStringLiteral("The largest max_tokens a request may ask for, "
                                                "and the default."),
                                 QStringLiteral("n"), QStringLiteral("4096")};

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(
            QStringLiteral("Serve the local models through an OpenAI-compatible API "
                           "(base URL http://127.0.0.1:8080/v1), without a window."));
        parser.addHelpOption();
        parser.addOptions(
            {model, host, port, apiKey, allowOrigin, context, backend, queue, maxTokens});
    }
};

bool positive(const QString& text, int lo, int hi, int* out) {
    bool ok = false;
    *out = text.toInt(&ok);
    return ok && *out >= lo && *out <= hi;
}

} // namespace

bool isServeCommand(int argc, char** argv) {
    return argc >= 2 && std::strcmp(argv[1], "serve") == 0;
}

int runServe(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Hearth")); // the app's folders
    QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    const Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1);     // "serve"
    parser.process(arguments); // --help prints and exits; unknown options exit with 1

    auto usage = [](const QString& problem) {
        std::fprintf(stderr, "hearth serve: %s\n", qPrintable(problem));
        return kUsage;
    };
    ServerOptions server;
    server.host = QHostAddress(parser.value(options.host));
    if (server.host.isNull()) {
        return usage(QStringLiteral("--host wants an IP address, such as 127.0.0.1"));
    }
    int port = 0, context = 0, queue = 0, maxTokens = 0;
    if (!positive(parser.value(options.port), 0, 65535, &port) ||
        !positive(parser.value(options.context), 256, 1 << 20, &context) ||
        !positive(parser.value(options.queue), 1, 4096, &queue) ||
        !positive(parser.value(options.maxTokens), 1, 1 << 20, &maxTokens)) {
        return usage(QStringLiteral("--port, --context, --queue and --max-tokens want numbers"));
    }
    server.port = quint16(port);
    server.queueCapacity = queue;
    server.limits.max_tokens = maxTokens;
    server.apiKey = parser.isSet(options.apiKey) ? parser.value(options.apiKey)
                                                 : qEnvironmentVariable("HEARTH_API_KEY");
    server.allowedOrigin = parser.value(options.allowOrigin);

    QStringList extra;
    if (parser.isSet(options.model)) {
        const QFileInfo file(parser.value(options.model));
        if (!file.isFile()) {
            std::fprintf(stderr, "hearth serve: there is no model file at %s\n",
                         qPrintable(file.filePath()));
            return kFailed;
        }
        extra << file.absoluteFilePath();
    }
    auto catalog = std::make_shared<ModelCatalog>(ModelCatalog::appModelsFolder(), extra);
    const std::vector<InstalledModel> installed = catalog->list();
    if (installed.empty()) {
        std::fprintf(stderr,
                     "hearth serve: no model to serve: name one with --model FILE, or "
                     "add one to %s\n",
                     qPrintable(ModelCatalog::appModelsFolder()));
        return kFailed;
    }
    EngineOptions engine;
    engine.backend = parser.value(options.backend).toStdString();
    engine.context_length = context;
    // The app's caches (as ChatController keeps them): compiled Vulkan pipelines, and the
    // measured speeds that let "auto" skip its probe after the first load of a model.
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (QDir().mkpath(cache)) {
        engine.pipeline_cache = (cache + QStringLiteral("/vulkan-pipelines.bin")).toStdString();
        engine.probe_cache = (cache + QStringLiteral("/backend-speeds.tsv")).toStdString();
    }
    ApiServer api(server, std::make_unique<PipelineEngine>(engine),
                  [catalog] { return catalog->list(); });
    const InstalledModel& first = installed.front();
    if (Result<void> loaded = api.queue().preload(first); !loaded) {
        std::fprintf(stderr, "hearth serve: cannot load %s: %s\n", first.path.c_str(),
                     loaded.error().message.c_str());
        return kFailed;
    }
    QString problem;
    if (!api.listen(&problem)) {
        std::fprintf(stderr, "hearth serve: %s\n", qPrintable(problem));
        return kFailed;
    }
    QObject::connect(
        &api, &ApiServer::requestLogged,
        [](const QString& method, const QString& path, int status, const QDateTime& time) {
            std::fprintf(stderr, "%s %s %s %d\n", qPrintable(time.toString(Qt::ISODate)),
                         qPrintable(method), qPrintable(path), status);
        });
    std::printf("Hearth serves %s at %s\n", first.id.c_str(), qPrintable(api.baseUrl().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace hearth::server
