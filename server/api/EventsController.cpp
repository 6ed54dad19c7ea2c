#include "EventsController.h"

#include "JsonCodec.h"
#include "lifecycle/LifecycleService.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hangar::api {

using http::HttpReply;
using http::Request;
using http::SseStream;

namespace {

QByteArray idOf(qint64 seq) {
    return QByteArray::number(seq);
}

// Transitions go out as "state" events, notes as "note" events, so a client that follows
// states never mistakes a note for a change.
QByteArray eventType(const LifecycleEvent& e) {
    return e.isNote() ? QByteArrayLiteral("note") : QByteArrayLiteral("state");
}

// The "current state" event that opens a stream: the sandbox's latest transition when it has
// one, carrying the id of its latest event (so Last-Event-ID works from here), otherwise a
// synthetic one.
LifecycleEvent currentStateEvent(LifecycleService& engine, const Sandbox& s) {
    LifecycleEvent e;
    auto history = engine.events(s.id);
    if (history && !history.value().isEmpty()) {
        const auto& events = history.value();
        const auto transition = std::find_if(events.crbegin(), events.crend(),
                                             [](const LifecycleEvent& x) { return !x.isNote(); });
        if (transition != events.crend())
            e = *transition;
        e.seq = events.constLast().seq;
    }
    e.sandboxId = s.id;
    e.to = s.state;
    e.error = s.error;
    if (!e.at.isValid())
        e.at = s.updatedAt;
    return e;
}

} // namespace

QByteArray stateEventData(const LifecycleEvent& event) {
    return QJsonDocument(toJson(event)).toJson(QJsonDocument::Compact);
}

EventsController::EventsController(LifecycleService& engine, http::SseLimits limits,
                                   QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_limits(limits) {
}

void EventsController::addRoutes(http::Router& router) {
    using Method = QHttpServerRequest::Method;
    router.add({Method::Get, QStringLiteral("/api/sandboxes/:id/lifecycle/events"),
                http::Auth::Required,
                [this](const Request& r, HttpReply reply) { streamOne(r, reply); }});
    router.add({Method::Get, QStringLiteral("/api/events"), http::Auth::Required,
                [this](const Request& r, HttpReply reply) { streamAll(r, reply); }});
}

int EventsController::listenerCount() const {
    return findChildren<SseStream*>().size();
}

void EventsController::streamOne(const Request& request, HttpReply reply) {
    const QString id = request.param(QStringLiteral("id"));
    auto sandbox = m_engine.sandbox(id);
    if (!sandbox) {
        reply.error(sandbox.error());
        return;
    }
    auto* stream = new SseStream(reply, m_limits, this);
    if (!stream->open())
        return;

    // Replay and subscription happen in one go on this thread, so no event falls between.
    const qint64 after = http::lastEventId(request.http);
    if (after > 0) {
        for (const LifecycleEvent& e : m_engine.events(id, after).value())
            stream->send(eventType(e), stateEventData(e), idOf(e.seq));
    } else {
        const LifecycleEvent current = currentStateEvent(m_engine, sandbox.value());
        stream->send(QByteArrayLiteral("state"), stateEventData(current),
                     current.seq > 0 ? idOf(current.seq) : QByteArray());
    }
    follow(stream, id);
    // A live listener is when drift matters: check the provider (debounced per sandbox).
    m_engine.reconcile(id);
}

void EventsController::streamAll(const Request& request, HttpReply reply) {
    auto all = m_engine.sandboxes();
    if (!all) {
        reply.error(all.error());
        return;
    }
    auto* stream = new SseStream(reply, m_limits, this);
    if (!stream->open())
        return;
    const qint64 after = http::lastEventId(request.http);
    if (after > 0) {
        for (const LifecycleEvent& e : m_engine.events({}, after).value())
            stream->send(eventType(e), stateEventData(e), idOf(e.seq));
    } else {
        for (const Sandbox& s : all.value()) {
            const LifecycleEvent current = currentStateEvent(m_engine, s);
            stream->send(QByteArrayLiteral("state"), stateEventData(current), idOf(current.seq));
        }
    }
    follow(stream, {});
}

void EventsController::follow(SseStream* stream, const QString& sandboxId) {
    connect(&m_engine, &LifecycleService::eventRecorded, stream,
            [stream, sandboxId](const LifecycleEvent& e) {
                if (sandboxId.isEmpty() || e.sandboxId == sandboxId)
                    stream->send(eventType(e), stateEventData(e), idOf(e.seq));
            });
    connect(&m_engine, &LifecycleService::sandboxRemoved, stream,
            [stream, sandboxId](const QString& id) {
                if (sandboxId.isEmpty() || id == sandboxId) {
                    stream->send(QByteArrayLiteral("deleted"),
                                 QJsonDocument(QJsonObject{{QStringLiteral("sandboxId"), id}})
                                     .toJson(QJsonDocument::Compact));
                }
            });
}

} // namespace hangar::api
