import QtQuick
import QtTest
import Hearth.Ui

// The palette meets WCAG AA contrast (4.5:1 for body text) in light and dark, and the
// scheme switch changes it.
TestCase {
    name: "Theme"

    function luminance(c) {
        function channel(v) {
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }

    function contrast(a, b) {
        const la = luminance(a), lb = luminance(b)
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
    }

    function cleanup() {
        Theme.scheme = "system"
    }

    function test_contrast_data() {
        return [{ tag: "light", scheme: "light" }, { tag: "dark", scheme: "dark" }]
    }

    function test_contrast(data) {
        Theme.scheme = data.scheme
        compare(Theme.dark, data.scheme === "dark")
        const pairs = [
            ["text", Theme.text, Theme.background],
            ["text on sidebar", Theme.text, Theme.sidebar],
            ["secondary", Theme.textSecondary, Theme.background],
            ["secondary on sidebar", Theme.textSecondary, Theme.sidebar],
            ["secondary on surface", Theme.textSecondary, Theme.surface],
            ["button", Theme.accentText, Theme.accent],
            ["text in bubble", Theme.text, Theme.userBubble]
        ]
        for (const [what, fg, bg] of pairs) {
            const ratio = contrast(fg, bg)
            verify(ratio >= 4.5, what + " contrast " + ratio.toFixed(2))
        }
    }

    function test_schemes_differ() {
        Theme.scheme = "light"
        const light = Qt.color(Theme.background.toString()) // a copy, not a live reference
        Theme.scheme = "dark"
        verify(!Qt.colorEqual(light, Theme.background))
        verify(luminance(Theme.background) < luminance(light))
    }

    function test_font_scale() {
        const base = Theme.bodySize
        Theme.fontScale = 1.5
        compare(Theme.bodySize, Math.round(base * 1.5))
        Theme.fontScale = 1.0
    }
}
