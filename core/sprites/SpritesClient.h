#pragma once

#include "SpritesError.h"
#include "SpritesExecSession.h"
#include "SpritesHttp.h"
#include "SpritesTypes.h"
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

    // --- exec ----------------------------------------------------------------------------
    // Starts a command; the session emits started() or failed(). Never null; owned by the
    // caller (parented to this client until reparented).
    SpritesExecSession* exec(const QString& sprite, const ExecOptions& options);
    // Attaches to a running session by id: session_info, the scrollback, then live output.
    SpritesExecSession* attach(const QString& sprite, const QString& sessionId);

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
    void pageFrom(QString prefix, QString token, std::shared_ptr<QList<SpriteInfo>> all,
                  std::shared_ptr<QPromise<Result<QList<SpriteInfo>>>> promise);

    ClientOptions m_options;
    SpritesHttp* m_http;
};

} // namespace hangar::sprites
