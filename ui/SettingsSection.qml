import QtQuick
import QtQuick.Controls.Basic

// A titled group on the settings page. Built from Columns, not layouts: text that wraps
// changes its height with its width, which sends Qt Quick Layouts into rearrange loops.
// Children set their width to the section's (width: parent.width).
Column {
    id: section

    property string title
    property string subtitle
    default property alias content: body.data

    width: parent ? parent.width : 0
    spacing: Theme.spaceS

    Label {
        text: section.title
        color: Theme.text
        font.pixelSize: Math.round(Theme.bodySize * 1.15)
        font.weight: Font.DemiBold
        Accessible.role: Accessible.Heading
    }
    Label {
        width: section.width
        visible: text.length > 0
        text: section.subtitle
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        wrapMode: Text.Wrap
    }
    Column {
        id: body
        width: section.width
        topPadding: Theme.spaceXs
        spacing: Theme.spaceS
    }
    Item {
        width: section.width
        height: Theme.spaceXl
        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width
            height: 1
            color: Theme.border
        }
    }
}
