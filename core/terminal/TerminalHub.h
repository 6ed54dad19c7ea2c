#pragma once

#include "TranscriptStore.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace hangar {

class LifecycleService;
class ExecSession;
class TerminalSession;

struct TerminalOptions {
    QStringList shell = {QStringLiteral("/bin/bash"), QStringLiteral("-l")};
    QString cwd; // empty: the working directory
    int cols = 80;
    int rows = 24;
};

// The shared terminal sessions, by sandbox and key: the first client to ask for a key starts
// a shell (waking the sandbox if needed), later ones join it. A session that ended is
// replaced by a fresh one on the next open().
class TerminalHub : public QObject {
    Q_OBJECT
public:
    explicit TerminalHub(LifecycleService& engine, QObject* parent = nullptr);

    Task<TerminalSession*> open(const QString& sandboxId, const QString& key,
                                const TerminalOptions& options = {});
    TerminalSession* find(const QString& sandboxId, const QString& key) const;
    // Joins a session that already runs in the sandbox (started elsewhere, or before a dropped
    // connection), with what it kept of its output. NotFound when it no longer runs.
    Task<TerminalSession*> attach(const QString& sandboxId, const QString& sessionId);

    static Status validateKey(const QString& key);

    // Every session opened from now on is recorded there (nullptr: none are). Not owned.
    void setTranscripts(TranscriptStore* transcripts);
    // Whether the sandbox is going or gone to sleep: then that, not the exit status or a
    // cancelled command, is why its shells ended.
    bool isAsleep(const QString& sandboxId) const;
    TranscriptStore* transcripts() const { return m_transcripts; }

signals:
    // A transcript could not be started (the session runs regardless).
    void transcriptFailed(const hangar::Error& error);

private:
    // Registers a new session under its key, with the way back to it after a dropped connection.
    TerminalSession* adopt(const QString& sandboxId, const QString& key, ExecSession* exec,
                           const QStringList& command);
    Task<ExecSession*> reattach(const QString& sandboxId, const QString& execId);
    void record(TerminalSession* session, const QStringList& command);
    QString endReason(const QString& sandboxId, const QString& otherwise) const;

    LifecycleService& m_engine;
    QHash<QString, QPointer<TerminalSession>> m_sessions; // "sandboxId/key"
    QHash<QString, Task<TerminalSession*>> m_starting;
    QPointer<TranscriptStore> m_transcripts;
};

} // namespace hangar
