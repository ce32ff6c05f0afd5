// Qt Quick Test runner for tests/gui/qml/tst_*.qml against the real Hearth.Ui module. The
// tests may write screenshots into the folder given as `hearthTestOutput`.
#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->rootContext()->setContextProperty("hearthTestOutput",
                                                  QStringLiteral(HEARTH_TEST_OUTPUT_DIR));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(hearth_qml, Setup)
#include "tst_qml.moc"
