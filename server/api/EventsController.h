#pragma once

#include "http/Router.h"
#include "http/SseStream.h"
#include "lifecycle/Sandbox.h"

#include <QObject>

namespace hangar {
class LifecycleService;
}

namespace hangar::api {

// Server-sent lifecycle events: GET /api/sandboxes/:id/lifecycle/events for one sandbox and
// GET /api/events for all. The current state comes first, then every transition as it
// commits; each event carries its sequence number as `id:`, so a reconnecting client that
// sends Last-Event-ID gets what it missed replayed from the store.
class EventsController : public QObject {
    Q_OBJECT
public:
    EventsController(LifecycleService& engine, http::SseLimits limits = {},
                     QObject* parent = nullptr);

    void addRoutes(http::Router& router);
    int listenerCount() const;

private:
    void streamOne(const http::Request& request, http::HttpReply reply);
    void streamAll(const http::Request& request, http::HttpReply reply);
    // Subscribes an open stream to live events (of one sandbox, or all when id is empty).
    void follow(http::SseStream* stream, const QString& sandboxId);

    LifecycleService& m_engine;
    http::SseLimits m_limits;
};

// The JSON of a `state` event.
QByteArray stateEventData(const LifecycleEvent& event);

} // namespace hangar::api
