import QtQuick
import QtQuick.Shapes

// A line icon drawn as a path (24 x 24 design grid, 1.8 px round strokes) in any colour,
// so it follows the theme and renders the same on every system and renderer; no icon font
// or image per palette is needed.
Item {
    id: icon

    property string name
    property color color: Theme.textSecondary

    readonly property var paths: ({
        "menu": "M4 7h16 M4 12h16 M4 17h16",
        "more": "M5.5 12h.01 M12 12h.01 M18.5 12h.01",
        "previous": "M14.5 6l-6 6 6 6",
        "next": "M9.5 6l6 6-6 6",
        "copy": "M9 9h10v11H9z M15 9V5H5v11h4",
        "edit": "M4 20h4L19 9l-4-4L4 16z M13 7l4 4",
        "regenerate": "M19 12a7 7 0 1 1-2.05-4.95 M19 4.5v4h-4",
        "speak": "M4 9.5h3.5L12 6v12l-4.5-3.5H4z M15.5 9a4 4 0 0 1 0 6 M18 6.5a7.5 7.5 0 0 1 0 11",
        "stop": "M7 7h10v10H7z",
        "info": "M12 3.5a8.5 8.5 0 1 0 .01 0z M12 11v5.5 M12 7.75v.01",
        "close": "M6.5 6.5l11 11 M17.5 6.5l-11 11",
        "models": "M4.5 4.5h6v6h-6z M13.5 4.5h6v6h-6z M4.5 13.5h6v6h-6z M13.5 13.5h6v6h-6z",
        "settings": "M4 7h9 M17 7h3 M4 17h3 M11 17h9 M15 4.5v5 M9 14.5v5",
        "documents": "M6.5 3.5h7.5l4 4v13h-11.5z M14 3.5v4h4 M9 12h6.5 M9 15.5h6.5",
        "attach": "M17 11.5l-5.8 5.8a3.6 3.6 0 0 1-5.1-5.1l6.6-6.6a2.4 2.4 0 0 1 3.4 3.4l-6.4 6.4a1.2 1.2 0 0 1-1.7-1.7l5.6-5.6"
    })

    implicitWidth: 18
    implicitHeight: 18

    Shape {
        anchors.centerIn: parent
        width: 24
        height: 24
        scale: Math.min(icon.width, icon.height) / 24
        ShapePath {
            strokeColor: icon.color
            strokeWidth: 1.8
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: icon.paths[icon.name] || "" }
        }
    }
}
