import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The stored text of a file attached to a message (what the model read), with a button that
// opens the original file while it is still where it was attached from.
Popup {
    id: viewer

    property var attachment: ({})
    property string text

    function show(file) {
        attachment = file || {}
        text = ChatController.attachmentText(attachment.attachmentId, attachment.kind)
        open()
    }

    parent: Overlay.overlay
    anchors.centerIn: Overlay.overlay
    width: Math.min(720, (parent ? parent.width : 720) - 2 * Theme.spaceXl)
    height: Math.min(640, (parent ? parent.height : 640) - 2 * Theme.spaceXl)
    modal: true
    focus: true
    padding: Theme.spaceL
    background: Rectangle {
        radius: Theme.radius
        color: Theme.background
        border.color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spaceM

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spaceS
            Label {
                objectName: "viewerTitle"
                Layout.fillWidth: true
                text: viewer.attachment.fileName || ""
                elide: Text.ElideMiddle
                color: Theme.text
                font.pixelSize: Theme.bodySize
                font.weight: Font.Medium
            }
            Button {
                objectName: "openOriginal"
                visible: ChatController.attachmentSourceExists(viewer.attachment.sourcePath || "")
                text: qsTr("Open original")
                onClicked: ChatController.openAttachmentSource(viewer.attachment.sourcePath)
            }
            IconButton {
                iconName: "close"
                tip: qsTr("Close")
                onClicked: viewer.close()
            }
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                objectName: "viewerText"
                text: viewer.text
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                textFormat: TextEdit.PlainText
                color: Theme.text
                font.pixelSize: Theme.bodySize
                background: null
                Accessible.name: qsTr("Text of %1").arg(viewer.attachment.fileName || "")
            }
        }
    }
}
