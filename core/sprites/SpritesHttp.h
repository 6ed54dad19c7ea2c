#pragma once

#include "SpritesError.h"
#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace hangar::sprites {

struct ClientOptions {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.sprites.dev"));
    QString token; // never logged
    int requestTimeoutMs = 30'000;
    int createTimeoutMs = 120'000;
    // Idempotent calls (GET, PUT, DELETE) retry 429 and 503 up to this many times, waiting
    // Retry-After (or an exponential back-off from retryBaseMs), each wait at most maxRetryWaitMs.
    int maxRetries = 3;
    int retryBaseMs = 500;
    int maxRetryWaitMs = 30'000;
    // Exec sockets: a ping every keepaliveMs; no frame or pong for deadConnectionMs = dead.
    int keepaliveMs = 15'000;
    int deadConnectionMs = 45'000;
    qint64 maxMessageBytes = 16 * 1024 * 1024; // larger exec messages are a protocol error
};

// One HTTP exchange with the API.
struct HttpCall {
    QByteArray verb; // GET, POST, PUT, DELETE
    QString path;    // "/v1/sprites/x", appended to the base URL
    QList<QPair<QString, QString>> query;
    QByteArray body;
    QByteArray contentType;
    int timeoutMs = 0; // 0: the client's default
};

struct HttpResult {
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// The transport of SpritesClient: bearer auth, timeouts, and the retry rule (idempotent verbs
// only, on 429/503). A non-2xx answer after the retries is an ApiError-based Error; the
// callback `onApiError` sees the parsed ApiError first.
class SpritesHttp : public QObject {
    Q_OBJECT
public:
    SpritesHttp(const ClientOptions& options, QObject* parent);

    Task<HttpResult> send(const HttpCall& call);
    // An NDJSON response read as it arrives: each object goes to onEvent in order. The task
    // ends at the end of the body; it fails for a non-2xx status (ApiError), a malformed or
    // oversized line, or a connection cut before the end. Never retried.
    Task<void> stream(const HttpCall& call, std::function<void(const QJsonObject&)> onEvent);
    // A request whose reply the caller reads and owns (an endless stream such as the sprite
    // watch): no timeout, never retried. `accept` sets the Accept header when non-empty.
    QNetworkReply* open(const HttpCall& call, const QByteArray& accept = {});
    QUrl url(const QString& path, const QList<QPair<QString, QString>>& query) const;

    // Percent-encodes every reserved character (also '+', '&', '=') of a query.
    static QString encodeQuery(const QList<QPair<QString, QString>>& query);

signals:
    void apiError(const hangar::sprites::ApiError& error);

private:
    void attempt(const HttpCall& call, int attemptNo,
                 std::shared_ptr<QPromise<Result<HttpResult>>> promise);

    const ClientOptions& m_options;
    QNetworkAccessManager* m_network;
};

} // namespace hangar::sprites
