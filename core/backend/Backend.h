#pragma once

#include "BackendTypes.h"
#include "ExecSession.h"
#include "FileTransfer.h"
#include "PortForward.h"
#include "ServiceTypes.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QIODevice;

namespace hangar {

// The provider-facing interface: what the lifecycle engine, the tools and the views need from
// a place that runs sandboxes. LocalBackend (bubblewrap on this machine) and SpritesBackend
// (Fly.io Sprites) implement it; one contract test suite runs against both.
//
// Names are provider-facing sandbox names (validated by the engine). Paths are paths inside
// the sandbox: absolute, or relative to the working directory. Every call reports failure as
// an Error; none throws.
class Backend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // "local" or "sprites"
    virtual QString kind() const = 0;

    // --- machine lifecycle -------------------------------------------------------------
    // Creates the machine, or reuses an existing one of that name; it is warm afterwards.
    virtual Task<ProviderStatus> create(const QString& name) = 0;
    virtual Task<ProviderStatus> status(const QString& name) = 0;
    // Stops everything running in the sandbox; its files persist.
    virtual Task<void> hibernate(const QString& name) = 0;
    // Makes a cold machine usable again. A missing machine is an error.
    virtual Task<void> wake(const QString& name) = 0;
    // Removes the machine and its files. Destroying a missing machine succeeds.
    virtual Task<void> destroy(const QString& name) = 0;
    // How this sandbox is isolated, in words for the detail pane ("bubblewrap", ...).
    // An empty string never means "isolated": see isIsolated().
    virtual QString isolation(const QString& name) const = 0;
    virtual bool isIsolated(const QString& name) const = 0;
    // Whether the provider can be reached and accepts our credentials now: a cheap call,
    // asked periodically for the status bar. The default answers yes (nothing to reach).
    virtual Task<void> checkConnection() { return readyTask(); }

    // --- exec -------------------------------------------------------------------------
    // Starts a command. The session emits started() or failed(). Never returns null.
    virtual ExecSession* startExec(const QString& name, const ExecRequest& request) = 0;
    // Runs a command to completion and collects its output (bounded by maxOutputBytes per
    // stream; anything past it is dropped and reported in the result's stderr).
    virtual Task<ExecResult> run(const QString& name, const ExecRequest& request,
                                 qint64 maxOutputBytes = 16 * 1024 * 1024);
    virtual Task<QList<SessionInfo>> sessions(const QString& name) = 0;
    // Re-attaches to a session that is still running; nullptr if there is none.
    virtual ExecSession* attach(const QString& name, const QString& sessionId) = 0;

    // --- filesystem ---------------------------------------------------------------------
    virtual Task<QByteArray> readFile(const QString& name, const QString& path) = 0;
    virtual Task<void> writeFile(const QString& name, const QString& path, const QByteArray& data,
                                 const WriteOptions& options = {}) = 0;
    virtual Task<QList<FsEntry>> listDir(const QString& name, const QString& path) = 0;
    virtual Task<FsEntry> stat(const QString& name, const QString& path) = 0;
    virtual Task<void> makeDir(const QString& name, const QString& path, bool parents) = 0;
    virtual Task<void> remove(const QString& name, const QString& path, bool recursive) = 0;
    virtual Task<void> rename(const QString& name, const QString& from, const QString& to) = 0;
    virtual Task<void> chmod(const QString& name, const QString& path, quint32 mode) = 0;

    // --- file transfer: in chunks, bounded memory whatever the size (FileTransfer.h) -----
    // Streams the file at `path` into `sink` (open for writing; it must outlive the transfer).
    // Never returns null. The default fails: the backend cannot transfer files.
    virtual FileTransfer* download(const QString& name, const QString& path, QIODevice* sink);
    // Streams `source` (open for reading; read to its end; it must outlive the transfer) to
    // `path`, replacing the file there only once all of it has arrived.
    virtual FileTransfer* upload(const QString& name, const QString& path, QIODevice* source,
                                 const WriteOptions& options = {});

    // --- checkpoints --------------------------------------------------------------------
    virtual Task<CheckpointInfo> createCheckpoint(const QString& name, const QString& comment) = 0;
    virtual Task<QList<CheckpointInfo>> listCheckpoints(const QString& name) = 0;
    // Atomic: on failure the sandbox is left exactly as it was.
    virtual Task<void> restoreCheckpoint(const QString& name, const QString& checkpointId) = 0;
    virtual Task<void> deleteCheckpoint(const QString& name, const QString& checkpointId) = 0;

    // --- network policy -----------------------------------------------------------------
    virtual Task<NetworkPolicy> networkPolicy(const QString& name) = 0;
    virtual Task<void> setNetworkPolicy(const QString& name, const NetworkPolicy& policy) = 0;

