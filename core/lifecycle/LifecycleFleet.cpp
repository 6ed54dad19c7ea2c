// LifecycleService's part in a fleet: several instances sharing one PostgreSQL store.
#include "LifecycleService.h"
#include "store/Store.h"

#include <QLoggingCategory>
#include <QUuid>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcLifecycle)

namespace hangar {

Task<Sandbox> LifecycleService::claimed(const QString& id,
                                        std::function<Task<Sandbox>()> operation) {
    if (!m_store.isShared())
        return operation();
    const QDateTime now = m_clock.now();
    Store::Claim holder;
    auto taken = m_store.claim(id, now, now.addMSecs(m_options.claimLeaseMs), &holder);
    if (!taken) {
        // A missing sandbox is the operation's to report, in its own words.
        if (taken.error().code == ErrorCode::NotFound)
            return operation();
        return failedTask<Sandbox>(taken.error());
    }
    if (!taken.value()) {
        // Another instance is acting on it: wait for that to end, then look again.
        qCDebug(lcLifecycle).noquote() << id << "is claimed by" << holder.instanceId << "; waiting";
        return chain<Sandbox>(
            claimReleased(id, now.msecsTo(holder.expiresAt)), this,
            [this, id, operation](Result<void>) { return claimed(id, operation); });
    }
    ++m_heldClaims[id];
    if (!m_claimRenewal.isActive())
        m_claimRenewal.start();
    return chain<Sandbox>(operation(), this, [this, id](Result<Sandbox> r) {
        if (--m_heldClaims[id] <= 0)
            releaseClaim(id);
        return readyTask<Sandbox>(std::move(r));
    });
}

void LifecycleService::releaseClaim(const QString& id) {
    m_heldClaims.remove(id);
    if (m_heldClaims.isEmpty())
        m_claimRenewal.stop();
    // A release that fails only delays the others until the lease lapses.
    if (auto st = m_store.releaseClaim(id); !st)
        qCWarning(lcLifecycle).noquote() << id << "claim not released:" << st.error().message;
}

void LifecycleService::renewClaims() {
    if (m_heldClaims.isEmpty())
        return;
    if (auto st = m_store.renewClaims(m_clock.now().addMSecs(m_options.claimLeaseMs)); !st)
        qCWarning(lcLifecycle).noquote() << "claims not renewed:" << st.error().message;
}

Task<void> LifecycleService::claimReleased(const QString& id, qint64 msLeft) {
    Deferred<void> released;
    m_claimWaiters[id].append(released);
    // The release is announced; the lease running out (a crashed holder) is not, so a timer
    // looks again then. It is a fallback, never a poll loop: one per wait.
    const int ms = static_cast<int>(std::clamp<qint64>(msLeft + 1, 1, m_options.claimLeaseMs));
    QTimer::singleShot(ms, this, [released] { released.resolve({}); });
    return released.future();
}

Task<Sandbox> LifecycleService::recover(const QString& id, const QString& reason) {
    return exclusive(id, [this, id, reason]() -> Task<Sandbox> {
        auto current = load(id);
        if (!current)
            return failedTask<Sandbox>(current.error());
        return finishTransient(current.value(), reason);
    });
}

Task<Sandbox> LifecycleService::adopt(const QString& name, const QString& backendKind) {
    if (auto st = validateName(name); !st)
        return failedTask<Sandbox>(st.error());
    Backend* provider = backend(backendKind);
    if (!provider) {
        return failedTask<Sandbox>(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("backend \"%1\" is not available").arg(backendKind)));
    }
    const QDateTime now = m_clock.now();
    Sandbox adopted;
    adopted.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    adopted.name = name;
    adopted.backend = backendKind;
    adopted.state = SandboxState::Provisioning;
    adopted.createdAt = adopted.updatedAt = adopted.lastActivityAt = now;
    auto event = m_store.insertSandbox(adopted, QStringLiteral("adopted an existing machine"));
    if (!event)
        return failedTask<Sandbox>(event.error());
    emit sandboxAdded(adopted);
    emit eventRecorded(event.value());
    return exclusive(adopted.id, [this, adopted, provider] {
        return runProvider(adopted, SandboxState::Active,
                           discardValue(provider->create(adopted.name), this),
                           QStringLiteral("provider has the machine"));
    });
}

std::optional<LifecycleEvent> LifecycleService::eventOf(const StoreChange& change) const {
    auto events = m_store.events(change.sandboxId, change.seq - 1, 1);
    if (!events || events.value().isEmpty() || events.value().constFirst().seq != change.seq)
        return std::nullopt;
    return events.value().constFirst();
}

void LifecycleService::onStoreChange(const StoreChange& change) {
    const QString& id = change.sandboxId;
    // Another instance committed this; re-read it and tell our listeners exactly what we tell
    // them about our own changes. A sandbox deleted meanwhile is skipped: its deletion follows.
    switch (change.kind) {
    case StoreChange::Kind::Inserted:
        if (auto s = load(id)) {
            emit sandboxAdded(s.value());
            if (auto event = eventOf(change))
                emit eventRecorded(*event);
        }
        break;
    case StoreChange::Kind::Transitioned: {
        auto s = load(id);
        auto event = eventOf(change);
        if (s && event)
            announce(*event, s.value());
        break;
    }
    case StoreChange::Kind::Touched:
    case StoreChange::Kind::Updated:
        if (auto s = load(id))
            emit sandboxChanged(s.value());
        break;
    case StoreChange::Kind::Deleted:
        emit sandboxRemoved(id);
        break;
    case StoreChange::Kind::Released:
        break;
    }
    // Whoever waits to act on this sandbox looks again (a release, or a change that may mean
    // its holder is done).
    if (change.kind != StoreChange::Kind::Touched) {
        for (const Deferred<void>& waiter : m_claimWaiters.take(id))
            waiter.resolve({});
    }
}

} // namespace hangar
