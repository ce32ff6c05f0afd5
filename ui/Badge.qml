import QtQuick
import QtQuick.Controls.Basic

// A small rounded label: "Recommended", "Fits", "In use", a tag.
Rectangle {
    id: badge

    property alias text: label.text
    property bool accent: false
    property bool warning: false
    property bool subtle: false

    implicitWidth: label.implicitWidth + 2 * Theme.spaceS
    implicitHeight: label.implicitHeight + 4
    radius: height / 2
    color: accent ? Theme.accent : subtle ? "transparent" : Theme.surfaceHover
    border.color: subtle ? Theme.border : warning ? Theme.danger : "transparent"

    Label {
        id: label
        anchors.centerIn: parent
        color: badge.accent ? Theme.accentText : badge.warning ? Theme.danger : Theme.textSecondary
        font.pixelSize: Theme.smallSize - 1
    }
}
