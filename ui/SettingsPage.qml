import QtCore
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// Settings, applied at once and kept: generation (per model), personas, hardware,
// appearance, storage, privacy.
Item {
    id: page

    signal done

    // Appearance is applied when the window is made (a --theme given on the command line
    // then overrides the scheme for that run only).
    Settings {
        id: appearance
        location: AppInfo.settingsUrl
        category: "appearance"
        property string scheme: "system"
        property real fontScale: 1.0
    }
    Component.onCompleted: {
        Theme.scheme = appearance.scheme
        Theme.fontScale = appearance.fontScale
    }
    onVisibleChanged: if (visible && HardwareInfo.devices.length === 0 && !HardwareInfo.scanning) HardwareInfo.refresh()

    readonly property var gen: ChatController.generation
    readonly property bool modelReady: ModelController.state === ModelController.Ready

    Shortcut {
        sequence: "Esc"
        enabled: page.visible
        onActivated: page.done()
    }

    // Keeps `item` where it is on screen while the page reflows (the text size changes
    // everything above the slider): the content is scrolled back each time its height
    // changes, for a moment after the change.
    property Item heldItem: null
    property real heldAt: 0
    function holdInView(item) {
        if (!heldItem)
            heldAt = item.mapToItem(scroll, 0, 0).y
        heldItem = item
        releaseHold.restart()
    }
    Timer {
        id: releaseHold
        interval: 500
        onTriggered: page.heldItem = null
    }
    Connections {
        target: scroll.contentItem
        function onContentHeightChanged() {
            if (!page.heldItem)
                return
            const flick = scroll.contentItem
            const drift = page.heldItem.mapToItem(scroll, 0, 0).y - page.heldAt
            flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, flick.contentY + drift))
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        Column {
            x: Math.max(Theme.spaceL, (scroll.availableWidth - width) / 2)
            width: Math.min(scroll.availableWidth - 2 * Theme.spaceL, Theme.columnMaxWidth)
            topPadding: Theme.spaceL
            spacing: Theme.spaceM

            Label {
                text: qsTr("Settings")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.weight: Font.DemiBold
            }

            SettingsSection {
                objectName: "generationSection"
                title: qsTr("Generation")
                subtitle: page.modelReady
                          ? qsTr("For %1. Changes apply to the next answer.").arg(ModelController.name)
                          : qsTr("Load a model to change how it writes.")
                enabled: page.modelReady

                SliderSetting {
                    objectName: "temperature"
                    label: qsTr("Temperature")
                    hint: qsTr("Higher is more varied, lower more focused.")
                    from: page.gen.ranges.temperature.from; to: page.gen.ranges.temperature.to; value: page.gen.temperature
                    onMoved: v => page.gen.temperature = v
                }
                SettingRow {
                    label: qsTr("Top-k")
                    hint: qsTr("Choose among this many likely words (0: no limit).")
                    SpinBox {
                        objectName: "topK"
                        from: page.gen.ranges.topK.from; to: page.gen.ranges.topK.to
                        editable: true
                        value: page.gen.topK
                        onValueModified: page.gen.topK = value
                        Accessible.name: qsTr("Top-k")
                    }
                }
                SliderSetting {
                    objectName: "topP"
                    label: qsTr("Top-p")
                    from: page.gen.ranges.topP.from; to: page.gen.ranges.topP.to; value: page.gen.topP
                    onMoved: v => page.gen.topP = v
                }
                SliderSetting {
                    objectName: "minP"
                    label: qsTr("Min-p")
                    from: page.gen.ranges.minP.from; to: page.gen.ranges.minP.to; stepSize: 0.01; value: page.gen.minP
                    onMoved: v => page.gen.minP = v
                }
                SliderSetting {
                    objectName: "repeatPenalty"
                    label: qsTr("Repeat penalty")
                    hint: qsTr("Above 1 discourages repeating the same words.")
                    from: page.gen.ranges.repeatPenalty.from; to: page.gen.ranges.repeatPenalty.to; value: page.gen.repeatPenalty
                    onMoved: v => page.gen.repeatPenalty = v
                }
                SettingRow {
                    label: qsTr("Longest answer")
                    hint: qsTr("In tokens (about \u00be of a word each).")
                    SpinBox {
                        objectName: "maxTokens"
                        from: 16; to: 32768; stepSize: 256; editable: true
                        value: page.gen.maxTokens
                        onValueModified: page.gen.maxTokens = value
                        Accessible.name: qsTr("Longest answer")
                    }
                }
                SettingRow {
                    label: qsTr("Context length")
                    hint: qsTr("How much of the conversation the model reads. More needs more memory; applies when the model is loaded again.")
                    SpinBox {
                        objectName: "contextLength"
                        from: 256; to: 131072; stepSize: 1024; editable: true
                        value: page.gen.contextLength
                        onValueModified: page.gen.contextLength = value
                        Accessible.name: qsTr("Context length")
                    }
                    Button {
                        objectName: "reloadModel"
                        visible: page.modelReady && page.gen.contextLength !== ModelController.contextSize
                        text: qsTr("Reload")
                        flat: true
                        onClicked: {
                            const path = ModelController.path
                            ModelController.unload()
                            ModelController.load(path)
                        }
                    }
                }
                SettingRow {
                    // Only for models whose template takes a thinking budget (Seed-OSS).
                    visible: page.gen.thinkingBudgetSupported
                    label: qsTr("Thinking budget")
                    hint: qsTr("How long the model may think before it answers, in tokens.")
                    ComboBox {
                        id: thinkingBudget
                        objectName: "thinkingBudget"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { value: -1, text: qsTr("No limit") },
                            { value: 0, text: qsTr("Answer without thinking") },
                            { value: 512, text: qsTr("%n tokens", "", 512) },
                            { value: 1024, text: qsTr("%n tokens", "", 1024) },
                            { value: 2048, text: qsTr("%n tokens", "", 2048) },
                            { value: 4096, text: qsTr("%n tokens", "", 4096) },
                            { value: 8192, text: qsTr("%n tokens", "", 8192) },
                            { value: 16384, text: qsTr("%n tokens", "", 16384) }
                        ]
                        currentIndex: indexOfValue(page.gen.thinkingBudget)
                        onActivated: page.gen.thinkingBudget = currentValue
                        Accessible.name: qsTr("Thinking budget")
                    }
                }
                SettingRow {
                    // Only for models whose template takes a reasoning effort (gpt-oss).
                    visible: page.gen.reasoningEffortSupported
                    label: qsTr("Reasoning effort")
                    hint: qsTr("How long the model reasons before it answers.")
                    ComboBox {
                        id: reasoningEffort
                        objectName: "reasoningEffort"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { value: GenerationSettings.Low, text: qsTr("Low") },
                            { value: GenerationSettings.Medium, text: qsTr("Medium") },
                            { value: GenerationSettings.High, text: qsTr("High") }
                        ]
                        currentIndex: indexOfValue(page.gen.reasoningEffort)
                        onActivated: page.gen.reasoningEffort = currentValue
                        Accessible.name: qsTr("Reasoning effort")
                    }
                }
                SettingRow {
                    label: qsTr("Seed")
                    hint: qsTr("A fixed seed gives the same answer to the same conversation.")
                    CheckBox {
                        objectName: "fixedSeed"
                        text: qsTr("Fixed")
                        checked: page.gen.fixedSeed
                        onToggled: page.gen.fixedSeed = checked
                    }
                    TextField {
                        objectName: "seed"
                        Layout.fillWidth: true
                        enabled: page.gen.fixedSeed
                        text: page.gen.seed
                        validator: RegularExpressionValidator { regularExpression: /[0-9]{1,19}/ }
                        onEditingFinished: page.gen.seed = text
                        Accessible.name: qsTr("Seed")
                    }
                }
                Button {
                    objectName: "resetGeneration"
                    enabled: page.gen.customized
                    text: qsTr("Reset to the model's recommended values")
                    onClicked: page.gen.reset()
                }
            }

            SettingsSection {
                title: qsTr("Personas")
                subtitle: qsTr("Instructions the model follows in a conversation. Choose one for each conversation next to the model picker.")
                PersonaEditor {
                    width: parent.width
                }
            }

            SettingsSection {
                objectName: "hardwareSection"
                title: qsTr("Hardware")
                subtitle: ModelController.state === ModelController.Ready
                          ? qsTr("In use: %1").arg(ModelController.deviceName)
                          : ""
                Label {
                    objectName: "cpuKernels"
                    width: parent.width
                    text: qsTr("Processor: %n physical cores, %1 instructions", "", HardwareInfo.physicalCores)
                              .arg(HardwareInfo.cpuKernels)
                          + (ModelHub.readBandwidth > 0
                             ? " \u00b7 " + qsTr("memory reads %1 GB/s").arg(ModelHub.readBandwidth.toLocaleString(Qt.locale(), "f", 0))
                             : "")
                    color: Theme.text
                    wrapMode: Text.Wrap
                }
                Label {
                    objectName: "backendMeasurements"
                    width: parent.width
                    visible: ModelController.backendMeasurements.length > 0
                    text: qsTr("Measured on this computer when the model was first loaded: %1").arg(ModelController.backendMeasurements)
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }
                Label {
                    width: parent.width
                    visible: ModelController.fallbackReason.length > 0
                    text: qsTr("Hearth uses the CPU because %1").arg(ModelController.fallbackReason)
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }
                Repeater {
                    model: HardwareInfo.devices
                    delegate: Label {
                        required property var modelData
                        width: parent.width
                        readonly property bool inUse: modelData.name === ModelController.gpuInUse
                        text: "%1 \u00b7 %2 \u00b7 %3 \u00b7 %4".arg(modelData.name).arg(modelData.type)
                                  .arg(Theme.locale.formattedDataSize(modelData.memoryBytes)).arg(modelData.driver)
                              + (inUse ? " \u00b7 " + qsTr("in use") : "")
                        font.weight: inUse ? Font.DemiBold : Font.Normal
                        color: Theme.text
                        wrapMode: Text.Wrap
                    }
                }
                Label {
                    width: parent.width
                    visible: HardwareInfo.scanning || HardwareInfo.error.length > 0
                    text: HardwareInfo.scanning ? qsTr("Looking for graphics processors\u2026")
                                                : qsTr("No Vulkan device: %1").arg(HardwareInfo.error)
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }
                BackendSettings {
                    width: parent.width
                }
            }

            SettingsSection {
                title: qsTr("Appearance")
                SettingRow {
                    label: qsTr("Colours")
                    ChoiceBox {
                        objectName: "schemeChoice"
                        Layout.fillWidth: true
                        model: ["system", "light", "dark"]
                        names: [qsTr("Follow the system"), qsTr("Light"), qsTr("Dark")]
                        currentIndex: model.indexOf(Theme.scheme)
                        onActivated: index => Theme.scheme = appearance.scheme = model[index]
                        Accessible.name: qsTr("Colours")
                    }
                }
                SliderSetting {
                    id: textSize
                    objectName: "fontScale"
                    label: qsTr("Text size")
                    from: 0.85; to: 2.0; value: Theme.fontScale
                    onMoved: v => {
                        page.holdInView(textSize)
                        Theme.fontScale = appearance.fontScale = v
                    }
                }
                SettingRow {
                    label: qsTr("Language")
                    ChoiceBox {
                        objectName: "languageChoice"
                        Layout.fillWidth: true
                        model: Languages.codes
                        names: Languages.names
                        currentIndex: Languages.codes.indexOf(Languages.language)
                        onActivated: index => Languages.language = Languages.codes[index]
                        Accessible.name: qsTr("Language")
                    }
                }
            }

            StorageSection {}

            ApiServerSection {}
            CollectionsSection {}

            SettingsSection {
                objectName: "privacySection"
                title: qsTr("Privacy")
                subtitle: qsTr("Nothing you write leaves this computer. Hearth uses the network only when you download a model, refresh the catalog or ask Hugging Face, and sends nothing about you. Every request it made since it started is listed here.")
                Repeater {
                    model: ModelHub.networkLog
                    delegate: Label {
                        objectName: "networkEntry"
                        required property var time
                        required property string method
                        required property string url
                        required property int status // answered by the local API server; 0: the app's own
                        width: parent.width
                        text: "%1  %2  %3%4".arg(time.toLocaleTimeString(Theme.locale, Locale.ShortFormat)).arg(method).arg(url)
                              .arg(status > 0 ? "  " + status : "")
                        color: Theme.text
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WrapAnywhere
                    }
                }
                Label {
                    objectName: "noNetwork"
                    visible: ModelHub.networkLog.count === 0
                    text: qsTr("No network requests since Hearth started.")
                    color: Theme.textSecondary
                }
            }
        }
    }
}
