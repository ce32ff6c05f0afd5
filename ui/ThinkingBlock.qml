import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The model's reasoning, collapsed to one line ("Thought for 12 s"; "Reasoning" when the time
// is not known, as for answers from an earlier run) until opened.
ColumnLayout {
    id: thinking

    required property string text
    required property real seconds
    property bool streaming: false
    property bool expanded: false

    spacing: Theme.spaceXs

    AbstractButton {
        id: toggle
        objectName: "thinkingToggle"
        Layout.fillWidth: true
        implicitHeight: label.implicitHeight + Theme.spaceS
        Accessible.name: label.text
        Accessible.role: Accessible.Button
        onClicked: thinking.expanded = !thinking.expanded

        contentItem: Label {
            id: label
            text: (thinking.expanded ? "\u25be " : "\u25b8 ")
                  + (thinking.streaming ? qsTr("Thinking\u2026")
                     : thinking.seconds < 0 ? qsTr("Reasoning")
                     : qsTr("Thought for %n s", "", Math.max(1, Math.round(thinking.seconds))))
            color: toggle.hovered ? Theme.text : Theme.textSecondary
            font.pixelSize: Theme.smallSize
        }
        background: null
    }

    Label {
        objectName: "thinkingText"
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spaceM
        visible: thinking.expanded
        text: thinking.text
        color: Theme.textSecondary
        wrapMode: Text.Wrap
        lineHeight: Theme.lineHeight
        font.pixelSize: Theme.smallSize + 1

        Rectangle {
            anchors.right: parent.left
            anchors.rightMargin: Theme.spaceS
            width: 2
            height: parent.height
            color: Theme.border
        }
    }
}
