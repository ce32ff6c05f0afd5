import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// A catalog entry in the model browser: family initials, name with badges (Recommended,
// Fits / Tight / Too large, Coming soon), the facts on one line and the tags.
ItemDelegate {
    id: row

    required property int index
    required property string modelId
    required property string name
    required property string initials
    required property real familyHue
    required property real parametersBillions
    required property real activeParametersBillions // 0 unless a mixture of experts
    required property string quant
    required property var size
    required property string licenseName
    required property var languages
    required property var tags
    required property bool recommended
    required property bool comingSoon
    required property int fit
    required property real estimatedSpeed
    property bool selected: false
    // The row the list's arrow keys are on while the list has the focus (rows take none).
    readonly property bool keyboardCurrent: ListView.isCurrentItem && ListView.view && ListView.view.activeFocus

    width: ListView.view ? ListView.view.width : 0
    padding: Theme.spaceM
    Accessible.name: name
    focusPolicy: Qt.NoFocus

    background: Rectangle {
        radius: Theme.radius
        color: row.selected ? Theme.surfaceHover : row.hovered ? Theme.surface : "transparent"
        border.color: row.keyboardCurrent ? Theme.accent : "transparent"
    }

    contentItem: RowLayout {
        spacing: Theme.spaceM
        opacity: row.comingSoon ? 0.6 : 1

        Rectangle {
            Layout.alignment: Qt.AlignTop
            implicitWidth: 40
            implicitHeight: 40
            radius: 20
            // A stable colour per family.
            color: Qt.hsla(row.familyHue, 0.45, Theme.dark ? 0.35 : 0.85, 1)
            Label {
                anchors.centerIn: parent
                text: row.initials
                color: Theme.text
                font.weight: Font.DemiBold
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            RowLayout {
                spacing: Theme.spaceS
                Label {
                    text: row.name
                    color: Theme.text
                    font.weight: Font.DemiBold
                    wrapMode: Text.Wrap
                    Layout.maximumWidth: 320 * Theme.fontScale
                }
                Badge { visible: row.recommended && !row.comingSoon; text: qsTr("Recommended"); accent: true }
                Badge {
                    objectName: "fitBadge"
                    visible: !row.comingSoon && row.fit !== 0
                    text: row.fit === ModelFit.Fits ? qsTr("Fits") : row.fit === ModelFit.Tight ? qsTr("Tight")
                        : row.fit === ModelFit.Slow ? qsTr("Slow here") : qsTr("Too large")
                    warning: row.fit === ModelFit.TooLarge || row.fit === ModelFit.Slow
                }
                Badge { visible: row.comingSoon; text: qsTr("Coming soon") }
            }
            Label {
                Layout.fillWidth: true
                function billions(value) { return value.toLocaleString(Theme.locale, "f", value < 10 ? 1 : 0) }
                text: [row.activeParametersBillions > 0
                           ? qsTr("%1B parameters, %2B active per token").arg(billions(row.parametersBillions)).arg(billions(row.activeParametersBillions))
                           : qsTr("%1B parameters").arg(billions(row.parametersBillions)),
                       row.quant, Theme.locale.formattedDataSize(row.size),
                       row.estimatedSpeed > 0 && !row.comingSoon
                           ? qsTr("about %1 tokens/s here").arg(row.estimatedSpeed.toLocaleString(Theme.locale, "f", 0)) : "",
                       row.licenseName,
                       (row.languages || []).join(", ")].filter(Boolean).join(" \u00b7 ")
                color: Theme.textSecondary
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap // whole at any text size
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spaceXs
                Repeater {
                    model: row.tags
                    delegate: Badge {
                        required property string modelData
                        // Known tags in the user's language; others as the catalog has them.
                        text: ({ reasoning: qsTr("reasoning"), coding: qsTr("coding"),
                                 multilingual: qsTr("multilingual"), small: qsTr("small"),
                                 fast: qsTr("fast") })[modelData] || modelData
                        subtle: true
                    }
                }
            }
        }
    }
}
