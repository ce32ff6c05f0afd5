import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// How much of the model's context the conversation uses: a short bar and "1.2k / 4k",
// turning to the warning colour past 80%.
RowLayout {
    id: meter

    property int used: 0
    property int size: 0
    readonly property real fraction: size > 0 ? Math.min(1, used / size) : 0

    function abbreviated(n) {
        return n >= 1000 ? (n / 1000).toLocaleString(Theme.locale, "f", n >= 10000 ? 0 : 1) + "k"
                         : n.toString()
    }

    spacing: Theme.spaceXs
    function full(n) { return n.toLocaleString(Theme.locale, "f", 0) }

    Accessible.name: qsTr("Context: %1 of %2 tokens used").arg(full(used)).arg(full(size))

    Rectangle {
        implicitWidth: 48
        implicitHeight: 6
        radius: 3
        color: Theme.surfaceHover
        Rectangle {
            width: parent.width * meter.fraction
            height: parent.height
            radius: 3
            color: meter.fraction > 0.8 ? Theme.danger : Theme.accent
        }
    }
    Label {
        objectName: "contextLabel"
        text: qsTr("%1 / %2").arg(meter.abbreviated(meter.used)).arg(meter.abbreviated(meter.size))
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
    }

    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered
    ToolTip.text: qsTr("The model reads up to %1 tokens at once; this conversation uses %2.")
                      .arg(meter.full(meter.size)).arg(meter.full(meter.used))
}
