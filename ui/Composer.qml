import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Where the user writes. Enter sends, Shift+Enter starts a new line; while an answer is
// written the Send button becomes Stop. Disabled, with the reason, while no model is ready.
ColumnLayout {
    id: composer

    readonly property bool modelReady: ModelController.state === ModelController.Ready
    property alias input: input

    spacing: Theme.spaceXs

    function send() {
        if (ChatController.send(input.text))
            input.clear()
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Math.min(Math.max(input.implicitHeight, 28), 200) + 2 * Theme.spaceM
        radius: Theme.bubbleRadius
        color: Theme.surface
        border.color: input.activeFocus ? Theme.accent : Theme.border

        RowLayout {
            anchors.fill: parent
            anchors.margins: Theme.spaceM
            anchors.leftMargin: Theme.spaceL
            spacing: Theme.spaceS

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
                enabled: stopping || (composer.modelReady && input.text.trim().length > 0)
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
