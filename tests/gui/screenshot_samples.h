// The conversations tst_screenshots shows, in English, German and Chinese: a chat with
// reasoning and code, an answer cut off by a full context, a math answer, an answer with
// sources from a document collection, and a question with attached files.
#pragma once

struct Sample {
    const char* language;
    const char* title;
    const char* question;
    const char* thinking;
    const char* answer;
    const char* cutQuestion; // answered until the context was full, mid-word
    const char* cutAnswer;
    const char* mathQuestion; // answered with inline and display formulas and a price
    const char* mathAnswer;
};

// clang-format off
const Sample kSamples[] = {
    {"en", "Adding numbers in Python",
     "Write a Python function that adds two numbers, please.",
     "The user wants a small function. Two parameters, return the sum, show a call.",
     "Here is a function that adds two numbers:\n\n```python\ndef add(a, b):\n"
     "    \"\"\"Return the sum of a and b.\"\"\"\n    return a + b\n```\n\n"
     "Call it as `add(2, 3)`; the result is **5**.\n\n- It works for integers and floats.\n"
     "- For strings it joins them: `add(\"a\", \"b\")` gives `\"ab\"`.\n",
     "Where do penguins live?",
     "Penguins live almost only in the Southern Hemisphere: on Antarctica, along the coasts "
     "of South America, in southern Africa and in Austra",
     "What is the sum of 1 to n, and how do I solve a quadratic equation?",
     "The sum of the first $n$ natural numbers is\n\n$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\n"
     "For $ax^2 + bx + c = 0$ with $a \\neq 0$ the solutions are\n\n"
     "$$\nx = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$\n\n"
     "A calculator costs $5 and a book $10; the rotation $R = \\begin{pmatrix}\\cos\\theta & "
     "-\\sin\\theta\\\\ \\sin\\theta & \\cos\\theta\\end{pmatrix}$ keeps lengths.\n"},
    {"de", "Zahlen addieren in Python",
     "Schreib bitte eine Python-Funktion, die zwei Zahlen addiert.",
     "Der Nutzer möchte eine kleine Funktion. Zwei Parameter, Summe zurückgeben, Aufruf zeigen.",
     "Hier ist eine Funktion, die zwei Zahlen addiert:\n\n```python\ndef addiere(a, b):\n"
     "    \"\"\"Gibt die Summe von a und b zurück.\"\"\"\n    return a + b\n```\n\n"
     "Rufe sie als `addiere(2, 3)` auf; das Ergebnis ist **5**.\n\n"
     "- Sie funktioniert mit Ganzzahlen und Gleitkommazahlen.\n"
     "- Bei Zeichenketten werden diese verkettet.\n",
     "Wo leben Pinguine?",
     "Pinguine leben fast nur auf der Südhalbkugel: in der Antarktis, an den Küsten "
     "Südamerikas, im südlichen Afrika und in Austra",
     "Was ist die Summe von 1 bis n, und wie löse ich eine quadratische Gleichung?",
     "Die Summe der ersten $n$ natürlichen Zahlen ist\n\n$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\n"
     "Für $ax^2 + bx + c = 0$ mit $a \\neq 0$ lauten die Lösungen\n\n"
     "$$\nx = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$\n\n"
     "Ein Taschenrechner kostet $5 und ein Buch $10; die Drehung $R = \\begin{pmatrix}\\cos\\theta & "
     "-\\sin\\theta\\\\ \\sin\\theta & \\cos\\theta\\end{pmatrix}$ erhält Längen.\n"},
    {"zh", "用 Python 相加两个数",
     "请写一个把两个数相加的 Python 函数。",
     "用户想要一个简单的函数。两个参数，返回它们的和，并展示调用方法。",
     "下面是一个把两个数相加的函数：\n\n```python\ndef add(a, b):\n"
     "    \"\"\"返回 a 与 b 的和。\"\"\"\n    return a + b\n```\n\n"
     "调用方式为 `add(2, 3)`，结果是 **5**。\n\n- 适用于整数和浮点数。\n"
     "- 对字符串则会把它们连接起来。\n",
     "企鹅生活在哪里？",
     "企鹅几乎只生活在南半球：南极洲、南美洲沿岸、非洲南部以及澳大",
     "从 1 加到 n 的和是多少？二次方程怎么解？",
     "前 $n$ 个自然数之和为\n\n$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\n"
     "对于 $ax^2 + bx + c = 0$（其中 $a \\neq 0$），解为\n\n"
     "$$\nx = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$\n\n"
     "计算器售价 $5，书售价 $10；旋转矩阵 $R = \\begin{pmatrix}\\cos\\theta & "
     "-\\sin\\theta\\\\ \\sin\\theta & \\cos\\theta\\end{pmatrix}$ 保持长度不变。\n"},
};
// An answer made with document search, citing two sources (issue 21).
struct SourcesSample {
    const char* language;
    const char* collection;
    const char* question;
    const char* answer;
    const char* pdf;  // cited as [1], page 3 of 12
    const char* note; // cited as [2]
    const char* noteText;    // the note's file
    const char* notePassage; // the part of it cited, marked in the text viewer
};
const SourcesSample kSourcesSamples[] = {
    {"en", "Home", "How much notice do I have to give on the flat?",
     "You have to give **three months' notice** in writing [1]. Your notes say you sent it on "
     "2 May [2].",
     "Lease agreement.pdf", "moving.md",
     "# Moving\n\n- 12 April: asked the landlord about the deposit.\n- 20 April: boxes from "
     "the supermarket.\n- 2 May: sent the notice by registered post; the receipt is in the "
     "blue folder.\n- 9 May: electricity meter reading 48 213.\n- 15 May: van booked for 31 "
     "July.\n",
     "2 May: sent the notice by registered post; the receipt is in the blue folder."},
    {"de", "Zuhause", "Wie lange ist die Kündigungsfrist für die Wohnung?",
     "Die Kündigungsfrist beträgt **drei Monate** und muss schriftlich erfolgen [1]. Laut "
     "deinen Notizen wurde die Kündigung am 2. Mai verschickt [2].",
     "Mietvertrag.pdf", "Umzug.md",
     "# Umzug\n\n- 12. April: Vermieter wegen der Kaution gefragt.\n- 20. April: Kartons vom "
     "Supermarkt.\n- 2. Mai: Kündigung per Einschreiben verschickt; der Beleg liegt im blauen "
     "Ordner.\n- 9. Mai: Stromzähler 48 213.\n- 15. Mai: Transporter für den 31. Juli "
     "gebucht.\n",
     "2. Mai: Kündigung per Einschreiben verschickt; der Beleg liegt im blauen Ordner."},
    {"zh", "家庭", "退租需要提前多久通知？",
     "需要提前**三个月**书面通知房东 [1]。根据你的笔记，通知已于 5 月 2 日寄出 [2]。",
     "租赁合同.pdf", "搬家.md",
     "# 搬家\n\n- 4 月 12 日：向房东询问押金。\n- 4 月 20 日：从超市拿了纸箱。\n- 5 月 2 日："
     "用挂号信寄出退租通知，收据在蓝色文件夹里。\n- 5 月 9 日：电表读数 48 213。\n- 5 月 15 日："
     "预订了 7 月 31 日的货车。\n",
     "5 月 2 日：用挂号信寄出退租通知，收据在蓝色文件夹里。"},
};

