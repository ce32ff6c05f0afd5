#include "htmlcodehighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <QColor>

using namespace KSyntaxHighlighting;

QString htmlEscaped(QStringView text) {
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '"':
            out += QStringLiteral("&quot;");
            break;
        case '\'':
            out += QStringLiteral("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

// The declarations a format has under `theme`; empty when it looks like plain text.
QString styleOf(const Format& format, const Theme& theme) {
    QString css;
    if (format.hasTextColor(theme)) {
        css += QStringLiteral("color:") + format.textColor(theme).name() + QLatin1Char(';');
    }
    if (format.hasBackgroundColor(theme)) {
        css +=
            QStringLiteral("background:") + format.backgroundColor(theme).name() + QLatin1Char(';');
    }
    if (format.isBold(theme)) {
        css += QStringLiteral("font-weight:bold;");
    }
    if (format.isItalic(theme)) {
        css += QStringLiteral("font-style:italic;");
    }
    if (format.isUnderline(theme) || format.isStrikeThrough(theme)) {
        css += QStringLiteral("text-decoration:");
        css += format.isUnderline(theme) ? QStringLiteral(" underline") : QString();
        css += format.isStrikeThrough(theme) ? QStringLiteral(" line-through") : QString();
        css += QLatin1Char(';');
    }
    return css;
}

QString colour(QRgb rgb) {
    return QColor::fromRgb(rgb).name();
}

} // namespace

HtmlCodeHighlighter::HtmlCodeHighlighter(const Repository& repository)
    : repository_(repository), light_(repository.defaultTheme(Repository::LightTheme)),
      dark_(repository.defaultTheme(Repository::DarkTheme)) {
    setTheme(light_);
}

Definition codeDefinition(const Repository& repository, const QString& language) {
    if (language.isEmpty()) {
        return {};
    }
    // "cpp", "Python", "C++" by name; "rs", "ts", "py" by the file extension they are.
    Definition byName = repository.definitionForName(language);
    return byName.isValid() ? byName
                            : repository.definitionForFileName(QStringLiteral("code.") + language);
}

QString HtmlCodeHighlighter::highlight(const QString& code, const QString& language) {
    const Definition definition = codeDefinition(repository_, language);
    if (!definition.isValid()) {
        return htmlEscaped(code);
    }
    setDefinition(definition);
    out_.clear();
    State state;
    const QStringList lines = code.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            out_ += QLatin1Char('\n');
        }
        line_ = lines[i];
        position_ = 0;
        state = highlightLine(line_, state);
        out_ += htmlEscaped(line_.mid(position_)); // whatever no format covered
    }
    line_ = {};
    return out_;
}

void HtmlCodeHighlighter::applyFormat(int offset, int length, const Format& format) {
    if (offset < position_ || offset + length > line_.size()) {
        return; // overlapping or out of line: already written
    }
    out_ += htmlEscaped(line_.mid(position_, offset - position_));
    const QStringView text = line_.mid(offset, length);
    const QString light = styleOf(format, light_);
    const QString dark = styleOf(format, dark_);
    if (light.isEmpty() && dark.isEmpty()) {
        out_ += htmlEscaped(text);
    } else {
        used_.emplace(format.id(), std::make_pair(light, dark));
        out_ += QStringLiteral("<span class=\"hl-%1\">").arg(format.id()) + htmlEscaped(text) +
                QStringLiteral("</span>");
    }
    position_ = offset + length;
}

QString HtmlCodeHighlighter::css() const {
    QString light = QStringLiteral("pre.code{color:%1;background:%2;}\n")
                        .arg(colour(light_.textColor(Theme::Normal)),
                             colour(light_.editorColor(Theme::BackgroundColor)));
    QString dark = QStringLiteral("pre.code{color:%1;background:%2;}\n")
                       .arg(colour(dark_.textColor(Theme::Normal)),
                            colour(dark_.editorColor(Theme::BackgroundColor)));
    // Dark rules first undo everything a light rule may have set, then set their own.
    const QString undo = QStringLiteral("color:inherit;background:none;font-weight:normal;"
                                        "font-style:normal;text-decoration:none;");
    for (const auto& [id, styles] : used_) {
        const QString selector = QStringLiteral(".hl-%1{").arg(id);
        light += selector + styles.first + QStringLiteral("}\n");
        dark += selector + undo + styles.second + QStringLiteral("}\n");
    }
    return light + QStringLiteral("@media (prefers-color-scheme: dark){\n") + dark +
           QStringLiteral("}\n");
}
