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
            // Down goes into the results, Enter opens the first (or the one chosen there).
            Keys.onDownPressed: {
                if (results.count > 0) {
                    results.currentIndex = 0
                    results.forceActiveFocus(Qt.TabFocusReason)
                }
            }
            Keys.onReturnPressed: results.openCurrent()
            Keys.onEnterPressed: results.openCurrent()
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

        // One stop of the Tab order; Up and Down move through the conversations, Enter or
        // Space opens one, the Menu key (or Shift+F10) opens its menu, F2 renames it.
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
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            currentIndex: ChatController.conversations.count,
                ChatController.conversations.indexOf(ChatController.currentConversation)
            Accessible.name: qsTr("Conversations")
            ScrollBar.vertical: ScrollBar {}
            // incrementCurrentIndex, not an assignment: that would end the binding above.
            onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) incrementCurrentIndex()
            Keys.onReturnPressed: if (currentItem) currentItem.open()
            Keys.onEnterPressed: if (currentItem) currentItem.open()
            Keys.onSpacePressed: if (currentItem) currentItem.open()
            Keys.onMenuPressed: if (currentItem) currentItem.showMenu()
            Keys.onPressed: event => {
                if (!currentItem)
                    return
                if (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier)) {
                    currentItem.showMenu()
                    event.accepted = true
                } else if (event.key === Qt.Key_F2) {
                    currentItem.startRename()
                    event.accepted = true
                }
            }

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

        // Reached from the search field with Down (or Tab); Up from the first hit goes back
        // there, Enter opens the hit.
        ListView {
            id: results
            objectName: "searchResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: search.text.length > 0
            clip: true
            spacing: 2
            model: ChatController.searchResults
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            Accessible.name: qsTr("Search results")
            ScrollBar.vertical: ScrollBar {}

            function openCurrent() {
                const hit = itemAtIndex(Math.max(0, currentIndex))
                if (hit)
                    hit.open()
            }
            onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
            Keys.onReturnPressed: openCurrent()
            Keys.onEnterPressed: openCurrent()
            Keys.onEscapePressed: search.forceActiveFocus(Qt.TabFocusReason)
            Keys.onUpPressed: {
                if (currentIndex <= 0)
                    search.forceActiveFocus(Qt.BacktabFocusReason)
                else
                    decrementCurrentIndex()
            }

            delegate: ItemDelegate {
                id: hit
                required property var modelData
                required property int index
                // Chosen with the arrow keys while the results have the keyboard focus: ringed.
                readonly property bool keyboardCurrent: ListView.isCurrentItem && results.activeFocus
                width: ListView.view.width
                focusPolicy: Qt.NoFocus
                Accessible.name: modelData.title
                function open() {
                    ChatController.openMessage(modelData.conversationId, modelData.messageId)
                    sidebar.pageRequested("chat")
                }
                onClicked: open()
                background: Rectangle {
                    radius: Theme.radius
                    color: hit.hovered || hit.ListView.isCurrentItem ? Theme.surface : "transparent"
                    border.color: hit.keyboardCurrent ? Theme.accent : "transparent"
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
                        objectName: "searchHitFile"
                        Layout.fillWidth: true
                        visible: hit.modelData.attachment.length > 0
                        text: qsTr("In %1").arg(hit.modelData.attachment)
                        color: Theme.textSecondary
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideMiddle
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
