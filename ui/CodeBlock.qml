import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// A fenced code block: language label and Copy button over the code, highlighted with
// KSyntaxHighlighting in the palette's light or dark theme. Read-only but selectable.
Rectangle {
    id: block

    required property string code
    required property string language

    implicitHeight: column.implicitHeight
    radius: Theme.radius
    color: Theme.codeSurface
    border.color: Theme.border

    ColumnLayout {
        id: column
        width: parent.width
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spaceM
            Layout.rightMargin: Theme.spaceXs
            Layout.topMargin: Theme.spaceXs

            Label {
                objectName: "codeLanguage"
                Layout.fillWidth: true
                text: highlighter.definitionName || block.language || qsTr("Code")
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
            }
            ToolButton {
                id: copyButton
                objectName: "copyCodeButton"
                property bool copied: false
                text: copied ? qsTr("Copied") : qsTr("Copy")
                font.pixelSize: Theme.smallSize
                Accessible.name: qsTr("Copy code")
                onClicked: {
                    Clipboard.copy(block.code)
                    copied = true
                    copiedTimer.restart()
                }
                Timer {
                    id: copiedTimer
                    interval: 1500
                    onTriggered: copyButton.copied = false
                }
                contentItem: Label {
                    text: copyButton.text
                    color: Theme.textSecondary
                    font: copyButton.font
                }
                background: Rectangle {
                    radius: Theme.radius
                    color: copyButton.hovered ? Theme.surfaceHover : "transparent"
                    border.color: copyButton.visualFocus ? Theme.accent : "transparent"
                }
            }
        }

        TextEdit {
            id: edit
            objectName: "codeText"
            Layout.fillWidth: true
            Layout.margins: Theme.spaceM
            Layout.topMargin: Theme.spaceXs
            text: block.code
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            textFormat: TextEdit.PlainText
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallSize + 1
            Accessible.name: qsTr("Code")

            CodeHighlighter {
                id: highlighter
                document: edit.textDocument
                language: block.language
                dark: Theme.dark
            }
        }
    }
}
