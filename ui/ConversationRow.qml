import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// One conversation in the sidebar: its title (renamed in place), highlighted when open, with
// a menu (also on right-click) to rename, pin, export or delete it. Those change the list,
// which replaces this delegate: they run after the click or key has been handled.
ItemDelegate {
    id: row

    required property var conversationId
    required property string title
    required property bool pinned
    property bool renaming: false

    signal exportRequested(var conversationId, int format) // an Export.Format
    signal opened

    readonly property bool current: conversationId === ChatController.currentConversation

    // Chosen with the arrow keys while the list has the keyboard focus: ringed.
    readonly property bool keyboardCurrent: ListView.isCurrentItem && ListView.view && ListView.view.activeFocus

    width: ListView.view ? ListView.view.width : 0
    implicitHeight: 36
    topPadding: 0
    bottomPadding: 0
    leftPadding: Theme.spaceM
    rightPadding: Theme.spaceXs
    highlighted: current
    // The list is the Tab stop, not each row (see Sidebar).
    focusPolicy: Qt.NoFocus
    Accessible.name: title
    onClicked: open()

    function open() {
        ChatController.openConversation(conversationId)
        opened()
    }
    function showMenu() { menu.popup(row, 0, row.height) }
    function startRename() {
        renameField.text = row.title
        row.renaming = true
        renameField.forceActiveFocus()
        renameField.selectAll()
    }

    background: Rectangle {
        radius: Theme.radius
        color: row.current ? Theme.surfaceHover : row.hovered ? Theme.surface : "transparent"
        border.color: row.keyboardCurrent ? Theme.accent : "transparent"
    }

    contentItem: RowLayout {
        spacing: Theme.spaceXs
        Label {
            Layout.fillWidth: true
            visible: !row.renaming
            text: row.title.length > 0 ? row.title : qsTr("Untitled")
            color: Theme.text
            elide: Text.ElideRight
        }
        TextField {
            id: renameField
            objectName: "renameField"
            Layout.fillWidth: true
            visible: row.renaming
            color: Theme.text
            Accessible.name: qsTr("New title")
            onAccepted: {
                const id = row.conversationId, title = text
                row.renaming = false
                Qt.callLater(() => ChatController.rename(id, title))
            }
            Keys.onEscapePressed: row.renaming = false
            onActiveFocusChanged: if (!activeFocus) row.renaming = false
        }
        IconButton {
            objectName: "conversationMenuButton"
            // Keeps its place when hidden, so the title does not jump on hover. Not a Tab stop
            // (it was, invisible, in every row): the keyboard opens the menu from the list.
            focusPolicy: Qt.NoFocus
            opacity: row.hovered || row.current || row.keyboardCurrent || menu.visible ? 1 : 0
            iconName: "more"
            tip: qsTr("More")
            onClicked: menu.popup(this, 0, height)
        }
    }

    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: menu.popup()
    }

    Menu {
        id: menu
        objectName: "conversationMenu"
        MenuItem {
            objectName: "renameAction"
            text: qsTr("Rename")
            onTriggered: row.startRename()
        }
        MenuItem {
            objectName: "pinAction"
            text: row.pinned ? qsTr("Unpin") : qsTr("Pin to top")
            onTriggered: {
                const id = row.conversationId, pinned = !row.pinned
                Qt.callLater(() => ChatController.setPinned(id, pinned))
            }
        }
        Menu {
            title: qsTr("Export")
            MenuItem {
                text: qsTr("Markdown (.md)")
                onTriggered: row.exportRequested(row.conversationId, Export.Markdown)
            }
            MenuItem {
                text: qsTr("Web page (.html)")
                onTriggered: row.exportRequested(row.conversationId, Export.Html)
            }
            MenuItem {
                objectName: "exportPdfAction"
                text: qsTr("PDF document (.pdf)")
                onTriggered: row.exportRequested(row.conversationId, Export.Pdf)
            }
            MenuItem {
                text: qsTr("Hearth archive (.json)")
                onTriggered: row.exportRequested(row.conversationId, Export.Json)
            }
        }
        MenuSeparator {}
        MenuItem {
            objectName: "deleteAction"
            text: qsTr("Delete")
            onTriggered: {
                const id = row.conversationId
                Qt.callLater(() => ChatController.deleteConversation(id))
            }
        }
    }
}
