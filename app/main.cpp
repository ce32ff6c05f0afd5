// hearth: the desktop app. Opens the main window from the Hearth.Ui QML module.
//   hearth                     run the app
//   hearth --version           print the version
//   hearth --screenshot FILE   render the window offscreen to a PNG and quit
//   hearth --first-frame       open the window, report the time to its first frame, quit
//   hearth export ... / import ...   command-line subcommands, no window (app/cli)
#include "clicommands.h"
#include "languages.h"
#include "offlinenetwork.h"
#include "screenshot.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <cstring>

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

} // namespace

int main(int argc, char** argv) {
    if (hearth::cli::isCommand(argc, argv)) {
        return hearth::cli::run(argc, argv);
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

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.hearth.Hearth"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Private, offline chat with open-weight models"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to a PNG file and quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption first_frame(
        QStringLiteral("first-frame"),
        QStringLiteral("Quit after the first frame and print the time it took."));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("Colour scheme: system, light or dark."),
                                   QStringLiteral("scheme"), QStringLiteral("system"));
    parser.addOptions({screenshot, first_frame, theme});
    parser.process(app);

    Languages::applySaved();       // before any text is made
    OfflineNetworkFactory offline; // outlives the engine that uses it
    QQmlApplicationEngine engine;
    engine.setNetworkAccessManagerFactory(&offline);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.loadFromModule("Hearth.Ui", "Main");
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    QObject* theme_singleton = engine.singletonInstance<QObject*>("Hearth.Ui", "Theme");
    if (theme_singleton != nullptr && parser.isSet(theme)) {
        theme_singleton->setProperty("scheme", parser.value(theme));
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (window == nullptr) {
        std::fprintf(stderr, "hearth: the main QML object is not a window\n");
        return 1;
    }

    if (parser.isSet(screenshot)) {
        new Screenshot(window, parser.value(screenshot), &app);
    } else if (parser.isSet(first_frame)) {
        QObject::connect(
            window, &QQuickWindow::frameSwapped, &app,
            [&started] {
                std::printf("first frame after %lld ms\n",
                            static_cast<long long>(started.elapsed()));
                QCoreApplication::quit();
            },
            Qt::SingleShotConnection);
    }
    return QGuiApplication::exec();
}
