// hearth: the desktop app. Opens the main window from the Hearth.Ui QML module.
//   hearth                     run the app
//   hearth --version, --help   print the version or the options (no display needed)
//   hearth --screenshot FILE   render the window offscreen to a PNG and quit
//   hearth --first-frame       open the window, report the time to its first frame, quit
//   hearth --close-after MS    (tests, not in --help) close the window after MS ms
//   hearth export ... / import ...   command-line subcommands, no window (app/cli)
//   hearth serve ...           the OpenAI-compatible local server, no window (app/server)
#include "clicommands.h"
#include "databasepath.h"
#include "languages.h"
#include "modelcontroller.h"
#include "offlinenetwork.h"
#include "screenshot.h"
#include "servecommand.h"
#include "singleinstance.h"
#include "terminationsignals.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

namespace {

bool has_argument(int argc, char** argv, const char* name) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return true;
        }
    }
    return false;
}

// Without QT_QPA_PLATFORM, Qt picks Wayland or X11 and aborts when neither is reachable.
bool has_display() {
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("DISPLAY");
}

struct Options {
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the window to a PNG file and quit."),
                                  QStringLiteral("file")};
    QCommandLineOption first_frame{
        QStringLiteral("first-frame"),
        QStringLiteral("Quit after the first frame and print the time it took.")};
    // For tests: closes the window after this many milliseconds, as its close button does.
    QCommandLineOption close_after{QStringLiteral("close-after"),
                                   QStringLiteral("Close the window after this many ms."),
                                   QStringLiteral("ms")};
    QCommandLineOption theme{QStringLiteral("theme"),
                             QStringLiteral("Colour scheme: system, light or dark."),
                             QStringLiteral("scheme"), QStringLiteral("system")};

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(
            QStringLiteral("Private, offline chat with open-weight models.\n"
                           "Conversations and settings stay on this computer. For the terminal "
                           "(chat, export, import) see hearth-cli and `hearth export --help`.\n"
                           "`hearth serve [--model FILE] [--host ADDRESS] [--port PORT] "
                           "[--api-key KEY]` serves the models to other programs through an "
                           "OpenAI-compatible API, without a window (`hearth serve --help`)."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({screenshot, first_frame, theme});
        QCommandLineOption hidden = close_after;
        hidden.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(hidden);
    }
};

} // namespace

int main(int argc, char** argv) {
    if (hearth::server::isServeCommand(argc, argv)) {
        return hearth::server::runServe(argc, argv);
    }
    if (hearth::cli::isCommand(argc, argv)) {
        return hearth::cli::run(argc, argv);
    }
    // --help, --version and mistyped options only print: answered before any window system is
    // touched, so they work without a display.
    const Options options;
    QCommandLineParser check;
    options.addTo(check);
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    if (!check.parse(arguments) || check.isSet(QStringLiteral("help")) ||
        check.isSet(QStringLiteral("help-all")) || check.isSet(QStringLiteral("version"))) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
        QCoreApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
        QCommandLineParser parser;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    QElapsedTimer started;
    started.start();
    // A screenshot needs no display: render offscreen with the software scene graph unless
    // the caller chose a platform, so it works on a build machine without GPU or X server.
    if (has_argument(argc, argv, "--screenshot") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    if (qgetenv("QT_QPA_PLATFORM") == "offscreen" &&
        qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND")) {
        qputenv("QT_QUICK_BACKEND", "software");
    }

    if (!has_display()) {
        std::fprintf(stderr, "hearth: no display to open a window on (neither WAYLAND_DISPLAY "
                             "nor DISPLAY is set). Start Hearth from your desktop, or chat in "
                             "a terminal with hearth-cli.\n");
        return 1;
    }

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.hearth.Hearth"));

    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);

    Languages::applySaved(); // before any text is made
    SingleInstance instance(defaultDatabasePath());
    switch (instance.claim()) {
    case SingleInstance::Claim::First:
        break;
    case SingleInstance::Claim::Raised:
        std::printf(
            "%s\n",
            qPrintable(QCoreApplication::translate(
                "main", "Hearth is already running: its window was brought to the front.")));
        return 0;
    case SingleInstance::Claim::Refused:
        std::fprintf(stderr, "hearth: %s\n", qPrintable(instance.message()));
        return 1;
    }
    OfflineNetworkFactory offline; // outlives the engine that uses it
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->setNetworkAccessManagerFactory(&offline);
    QObject::connect(
        engine.get(), &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine->loadFromModule("Hearth.Ui", "Main");
    if (engine->rootObjects().isEmpty()) {
        return 1;
    }
    QObject* theme_singleton = engine->singletonInstance<QObject*>("Hearth.Ui", "Theme");
    if (theme_singleton != nullptr && parser.isSet(options.theme)) {
        theme_singleton->setProperty("scheme", parser.value(options.theme));
    }
    auto* window = qobject_cast<QQuickWindow*>(engine->rootObjects().constFirst());
    if (window == nullptr) {
        std::fprintf(stderr, "hearth: the main QML object is not a window\n");
        return 1;
    }

    QObject::connect(&instance, &SingleInstance::raiseRequested, window, [window] {
        window->show();
        window->raise();
        window->requestActivate();
    });

    if (parser.isSet(options.screenshot)) {
        new Screenshot(window, parser.value(options.screenshot), &app);
    } else if (parser.isSet(options.first_frame)) {
        QObject::connect(
            window, &QQuickWindow::frameSwapped, &app,
            [&started] {
                std::printf("first frame after %lld ms\n",
                            static_cast<long long>(started.elapsed()));
                QCoreApplication::quit();
            },
            Qt::SingleShotConnection);
    }
    // Logout, shutdown or Ctrl+C in a terminal end the app as its close button does.
    const TerminationSignals termination([window = QPointer<QQuickWindow>(window)] {
        if (window) {
            window->close();
        }
    });
    if (parser.isSet(options.close_after)) {
        QTimer::singleShot(parser.value(options.close_after).toInt(), window,
                           [window] { window->close(); });
    }
    const int code = QGuiApplication::exec();
    // The window and its singletons go first: they save what the user was doing (the
    // answer streaming in, the downloads' state) and stop their workers.
    engine.reset();
    if (ModelController::workersLeftRunning()) {
        // The inference worker is still inside a step it cannot leave (a big model's
        // upload). Everything of the user's is written and closed; the library destructors
        // that would run now could pull the memory from under that worker, so the process
        // ends here instead.
        instance.release();
        std::fflush(nullptr);
        std::_Exit(code);
    }
    return code;
}
