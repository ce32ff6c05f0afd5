// Loads the real main window from the Hearth.Ui module (offscreen) and checks the shell of
// the layout: sidebar, chat area, composer and model picker, in their first-run state.
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // The window opens the user's database and settings: keep them in a scratch home.
        QVERIFY(home_.isValid());
        for (const char* name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}) {
            qputenv(name, QFile::encodeName(home_.filePath(QString::fromLatin1(name))));
        }
        QCoreApplication::setApplicationName(QStringLiteral("Hearth"));
    }

    void init() {
        engine_ = std::make_unique<QQmlApplicationEngine>();
        connect(engine_.get(), &QQmlEngine::warnings, this, [this](const QList<QQmlError>& list) {
            for (const QQmlError& e : list) {
                warnings_ << e.toString();
            }
        });
        engine_->loadFromModule("Hearth.Ui", "Main");
        QCOMPARE(engine_->rootObjects().size(), 1);
        window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
        QVERIFY(window_);
        QVERIFY(QTest::qWaitForWindowExposed(window_));
    }

    void cleanup() {
        QVERIFY2(warnings_.isEmpty(), qPrintable(warnings_.join('\n')));
        engine_.reset();
        warnings_.clear();
    }

    void hasTheLayoutShell() {
        QCOMPARE(window_->title(), QStringLiteral("Hearth"));
        for (const char* name : {"sidebar", "chatHeader", "chatView", "composer", "modelPicker",
                                 "conversationList", "messageList", "searchField"}) {
            auto* item = window_->findChild<QQuickItem*>(name);
            QVERIFY2(item, name);
            QVERIFY2(item->isVisible(), name);
            QVERIFY2(item->width() > 0 && item->height() > 0, name);
        }
    }

    void sidebarSitsLeftOfTheChatColumn() {
        auto* sidebar = window_->findChild<QQuickItem*>("sidebar");
        auto* chat = window_->findChild<QQuickItem*>("chatView");
        QCOMPARE(sidebar->mapToScene({0, 0}).x(), 0.0);
        QCOMPARE(sidebar->width(), 280.0);
        QVERIFY(chat->mapToScene({0, 0}).x() >= sidebar->width());
    }

    void composerIsCentredAndBounded() {
        auto* composer = window_->findChild<QQuickItem*>("composer");
        auto* chat = window_->findChild<QQuickItem*>("chatView");
        QVERIFY(composer->width() <= 760.0);
        const double chat_centre = chat->mapToScene({chat->width() / 2, 0}).x();
        const double composer_centre = composer->mapToScene({composer->width() / 2, 0}).x();
        QVERIFY(std::abs(chat_centre - composer_centre) < 1.0);
    }

    void firstRunHasNoModelAndExplainsWhy() {
        auto* input = window_->findChild<QQuickItem*>("composerInput");
        QVERIFY(input);
        QVERIFY(!input->isEnabled());
        QCOMPARE(input->property("placeholderText").toString(),
                 QStringLiteral("Load a model to start chatting"));
        auto* picker = window_->findChild<QQuickItem*>("modelPicker");
        QCOMPARE(picker->property("displayText").toString(), QStringLiteral("No model loaded"));
        auto* send = window_->findChild<QQuickItem*>("sendButton");
        QVERIFY(!send->isEnabled());
        // No model installed: the first-run page recommends one from the catalog and offers
        // to import a file instead of the ordinary welcome.
        auto* first_run = window_->findChild<QQuickItem*>("firstRun");
        QVERIFY(first_run);
        QTRY_VERIFY(first_run->isVisible());
        QVERIFY(!window_->findChild<QQuickItem*>("welcome")->isVisible());
        auto* recommended = window_->findChild<QQuickItem*>("recommendedModel");
        QVERIFY(recommended && recommended->isVisible());
        auto* download = window_->findChild<QQuickItem*>("downloadRecommended");
        QVERIFY(download && download->isVisible() && download->isEnabled());
        QVERIFY(download->property("Accessible.name").isValid() ||
                download->property("text").toString() == QStringLiteral("Download"));
        QVERIFY(window_->findChild<QQuickItem*>("importModel")->isVisible());
    }

    void sidebarCollapsesWithCtrlB() {
        auto* sidebar = window_->findChild<QQuickItem*>("sidebar");
        window_->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window_));
        QTest::keyClick(window_, Qt::Key_B, Qt::ControlModifier);
        QTRY_VERIFY(!sidebar->isVisible());
        auto* chat = window_->findChild<QQuickItem*>("chatView");
        QTRY_COMPARE(chat->mapToScene({0, 0}).x(), 0.0); // the chat takes the whole width
        QTest::keyClick(window_, Qt::Key_B, Qt::ControlModifier);
        QTRY_VERIFY(sidebar->isVisible());
    }

private:
    QTemporaryDir home_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
    QStringList warnings_;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