    // --- services (types in ServiceTypes.h) ---------------------------------------------
    // Long-running commands the backend supervises in the sandbox, each with a state, a pid,
    // a restart count and a log. The defaults fail with Unavailable and servicesUnavailable()'s
    // sentence: such a backend cannot run services (the UI shows the sentence).
    virtual bool canRunServices() const { return false; }
    // Why not, in words for the operator.
    QString servicesUnavailable() const;
    virtual Task<QList<ServiceInfo>> listServices(const QString& name);
    // Creates the service, or replaces the definition of one of that name, and starts it.
    virtual Task<void> createService(const QString& name, const ServiceSpec& spec);
    virtual Task<void> startService(const QString& name, const QString& service);
    // Ends it (TERM, then KILL after a grace period); it stays defined, stopped.
    virtual Task<void> stopService(const QString& name, const QString& service);
    // Stops it if it runs, then starts it; its restart count goes up by one. The default
    // stops and starts.
    virtual Task<void> restartService(const QString& name, const QString& service);
    // `signal`: one of serviceSignalNames() (with or without SIG).
    virtual Task<void> signalService(const QString& name, const QString& service,
                                     const QString& signal);
    // Stops it if running and forgets it, log included.
    virtual Task<void> deleteService(const QString& name, const QString& service);
    // The last `historyLines` lines of its log, then new ones as they come. Never null; the
    // caller owns it (parented to the backend until reparented).
    virtual ServiceLogStream* followServiceLog(const QString& name, const QString& service,
                                               int historyLines = 1000);
    // The last `lines` lines of its log (all it keeps when lines < 0), without following.
    virtual Task<QList<ServiceLogLine>> readServiceLog(const QString& name, const QString& service,
                                                       int lines = -1);

    // --- ports (types in PortForward.h) -------------------------------------------------
    // Forwards a local port on the loopback interface (0 = any free one) to `remotePort`
    // inside the sandbox. Never null: the forward emits listening() or failed() (a port
    // outside 1..65535, a local port in use, a sandbox whose ports cannot be reached). The
    // caller owns it (parented to the backend until reparented). The default fails with
    // Unavailable: the backend cannot forward ports.
    virtual PortForward* forwardPort(const QString& name, int remotePort, int localPort = 0);
    // Open-port notices for the sandbox while the returned handle lives (the caller owns it):
    // several handles of one sandbox share one watch of the backend's. A backend that cannot
    // tell makes the handle fail with Unavailable.
    OpenPortWatch* watchPorts(const QString& name);
    // The sandbox's public URL and who may open it. The defaults fail with Unavailable: the
    // backend gives sandboxes no public URL.
    virtual Task<UrlSettings> urlSettings(const QString& name);
    // `auth` is url_auth::Public or url_auth::Sprite; answers the settings now in force.
    virtual Task<UrlSettings> setUrlAuth(const QString& name, const QString& auth);

signals:
    // Something happened in the sandbox that counts as use (session input or output).
    void activity(const QString& name);
    // Something an operator must see (e.g. "not isolated"); never only a log line.
    void warning(const QString& name, const QString& message);
    // A step of a long operation on the sandbox (taking or restoring a checkpoint), as the
    // provider words it: "Saving filesystem state...", "Restored to v5".
    void progress(const QString& name, const QString& message);

    // --- ports: open-port notices of watched sandboxes (watchPorts) -----------------------
    // The ports open when the watch began; then each change.
    void openPortsListed(const QString& name, const QList<hangar::OpenPort>& ports);
    void portOpened(const QString& name, const hangar::OpenPort& port);
    void portClosed(const QString& name, const hangar::OpenPort& port);
    // The backend cannot tell (any more) which ports the sandbox opens.
    void portWatchFailed(const QString& name, const hangar::Error& error);

protected:
    // --- ports: what a backend that can notice open ports implements ----------------------
    // Begins watching the sandbox's listeners (called when its first handle is made) and
    // reports them with reportOpenPorts()/reportPortChange(); an error fails the handles. The
    // default cannot tell: Unavailable.
    virtual Status startPortMonitor(const QString& name);
    // Its last handle is gone (also after a failure).
    virtual void stopPortMonitor(const QString& name);
    // Every listener now: the first report lists them, later ones are told apart as changes.
    void reportOpenPorts(const QString& name, const QList<OpenPort>& ports);
    // One listener opened (opened) or closed.
    void reportPortChange(const QString& name, const OpenPort& port, bool opened);
    // The watch of the sandbox broke: its handles fail.
    void reportPortMonitorFailed(const QString& name, const Error& error);

private:
    friend class OpenPortWatch;
    // A handle of the sandbox's watch is gone; the last one stops the monitor.
    void releasePortWatch(const QString& name);

    struct PortMonitor {
        int handles = 0;
        bool listed = false;
        QMap<quint16, OpenPort> ports;
        std::optional<Error> failure;
    };
    QHash<QString, PortMonitor> m_portMonitors;
};

} // namespace hangar
