import QtQuick
import QtQuick.Controls.Basic

// A dropdown of fixed choices. The list (`model`) holds what the code stores ("system",
// "light", "dark"), `names` what the user reads, translated. A language change then renames
// the choices without replacing the list, which would reset the choice shown to the first
// (the Colours box said "Follow the system" while dark was in effect). The box is as wide as
// its longest name; entries are ChoiceDelegates.
ComboBox {
    id: box

    property var names: [] // names[i] is shown for model[i]

    displayText: names[currentIndex] || ""

    FontMetrics {
        id: metrics
        font: box.font
    }
    readonly property real widestName: {
        let widest = 0
        for (const name of names)
            widest = Math.max(widest, metrics.advanceWidth(name))
        return Math.ceil(widest)
    }
    // The Basic style's text field inside the box adds its own padding of about 12 px.
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            widestName + Theme.spaceL + leftPadding + rightPadding)

    delegate: ChoiceDelegate {
        required property int index
        text: box.names[index] || ""
        highlighted: box.highlightedIndex === index
    }
}
