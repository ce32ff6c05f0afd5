import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A user turn: a soft rounded bubble on the right, at most 80% of the column. In edit mode
// the bubble becomes an editor; saving sends the edited text as a new version (a sibling:
// the original and its answers stay reachable with "‹ ›").
Item {
    id: user

    required property string content
    // The files sent with it (MessageListModel's attachments role): chips above the bubble.
    property var attachments: []
    property bool editing: false

    signal editSubmitted(string text)
    signal attachmentOpened(var file)

    implicitHeight: editing ? editor.implicitHeight
                            : (bubble.visible ? bubble.height : 0)
                              + (files.visible ? files.height + Theme.spaceXs : 0)

    Flow {
        id: files
        objectName: "messageChips"
        visible: user.attachments.length > 0 && !user.editing
        anchors.right: parent.right
        width: user.width * 0.8
        // Aligned right like the bubble; the list is reversed so they read in the order
        // attached, left to right.
        layoutDirection: Qt.RightToLeft
        spacing: Theme.spaceXs
        Repeater {
            model: user.attachments.slice().reverse()
            AttachmentChip {
                required property var modelData
                fileName: modelData.fileName
                pages: modelData.pages
                tokens: modelData.tokens
                onClicked: user.attachmentOpened(modelData)
            }
        }
    }

    Rectangle {
        id: bubble
        objectName: "userBubble"
        visible: !user.editing && (user.content.length > 0 || user.attachments.length === 0)
        anchors.right: parent.right
        anchors.top: files.visible ? files.bottom : parent.top
        anchors.topMargin: files.visible ? Theme.spaceXs : 0
        width: Math.min(user.width * 0.8, label.implicitWidth + 2 * Theme.spaceL)
        height: label.implicitHeight + 2 * Theme.spaceM
        radius: Theme.bubbleRadius
        color: Theme.userBubble

        TextEdit {
            id: label
            anchors.fill: parent
            anchors.leftMargin: Theme.spaceL
            anchors.rightMargin: Theme.spaceL
            anchors.topMargin: Theme.spaceM
            text: user.content
            textFormat: TextEdit.PlainText
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pixelSize: Theme.bodySize
        }
    }

    ColumnLayout {
        id: editor
        visible: user.editing
        width: parent.width
        spacing: Theme.spaceS

        TextArea {
            id: editText
            objectName: "editText"
            Layout.fillWidth: true
            wrapMode: TextEdit.Wrap
            color: Theme.text
            font.pixelSize: Theme.bodySize
            Accessible.name: qsTr("Edit your message")
            background: Rectangle {
                radius: Theme.bubbleRadius
                color: Theme.surface
                border.color: editText.activeFocus ? Theme.accent : Theme.border
            }
            // Like the composer: Enter sends, Shift+Enter starts a new line, Tab moves on.
            Keys.onReturnPressed: event => {
                if (event.modifiers & Qt.ShiftModifier)
                    event.accepted = false
                else if (editSend.enabled)
                    editSend.clicked()
            }
            Keys.onEnterPressed: event => Keys.returnPressed(event)
            Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
            Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
            Keys.onEscapePressed: user.editing = false
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            spacing: Theme.spaceS
            Button {
                objectName: "editCancel"
                text: qsTr("Cancel")
                onClicked: user.editing = false
            }
            PrimaryButton {
                id: editSend
                objectName: "editSend"
                text: qsTr("Send")
                enabled: editText.text.trim().length > 0
                onClicked: {
                    user.editing = false
                    user.editSubmitted(editText.text)
                }
            }
        }
    }

    onEditingChanged: {
        if (editing) {
            editText.text = content
            editText.forceActiveFocus()
            editText.cursorPosition = editText.length
        }
    }
}
