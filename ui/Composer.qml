import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// Where the user writes. Enter sends, Shift+Enter starts a new line; while an answer is
// written the Send button becomes Stop. Disabled, with the reason, while no model is ready.
// Files come with the message as chips above the text: from the paperclip, dropped on the
// composer, or pasted (files, or a long text); ChatController.attachments reads them.
ColumnLayout {
    id: composer

    readonly property bool modelReady: ModelController.state === ModelController.Ready
    readonly property var attachments: ChatController.attachments
    property alias input: input
    property alias attachDialog: attachDialog

    spacing: Theme.spaceXs

    function send() {
        if (ChatController.send(input.text))
            input.clear()
    }

    FileDialog {
        id: attachDialog
        objectName: "attachDialog"
        title: qsTr("Attach files")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Documents (*.txt *.md *.pdf *.html *.htm *.csv *.json *.xml *.log)"),
                      qsTr("All files (*)")]
        onAccepted: composer.attachments.addFiles(selectedFiles)
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Math.min(Math.max(input.implicitHeight, 28), 200) + 2 * Theme.spaceM
                        + (chips.visible ? chips.implicitHeight + Theme.spaceS : 0)
        radius: Theme.bubbleRadius
        color: Theme.surface
        border.color: input.activeFocus || drop.containsDrag ? Theme.accent : Theme.border

        DropArea {
            id: drop
            objectName: "composerDrop"
            anchors.fill: parent
            onDropped: event => {
                if (event.hasUrls) {
                    composer.attachments.addFiles(event.urls)
                    event.accept(Qt.CopyAction)
                } else if (event.hasText) {
                    composer.attachments.addText(event.text)
                    event.accept(Qt.CopyAction)
                }
            }
        }

        Flow {
            id: chips
            objectName: "composerChips"
            visible: composer.attachments.count > 0
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.spaceM
            spacing: Theme.spaceS
            Repeater {
                model: composer.attachments
                AttachmentChip {
                    required property int index
                    required property var model
                    fileName: model.fileName
                    pages: model.pages
                    tokens: model.tokens
                    estimated: model.estimated
                    reading: model.reading
                    removable: true
                    onRemoveRequested: composer.attachments.remove(index)
                }
            }
        }

        RowLayout {
            anchors.fill: parent
            anchors.margins: Theme.spaceM
            anchors.topMargin: Theme.spaceM + (chips.visible ? chips.implicitHeight + Theme.spaceS : 0)
            anchors.leftMargin: Theme.spaceS
            spacing: Theme.spaceS

            IconButton {
                objectName: "attachButton"
                Layout.alignment: Qt.AlignBottom
                iconName: "attach"
                tip: qsTr("Attach files")
                enabled: !ChatController.generating
                onClicked: attachDialog.open()
            }

            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true

                TextArea {
                    id: input
                    objectName: "composerInput"
                    enabled: composer.modelReady
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    placeholderText: composer.modelReady ? qsTr("Message Hearth")
                                                         : qsTr("Load a model to start chatting")
                    placeholderTextColor: Theme.textSecondary
                    background: null
                    padding: 0
                    Accessible.name: qsTr("Message")
                    Keys.onReturnPressed: event => {
                        if (event.modifiers & Qt.ShiftModifier) {
                            event.accepted = false
                        } else if (!ChatController.generating) {
                            composer.send()
                        }
                    }
                    Keys.onEnterPressed: event => Keys.returnPressed(event)
                    // Files on the clipboard, or a long text, become attachments.
                    Keys.onPressed: event => {
                        if (event.matches(StandardKey.Paste) && composer.attachments.pasteFromClipboard())
                            event.accepted = true
                    }
                    // Tab moves the focus on, as everywhere else in the window, instead of
                    // typing a tab character.
                    Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
                    Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
                }
            }

            Button {
                id: sendButton
                objectName: "sendButton"
                Layout.alignment: Qt.AlignBottom
                readonly property bool stopping: ChatController.generating
                enabled: stopping || (composer.modelReady && !composer.attachments.busy
                                      && (input.text.trim().length > 0 || composer.attachments.count > 0))
                text: stopping ? qsTr("Stop") : qsTr("Send")
                Accessible.name: stopping ? qsTr("Stop the answer") : qsTr("Send message")
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: stopping ? qsTr("Stop (Esc)") : qsTr("Send (Enter)")
                onClicked: stopping ? ChatController.stop() : composer.send()
                contentItem: Label {
                    text: sendButton.text
                    color: sendButton.enabled ? Theme.accentText : Theme.textSecondary
                    font.weight: Font.Medium
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                background: Rectangle {
                    implicitWidth: 64
                    implicitHeight: 32
                    radius: Theme.radius
                    color: sendButton.enabled ? Theme.accent : Theme.surfaceHover
                    border.color: sendButton.visualFocus ? Theme.text : "transparent" // as PrimaryButton
                }
            }
        }
    }

    Label {
        objectName: "composerHint"
        Layout.fillWidth: true
        text: {
            switch (ModelController.state) {
            case ModelController.Ready:
                return qsTr("Enter to send, Shift+Enter for a new line.")
            case ModelController.Loading:
                return qsTr("Loading %1\u2026").arg(ModelController.name)
            case ModelController.Failed:
                return qsTr("The model could not be loaded. Pick another one above.")
            default:
                return ModelHub.library.count > 0 ? qsTr("Pick a model above to start.")
                                                  : qsTr("No model yet: download or import one to start.")
            }
        }
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
    }
}
