import QtQuick
import Hearth.Core

// A display formula ($$...$$ or \[...\] on lines of their own): drawn when it is complete and
// the renderer supports it, otherwise its LaTeX source in monospace (while it streams in,
// or for input the renderer does not know). A formula wider than the column scrolls.
Item {
    id: block

    property string latex: ""
    property bool closed: false
    readonly property bool rendered: closed && formula.valid

    implicitHeight: rendered ? formula.implicitHeight + 2 * Theme.spaceS : source.implicitHeight
    Accessible.role: Accessible.StaticText
    Accessible.name: latex

    Flickable {
        anchors.fill: parent
        visible: block.rendered
        contentWidth: formula.implicitWidth
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentWidth > width
        clip: true

        MathItem {
            id: formula
            objectName: "mathFormula"
            x: Math.max(0, (block.width - implicitWidth) / 2)
            y: Theme.spaceS
            width: implicitWidth
            height: implicitHeight
            latex: block.latex
            display: true
            color: Theme.text
            pixelSize: Theme.bodySize
            fontFamily: Theme.fontFamily
        }
    }

    TextEdit {
        id: source
        objectName: "mathSource"
        width: block.width
        visible: !block.rendered
        text: "$$" + block.latex + (block.closed ? "$$" : "")
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.Wrap
        color: Theme.text
        selectionColor: Theme.accent
        selectedTextColor: Theme.accentText
        font.family: Theme.monoFamily
        font.pixelSize: Theme.smallSize + 1
    }
}
