import QtQuick
import QtQuick.Controls.Basic

// A small borderless button showing a glyph, with a tooltip that doubles as its accessible
// name: the per-message actions, sibling arrows and header buttons.
ToolButton {
    id: button

    property string glyph
    property string tip

    implicitWidth: 28
    implicitHeight: 28
    Accessible.name: tip
    ToolTip.visible: hovered && tip.length > 0
    ToolTip.delay: 500
    ToolTip.text: tip

    contentItem: Label {
        text: button.glyph
        color: button.enabled ? (button.hovered ? Theme.text : Theme.textSecondary)
                              : Theme.border
        font.pixelSize: Theme.smallSize + 2
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: Theme.radius
        color: button.down ? Theme.surfaceHover : button.hovered ? Theme.surface : "transparent"
        border.color: button.visualFocus ? Theme.accent : "transparent"
    }
}
