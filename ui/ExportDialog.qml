import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// Exporting one conversation (or all, id 0): the format, the folder (the one used last, else
// Documents; typed or chosen), the file it writes, and a warning when that replaces a file
// already there. Export writes it; the window's notice then names the file.
Dialog {
    id: dialog

    property var conversationId: 0
    property string format: "md"
    property alias folder: folderField.text

    readonly property string fileName: ChatController.exportFileName(conversationId, format)
    readonly property bool replaces: visible && folder.length > 0
                                     && ChatController.exportReplaces(conversationId, format, folder)

    function ask(id, preferred) {
        conversationId = id
        format = preferred
        folder = ChatController.exportFolder
        open()
    }

    anchors.centerIn: Overlay.overlay
    width: Math.min(520, Overlay.overlay ? Overlay.overlay.width - 2 * Theme.spaceL : 520)
    modal: true
    padding: Theme.spaceL
    title: conversationId > 0 ? qsTr("Export the conversation") : qsTr("Export every conversation")
    onAccepted: ChatController.exportConversation(conversationId, format, folder)

    background: Rectangle {
        radius: Theme.radius
        color: Theme.background
        border.color: Theme.border
    }
    header: Label {
        text: dialog.title
        color: Theme.text
        font.pixelSize: Math.round(Theme.bodySize * 1.15)
        font.weight: Font.DemiBold
        padding: Theme.spaceL
        bottomPadding: 0
    }

    contentItem: ColumnLayout {
        spacing: Theme.spaceS

        Label {
            text: qsTr("Format")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
        ChoiceBox {
            objectName: "exportFormat"
            Layout.fillWidth: true
            model: ["md", "html", "txt", "json"]
            names: [qsTr("Markdown (.md)"), qsTr("Web page (.html)"), qsTr("Plain text (.txt)"),
                    qsTr("Hearth archive (.json), to import again")]
            currentIndex: model.indexOf(dialog.format)
            onActivated: index => dialog.format = model[index]
            Accessible.name: qsTr("Format")
        }

        Label {
            Layout.topMargin: Theme.spaceS
            text: qsTr("Folder")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spaceS
            TextField {
                id: folderField
                objectName: "exportFolder"
                Layout.fillWidth: true
                color: Theme.text
                selectByMouse: true
                Accessible.name: qsTr("Folder")
            }
            Button {
                objectName: "chooseExportFolder"
                text: qsTr("Choose\u2026")
                onClicked: folderDialog.open()
            }
        }

        Label {
            objectName: "exportTarget"
            Layout.fillWidth: true
            Layout.topMargin: Theme.spaceS
            text: dialog.fileName.length > 0 ? qsTr("Saves %1").arg(dialog.fileName)
                                             : qsTr("Saves one file per conversation.")
            color: Theme.text
            wrapMode: Text.WrapAnywhere
        }
        Label {
            objectName: "exportReplaces"
            Layout.fillWidth: true
            visible: dialog.replaces
            text: dialog.fileName.length > 0
                  ? qsTr("A file of that name is in this folder already; exporting replaces it.")
                  : qsTr("Files of those names are in this folder already; exporting replaces them.")
            color: Theme.danger
            wrapMode: Text.Wrap
        }
    }

    footer: DialogButtonBox {
        alignment: Qt.AlignRight
        padding: Theme.spaceL
        spacing: Theme.spaceS
        background: null
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        PrimaryButton {
            objectName: "exportButton"
            text: qsTr("Export")
            enabled: dialog.folder.length > 0
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }

    FolderDialog {
        id: folderDialog
        title: qsTr("Choose the folder to export to")
        // Opened on the folder above with the current one selected, so that accepting at
        // once keeps it.
        currentFolder: ChatController.parentFolderUrl(dialog.folder)
        selectedFolder: ChatController.folderUrl(dialog.folder)
        acceptLabel: qsTr("Choose this folder")
        onAccepted: dialog.folder = ChatController.folderPath(selectedFolder)
    }
}
