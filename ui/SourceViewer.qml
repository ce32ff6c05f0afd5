import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Pdf
import Hearth.Core

// A PDF source opened at the page the answer cites, inside Hearth (the document stays on
// this computer; nothing else is opened). open(source) takes an item of the sources role.
Popup {
    id: viewer

    property var source: null
    function open(item) {
        source = item
        document.source = item.url
        visible = true
        // Once the document is read (at once for a small file; on statusChanged otherwise).
        if (document.status === PdfDocument.Ready)
            view.goToPage(item.page - 1)
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? Math.min(parent.width - 2 * Theme.spaceXl, 900) : 600
    height: parent ? parent.height - 2 * Theme.spaceXl : 600
    modal: true
    padding: 0
    onClosed: document.source = ""
    background: Rectangle {
        color: Theme.background
        border.color: Theme.border
        radius: Theme.radius
    }

    PdfDocument {
        id: document
        onStatusChanged: () => {
            if (document.status === PdfDocument.Ready && viewer.source)
                view.goToPage(viewer.source.page - 1)
        }
    }

    contentItem: ColumnLayout {
        objectName: "sourceViewer"
        // The page shown, 0-based as Qt PDF counts (for tests and accessibility).
        readonly property int currentPage: view.currentPage
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spaceS
            spacing: Theme.spaceS
            Label {
                Layout.fillWidth: true
                text: viewer.source ? qsTr("%1, page %2 of %3").arg(viewer.source.title)
                                          .arg(view.currentPage + 1).arg(document.pageCount)
                                    : ""
                color: Theme.text
                elide: Text.ElideMiddle
            }
            IconButton {
                objectName: "closeSourceViewer"
                iconName: "close"
                tip: qsTr("Close")
                onClicked: viewer.close()
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.margins: Theme.spaceS
            visible: document.status === PdfDocument.Error
            text: qsTr("This PDF cannot be shown.")
            color: Theme.danger
        }
        PdfMultiPageView {
            id: view
            objectName: "pdfView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            document: document
        }
    }
}
