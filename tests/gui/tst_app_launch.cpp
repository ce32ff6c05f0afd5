// Runs the real hearth executable: --version, a screenshot of the main window in light and
// dark (PNG files under the build directory for review), one instance per database, an
// orderly end on SIGTERM and SIGINT, and a first frame on an X server (Xvfb) when xvfb-run
// is available.
#include <QColor>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

namespace {

struct Run {
    int exit_code;
    QString output;
};

Run run_app(const QString& program, const QStringList& args, int timeout_ms = 60000,
            const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        return {-1, QString::fromUtf8(process.readAll()) + "\n(timed out)"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAll())};
}

// Mean luminance of the image (0..255).
double mean_luminance(const QImage& image) {
    double sum = 0.0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            sum += qGray(image.pixel(x, y));
        }
    }
    return sum / ((image.height() / 4 + 1) * (image.width() / 4 + 1));
}

} // namespace

class TestAppLaunch : public QObject {
    Q_OBJECT

private slots:
    void printsWithoutADisplay() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) {
            env.remove(name);
        }
        Run version = run_app(HEARTH_APP, {"--version"}, 60000, env);
        QCOMPARE(version.exit_code, 0);
        QCOMPARE(version.output.trimmed(), QStringLiteral("Hearth " HEARTH_VERSION));
        Run help = run_app(HEARTH_APP, {"--help"}, 60000, env);
        QCOMPARE(help.exit_code, 0);
        QVERIFY2(help.output.contains("--screenshot"), qPrintable(help.output));
        Run typo = run_app(HEARTH_APP, {"--versoin"}, 60000, env);
        QCOMPARE(typo.exit_code, 1);
        QVERIFY2(typo.output.contains("Unknown option"), qPrintable(typo.output));
        // The window itself needs one: a sentence, not Qt's abort.
        Run window = run_app(HEARTH_APP, {}, 60000, env);
        QCOMPARE(window.exit_code, 1);
        QVERIFY2(window.output.contains("no display"), qPrintable(window.output));
    }

    // A second launch with the same conversations raises the first window and leaves; after
    // the first is killed, its stale lock does not keep the next one out.
    void oneInstancePerDatabase() {
        QTemporaryDir data, runtime;
        QVERIFY(data.isValid() && runtime.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", data.path());
        env.insert("XDG_RUNTIME_DIR", runtime.path());
        QFile::setPermissions(runtime.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcess first;
        first.setProcessEnvironment(env);
        first.setProcessChannelMode(QProcess::MergedChannels);
        first.start(HEARTH_APP, {});
        QVERIFY(first.waitForStarted());
        Run second{-1, {}};
        for (int attempt = 0; attempt < 100 && second.exit_code != 0; ++attempt) {
            QTest::qWait(200); // until the first listens
            second = run_app(HEARTH_APP, {}, 60000, env);
        }
        QCOMPARE(second.exit_code, 0);
        QVERIFY2(second.output.contains("already running"), qPrintable(second.output));
        QCOMPARE(first.state(), QProcess::Running);

        first.kill(); // no chance to remove its lock
        QVERIFY(first.waitForFinished());
        QVERIFY(QFile::exists(data.filePath("Hearth/conversations.db.lock")));
        const QString shot = QDir(data.path()).filePath("after.png");
        Run next = run_app(HEARTH_APP, {"--screenshot", shot}, 60000, env);
        QVERIFY2(next.exit_code == 0, qPrintable(next.output));
        QVERIFY(QFile::exists(shot));
    }

    // SIGTERM (logout, shutdown) and SIGINT (Ctrl+C) end the app as its close button does:
    // a normal exit that removes its lock, not death by the signal.
    void endsInOrderOnTerminationSignals_data() {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void endsInOrderOnTerminationSignals() {
        QFETCH(int, signal);
        QTemporaryDir data, runtime;
        QVERIFY(data.isValid() && runtime.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", data.path());
        env.insert("XDG_RUNTIME_DIR", runtime.path());
        QFile::setPermissions(runtime.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcess app;
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(HEARTH_APP, {});
        QVERIFY(app.waitForStarted());
        // Running (its window up) once a second launch finds it.
        Run second{-1, {}};
        for (int attempt = 0; attempt < 100 && second.exit_code != 0; ++attempt) {
            QTest::qWait(200);
            second = run_app(HEARTH_APP, {}, 60000, env);
        }
        QCOMPARE(second.exit_code, 0);
        const QString lock = data.filePath("Hearth/conversations.db.lock");
        QVERIFY(QFile::exists(lock));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(::kill(pid_t(app.processId()), signal), 0);
        QVERIFY(app.waitForFinished(10000));
        qInfo("ended %lld ms after the signal", static_cast<long long>(clock.elapsed()));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(!QFile::exists(lock));
    }

    // The real program closed (--close-after: as its close button) at moments around the
    // load of the model it loads at start (backend "auto", as a new user has it): it ends
    // normally each time, soon after the close.
    void closesWhileTheStartModelLoads_data() {
        QTest::addColumn<int>("afterMs");
        for (int ms : {0, 400, 1200, 2500}) {
            QTest::addRow("%d ms", ms) << ms;
        }
    }

    void closesWhileTheStartModelLoads() {
        QFETCH(int, afterMs);
        const QString model = HEARTH_MODELS_DIR "/tiny/tiny-qwen3-Q8_0.gguf";
        if (!QFile::exists(model)) {
            QSKIP("test models not found (HEARTH_MODELS_DIR)");
        }
        QTemporaryDir home, runtime;
        QVERIFY(home.isValid() && runtime.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            env.insert(name, home.filePath(name));
        }
        env.insert("XDG_RUNTIME_DIR", runtime.path());
        QFile::setPermissions(runtime.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QSettings settings(home.filePath("XDG_CONFIG_HOME/Hearth/settings.ini"),
                           QSettings::IniFormat);
        settings.setValue("models/imported", QStringList{model});
        settings.sync();
        QElapsedTimer clock;
        clock.start();
        Run run = run_app(HEARTH_APP, {"--close-after", QString::number(afterMs)}, 60000, env);
        qInfo("ended %lld ms after the start", static_cast<long long>(clock.elapsed()));
        QVERIFY2(run.exit_code == 0, qPrintable(run.output));
        QVERIFY(!QFile::exists(home.filePath("XDG_DATA_HOME/Hearth/conversations.db.lock")));
    }

    void rendersScreenshots_data() {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("light") << "light";
        QTest::newRow("dark") << "dark";
    }

    void rendersScreenshots() {
        QFETCH(QString, scheme);
        const QString path = QDir(HEARTH_TEST_OUTPUT_DIR).filePath("main-" + scheme + ".png");
        QFile::remove(path);
        Run run = run_app(HEARTH_APP, {"--screenshot", path, "--theme", scheme});
        QVERIFY2(run.exit_code == 0, qPrintable(run.output));
        QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QCOMPARE(image.size(), QSize(1200, 780));
        // The palette must actually apply: light is mostly bright, dark mostly dark.
        const double luminance = mean_luminance(image);
        if (scheme == "light") {
            QVERIFY2(luminance > 180, qPrintable(QString::number(luminance)));
        } else {
            QVERIFY2(luminance < 80, qPrintable(QString::number(luminance)));
        }
        // Sidebar (left) and chat area (right) have different surface colours.
        QVERIFY(image.pixel(140, 700) != image.pixel(900, 400));
        qInfo("screenshot: %s", qPrintable(path));
    }

    void opensAWindowOnAnXServer() {
        const QString xvfb = QStandardPaths::findExecutable("xvfb-run");
        if (xvfb.isEmpty()) {
            QSKIP("xvfb-run is not installed");
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QProcess process;
        env.remove("QT_QPA_PLATFORM");
        env.remove("QT_QUICK_BACKEND");
        env.insert("QT_QPA_PLATFORM", "xcb");
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(xvfb, {"-a", "-s", "-screen 0 1600x1000x24", HEARTH_APP, "--first-frame"});
        QVERIFY(process.waitForFinished(90000));
        const QString output = QString::fromUtf8(process.readAll());
        QVERIFY2(process.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains("first frame after"), qPrintable(output));
        qInfo("%s", qPrintable(output.trimmed()));
    }
};

QTEST_GUILESS_MAIN(TestAppLaunch)
#include "tst_app_launch.moc"
