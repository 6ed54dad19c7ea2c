#pragma once

#include "SpritesReply.h"
#include "backend/ServiceTypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace hangar {
class Backend;
}

namespace hangar::spritesapi {

// The NDJSON answer of a service start, stop or restart (sprites-api.md §6.2): what the
// backend's log of the service says from the moment the request arrived, as wire events, until
// the operation is over; then `complete` and the end of the body. It deletes itself then.
//
//   start:   started → output* → (exit → late output ≤ 200 ms)? → complete at the window's end
//   stop:    stopping (the caller's) → output* → stopped → complete
//   restart: (stopping → output* → stopped)? → the start's events
//   failure: error → exit 1 (start, restart) → complete
class ServiceWindow : public QObject {
    Q_OBJECT
public:
    enum class Kind { Start, Stop, Restart };

    // Starts the stream. Construct it before asking the backend, so that nothing the service
    // logs in between is missed.
    ServiceWindow(Backend& backend, QString sprite, QString service, Kind kind, SpritesReply reply,
                  QObject* parent);

    // The backend took the request: follow the log; close after `ms` (start, restart: the
    // monitoring window, 0 = at the start; stop: how long to wait for the stop at most).
    void begin(qint64 ms);
    // The backend refused it.
    void fail(const Error& error);

private:
    void onLine(const ServiceLogLine& line);
    void stream(const ServiceLogLine& line);
    void finish(const QList<QJsonObject>& last = {});

    Backend& m_backend;
    QString m_sprite;
    QString m_service;
    Kind m_kind;
    SpritesReply m_reply;
    QDateTime m_since;
    QPointer<ServiceLogStream> m_log;
    QTimer m_deadline;
    bool m_started = false; // start, restart: the new run has begun
    bool m_closing = false; // an exit was seen: late output, then the end
    bool m_done = false;
};

} // namespace hangar::spritesapi
