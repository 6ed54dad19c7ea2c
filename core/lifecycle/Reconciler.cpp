#include "Reconciler.h"

#include "LifecycleService.h"
#include "store/Store.h"
#include "util/Async.h"

namespace hangar {

Reconciler::Reconciler(LifecycleService& service, QObject* parent)
    : QObject(parent)
    , m_service(service) {
}

Task<Sandbox> Reconciler::reconcile(const QString& id, bool force) {
    const qint64 now = m_service.clock().nowMs();
    const auto last = m_lastRunMs.constFind(id);
    if (!force && last != m_lastRunMs.constEnd() &&
        now - *last < m_service.options().reconcileDebounceMs)
        return readyTask<Sandbox>(m_service.sandbox(id));
    m_lastRunMs.insert(id, now);
    return m_service.exclusive(id, [this, id] { return reconcileNow(id); });
}

Task<Sandbox> Reconciler::reconcileNow(const QString& id) {
    auto current = m_service.load(id);
    if (!current)
        return failedTask<Sandbox>(current.error());
    const Sandbox s = current.value();
    if (isTransient(s.state))
        return m_service.finishTransient(
            s, QStringLiteral("reconciled: finishing an interrupted operation"));
    Backend* provider = m_service.backendFor(s);
    if (!provider || s.state == SandboxState::Failed)
        return readyTask<Sandbox>(s);

    return mapResult<Sandbox>(
        provider->status(s.name), this,
        [this, id](Result<ProviderStatus> status) -> Result<Sandbox> {
            auto fresh = m_service.load(id);
            if (!fresh)
                return fresh.error();
            if (!status) {
                // The provider could not be asked: keep the state, but say so where it is seen.
                const QString message =
                    QStringLiteral("reconciliation failed: ") + status.error().describe();
                if (auto st = m_service.m_store.setError(id, message, m_service.clock().now()); !st)
                    return st.error();
                emit m_service.warning(id, message);
                auto reloaded = m_service.load(id);
                if (reloaded)
                    emit m_service.sandboxChanged(reloaded.value());
                return reloaded;
            }
            return apply(fresh.value(), status.value());
        });
}

Result<Sandbox> Reconciler::apply(const Sandbox& s, const ProviderStatus& status) {
    const bool warm = status.state == ProviderState::Warm || status.state == ProviderState::Running;
    // A Conflict below means another instance corrected it first: theirs stands.
    if (s.state == SandboxState::Active && status.state == ProviderState::Cold)
        return m_service.afterConflict(
            m_service.moveTo(s, SandboxState::Hibernated,
                             QStringLiteral("reconciled: provider reports the machine cold")),
            s.id);
    if (s.state == SandboxState::Active && status.state == ProviderState::Missing) {
        return m_service.afterConflict(
            m_service.moveTo(
                s, SandboxState::Hibernated,
                QStringLiteral("reconciled: provider has no such machine"),
                QStringLiteral("the provider has no machine named %1; resume to recreate it")
                    .arg(s.name)),
            s.id);
    }
    if (s.state == SandboxState::Hibernated && warm) {
        // Woken behind our back (e.g. by traffic to its URL): record it the legal way.
        auto restoring =
            m_service.moveTo(s, SandboxState::Restoring,
                             QStringLiteral("reconciled: provider reports the machine warm"));
        if (!restoring)
            return m_service.afterConflict(restoring, s.id);
        return m_service.afterConflict(
            m_service.moveTo(restoring.value(), SandboxState::Active,
                             QStringLiteral("reconciled: provider reports the machine warm")),
            s.id);
    }
    if (!s.error.isEmpty() && s.error.startsWith(QLatin1String("reconciliation failed"))) {
        // The provider answers again: the stale reconciliation error goes.
        if (auto st = m_service.m_store.setError(s.id, {}, m_service.clock().now()); !st)
            return st.error();
        return m_service.load(s.id);
    }
    return s;
}

} // namespace hangar
