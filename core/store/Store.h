#pragma once

#include "DatabaseUrl.h"
#include "StoreChange.h"
#include "lifecycle/Sandbox.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace hangar {

class ChangeFeed;

// Persistence of sandboxes and their lifecycle events over QtSql (SQLite or PostgreSQL).
// Every write checks its result; a failed write comes back as an Error, never as success.
// Each state change is one transaction: the sandbox row and its event commit together.
//
// A PostgreSQL store can be shared by several engine instances (isShared()): every committed
// write is then announced with NOTIFY (see StoreChange) in the same transaction, so it is
// announced exactly when it commits, and which instance acts on a sandbox is decided by claims
// with a lease, so a crashed instance's claims lapse on their own.
class Store {
public:
    // `instanceId` names this instance in claims and notifications; empty: a fresh random one.
    // An instance restarted after a crash under its old id takes its claims back at once
    // instead of waiting for their leases to lapse.
    static Result<std::unique_ptr<Store>> open(const DatabaseUrl& url,
                                               const QString& instanceId = {});
    ~Store();

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    DatabaseUrl::Kind kind() const { return m_url.kind; }
    const DatabaseUrl& url() const { return m_url; }
    Result<int> schemaVersion();
    // The connection, for tables others keep beside the store's (profiles); this thread only.
    QSqlDatabase database() const { return db(); }

    // Names this Store (one per engine instance) in notifications and claims.
    const QString& instanceId() const { return m_instanceId; }
    // Whether other instances may use the same database (PostgreSQL).
    bool isShared() const { return m_url.kind == DatabaseUrl::Kind::Postgres; }
    // Changes other instances commit; null unless shared.
    ChangeFeed* changes() const { return m_feed.get(); }

    // Inserts a new sandbox (in sandbox.state) and its creating event in one transaction.
    // A second sandbox with the same name is refused with AlreadyExists.
    Result<LifecycleEvent> insertSandbox(const Sandbox& sandbox, const QString& reason);

    // Moves a sandbox from `from` to `to` and appends the event, in one transaction. The
    // update is conditional on the current state being `from`: if someone else moved it
    // first, nothing changes and the result is a Conflict error. The error column is set to
    // `error` (cleared when empty).
    Result<LifecycleEvent> transition(const QString& id, SandboxState from, SandboxState to,
                                      const QString& reason, const QString& error,
                                      const QDateTime& at);

    // Appends a note to the sandbox's timeline: an operation that did not move it (`what`), who
    // asked, and a longer `detail` (cut in the middle past kMaxNoteDetailChars). The sandbox's
    // row is not changed. NotFound when there is no such sandbox.
    Result<LifecycleEvent> appendNote(const QString& id, const QString& what, const QString& actor,
                                      const QString& detail, const QString& error,
                                      const QDateTime& at);
    static constexpr qsizetype kMaxNoteDetailChars = 64 * 1024;

    Status touch(const QString& id, const QDateTime& at);
    Status setError(const QString& id, const QString& error, const QDateTime& at);
    // Removes the sandbox and its events.
    Status deleteSandbox(const QString& id);

    Result<std::optional<Sandbox>> sandboxById(const QString& id);
    Result<std::optional<Sandbox>> sandboxByName(const QString& name);
    Result<QList<Sandbox>> sandboxes();
    Result<QList<Sandbox>> sandboxesInStates(const QList<SandboxState>& states);
    // Active sandboxes whose last activity is before `idleSince`.
    Result<QList<Sandbox>> idleSandboxes(const QDateTime& idleSince);

    // --- claims: which instance acts on a sandbox (StoreClaims.cpp) --------------------------
    struct Claim {
        QString instanceId;
        QDateTime expiresAt;
    };
    // Takes the claim on a sandbox for this instance until `expiresAt`, unless another
    // instance holds one that has not expired at `now`. Re-entrant for this instance. True when
    // taken; false when held elsewhere (`holder` then says by whom and until when).
    Result<bool> claim(const QString& id, const QDateTime& now, const QDateTime& expiresAt,
                       Claim* holder = nullptr);
    // Gives up this instance's claim (nothing happens when another instance holds it) and
    // announces it, so instances waiting for the sandbox try again.
    Status releaseClaim(const QString& id);
    // Gives up every claim this instance id holds: at start-up they are a previous run's (one
    // killed mid-operation), and nothing of this run is in flight yet.
    Status releaseOwnClaims();
    // Extends every claim this instance holds.
    Status renewClaims(const QDateTime& expiresAt);
    Result<std::optional<Claim>> claimOf(const QString& id);
    // Claims active sandboxes idle since before `idleSince` that nobody holds (or whose claim
    // expired); on PostgreSQL rows another transaction has locked are skipped (FOR UPDATE SKIP
    // LOCKED), so concurrent sweeps of several instances split the work instead of sharing it.
    Result<QList<Sandbox>> claimIdle(const QDateTime& idleSince, const QDateTime& now,
                                     const QDateTime& expiresAt, int limit);
    // Claims sandboxes left in a transient state under a claim that expired: the instance that
    // was acting on them is gone, and someone has to finish the operation.
    Result<QList<Sandbox>> claimStranded(const QDateTime& now, const QDateTime& expiresAt,
                                         int limit);

    // The highest event number recorded so far (0 when there is none).
    Result<qint64> latestEventSeq();
    // Events of one sandbox (or all when sandboxId is empty) with seq > afterSeq, oldest first.
    Result<QList<LifecycleEvent>> events(const QString& sandboxId, qint64 afterSeq = 0,
                                         int limit = 10'000);

private:
    explicit Store(DatabaseUrl url, QString connectionName);
    Status configure();
    Status migrate();
    QSqlDatabase db() const;
    Result<std::optional<Sandbox>> findOne(const char* column, const QString& value);
    // Inside a transaction: NOTIFY the other instances on commit (nothing unless shared).
    Status notify(StoreChange::Kind kind, const QString& id, qint64 seq = 0);
    Result<QList<Sandbox>> claimWhere(const QString& condition, const QDateTime& idleSince,
                                      const QDateTime& now, const QDateTime& expiresAt, int limit);

    DatabaseUrl m_url;
    QString m_connectionName;
    QString m_instanceId;
    std::unique_ptr<ChangeFeed> m_feed;
};

} // namespace hangar
