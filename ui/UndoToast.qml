import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// "Deleted “Trip plans”  Undo" for a few seconds after a conversation is deleted; when it
// closes, the deletion becomes final.
Rectangle {
    id: toast

    visible: ChatController.pendingDelete > 0
    implicitWidth: row.implicitWidth + 2 * Theme.spaceL
    implicitHeight: row.implicitHeight + 2 * Theme.spaceS
    radius: Theme.radius
    color: Theme.text

    Timer {
        running: toast.visible
        interval: 8000
        onTriggered: ChatController.finishDelete()
    }

    RowLayout {
        id: row
        anchors.centerIn: parent
        spacing: Theme.spaceM
        Label {
            text: qsTr("Deleted \u201c%1\u201d").arg(ChatController.pendingDeleteTitle)
            color: Theme.background
            elide: Text.ElideRight
            Layout.maximumWidth: 260
        }
        Button {
            objectName: "undoDelete"
            text: qsTr("Undo")
            flat: true
            onClicked: ChatController.undoDelete()
            contentItem: Label {
                text: qsTr("Undo")
                color: Theme.accent
                font.weight: Font.DemiBold
            }
        }
    }
}
