import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A setting: its name (and a hint) on the left, the control on the right, taking 45% of the
// row. Anchored rather than laid out, because the hint wraps (see SettingsSection).
Item {
    id: row

    property string label
    property string hint
    default property alias control: holder.data

    width: parent ? parent.width : 0
    implicitHeight: Math.max(labels.implicitHeight, holder.implicitHeight)

    Column {
        id: labels
        anchors.left: parent.left
        anchors.right: holder.left
        anchors.rightMargin: Theme.spaceM
        anchors.verticalCenter: parent.verticalCenter
        Label {
            width: parent.width
            text: row.label
            color: Theme.text
            wrapMode: Text.Wrap
        }
        Label {
            width: parent.width
            visible: text.length > 0
            text: row.hint
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
        }
    }
    RowLayout {
        id: holder
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        width: Math.round(row.width * 0.45)
        spacing: Theme.spaceS
    }
}
