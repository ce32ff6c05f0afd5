import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Hearth.Core

// Models: Discover (the catalog, searchable and filtered, with details and downloads),
// Installed (what is on this computer) and Hugging Face (any GGUF model from the Hub, on the
// user's request only). "Refresh catalog", downloads and the Hugging Face tab's requests are
// the only uses of the network here, and each says so.
ColumnLayout {
    id: page

    signal importRequested
    signal done

    spacing: 0

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Theme.headerHeight
        color: Theme.background
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spaceL
            anchors.rightMargin: Theme.spaceL
            spacing: Theme.spaceM
            Label {
                text: qsTr("Models")
                color: Theme.text
                font.pixelSize: Math.round(Theme.bodySize * 1.2)
                font.weight: Font.DemiBold
            }
            TabBar {
                id: tabs
                objectName: "modelTabs"
                background: null
                PageTab { objectName: "discoverTab"; text: qsTr("Discover") }
                PageTab { objectName: "installedTab"; text: qsTr("Installed (%1)").arg(ModelHub.library.count) }
                PageTab { objectName: "huggingFaceTab"; text: qsTr("Hugging Face") }
            }
            Item { Layout.fillWidth: true }
            Label {
                objectName: "catalogStatus"
                visible: ModelHub.catalog.refreshing || ModelHub.catalog.lastError.length > 0
                text: ModelHub.catalog.refreshing ? qsTr("Refreshing\u2026") : ModelHub.catalog.lastError
                color: ModelHub.catalog.refreshing ? Theme.textSecondary : Theme.danger
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.maximumWidth: implicitWidth
                HoverHandler { id: statusHover }
                ToolTip.visible: statusHover.hovered && truncated
                ToolTip.text: text
            }
            Button {
                objectName: "refreshCatalog"
                // Offered only when this build names a catalog address (none by default).
                visible: ModelHub.catalog.canRefresh
                text: qsTr("Refresh catalog")
                flat: true
                enabled: !ModelHub.catalog.refreshing
                onClicked: ModelHub.catalog.refresh()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Connects to the Hearth catalog server to fetch the latest list of models. Nothing about you is sent.")
            }
        }
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.border
        }
    }

    StackLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        currentIndex: tabs.currentIndex

        // Discover
        RowLayout {
            spacing: 0
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.margins: Theme.spaceL
                spacing: Theme.spaceM

                TextField {
                    id: search
                    objectName: "catalogSearch"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Search models")
                    Accessible.name: qsTr("Search the catalog")
                    onTextChanged: filter.text = text
                }
                // The choices flow onto more lines when the text is large or the page narrow,
                // rather than being cut short.
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spaceS
                    ChoiceBox {
                        objectName: "familyFilter"
                        model: [""].concat(filter.families) // "": all families
                        names: [qsTr("All families")].concat(filter.families)
                        currentIndex: model.indexOf(filter.family)
                        onActivated: index => filter.family = model[index]
                        Accessible.name: qsTr("Family")
                    }
                    ChoiceBox {
                        objectName: "sortChoice"
                        model: ["recommended", "size", "name"]
                        names: [qsTr("Recommended first"), qsTr("Smallest first"), qsTr("By name")]
                        currentIndex: model.indexOf(filter.sortBy)
                        onActivated: index => filter.sortBy = model[index]
                        Accessible.name: qsTr("Sort")
                    }
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spaceXs
                    Repeater {
                        model: ["", "reasoning", "coding", "multilingual"]
                        delegate: AbstractButton {
                            id: chip
                            required property string modelData
                            objectName: "tag_" + (modelData || "all")
                            text: modelData === "" ? qsTr("All")
                                : modelData === "reasoning" ? qsTr("Reasoning")
                                : modelData === "coding" ? qsTr("Coding") : qsTr("Multilingual")
                            checkable: true
                            checked: filter.tag === modelData
                            onClicked: filter.tag = modelData
                            padding: Theme.spaceXs
                            leftPadding: Theme.spaceM
                            rightPadding: Theme.spaceM
                            Accessible.name: text
                            contentItem: Label {
                                text: chip.text
                                color: chip.checked ? Theme.accentText : Theme.text
                                font.pixelSize: Theme.smallSize
                            }
                            background: Rectangle {
                                radius: height / 2
                                color: chip.checked ? Theme.accent : chip.hovered ? Theme.surface : "transparent"
                                border.color: chip.visualFocus ? Theme.text : chip.checked ? Theme.accent : Theme.border
                                border.width: chip.visualFocus ? 2 : 1
                            }
                        }
                    }
                }

                // One stop of the Tab order; Up and Down choose a model.
                ListView {
                    id: catalogList
                    objectName: "catalogList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    activeFocusOnTab: true
                    keyNavigationEnabled: true
                    Accessible.name: qsTr("Model catalog")
                    clip: true
                    spacing: 2
                    currentIndex: 0
                    model: CatalogFilter {
                        id: filter
                        catalog: ModelHub.catalog
                    }
                    ScrollBar.vertical: ScrollBar {}
                    delegate: CatalogRow {
                        selected: ListView.isCurrentItem
                        onClicked: catalogList.currentIndex = index
                    }
                    Label {
                        anchors.centerIn: parent
                        visible: catalogList.count === 0
                        text: qsTr("No model matches.")
                        color: Theme.textSecondary
                    }
                }
            }

            Rectangle {
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                color: Theme.border
            }

            ModelDetail {
                objectName: "modelDetail"
                Layout.fillHeight: true
                Layout.preferredWidth: Math.min(400, page.width * 0.4)
                entry: catalogList.count, catalogList.currentIndex >= 0 ? filter.get(catalogList.currentIndex) : ({})
            }
        }

        // Wrapped: a StackLayout sizes its pages itself and ignores their margins.
        Item {
            InstalledModels {
                objectName: "installedModels"
                anchors.fill: parent
                anchors.margins: Theme.spaceL
                onImportRequested: page.importRequested()
            }
        }

        Item {
            HuggingFaceSearch {
                objectName: "huggingFace"
                anchors.fill: parent
                anchors.margins: Theme.spaceL
            }
        }
    }

    Shortcut {
        sequence: "Esc"
        enabled: page.visible && !ChatController.generating
        onActivated: page.done()
    }
}
