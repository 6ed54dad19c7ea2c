#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace hangar {

// What the provider says about a sandbox's machine.
enum class ProviderState {
    Missing, // the provider has no machine of that name
    Cold,    // stopped / hibernated: files kept, nothing runs
    Warm,    // started, no user work running
    Running, // user work (a session, a service) is running
};

QString providerStateName(ProviderState state);

struct ProviderStatus {
    ProviderState state = ProviderState::Missing;
    QString detail; // provider's own words, for the detail pane
};

struct FsEntry {
    QString name; // base name
    QString path; // absolute path inside the sandbox
    bool isDir = false;
    bool isSymlink = false;
    qint64 size = 0;
    quint32 mode = 0; // permission bits (07777)
    QDateTime modified;
    QString linkTarget; // for symlinks, as stored
};

struct WriteOptions {
    bool makeParents = false;
    std::optional<quint32> mode; // permission bits for a new file
};

struct CheckpointInfo {
    QString id;
    QDateTime createdAt;
    QString comment;
    qint64 sizeBytes = 0;
};

struct NetworkRule {
    QString domain;  // "example.com", "*.npmjs.org", "*"
    QString action;  // "allow" | "deny"
    QString include; // a preset name instead of a domain
};

struct NetworkPolicy {
    QList<NetworkRule> rules;
    static NetworkPolicy allowAll() {
        return {{NetworkRule{QStringLiteral("*"), QStringLiteral("allow"), {}}}};
    }
    static NetworkPolicy denyAll() {
        return {{NetworkRule{QStringLiteral("*"), QStringLiteral("deny"), {}}}};
    }
};

struct ExecRequest {
    QStringList argv;           // program and arguments; never a shell string
    QString cwd;                // inside the sandbox; empty = the working directory
    QMap<QString, QString> env; // added to the sandbox's base environment
    bool tty = false;
    int cols = 80;
    int rows = 24;
    qint64 timeoutMs = 0; // 0 = no limit
};

// A finished non-interactive command.
struct ExecResult {
    QByteArray stdoutData;
    QByteArray stderrData;
    int exitCode = -1;
    bool timedOut = false;
};

struct SessionInfo {
    QString id;
    QStringList command;
    bool tty = false;
    bool running = false;
    QDateTime startedAt;
    QDateTime lastActivityAt;
    std::optional<int> exitCode;
};

} // namespace hangar

Q_DECLARE_METATYPE(hangar::ProviderStatus)
Q_DECLARE_METATYPE(hangar::FsEntry)
Q_DECLARE_METATYPE(hangar::CheckpointInfo)
