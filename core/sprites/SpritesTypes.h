#pragma once

#include "backend/BackendTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

namespace hangar::sprites {

// A sprite as the gateway describes it (sprites-api.md §2.1).
struct SpriteInfo {
    QString id;
    QString name;
    QString organization;
    QString status; // "cold" | "warm" | "running"
    QString url;
    QString urlAuth;       // url_settings.auth: "sprite" | "public"
    QString privateAccess; // url_settings.private_access
    QStringList labels;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastRunningAt;
    QString version;

    ProviderState state() const; // cold -> Cold, warm -> Warm, running -> Running
    static SpriteInfo fromJson(const QJsonObject& object);
};

struct OrgCounters {
    QString name;
    int running = 0;
    int warm = 0;
    int cold = 0;
    int runningLimit = 0;
    int warmLimit = 0;
};

struct SpriteList {
    QList<SpriteInfo> sprites;
    bool hasMore = false;
    QString nextContinuationToken;
    OrgCounters org;

    static SpriteList fromJson(const QJsonObject& object);
};

struct ListOptions {
    QString prefix;
    int maxResults = 0; // 0: the server's default
    QString continuationToken;
};

struct CreateOptions {
    QString urlAuth; // empty: the server's default ("sprite")
    QStringList labels;
};

// A partial update: only what is set is sent. labels replaces the whole set ([] clears it).
struct UpdateOptions {
    std::optional<QString> urlAuth;
    std::optional<QString> privateAccess;
    std::optional<QStringList> labels;
};

// An exec over the WebSocket (sprites-api.md §3.1).
struct ExecOptions {
    QStringList argv;           // argv[0] included; never a shell string
    QString dir;                // empty: the sprite's default (/home/sprite)
    QMap<QString, QString> env; // when non-empty, replaces the default environment
    bool tty = false;
    int cols = 0; // TTY size; 0 = the server's default (80 x 24)
    int rows = 0;
    bool stdinEnabled = true;
    bool detachable = false;
    QString maxRunAfterDisconnect; // Go duration, e.g. "30s"; empty = the server's default
};

struct FsListing {
    QString path; // absolute
    QList<FsEntry> entries;
    bool isFile = false; // the path is a file and `entries` is that one file (§13 item 22)
};

// FsEntry from the camelCase entry shape (§8.3). `linkTarget` is read when present (an
// extension of the emulator; the real API does not send it).
FsEntry fsEntryFromJson(const QJsonObject& object);

// One entry of the session list (sprites-api.md §4.1).
struct SessionSummary {
    QString id;
    QString command; // argv joined by spaces, as the server reports it
    QString workdir;
    QDateTime created;
    double bytesPerSecond = 0;
    bool isActive = false;
    QDateTime lastActivity;
    bool tty = false;

    static SessionSummary fromJson(const QJsonObject& object);
};

// What a session kill reported (§4.3): the NDJSON events, and the exit code from `complete`.
struct KillResult {
    bool alreadyExited = false; // 410: the session had ended before the kill
    std::optional<int> exitCode;
    QList<QJsonObject> events;
};

// A checkpoint (§5.2, §14.4).
struct Checkpoint {
    QString id; // "v3"
    QDateTime createTime;
    QString comment;
    QString sourceId;
    QStringList history;
    bool isAuto = false;
    QString health; // empty = healthy

