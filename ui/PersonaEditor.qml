import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The personas: each with Edit and Delete, and Add; editing happens in place.
ColumnLayout {
    id: editor

    property int editing: -2 // row being edited, -1 for a new one, -2 none

    function start(row) {
        editing = row
        nameField.text = row >= 0 ? ChatController.personas.data(ChatController.personas.index(row, 0), PersonaModel.NameRole) : ""
        promptField.text = row >= 0 ? ChatController.personas.prompt(row) : ""
        nameField.forceActiveFocus()
    }

    spacing: Theme.spaceXs

    Repeater {
        model: ChatController.personas
        delegate: RowLayout {
            required property int index
            required property string name
            required property string prompt
            Layout.fillWidth: true
            visible: editor.editing !== index
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label { text: name; color: Theme.text; font.weight: Font.Medium }
                Label {
                    Layout.fillWidth: true
                    text: prompt
                    color: Theme.textSecondary
                    font.pixelSize: Theme.smallSize
                    elide: Text.ElideRight
                }
            }
            Button { text: qsTr("Edit"); flat: true; onClicked: editor.start(index) }
            Button {
                text: qsTr("Delete")
                flat: true
                onClicked: { // after the click: the row, this button included, goes away
                    const at = index
                    Qt.callLater(() => ChatController.personas.remove(at))
                }
            }
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        visible: editor.editing > -2
        spacing: Theme.spaceXs
        TextField {
            id: nameField
            objectName: "personaName"
            Layout.fillWidth: true
            placeholderText: qsTr("Name, e.g. Travel planner")
            Accessible.name: qsTr("Persona name")
        }
        TextArea {
            id: promptField
            objectName: "personaPrompt"
            Layout.fillWidth: true
            Layout.preferredHeight: 96 * Theme.fontScale
            wrapMode: TextEdit.Wrap
            Accessible.name: qsTr("Persona instructions")
            Accessible.description: promptHint.text
            // Tab moves on (as in the composer) instead of typing a tab: no keyboard trap.
            Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
            Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
        }
        // Under the field rather than its placeholder, which is one line and was cut short.
        Label {
            id: promptHint
            Layout.fillWidth: true
            text: qsTr("What the model should do, e.g. \u201cYou help plan trips. Ask about budget and dates first.\u201d")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
        }
        RowLayout {
            Button { text: qsTr("Cancel"); flat: true; onClicked: editor.editing = -2 }
            PrimaryButton {
                objectName: "savePersona"
                text: qsTr("Save")
                enabled: nameField.text.trim().length > 0
                onClicked: {
                    if (editor.editing >= 0)
                        ChatController.personas.update(editor.editing, nameField.text, promptField.text)
                    else
                        ChatController.personas.add(nameField.text, promptField.text)
                    editor.editing = -2
                }
            }
        }
    }

    Button {
        objectName: "addPersona"
        visible: editor.editing === -2
        text: qsTr("Add persona")
        onClicked: editor.start(-1)
    }
}
