#include "codehighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QHash>
#include <QQuickTextDocument>
#include <QTextDocument>

namespace {

// Loading the definitions takes tens of milliseconds: one repository for the whole app,
// used on the GUI thread only.
KSyntaxHighlighting::Repository& repository() {
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

// Fence words that are neither a definition name nor a file extension it knows.
const QHash<QString, QString>& aliases() {
    static const QHash<QString, QString> map = {
        {"js", "JavaScript"},
        {"ts", "TypeScript"},
        {"py", "Python"},
        {"sh", "Bash"},
        {"shell", "Bash"},
        {"zsh", "Zsh"},
        {"c++", "C++"},
        {"rs", "Rust"},
        {"golang", "Go"},
        {"md", "Markdown"},
        {"yml", "YAML"},
        {"console", "Bash"},
        {"kt", "Kotlin"},
        {"cs", "C#"},
        {"csharp", "C#"},
        {"objc", "Objective-C"},
        {"dockerfile", "Dockerfile"},
        {"jsx", "JavaScript React (JSX)"},
        {"tsx", "TypeScript React (TSX)"},
    };
    return map;
}

} // namespace

CodeHighlighter::CodeHighlighter(QObject* parent) : QObject(parent) {}

CodeHighlighter::~CodeHighlighter() = default;

KSyntaxHighlighting::Definition CodeHighlighter::definitionFor(const QString& language) {
    const QString word = language.trimmed().toLower();
    if (word.isEmpty()) {
        return {};
    }
    KSyntaxHighlighting::Repository& repo = repository();
    if (const auto alias = aliases().constFind(word); alias != aliases().cend()) {
        return repo.definitionForName(*alias);
    }
    for (const KSyntaxHighlighting::Definition& d : repo.definitions()) {
        if (d.name().compare(word, Qt::CaseInsensitive) == 0) {
            return d;
        }
    }
    return repo.definitionForFileName(QStringLiteral("code.") + word);
}

void CodeHighlighter::setDocument(QQuickTextDocument* document) {
    if (document_ == document) {
        return;
    }
    document_ = document;
    setTextDocument(document ? document->textDocument() : nullptr);
    emit documentChanged();
}

void CodeHighlighter::setTextDocument(QTextDocument* document) {
    if (text_document_ == document) {
        return;
    }
    text_document_ = document;
    delete highlighter_;
    highlighter_ = document ? new KSyntaxHighlighting::SyntaxHighlighter(document) : nullptr;
    apply();
}

void CodeHighlighter::setLanguage(const QString& language) {
    if (language_ == language) {
        return;
    }
    language_ = language;
    apply();
    emit languageChanged();
    emit definitionNameChanged();
}

void CodeHighlighter::setDark(bool dark) {
    if (dark_ == dark) {
        return;
    }
    dark_ = dark;
    apply();
    emit darkChanged();
}

QString CodeHighlighter::definitionName() const {
    // Unknown languages give an invalid definition (which still calls itself "None").
    const KSyntaxHighlighting::Definition definition = definitionFor(language_);
    return definition.isValid() ? definition.name() : QString();
}

void CodeHighlighter::apply() {
    if (highlighter_ == nullptr) {
        return;
    }
    highlighter_->setTheme(
        repository().defaultTheme(dark_ ? KSyntaxHighlighting::Repository::DarkTheme
                                        : KSyntaxHighlighting::Repository::LightTheme));
    highlighter_->setDefinition(definitionFor(language_)); // invalid: plain text
    highlighter_->rehighlight();
}
