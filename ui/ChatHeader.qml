import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Slim header over the chat: sidebar toggle, model picker (installed models; switching keeps
// the conversation), load progress, the device in use with the last answer's speed, and a
// meter of the context in use.
Rectangle {
    id: header

    property alias modelPicker: modelPicker
    signal toggleSidebar
    signal exportRequested

    implicitHeight: Theme.headerHeight
    color: Theme.background

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spaceM
        anchors.rightMargin: Theme.spaceL
        spacing: Theme.spaceM

        IconButton {
            iconName: "menu"
            tip: qsTr("Show or hide the sidebar (Ctrl+B)")
            onClicked: header.toggleSidebar()
        }

        ComboBox {
            id: modelPicker
            objectName: "modelPicker"
            // The pickers give up width first when the header is crowded, so that the
            // context meter and the speed stay in view.
            Layout.fillWidth: true
            Layout.maximumWidth: 280 * Math.min(Theme.fontScale, 1.5)
            Layout.minimumWidth: 120
            model: ModelHub.library
            textRole: "name"
            valueRole: "path"
            enabled: count > 0
            currentIndex: ModelHub.library.count, ModelHub.library.indexOf(ModelController.path)
            displayText: ModelController.state === ModelController.None || count === 0 ? qsTr("No model loaded")
                         : ModelController.name
            Accessible.name: qsTr("Model")
            ToolTip.visible: hovered && ModelController.path.length > 0
            ToolTip.delay: 500
            ToolTip.text: ModelController.path
            onActivated: index => ModelController.load(valueAt(index))
            // Models Hearth cannot run are listed, greyed, with the reason as a tooltip.
            delegate: ChoiceDelegate {
                required property int index
                required property string name
                required property bool runnable
                required property string problem
                text: name
                enabled: runnable
                highlighted: modelPicker.highlightedIndex === index
                ToolTip.visible: hovered && !runnable
                ToolTip.text: problem
            }
            contentItem: Label {
                leftPadding: Theme.spaceM
                text: modelPicker.displayText
                color: ModelController.state === ModelController.Ready ? Theme.text : Theme.textSecondary
                font.weight: Font.Medium
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
            }
            background: Rectangle {
                radius: Theme.radius
                color: modelPicker.hovered ? Theme.surface : "transparent"
                border.color: modelPicker.visualFocus ? Theme.accent : "transparent"
            }
        }

        ComboBox {
            id: personaPicker
            objectName: "personaPicker"
            Layout.fillWidth: true
            Layout.maximumWidth: 190 * Math.min(Theme.fontScale, 1.5)
            Layout.minimumWidth: 100
            // "No persona", the personas, and "Custom" for a prompt from elsewhere (an import).
            readonly property int match: ChatController.personas.count,
                ChatController.personas.indexOfPrompt(ChatController.systemPrompt)
            model: {
                const names = [qsTr("No persona")]
                for (let i = 0; i < ChatController.personas.count; ++i)
                    names.push(ChatController.personas.data(ChatController.personas.index(i, 0), PersonaModel.NameRole))
                if (ChatController.systemPrompt.length > 0 && match < 0)
                    names.push(qsTr("Custom"))
                return names
            }
            currentIndex: ChatController.systemPrompt.length === 0 ? 0 : match >= 0 ? match + 1 : count - 1
            delegate: ChoiceDelegate {
                required property int index
                required property string modelData
                text: modelData
                highlighted: personaPicker.highlightedIndex === index
            }
            onActivated: index => {
                if (index === 0)
                    ChatController.systemPrompt = ""
                else if (index <= ChatController.personas.count)
                    ChatController.systemPrompt = ChatController.personas.prompt(index - 1)
            }
            Accessible.name: qsTr("Persona for this conversation")
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: ChatController.systemPrompt.length > 0 ? ChatController.systemPrompt
                                                                 : qsTr("No instructions for the model")
            contentItem: Label {
                leftPadding: Theme.spaceM
                text: personaPicker.displayText
                color: ChatController.systemPrompt.length > 0 ? Theme.text : Theme.textSecondary
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
            }
            background: Rectangle {
                radius: Theme.radius
                color: personaPicker.hovered ? Theme.surface : "transparent"
                border.color: personaPicker.visualFocus ? Theme.accent : "transparent"
            }
        }

        CollectionsPicker {}

        ProgressBar {
            objectName: "loadProgress"
            Layout.preferredWidth: 120
            visible: ModelController.state === ModelController.Loading
            value: ModelController.loadProgress
            indeterminate: ModelController.loadProgress <= 0
            Accessible.name: qsTr("Loading the model")
        }

        Item {
            Layout.fillWidth: true
            Layout.preferredWidth: 0
        }

        Label {
            objectName: "droppedLabel"
            visible: ChatController.droppedMessages > 0
            Layout.fillWidth: true
            Layout.maximumWidth: implicitWidth
            text: qsTr("%n oldest message(s) left out", "", ChatController.droppedMessages)
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            elide: Text.ElideRight
            HoverHandler { id: droppedHover }
            ToolTip.visible: droppedHover.hovered && truncated
            ToolTip.text: text
        }

        IconButton {
            objectName: "headerExport"
            visible: ChatController.currentConversation > 0
            iconName: "more"
            tip: qsTr("Export this conversation (Ctrl+E)")
            onClicked: header.exportRequested()
        }

        ContextMeter {
            objectName: "contextMeter"
            visible: ModelController.state === ModelController.Ready
            // The files about to be sent count too: they take room before the answer starts.
            used: ChatController.contextUsed + ChatController.attachments.totalTokens
            size: ModelController.contextSize
        }

        Label {
            objectName: "deviceLabel"
            // Its whole width before the pickers and the gap get any (see the pickers).
            Layout.maximumWidth: Math.min(260 * Theme.fontScale, implicitWidth)
            elide: Text.ElideRight
            text: {
                if (ModelController.state !== ModelController.Ready)
                    return qsTr("Private and offline")
                const device = ModelController.deviceName
                return ChatController.tokensPerSecond > 0
                    ? qsTr("%1 \u00b7 %2 tokens/s").arg(device)
                          .arg(ChatController.tokensPerSecond.toLocaleString(Theme.locale, "f", 1))
                    : device
            }
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            HoverHandler { id: deviceHover }
            ToolTip.visible: deviceHover.hovered && ModelController.fallbackReason.length > 0
            ToolTip.text: qsTr("Hearth uses the CPU because %1").arg(ModelController.fallbackReason)
        }
    }

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }
}
