// Qt Quick Test runner for tests/gui/qml/tst_*.qml against the real Hearth.Ui module.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Hearth_UiPlugin)
Q_IMPORT_QML_PLUGIN(Hearth_CorePlugin)

QUICK_TEST_MAIN(hearth_qml)
