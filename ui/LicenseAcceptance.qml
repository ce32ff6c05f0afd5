import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// "I accept the terms" for a model whose licence asks every user to accept it (Gemma's)
// before it is downloaded; the licence opens in the browser only on click. Shown only for
// such models; `accepted` is what the download is given.
RowLayout {
    id: acceptance

    property string licenseName
    property url licenseUrl
    readonly property alias accepted: box.checked
    // Another model is shown: its terms are accepted anew.
    function reset() { box.checked = false }

    spacing: Theme.spaceS

    CheckBox {
        id: box
        objectName: "acceptLicense"
        Accessible.name: qsTr("I accept the %1").arg(acceptance.licenseName)
    }
    Label {
        Layout.fillWidth: true
        textFormat: Text.StyledText
        text: qsTr("I accept the %1").arg("<a href=\"" + acceptance.licenseUrl + "\">"
                                          + acceptance.licenseName + "</a>")
        color: Theme.text
        linkColor: Theme.accent
        wrapMode: Text.WordWrap
        onLinkActivated: link => Qt.openUrlExternally(link)
        HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
        TapHandler { onTapped: if (!parent.hoveredLink) box.toggle() }
    }
}
