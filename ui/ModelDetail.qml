import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// The chosen catalog entry: description, license (opened in the browser only on click),
// size and files, context length, recommended settings, and Download with inline progress.
Rectangle {
    id: detail

    property var entry: ({}) // CatalogFilter.get(row)

    color: Theme.sidebar
    // Files of this entry in the download queue (then progress shows instead of Download).
    readonly property int downloading: ModelHub.downloads.count > 0 && entry.modelId !== undefined
                                       ? ModelHub.downloadsOf(entry.modelId) : 0
    onEntryChanged: acceptance.reset()

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.spaceM

            Item { implicitHeight: Theme.spaceS }

            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                text: detail.entry.name || ""
                color: Theme.text
                font.pixelSize: Theme.titleSize - 4
                font.weight: Font.DemiBold
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                text: detail.entry.description || ""
                color: Theme.text
                wrapMode: Text.Wrap
                lineHeight: 1.3
            }

            GridLayout {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                columns: 2
                columnSpacing: Theme.spaceM
                rowSpacing: Theme.spaceXs

                component Key: Label { color: Theme.textSecondary; font.pixelSize: Theme.smallSize }
                component Value: Label {
                    Layout.fillWidth: true
                    color: Theme.text
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.Wrap
                }

                Key { text: qsTr("Download") }
                Value {
                    text: (detail.entry.sizeApproximate ? "\u2248 " : "")
                          + Theme.locale.formattedDataSize(detail.entry.size || 0)
                          + (detail.entry.fileCount > 1 ? " " + qsTr("(%n files)", "", detail.entry.fileCount) : "")
                }
                Key { text: qsTr("Memory needed") }
                Value { text: Theme.locale.formattedDataSize(detail.entry.requiredBytes || 0) }
                Key {
                    visible: detail.entry.estimatedSpeed > 0
                    text: qsTr("Speed here")
                }
                Value {
                    objectName: "estimatedSpeed"
                    visible: detail.entry.estimatedSpeed > 0
                    text: qsTr("about %1 tokens per second on this computer's processor (estimated from its memory speed, %2 GB/s); a graphics card that holds the model is faster")
                          .arg((detail.entry.estimatedSpeed || 0).toLocaleString(Theme.locale, "f", 0))
                          .arg(ModelHub.readBandwidth.toLocaleString(Theme.locale, "f", 0))
                }
                Key { text: qsTr("Context length") }
                Value { text: qsTr("%1 tokens").arg((detail.entry.contextLength || 0).toLocaleString(Theme.locale, "f", 0)) }
                Key { text: qsTr("Quantisation") }
                Value { text: detail.entry.quant || "" }
                Key { text: qsTr("Published by") }
                Value { text: detail.entry.publisher || "" }
                Key { text: qsTr("Languages") }
                Value { text: (detail.entry.languages || []).join(", ") }
                Key { text: qsTr("License") }
                Value {
                    objectName: "licenseLink"
                    textFormat: Text.StyledText
                    text: detail.entry.licenseUrl
                          ? "<a href=\"" + detail.entry.licenseUrl + "\">" + (detail.entry.licenseName || "") + "</a>"
                          : (detail.entry.licenseName || "")
                    linkColor: Theme.accent
                    onLinkActivated: link => Qt.openUrlExternally(link)
                    HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                }
                Key { text: qsTr("Recommended settings") }
                Value {
                    readonly property var s: detail.entry.sampling || {}
                    text: s.temperature === undefined ? ""
                        : qsTr("temperature %1, top-p %2, top-k %3, min-p %4")
                              .arg(s.temperature).arg(s.topP).arg(s.topK).arg(s.minP)
                }
                Key { text: qsTr("Checked") }
                Value {
                    text: detail.entry.verified ? qsTr("Every file is verified against its SHA-256 after download.")
                                                : qsTr("The catalog has no checksum for this model.")
                }
            }

            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                visible: detail.entry.comingSoon === true
                text: qsTr("Coming soon: this version of Hearth cannot run %1 models yet.").arg(detail.entry.architecture || "")
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                visible: detail.entry.fit === ModelFit.TooLarge || detail.entry.fit === ModelFit.Slow
                text: detail.entry.fit === ModelFit.Slow
                      ? qsTr("This model fits in memory but would answer slowly on this computer, a few words a second at most.")
                      : qsTr("This model needs more memory than this computer has; it would be very slow or fail to load.")
                color: Theme.danger
                wrapMode: Text.Wrap
            }

            LicenseAcceptance {
                id: acceptance
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                visible: detail.entry.requiresAcceptance === true && detail.entry.comingSoon === false
                         && detail.downloading === 0
                licenseName: detail.entry.licenseName || ""
                licenseUrl: detail.entry.licenseUrl || ""
            }
            PrimaryButton {
                objectName: "downloadModel"
                Layout.leftMargin: Theme.spaceL
                visible: detail.downloading === 0 && detail.entry.comingSoon === false
                enabled: detail.entry.requiresAcceptance !== true || acceptance.accepted
                text: qsTr("Download")
                Accessible.name: qsTr("Download %1").arg(detail.entry.name || "")
                onClicked: ModelHub.download(detail.entry.modelId, acceptance.accepted)
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spaceL
                Layout.rightMargin: Theme.spaceL
                visible: ModelHub.lastError.length > 0 && detail.downloading === 0
                text: ModelHub.lastError
                color: Theme.danger
                wrapMode: Text.Wrap
            }

            Repeater {
                id: downloads
                model: ModelHub.downloads
                delegate: DownloadRow {
                    required property string catalogId
                    readonly property bool mine: catalogId === detail.entry.modelId
                    visible: mine
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spaceL
                    Layout.rightMargin: Theme.spaceL
                }
            }
            Item { implicitHeight: Theme.spaceL }
        }
    }
}
