import QtQuick
import QtQuick.Controls.Basic
import Hearth.Core

// Where the next load runs the model (part of the settings page's hardware section): CPU
// threads, how many layers go to the graphics card (partial offload: the rest run on the
// CPU), or the CPU alone. Each applies when a model is loaded next.
Column {
    width: parent ? parent.width : 0
    spacing: Theme.spaceS

    SettingRow {
        label: qsTr("CPU threads")
        SpinBox {
            objectName: "cpuThreads"
            from: 0
            to: 256
            value: ModelController.cpuThreads
            textFromValue: (value, locale) => value === 0
                ? qsTr("Automatic (%1)").arg(HardwareInfo.physicalCores) : Number(value).toLocaleString(locale, "f", 0)
            onValueModified: ModelController.cpuThreads = value
            Accessible.name: qsTr("CPU threads")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Applies when a model is loaded next. Automatic uses one thread per physical core, which is fastest on most computers.")
        }
    }
    SettingRow {
        label: qsTr("GPU layers")
        hint: ModelController.modelLayers > 0
              ? qsTr("The loaded model has %n layer(s).", "", ModelController.modelLayers) : ""
        enabled: ModelController.backendPreference !== "cpu"
        SpinBox {
            objectName: "gpuLayers"
            from: -1
            to: ModelController.modelLayers > 0 ? ModelController.modelLayers : 256
            value: ModelController.gpuLayers
            textFromValue: (value, locale) => value < 0
                ? qsTr("Automatic") : Number(value).toLocaleString(locale, "f", 0)
            onValueModified: ModelController.gpuLayers = value
            Accessible.name: qsTr("GPU layers")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("How many of the model's layers run on the graphics card; the rest run on the CPU. Automatic puts as many there as its free memory holds. Applies when a model is loaded next.")
        }
    }
    CheckBox {
        objectName: "cpuOnly"
        text: qsTr("Use the CPU only")
        checked: ModelController.backendPreference === "cpu"
        onToggled: ModelController.backendPreference = checked ? "cpu" : "auto"
    }
}
