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

} // namespace hangar::sprites
