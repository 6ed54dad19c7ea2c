#pragma once

#include "SpritesError.h"
#include "SpritesExecSession.h"
#include "SpritesHttp.h"
#include "SpritesPortForward.h"
#include "SpritesTypes.h"
#include "SpritesWatch.h"
#include "util/Result.h"

#include <QObject>

namespace hangar::sprites {

// An asynchronous client of the Sprites API (sprites-api.md). Every call returns a Task; a
// failed call's Error carries the §1.5 message ("HTTP 404: sprite not found") and a code that
// follows the status (or the POSIX code of a filesystem error); the parsed ApiError, with the
// rate-limit fields and headers, is also emitted through apiError(). GET, PUT and DELETE retry
// 429 and 503 honouring Retry-After, with a bounded back-off; nothing else retries. The token
// is sent as a bearer header and never logged.
class SpritesClient : public QObject {
    Q_OBJECT
public:
    explicit SpritesClient(ClientOptions options, QObject* parent = nullptr);

    const ClientOptions& options() const { return m_options; }

    // --- sprites (gateway) -------------------------------------------------------------
    Task<SpriteInfo> createSprite(const QString& name, const CreateOptions& options = {});
    Task<SpriteInfo> getSprite(const QString& name);
    Task<SpriteList> listSprites(const ListOptions& options = {});
    // Every page, following next_continuation_token.
    Task<QList<SpriteInfo>> listAllSprites(const QString& prefix = {});
    Task<SpriteInfo> updateSprite(const QString& name, const UpdateOptions& options);
    Task<void> deleteSprite(const QString& name);
    // §2.7: upgrades the sprite's environment (200 or 204).
    Task<void> upgradeSprite(const QString& name);
    // §14.2.5: restarts the machine behind the sprite (running commands end, files stay).
    Task<SpriteRestart> restartSprite(const QString& name);
    // §14.2.6: a health check that does not wake the sprite.
    Task<SpriteCheck> checkSprite(const QString& name);
    // §14.2.3: state lines for the sprites matching `prefix`, then a line per status change and
    // heartbeats, until close() or the server ends it. Owned by the caller (parented here).
    SpriteWatch* watchSprites(const QString& prefix = {}, int maxResults = 0);

    // --- exec ----------------------------------------------------------------------------
    // Starts a command; the session emits started() or failed(). Never null; owned by the
    // caller (parented to this client until reparented).
    SpritesExecSession* exec(const QString& sprite, const ExecOptions& options);
    // Attaches to a running session by id: session_info, the scrollback, then live output.
    SpritesExecSession* attach(const QString& sprite, const QString& sessionId);
    // HTTP exec (§3.10, §14.3.2): the output comes back as records in the response body. Read
    // over its own HTTP/1.1 connection, because a record is only delimited by its HTTP chunk
    // (which QNetworkAccessManager hides). A non-zero exit is a result, not an error. Never
    // retried (POST).
    Task<ExecResult> execHttp(const QString& sprite, const HttpExecOptions& options);

    // --- sessions (sprites-api.md §4) -----------------------------------------------------
    Task<QList<SessionSummary>> listSessions(const QString& sprite);
    // Signals a session (default SIGTERM, escalating to SIGKILL after `timeout`, a Go duration
    // such as "10s"; empty = the server's defaults) and reads the NDJSON events until the end of
    // the body. 410 (the session had already ended) is a success with alreadyExited set.
    Task<KillResult> killSession(const QString& sprite, const QString& sessionId,
                                 const QString& signal = {}, const QString& timeout = {},
                                 EventHandler onEvent = {});

    // --- checkpoints (§5) ---------------------------------------------------------------
    // Streams progress to onEvent; ends with the `complete` line's text ("Checkpoint v3
    // created"). An `error` event, or a stream without `complete`, fails the task.
    Task<QString> createCheckpoint(const QString& sprite, const QString& comment = {},
                                   EventHandler onEvent = {});
    Task<QList<Checkpoint>> listCheckpoints(const QString& sprite, const QString& history = {});
    Task<Checkpoint> getCheckpoint(const QString& sprite, const QString& checkpointId);
    Task<QString> restoreCheckpoint(const QString& sprite, const QString& checkpointId,
                                    EventHandler onEvent = {});
    // §5.5: not in the SDKs; 204, 404 unknown, 409 for the active checkpoint.
    Task<void> deleteCheckpoint(const QString& sprite, const QString& checkpointId);

    // --- network policy (§7) ------------------------------------------------------------
    Task<NetworkPolicy> networkPolicy(const QString& sprite);
    Task<void> setNetworkPolicy(const QString& sprite, const NetworkPolicy& policy);

    // --- privileges and resources policies (§14.6); errors are plain text ----------------------
    Task<PrivilegesPolicy> privilegesPolicy(const QString& sprite);
    Task<void> setPrivilegesPolicy(const QString& sprite, const PrivilegesPolicy& policy);
    Task<void> deletePrivilegesPolicy(const QString& sprite);
    Task<ResourcesPolicy> resourcesPolicy(const QString& sprite);
    Task<void> setResourcesPolicy(const QString& sprite, const ResourcesPolicy& policy);
    Task<void> deleteResourcesPolicy(const QString& sprite);

