// The text of a cited non-PDF source (text, Markdown, source code, HTML as text), read from
// disk when the user opens it, with the cited passage located in it: at the offset stored
// with the source when it is still there, else by its text (the file changed since it was
// indexed), else not at all. For the in-app source viewer (TextSourceViewer.qml); the file
// is read through the same extractor the index used, so offsets mean the same text.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class SourceText : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(State state READ state NOTIFY loaded)
    Q_PROPERTY(QString text READ text NOTIFY loaded)
    // The passage in `text` (UTF-16 offsets, as TextEdit positions count); length 0 when
    // it was not found.
    Q_PROPERTY(int passageStart READ passageStart NOTIFY loaded)
    Q_PROPERTY(int passageLength READ passageLength NOTIFY loaded)
    // Source code: shown in a monospace font.
    Q_PROPERTY(bool code READ code NOTIFY loaded)
    // Why there is no text (state Unreadable), in the user's language.
    Q_PROPERTY(QString error READ error NOTIFY loaded)
    // A large file is shown in part, around the passage (a text view lays out about 1.5 MB of
    // text a second, on the GUI thread): `text` is then lines firstLine to lastLine (1-based)
    // of the file.
    Q_PROPERTY(bool partial READ partial NOTIFY loaded)
    Q_PROPERTY(int firstLine READ firstLine NOTIFY loaded)
    Q_PROPERTY(int lastLine READ lastLine NOTIFY loaded)

public:
    enum class State {
        Empty,     // nothing loaded
        Found,     // the passage is where the index saw it
        Moved,     // the file changed; the passage was found by its text
        NotFound,  // the file changed and the passage is no longer in it
        Missing,   // the file is gone
        Unreadable // there, but cannot be read as text now
    };
    Q_ENUM(State)

    // The most of a file shown at once, in UTF-16 units (laid out in about 0.15 s on the
    // shared 2-core test machine; 4 MB took 3 s).
    static constexpr int kMaxShownChars = 256 * 1024;

    explicit SourceText(QObject* parent = nullptr);

    // Reads `path` and finds `excerpt` (the passage as the model read it, trimmed), which
    // the index saw at `start` of the file's text.
    Q_INVOKABLE void load(const QString& path, int start, const QString& excerpt);
    Q_INVOKABLE void clear();

    State state() const { return state_; }
    QString text() const { return text_; }
    int passageStart() const { return passageStart_; }
    int passageLength() const { return passageLength_; }
    bool code() const { return code_; }
    QString error() const { return error_; }
    bool partial() const { return partial_; }
    int firstLine() const { return firstLine_; }
    int lastLine() const { return lastLine_; }

    // Where `excerpt` is in `text`: {start, length, state} with state Found, Moved or
    // NotFound. Exposed for the unit test.
    struct Located {
        int start = 0;
        int length = 0;
        State state = State::NotFound;
    };
    static Located locate(const QString& text, int start, const QString& excerpt);

signals:
    void loaded();

private:
    // Keeps kMaxShownChars of text_ around the passage, cut at line ends.
    void keepPartAroundPassage();

    State state_ = State::Empty;
    QString text_;
    int passageStart_ = 0;
    int passageLength_ = 0;
    bool code_ = false;
    QString error_;
    bool partial_ = false;
    int firstLine_ = 1;
    int lastLine_ = 1;
};
