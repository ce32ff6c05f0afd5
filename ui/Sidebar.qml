import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Conversations: app mark, "New chat", search, and the list grouped by date (pinned first).
// While the search field has text, the list shows the matching messages instead; choosing
// one opens its conversation at that message.
Rectangle {
    id: sidebar

    property bool collapsed: false
    property alias searchField: search

    signal exportRequested(var conversationId, string format)
    // The page shown on the right, and a request to show another ("chat", "models",
    // "settings"); choosing a conversation or a new chat shows the chat.
    property string page: "chat"
    signal pageRequested(string name)

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
            onClicked: {
                ChatController.newChat()
                sidebar.pageRequested("chat")
            }
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
            onTextChanged: searchDelay.restart()
            Keys.onEscapePressed: clear()
            background: Rectangle {
                radius: Theme.radius
                color: Theme.background
                border.color: search.activeFocus ? Theme.accent : Theme.border
            }
            Timer {
                id: searchDelay
                interval: 150 // search as the user types, not on every keystroke
                onTriggered: ChatController.search(search.text)
            }
        }

        ListView {
            id: conversations
            objectName: "conversationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: search.text.length === 0
            clip: true
            reuseItems: true
            spacing: 2
            model: ChatController.conversations
            Accessible.name: qsTr("Conversations")
            ScrollBar.vertical: ScrollBar {}

            section.property: "section"
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                topPadding: Theme.spaceM
                bottomPadding: Theme.spaceXs
                leftPadding: Theme.spaceS
                text: section
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                font.weight: Font.DemiBold
            }
            delegate: ConversationRow {
                onExportRequested: (id, format) => sidebar.exportRequested(id, format)
                onOpened: sidebar.pageRequested("chat")
            }

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

        ListView {
            id: results
            objectName: "searchResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: search.text.length > 0
            clip: true
            spacing: 2
            model: ChatController.searchResults
            Accessible.name: qsTr("Search results")
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: hit
                required property var modelData
                width: ListView.view.width
                Accessible.name: modelData.title
                onClicked: {
                    ChatController.openMessage(modelData.conversationId, modelData.messageId)
                    sidebar.pageRequested("chat")
                }
                background: Rectangle {
                    radius: Theme.radius
                    color: hit.hovered ? Theme.surface : "transparent"
                }
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: hit.modelData.title
                        color: Theme.text
                        font.weight: Font.Medium
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: hit.modelData.snippet
                        textFormat: Text.StyledText
                        color: Theme.textSecondary
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.Wrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spaceL
                visible: results.count === 0
                text: qsTr("No messages match \u201c%1\u201d.").arg(search.text)
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            NavButton {
                objectName: "modelsNav"
                text: qsTr("Models")
                iconName: "models"
                active: sidebar.page === "models"
                badge: ModelHub.downloads.activeCount > 0 ? ModelHub.downloads.activeCount : 0
                onClicked: sidebar.pageRequested(active ? "chat" : "models")
            }
            NavButton {
                objectName: "settingsNav"
                text: qsTr("Settings")
                iconName: "settings"
                active: sidebar.page === "settings"
                onClicked: sidebar.pageRequested(active ? "chat" : "settings")
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
