import QtQuick
import QtQuick.Layouts
import QtTest
import Hearth.Ui

// The message delegates with a conversation that has a code block and reasoning: blocks
// appear as prose and code, the code is highlighted by language, reasoning is collapsed to
// "Thought for N s" until opened, user bubbles stay within 80% of the column, and streaming
// extends the last block only. Screenshots of both palettes go to the build's test output.
TestCase {
    id: test
    name: "Messages"
    when: windowShown
    width: 760
    height: 900
    visible: true

    readonly property string answer: "Here is a function that adds two numbers:\n\n"
        + "```python\ndef add(a, b):\n    return a + b\n```\n\n"
        + "Call it as `add(2, 3)`; the result is **5**.\n"

    Component {
        id: conversation
        Rectangle {
            width: 760
            height: column.implicitHeight + 48
            color: Theme.background
            property alias user: user
            property alias assistant: assistant
            ColumnLayout {
                id: column
                x: 24; y: 24
                width: parent.width - 48
                spacing: 24
                UserMessage {
                    id: user
                    Layout.fillWidth: true
                    content: "Write a Python function that adds two numbers, please."
                }
                AssistantMessage {
                    id: assistant
                    Layout.fillWidth: true
                    content: test.answer
                    thinking: "The user wants a simple function. Python, two parameters, return the sum."
                    thinkingSeconds: 3.4
                }
            }
        }
    }

    function findAll(item, name, out) {
        if (item.objectName === name)
            out.push(item)
        for (let i = 0; i < item.children.length; ++i)
            findAll(item.children[i], name, out)
        return out
    }

    function cleanup() {
        Theme.scheme = "system"
    }

    function test_blocks() {
        const view = createTemporaryObject(conversation, test)
        verify(view)
        waitForRendering(view)
        const prose = findAll(view.assistant, "proseBlock", [])
        const code = findAll(view.assistant, "codeText", [])
        compare(prose.length, 2)
        compare(code.length, 1)
        compare(code[0].text, "def add(a, b):\n    return a + b")
        compare(findAll(view.assistant, "codeLanguage", [])[0].text, "Python")
    }

    function test_thinking_collapsed() {
        const view = createTemporaryObject(conversation, test)
        waitForRendering(view)
        const toggle = findAll(view.assistant, "thinkingToggle", [])[0]
        const text = findAll(view.assistant, "thinkingText", [])[0]
        verify(toggle.Accessible.name.indexOf("Thought for 3 s") >= 0, toggle.Accessible.name)
        verify(!text.visible)
        mouseClick(toggle)
        verify(text.visible)
    }

    function test_user_bubble_width() {
        const view = createTemporaryObject(conversation, test)
        waitForRendering(view)
        const bubble = findAll(view.user, "userBubble", [])[0]
        verify(bubble.width <= view.user.width * 0.8 + 0.5)
        const right = bubble.mapToItem(view.user, bubble.width, 0).x
        fuzzyCompare(right, view.user.width, 0.5)
    }

    function test_streaming_extends_last_block() {
        const view = createTemporaryObject(conversation, test)
        waitForRendering(view)
        const before = findAll(view.assistant, "codeText", [])[0]
        view.assistant.content = test.answer + "It also works for floats."
        waitForRendering(view)
        const after = findAll(view.assistant, "codeText", [])[0]
        verify(before === after) // the code block's item was kept, not re-created
        const prose = findAll(view.assistant, "proseBlock", [])
        verify(prose[1].text.indexOf("floats") >= 0)
    }

    function test_screenshots_data() {
        return [{ tag: "light", scheme: "light" }, { tag: "dark", scheme: "dark" }]
    }

    function test_screenshots(data) {
        Theme.scheme = data.scheme
        const view = createTemporaryObject(conversation, test)
        waitForRendering(view)
        const image = grabImage(view)
        verify(image.width >= 700)
        image.save(hearthTestOutput + "/messages-" + data.tag + ".png")
    }
}
