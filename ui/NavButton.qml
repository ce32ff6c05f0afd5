import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A sidebar entry for a page (Models, Settings): icon, name, an optional count badge, and
// the active page highlighted.
ItemDelegate {
    id: button

    property string iconName
    property bool active: false
    property int badge: 0

    Layout.fillWidth: true
    implicitHeight: 34
    topPadding: 0
    bottomPadding: 0
    leftPadding: Theme.spaceS
    // An ItemDelegate takes no keyboard focus by default; these are buttons, so Tab reaches them.
    focusPolicy: Qt.StrongFocus
    Accessible.name: text

    background: Rectangle {
        radius: Theme.radius
        color: button.active ? Theme.surfaceHover : button.hovered ? Theme.surface : "transparent"
        border.color: button.visualFocus ? Theme.accent : "transparent"
    }
    contentItem: RowLayout {
        spacing: Theme.spaceS
        Icon {
            name: button.iconName
            color: button.active ? Theme.text : Theme.textSecondary
            Layout.preferredWidth: 18
            Layout.preferredHeight: 18
        }
        Label {
            Layout.fillWidth: true
            text: button.text
            color: Theme.text
            font.weight: button.active ? Font.DemiBold : Font.Normal
        }
        Rectangle {
            visible: button.badge > 0
            implicitWidth: Math.max(20, count.implicitWidth + 10)
            implicitHeight: 20
            radius: 10
            color: Theme.accent
            Label {
                id: count
                anchors.centerIn: parent
                text: button.badge
                color: Theme.accentText
                font.pixelSize: Theme.smallSize - 1
            }
        }
    }
}
