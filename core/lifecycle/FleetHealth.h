#pragma once

#include "Sandbox.h"
#include "backend/BackendTypes.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace hangar {

class LifecycleService;

// What the store and the providers disagree about, and how to settle it:
//  - ghost:  the store has a sandbox the provider has no machine for (forget it);
//  - orphan: the provider has a machine named like ours that the store does not know, still
//            costing money (adopt it as a sandbox, or destroy it);
//  - drift:  both know it, in different states (reconcile).
// And a periodic probe (a cheap exec, a small file written and read back) that marks an active
// sandbox whose provider says "running" but which does not answer as degraded. Degraded is not
// a lifecycle state: the record stays active; this keeps the mark and announces it.
class FleetHealth : public QObject {
    Q_OBJECT
public:
    struct Finding {
        enum class Kind { Ghost, Orphan, Drift };
        Kind kind = Kind::Drift;
        QString backend;
        QString sandboxId; // empty for an orphan
        QString name;
        SandboxState recorded = SandboxState::Active; // ghosts and drift
        ProviderState provider = ProviderState::Missing;
    };
    enum class Fix { Adopt, Forget, Reconcile, Destroy };
    // Backend has no call listing its machines; whoever can list them (the Sprites client's
    // list of sprites, the local data directory) registers a lister per backend kind.
    using MachineLister = std::function<Task<QStringList>()>;

    static constexpr int kProbeTimeoutMs = 10'000;

    explicit FleetHealth(LifecycleService& lifecycle, QObject* parent = nullptr);

    void setMachineLister(const QString& backendKind, MachineLister lister);
    Task<QList<Finding>> scan();
    static QList<Fix> fixesFor(const Finding& finding);
    // The names the console API and the desktop use: "ghost", "orphan", "drift"; "adopt",
    // "forget", "reconcile", "destroy". The parsers answer nullopt for anything else.
    static QString kindName(Finding::Kind kind);
    static std::optional<Finding::Kind> kindFromName(const QString& name);
    static QString fixName(Fix fix);
    static std::optional<Fix> fixFromName(const QString& name);
    // The finding a client names without a scan of its own (the console API's fix): a ghost or
    // drift must be a sandbox the store knows on that backend (NotFound otherwise), an orphan a
    // machine named like ours that it does not know (InvalidArgument, Conflict). Whether the
    // provider still disagrees is the fix's business: forgetting a ghost that came back
    // destroys it like any delete, adopting a machine that is gone fails.
    Result<Finding> finding(Finding::Kind kind, const QString& name, const QString& backend) const;
    // Applies one of fixesFor(finding); anything else is refused.
    Task<void> fix(const Finding& finding, Fix fix);

    void startProbing(int intervalMs);
    // Probes every active sandbox once; finishes when all answered or failed.
    Task<void> probeNow();
    bool isDegraded(const QString& id) const { return m_degraded.contains(id); }
    QString degradedReason(const QString& id) const { return m_degraded.value(id); }
    // Every degraded sandbox: id -> why.
    const QHash<QString, QString>& degraded() const { return m_degraded; }

signals:
    void degradedChanged(const QString& id, bool degraded, const QString& reason);

private:
    Task<void> probe(const Sandbox& sandbox);
    void mark(const QString& id, const QString& reason); // empty reason: healthy

    LifecycleService& m_lifecycle;
    QHash<QString, MachineLister> m_listers;
    QHash<QString, QString> m_degraded; // sandbox id -> why
    QTimer m_probeTimer;
};

} // namespace hangar
