#include "htmltext.h"

#include <QHash>
#include <algorithm>
#include <array>
#include <optional>

namespace {

// Elements whose content is not text for a reader.
// (head is not among them: its title is kept, and what else it holds is markup or these.)
constexpr std::array kHiddenElements = {u"script", u"style",    u"template", u"noscript",
                                        u"svg",    u"math",     u"iframe",   u"object",
                                        u"canvas", u"textarea", u"select"};
// Elements that stand apart from what is around them by a blank line, as a browser shows
// them, and elements that only start and end a line.
constexpr std::array kParagraphElements = {
    u"p",  u"h1",    u"h2",  u"h3",         u"h4",     u"h5",      u"h6",       u"ul", u"ol",
    u"dl", u"table", u"pre", u"blockquote", u"figure", u"address", u"fieldset", u"hr", u"form"};
constexpr std::array kLineElements = {u"div",     u"li",      u"dt",         u"dd",      u"tr",
                                      u"section", u"article", u"header",     u"footer",  u"nav",
                                      u"aside",   u"main",    u"figcaption", u"details", u"summary",
                                      u"body",    u"html",    u"caption",    u"legend",  u"option"};

bool isOneOf(QStringView name, const auto& list) {
    return std::any_of(list.begin(), list.end(), [&](const char16_t* item) {
        return name.compare(QStringView(item), Qt::CaseInsensitive) == 0;
    });
}

const QHash<QString, char32_t>& namedReferences() {
    // The references that appear in ordinary pages; the rest of HTML's 2,000 are kept as
    // written rather than guessed.
    static const QHash<QString, char32_t> table = {
        {"amp", U'&'},       {"lt", U'<'},       {"gt", U'>'},          {"quot", U'"'},
        {"apos", U'\''},     {"nbsp", U' '},     {"copy", U'©'},        {"reg", U'®'},
        {"trade", U'™'},     {"hellip", U'…'},   {"mdash", U'—'},       {"ndash", U'–'},
        {"lsquo", U'‘'},     {"rsquo", U'’'},    {"ldquo", U'“'},       {"rdquo", U'”'},
        {"laquo", U'«'},     {"raquo", U'»'},    {"bull", U'•'},        {"middot", U'·'},
        {"euro", U'€'},      {"pound", U'£'},    {"yen", U'¥'},         {"cent", U'¢'},
        {"sect", U'§'},      {"para", U'¶'},     {"deg", U'°'},         {"plusmn", U'±'},
        {"times", U'×'},     {"divide", U'÷'},   {"micro", U'µ'},       {"frac12", U'½'},
        {"auml", U'ä'},      {"ouml", U'ö'},     {"uuml", U'ü'},        {"Auml", U'Ä'},
        {"Ouml", U'Ö'},      {"Uuml", U'Ü'},     {"szlig", U'ß'},       {"eacute", U'é'},
        {"egrave", U'è'},    {"agrave", U'à'},   {"ccedil", U'ç'},      {"shy", U'\u00AD'},
        {"larr", U'←'},      {"rarr", U'→'},     {"uarr", U'↑'},        {"darr", U'↓'},
        {"zwnj", U'\u200C'}, {"zwj", U'\u200D'}, {"thinsp", U'\u2009'}, {"ensp", U'\u2002'},
        {"emsp", U'\u2003'},
    };
    return table;
}

class Scanner {
public:
    explicit Scanner(const QString& html) : in_(html) {}

    HtmlText run() {
        while (pos_ < in_.size()) {
            if (in_[pos_] == u'<' && tag()) {
                continue;
            }
            const qsizetype next = in_.indexOf(u'<', pos_ + 1);
            const qsizetype end = next < 0 ? in_.size() : next;
            text(QStringView(in_).sliced(pos_, end - pos_));
            pos_ = end;
        }
        return {collapse(decodeCharacterReferences(title_)).trimmed(), finish()};
    }

private:
    // At a '<': consumes a comment, declaration or tag and returns true, or returns false
    // for a '<' that starts none (then it is text).
    bool tag() {
        const QStringView rest = QStringView(in_).sliced(pos_);
        if (rest.startsWith(u"<!--")) {
            const qsizetype end = in_.indexOf(u"-->", pos_ + 4);
            pos_ = end < 0 ? in_.size() : end + 3;
            return true;
        }
        if (rest.startsWith(u"<!") || rest.startsWith(u"<?")) {
            const qsizetype end = in_.indexOf(u'>', pos_);
            pos_ = end < 0 ? in_.size() : end + 1;
            return true;
        }
        qsizetype i = pos_ + 1;
        const bool closing = i < in_.size() && in_[i] == u'/';
        i += closing;
        const qsizetype nameStart = i;
        while (i < in_.size() && (in_[i].isLetterOrNumber() || in_[i] == u'-')) {
            ++i;
        }
        if (i == nameStart || !in_[nameStart].isLetter()) {
            return false;
        }
        const QString name = in_.sliced(nameStart, i - nameStart).toLower();
        // The attributes, to the '>' outside quotes.
        QChar quote;
        while (i < in_.size() && (!quote.isNull() || in_[i] != u'>')) {
            if (quote.isNull() && (in_[i] == u'"' || in_[i] == u'\'')) {
                quote = in_[i];
            } else if (in_[i] == quote) {
                quote = QChar();
            }
            ++i;
        }
        const bool selfClosing = i > 0 && i < in_.size() && in_[i - 1] == u'/';
        pos_ = std::min(i + 1, in_.size());
        element(name, closing, selfClosing);
        return true;
    }

