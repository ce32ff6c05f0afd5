import QtCore
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Appearance settings for now (Ctrl+,): colour scheme and text size, applied at once and
// kept for the next start (applied when the window is made; a --theme given on the command
// line then overrides the scheme for that run only).
Dialog {
    id: dialog

    title: qsTr("Settings")
    modal: true
    standardButtons: Dialog.Close
    width: 380
    anchors.centerIn: parent

    Settings {
        id: appearance
        location: AppInfo.settingsUrl
        category: "appearance"
        property string scheme: "system"
        property real fontScale: 1.0
    }
    Component.onCompleted: {
        Theme.scheme = appearance.scheme
        Theme.fontScale = appearance.fontScale
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.background
        border.color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spaceM

        Label {
            text: qsTr("Appearance")
            color: Theme.text
            font.weight: Font.DemiBold
        }
        RowLayout {
            Label {
                Layout.fillWidth: true
                text: qsTr("Colours")
                color: Theme.text
            }
            ComboBox {
                objectName: "schemeChoice"
                model: [qsTr("Follow the system"), qsTr("Light"), qsTr("Dark")]
                currentIndex: ["system", "light", "dark"].indexOf(Theme.scheme)
                onActivated: index => Theme.scheme = appearance.scheme = ["system", "light", "dark"][index]
                Accessible.name: qsTr("Colours")
            }
        }
        RowLayout {
            Label {
                Layout.fillWidth: true
                text: qsTr("Text size")
                color: Theme.text
            }
            Slider {
                objectName: "fontScale"
                from: 0.85
                to: 1.5
                stepSize: 0.05
                value: Theme.fontScale
                onMoved: Theme.fontScale = appearance.fontScale = value
                Accessible.name: qsTr("Text size")
            }
        }
    }
}
