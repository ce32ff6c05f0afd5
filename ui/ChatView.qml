import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// The messages of the open conversation: a virtualised list centred at a readable width,
// with a welcome page while there is nothing to show.
Item {
    id: chatView

    ListView {
        id: messages
        objectName: "messageList"
        anchors.fill: parent
        anchors.topMargin: Theme.spaceL
        clip: true
        reuseItems: true
        cacheBuffer: 800
        model: 0
        Accessible.name: qsTr("Messages")
    }

    ColumnLayout {
        objectName: "welcome"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spaceXl, 480)
        visible: messages.count === 0
        spacing: Theme.spaceM

        Image {
            Layout.alignment: Qt.AlignHCenter
            source: "qrc:/hearth/icons/hearth.svg"
            sourceSize.width: 64
            sourceSize.height: 64
            Accessible.ignored: true
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Welcome to Hearth")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Chat with open-weight language models on your own computer. "
                       + "Nothing you write leaves it.")
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineHeight
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spaceS
            text: qsTr("No model yet. Models you download or import will appear in the picker above.")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
