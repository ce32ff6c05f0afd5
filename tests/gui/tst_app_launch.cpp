// Runs the real hearth executable: --version, a screenshot of the main window in light and
// dark (PNG files under the build directory for review), and a first frame on an X server
// (Xvfb) when xvfb-run is available.
#include <QColor>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

namespace {

struct Run {
    int exit_code;
    QString output;
};

Run run_app(const QString& program, const QStringList& args, int timeout_ms = 60000) {
    QProcess process;
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
    void printsVersion() {
        Run run = run_app(HEARTH_APP, {"--version"});
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(run.output.trimmed(), QStringLiteral("Hearth " HEARTH_VERSION));
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
