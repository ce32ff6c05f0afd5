import QtQuick
import QtQuick.Controls.Basic

// A tab of a page header (Discover, Installed): text with an accent underline when chosen.
TabButton {
    id: tab

    width: implicitWidth
    leftPadding: Theme.spaceM
    rightPadding: Theme.spaceM
    contentItem: Label {
        text: tab.text
        color: tab.checked ? Theme.text : Theme.textSecondary
        font.weight: tab.checked ? Font.DemiBold : Font.Normal
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Item {
        implicitHeight: Theme.headerHeight - 8
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 2
            color: tab.checked ? Theme.accent : tab.hovered ? Theme.border : "transparent"
        }
        // The keyboard focus ring, as on the other buttons.
        Rectangle {
            anchors.fill: parent
            radius: Theme.radius
            color: "transparent"
            border.color: Theme.accent
            visible: tab.visualFocus
        }
    }
}
