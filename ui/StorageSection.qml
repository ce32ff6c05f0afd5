import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import Hearth.Core

// Settings → Storage: where models and conversations live, exporting every conversation,
// and importing a Hearth archive (.json). The import runs on a worker thread with a progress
// bar and Cancel; its report says how many conversations were new, how many were there
// already (skipped as duplicates, or given the messages they lacked), and which were left out
// and why. An import only ever adds: a damaged archive is refused whole, with the reason.
SettingsSection {
    id: section
    objectName: "storageSection"
    title: qsTr("Storage")

    readonly property var transfers: ChatController.transfers
    readonly property bool importing: transfers.activity === Transfers.Importing

    SettingRow {
        label: qsTr("Models folder")
        hint: ModelHub.modelsFolder
        Button {
            objectName: "changeModelsFolder"
            text: qsTr("Change\u2026")
            enabled: !ModelHub.movingFolder
            onClicked: folderDialog.open()
        }
    }
    SettingRow {
        label: qsTr("Conversations")
        hint: ChatController.databasePath
        Button {
            objectName: "exportAll"
            text: qsTr("Export all\u2026")
            enabled: section.transfers.activity === Transfers.Idle
            onClicked: exportAllDialog.ask(0, Export.Json)
        }
    }
    SettingRow {
        label: qsTr("Import conversations")
        hint: qsTr("From a Hearth archive (.json). Conversations you have already are kept as they are.")
        Button {
            objectName: "importArchive"
            text: qsTr("Import\u2026")
            enabled: section.transfers.activity === Transfers.Idle
            onClicked: archiveDialog.open()
        }
    }
    Row {
        width: parent.width
        spacing: Theme.spaceS
        visible: section.importing
        ProgressBar {
            objectName: "importProgress"
            width: parent.width - cancelImport.width - parent.spacing
            anchors.verticalCenter: parent.verticalCenter
            from: 0
            to: Math.max(1, section.transfers.total)
            value: section.transfers.done
            indeterminate: section.transfers.total === 0
            Accessible.name: qsTr("Import progress")
        }
        Button {
            id: cancelImport
            objectName: "cancelImport"
            text: qsTr("Cancel")
            onClicked: section.transfers.cancel()
        }
    }
    Label {
        objectName: "importReport"
        width: parent.width
        visible: !section.importing && section.transfers.importOutcome !== Transfers.NoImport
        color: section.transfers.importOutcome === Transfers.Refused ? Theme.danger : Theme.text
        wrapMode: Text.Wrap
        text: {
            const t = section.transfers
            switch (t.importOutcome) {
            case Transfers.Cancelled:
                return qsTr("The import was cancelled; nothing was added.")
            case Transfers.Refused:
                return qsTr("Nothing was imported: %1").arg(t.importError)
            case Transfers.Imported:
                return qsTr("%n new conversation(s)", "", t.importAdded) + " \u00b7 "
                       + qsTr("%n completed with new messages", "", t.importMerged) + " \u00b7 "
                       + qsTr("%n skipped as already there", "", t.importSkipped) + " \u00b7 "
                       + qsTr("%n failed", "", t.importFailures.length)
            }
            return ""
        }
    }
    Repeater {
        model: section.importing ? [] : section.transfers.importFailures
        delegate: Label {
            objectName: "importFailure"
            required property string modelData
            width: section.width
            text: modelData
            color: Theme.danger
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
        }
    }
    Label {
        width: parent.width
        text: qsTr("Models use %1; %2 free on that disk.")
                  .arg(Theme.locale.formattedDataSize(ModelHub.library.diskUsage))
                  .arg(ModelHub.library.freeSpace >= 0 ? Theme.locale.formattedDataSize(ModelHub.library.freeSpace) : "?")
        color: Theme.textSecondary
        wrapMode: Text.Wrap
    }

    FileDialog {
        id: archiveDialog
        objectName: "archiveDialog"
        title: qsTr("Choose a Hearth archive to import")
        nameFilters: [qsTr("Hearth archives (*.json)")]
        onAccepted: section.transfers.importArchive(selectedFile)
    }
    FolderDialog {
        id: folderDialog
        title: qsTr("Choose the models folder")
        onAccepted: moveChoice.ask(selectedFolder)
    }
    Dialog {
        id: moveChoice
        property url folder
        function ask(f) { folder = f; open() }
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Use this folder for models?")
        width: 440
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            color: Theme.text
            text: qsTr("Move the models you have there, or keep them where they are and use the models already in the new folder.")
        }
        footer: DialogButtonBox {
            Button { text: qsTr("Move models"); DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
                     onClicked: ModelHub.setModelsFolder(moveChoice.folder, true) }
            Button { text: qsTr("Use as it is"); DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
                     onClicked: { ModelHub.setModelsFolder(moveChoice.folder, false); moveChoice.close() } }
            Button { text: qsTr("Cancel"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        }
    }
    ExportDialog {
        id: exportAllDialog
        objectName: "exportAllDialog"
    }
}
