// Backend's ports section: the defaults of a backend that cannot forward, watch or publish
// ports, and the bookkeeping that shares one watch of a sandbox's ports among its handles.
#include "Backend.h"

#include <QTimer>

namespace hangar {

PortForward* Backend::forwardPort(const QString& name, int remotePort, int) {
    return PortForward::failure(
        name, remotePort,
        makeError(ErrorCode::Unavailable,
                  QStringLiteral("The %1 backend cannot forward ports.").arg(kind())),
        this);
}

Task<UrlSettings> Backend::urlSettings(const QString&) {
    return failedTask<UrlSettings>(
        makeError(ErrorCode::Unavailable,
                  QStringLiteral("The %1 backend gives sandboxes no public URL.").arg(kind())));
}

Task<UrlSettings> Backend::setUrlAuth(const QString& name, const QString&) {
    return urlSettings(name);
}

Status Backend::startPortMonitor(const QString&) {
    return makeError(
        ErrorCode::Unavailable,
        QStringLiteral("The %1 backend cannot tell which ports a sandbox opens.").arg(kind()));
}

void Backend::stopPortMonitor(const QString&) {
}

OpenPortWatch* Backend::watchPorts(const QString& name) {
    auto* watch = new OpenPortWatch(this, name);
    watch->setParent(this);
    PortMonitor& monitor = m_portMonitors[name];
    if (++monitor.handles == 1) {
        if (auto started = startPortMonitor(name); !started)
            monitor.failure = started.error();
    }
    // What is already known reaches the new handle once its owner has connected to it.
    QTimer::singleShot(0, watch, [this, watch, name] {
        const auto it = m_portMonitors.constFind(name);
        if (it == m_portMonitors.constEnd())
            return;
        if (it->failure)
            watch->onFailed(name, *it->failure);
        else if (it->listed)
            watch->onListed(name, it->ports.values());
    });
    return watch;
}

void Backend::releasePortWatch(const QString& name) {
    auto it = m_portMonitors.find(name);
    if (it == m_portMonitors.end() || --it->handles > 0)
        return;
    m_portMonitors.erase(it);
    stopPortMonitor(name);
}

void Backend::reportOpenPorts(const QString& name, const QList<OpenPort>& ports) {
    auto it = m_portMonitors.find(name);
    if (it == m_portMonitors.end() || it->failure)
        return;
    QMap<quint16, OpenPort> now;
    for (const OpenPort& port : ports)
        now.insert(port.port, port);
    if (!it->listed) {
        it->listed = true;
        it->ports = now;
        emit openPortsListed(name, now.values());
        return;
    }
    const QMap<quint16, OpenPort> before = std::exchange(it->ports, now);
    for (const OpenPort& port : before) {
        if (!now.contains(port.port))
            emit portClosed(name, port);
    }
    for (const OpenPort& port : now) {
        if (!before.contains(port.port))
            emit portOpened(name, port);
    }
}

void Backend::reportPortChange(const QString& name, const OpenPort& port, bool opened) {
    auto it = m_portMonitors.find(name);
    if (it == m_portMonitors.end() || it->failure || !it->listed)
        return;
    if (opened) {
        if (it->ports.contains(port.port))
            return;
        it->ports.insert(port.port, port);
        emit portOpened(name, port);
    } else if (it->ports.remove(port.port)) {
        emit portClosed(name, port);
    }
}

void Backend::reportPortMonitorFailed(const QString& name, const Error& error) {
    auto it = m_portMonitors.find(name);
    if (it == m_portMonitors.end() || it->failure)
        return;
    it->failure = error;
    emit portWatchFailed(name, error);
}

} // namespace hangar
