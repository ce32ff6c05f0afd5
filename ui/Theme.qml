pragma Singleton

import QtQuick
import Hearth.Core

// Colours, type and spacing of the whole app. Light and dark palettes (WCAG AA contrast for
// text on its background); follows the system unless `scheme` is "light" or "dark".
QtObject {
    id: theme

    property string scheme: "system"
    property real fontScale: 1.0

    readonly property bool dark: scheme === "dark"
        || (scheme === "system" && Qt.styleHints.colorScheme === Qt.ColorScheme.Dark)

    readonly property color background: dark ? "#1c1b1a" : "#ffffff"
    readonly property color sidebar: dark ? "#242322" : "#f6f5f2"
    readonly property color surface: dark ? "#2a2927" : "#f1efea"
    readonly property color surfaceHover: dark ? "#34322f" : "#e9e6df"
    readonly property color codeSurface: dark ? "#262523" : "#f5f4f0"
    readonly property color userBubble: dark ? "#2e2c2a" : "#f1efe9"
    readonly property color border: dark ? "#3a3835" : "#e2dfd8"
    readonly property color text: dark ? "#ecebe8" : "#1f1e1c"
    readonly property color textSecondary: dark ? "#aaa7a1" : "#5e5b55"
    readonly property color accent: dark ? "#f59e5b" : "#b4460f"
    readonly property color accentText: dark ? "#1c1b1a" : "#ffffff"
    readonly property color danger: dark ? "#f38b8b" : "#b42318"

    // How numbers, sizes, dates and times are written: the interface language's way, and
    // again at once when the language changes (a plain Qt.locale() in a binding would keep
    // the language the binding was first evaluated in).
    readonly property var locale: Qt.locale(Languages.localeName)

    readonly property string fontFamily: "Noto Sans"
    readonly property string monoFamily: "Noto Sans Mono"
    readonly property int bodySize: Math.round(15 * fontScale)
    readonly property int smallSize: Math.round(13 * fontScale)
    readonly property int titleSize: Math.round(22 * fontScale)
    readonly property real lineHeight: 1.5

    // Spacing scale 4/8/12/16/24/32.
    readonly property int spaceXs: 4
    readonly property int spaceS: 8
    readonly property int spaceM: 12
    readonly property int spaceL: 16
    readonly property int spaceXl: 24
    readonly property int spaceXxl: 32

    readonly property int radius: 8
    readonly property int bubbleRadius: 14
    // Wider only past 150 % text, so that titles and the search field keep their words.
    readonly property int sidebarWidth: Math.round(280 * Math.max(1, fontScale - 0.5))
    readonly property int columnMaxWidth: 760
    readonly property int headerHeight: 52
    readonly property int motionMs: 150
}
