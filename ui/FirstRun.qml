import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The page a new user sees before any model is installed: what Hearth is, one recommended
// model that fits this computer with a one-click download (progress inline), and a way to
// use a .gguf file they already have.
ColumnLayout {
    id: page

    signal importRequested

    readonly property int catalogRow: ModelHub.catalog.count >= 0 ? ModelHub.catalog.firstModelIndex() : -1
    readonly property var model: catalogRow >= 0 ? ModelHub.catalog.get(catalogRow) : ({})
    // Rows of the download queue for this model (a split model has several files).
    property int downloading: 0
    // A failed download of it offers the import in the card: no second button below.
    property bool importInCard: false

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
                   + "Nothing you write leaves it. To begin, Hearth needs a model.")
        color: Theme.textSecondary
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineHeight
        horizontalAlignment: Text.AlignHCenter
    }

    Rectangle {
        objectName: "recommendedModel"
        Layout.fillWidth: true
        Layout.topMargin: Theme.spaceS
        visible: page.catalogRow >= 0
        implicitHeight: card.implicitHeight + 2 * Theme.spaceL
        radius: Theme.bubbleRadius
        color: Theme.surface
        border.color: Theme.border

        ColumnLayout {
            id: card
            anchors.fill: parent
            anchors.margins: Theme.spaceL
            spacing: Theme.spaceS

            Label {
                text: qsTr("Recommended for this computer")
                color: Theme.accent
                font.pixelSize: Theme.smallSize
                font.weight: Font.DemiBold
            }
            Label {
                Layout.fillWidth: true
                text: page.model.name || ""
                color: Theme.text
                font.weight: Font.DemiBold
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: (page.model.description || "") + "\n"
                      + qsTr("%1 download").arg(Theme.locale.formattedDataSize(page.model.size || 0))
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: ModelHub.downloads
                delegate: ColumnLayout {
                    id: download
                    required property string catalogId
                    required property int state
                    required property real progress
                    required property var bytesDone
                    required property var bytesTotal
                    required property string error
                    required property bool offline
                    readonly property bool mine: catalogId === page.model.modelId
                    readonly property bool failed: state === DownloadManager.Failed
                    Layout.fillWidth: true
                    visible: mine
                    spacing: Theme.spaceS
                    Component.onCompleted: if (mine) page.downloading++
                    Component.onDestruction: {
                        if (mine)
                            page.downloading--
                        if (mine && failed)
                            page.importInCard = false
                    }
                    onFailedChanged: if (mine) page.importInCard = failed
                    onMineChanged: if (mine && failed) page.importInCard = true
                    ProgressBar {
                        objectName: "firstRunProgress"
                        Layout.fillWidth: true
                        visible: !download.failed
                        value: Math.max(0, download.progress)
                    }
                    Label {
                        objectName: "firstRunStatus"
                        Layout.fillWidth: true
                        text: download.error.length > 0 ? download.error
                            : qsTr("%1 of %2").arg(Theme.locale.formattedDataSize(download.bytesDone))
                                              .arg(Theme.locale.formattedDataSize(Math.max(0, download.bytesTotal)))
                        color: download.failed ? Theme.danger : Theme.textSecondary
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WordWrap
                    }
                    // A failed download offers to try again and, since without a network
                    // nothing else will work, the model file the user may already have.
                    RowLayout {
                        visible: download.failed
                        spacing: Theme.spaceS
                        PrimaryButton {
                            objectName: "retryRecommended"
                            text: qsTr("Retry")
                            onClicked: ModelHub.downloads.retryModel(download.catalogId)
                        }
                        Button {
                            objectName: "importInstead"
                            text: qsTr("Use a .gguf file I already have\u2026")
                            flat: true
                            onClicked: page.importRequested()
                        }
                    }
                }
            }
            LicenseAcceptance {
                id: acceptance
                Layout.fillWidth: true
                visible: page.model.requiresAcceptance === true && page.downloading === 0
                licenseName: page.model.licenseName || ""
                licenseUrl: page.model.licenseUrl || ""
            }
            PrimaryButton {
                objectName: "downloadRecommended"
                visible: page.downloading === 0
                enabled: page.model.requiresAcceptance !== true || acceptance.accepted
                text: qsTr("Download")
                Accessible.name: qsTr("Download %1").arg(page.model.name || "")
                onClicked: ModelHub.download(page.model.modelId, acceptance.accepted)
            }
        }
    }

    Label {
        Layout.fillWidth: true
        visible: ModelHub.lastError.length > 0
        text: ModelHub.lastError
        color: Theme.danger
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }

    Button {
        objectName: "importModel"
        Layout.alignment: Qt.AlignHCenter
        visible: !page.importInCard
        text: qsTr("Use a .gguf file I already have\u2026")
        flat: true
        onClicked: page.importRequested()
    }
}
