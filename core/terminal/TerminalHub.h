#pragma once

#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace hangar {

class LifecycleService;
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

    static Status validateKey(const QString& key);

private:
    LifecycleService& m_engine;
    QHash<QString, QPointer<TerminalSession>> m_sessions; // "sandboxId/key"
    QHash<QString, Task<TerminalSession*>> m_starting;
};

} // namespace hangar
