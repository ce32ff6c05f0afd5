import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A number setting as a slider with its value shown next to it.
SettingRow {
    id: setting

    property real from: 0
    property real to: 1
    property real stepSize: 0.05
    property int decimals: 2
    property real value: 0
    signal moved(real value)

    Slider {
        objectName: setting.objectName + "Slider"
        Layout.fillWidth: true
        from: setting.from
        to: setting.to
        stepSize: setting.stepSize
        value: setting.value
        Accessible.name: setting.label
        onMoved: setting.moved(value)
    }
    Label {
        Layout.preferredWidth: Math.max(44, implicitWidth) // the value whole at any text size
        text: setting.value.toLocaleString(Theme.locale, "f", setting.decimals)
        color: Theme.text
        horizontalAlignment: Text.AlignRight
    }
}
