import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A user turn: a soft rounded bubble on the right, at most 80% of the column.
Item {
    id: user

    required property string content

    implicitHeight: bubble.height

    Rectangle {
        id: bubble
        objectName: "userBubble"
        anchors.right: parent.right
        width: Math.min(user.width * 0.8, label.implicitWidth + 2 * Theme.spaceL)
        height: label.implicitHeight + 2 * Theme.spaceM
        radius: Theme.bubbleRadius
        color: Theme.userBubble

        TextEdit {
            id: label
            anchors.fill: parent
            anchors.leftMargin: Theme.spaceL
            anchors.rightMargin: Theme.spaceL
            anchors.topMargin: Theme.spaceM
            text: user.content
            textFormat: TextEdit.PlainText
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            font.pixelSize: Theme.bodySize
        }
    }
}
