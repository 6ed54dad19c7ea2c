#pragma once

#include <QList>
#include <QMutex>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace hangar::spritesapi {

// Faults the Sprites emulator injects on request, for tests of clients. A test configures the
// plan of a running SpritesApi (SpritesApi::faults()); each fault matches a method ("" = any)
// and a regular expression on the decoded path, and fires `times` times (-1 = always):
//   respond(...)  answers with a gateway JSON error instead of handling the request
//                 (429 gets `Retry-After` and `retry_after_seconds` when retryAfterSeconds >= 0)
//   delay(...)    handles the request but holds the response back for `ms`
//   drop(...)     HTTP: sends the headers and half the body, then aborts the connection.
//                 With method "WS" it applies to exec WebSockets instead: the TCP connection
//                 is aborted (no close frame, no exit) once at least `afterOutputBytes` bytes
//                 of command output have been forwarded.
// Every request the server sees is also logged (method and path), so a test can count retries.
class FaultPlan {
public:
    enum class Kind { Respond, Delay, Drop };

    struct Fault {
        Kind kind = Kind::Respond;
        QString method;
        QRegularExpression path;
        int status = 500;
        int retryAfterSeconds = -1;
        int delayMs = 0;
        qint64 afterOutputBytes = 0;
        int times = 1;
    };

    void respond(const QString& method, const QString& pathPattern, int status,
                 int retryAfterSeconds = -1, int times = 1);
    void delay(const QString& method, const QString& pathPattern, int ms, int times = 1);
    void drop(const QString& method, const QString& pathPattern, qint64 afterOutputBytes = 0,
              int times = 1);
    void clear();

    // Records the request and returns the first matching fault, consuming one use of it.
    std::optional<Fault> take(const QString& method, const QString& path);
    // How many requests with this method and exact path the server has seen.
    int requestCount(const QString& method, const QString& path) const;

private:
    void add(Fault fault);

    mutable QMutex m_mutex;
    QList<Fault> m_faults;
    QList<QPair<QString, QString>> m_log;
};

} // namespace hangar::spritesapi
