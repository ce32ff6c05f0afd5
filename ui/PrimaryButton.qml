import QtQuick
import QtQuick.Controls.Basic

// The one main action of a place (Download, Send an edit, Leave out old turns), in the
// accent colour.
Button {
    id: button

    contentItem: Label {
        text: button.text
        color: button.enabled ? Theme.accentText : Theme.textSecondary
        font.weight: Font.Medium
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        implicitWidth: 72
        implicitHeight: 32
        radius: Theme.radius
        color: !button.enabled ? Theme.surfaceHover
             : button.down ? Qt.darker(Theme.accent, 1.15)
             : button.hovered ? Qt.lighter(Theme.accent, 1.08) : Theme.accent
        border.color: button.visualFocus ? Theme.text : "transparent"
    }
}
