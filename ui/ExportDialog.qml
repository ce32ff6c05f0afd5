import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// Exporting one conversation (or all, id 0): the format (Export.Format), which branches the
// readable formats show (Export.Scope), the folder (the one used last, else Documents; typed
// or chosen), the file it writes, and a warning when that replaces a file already there.
// Export starts it on a worker thread; the dialog then shows the progress with Cancel, and
// closes when it is done (the window's notice names the file).
Dialog {
    id: dialog

    property var conversationId: 0
    property int format: Export.Markdown
    property int scope: Export.ShownBranch
    property alias folder: folderField.text
    // This dialog started the export in flight.
    property bool exporting: false

    readonly property var transfers: ChatController.transfers
    readonly property bool readable: format !== Export.Json
    readonly property string fileName: ChatController.exportFileName(conversationId, format)
    readonly property bool replaces: visible && folder.length > 0
                                     && ChatController.exportReplaces(conversationId, format, folder)

    function ask(id, preferred) {
        conversationId = id
        format = preferred
        folder = ChatController.exportFolder
        exporting = false
        open()
    }
    function start() {
        exporting = ChatController.exportConversation(conversationId, format, scope, folder)
    }

    anchors.centerIn: Overlay.overlay
    width: Math.min(520, Overlay.overlay ? Overlay.overlay.width - 2 * Theme.spaceL : 520)
    modal: true
    closePolicy: exporting ? Popup.NoAutoClose : Popup.CloseOnEscape
    padding: Theme.spaceL
    title: conversationId > 0 ? qsTr("Export the conversation") : qsTr("Export every conversation")

    Connections {
        target: dialog.transfers
        function onActivityChanged() {
            if (dialog.exporting && dialog.transfers.activity === Transfers.Idle) {
                dialog.exporting = false
                dialog.close()
            }
        }
    }

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
        enabled: !dialog.exporting

        Label {
            text: qsTr("Format")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
        ChoiceBox {
            objectName: "exportFormat"
            Layout.fillWidth: true
            model: [Export.Markdown, Export.Html, Export.Pdf, Export.Text, Export.Json]
            names: [qsTr("Markdown (.md)"), qsTr("Web page (.html)"), qsTr("PDF document (.pdf)"),
                    qsTr("Plain text (.txt)"), qsTr("Hearth archive (.json), to import again")]
            currentIndex: model.indexOf(dialog.format)
            onActivated: index => dialog.format = model[index]
            Accessible.name: qsTr("Format")
        }

        Label {
            Layout.topMargin: Theme.spaceS
            visible: dialog.readable
            text: qsTr("Versions")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
        RowLayout {
            visible: dialog.readable
            spacing: Theme.spaceL
            RadioButton {
                objectName: "exportShownBranch"
                text: qsTr("This branch")
                checked: dialog.scope === Export.ShownBranch
                onToggled: if (checked) dialog.scope = Export.ShownBranch
            }
            RadioButton {
                objectName: "exportAllBranches"
                text: qsTr("All branches")
                checked: dialog.scope === Export.AllBranches
                onToggled: if (checked) dialog.scope = Export.AllBranches
            }
        }
        Label {
            objectName: "exportScopeHint"
            Layout.fillWidth: true
            visible: dialog.readable
            text: dialog.scope === Export.AllBranches
                  ? qsTr("Every edit and regenerated answer, as numbered versions.")
                  : qsTr("The messages as the chat shows them.")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
        }
        Label {
            visible: !dialog.readable
            Layout.fillWidth: true
            text: qsTr("The archive keeps every branch.")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
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

    footer: ColumnLayout {
        spacing: Theme.spaceS
        ProgressBar {
            objectName: "exportProgress"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spaceL
            Layout.rightMargin: Theme.spaceL
            visible: dialog.exporting
            from: 0
            to: Math.max(1, dialog.transfers.total)
            value: dialog.transfers.done
            indeterminate: dialog.transfers.total === 0
            Accessible.name: qsTr("Export progress")
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Layout.margins: Theme.spaceL
            Layout.topMargin: 0
            spacing: Theme.spaceS
            Button {
                objectName: "exportCancel"
                text: qsTr("Cancel")
                onClicked: dialog.exporting ? dialog.transfers.cancel() : dialog.reject()
            }
            PrimaryButton {
                objectName: "exportButton"
                text: qsTr("Export")
                enabled: dialog.folder.length > 0 && !dialog.exporting
                         && dialog.transfers.activity === Transfers.Idle
                onClicked: dialog.start()
            }
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
