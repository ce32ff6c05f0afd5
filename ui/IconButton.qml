import QtQuick
import QtQuick.Controls.Basic

// A small borderless button showing an icon (see Icon.qml), with a tooltip that doubles as
// its accessible name: the per-message actions, sibling arrows and header buttons.
ToolButton {
    id: button

    property string iconName
    property string tip

    implicitWidth: 28
    implicitHeight: 28
    Accessible.name: tip
    ToolTip.visible: hovered && tip.length > 0
    ToolTip.delay: 500
    ToolTip.text: tip

    contentItem: Item {
        Icon {
            anchors.centerIn: parent
            width: 18
            height: 18
            name: button.iconName
            color: button.enabled ? (button.hovered ? Theme.text : Theme.textSecondary)
                                  : Theme.border
        }
    }
    background: Rectangle {
        radius: Theme.radius
        color: button.down ? Theme.surfaceHover : button.hovered ? Theme.surface : "transparent"
        border.color: button.visualFocus ? Theme.accent : "transparent"
    }
}
