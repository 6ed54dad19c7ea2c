#pragma once

#include "BackendTypes.h"
#include "util/Error.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <optional>

namespace hangar {

// A running command or TTY inside a sandbox. Output arrives incrementally through output();
// nothing is buffered whole except a bounded scrollback for re-attaching.
//
// Sessions belong to their backend. Holders keep a QPointer: a finished session is deleted by
// its backend some time after it exits.
class ExecSession : public QObject {
    Q_OBJECT
public:
    enum class Stream { Stdout, Stderr }; // TTY output is all Stdout

    using QObject::QObject;

    virtual SessionInfo info() const = 0;
    QString id() const { return info().id; }
    bool isRunning() const { return info().running; }

    // The most recent output (bounded), replayed to a client that attaches later.
    virtual QByteArray scrollback() const = 0;

    virtual void write(const QByteArray& data) = 0;
    virtual void closeStdin() = 0;
    virtual void resize(int cols, int rows) = 0;
    // Ends the command (SIGTERM, then SIGKILL after a grace period).
    virtual void terminate() = 0;
    // Flow control for a consumer that cannot keep up (a slow network client): while paused no
    // output() is emitted and the command's output waits in its pipe, so a command that writes
    // more blocks instead of piling up in memory; exited() waits for the output before it.
    // Resuming delivers what waited. The default ignores it (output keeps coming).
    virtual void setOutputPaused(bool /*paused*/) {}
    // Sends a signal by name (TERM, KILL, INT, HUP, QUIT, USR1, USR2; with or without SIG, any
    // case) to the command. The default can only end it: terminate() for the signals that
    // ask a process to end, nothing for the others.
    virtual void sendSignal(const QString& name) {
        if (asksToEnd(name))
            terminate();
    }
    // Whether the signal (by name, as sendSignal() takes it) asks a process to end: TERM,
    // KILL, INT, HUP, QUIT.
    static bool asksToEnd(const QString& name) {
        QString bare = name.toUpper();
        if (bare.startsWith(QLatin1String("SIG")))
            bare = bare.mid(3);
        static const QStringList ending{QStringLiteral("TERM"), QStringLiteral("KILL"),
                                        QStringLiteral("INT"), QStringLiteral("HUP"),
                                        QStringLiteral("QUIT")};
        return ending.contains(bare);
    }

signals:
    void started();
    void output(const QByteArray& data, hangar::ExecSession::Stream stream);
    // Always the last signal of a session that started. timedOut: killed by its time limit.
    void exited(int exitCode, bool timedOut);
    // The session could not start, or its connection broke. No exited() follows.
    void failed(const hangar::Error& error);
};

} // namespace hangar
