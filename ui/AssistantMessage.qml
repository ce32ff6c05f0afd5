import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// An answer: optional reasoning block, then the Markdown split into prose, code and display
// math blocks. While streaming only the last block changes (MessageBlockModel appends).
// Prose is Markdown with inline formulas drawn in the text (MathProse); copying a selection
// keeps their LaTeX.
ColumnLayout {
    id: message

    required property string content
    property string thinking: ""
    property real thinkingSeconds: 0
    property bool streaming: false

    spacing: Theme.spaceM

    Label {
        objectName: "waitingIndicator"
        visible: message.streaming && message.content.length === 0 && message.thinking.length === 0
        text: qsTr("Reading your message\u2026")
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        SequentialAnimation on opacity {
            running: visible
            loops: Animation.Infinite
            NumberAnimation { to: 0.4; duration: 700 }
            NumberAnimation { to: 1.0; duration: 700 }
        }
    }

    ThinkingBlock {
        Layout.fillWidth: true
        visible: message.thinking.length > 0
        text: message.thinking
        seconds: message.thinkingSeconds
        streaming: message.streaming && message.content.length === 0
    }

    Repeater {
        model: MessageBlockModel {
            text: message.content
        }
        // One delegate per block, chosen by its kind when the row is created (a row never
        // changes kind; see MessageBlockModel).
        delegate: Loader {
            id: block
            required property string kind
            required property string blockText
            required property string language
            required property bool closed
            Layout.fillWidth: true
            sourceComponent: kind === "code" ? codeBlock : kind === "math" ? mathBlock : proseBlock
        }
    }

    Component {
        id: proseBlock
        TextEdit {
            id: prose
            objectName: "proseBlock"
            readonly property alias formulaCount: proseMath.formulaCount
            // The document is filled by MathProse from the block's Markdown.
            textFormat: TextEdit.MarkdownText
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pixelSize: Theme.bodySize
            // Links are shown, never fetched; a click opens the system browser.
            onLinkActivated: link => Qt.openUrlExternally(link)
            // Copying a selection with formulas gives their LaTeX, not placeholders.
            Keys.onPressed: event => {
                if (event.matches(StandardKey.Copy) && proseMath.formulaCount > 0
                        && prose.selectionEnd > prose.selectionStart) {
                    Clipboard.copy(proseMath.sourceText(prose.selectionStart, prose.selectionEnd))
                    event.accepted = true
                }
            }

            MathProse {
                id: proseMath
                document: prose.textDocument
                markdown: prose.parent ? prose.parent.blockText : ""
                font: prose.font
                color: Theme.text
            }
        }
    }

    Component {
        id: mathBlock
        MathBlock {
            latex: parent ? parent.blockText : ""
            closed: parent ? parent.closed : false
        }
    }

    Component {
        id: codeBlock
        CodeBlock {
            code: parent ? parent.blockText : ""
            language: parent ? parent.language : ""
        }
    }
}
