import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The main window: sidebar of conversations on the left, the chat column (header, messages,
// composer) on the right, centred at a readable width.
ApplicationWindow {
    id: window

    width: 1200
    height: 780
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: qsTr("Hearth")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize

    Shortcut {
        sequence: "Ctrl+B"
        onActivated: sidebar.collapsed = !sidebar.collapsed
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            objectName: "sidebar"
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.sidebarWidth
            visible: !collapsed
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
            visible: sidebar.visible
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            ChatHeader {
                objectName: "chatHeader"
                Layout.fillWidth: true
                onToggleSidebar: sidebar.collapsed = !sidebar.collapsed
            }

            ChatView {
                objectName: "chatView"
                Layout.fillWidth: true
                Layout.fillHeight: true
            }

            Composer {
                objectName: "composer"
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.columnMaxWidth
                Layout.alignment: Qt.AlignHCenter
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                Layout.bottomMargin: Theme.spaceL
            }
        }
    }
}
