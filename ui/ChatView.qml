import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The messages of the open conversation: a virtualised list (delegates are reused and only
// those near the viewport exist), following the end while an answer streams unless the
// user scrolled up. Without messages it shows the first-run page (no model installed yet)
// or a welcome.
Item {
    id: chatView

    property alias list: messages
    signal infoRequested(Item anchor, var provenance)
    signal importRequested

    ListView {
        id: messages
        objectName: "messageList"
        anchors.fill: parent
        topMargin: Theme.spaceL
        bottomMargin: Theme.spaceL
        clip: true
        reuseItems: true
        cacheBuffer: 800
        model: ChatController.messages
        boundsBehavior: Flickable.StopAtBounds
        Accessible.name: qsTr("Messages")
        ScrollBar.vertical: ScrollBar {}

        // Follow the end while the user has not scrolled away from it.
        property bool follow: true
        onMovementEnded: follow = atYEnd
        onContentHeightChanged: if (follow) Qt.callLater(positionViewAtEnd)
        onCountChanged: if (follow) Qt.callLater(positionViewAtEnd)

        delegate: MessageDelegate {
            onInfoRequested: (anchor, provenance) => chatView.infoRequested(anchor, provenance)
            // A PDF opens at the cited page, any other file at the cited passage, in Hearth.
            onSourceRequested: source => source.pdf ? sourceViewer.open(source)
                                                    : textSourceViewer.open(source)
        }
    }

    SourceViewer {
        id: sourceViewer
    }

    TextSourceViewer {
        id: textSourceViewer
        objectName: "textSourceViewerPopup"
    }

    Connections {
        target: ChatController
        function onCurrentChanged() {
            messages.follow = true
            Qt.callLater(messages.positionViewAtEnd)
        }
        function onShowMessage(row) {
            messages.follow = false
            messages.positionViewAtIndex(row, ListView.Center)
            messages.currentIndex = row
        }
        function onGeneratingChanged() {
            if (ChatController.generating) {
                messages.follow = true
            }
        }
    }

    FirstRun {
        objectName: "firstRun"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spaceXl, 520)
        visible: messages.count === 0 && ModelHub.library.count === 0 && !ModelHub.library.scanning
        onImportRequested: chatView.importRequested()
        // A hidden button keeps the keyboard focus (and would take the next Space or Enter:
        // typing reopened the file dialog after an import); the view holds it instead until
        // the model is ready and the composer takes it (ChatPage).
        onVisibleChanged: {
            const focused = chatView.Window.activeFocusItem
            if (!visible && focused && !focused.visible)
                chatView.forceActiveFocus()
        }
    }

    ColumnLayout {
        objectName: "welcome"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spaceXl, 480)
        visible: messages.count === 0 && ModelHub.library.count > 0
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
            text: qsTr("What can I help with?")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Everything you write stays on this computer.")
            color: Theme.textSecondary
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
