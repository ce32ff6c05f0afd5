import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Shown when the conversation no longer fits in what the model reads at once: says so with
// the numbers and lets the user choose. Hearth never leaves turns out silently.
Rectangle {
    id: banner

    visible: ChatController.overflowNeeded > 0
    implicitHeight: visible ? column.implicitHeight + 2 * Theme.spaceM : 0
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.danger

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spaceM
        spacing: Theme.spaceS
        Label {
            objectName: "overflowText"
            Layout.fillWidth: true
            text: ChatController.overflowCanDrop
                  ? qsTr("This conversation is too long for the model: it needs %1 tokens, the model reads %2 at once.")
                        .arg(ChatController.overflowNeeded).arg(ModelController.contextSize)
                  : qsTr("Your last message alone is too long for the model: it needs %1 tokens, the model reads %2 at once. Shorten it (edit it below its bubble) or give the model a longer context in Settings.")
                        .arg(ChatController.overflowNeeded).arg(ModelController.contextSize)
            color: Theme.text
            wrapMode: Text.Wrap
        }
        RowLayout {
            spacing: Theme.spaceS
            PrimaryButton {
                objectName: "dropOldest"
                visible: ChatController.overflowCanDrop
                text: qsTr("Leave out the oldest turns")
                onClicked: ChatController.dropOldestAndRetry()
            }
            Button {
                text: qsTr("Start a new chat")
                flat: true
                onClicked: ChatController.newChat()
            }
        }
    }
}
