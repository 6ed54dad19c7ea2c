// SpritesClient: sessions (list, kill), checkpoints and the network policy (sprites-api.md §4,
// §5, §7). The streamed calls read NDJSON as it arrives (SpritesHttp::stream).
#include "SpritesClient.h"

#include "util/Async.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hangar::sprites {

namespace {

Result<QJsonDocument> parseJson(const HttpResult& result, const QString& what) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(result.body, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorCode::Io, QStringLiteral("%1: the server's answer is not JSON (%2)")
                                            .arg(what, error.errorString()));
    return doc;
}

QString encoded(const QString& segment) {
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

// The text of a progress event (`data`, or `error` for error events).
QString eventText(const QJsonObject& event) {
    const QString error = event.value(QStringLiteral("error")).toString();
    return error.isEmpty() ? event.value(QStringLiteral("data")).toString() : error;
}

} // namespace

// --- sessions -------------------------------------------------------------------------------

Task<QList<SessionSummary>> SpritesClient::listSessions(const QString& sprite) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<QList<SessionSummary>>(valid.error());
    const QString path = spritePath(sprite) + QStringLiteral("/exec");
    return mapResult<QList<SessionSummary>>(
        m_http->send(HttpCall{"GET", path, {}, {}, {}, 0}), this,
        [path](Result<HttpResult> r) -> Result<QList<SessionSummary>> {
            if (!r)
                return r.error();
            auto doc = parseJson(r.value(), QStringLiteral("GET ") + path);
            if (!doc)
                return doc.error();
            // An object with `sessions` (§4.1; a bare array is the docs' example, accepted).
            const QJsonArray array =
                doc.value().isArray()
                    ? doc.value().array()
                    : doc.value().object().value(QStringLiteral("sessions")).toArray();
            QList<SessionSummary> sessions;
            for (const auto& entry : array)
                sessions.append(SessionSummary::fromJson(entry.toObject()));
            return sessions;
        });
}

Task<KillResult> SpritesClient::killSession(const QString& sprite, const QString& sessionId,
                                            const QString& signal, const QString& timeout,
                                            EventHandler onEvent) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<KillResult>(valid.error());
    if (sessionId.isEmpty())
        return failedTask<KillResult>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("kill: no session id given")));
    HttpCall call{"POST",
                  spritePath(sprite) + QStringLiteral("/exec/") + encoded(sessionId) +
                      QStringLiteral("/kill"),
                  {},
                  {},
                  {},
                  0};
    if (!signal.isEmpty())
        call.query.append({QStringLiteral("signal"), signal});
    if (!timeout.isEmpty())
        call.query.append({QStringLiteral("timeout"), timeout});
    auto result = std::make_shared<KillResult>();
    Task<void> streamed = m_http->stream(call, [result, onEvent](const QJsonObject& event) {
        result->events.append(event);
        if (event.value(QStringLiteral("type")).toString() == QLatin1String("complete") &&
            event.value(QStringLiteral("exit_code")).isDouble())
            result->exitCode = event.value(QStringLiteral("exit_code")).toInt();
        if (onEvent)
            onEvent(event);
    });
    return mapResult<KillResult>(streamed, this, [result](Status done) -> Result<KillResult> {
        if (!done) {
            // 410 Gone: the session had already exited, which is what a kill wants (Go).
            if (done.error().message.startsWith(QLatin1String("HTTP 410"))) {
                KillResult gone;
                gone.alreadyExited = true;
                return gone;
            }
            return done.error();
        }
        return *result;
    });
}

// --- checkpoints ----------------------------------------------------------------------------

QString SpritesClient::checkpointPath(const QString& sprite, const QString& checkpointId) const {
    return spritePath(sprite) + QStringLiteral("/checkpoints/") + encoded(checkpointId);
}

Task<QString> SpritesClient::progressCall(HttpCall call, EventHandler onEvent) {
    struct Progress {
        std::optional<QString> complete;
        QString error;
    };
    auto progress = std::make_shared<Progress>();
    const QString what = QString::fromLatin1(call.verb) + QLatin1Char(' ') + call.path;
    Task<void> streamed = m_http->stream(call, [progress, onEvent](const QJsonObject& event) {
        const QString type = event.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("complete"))
            progress->complete = eventText(event);
        else if (type == QLatin1String("error") && progress->error.isEmpty())
            progress->error = eventText(event);
        if (onEvent)
            onEvent(event);
    });
    return mapResult<QString>(streamed, this, [progress, what](Status done) -> Result<QString> {
        if (!done)
            return done.error();
        if (!progress->error.isEmpty())
            return makeError(
                ErrorCode::Io,
                QStringLiteral("%1: the server reported: %2").arg(what, progress->error));
        if (!progress->complete)
            return makeError(
                ErrorCode::Io,
                QStringLiteral("%1: the event stream ended without a `complete` event").arg(what));
        return *progress->complete;
    });
}

