#pragma once

#include "backend/PortForward.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace hangar::local {

// The TCP listeners of the processes that run in a local sandbox, read from /proc: the LISTEN
// sockets of this machine's network namespace (/proc/net/tcp and tcp6), matched by inode
// against the open files of every process whose bubblewrap binds `hostRoot` (named in its
// command line) or whose working directory is in it, and of their descendants. Listeners in a
// network namespace of their own (a sandbox without network) are not seen: nothing here could
// reach them. Addresses are usable as a connection target: a wildcard listener
// (0.0.0.0, ::) reads as the loopback address of its family. Sorted by port. Reads the whole of
// /proc: call it off the GUI thread.
QList<OpenPort> scanListeners(const QString& hostRoot);
// The same for one process and its descendants (an exec session's command).
QList<OpenPort> scanListenersOf(qint64 rootPid);

} // namespace hangar::local

namespace hangar::local {

// `scan` (scanListeners() or scanListenersOf()) every `intervalMs` on a worker thread, from now
// (or from the first interval, unless scanNow) until destroyed; a scan still running when the
// next is due makes that one skip.
class ListenerPoller : public QObject {
    Q_OBJECT
public:
    using Scan = std::function<QList<OpenPort>()>;
    ListenerPoller(Scan scan, int intervalMs, bool scanNow, QObject* parent = nullptr);

signals:
    void scanned(const QList<hangar::OpenPort>& ports);

private:
    void tick();

    Scan m_scanner;
    QTimer m_timer;
    QFutureWatcher<QList<OpenPort>> m_scan;
};

} // namespace hangar::local
