import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// Settings → Document collections: the folders whose documents Hearth indexes for document
// search (text, Markdown, code, HTML and PDF), each with its state: the pass running (files,
// pages, time left; it can be cancelled) or what is indexed, and files that could not be
// read. A conversation turns collections on from its header.
SettingsSection {
    id: section
    objectName: "collectionsSection"
    title: qsTr("Document collections")
    subtitle: qsTr("Folders of your documents that a conversation can search. Hearth reads them on this computer, keeps an index beside your conversations and follows changes to the files.")

    Repeater {
        model: ChatController.collections
        delegate: Column {
            id: row
            required property string uuid
            required property string name
            required property string folder
            required property int state
            required property int filesDone
            required property int filesTotal
            required property int pagesDone
            required property real secondsLeft
            required property int files
            required property int pages
            required property int failedFiles
            required property string error
            readonly property bool busy: state === CollectionManager.Queued
                                         || state === CollectionManager.Indexing

            objectName: "collectionRow"
            width: section.width
            spacing: Theme.spaceXs

            RowLayout {
                width: parent.width
                spacing: Theme.spaceS
                TextField {
                    objectName: "collectionName"
                    Layout.fillWidth: true
                    text: row.name
                    Accessible.name: qsTr("Name of the collection")
                    onEditingFinished: ChatController.collections.rename(row.uuid, text)
                }
                Button {
                    visible: row.busy
                    text: qsTr("Cancel")
                    onClicked: ChatController.collections.cancel(row.uuid)
                }
                Button {
                    visible: !row.busy
                    text: qsTr("Index again")
                    onClicked: ChatController.collections.reindex(row.uuid)
                }
                Button {
                    objectName: "removeCollection"
                    text: qsTr("Remove")
                    onClicked: ChatController.collections.remove(row.uuid)
                }
            }
            Label {
                width: parent.width
                text: row.folder
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                elide: Text.ElideMiddle
            }
            ProgressBar {
                width: parent.width
                visible: row.busy
                from: 0
                to: Math.max(1, row.filesTotal)
                value: row.filesDone
                indeterminate: row.filesTotal === 0
            }
            Label {
                objectName: "collectionStatus"
                width: parent.width
                wrapMode: Text.Wrap
                color: row.state === CollectionManager.Failed ? Theme.danger : Theme.textSecondary
                font.pixelSize: Theme.smallSize
                text: {
                    if (row.state === CollectionManager.Failed)
                        return qsTr("Could not index this folder: %1").arg(row.error)
                    if (row.state === CollectionManager.Queued)
                        return qsTr("Waiting to be indexed\u2026")
                    if (row.state === CollectionManager.Indexing) {
                        const left = row.secondsLeft < 0 ? ""
                            : row.secondsLeft < 60 ? qsTr("less than a minute left")
                            : qsTr("about %1 min left").arg(Math.ceil(row.secondsLeft / 60))
                        return qsTr("Indexing: file %1 of %2, %3 pages read").arg(row.filesDone)
                                   .arg(row.filesTotal).arg(row.pagesDone)
                               + (left.length > 0 ? " \u00b7 " + left : "")
                    }
                    const done = qsTr("Files indexed: %1, pages: %2").arg(row.files).arg(row.pages)
                    return row.failedFiles > 0
                        ? done + " \u00b7 " + qsTr("could not be read: %1").arg(row.failedFiles)
                        : done
                }
            }
        }
    }

    Button {
        objectName: "addCollection"
        text: qsTr("Add a folder\u2026")
        onClicked: collectionFolder.open()
    }

    FolderDialog {
        id: collectionFolder
        title: qsTr("Choose a folder of documents")
        onAccepted: ChatController.collections.add(selectedFolder.toString())
    }
}
