import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A file attached to a message: its name, pages and tokens in a small rounded chip. In the
// composer it can be removed (×); on a sent message a click opens its stored text. While the
// file is read or counted it says so; a count made before a model was loaded is marked as an
// estimate.
AbstractButton {
    id: chip

    property string fileName
    property int pages: 0
    property int tokens: -1
    property bool estimated: false
    property bool reading: false
    property bool removable: false

    signal removeRequested

    function abbreviated(n) {
        return n >= 1000 ? (n / 1000).toLocaleString(Theme.locale, "f", n >= 10000 ? 0 : 1) + "k"
                         : n.toLocaleString(Theme.locale, "f", 0)
    }

    readonly property string details: {
        if (reading && pages === 0)
            return qsTr("Reading\u2026")
        const parts = []
        if (pages > 0)
            parts.push(qsTr("%n page(s)", "", pages))
        if (tokens >= 0)
            parts.push(estimated ? qsTr("about %1 tokens").arg(abbreviated(tokens))
                                 : qsTr("%1 tokens").arg(abbreviated(tokens)))
        return parts.join(" \u00b7 ")
    }

    implicitWidth: Math.min(260, row.implicitWidth + 2 * Theme.spaceS)
    implicitHeight: row.implicitHeight + 2 * Theme.spaceXs
    hoverEnabled: true
    Accessible.name: qsTr("Attached file %1, %2").arg(fileName).arg(details)
    ToolTip.visible: hovered && (estimated || nameLabel.truncated)
    ToolTip.delay: 500
    ToolTip.text: estimated ? qsTr("%1: the token count is an estimate until a model is loaded.")
                                  .arg(fileName)
                            : fileName

    background: Rectangle {
        radius: Theme.radius
        color: chip.hovered && chip.enabled ? Theme.surfaceHover : Theme.surface
        border.color: chip.visualFocus ? Theme.accent : Theme.border
    }

    contentItem: Item {}

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spaceS
        anchors.rightMargin: chip.removable ? 0 : Theme.spaceS
        spacing: Theme.spaceS

        Icon {
            Layout.preferredWidth: 16
            Layout.preferredHeight: 16
            name: "attach"
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                id: nameLabel
                objectName: "chipName"
                Layout.fillWidth: true
                Layout.maximumWidth: 180
                text: chip.fileName
                elide: Text.ElideMiddle
                color: Theme.text
                font.pixelSize: Theme.smallSize
                font.weight: Font.Medium
            }
            Label {
                objectName: "chipDetails"
                text: chip.details
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize - 1
            }
        }
        IconButton {
            objectName: "chipRemove"
            visible: chip.removable
            implicitWidth: 24
            implicitHeight: 24
            iconName: "close"
            tip: qsTr("Remove %1").arg(chip.fileName)
            onClicked: chip.removeRequested()
        }
    }
}
