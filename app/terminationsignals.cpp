#include "terminationsignals.h"

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int kSignals[] = {SIGTERM, SIGHUP, SIGINT};

// [0] written by the handler, [1] read on the GUI thread; -1 while none is installed.
int g_pipe[2] = {-1, -1};

} // namespace

TerminationSignals::TerminationSignals(std::function<void()> onRequest, QObject* parent)
    : QObject(parent), onRequest_(std::move(onRequest)) {
    if (g_pipe[0] != -1 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0) {
        return; // one instance per process; without a socket pair the defaults stay
    }
    notifier_ = std::make_unique<QSocketNotifier>(g_pipe[1], QSocketNotifier::Read);
    connect(notifier_.get(), &QSocketNotifier::activated, this, &TerminationSignals::onReadable);
    struct sigaction action = {};
    action.sa_handler = &TerminationSignals::handle;
    sigemptyset(&action.sa_mask);
    // The default action again for a second signal: the one who sent it means it.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    for (int s : kSignals) {
        ::sigaction(s, &action, nullptr);
    }
}

TerminationSignals::~TerminationSignals() {
    if (!notifier_) {
        return;
    }
    for (int s : kSignals) {
        std::signal(s, SIG_DFL);
    }
    notifier_.reset();
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void TerminationSignals::handle(int number) {
    const char byte = char(number);
    // Nothing to do when the write fails: the signal is then lost, as it would be ignored.
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[0], &byte, 1);
}

void TerminationSignals::onReadable() {
    char byte = 0;
    if (::read(g_pipe[1], &byte, 1) == 1 && onRequest_) {
        onRequest_();
    }
}
