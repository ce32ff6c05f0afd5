import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// How an answer was made (its stored provenance): model, quantisation, backend and device,
// sampling, tokens, time to first token and speed.
Popup {
    id: popup

    property var provenance: ({})

    // Opens under `anchor`, kept inside `bounds` (the chat page): it used to extend to the
    // left of the button and cover the sidebar.
    function show(anchor, p, bounds) {
        provenance = p || {}
        parent = anchor
        const left = bounds.mapToItem(anchor, Theme.spaceS, 0).x
        const right = bounds.mapToItem(anchor, bounds.width - Theme.spaceS, 0).x
        x = Math.max(left, Math.min(0, right - width))
        y = anchor.height + Theme.spaceXs
        open()
    }

    function number(value, digits) {
        return value === undefined ? "" : Number(value).toLocaleString(Theme.locale, "f", digits)
    }

    readonly property var rows: [
        [qsTr("Model"), provenance.modelName],
        [qsTr("File"), provenance.modelFile],
        [qsTr("Quantisation"), provenance.quant],
        [qsTr("Runs on"), provenance.backend === "cpu" ? qsTr("CPU")
            : [provenance.backend, provenance.device].filter(Boolean).join(" \u00b7 ")],
        [qsTr("Temperature"), number(provenance.temperature, 2)],
        [qsTr("Top-k / top-p / min-p"), provenance.topK === undefined ? ""
            : provenance.topK + " / " + number(provenance.topP, 2) + " / " + number(provenance.minP, 2)],
        [qsTr("Seed"), provenance.seed],
        [qsTr("Prompt tokens"), number(provenance.promptTokens, 0)],
        [qsTr("Answer tokens"), number(provenance.completionTokens, 0)],
        [qsTr("Reasoned for"), provenance.thinkingMs === undefined ? ""
            : qsTr("%1 s").arg(number(provenance.thinkingMs / 1000, 1))],
        [qsTr("First token after"), provenance.timeToFirstTokenMs === undefined ? ""
            : qsTr("%1 ms").arg(number(provenance.timeToFirstTokenMs, 0))],
        [qsTr("Speed"), provenance.tokensPerSecond === undefined ? ""
            : qsTr("%1 tokens/s").arg(number(provenance.tokensPerSecond, 1))],
    ].filter(row => row[1] !== undefined && row[1] !== "")

    width: 340
    padding: Theme.spaceL
    focus: true
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside
    background: Rectangle {
        radius: Theme.radius
        color: Theme.background
        border.color: Theme.border
    }

    contentItem: GridLayout {
        objectName: "infoGrid"
        columns: 2
        columnSpacing: Theme.spaceM
        rowSpacing: Theme.spaceXs

        Repeater {
            model: popup.rows.length > 0 ? popup.rows : [[qsTr("Details"), qsTr("Not recorded for this answer.")]]
            delegate: Label {
                required property var modelData
                required property int index
                Layout.row: index
                Layout.column: 0
                text: modelData[0]
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
            }
        }
        Repeater {
            model: popup.rows.length > 0 ? popup.rows : [[qsTr("Details"), qsTr("Not recorded for this answer.")]]
            delegate: Label {
                required property var modelData
                required property int index
                Layout.row: index
                Layout.column: 1
                Layout.fillWidth: true
                text: String(modelData[1])
                color: Theme.text
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WrapAnywhere
            }
        }
    }
}
