#pragma once

#include "Sandbox.h"
#include "SandboxPreparer.h"
#include "backend/Backend.h"
#include "store/StoreChange.h"
#include "util/Async.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>

namespace hangar {

class Store;
class Sweeper;
class Reconciler;

// Who and what beside a timeline note's summary (LifecycleService::note).
struct NoteOptions {
    QString actor;  // "console", "api", "engine", ...
    QString detail; // e.g. a command's output; never a secret
    QString error;  // when the operation failed
};

struct LifecycleOptions {
    QString namePrefix = QStringLiteral("zuko");
    QString pinnedSandbox; // every chat resolves to this sandbox when set
    QString defaultBackend = QStringLiteral("local");
    qint64 inactivityTimeoutMs = 1'800'000;
    qint64 sweepIntervalMs = 60'000;
    qint64 reconcileDebounceMs = 60'000;
    // Shared store: how long a claim on a sandbox holds without renewal (renewed every third
    // of it while held), i.e. how long a crashed instance's sandboxes wait for someone else.
    qint64 claimLeaseMs = 60'000;
};

// The sandbox lifecycle engine: provisions, resumes, hibernates and destroys sandboxes on
// their backends, records every transition in the store (one transaction each) and announces
// it after the commit. Any backend error moves the sandbox to `failed` with the message kept.
//
// Operations on one sandbox are serialised: while one is in flight, a second request for the
// same sandbox waits for it instead of racing it.
//
// Several instances can share one PostgreSQL store (Store::isShared()). Then an operation also
// holds the store's claim on its sandbox, so exactly one instance acts on a sandbox at a time
// (others wait for the release), and other instances' commits arrive as store notifications
// and are announced with the same signals as this instance's own.
class LifecycleService : public QObject {
    Q_OBJECT
public:
    LifecycleService(Store& store, const Clock& clock, LifecycleOptions options,
                     QObject* parent = nullptr);
    ~LifecycleService() override;

    // Backends are owned by the caller and must outlive the service (or be removed first).
    // Registered under their kind ("local", "sprites"), or under an account's key
    // ("sprites:<id>", see accounts/SpritesAccount.h); a key already taken is replaced.
    void addBackend(Backend* backend);
    void addBackend(const QString& key, Backend* backend);
    void removeBackend(const QString& key);
    // Where provision() puts a sandbox when it is given no backend; changes at once.
    void setDefaultBackend(const QString& key) { m_options.defaultBackend = key; }
    Backend* backend(const QString& kind) const;
    QStringList backendKinds() const;
    const LifecycleOptions& options() const { return m_options; }
    const Clock& clock() const { return m_clock; }
    Store& store() const { return m_store; }

    // Start-up recovery (sandboxes left transient by a crash are driven to a resting state),
    // then the inactivity sweep starts. The task finishes when recovery is done.
    Task<void> start();

    // {prefix}-{chatId}-{threadId}, validated against what Sprites accepts; the pinned name
    // when one is configured.
    Result<QString> sandboxName(const QString& chatId, const QString& threadId) const;
    static Status validateName(const QString& name);

    // Creates the chat's sandbox, or returns the existing one of that name (idempotent).
    Task<Sandbox> provision(const QString& chatId, const QString& threadId,
                            const QString& backendKind = {},
                            const ProvisionOptions& provisionOptions = {});
    // hibernated -> restoring -> active; failed -> provisioning -> active; active: no-op.
    Task<Sandbox> resume(const QString& id, const QString& reason = {});
    // active -> hibernating -> hibernated.
    Task<Sandbox> hibernate(const QString& id, const QString& reason = {});
    // Whatever it takes to make the sandbox usable now (used by every tool call): waits for an
    // operation in flight, wakes a hibernated or failed sandbox, refreshes activity.
    Task<Sandbox> ensureActive(const QString& id);
    // Takes a machine the provider already has but the store does not (an orphan) into the
    // store: new -> provisioning -> active, the provider's create reusing the machine.
    Task<Sandbox> adopt(const QString& name, const QString& backendKind);
    // Destroys the machine and forgets the sandbox and its events.
    Task<void> destroy(const QString& id);
    // Compares the recorded state with the provider's and corrects drift. Debounced per
    // sandbox unless forced. Called when a live listener subscribes.
    Task<Sandbox> reconcile(const QString& id, bool force = false);
    // Records use of the sandbox now.
    Status touch(const QString& id);
    // Adds an operation that did not move the sandbox (a checkpoint, a policy change, a setup
    // command) to its timeline and announces it with eventRecorded. `what` is the summary.
    Result<LifecycleEvent> note(const QString& id, const QString& what,
                                const NoteOptions& options = {});

    Result<QList<Sandbox>> sandboxes() const;
    Result<Sandbox> sandbox(const QString& id) const;
    Result<QList<LifecycleEvent>> events(const QString& id, qint64 afterSeq = 0) const;

    Sweeper* sweeper() const { return m_sweeper; }

