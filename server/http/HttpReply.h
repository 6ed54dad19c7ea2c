#pragma once

#include "util/Error.h"

#include <QHttpServerResponder>
#include <QJsonValue>
#include <QList>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <utility>

namespace hangar::http {

using Header = std::pair<QByteArray, QByteArray>;

// The answer to one request, possibly given later (after an engine operation finished).
// Copies share the responder; the first reply wins and later ones are ignored. If the client
// went away meanwhile, replying is a no-op instead of a write to a deleted socket.
class HttpReply {
public:
    using Status = QHttpServerResponder::StatusCode;

    HttpReply(QHttpServerResponder&& responder, QTcpSocket* socket);

    bool isDone() const { return m_state->done; }
    bool isConnected() const { return !m_state->socket.isNull(); }

    // Headers every answer of this reply carries (security headers, CORS, cookies).
    void addHeader(const QByteArray& name, const QByteArray& value);

    void json(const QJsonValue& body, Status status = Status::Ok);
    void noContent();
    // Raw bytes with their type; Content-Length is set.
    void bytes(const QByteArray& body, const QByteArray& contentType, Status status = Status::Ok);
    // {"error": {"code": "...", "message": "...", "path": "..."}}
    void error(Status status, const QString& code, const QString& message,
               const QString& path = {});
    // An Error from the core, with the HTTP status that fits its code (a refused value is 422).
    void error(const Error& error);
    // 400 EINVAL: the request cannot be parsed (not JSON, wrong shape, a field missing or of
    // the wrong JSON type).
    void badRequest(const QString& message);
    // 422 EINVAL: the request parsed, but a value in it is unacceptable.
    void invalidValue(const QString& message);

    static Status statusFor(ErrorCode code);

    // For replies that stream (server-sent events, file downloads): claims the reply and
    // writes the status line and headers; then the body goes out in pieces. Returns false
    // when the client is gone or the reply was already given.
    bool beginStream(Status status, const QList<Header>& headers);
    // Writes part of a streamed body; false once the client is gone.
    bool writeChunk(const QByteArray& data);
    // Bytes written but not yet sent to the client (how far behind a slow reader is).
    qint64 pendingBytes() const;
    QTcpSocket* socket() const { return m_state->socket; }

private:
    struct State {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        bool done = false;
        QList<Header> headers;
    };
    bool claim();
    void send(Status status, const QList<Header>& headers, const QByteArray& body);

    std::shared_ptr<State> m_state;
};

} // namespace hangar::http
