import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A message for the user across the chat column (a model that failed to load, an export
// finished, storage trouble), until dismissed; one that only reports something done
// (`autoDismiss`) goes by itself after a few seconds.
Rectangle {
    id: notice

    property string text
    property bool autoDismiss: false
    signal dismissed

    Timer {
        running: notice.visible && notice.autoDismiss
        interval: 8000
        onTriggered: notice.dismissed()
    }

    visible: text.length > 0
    implicitHeight: visible ? row.implicitHeight + 2 * Theme.spaceS : 0
    color: Theme.surface

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spaceL
        anchors.rightMargin: Theme.spaceM
        spacing: Theme.spaceS
        Label {
            objectName: "noticeText"
            Layout.fillWidth: true
            text: notice.text
            color: Theme.text
            wrapMode: Text.Wrap
            font.pixelSize: Theme.smallSize
        }
        IconButton {
            iconName: "close"
            tip: qsTr("Dismiss")
            onClicked: notice.dismissed()
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }
}
