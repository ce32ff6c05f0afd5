import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The chat column: header, notices, the messages and the composer.
ColumnLayout {
    id: page

    property alias header: header
    property alias composer: composer
    signal toggleSidebar
    signal exportRequested
    signal infoRequested(Item anchor, var provenance)
    signal importRequested

    spacing: 0

    // Once a model is ready, typing goes to the composer unless the focus is somewhere the
    // user put it (after an import it was on the first-run page's hidden button).
    Connections {
        target: ModelController
        function onModelChanged() {
            const focused = page.Window.activeFocusItem
            if (ModelController.state === ModelController.Ready && page.visible
                    && (!focused || !focused.visible || focused === chatView
                        || focused === page.Window.contentItem))
                composer.input.forceActiveFocus()
        }
    }

    ChatHeader {
        id: header
        objectName: "chatHeader"
        Layout.fillWidth: true
        onToggleSidebar: page.toggleSidebar()
        onExportRequested: page.exportRequested()
    }

    Notice {
        objectName: "notice"
        Layout.fillWidth: true
        text: ChatController.notice
        autoDismiss: ChatController.noticeTransient
        onDismissed: ChatController.dismissNotice()
    }

    ChatView {
        id: chatView
        objectName: "chatView"
        Layout.fillWidth: true
        Layout.fillHeight: true
        onInfoRequested: (anchor, provenance) => page.infoRequested(anchor, provenance)
        onImportRequested: page.importRequested()
    }

    OverflowBanner {
        objectName: "overflowBanner"
        Layout.fillWidth: true
        Layout.maximumWidth: Theme.columnMaxWidth
        Layout.alignment: Qt.AlignHCenter
        Layout.leftMargin: Theme.spaceL
        Layout.rightMargin: Theme.spaceL
        Layout.bottomMargin: Theme.spaceS
    }

    Composer {
        id: composer
        objectName: "composer"
        Layout.fillWidth: true
        Layout.maximumWidth: Theme.columnMaxWidth
        Layout.alignment: Qt.AlignHCenter
        Layout.leftMargin: Theme.spaceL
        Layout.rightMargin: Theme.spaceL
        Layout.bottomMargin: Theme.spaceL
    }
}