    static Checkpoint fromJson(const QJsonObject& object);
};

// Receives the events of an NDJSON stream (checkpoint progress, kill events) as they arrive.
using EventHandler = std::function<void(const QJsonObject&)>;

// Network policy documents (§7) to and from JSON; the rules keep their wire names.
QJsonObject networkPolicyJson(const NetworkPolicy& policy);
NetworkPolicy networkPolicyFromJson(const QJsonObject& object);

// --- @fly/sprites 0.1.0 additions (sprites-api.md §14) ---------------------------------------

// POST /v1/sprites/{name}/restart (§14.2.5).
struct SpriteRestart {
    QString spriteName;
    QString machineId;
    QString message;
    static SpriteRestart fromJson(const QJsonObject& object);
};

// GET /v1/sprites/{name}/check (§14.2.6).
struct SpriteCheck {
    QString spriteName;
    QString spriteId;
    QString status; // "healthy" | "unhealthy" (undocumented vocabulary)
    QString reason;
    QDateTime checkedAt;
    std::optional<double> elapsed;
    static SpriteCheck fromJson(const QJsonObject& object);
};

// One line of the sprite watch stream (§14.2.3): a state update or a heartbeat.
struct SpriteWatchEvent {
    QString type; // empty: a state update; "heartbeat"
    QString name;
    QString status;
    QString runningVersion;
    QDateTime timestamp;
    OrgCounters org;
    bool isHeartbeat() const { return type == QLatin1String("heartbeat"); }
    static SpriteWatchEvent fromJson(const QJsonObject& object);
};

// A service (§6.1) and its runtime state.
struct ServiceState {
    QString status; // stopped | starting | running | stopping | failed
    std::optional<int> pid;
    QDateTime startedAt;
    QString error;
    int restartCount = 0;
    QDateTime nextRestartAt;
};

struct ServiceInfo {
    QString name;
    QString cmd;
    QStringList args;
    QStringList needs;
    std::optional<int> httpPort;
    QMap<QString, QString> env;
    QString dir;
    std::optional<ServiceState> state;
    static ServiceInfo fromJson(const QJsonObject& object);
};

// The body of PUT …/services/{svc}: cmd always, the rest only when set (§14.5).
struct ServiceRequest {
    QString cmd;
    QStringList args;
    QStringList needs;
    std::optional<int> httpPort;
    QMap<QString, QString> env;
    QString dir;
    QJsonObject toJson() const;
};

// A service log event (§6.2): started, stdout, stderr, exit, error, stopping, stopped, complete.
struct ServiceEvent {
    QString type;
    QString data;
    std::optional<int> exitCode;
    qint64 timestampMs = 0;
    QJsonObject logFiles;
    static ServiceEvent fromJson(const QJsonObject& object);
};
using ServiceEventHandler = std::function<void(const ServiceEvent&)>;

// ports/watch messages (§14.3.4): port_list entries and port_opened / port_closed.
struct PortEvent {
    QString type; // port_opened | port_closed
    int port = 0;
    QString address;
    int pid = 0;
    static PortEvent fromJson(const QJsonObject& object);
};

// fs/watch messages (§14.7): `event` messages; `subscribed` and `error` also land here.
struct FsWatchEvent {
    QString type;  // event | subscribed | error
    QString path;  // event: absolute
    QString event; // write | create | remove | rename | chmod
    QDateTime timestamp;
    qint64 size = 0;
    bool isDir = false;
    QString message;   // error
    QStringList paths; // subscribed
    static FsWatchEvent fromJson(const QJsonObject& object);
};

// HTTP exec (§3.10, §14.3.2): a non-TTY command whose output comes back in the response body.
struct HttpExecOptions {
    QStringList argv; // argv[0] included
    QString dir;
    QMap<QString, QString> env;
    std::optional<QByteArray> input; // set: stdin=true with this body
    int timeoutMs = 0;               // 0: none (§14.1 item 5)
};

// The privileges policy (§14.6): every field optional on the wire; camelCase noNewPrivileges.
struct PrivilegesPolicy {
    std::optional<QString> profile; // "" | minimal | standard | privileged
    std::optional<QStringList> devices;
    std::optional<bool> noNewPrivileges;
    QJsonObject toJson() const;
    static PrivilegesPolicy fromJson(const QJsonObject& object);
};

// The resources policy (§14.6): a memory limit, or none.
struct ResourcesPolicy {
    std::optional<int> memoryLimitMb;
    std::optional<bool> memoryAutoscale;
    QJsonObject toJson() const;
    static ResourcesPolicy fromJson(const QJsonObject& object);
};

} // namespace hangar::sprites

Q_DECLARE_METATYPE(hangar::sprites::SpriteWatchEvent)
Q_DECLARE_METATYPE(hangar::sprites::PortEvent)
Q_DECLARE_METATYPE(hangar::sprites::FsWatchEvent)
