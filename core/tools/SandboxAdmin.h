#pragma once

#include "backend/BackendTypes.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace hangar {

class Backend;
class LifecycleService;

struct RestoreOptions {
    // Take a checkpoint of the current state first, so the restore can be undone.
    bool safetyCheckpoint = true;
    QString actor; // who asked, for the timeline ("console", "api", ...)
};

struct RestoreOutcome {
    QString checkpointId;
    QString safetyCheckpointId; // empty without a safety checkpoint
};

// What an operator or an agent does to a sandbox beside the tools: checkpoints and network
// policy. Every call makes the sandbox usable first (waking a hibernated one), and every
// change lands in the sandbox's timeline as a note saying who asked, what, and how it ended.
// The desktop tabs and the console API both go through here, so they behave alike.
class SandboxAdmin : public QObject {
    Q_OBJECT
public:
    explicit SandboxAdmin(LifecycleService& engine, QObject* parent = nullptr);

    Task<QList<CheckpointInfo>> checkpoints(const QString& sandboxId);
    Task<CheckpointInfo> createCheckpoint(const QString& sandboxId, const QString& comment,
                                          const QString& actor);
    // Ends every command running in the sandbox. With a safety checkpoint that cannot be taken,
    // nothing is restored.
    Task<RestoreOutcome> restoreCheckpoint(const QString& sandboxId, const QString& checkpointId,
                                           const RestoreOptions& options);
    Task<void> deleteCheckpoint(const QString& sandboxId, const QString& checkpointId,
                                const QString& actor);

    Task<NetworkPolicy> networkPolicy(const QString& sandboxId);
    // Applies the rules (the backend refuses malformed ones) and reads the policy back, which
    // is what it returns.
    Task<NetworkPolicy> setNetworkPolicy(const QString& sandboxId, const NetworkPolicy& policy,
                                         const QString& actor);

signals:
    // A step of a long operation (taking or restoring a checkpoint), as the provider reports
    // it: "Saving filesystem state...", "Restored to v5".
    void progress(const QString& sandboxId, const QString& message);

private:
    // Makes the sandbox active, then runs `call(backend, name)`.
    template <typename T>
    Task<T> withSandbox(const QString& sandboxId,
                        std::function<Task<T>(Backend& backend, const QString& name)> call);
    // Records `what` in the timeline once `task` ends (failure included), then passes its
    // result on.
    template <typename T>
    Task<T> noted(const QString& sandboxId, Task<T> task, const QString& actor,
                  std::function<QString(const Result<T>&)> what);

    // What the sandbox's profile puts in it (files, keys), written again after a restore.
    Task<void> prepareAgain(const QString& sandboxId, QPointer<Backend> backend);

    LifecycleService& m_engine;
};

} // namespace hangar
