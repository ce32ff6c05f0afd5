import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// One file being downloaded: progress, "1.2 GB of 4.5 GB · 12 MB/s · 4 min left", and
// pause / resume / cancel; a failure in plain words with Retry.
ColumnLayout {
    id: row

    required property string fileName
    required property int state
    required property var bytesDone
    required property var bytesTotal
    required property real progress
    required property var speed
    required property var eta
    required property string error

    readonly property bool failed: state === DownloadManager.Failed
    readonly property bool paused: state === DownloadManager.Paused
    readonly property bool finished: state === DownloadManager.Done

    function size(bytes) { return Theme.locale.formattedDataSize(Math.max(0, bytes)) }
    function duration(seconds) {
        return seconds < 90 ? qsTr("%n s left", "", Math.round(seconds))
             : seconds < 5400 ? qsTr("%n min left", "", Math.round(seconds / 60))
             : qsTr("%n h left", "", Math.round(seconds / 3600))
    }

    spacing: Theme.spaceXs

    ProgressBar {
        objectName: "downloadProgress"
        Layout.fillWidth: true
        value: Math.max(0, row.progress)
        indeterminate: row.progress < 0 && !row.failed && !row.paused
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spaceS
        Label {
            objectName: "downloadStatus"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: row.failed ? Theme.danger : Theme.textSecondary
            font.pixelSize: Theme.smallSize
            text: {
                if (row.failed)
                    return row.error
                const amounts = row.bytesTotal > 0 ? qsTr("%1 of %2").arg(row.size(row.bytesDone)).arg(row.size(row.bytesTotal))
                                                   : row.size(row.bytesDone)
                switch (row.state) {
                case DownloadManager.Queued: return qsTr("Waiting to start")
                case DownloadManager.Paused: return qsTr("Paused \u00b7 %1").arg(amounts)
                case DownloadManager.Retrying: return qsTr("Connection lost, trying again\u2026 %1").arg(row.error)
                case DownloadManager.Verifying: return qsTr("Checking the download\u2026")
                case DownloadManager.Done: return qsTr("Downloaded")
                default:
                    return [amounts, row.speed > 0 ? qsTr("%1/s").arg(row.size(row.speed)) : "",
                            row.eta >= 0 ? row.duration(row.eta) : ""].filter(Boolean).join(" \u00b7 ")
                }
            }
        }
        Button {
            objectName: "pauseDownload"
            visible: !row.failed && !row.paused && !row.finished && row.state !== DownloadManager.Verifying
            text: qsTr("Pause")
            flat: true
            onClicked: ModelHub.downloads.pause(row.fileName)
        }
        Button {
            objectName: "resumeDownload"
            visible: row.paused || row.failed
            text: row.failed ? qsTr("Retry") : qsTr("Resume")
            flat: true
            onClicked: ModelHub.downloads.resume(row.fileName)
        }
        Button {
            objectName: "cancelDownload"
            visible: !row.finished
            text: qsTr("Cancel")
            flat: true
            onClicked: { // after the click: the row, this button included, goes away
                const file = row.fileName
                Qt.callLater(() => ModelHub.downloads.cancel(file))
            }
        }
    }
}
