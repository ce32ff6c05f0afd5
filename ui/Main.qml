import QtCore
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// The main window: sidebar of conversations on the left, the chat column (header, notices,
// messages, composer) on the right, centred at a readable width. Keyboard: Ctrl+N new chat,
// Ctrl+F search, Ctrl+L model picker, Esc stop, Ctrl+Shift+C copy the last answer, Ctrl+E
// export, Ctrl+, settings, Ctrl+B sidebar.
ApplicationWindow {
    id: window

    width: 1200
    height: 780
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: ChatController.currentTitle.length > 0 ? qsTr("%1 \u2013 Hearth").arg(ChatController.currentTitle)
                                                  : qsTr("Hearth")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize

    // Load the model used last time (or the only one there is) once the library is known.
    Connections {
        target: ModelHub.library
        function onScanFinished() { ChatController.chooseDefaultModel(ModelHub.library.runnablePaths()) }
    }

    Shortcut { sequence: "Ctrl+B"; onActivated: sidebar.collapsed = !sidebar.collapsed }
    Shortcut { sequence: StandardKey.New; onActivated: { ChatController.newChat(); composer.input.forceActiveFocus() } }
    Shortcut {
        sequence: StandardKey.Find
        onActivated: { sidebar.collapsed = false; sidebar.searchField.forceActiveFocus() }
    }
    Shortcut {
        sequence: "Ctrl+L"
        onActivated: { header.modelPicker.forceActiveFocus(); header.modelPicker.popup.open() }
    }
    Shortcut { sequence: "Esc"; enabled: ChatController.generating; onActivated: ChatController.stop() }
    Shortcut { sequence: "Ctrl+Shift+C"; onActivated: Clipboard.copy(ChatController.lastAnswer()) }
    Shortcut {
        sequence: "Ctrl+E"
        enabled: ChatController.currentConversation > 0
        onActivated: window.exportConversation(ChatController.currentConversation, "md")
    }
    Shortcut { sequence: "Ctrl+,"; onActivated: settings.open() }

    function exportConversation(id, format) {
        exportDialog.conversationId = id
        exportDialog.format = format
        exportDialog.open()
    }

    FolderDialog {
        id: exportDialog
        property var conversationId: 0
        property string format: "md"
        title: qsTr("Export the conversation to a folder")
        currentFolder: StandardPaths.standardLocations(StandardPaths.DocumentsLocation)[0]
        onAccepted: ChatController.exportConversation(conversationId, format, selectedFolder)
    }

    FileDialog {
        id: importDialog
        title: qsTr("Choose a model file")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: ModelHub.library.importFile(selectedFile, true)
    }

    SettingsPopup { id: settings }
    InfoPopup { id: info }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            objectName: "sidebar"
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.sidebarWidth
            visible: !collapsed
            onExportRequested: (id, format) => window.exportConversation(id, format)
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
            visible: sidebar.visible
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            ChatHeader {
                id: header
                objectName: "chatHeader"
                Layout.fillWidth: true
                onToggleSidebar: sidebar.collapsed = !sidebar.collapsed
            }

            Notice {
                objectName: "notice"
                Layout.fillWidth: true
                text: ChatController.notice
                onDismissed: ChatController.dismissNotice()
            }

            ChatView {
                id: chatView
                objectName: "chatView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                onInfoRequested: (anchor, provenance) => info.show(anchor, provenance)
                onImportRequested: importDialog.open()
            }

            OverflowBanner {
                objectName: "overflowBanner"
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.columnMaxWidth
                Layout.alignment: Qt.AlignHCenter
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                Layout.bottomMargin: Theme.spaceS
            }

            Composer {
                id: composer
                objectName: "composer"
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.columnMaxWidth
                Layout.alignment: Qt.AlignHCenter
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                Layout.bottomMargin: Theme.spaceL
            }
        }
    }

    UndoToast {
        objectName: "undoToast"
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.margins: Theme.spaceL
    }
}
