#pragma once

#include "SpritesClient.h"
#include "backend/Backend.h"

#include <QHash>
#include <QPointer>
#include <QSet>

class QNetworkAccessManager;

namespace hangar::sprites {

class SpritesBackendSession;

// The Backend on Fly.io Sprites, through SpritesClient (sprites-api.md). A sandbox is a sprite
// of the same name; its files live under Options::workingDir.
//
//  - create: creates the sprite, or reuses it when the gateway says it exists (400), makes the
//    working directory and runs a trivial command so the sprite is warm afterwards.
//  - status: the sprite's status (cold/warm/running; 404 = Missing), with one exception below.
//  - wake: clears the hibernated mark and runs a trivial command (sprites wake on demand).
//  - destroy: deletes the sprite (404 counts as done).
//  - exec/TTY: the exec WebSocket; sessions are detachable, so they run until they exit or are
//    killed, like local sessions. attach() returns the live session object when this backend
//    started it, a new attachment for a running session that sessions() listed, else nullptr.
//  - files: the fs API; stat and mkdir are the client's compositions (§8.5, §13 item 22).
//  - checkpoints and network policy: §5 and §7 (delete is §5.5, not in the SDKs).
//
// Hibernation. Sprites have no "stop" call: a sprite goes cold by itself about 30 s after its
// last activity. hibernate() therefore kills every exec session of the sprite (the kill
// endpoint) and marks the sandbox hibernated in this backend. While marked, status() reports
// Cold even when the sprite says `warm` — otherwise the lifecycle engine's reconciler would see
// `warm` and flip a hibernated sandbox back to active — unless the sprite reports `running`
// (someone else's work is running there, which the engine must see). Exec is refused while
// marked, as on the local backend; wake() and create() clear the mark. The mark lives in memory:
// after a restart the sprite's own status (cold once idle) is authoritative again.
class SpritesBackend : public Backend {
    Q_OBJECT
public:
    struct Options {
        ClientOptions client;
        QString workingDir = SpritesClient::DefaultWorkingDir;
        QString killTimeout = QStringLiteral("5s"); // SIGTERM -> SIGKILL when hibernating
    };

    explicit SpritesBackend(Options options, QObject* parent = nullptr);
    ~SpritesBackend() override;

    SpritesClient& client() const { return *m_client; }

    QString kind() const override { return QStringLiteral("sprites"); }

    Task<ProviderStatus> create(const QString& name) override;
    Task<ProviderStatus> status(const QString& name) override;
    Task<void> hibernate(const QString& name) override;
    Task<void> wake(const QString& name) override;
    Task<void> destroy(const QString& name) override;
    QString isolation(const QString& name) const override;
    bool isIsolated(const QString& name) const override;
    // Lists one sprite: proves the API answers and the token is accepted.
    Task<void> checkConnection() override;

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
    // An upload's piece: under the API's 16 MiB request limit.
    static constexpr qint64 UploadChunkBytes = 8 * 1024 * 1024;

    Task<CheckpointInfo> createCheckpoint(const QString& name, const QString& comment) override;
    Task<QList<CheckpointInfo>> listCheckpoints(const QString& name) override;
    Task<void> restoreCheckpoint(const QString& name, const QString& checkpointId) override;
    Task<void> deleteCheckpoint(const QString& name, const QString& checkpointId) override;

    Task<NetworkPolicy> networkPolicy(const QString& name) override;
    Task<void> setNetworkPolicy(const QString& name, const NetworkPolicy& policy) override;

    // --- services (SpritesBackendServices.cpp): the sprite's services API (§6, §14.5) ---------
    bool canRunServices() const override { return true; }
    Task<QList<hangar::ServiceInfo>> listServices(const QString& name) override;
    Task<void> createService(const QString& name, const ServiceSpec& spec) override;
    Task<void> startService(const QString& name, const QString& service) override;
    Task<void> stopService(const QString& name, const QString& service) override;
    Task<void> restartService(const QString& name, const QString& service) override;
    Task<QList<hangar::ServiceLogLine>> readServiceLog(const QString& name, const QString& service,
                                                       int lines) override;
    Task<void> signalService(const QString& name, const QString& service,
                             const QString& signal) override;
    Task<void> deleteService(const QString& name, const QString& service) override;
    ServiceLogStream* followServiceLog(const QString& name, const QString& service,
                                       int historyLines = 1000) override;

    // --- ports (SpritesBackendPorts.cpp) -------------------------------------------------
    // Through the proxy (§9): one WebSocket per accepted connection, to localhost:remotePort
    // inside the sprite.
    hangar::PortForward* forwardPort(const QString& name, int remotePort,
                                     int localPort = 0) override;
    // The sprite's URL and url_settings.auth (§2).
    Task<UrlSettings> urlSettings(const QString& name) override;
    Task<UrlSettings> setUrlAuth(const QString& name, const QString& auth) override;

protected:
    // The sprite's ports/watch (§14.3.4).
    Status startPortMonitor(const QString& name) override;
    void stopPortMonitor(const QString& name) override;

private:
    // Runs `true` in the sprite: it wakes on demand.
    Task<void> touch(const QString& name);
    SpritesBackendSession* track(SpritesBackendSession* session);
    QString resolve(const QString& path) const;
    // Relays a checkpoint stream's steps as progress() of the sprite.
    EventHandler progressOf(const QString& name);

    Options m_options;
    SpritesClient* m_client;
    QNetworkAccessManager* m_network; // downloads, streamed outside the client's buffered calls
    QSet<QString> m_hibernated;
    // Running sessions each sprite listed last (attach() may join them), minus those seen ending.
    QHash<QString, QSet<QString>> m_listed;
    QList<QPointer<SpritesBackendSession>> m_live;
    QHash<QString, QPointer<PortWatch>> m_portWatches; // watched sprites (watchPorts)
};

} // namespace hangar::sprites
