import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// One row of the chat list: a user bubble or an answer, centred at a readable width, with
// its actions underneath. The roles of ChatController.messages arrive as required
// properties; while an answer streams only its text roles change.
Item {
    id: row

    required property int index
    required property var messageId
    required property string role
    required property string content
    required property string thinking
    required property int status
    required property string error
    required property int siblingIndex
    required property int siblingCount
    required property var provenance
    required property real thinkingSeconds
    required property string cutOff
    required property bool leftOut
    required property var sources
    required property var attachments

    readonly property bool streaming: status === MessageListModel.Streaming
    readonly property real columnWidth: Math.min(width - 2 * Theme.spaceL, Theme.columnMaxWidth)

    signal infoRequested(Item anchor, var provenance)
    signal sourceRequested(var source)

    width: ListView.view ? ListView.view.width : 0
    implicitHeight: column.implicitHeight + Theme.spaceXl

    ColumnLayout {
        id: column
        x: (row.width - row.columnWidth) / 2
        width: row.columnWidth
        spacing: Theme.spaceXs

        Loader {
            id: body
            Layout.fillWidth: true
            sourceComponent: row.role === "user" ? userBody : answerBody
            // Turns the model no longer read for the last answer are shown, but faded.
            opacity: row.leftOut ? 0.5 : 1
        }

        SourcesList {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spaceXs
            visible: row.role === "assistant" && searched
            sources: row.sources
            onOpenRequested: source => row.sourceRequested(source)
        }

        Label {
            objectName: "messageStatus"
            Layout.fillWidth: true
            Layout.alignment: row.role === "user" ? Qt.AlignRight : Qt.AlignLeft
            horizontalAlignment: row.role === "user" ? Text.AlignRight : Text.AlignLeft
            visible: text.length > 0
            text: row.status === MessageListModel.Stopped ? qsTr("Stopped.")
                : row.status === MessageListModel.Interrupted ? qsTr("Hearth was closed while this answer was written.")
                : row.status === MessageListModel.Error ? qsTr("The answer failed: %1").arg(row.error)
                : row.cutOff === "context" ? qsTr("Cut off: the conversation filled all the model can read at once.")
                : row.cutOff === "length" ? qsTr("Cut off at the longest answer allowed (Settings, Generation).")
                : row.leftOut ? qsTr("Left out: the model did not read this for the last answer, to fit its context.")
                : ""
            color: row.status === MessageListModel.Error ? Theme.danger : Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
        }

        MessageActions {
            objectName: "messageActions"
            Layout.alignment: row.role === "user" ? Qt.AlignRight : Qt.AlignLeft
            visible: !row.streaming && row.messageId > 0
            opacity: hover.hovered || row.ListView.isCurrentItem || row.siblingCount > 1
                     || row.index === (row.ListView.view ? row.ListView.view.count - 1 : -1) ? 1 : 0.35
            messageId: row.messageId
            role: row.role
            content: row.content
            siblingIndex: row.siblingIndex
            siblingCount: row.siblingCount
            busy: ChatController.generating
            onEditRequested: body.item.editing = true
            onInfoRequested: anchor => row.infoRequested(anchor, row.provenance)
        }
    }

    HoverHandler {
        id: hover
    }

    Component {
        id: userBody
        UserMessage {
            content: row.content
            attachments: row.attachments
            onAttachmentOpened: file => {
                viewer.active = true
                viewer.item.show(file)
            }
            // After the click: the edited row (and this delegate) is replaced.
            onEditSubmitted: text => {
                const id = row.messageId
                Qt.callLater(() => ChatController.editMessage(id, text))
            }
        }
    }

    // The stored text of a file sent with this message, made when first opened.
    Loader {
        id: viewer
        active: false
        sourceComponent: AttachmentViewer {}
    }

    Component {
        id: answerBody
        AssistantMessage {
            content: row.content
            thinking: row.thinking
            thinkingSeconds: row.thinkingSeconds
            streaming: row.streaming
        }
    }
}
