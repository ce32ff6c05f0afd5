import QtCore
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth.Core

// The main window: sidebar of conversations on the left, the chat column (header, notices,
// messages, composer) on the right, centred at a readable width. Keyboard: Ctrl+N new chat,
// Ctrl+F search, Ctrl+L model picker, Esc stop (the answer, or reading aloud), Ctrl+Shift+C copy the last answer, Ctrl+E
// export, Ctrl+M models, Ctrl+, settings, Ctrl+B sidebar, Ctrl+PgDown / Ctrl+PgUp (or
// Ctrl+Tab / Ctrl+Shift+Tab) the next or previous conversation, Ctrl+Q quit; Tab moves
// through the window. A .gguf file dropped on the window is imported.
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

    // What the right side shows: "chat", "models" (browser and installed) or "settings".
    property string page: "chat"

    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize
    // Spin boxes and other controls write numbers in the interface language's way.
    locale: Theme.locale
    // The Basic style's controls (sliders, spin boxes, check boxes, menus, dialogs) draw with
    // the palette: give them the theme's colours, light or dark.
    palette {
        window: Theme.background
        windowText: Theme.text
        base: Theme.background
        alternateBase: Theme.surface
        text: Theme.text
        button: Theme.surface
        buttonText: Theme.text
        brightText: Theme.accentText
        highlight: Theme.accent
        highlightedText: Theme.accentText
        placeholderText: Theme.textSecondary
        light: Theme.surfaceHover
        midlight: Theme.surface
        mid: Theme.border
        dark: Theme.textSecondary
        shadow: Theme.border
        toolTipBase: Theme.surface
        toolTipText: Theme.text
        link: Theme.accent
    }

    Shortcut { sequence: "Ctrl+B"; onActivated: sidebar.collapsed = !sidebar.collapsed }
    Shortcut { sequence: StandardKey.New; onActivated: { window.page = "chat"; ChatController.newChat(); chatPage.composer.input.forceActiveFocus() } }
    Shortcut {
        sequence: StandardKey.Find
        onActivated: { sidebar.collapsed = false; sidebar.searchField.forceActiveFocus() }
    }
    Shortcut {
        sequence: "Ctrl+L"
        onActivated: { window.page = "chat"; chatPage.header.modelPicker.forceActiveFocus(); chatPage.header.modelPicker.popup.open() }
    }
    Shortcut { sequence: "Esc"; enabled: ChatController.generating; onActivated: ChatController.stop() }
    Shortcut {
        sequence: "Esc"
        enabled: ReadAloud.speakingId !== 0 && !ChatController.generating && window.page === "chat"
        onActivated: ReadAloud.stop()
    }
    Shortcut { sequence: "Ctrl+Shift+C"; onActivated: Clipboard.copy(ChatController.lastAnswer()) }
    Shortcut {
        sequence: "Ctrl+E"
        enabled: ChatController.currentConversation > 0
        onActivated: window.exportConversation(ChatController.currentConversation, Export.Markdown)
    }
    Shortcut { sequence: "Ctrl+,"; onActivated: window.page = "settings" }
    Shortcut { sequence: "Ctrl+M"; onActivated: window.page = "models" }
    Shortcut {
        sequences: ["Ctrl+PgDown", "Ctrl+Tab"]
        onActivated: { window.page = "chat"; ChatController.openAdjacentConversation(1) }
    }
    Shortcut {
        sequences: ["Ctrl+PgUp", "Ctrl+Shift+Tab"]
        onActivated: { window.page = "chat"; ChatController.openAdjacentConversation(-1) }
    }
    Shortcut { sequence: "Ctrl+Q"; context: Qt.ApplicationShortcut; onActivated: Qt.quit() }

    // `format`: an Export.Format, the one the dialog starts with.
    function exportConversation(id, format) {
        exportDialog.ask(id, format)
    }

    ExportDialog {
        id: exportDialog
        objectName: "exportDialog"
    }

    FileDialog {
        id: importDialog
        objectName: "importDialog"
        title: qsTr("Choose a model file")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: ModelHub.library.importFile(selectedFile, true)
    }

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
            page: window.page
            onPageRequested: name => window.page = name
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
            visible: sidebar.visible
        }

        // The pages, one shown at a time. Not a StackLayout: its implicit size follows every
        // page's content, and the settings page's flowing text then sent the window's layouts
        // into rearrange loops.
        Item {
            id: pages
            Layout.fillWidth: true
            Layout.fillHeight: true

            ChatPage {
                id: chatPage
                anchors.fill: parent
                visible: window.page === "chat"
                onToggleSidebar: sidebar.collapsed = !sidebar.collapsed
                onInfoRequested: (anchor, provenance) => info.show(anchor, provenance, chatPage)
                onImportRequested: importDialog.open()
                onExportRequested: window.exportConversation(ChatController.currentConversation,
                                                             Export.Markdown)
            }
            ModelsPage {
                objectName: "modelsPage"
                anchors.fill: parent
                visible: window.page === "models"
                onImportRequested: importDialog.open()
                onDone: window.page = "chat"
            }
            SettingsPage {
                objectName: "settingsPage"
                anchors.fill: parent
                visible: window.page === "settings"
                onDone: window.page = "chat"
            }

            // Over the pages, under their header: not over the sidebar's buttons (it covered
            // Settings at the bottom left) or the composer.
            UndoToast {
                objectName: "undoToast"
                anchors.top: parent.top
                anchors.topMargin: Theme.headerHeight + Theme.spaceS
                anchors.horizontalCenter: parent.horizontalCenter
            }
        }
    }

    DropArea {
        anchors.fill: parent
        keys: ["text/uri-list"]
        // Only models: other files go on to the item below (the composer attaches them).
        onEntered: drag => {
            drag.accepted = drag.urls.some(url => url.toString().toLowerCase().endsWith(".gguf"))
        }
        onDropped: drop => {
            for (const url of drop.urls) {
                if (url.toString().toLowerCase().endsWith(".gguf"))
                    ModelHub.library.importFile(url, true)
            }
            window.page = "models"
        }
    }


}
