import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Under an answer made with document search: the sources it cites (file and page), each a
// button that opens the file in Hearth at that page (a PDF) or passage (any other file); or, when the search found nothing, a line saying so. `sources` is the
// message's sources role (see MessageListModel::SourcesRole).
ColumnLayout {
    id: list

    required property var sources

    readonly property var items: sources && sources.items ? sources.items : []
    readonly property bool searched: sources !== undefined && sources.searched !== undefined

    // How much of a passage a source's tooltip shows.
    readonly property int tipChars: 200

    signal openRequested(var source)

    visible: searched
    spacing: Theme.spaceXs

    Label {
        objectName: "noSourcesLabel"
        Layout.fillWidth: true
        visible: list.items.length === 0
        text: qsTr("No sources found in %1; the answer does not come from your documents.").arg(list.sources.searched || "")
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        wrapMode: Text.Wrap
    }

    Label {
        visible: list.items.length > 0
        text: list.sources.cited ? qsTr("Sources") : qsTr("Sources given to the model")
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        font.weight: Font.Medium
    }

    Flow {
        Layout.fillWidth: true
        spacing: Theme.spaceXs
        Repeater {
            model: list.items
            delegate: Button {
                id: chip
                required property var modelData
                objectName: "sourceButton"
                flat: true
                padding: Theme.spaceXs
                leftPadding: Theme.spaceS
                rightPadding: Theme.spaceS
                enabled: modelData.exists
                text: modelData.paged
                      ? qsTr("[%1] %2, page %3").arg(modelData.number).arg(modelData.title).arg(modelData.page)
                      : qsTr("[%1] %2").arg(modelData.number).arg(modelData.title)
                font.pixelSize: Theme.smallSize
                // The passage's start on hover and on keyboard focus: what the answer drew on.
                readonly property string passage: modelData.excerpt.length > list.tipChars
                                                  ? modelData.excerpt.slice(0, list.tipChars).trim() + "…"
                                                  : modelData.excerpt
                ToolTip.visible: hovered || visualFocus
                ToolTip.delay: 500
                ToolTip.text: modelData.exists ? modelData.path + "\n\n" + passage
                                               : qsTr("This file is no longer there: %1").arg(modelData.path)
                Accessible.name: text
                Accessible.description: modelData.exists ? passage : ToolTip.text
                onClicked: list.openRequested(modelData)
                contentItem: Label {
                    text: chip.text
                    font: chip.font
                    color: chip.enabled ? Theme.accent : Theme.textSecondary
                    elide: Text.ElideMiddle
                }
                background: Rectangle {
                    radius: Theme.radius
                    color: chip.hovered ? Theme.surfaceHover : Theme.surface
                    border.color: chip.visualFocus ? Theme.accent : "transparent"
                }
            }
        }
    }
}
