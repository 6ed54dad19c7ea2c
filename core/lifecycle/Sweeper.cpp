#include "Sweeper.h"

#include "LifecycleService.h"
#include "store/Store.h"

#include <QLoggingCategory>

#include <algorithm>
#include <climits>

Q_DECLARE_LOGGING_CATEGORY(lcLifecycle)

namespace hangar {

Sweeper::Sweeper(LifecycleService& service, QObject* parent)
    : QObject(parent)
    , m_service(service) {
    connect(&m_timer, &QTimer::timeout, this, &Sweeper::sweepNow);
}

void Sweeper::start() {
    m_timer.start(
        static_cast<int>(std::clamp<qint64>(m_service.options().sweepIntervalMs, 1, INT_MAX)));
}

void Sweeper::stop() {
    m_timer.stop();
}

int Sweeper::sweepNow() {
    const qint64 timeout = m_service.options().inactivityTimeoutMs;
    const QDateTime idleSince = m_service.clock().now().addMSecs(-timeout);
    auto idle = m_service.store().idleSandboxes(idleSince);
    if (!idle) {
        qCWarning(lcLifecycle).noquote() << "inactivity sweep failed:" << idle.error().message;
        return 0;
    }
    int started = 0;
    for (const Sandbox& s : idle.value()) {
        if (m_service.isBusy(s.id))
            continue; // something is already happening to it
        const qint64 idleMinutes = s.lastActivityAt.msecsTo(m_service.clock().now()) / 60'000;
        m_service.hibernate(
            s.id, QStringLiteral("inactive for %1 min (auto-hibernation)").arg(idleMinutes));
        ++started;
    }
    emit swept(started);
    return started;
}

} // namespace hangar
