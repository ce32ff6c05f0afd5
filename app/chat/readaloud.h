// Reads answers aloud with the system's offline speech (Qt TextToSpeech), one at a time.
//
// The engine is chosen once, on the first event-loop turn after QML first uses ReadAloud (so
// the window shows first): speech-dispatcher when it answers, else flite, else none. The
// environment variable HEARTH_SPEECH_ENGINE names one engine to use instead ("none": no
// speech), for tests and for systems where the first choice misbehaves.
//
// An engine that fails to play (no audio device) is given up: `available` turns false.
// toggle(id, markdown) starts reading an answer (stopping any other) or stops the one being
// read; `speakingId` is the answer being read (0 when none), so each answer's button shows
// Stop for itself only. The text read is SpeakableText's: no code, no reasoning, formulas
// plainly or not at all, with a voice for the answer's language when the engine has one.
// The text goes to the engine a phrase at a time: speech-dispatcher is stopped at once,
// flite (which Qt 6.8 cannot stop mid-phrase without crashing) after its current phrase.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QTextToSpeech;

class ReadAloud : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    Q_PROPERTY(QString engine READ engine NOTIFY availableChanged)
    Q_PROPERTY(qint64 speakingId READ speakingId NOTIFY speakingIdChanged)

public:
    explicit ReadAloud(QObject* parent = nullptr);
    ~ReadAloud() override;

    bool available() const { return tts_ != nullptr && !broken_; }
    QString engine() const { return engine_; }
    qint64 speakingId() const { return speakingId_; }
    // What the last toggle() gave the engine and the language (BCP 47) it chose for it.
    QString lastText() const { return lastText_; }
    QString lastLanguage() const { return lastLanguage_; }

    // Reads the answer `messageId` (its Markdown), or stops when it is the one being read.
    Q_INVOKABLE void toggle(qint64 messageId, const QString& markdown);
    Q_INVOKABLE void stop();
    // Whether the engine is still reading or synthesising (also after stop(), see there).
    bool busy() const;

signals:
    void availableChanged();
    void speakingIdChanged();

private:
    void chooseEngine();
    void setSpeakingId(qint64 id);
    void sayNext();
    void onStateChanged(int state);

    QTextToSpeech* tts_ = nullptr;
    QString engine_;
    qint64 speakingId_ = 0;
    QString lastText_;
    QStringList queue_; // phrases of the answer not yet given to the engine
    QString lastLanguage_;
    bool broken_ = false;  // the engine failed to play: not used again
    bool started_ = false; // the engine has begun the current text (a Ready before is stop's)
};
