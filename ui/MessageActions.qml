import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The row under a message: "‹ 2/3 ›" between its siblings, copy, and per role edit
// (user) or regenerate, read aloud and details (assistant). Hidden while the answer streams.
// Actions that replace this message's row run after the click has been handled (later()):
// the row's delegate, this button included, goes away with it.
RowLayout {
    id: actions

    required property var messageId
    required property string role
    required property string content
    required property int siblingIndex
    required property int siblingCount
    property bool busy: false

    signal editRequested
    signal infoRequested(Item anchor)

    spacing: 0

    function later(action) {
        Qt.callLater(action)
    }

    IconButton {
        objectName: "previousSibling"
        visible: actions.siblingCount > 1
        enabled: actions.siblingIndex > 0 && !actions.busy
        iconName: "previous"
        tip: qsTr("Previous version")
        onClicked: {
            const id = actions.messageId
            actions.later(() => ChatController.showSibling(id, -1))
        }
    }
    Label {
        objectName: "siblingPosition"
        visible: actions.siblingCount > 1
        text: qsTr("%1/%2").arg(actions.siblingIndex + 1).arg(actions.siblingCount)
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        Accessible.name: qsTr("Version %1 of %2").arg(actions.siblingIndex + 1).arg(actions.siblingCount)
    }
    IconButton {
        objectName: "nextSibling"
        visible: actions.siblingCount > 1
        enabled: actions.siblingIndex + 1 < actions.siblingCount && !actions.busy
        iconName: "next"
        tip: qsTr("Next version")
        onClicked: {
            const id = actions.messageId
            actions.later(() => ChatController.showSibling(id, 1))
        }
    }
    IconButton {
        objectName: "copyMessage"
        iconName: "copy"
        tip: qsTr("Copy as Markdown")
        onClicked: Clipboard.copy(actions.content)
    }
    IconButton {
        objectName: "editMessage"
        visible: actions.role === "user"
        enabled: !actions.busy
        iconName: "edit"
        tip: qsTr("Edit and send again")
        onClicked: actions.editRequested()
    }
    IconButton {
        objectName: "regenerate"
        visible: actions.role === "assistant"
        enabled: !actions.busy && ModelController.state === ModelController.Ready
        iconName: "regenerate"
        tip: qsTr("Regenerate")
        onClicked: {
            const id = actions.messageId
            actions.later(() => ChatController.regenerate(id))
        }
    }
    IconButton {
        objectName: "readAloud"
        // Hidden where the system has no speech engine (see ReadAloud).
        visible: actions.role === "assistant" && ReadAloud.available
        readonly property bool speaking: ReadAloud.speakingId === actions.messageId
        iconName: speaking ? "stop" : "speak"
        tip: speaking ? qsTr("Stop reading") : qsTr("Read aloud")
        onClicked: ReadAloud.toggle(actions.messageId, actions.content)
    }
    IconButton {
        id: infoButton
        objectName: "messageInfo"
        visible: actions.role === "assistant"
        iconName: "info"
        tip: qsTr("Details")
        onClicked: actions.infoRequested(infoButton)
    }
}