    // Sets sandboxes up beyond the provider (their profile) after a create or a wake, and gives
    // their sessions an environment. Not owned; nullptr: nothing beyond the provider.
    void setPreparer(SandboxPreparer* preparer) { m_preparer = preparer; }
    SandboxPreparer* preparer() const { return m_preparer; }
    // What every exec and terminal session in the sandbox gets in its environment.
    Task<QMap<QString, QString>> environment(const Sandbox& sandbox);
    // The secret part of it (name -> value), for what must never keep them (transcripts).
    Task<QMap<QString, QString>> secrets(const Sandbox& sandbox);

signals:
    void sandboxAdded(const hangar::Sandbox& sandbox);
    void sandboxRemoved(const QString& id);
    // Any change of a sandbox's record (state, error, activity).
    void sandboxChanged(const hangar::Sandbox& sandbox);
    // Emitted after the transition committed (never for a note).
    void stateChanged(const QString& id, hangar::SandboxState from, hangar::SandboxState to,
                      const QString& reason);
    // A transition or a note, after it committed (this instance's or another's).
    void eventRecorded(const hangar::LifecycleEvent& event);
    // A problem worth an operator's attention that did not change a state.
    void warning(const QString& id, const QString& message);

private:
    friend class Reconciler;
    friend class Sweeper;

    Result<Sandbox> load(const QString& id) const;
    Backend* backendFor(const Sandbox& sandbox) const;
    // Commits one transition and announces it. Refuses illegal transitions.
    Result<Sandbox> moveTo(const Sandbox& sandbox, SandboxState to, const QString& reason,
                           const QString& error = {});
    // Drives a sandbox already in a transient state to its resting state.
    Task<Sandbox> resumeUnlocked(const QString& id, const QString& reason);
    Task<Sandbox> finishTransient(const Sandbox& sandbox, const QString& reason);
    Task<Sandbox> runProvider(const Sandbox& sandbox, SandboxState successState,
                              Task<void> providerCall, const QString& reason);
    // `providerCall`, then the preparer's work for `phase` once it succeeded.
    Task<void> prepared(const Sandbox& sandbox, Task<void> providerCall,
                        SandboxPreparer::Phase phase);
    // Serialises operations per sandbox: `operation` starts when the previous one finished.
    Task<Sandbox> exclusive(const QString& id, std::function<Task<Sandbox>()> operation);
    // A transition that lost a race (Conflict) is someone else's doing, not a failure of
    // ours: the sandbox as it is now. Other results pass through.
    Result<Sandbox> afterConflict(Result<Sandbox> moved, const QString& id) const;

    // --- a store shared by several instances (LifecycleFleet.cpp) -------------------------
    // Runs `operation` holding the store's claim on the sandbox (directly when not shared).
    Task<Sandbox> claimed(const QString& id, std::function<Task<Sandbox>()> operation);
    // Finishes when the sandbox's claim may be free again: its release or another change is
    // announced, or its lease runs out after `msLeft`.
    Task<void> claimReleased(const QString& id, qint64 msLeft);
    void releaseClaim(const QString& id);
    void renewClaims();
    // Finishes an operation another instance left half-done (its claim lapsed).
    Task<Sandbox> recover(const QString& id, const QString& reason);
    void onStoreChange(const hangar::StoreChange& change);
    // Keeps track of what listeners were told, so that after the change feed reconnects,
    // resync() tells them what they missed while it was down.
    void trackAnnouncements();
    void resync();
    std::optional<LifecycleEvent> eventOf(const StoreChange& change) const;
    bool isBusy(const QString& id) const;
    void onBackendActivity(const QString& name);
    void onBackendWarning(const QString& name, const QString& message);
    void announce(const LifecycleEvent& event, const Sandbox& sandbox);

    Store& m_store;
    const Clock& m_clock;
    LifecycleOptions m_options;
    QHash<QString, QPointer<Backend>> m_backends;
    struct QueuedOperation {
        Task<Sandbox> task;
        quint64 ticket = 0;
    };
    QHash<QString, QueuedOperation> m_queueTail; // last queued operation per sandbox id
    quint64 m_queueTickets = 0;
    QHash<QString, qint64> m_lastActivityTouchMs; // per sandbox name, throttles activity writes
    Sweeper* m_sweeper = nullptr;
    SandboxPreparer* m_preparer = nullptr;
    Reconciler* m_reconciler = nullptr;
    QHash<QString, int> m_heldClaims; // sandbox id -> operations of ours holding its claim
    QHash<QString, QList<Deferred<void>>> m_claimWaiters;
    QTimer m_claimRenewal;
    QSet<QString> m_announcedIds; // sandboxes our listeners know of
    qint64 m_announcedSeq = 0;    // the latest event they were told of
    // The latest event announced when the change feed was last known to be alive, and the
    // events announced since: a resync replays the events after the one, less the others.
    qint64 m_feedGoodSeq = 0;
    QSet<qint64> m_announcedSinceGood;
};

} // namespace hangar
