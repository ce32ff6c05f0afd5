import QtQuick
import QtQuick.Layouts
import QtTest
import Hearth.Core
import Hearth.Ui

// A math answer in the chat: a display formula is drawn by a MathItem, inline formulas sit
// in the prose, prices stay text, unsupported LaTeX shows as monospace source, a display
// formula streaming in shows as source until its closing $$ arrives, and copying a selection
// keeps the LaTeX. A screenshot goes to the build's test output (messages-math.png).
TestCase {
    id: test
    name: "Math"
    when: windowShown
    width: 760
    height: 900
    visible: true

    readonly property string answer: "The area of a circle is $\\pi r^2$; a pizza costs $5 or $10.\n\n"
        + "$$\n\\int_0^r 2\\pi t\\,dt = \\pi r^2\n$$\n\n"
        + "A matrix: $A = \\begin{pmatrix}1 & 2\\\\ 3 & 4\\end{pmatrix}$ and $\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$.\n\n"
        + "$$\\weird{x}$$\n"

    Component {
        id: conversation
        Rectangle {
            width: 760
            height: column.implicitHeight + 48
            color: Theme.background
            property alias assistant: assistant
            ColumnLayout {
                id: column
                x: 24; y: 24
                width: parent.width - 48
                AssistantMessage {
                    id: assistant
                    Layout.fillWidth: true
                    content: test.answer
                }
            }
        }
    }

    Component {
        id: bigProse
        Rectangle {
            width: 400; height: 120; color: "white"
            TextEdit {
                id: edit
                x: 10; y: 10
                textFormat: TextEdit.MarkdownText
                font.family: Theme.fontFamily
                font.pixelSize: 40
                MathProse { document: edit.textDocument; markdown: "xx $x$ xx"; font: edit.font; color: "black" }
            }
        }
    }

    // The ink rows (top, bottom) of the columns from x0 to x1 of an image.
    function inkRows(image, x0, x1) {
        let top = -1, bottom = -1
        for (let x = x0; x < x1; ++x)
            for (let y = 0; y < image.height; ++y)
                if (image.pixel(x, y).r < 0.5) {
                    if (top < 0 || y < top) top = y
                    bottom = Math.max(bottom, y)
                }
        return [top, bottom]
    }

    // An inline formula sits on the text's baseline: "xx $x$ xx" at 40 px, the formula's
    // italic x ends within a pixel of where the text's upright x end (their ink bottoms sit
    // on the baseline).
    function test_inline_baseline() {
        const view = createTemporaryObject(bigProse, test)
        waitForRendering(view)
        const image = grabImage(view)
        // Columns of the three runs: text "xx", the formula, text "xx" (with gaps between).
        let runs = [], inRun = false
        for (let x = 0; x < image.width; ++x) {
            let ink = false
            for (let y = 0; y < image.height && !ink; ++y)
                ink = image.pixel(x, y).r < 0.5
            if (ink && !inRun) runs.push([x, x + 1])
            else if (ink) runs[runs.length - 1][1] = x + 1
            inRun = ink
        }
        verify(runs.length >= 3, JSON.stringify(runs))
        const text = inkRows(image, runs[0][0], runs[0][1])
        const middle = runs[Math.floor(runs.length / 2)] // "xx" are two runs: 5 in all
        const formula = inkRows(image, middle[0], middle[1])
        verify(formula[0] > text[0] - 3, "the formula is not the middle run")
        verify(Math.abs(formula[1] - text[1]) <= 1, "text " + text + " formula " + formula)
    }

    function findAll(item, name, out) {
        if (item.objectName === name)
            out.push(item)
        for (let i = 0; i < item.children.length; ++i)
            findAll(item.children[i], name, out)
        return out
    }

    function visibleOnly(items) {
        return items.filter(i => i.visible)
    }

    function test_math_answer() {
        const view = createTemporaryObject(conversation, test)
        verify(view)
        waitForRendering(view)
        const formulas = visibleOnly(findAll(view.assistant, "mathFormula", []))
        compare(formulas.length, 1)
        compare(formulas[0].latex, "\\int_0^r 2\\pi t\\,dt = \\pi r^2")
        verify(formulas[0].valid)
        verify(formulas[0].width > 80 && formulas[0].height > 25, formulas[0].width + "x" + formulas[0].height)
        // The unsupported one is source, with its delimiters.
        const sources = visibleOnly(findAll(view.assistant, "mathSource", []))
        compare(sources.length, 1)
        compare(sources[0].text, "$$\\weird{x}$$")
        const prose = findAll(view.assistant, "proseBlock", [])
        compare(prose.length, 2)
        compare(prose[0].formulaCount, 1)
        compare(prose[1].formulaCount, 2)
        // The prices are text; the formula is one object character.
        compare(prose[0].getText(0, prose[0].length),
                "The area of a circle is \uFFFC; a pizza costs $5 or $10.")
        const image = grabImage(view)
        image.save(hearthTestOutput + "/messages-math.png")
    }

    function test_copy_keeps_latex() {
        const view = createTemporaryObject(conversation, test)
        waitForRendering(view)
        const prose = findAll(view.assistant, "proseBlock", [])[0]
        prose.forceActiveFocus()
        prose.selectAll()
        keySequence(StandardKey.Copy)
        compare(Clipboard.text(), "The area of a circle is $\\pi r^2$; a pizza costs $5 or $10.")
    }

    function test_streaming_formula_is_source_until_closed() {
        const view = createTemporaryObject(conversation, test)
        view.assistant.content = "Look:\n$$\n\\frac{a}{"
        waitForRendering(view)
        compare(visibleOnly(findAll(view.assistant, "mathFormula", [])).length, 0)
        const sources = visibleOnly(findAll(view.assistant, "mathSource", []))
        compare(sources.length, 1)
        compare(sources[0].text, "$$\\frac{a}{")
        view.assistant.content = "Look:\n$$\n\\frac{a}{b}\n$$\n"
        waitForRendering(view)
        const formulas = visibleOnly(findAll(view.assistant, "mathFormula", []))
        compare(formulas.length, 1)
        compare(formulas[0].latex, "\\frac{a}{b}")
        compare(visibleOnly(findAll(view.assistant, "mathSource", [])).length, 0)
    }
}
