// LifecycleService's part in a fleet: several instances sharing one PostgreSQL store.
#include "LifecycleService.h"
#include "store/ChangeFeed.h"
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
    case StoreChange::Kind::Noted:
        if (auto event = eventOf(change))
            emit eventRecorded(*event);
        break;
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
    if (change.kind != StoreChange::Kind::Touched && change.kind != StoreChange::Kind::Noted) {
        for (const Deferred<void>& waiter : m_claimWaiters.take(id))
            waiter.resolve({});
    }
}

void LifecycleService::trackAnnouncements() {
    ChangeFeed* feed = m_store.changes();
    if (auto all = m_store.sandboxes()) {
        for (const Sandbox& s : all.value())
            m_announcedIds.insert(s.id);
    }
    if (auto latest = m_store.latestEventSeq())
        m_announcedSeq = latest.value();
    m_feedGoodSeq = m_announcedSeq;
    connect(this, &LifecycleService::sandboxAdded, this,
            [this](const Sandbox& s) { m_announcedIds.insert(s.id); });
    connect(this, &LifecycleService::sandboxChanged, this,
            [this](const Sandbox& s) { m_announcedIds.insert(s.id); });
    connect(this, &LifecycleService::sandboxRemoved, this,
            [this](const QString& id) { m_announcedIds.remove(id); });
    connect(this, &LifecycleService::eventRecorded, this, [this](const LifecycleEvent& e) {
        m_announcedSeq = std::max(m_announcedSeq, e.seq);
        m_announcedSinceGood.insert(e.seq);
    });
    connect(feed, &ChangeFeed::checked, this, [this] {
        m_feedGoodSeq = m_announcedSeq;
        m_announcedSinceGood.clear();
    });
    connect(feed, &ChangeFeed::reconnected, this, &LifecycleService::resync);
}

void LifecycleService::resync() {
    auto missed = m_store.events({}, m_feedGoodSeq);
    auto current = m_store.sandboxes();
    if (!missed || !current) {
        const Error& e = missed ? current.error() : missed.error();
        qCWarning(lcLifecycle).noquote()
            << "could not catch up after the change feed reconnected:" << e.describe();
        return;
    }
    qCInfo(lcLifecycle) << "catching up after the change feed reconnected";
    QHash<QString, Sandbox> now;
    for (const Sandbox& s : current.value())
        now.insert(s.id, s);
    const QSet<qint64> told = std::exchange(m_announcedSinceGood, {});
    for (const LifecycleEvent& e : missed.value()) {
        const auto sandbox = now.constFind(e.sandboxId);
        if (told.contains(e.seq) || sandbox == now.constEnd())
            continue; // already told, or deleted meanwhile (its removal follows)
        if (!m_announcedIds.contains(e.sandboxId))
            emit sandboxAdded(*sandbox);
        emit eventRecorded(e);
        if (!e.isNote() && e.from)
            emit stateChanged(e.sandboxId, *e.from, e.to, e.reason);
    }
    // Activity and errors changed without events; whatever was deleted is gone.
    const QSet<QString> known = m_announcedIds;
    for (const Sandbox& s : current.value()) {
        if (known.contains(s.id))
            emit sandboxChanged(s);
        else
            emit sandboxAdded(s);
    }
    for (const QString& id : known) {
        if (!now.contains(id))
            emit sandboxRemoved(id);
    }
    m_feedGoodSeq = m_announcedSeq;
    m_announcedSinceGood.clear();
    // A release may have been missed as well: whoever waits for a claim looks again.
    for (const auto& waiters : std::exchange(m_claimWaiters, {})) {
        for (const Deferred<void>& waiter : waiters)
            waiter.resolve({});
    }
}

} // namespace hangar
