import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Conversations: app mark, "New chat", search, and the list grouped by date.
Rectangle {
    id: sidebar

    property bool collapsed: false

    color: Theme.sidebar

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spaceM
        spacing: Theme.spaceM

        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spaceXs
            spacing: Theme.spaceS

            Image {
                source: "qrc:/hearth/icons/hearth.svg"
                sourceSize.width: 28
                sourceSize.height: 28
                Accessible.ignored: true
            }
            Label {
                text: qsTr("Hearth")
                color: Theme.text
                font.pixelSize: Math.round(Theme.bodySize * 1.2)
                font.weight: Font.DemiBold
                Layout.fillWidth: true
            }
        }

        Button {
            id: newChat
            objectName: "newChatButton"
            Layout.fillWidth: true
            text: qsTr("New chat")
            Accessible.name: qsTr("Start a new chat")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("New chat (Ctrl+N)")
            contentItem: Label {
                text: "+  " + newChat.text
                color: Theme.text
                font.weight: Font.Medium
                horizontalAlignment: Text.AlignLeft
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                radius: Theme.radius
                color: newChat.down || newChat.hovered ? Theme.surfaceHover : Theme.surface
                border.color: newChat.visualFocus ? Theme.accent : "transparent"
            }
        }

        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search conversations")
            placeholderTextColor: Theme.textSecondary
            color: Theme.text
            Accessible.name: qsTr("Search all conversations")
            background: Rectangle {
                radius: Theme.radius
                color: Theme.background
                border.color: search.activeFocus ? Theme.accent : Theme.border
            }
        }

        ListView {
            id: conversations
            objectName: "conversationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            reuseItems: true
            model: 0
            Accessible.name: qsTr("Conversations")

            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spaceL
                visible: conversations.count === 0
                text: qsTr("Your conversations will appear here.")
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }

        Label {
            Layout.fillWidth: true
            text: qsTr("Everything stays on this computer.")
            color: Theme.textSecondary
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
        }
    }
}
