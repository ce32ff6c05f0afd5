import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Where the user writes. Enter sends, Shift+Enter starts a new line; disabled with an
// explanation while no model is loaded.
ColumnLayout {
    id: composer

    property bool modelReady: false
    signal send(string text)

    spacing: Theme.spaceXs

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
                        } else {
                            sendButton.clicked()
                        }
                    }
                }
            }

            Button {
                id: sendButton
                objectName: "sendButton"
                Layout.alignment: Qt.AlignBottom
                enabled: composer.modelReady && input.text.trim().length > 0
                text: qsTr("Send")
                Accessible.name: qsTr("Send message")
                onClicked: {
                    composer.send(input.text)
                    input.clear()
                }
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
        Layout.fillWidth: true
        text: composer.modelReady ? qsTr("Enter to send, Shift+Enter for a new line.")
                                  : qsTr("No model loaded: pick or import one to start.")
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        horizontalAlignment: Text.AlignHCenter
    }
}