    // --- services (§6, §14.5) -------------------------------------------------------------
    // The streamed calls hand every log event to onEvent as it arrives and end with all of them
    // at the end of the body; a dropped connection fails the task (events already delivered
    // stay delivered). `duration`/`timeout` are Go durations ("5s"); empty = the server's
    // default. Errors are plain text with the status (§1.5).
    Task<QList<ServiceInfo>> listServices(const QString& sprite);
    Task<ServiceInfo> getService(const QString& sprite, const QString& service);
    // Creates or replaces the definition and starts it, streaming the first `duration`.
    Task<QList<ServiceEvent>> putService(const QString& sprite, const QString& service,
                                         const ServiceRequest& request,
                                         const QString& duration = {},
                                         ServiceEventHandler onEvent = {});
    Task<void> deleteService(const QString& sprite, const QString& service);
    Task<QList<ServiceEvent>> startService(const QString& sprite, const QString& service,
                                           const QString& duration = {},
                                           ServiceEventHandler onEvent = {});
    Task<QList<ServiceEvent>> stopService(const QString& sprite, const QString& service,
                                          const QString& timeout = {},
                                          ServiceEventHandler onEvent = {});
    Task<QList<ServiceEvent>> restartService(const QString& sprite, const QString& service,
                                             const QString& duration = {},
                                             ServiceEventHandler onEvent = {});
    // `signal`: e.g. TERM, KILL, INT, HUP, QUIT, USR1, USR2 (with or without SIG); the server
    // says which it accepts.
    Task<void> signalService(const QString& sprite, const QString& service, const QString& signal);
    // The last `lines` of the log (nullopt: all), then new output for `follow` (a duration;
    // empty = none), then `complete`.
    Task<QList<ServiceEvent>> serviceLogs(const QString& sprite, const QString& service,
                                          std::optional<int> lines = std::nullopt,
                                          const QString& follow = {},
                                          ServiceEventHandler onEvent = {});
    // The same request, read by the caller as it arrives (an NDJSON body; no timeout). The
    // reply is parented to this client until reparented.
    Result<QNetworkReply*> openServiceLogs(const QString& sprite, const QString& service,
                                           std::optional<int> lines, const QString& follow);

    // --- proxy (§9) and watches (§14.3.4, §14.7) --------------------------------------------
    // A local port (0 = any free one) forwarded to remoteHost:remotePort inside the sprite; one
    // WebSocket per accepted connection. Parented to this client until reparented.
    Result<PortForward*> forwardPort(const QString& sprite, quint16 remotePort,
                                     const QString& remoteHost = QStringLiteral("localhost"),
                                     quint16 localPort = 0);
    PortWatch* watchPorts(const QString& sprite);
    FileWatch* watchFiles(const QString& sprite, const QStringList& paths, bool recursive = true,
                          const QString& workingDir = DefaultWorkingDir);

    // --- filesystem (relative paths resolve against workingDir) -----------------------------
    static inline const QString DefaultWorkingDir = QStringLiteral("/home/sprite");
    Task<QByteArray> readFile(const QString& sprite, const QString& path,
                              const QString& workingDir = DefaultWorkingDir);
    Task<void> writeFile(const QString& sprite, const QString& path, const QByteArray& data,
                         std::optional<quint32> mode = std::nullopt, bool makeParents = true,
                         const QString& workingDir = DefaultWorkingDir);
    Task<FsListing> listDir(const QString& sprite, const QString& path,
                            const QString& workingDir = DefaultWorkingDir);
    Task<void> remove(const QString& sprite, const QString& path, bool recursive = false,
                      const QString& workingDir = DefaultWorkingDir);
    Task<void> rename(const QString& sprite, const QString& from, const QString& to,
                      const QString& workingDir = DefaultWorkingDir);
    Task<void> copy(const QString& sprite, const QString& from, const QString& to,
                    bool recursive = false, const QString& workingDir = DefaultWorkingDir);
    Task<void> chmod(const QString& sprite, const QString& path, quint32 mode,
                     const QString& workingDir = DefaultWorkingDir);
    // §14.7: `user`/`group` each a number or a name; at least one must be given (empty = keep).
    Task<void> chown(const QString& sprite, const QString& path, const QString& user,
                     const QString& group = {}, bool recursive = false,
                     const QString& workingDir = DefaultWorkingDir);
    // The entry of `path` itself, from a list of its parent (§13 item 22: a list of the path
    // cannot describe a directory). NotFound when the parent has no such entry.
    Task<FsEntry> stat(const QString& sprite, const QString& path,
                       const QString& workingDir = DefaultWorkingDir);
    // The §8.5 composition (there is no mkdir endpoint): write `path/.keep`, then delete it.
    // Checks first, like mkdir(2): AlreadyExists for an existing path (unless `parents` and it
    // is a directory); NotFound when the parent is missing and `parents` is false.
    Task<void> makeDir(const QString& sprite, const QString& path, bool parents = false,
                       const QString& workingDir = DefaultWorkingDir);

    // Checks a sprite name before it goes into a URL: [a-z0-9-], starting with a letter or
    // digit, at most 63 characters (sprites-api.md §1.1).
    static Status validateName(const QString& name);

signals:
    void apiError(const hangar::sprites::ApiError& error);

private:
    QString spritePath(const QString& name) const;
    QNetworkRequest socketRequest(const QString& path,
                                  const QList<QPair<QString, QString>>& query) const;
    Task<QJsonObject> jsonCall(HttpCall call);
    // A streamed call that ends with the text of its `complete` event.
    Task<QString> progressCall(HttpCall call, EventHandler onEvent);
    QString checkpointPath(const QString& sprite, const QString& checkpointId) const;
    QString servicePath(const QString& sprite, const QString& service) const;
    // A service log stream: events to onEvent as they arrive, all of them at the end.
    Task<QList<ServiceEvent>> serviceStream(HttpCall call, ServiceEventHandler onEvent);
    Task<void> policyDelete(const QString& sprite, const QString& kind);
    void pageFrom(QString prefix, QString token, std::shared_ptr<QList<SpriteInfo>> all,
                  std::shared_ptr<QPromise<Result<QList<SpriteInfo>>>> promise);

    ClientOptions m_options;
    SpritesHttp* m_http;
};

} // namespace hangar::sprites
