#pragma once

#include "util/Error.h"

#include <QHttpServerResponder>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <optional>

namespace hangar::spritesapi {

// The answer to one request of the Sprites emulator, possibly given later. Unlike
// http::HttpReply it writes the headers the Sprites protocol needs (`Sprite-Version` on every
// response, `Retry-After` on 429) and the two error shapes of the protocol (gateway JSON and
// filesystem JSON). Copies share the state; the first reply wins. Faults (FaultPlan) can
// delay the write or cut the connection in the middle of the body.
class SpritesReply {
public:
    using Status = QHttpServerResponder::StatusCode;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    static constexpr const char* Version = "v0.0.1-rc48";

    SpritesReply(QHttpServerResponder&& responder, QTcpSocket* socket);

    bool isDone() const { return m_state->done; }
    QTcpSocket* socket() const { return m_state->socket.data(); }

    void setDelay(int ms) { m_state->delayMs = ms; }
    void setDropMidBody(bool drop) { m_state->dropMidBody = drop; }

    void send(Status status, const QByteArray& body, const QByteArray& contentType,
              const Headers& extra = {});
    void json(const QJsonValue& body, Status status = Status::Ok);
    void noContent();
    void bytes(const QByteArray& body);
    // Gateway error: {"error": code, "message": message, ...extra fields}.
    void gatewayError(Status status, const QString& code, const QString& message,
                      const QJsonObject& extra = {}, const Headers& headers = {});
    // Filesystem error: {"error": text, "code": "ENOENT", "path": path} (sprites-api.md §8.4).
    // `code` replaces the POSIX name the error's code maps to (EPERM, which the core has not).
    void fsError(const Error& error, const QString& path, const QString& code = {});
    // A streamed NDJSON answer (200, chunked): the headers go out at once, then one line per
    // event, flushed as it is written; end() finishes the body. A dropMidBody fault cuts the
    // connection after the first line.
    void startStream(const QByteArray& contentType = QByteArrayLiteral("application/x-ndjson"));
    void streamLine(const QJsonObject& event);
    // One HTTP chunk of a stream, written and flushed at once (HTTP exec records, §14.3.2).
    void streamChunk(const QByteArray& data);
    void endStream();
    bool isStreaming() const { return m_state->streaming; }

    // Cuts the connection without an answer.
    void abort();

    static Status fsStatus(ErrorCode code);
    static QString fsCode(ErrorCode code);

private:
    struct State {
        std::optional<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
        bool done = false;
        int delayMs = 0;
        bool dropMidBody = false;
        bool streaming = false;
    };
    static void write(const std::shared_ptr<State>& state, Status status, const QByteArray& body,
                      const Headers& headers);

    std::shared_ptr<State> m_state;
};

} // namespace hangar::spritesapi
