#pragma once

#include "SpritesReply.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>

namespace hangar::spritesapi {

// Service log events (sprites-api.md §6.2): `type` and an integer-millisecond `timestamp`.
inline QJsonObject logEvent(const QString& type) {
    return {{QStringLiteral("type"), type},
            {QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch()}};
}

inline QJsonObject logEvent(const QString& type, const QString& key, const QJsonValue& value) {
    QJsonObject event = logEvent(type);
    event.insert(key, value);
    return event;
}

// The in-VM server's errors are text/plain (§1.5).
inline void plainError(SpritesReply& reply, SpritesReply::Status status, const QString& message) {
    reply.send(status, message.toUtf8() + '\n', QByteArrayLiteral("text/plain; charset=utf-8"));
}

inline int wireExitCode(int code) {
    return code < 0 || code > 255 ? 255 : code;
}

// The output of one service across its runs, one event per line (so `?lines=N` means lines),
// bounded; followers (a log stream with `duration`) get each event as it is appended.
class ServiceLog : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype MaxEvents = 4000;
    static constexpr qsizetype MaxLineBytes = 16 * 1024; // keeps NDJSON lines far below 64 KiB

    using QObject::QObject;

    // Output of the service: split into lines; an unterminated tail waits for the rest of its
    // line (or the process's end: flush()).
    void output(const QByteArray& data, bool stderrStream);
    // A non-output event (exit, error): flushes partial lines first.
    void event(const QJsonObject& event);
    void flush();
    // The last `lines` output events (stdout/stderr), all of them when lines < 0.
    QList<QJsonObject> tail(int lines) const;

signals:
    void appended(const QJsonObject& event);

private:
    void append(const QJsonObject& event);

    QList<QJsonObject> m_events;
    QByteArray m_partial[2]; // stdout, stderr
};

} // namespace hangar::spritesapi
