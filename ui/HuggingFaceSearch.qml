import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Models → Hugging Face: search the Hub for GGUF models, or paste owner/name or a file's
// address, then pick a file. Nothing is sent while typing: only Enter (or the Search button)
// asks the Hub, and the page says so. The logic lives in ModelHub.huggingFace (C++).
ColumnLayout {
    id: panel

    readonly property HuggingFace hub: ModelHub.huggingFace
    property string notice: ""

    spacing: Theme.spaceM

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spaceS
        TextField {
            id: query
            objectName: "hfQuery"
            Layout.fillWidth: true
            placeholderText: qsTr("Search Hugging Face, or paste owner/name or a file link")
            Accessible.name: qsTr("Search Hugging Face")
            onAccepted: panel.submit()
        }
        Button {
            objectName: "hfSearch"
            text: qsTr("Search")
            enabled: query.text.trim().length > 0
            onClicked: panel.submit()
        }
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("Hearth contacts huggingface.co only when you press Enter, open a repository or download. Each request is listed in Settings → Privacy.")
        color: Theme.textSecondary
        font.pixelSize: Theme.smallSize
        wrapMode: Text.Wrap
    }

    RowLayout {
        Layout.fillWidth: true
        visible: panel.hub.view === HuggingFace.Files
        spacing: Theme.spaceS
        Button {
            objectName: "hfBack"
            text: qsTr("Back")
            flat: true
            onClicked: panel.hub.back()
        }
        Label {
            objectName: "hfRepo"
            Layout.fillWidth: true
            text: panel.hub.repo
            color: Theme.text
            font.weight: Font.DemiBold
            elide: Text.ElideMiddle
        }
    }

    Label {
        objectName: "hfMessage"
        Layout.fillWidth: true
        visible: text.length > 0
        text: panel.hub.message.length > 0 ? panel.hub.message : panel.notice
        color: panel.hub.message.length > 0 ? Theme.danger : Theme.textSecondary
        wrapMode: Text.Wrap
    }
    BusyIndicator {
        Layout.alignment: Qt.AlignHCenter
        visible: panel.hub.busy
        running: visible
        Accessible.name: qsTr("Asking Hugging Face")
    }

    ListView {
        id: results
        objectName: "hfResults"
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: panel.hub.view === HuggingFace.Results
        clip: true
        spacing: 2
        model: panel.hub.results
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: hit
            required property string repo
            required property var downloads
            required property var likes
            required property bool gated
            width: ListView.view.width
            Accessible.name: repo
            onClicked: panel.hub.open(repo)
            contentItem: RowLayout {
                spacing: Theme.spaceS
                Label {
                    Layout.fillWidth: true
                    text: hit.repo
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
                Badge { visible: hit.gated; text: qsTr("Gated"); warning: true }
                Label {
                    text: qsTr("%1 downloads").arg(Number(hit.downloads).toLocaleString(Theme.locale, "f", 0))
                    color: Theme.textSecondary
                    font.pixelSize: Theme.smallSize
                }
            }
        }
    }

    ListView {
        id: files
        objectName: "hfFiles"
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: panel.hub.view === HuggingFace.Files
        clip: true
        spacing: 2
        model: panel.hub.files
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: file
            required property int index
            required property string name
            required property string quant
            required property bool quantMismatch
            required property var sizeBytes
            required property int parts
            required property int fit
            required property int runnable
            required property string problem
            required property bool headerChecked
            required property bool checking
            required property string architecture
            required property var contextLength
            required property string license
            width: ListView.view.width
            Accessible.name: name
            contentItem: RowLayout {
                spacing: Theme.spaceM
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    RowLayout {
                        spacing: Theme.spaceS
                        Label {
                            text: file.quant || file.name
                            color: Theme.text
                            font.weight: Font.DemiBold
                        }
                        Badge {
                            objectName: "hfFit"
                            visible: file.fit !== ModelFit.Unknown
                            text: file.fit === ModelFit.Fits ? qsTr("Fits") : file.fit === ModelFit.Tight ? qsTr("Tight")
                                : file.fit === ModelFit.Slow ? qsTr("Slow here") : qsTr("Too large")
                            warning: file.fit === ModelFit.TooLarge || file.fit === ModelFit.Slow
                        }
                        Badge {
                            objectName: "hfRunnable"
                            visible: file.runnable !== HfRepoModel.RunsUnknown
                            text: file.runnable === HfRepoModel.Runs ? qsTr("Hearth runs it") : qsTr("Hearth cannot run it")
                            warning: file.runnable === HfRepoModel.DoesNotRun
                        }
                        Badge { visible: file.quantMismatch; text: qsTr("Name and header differ"); warning: true }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: [file.name, Theme.locale.formattedDataSize(file.sizeBytes),
                               file.parts > 1 ? qsTr("%1 parts").arg(file.parts) : "",
                               file.architecture,
                               file.contextLength > 0 ? qsTr("%1 tokens of context").arg(file.contextLength) : "",
                               file.license,
                               file.headerChecked ? "" : file.architecture ? qsTr("read from another file of this repository") : ""]
                              .filter(Boolean).join(" \u00b7 ")
                        color: Theme.textSecondary
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: file.problem.length > 0
                        text: file.problem
                        color: Theme.danger
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.Wrap
                    }
                }
                Button {
                    objectName: "hfCheck"
                    visible: !file.headerChecked
                    enabled: !file.checking && !panel.hub.busy
                    text: file.checking ? qsTr("Reading header\u2026") : qsTr("Check")
                    flat: true
                    onClicked: panel.hub.check(file.index)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Reads the first bytes of this file from Hugging Face to see what it is.")
                }
                Button {
                    objectName: "hfDownload"
                    text: qsTr("Download")
                    enabled: file.runnable !== HfRepoModel.DoesNotRun
                    onClicked: {
                        if (panel.hub.download(file.index))
                            panel.notice = qsTr("%1 is downloading; see Installed.").arg(file.name)
                    }
                }
            }
        }
    }

    Item {
        Layout.fillHeight: true
        visible: panel.hub.view === HuggingFace.Start
    }

    function submit() {
        panel.notice = ""
        panel.hub.submit(query.text)
    }
}
