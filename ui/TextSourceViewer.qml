import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// A cited source that is not a PDF (text, Markdown, source code; HTML as its text) opened
// inside Hearth: the file as it is on disk now, read-only, scrolled to the cited passage,
// which is marked. When the file changed since it was indexed the passage is found by its
// text, and a line says so; when it is gone, a line says that. "Open in the system's app"
// hands the file to the desktop. Esc closes. open(source) takes an item of the sources role.
Popup {
    id: viewer

    property var source: null
    readonly property string title: source ? source.title : ""

    function open(item) {
        source = item
        reader.load(item.path, item.start, item.excerpt)
        visible = true
    }
    // Scrolls so that the passage starts a little below the top of the view.
    function showPassage() {
        if (reader.passageLength <= 0) {
            flick.contentY = 0
            return
        }
        const r = textArea.positionToRectangle(reader.passageStart)
        flick.contentY = Math.max(0, Math.min(r.y - Theme.spaceXl,
                                              flick.contentHeight - flick.height))
        // A screen reader starts reading at the passage.
        textArea.cursorPosition = reader.passageStart
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? Math.min(parent.width - 2 * Theme.spaceXl, 900) : 600
    height: parent ? parent.height - 2 * Theme.spaceXl : 600
    modal: true
    focus: true
    padding: 0
    onOpened: {
        showPassage()
        textArea.forceActiveFocus()
    }
    onClosed: reader.clear()
    background: Rectangle {
        color: Theme.background
        border.color: Theme.border
        radius: Theme.radius
    }

    SourceText {
        id: reader
    }

    contentItem: ColumnLayout {
        objectName: "textSourceViewer"
        spacing: 0
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("Source: %1").arg(viewer.title)

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spaceS
            spacing: Theme.spaceS
            Label {
                objectName: "textSourceTitle"
                Layout.fillWidth: true
                text: viewer.title
                color: Theme.text
                font.pixelSize: Theme.bodySize
                font.weight: Font.Medium
                elide: Text.ElideMiddle
                Accessible.role: Accessible.Heading
            }
            Button {
                objectName: "openSourceExternally"
                text: qsTr("Open in the system's app")
                font.pixelSize: Theme.smallSize
                visible: reader.state !== SourceText.Missing
                onClicked: Qt.openUrlExternally(viewer.source.url)
            }
            IconButton {
                objectName: "closeTextSourceViewer"
                iconName: "close"
                tip: qsTr("Close")
                onClicked: viewer.close()
            }
        }
        Label {
            objectName: "sourceNotice"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spaceS
            Layout.rightMargin: Theme.spaceS
            Layout.bottomMargin: Theme.spaceS
            visible: text.length > 0
            wrapMode: Text.Wrap
            font.pixelSize: Theme.smallSize
            color: reader.state === SourceText.Found || reader.state === SourceText.Moved
                   ? Theme.textSecondary : Theme.danger
            text: {
                const lines = []
                if (reader.state === SourceText.Moved)
                    lines.push(qsTr("This file changed since it was indexed; the passage was found by its text."))
                else if (reader.state === SourceText.NotFound)
                    lines.push(qsTr("This file changed since it was indexed, and the cited passage is no longer in it."))
                else if (reader.state === SourceText.Missing)
                    lines.push(qsTr("This file is no longer there: %1").arg(viewer.source ? viewer.source.path : ""))
                else if (reader.state === SourceText.Unreadable)
                    lines.push(qsTr("This file cannot be read now: %1").arg(reader.error))
                if (reader.partial)
                    lines.push(qsTr("The file is long: lines %1 to %2 are shown. Open it in the system's app to see all of it.")
                               .arg(reader.firstLine).arg(reader.lastLine))
                return lines.join("\n")
            }
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Theme.border
        }
        Flickable {
            id: flick
            objectName: "sourceTextView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            TextArea.flickable: TextArea {
                id: textArea
                objectName: "sourceText"
                text: reader.text
                readOnly: true
                selectByMouse: true
                persistentSelection: true
                wrapMode: TextEdit.Wrap
                textFormat: TextEdit.PlainText
                color: Theme.text
                font.family: reader.code ? Theme.monoFamily : Theme.fontFamily
                font.pixelSize: Theme.bodySize
                leftPadding: Theme.spaceL
                rightPadding: Theme.spaceL
                topPadding: Theme.spaceM
                bottomPadding: Theme.spaceM
                background: null
                Accessible.name: qsTr("Text of %1").arg(viewer.title)
                Accessible.description: reader.passageLength > 0
                                        ? qsTr("The cited passage is marked; the cursor is at its start.")
                                        : ""
                // The layout changes with the width and the text size: keep the passage in view.
                onContentHeightChanged: if (viewer.opened) Qt.callLater(viewer.showPassage)

                PassageHighlighter {
                    objectName: "passageHighlighter"
                    document: textArea.textDocument
                    start: reader.passageStart
                    length: reader.passageLength
                    color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.28)
                }
            }
        }
    }
}