    void element(const QString& name, bool closing, bool selfClosing) {
        if (!closing && !selfClosing && name == u"title") {
            title_ += rawContent(name);
            return;
        }
        if (!closing && !selfClosing && isOneOf(name, kHiddenElements)) {
            rawContent(name); // skipped
            return;
        }
        if (name == u"pre") {
            pre_ = !closing;
        }
        if (name == u"br") {
            trimLineEnd();
            out_ += u'\n';
        } else if ((name == u"td" || name == u"th") && !closing) {
            if (!out_.isEmpty() && !out_.endsWith(u'\n')) {
                out_ += u'\t';
            }
        } else if (isOneOf(name, kParagraphElements)) {
            lineBreak(2);
        } else if (isOneOf(name, kLineElements)) {
            lineBreak(1);
        }
        if (name == u"li" && !closing) {
            out_ += u"- ";
        }
    }

    // The content of an element up to its end tag (script, style, title: no markup
    // inside), consumed. A missing end tag takes the rest of the document.
    QString rawContent(const QString& name) {
        const QString end = QStringLiteral("</") + name;
        qsizetype at = pos_;
        while (true) {
            at = in_.indexOf(end, at, Qt::CaseInsensitive);
            const qsizetype after = at + end.size();
            if (at < 0 || after >= in_.size() || !in_[after].isLetterOrNumber()) {
                break;
            }
            at = after;
        }
        const qsizetype stop = at < 0 ? in_.size() : at;
        QString content = in_.sliced(pos_, stop - pos_);
        const qsizetype close = at < 0 ? -1 : in_.indexOf(u'>', at);
        pos_ = close < 0 ? in_.size() : close + 1;
        return content;
    }

    void text(QStringView raw) {
        const QString decoded = decodeCharacterReferences(raw);
        if (pre_) {
            out_ += decoded;
            return;
        }
        for (const QChar c : decoded) {
            if (c.isSpace() && c != QChar(0xA0)) {
                if (!out_.isEmpty() && !out_.endsWith(u' ') && !out_.endsWith(u'\n') &&
                    !out_.endsWith(u'\t')) {
                    out_ += u' ';
                }
            } else {
                out_ += c;
            }
        }
    }

    void trimLineEnd() {
        while (out_.endsWith(u' ')) {
            out_.chop(1);
        }
    }

    // Ends the line, and with `lines` 2 leaves a blank line after it.
    void lineBreak(int lines) {
        trimLineEnd();
        if (out_.isEmpty()) {
            return;
        }
        const QStringView wanted = lines == 2 ? u"\n\n" : u"\n";
        while (!out_.endsWith(wanted)) {
            out_ += u'\n';
        }
    }

    static QString collapse(const QString& s) { return s.simplified(); }

    // Spaces at line ends and runs of blank lines removed; no-break spaces made plain.
    QString finish() {
        out_.replace(QChar(0xA0), u' ');
        QStringList lines = out_.split(u'\n');
        QString result;
        int blank = 0;
        for (QString& line : lines) {
            while (line.endsWith(u' ') || line.endsWith(u'\t')) {
                line.chop(1);
            }
            blank = line.isEmpty() ? blank + 1 : 0;
            if (blank < 2) {
                result += line + u'\n';
            }
        }
        return result.trimmed();
    }

    const QString& in_;
    qsizetype pos_ = 0;
    QString out_;
    QString title_;
    bool pre_ = false;
};

} // namespace

QString decodeCharacterReferences(QStringView text) {
    if (!text.contains(u'&')) {
        return text.toString();
    }
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != u'&') {
            out += text[i++];
            continue;
        }
        const qsizetype semicolon = text.indexOf(u';', i + 1);
        // References are short; a ';' far away belongs to something else.
        if (semicolon < 0 || semicolon - i > 12) {
            out += text[i++];
            continue;
        }
        const QStringView body = text.sliced(i + 1, semicolon - i - 1);
        std::optional<char32_t> code;
        if (body.startsWith(u'#')) {
            bool ok = false;
            const bool hex = body.size() > 1 && (body[1] == u'x' || body[1] == u'X');
            const uint value = body.sliced(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
            // Surrogates, NUL and beyond Unicode are not characters: U+FFFD, as browsers do.
            if (ok) {
                code = (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                           ? char32_t(0xFFFD)
                           : char32_t(value);
            }
        } else if (auto it = namedReferences().constFind(body.toString());
                   it != namedReferences().constEnd()) {
            code = *it;
        }
        if (!code) {
            out += text[i++];
            continue;
        }
        out += QString::fromUcs4(&*code, 1);
        i = semicolon + 1;
    }
    return out;
}

HtmlText htmlToText(const QString& html) {
    return Scanner(html).run();
}
