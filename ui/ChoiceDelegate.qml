import QtQuick
import QtQuick.Controls.Basic

// One entry of a dropdown list (the delegate of every ComboBox). The highlighted entry, under
// the pointer or reached with the arrow keys, is drawn in the accent colour with the accent's
// text colour: the Basic style drew it with the selection's text colour on a pale grey, which
// was all but invisible in both palettes. tst_look checks the contrast (WCAG AA, 4.5:1).
ItemDelegate {
    id: choice

    width: ListView.view ? ListView.view.width : implicitWidth
    leftPadding: Theme.spaceM
    rightPadding: Theme.spaceM

    contentItem: Label {
        text: choice.text
        color: choice.highlighted ? Theme.accentText : choice.enabled ? Theme.text : Theme.textSecondary
        font: choice.font
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        implicitHeight: 36
        color: choice.highlighted ? Theme.accent : "transparent"
    }
}
