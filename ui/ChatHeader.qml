import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Slim header over the chat: sidebar toggle, model picker, device and speed.
Rectangle {
    id: header

    signal toggleSidebar

    implicitHeight: Theme.headerHeight
    color: Theme.background

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spaceM
        anchors.rightMargin: Theme.spaceL
        spacing: Theme.spaceM

        ToolButton {
            id: sidebarToggle
            text: "\u2630"
            font.pixelSize: Theme.bodySize
            Accessible.name: qsTr("Show or hide the sidebar")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Sidebar (Ctrl+B)")
            onClicked: header.toggleSidebar()
            contentItem: Label {
                text: sidebarToggle.text
                color: Theme.textSecondary
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                radius: Theme.radius
                color: sidebarToggle.hovered ? Theme.surface : "transparent"
            }
        }

        ComboBox {
            id: modelPicker
            objectName: "modelPicker"
            Layout.preferredWidth: 280
            model: []
            enabled: count > 0
            displayText: count > 0 ? currentText : qsTr("No model loaded")
            Accessible.name: qsTr("Model")
            contentItem: Label {
                leftPadding: Theme.spaceM
                text: modelPicker.displayText
                color: modelPicker.count > 0 ? Theme.text : Theme.textSecondary
                font.weight: Font.Medium
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
            }
            background: Rectangle {
                radius: Theme.radius
                color: modelPicker.hovered ? Theme.surface : "transparent"
                border.color: modelPicker.visualFocus ? Theme.accent : "transparent"
            }
        }

        Item {
            Layout.fillWidth: true
        }

        Label {
            objectName: "deviceLabel"
            text: qsTr("Private and offline")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
    }

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }
}