Task<QString> SpritesClient::createCheckpoint(const QString& sprite, const QString& comment,
                                              EventHandler onEvent) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<QString>(valid.error());
    QJsonObject body;
    if (!comment.isEmpty())
        body.insert(QStringLiteral("comment"), comment);
    return progressCall(HttpCall{"POST",
                                 spritePath(sprite) + QStringLiteral("/checkpoint"),
                                 {},
                                 QJsonDocument(body).toJson(QJsonDocument::Compact),
                                 "application/json",
                                 0},
                        std::move(onEvent));
}

Task<QList<Checkpoint>> SpritesClient::listCheckpoints(const QString& sprite,
                                                       const QString& history) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<QList<Checkpoint>>(valid.error());
    HttpCall call{"GET", spritePath(sprite) + QStringLiteral("/checkpoints"), {}, {}, {}, 0};
    if (!history.isEmpty())
        call.query.append({QStringLiteral("history"), history});
    const QString what = QStringLiteral("GET ") + call.path;
    return mapResult<QList<Checkpoint>>(
        m_http->send(call), this, [what](Result<HttpResult> r) -> Result<QList<Checkpoint>> {
            if (!r)
                return r.error();
            auto doc = parseJson(r.value(), what);
            if (!doc)
                return doc.error();
            if (!doc.value().isArray())
                return makeError(ErrorCode::Io,
                                 QStringLiteral("%1: expected a JSON array").arg(what));
            QList<Checkpoint> checkpoints;
            for (const auto& entry : doc.value().array())
                checkpoints.append(Checkpoint::fromJson(entry.toObject()));
            return checkpoints;
        });
}

Task<Checkpoint> SpritesClient::getCheckpoint(const QString& sprite, const QString& checkpointId) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<Checkpoint>(valid.error());
    return mapResult<Checkpoint>(
        jsonCall(HttpCall{"GET", checkpointPath(sprite, checkpointId), {}, {}, {}, 0}), this,
        [](Result<QJsonObject> r) -> Result<Checkpoint> {
            if (!r)
                return r.error();
            return Checkpoint::fromJson(r.value());
        });
}

Task<QString> SpritesClient::restoreCheckpoint(const QString& sprite, const QString& checkpointId,
                                               EventHandler onEvent) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<QString>(valid.error());
    return progressCall(HttpCall{"POST",
                                 checkpointPath(sprite, checkpointId) + QStringLiteral("/restore"),
                                 {},
                                 {},
                                 {},
                                 0},
                        std::move(onEvent));
}

Task<void> SpritesClient::deleteCheckpoint(const QString& sprite, const QString& checkpointId) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    return discardValue(
        m_http->send(HttpCall{"DELETE", checkpointPath(sprite, checkpointId), {}, {}, {}, 0}),
        this);
}

// --- network policy -------------------------------------------------------------------------

Task<NetworkPolicy> SpritesClient::networkPolicy(const QString& sprite) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<NetworkPolicy>(valid.error());
    return mapResult<NetworkPolicy>(
        jsonCall(
            HttpCall{"GET", spritePath(sprite) + QStringLiteral("/policy/network"), {}, {}, {}, 0}),
        this, [](Result<QJsonObject> r) -> Result<NetworkPolicy> {
            if (!r)
                return r.error();
            return networkPolicyFromJson(r.value());
        });
}

Task<void> SpritesClient::setNetworkPolicy(const QString& sprite, const NetworkPolicy& policy) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    return discardValue(m_http->send(HttpCall{
                            "POST",
                            spritePath(sprite) + QStringLiteral("/policy/network"),
                            {},
                            QJsonDocument(networkPolicyJson(policy)).toJson(QJsonDocument::Compact),
                            "application/json",
                            0}),
                        this);
}

} // namespace hangar::sprites
