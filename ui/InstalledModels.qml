import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The models on this computer: facts, "In use" and "Default" markers, Use, Set as default,
// Delete (after a confirmation that says how much space it frees), and Import.
ColumnLayout {
    id: installed

    signal importRequested

    spacing: Theme.spaceM

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spaceM
        Label {
            objectName: "diskUsage"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Models use %1 \u00b7 %2 free on this disk")
                      .arg(Theme.locale.formattedDataSize(ModelHub.library.diskUsage))
                      .arg(ModelHub.library.freeSpace >= 0 ? Theme.locale.formattedDataSize(ModelHub.library.freeSpace) : "?")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
        Button {
            objectName: "importGguf"
            text: qsTr("Import GGUF\u2026")
            onClicked: installed.importRequested()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Or drop a .gguf file onto the window")
        }
    }

    ListView {
        id: list
        objectName: "installedList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: Theme.spaceXs
        model: ModelHub.library
        ScrollBar.vertical: ScrollBar {}

        delegate: ItemDelegate {
            id: row
            required property string path
            required property string name
            required property string fileName
            required property string architecture
            required property string quant
            required property var size
            required property int contextLength
            required property bool runnable
            required property string problem
            required property bool imported
            required property string license
            readonly property bool inUse: path === ModelController.path && ModelController.state !== ModelController.None
            readonly property bool isDefault: path === ModelController.defaultModel

            width: ListView.view.width
            padding: Theme.spaceM
            Accessible.name: name
            background: Rectangle {
                radius: Theme.radius
                color: row.hovered ? Theme.surface : "transparent"
            }
            contentItem: RowLayout {
                spacing: Theme.spaceM
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    RowLayout {
                        spacing: Theme.spaceS
                        Label {
                            text: row.name
                            color: Theme.text
                            font.weight: Font.DemiBold
                            elide: Text.ElideRight
                            Layout.maximumWidth: 360
                        }
                        Badge { objectName: "inUseBadge"; visible: row.inUse; text: qsTr("In use"); accent: true }
                        Badge { visible: row.isDefault; text: qsTr("Default") }
                        Badge { visible: row.imported; text: qsTr("Imported"); subtle: true }
                    }
                    Label {
                        objectName: "installedFacts"
                        Layout.fillWidth: true
                        text: [row.architecture, row.quant, Theme.locale.formattedDataSize(row.size),
                               row.contextLength > 0 ? qsTr("%1 tokens of context").arg(row.contextLength.toLocaleString(Theme.locale, "f", 0)) : "",
                               row.license]
                              .filter(Boolean).join(" \u00b7 ")
                        color: Theme.textSecondary
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !row.runnable
                        text: row.problem
                        color: Theme.danger
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.Wrap
                    }
                }
                Button {
                    objectName: "useModel"
                    visible: row.runnable && !row.inUse
                    text: qsTr("Use")
                    flat: true
                    onClicked: ModelController.load(row.path)
                }
                Button {
                    objectName: "setDefaultModel"
                    visible: row.runnable && !row.isDefault
                    text: qsTr("Set as default")
                    flat: true
                    onClicked: ModelController.defaultModel = row.path
                }
                Button {
                    objectName: "deleteModel"
                    text: row.imported ? qsTr("Remove") : qsTr("Delete")
                    flat: true
                    enabled: !row.inUse || !ChatController.generating
                    onClicked: confirm.ask(row.path, row.name, row.size, row.imported)
                }
            }
        }

        Label {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.spaceXl
            visible: list.count === 0
            text: qsTr("No models yet. Download one from Discover, or import a .gguf file you already have.")
            color: Theme.textSecondary
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    Dialog {
        id: confirm
        objectName: "deleteModelDialog"
        property string path
        property string name
        property var size: 0
        property bool imported: false
        function ask(p, n, s, i) { path = p; name = n; size = s; imported = i; open() }

        anchors.centerIn: Overlay.overlay
        modal: true
        title: imported ? qsTr("Remove %1?").arg(name) : qsTr("Delete %1?").arg(name)
        standardButtons: Dialog.Cancel | Dialog.Ok
        width: 440
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            color: Theme.text
            text: confirm.imported
                  ? qsTr("Hearth forgets this model. The file stays where it is.")
                  : qsTr("The model file is deleted from this computer, freeing %1. Your conversations are kept.")
                        .arg(Theme.locale.formattedDataSize(confirm.size))
        }
        onAccepted: {
            if (confirm.path === ModelController.path)
                ModelController.unload()
            ModelHub.library.remove(confirm.path)
        }
    }
}
