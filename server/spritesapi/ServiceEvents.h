#pragma once

#include "SpritesReply.h"
#include "backend/ServiceTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

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

// The last event of every service stream.
inline QJsonObject completeEvent() {
    return logEvent(QStringLiteral("complete"), QStringLiteral("log_files"), QJsonObject{});
}

// The in-VM server's errors are text/plain (§1.5).
inline void plainError(SpritesReply& reply, SpritesReply::Status status, const QString& message) {
    reply.send(status, message.toUtf8() + '\n', QByteArrayLiteral("text/plain; charset=utf-8"));
}

inline int wireExitCode(int code) {
    return code < 0 || code > 255 ? 255 : code;
}

// A line of the backend's service log as wire events, stamped with the line's time: output
// as `stdout`/`stderr` (split so that no NDJSON line comes near 64 KiB), a start as `started`,
// an exit as `exit`, a stop as `stopped`, a failed start as `error`. Remarks (a signal sent)
// have no wire event: none.
QList<QJsonObject> wireEvents(const ServiceLogLine& line);

// The status for a backend error about a service: 400, 404, 409 or 503, else 500.
SpritesReply::Status serviceErrorStatus(const Error& error);

} // namespace hangar::spritesapi
