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
    if (m_service.store().isShared())
        return sweepShared();
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

int Sweeper::sweepShared() {
    // Several instances sweep the same database: each pass claims its work first (skipping rows
    // another instance is claiming right now), so every idle sandbox is hibernated by exactly
    // one of them. The claims carry over into the hibernations, which release them.
    Store& store = m_service.store();
    const QDateTime now = m_service.clock().now();
    const QDateTime expires = now.addMSecs(m_service.options().claimLeaseMs);

    // First what a crashed instance left half-done: its claim lapsed mid-operation.
    if (auto stranded = store.claimStranded(now, expires, kBatch)) {
        for (const Sandbox& s : stranded.value()) {
            qCInfo(lcLifecycle).noquote() << s.name << "was left" << stateName(s.state)
                                          << "by an instance whose claim lapsed; finishing it";
            m_service.recover(s.id, QStringLiteral("recovered from an instance that stopped"));
        }
    } else {
        qCWarning(lcLifecycle).noquote() << "recovery sweep failed:" << stranded.error().message;
    }

    const QDateTime idleSince = now.addMSecs(-m_service.options().inactivityTimeoutMs);
    auto idle = store.claimIdle(idleSince, now, expires, kBatch);
    if (!idle) {
        qCWarning(lcLifecycle).noquote() << "inactivity sweep failed:" << idle.error().message;
        return 0;
    }
    for (const Sandbox& s : idle.value()) {
        const qint64 idleMinutes = s.lastActivityAt.msecsTo(now) / 60'000;
        m_service.hibernate(
            s.id, QStringLiteral("inactive for %1 min (auto-hibernation)").arg(idleMinutes));
    }
    emit swept(int(idle.value().size()));
    return int(idle.value().size());
}

} // namespace hangar
