import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The conversation header's document search: a button (with how many collections this
// conversation searches) opening a list of the user's collections to turn on and off. With
// one or more on, every question searches them and the answer lists its sources.
IconButton {
    id: picker
    objectName: "collectionsPicker"

    readonly property int active: ChatController.collections.enabled.length

    iconName: "documents"
    tip: active > 0 ? qsTr("Searching %n document collection(s)", "", active)
                    : qsTr("Search your documents")
    checkable: false
    onClicked: popup.opened ? popup.close() : popup.open()

    Rectangle {
        visible: picker.active > 0
        anchors.right: parent.right
        anchors.top: parent.top
        width: 8
        height: 8
        radius: 4
        color: Theme.accent
    }

    Popup {
        id: popup
        y: picker.height + Theme.spaceXs
        x: Math.min(0, parent.width - width)
        width: 320
        padding: Theme.spaceM
        focus: true // opened from the keyboard, it takes the keys: Tab, Space, Esc
        background: Rectangle {
            color: Theme.background
            border.color: Theme.border
            radius: Theme.radius
        }

        contentItem: ColumnLayout {
            objectName: "collectionsList"
            spacing: Theme.spaceS

            Label {
                Layout.fillWidth: true
                text: qsTr("Search these documents in this conversation")
                color: Theme.text
                font.weight: Font.DemiBold
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                visible: ChatController.collections.count === 0
                text: qsTr("No document collections yet. Add a folder under Settings, Document collections.")
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
            }
            Repeater {
                model: ChatController.collections
                delegate: CheckBox {
                    required property string uuid
                    required property string name
                    required property bool enabled
                    required property int files
                    objectName: "collectionToggle"
                    Layout.fillWidth: true
                    text: qsTr("%1 (%n file(s))", "", files).arg(name)
                    checked: enabled
                    onToggled: ChatController.collections.setEnabled(uuid, checked)
                }
            }
        }
    }
}
