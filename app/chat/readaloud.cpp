#include "readaloud.h"

#include "speakabletext.h"

#include <QLocale>
#include <QTextBoundaryFinder>
#include <QTextToSpeech>
#include <QTimer>
#include <QVoice>

ReadAloud::ReadAloud(QObject* parent) : QObject(parent) {
    QTimer::singleShot(0, this, &ReadAloud::chooseEngine);
}

// The engine goes first, without telling this half-destroyed object (and the QML bound to
// it) that it stopped.
ReadAloud::~ReadAloud() {
    if (tts_ != nullptr) {
        disconnect(tts_, nullptr, this, nullptr);
        delete tts_;
    }
}

void ReadAloud::chooseEngine() {
    QStringList candidates{QStringLiteral("speechd"), QStringLiteral("flite")};
    const QString forced = qEnvironmentVariable("HEARTH_SPEECH_ENGINE");
    if (!forced.isEmpty()) {
        candidates = {forced};
    }
    const QStringList installed = QTextToSpeech::availableEngines();
    for (const QString& name : candidates) {
        if (!installed.contains(name)) {
            continue;
        }
        auto* tts = new QTextToSpeech(name, this);
        // An engine that cannot reach its synthesiser (no speech-dispatcher running and none
        // to start) or has no audio device to play on says so at once; the next one is
        // tried. A forced engine is kept until it fails to play (tests of that path).
        if (tts->state() == QTextToSpeech::Error ||
            (forced.isEmpty() && tts->errorReason() != QTextToSpeech::ErrorReason::NoError)) {
            delete tts;
            continue;
        }
        tts_ = tts;
        engine_ = name;
        connect(tts_, &QTextToSpeech::stateChanged, this,
                [this](QTextToSpeech::State state) { onStateChanged(state); });
        emit availableChanged();
        return;
    }
}

void ReadAloud::toggle(qint64 messageId, const QString& markdown) {
    if (!available()) {
        return;
    }
    if (speakingId_ == messageId) {
        stop();
        return;
    }
    stop();
    const SpeakablePhrases phrases{tr("Code omitted."), tr("formula omitted")};
    lastText_ = SpeakableText::speakable(markdown, phrases);
    const QLocale::Language language = SpeakableText::language(lastText_, QLocale().language());
    lastLanguage_ = QLocale(language).bcp47Name();
    if (lastText_.isEmpty()) {
        return;
    }
    // A voice for the answer's language when the engine has one; else its current voice
    // reads it (better an accent than silence).
    if (tts_->voice().locale().language() != language) {
        const QList<QVoice> voices = tts_->findVoices(language);
        if (!voices.isEmpty()) {
            tts_->setVoice(voices.first());
        }
    }
    // One sentence per say(): the engine cannot be stopped inside one (flite ends what it
    // synthesises, and quitting waits for that), so a sentence is the most it holds up.
    queue_.clear();
    for (const QString& line : lastText_.split(u'\n', Qt::SkipEmptyParts)) {
        QTextBoundaryFinder sentences(QTextBoundaryFinder::Sentence, line);
        qsizetype start = 0;
        while (sentences.toNextBoundary() != -1) {
            const QString sentence = line.mid(start, sentences.position() - start).trimmed();
            if (!sentence.isEmpty()) {
                queue_.append(sentence);
            }
            start = sentences.position();
        }
    }
    setSpeakingId(messageId);
    sayNext();
}

void ReadAloud::stop() {
    queue_.clear();
    // flite (Qt 6.8) crashes when stopped while it plays: its phrase is left to end.
    if (available() && speakingId_ != 0 && engine_ != QLatin1String("flite")) {
        tts_->stop();
    }
    setSpeakingId(0);
}

bool ReadAloud::busy() const {
    return tts_ != nullptr && (tts_->state() == QTextToSpeech::Speaking ||
                               tts_->state() == QTextToSpeech::Synthesizing);
}

// One phrase at a time, each when the engine is idle: what stop() leaves playing ends first.
void ReadAloud::sayNext() {
    if (queue_.isEmpty() || busy()) {
        return;
    }
    started_ = false;
    tts_->say(queue_.takeFirst());
}

void ReadAloud::onStateChanged(int state) {
    switch (state) {
    case QTextToSpeech::Speaking:
    case QTextToSpeech::Synthesizing:
        started_ = true;
        break;
    case QTextToSpeech::Ready:
        if (!queue_.isEmpty()) {
            sayNext();
        } else if (started_) {
            setSpeakingId(0);
        }
        break;
    case QTextToSpeech::Error:
        // No audio device, a synthesiser that went away: the engine is not asked again (Qt
        // 6.8's flite crashes when asked again after failing to play), and the buttons go
        // away as they do where there is no engine.
        broken_ = true;
        queue_.clear();
        setSpeakingId(0);
        emit availableChanged();
        break;
    default:
        break;
    }
}

void ReadAloud::setSpeakingId(qint64 id) {
    if (speakingId_ != id) {
        speakingId_ = id;
        emit speakingIdChanged();
    }
}
