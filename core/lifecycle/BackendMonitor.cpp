#include "BackendMonitor.h"

#include "LifecycleService.h"
#include "backend/Backend.h"

namespace hangar {

BackendMonitor::BackendMonitor(LifecycleService& lifecycle, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_lifecycle(lifecycle) {
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &BackendMonitor::checkNow);
}

void BackendMonitor::start() {
    checkNow();
    m_timer.start();
}

QList<BackendMonitor::Health> BackendMonitor::health() const {
    QList<Health> result;
    for (const QString& kind : m_lifecycle.backendKinds()) {
        const auto known = std::find_if(m_health.cbegin(), m_health.cend(),
                                        [&kind](const Health& h) { return h.kind == kind; });
        result.append(known != m_health.cend() ? *known : Health{kind, {}, {}, {}});
    }
    return result;
}

void BackendMonitor::checkNow() {
    for (const QString& kind : m_lifecycle.backendKinds()) {
        Backend* backend = m_lifecycle.backend(kind);
        if (!backend)
            continue;
        backend->checkConnection().then(this, [this, kind](Status reachable) {
            if (reachable)
                record(kind, Health::Status::Reachable, {});
            else
                record(kind, Health::Status::Unreachable, reachable.error().describe());
        });
    }
}

void BackendMonitor::record(const QString& kind, Health::Status status, const QString& message) {
    auto known = std::find_if(m_health.begin(), m_health.end(),
                              [&kind](const Health& h) { return h.kind == kind; });
    if (known == m_health.end())
        known = m_health.insert(m_health.end(), Health{kind, {}, {}, {}});
    const bool changed = known->status != status || known->message != message;
    known->status = status;
    known->message = message;
    known->checkedAt = QDateTime::currentDateTimeUtc();
    if (changed)
        emit healthChanged(kind);
}

} // namespace hangar
