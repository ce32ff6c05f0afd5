import QtQuick
import QtQuick.Controls.Basic
import Hearth.Core

// Settings → Local API server: lets other programs on this computer (editors, scripts) use
// the model loaded here through an OpenAI-compatible API. Off by default; the address to copy,
// the requests it answered and the model it serves.
SettingsSection {
    id: section
    objectName: "apiServerSection"
    title: qsTr("Local API server")
    subtitle: qsTr("Lets programs on this computer use the model loaded here, through the OpenAI API many tools speak. Only this computer can connect; what they ask is not saved in your conversations, and each request is listed under Privacy.")

    SettingRow {
        label: qsTr("Serve the loaded model")
        hint: LocalApiServer.error
        Switch {
            objectName: "apiServerSwitch"
            checked: LocalApiServer.enabled
            onToggled: LocalApiServer.enabled = checked
            Accessible.name: qsTr("Serve the loaded model")
        }
    }
    SettingRow {
        label: qsTr("Port")
        SpinBox {
            objectName: "apiServerPort"
            from: 1024; to: 65535; editable: true
            value: LocalApiServer.port
            onValueModified: LocalApiServer.port = value
            textFromValue: (v, locale) => String(v) // no digit grouping in a port
            Accessible.name: qsTr("Port")
        }
    }
    SettingRow {
        visible: LocalApiServer.running
        label: qsTr("Address")
        hint: qsTr("Base URL for the tool; any API key works.")
        Label {
            objectName: "apiServerAddress"
            text: LocalApiServer.address
            color: Theme.text
            font.family: Theme.monoFamily
            elide: Text.ElideMiddle
        }
        Button {
            text: qsTr("Copy")
            flat: true
            onClicked: Clipboard.copy(LocalApiServer.address)
        }
    }
    Label {
        objectName: "apiServerStatus"
        visible: LocalApiServer.running
        width: section.width
        wrapMode: Text.Wrap
        color: Theme.textSecondary
        // Two sentences; how they join is the translation's ("%1%2" in Chinese).
        text: qsTr("%1 %2", "two sentences in a row")
                  .arg(ModelController.state === ModelController.Ready
                       ? qsTr("Serving %1.").arg(ModelController.name)
                       : qsTr("No model is loaded: requests are refused until you load one."))
                  .arg(qsTr("%n request(s) answered since Hearth started.", "", LocalApiServer.served))
    }
}
