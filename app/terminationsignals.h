// Ends the app in order when the system asks it to (SIGTERM at logout or shutdown, SIGHUP
// when its terminal goes, SIGINT from Ctrl+C in one): the request reaches the event loop and
// `onRequest` runs there (main closes the window, as its close button does), so the answer
// being written, the downloads' state and the settings are saved as on any quit. Without
// this the default action ends the process on the spot.
//
// A signal handler may do almost nothing: it writes one byte into a socket pair whose other
// end a QSocketNotifier watches on the GUI thread. A second signal while the first is being
// handled ends the process the default way (a quit that hangs can still be ended).
#pragma once

#include <QObject>
#include <QSocketNotifier>
#include <functional>
#include <memory>

class TerminationSignals : public QObject {
    Q_OBJECT

public:
    explicit TerminationSignals(std::function<void()> onRequest, QObject* parent = nullptr);
    ~TerminationSignals() override;

private:
    static void handle(int number);
    void onReadable();

    std::function<void()> onRequest_;
    std::unique_ptr<QSocketNotifier> notifier_;
};