// A question with two files attached (a note and a two-page PDF), its answer, and a file
// waiting in the composer.
struct AttachmentSample {
    const char* language;
    const char* question;
    const char* answer;
    const char* note;
    const char* noteText;
    const char* pdf;
    const char* waiting;
};

const AttachmentSample kAttachmentSamples[] = {
    {"en", "Which ferry can I take on Sunday?",
     "On Sundays there is only one ferry, at **10:30** (timetable, page 2). Your notes plan "
     "the 9:40 ferry, which runs on weekdays only.",
     "trip-notes.md", "# Trip\n\nFerry at 9:40 from Schaprode.\n", "timetable.pdf",
     "packing-list.txt"},
    {"de", "Welche Fähre kann ich am Sonntag nehmen?",
     "Sonntags fährt nur eine Fähre, um **10:30** Uhr (Fahrplan, Seite 2). Deine Notizen sehen "
     "die Fähre um 9:40 vor, die nur werktags fährt.",
     "reisenotizen.md", "# Reise\n\nFähre um 9:40 ab Schaprode.\n", "fahrplan.pdf",
     "packliste.txt"},
    {"zh", "我星期天可以坐哪班渡轮？",
     "星期天只有一班渡轮，时间是 **10:30**（时刻表第 2 页）。你的笔记里计划的是 9:40 的渡轮，"
     "那班只在工作日运行。",
     "旅行笔记.md", "# 旅行\n\n9:40 从 Schaprode 出发的渡轮。\n", "时刻表.pdf", "行李清单.txt"},
};
// clang-format on
