#pragma once

#include "backend/Backend.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include <memory>

namespace hangar::local {
class LocalCheckpoints;
class ListenerPoller;
class LocalExecSession;
class LocalServices;
class RootFs;
class SandboxRunner;
struct SandboxConfig;
} // namespace hangar::local

namespace hangar {

// Sandboxes on this machine: one directory per sandbox under <dataDir>/sandboxes/<name>/
// (root/ is the sandbox's filesystem, mounted at workingDir; checkpoints/ holds archives;
// sandbox.json the cold flag and network policy). Commands run under bubblewrap as an
// unprivileged uid with no capabilities; where bubblewrap cannot run, as plain processes,
// and the backend says so loudly (isolation(), isIsolated(), warning()).
// On construction it deletes, off the calling thread, what a crash can leave under
// <dataDir>/sandboxes: sandboxes destroy() had moved aside (.trash-*) and half-done restores.
class LocalBackend : public Backend {
    Q_OBJECT
public:
    struct Options {
        QString dataDir;
        QString workingDir = QStringLiteral("/workspace");
        bool forceUnisolated = false; // tests and machines without user namespaces
        int killGraceMs = 2000;       // SIGTERM -> SIGKILL
        qint64 scrollbackBytes = 256 * 1024;
    };

    explicit LocalBackend(Options options, QObject* parent = nullptr);
    ~LocalBackend() override;

    const Options& options() const { return m_options; }
    // <dataDir>/sandboxes/<name>/root: where a sandbox's files live on the host.
    QString hostRoot(const QString& name) const;

    QString kind() const override { return QStringLiteral("local"); }
    // The names of every sandbox directory under <dataDir>/sandboxes, whether or not the store
    // knows it (fleet health looks for orphans with it). LocalBackendMachines.cpp.
    Task<QStringList> machines() const;

    Task<ProviderStatus> create(const QString& name) override;
    Task<ProviderStatus> status(const QString& name) override;
    Task<void> hibernate(const QString& name) override;
    Task<void> wake(const QString& name) override;
    Task<void> destroy(const QString& name) override;
    QString isolation(const QString& name) const override;
    bool isIsolated(const QString& name) const override;

    ExecSession* startExec(const QString& name, const ExecRequest& request) override;
    Task<QList<SessionInfo>> sessions(const QString& name) override;
    ExecSession* attach(const QString& name, const QString& sessionId) override;

    Task<QByteArray> readFile(const QString& name, const QString& path) override;
    Task<void> writeFile(const QString& name, const QString& path, const QByteArray& data,
                         const WriteOptions& options = {}) override;
    Task<QList<FsEntry>> listDir(const QString& name, const QString& path) override;
    Task<FsEntry> stat(const QString& name, const QString& path) override;
    Task<void> makeDir(const QString& name, const QString& path, bool parents) override;
    Task<void> remove(const QString& name, const QString& path, bool recursive) override;
    Task<void> rename(const QString& name, const QString& from, const QString& to) override;
    Task<void> chmod(const QString& name, const QString& path, quint32 mode) override;
    FileTransfer* download(const QString& name, const QString& path, QIODevice* sink) override;
    FileTransfer* upload(const QString& name, const QString& path, QIODevice* source,
                         const WriteOptions& options = {}) override;
    // The piece size of transfers: what one worker-thread call reads or writes.
    static constexpr qint64 TransferChunkBytes = 4 * 1024 * 1024;

    Task<CheckpointInfo> createCheckpoint(const QString& name, const QString& comment) override;
    Task<QList<CheckpointInfo>> listCheckpoints(const QString& name) override;
    Task<void> restoreCheckpoint(const QString& name, const QString& checkpointId) override;
    Task<void> deleteCheckpoint(const QString& name, const QString& checkpointId) override;

    Task<NetworkPolicy> networkPolicy(const QString& name) override;
    Task<void> setNetworkPolicy(const QString& name, const NetworkPolicy& policy) override;

    // --- services (LocalBackendServices.cpp, LocalServices.h): supervised exec sessions --------
    bool canRunServices() const override { return true; }
    Task<QList<ServiceInfo>> listServices(const QString& name) override;
    Task<void> createService(const QString& name, const ServiceSpec& spec) override;
    Task<void> startService(const QString& name, const QString& service) override;
    Task<void> stopService(const QString& name, const QString& service) override;
    Task<void> restartService(const QString& name, const QString& service) override;
    Task<QList<ServiceLogLine>> readServiceLog(const QString& name, const QString& service,
                                               int lines) override;
    Task<void> signalService(const QString& name, const QString& service,
                             const QString& signal) override;
    Task<void> deleteService(const QString& name, const QString& service) override;
    ServiceLogStream* followServiceLog(const QString& name, const QString& service,
                                       int historyLines = 1000) override;

    // --- ports (LocalBackendPorts.cpp) ---------------------------------------------------
    // A direct relay to the sandbox's port on this machine's loopback interface, which a
    // sandbox shares unless its policy denies all network (then forwarding is refused).
    PortForward* forwardPort(const QString& name, int remotePort, int localPort = 0) override;
    // A local sandbox has no public URL: Unavailable, saying so.
    Task<UrlSettings> urlSettings(const QString& name) override;
    Task<UrlSettings> setUrlAuth(const QString& name, const QString& auth) override;
    // How often a watched sandbox's listeners are looked up in /proc.
    static constexpr int PortPollMs = 1000;

protected:
    Status startPortMonitor(const QString& name) override;
    void stopPortMonitor(const QString& name) override;

private:
    QString sandboxDir(const QString& name) const;
    QString configPath(const QString& name) const;
    // InvalidArgument for a malformed name, NotFound for a missing sandbox, else nothing.
    Status checkExists(const QString& name) const;
    Result<local::SandboxConfig> loadConfig(const QString& name) const;
    local::RootFs rootFs(const QString& name) const;
    void warnIfUnisolated(const QString& name);
    QList<local::LocalExecSession*> liveSessions(const QString& name) const;
    // Terminates every session of the sandbox; finishes when all have exited.
    Task<void> stopSessions(const QString& name);
    void onSessionFinished(local::LocalExecSession* session);
    // Hangar started: the services left started in the sandboxes that are not hibernated start.
    void bootServices();

    Options m_options;
    std::unique_ptr<local::SandboxRunner> m_runner;
    local::LocalCheckpoints* m_checkpoints = nullptr;
    local::LocalServices* m_services = nullptr;
    QList<QPointer<local::LocalExecSession>> m_sessions;
    QList<QPointer<local::LocalExecSession>> m_finished; // kept a while for their exit codes
    QSet<QString> m_busy; // being hibernated, restored or destroyed: no new sessions
    quint64 m_sessionCounter = 0;
    QFuture<void> m_cleanup; // of crash leftovers; waited for on destruction
    QHash<QString, local::ListenerPoller*> m_portPollers; // watched sandboxes (watchPorts)
};

} // namespace hangar
