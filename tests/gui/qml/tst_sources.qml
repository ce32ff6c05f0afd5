import QtQuick
import QtQuick.Controls.Basic
import QtTest
import Hearth.Core
import Hearth.Ui

// The sources under an answer: a button per source, "[N] title, page P" for a paged file;
// its tooltip and accessible description give the passage's first 200 characters, "…"
// after a longer one; a file that is gone is greyed (disabled) and its tooltip says so.
TestCase {
    id: test
    name: "Sources"
    when: windowShown
    width: 760
    height: 300
    visible: true

    // 250 characters: "0123456789" 25 times.
    readonly property string longPassage: "0123456789".repeat(25)

    SourcesList {
        id: list
        width: 700
        sources: ({
            searched: "Home",
            cited: true,
            items: [
                { number: 1, title: "Lease", path: "/d/Lease.pdf", url: "file:///d/Lease.pdf",
                  page: 3, start: 0, paged: true, pdf: true, exists: true, excerpt: test.longPassage },
                { number: 2, title: "notes.md", path: "/d/notes.md", url: "file:///d/notes.md",
                  page: 1, start: 0, paged: false, pdf: false, exists: true, excerpt: "Short one." },
                { number: 3, title: "gone.md", path: "/d/gone.md", url: "file:///d/gone.md",
                  page: 1, start: 0, paged: false, pdf: false, exists: false, excerpt: "x" }
            ]
        })
    }

    function buttons() {
        const out = []
        const walk = item => {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.objectName === "sourceButton")
                    out.push(child)
                walk(child)
            }
        }
        walk(list)
        return out
    }

    function test_passageTips() {
        tryCompare(list, "visible", true)
        const b = buttons()
        compare(b.length, 3)
        compare(b[0].text, "[1] Lease, page 3")
        compare(b[1].text, "[2] notes.md")
        compare(b[0].passage, "0123456789".repeat(20) + "…")
        compare(b[0].ToolTip.text, "/d/Lease.pdf\n\n" + "0123456789".repeat(20) + "…")
        compare(b[0].Accessible.description, "0123456789".repeat(20) + "…")
        compare(b[1].passage, "Short one.")
        verify(!b[2].enabled)
        verify(b[2].ToolTip.text.indexOf("/d/gone.md") >= 0)
        // Shown on keyboard focus, not only on hover.
        b[1].forceActiveFocus(Qt.TabFocusReason)
        tryCompare(b[1].ToolTip, "visible", true)
    }
}
