#include "SpritesHttp.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace hangar::sprites {

namespace {

bool idempotent(const QByteArray& verb) {
    return verb == "GET" || verb == "PUT" || verb == "DELETE" || verb == "HEAD";
}

} // namespace

SpritesHttp::SpritesHttp(const ClientOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this)) {
}

QString SpritesHttp::encodeQuery(const QList<QPair<QString, QString>>& query) {
    QByteArray out;
    for (const auto& [key, value] : query) {
        if (!out.isEmpty())
            out.append('&');
        out.append(QUrl::toPercentEncoding(key));
        out.append('=');
        out.append(QUrl::toPercentEncoding(value));
    }
    return QString::fromLatin1(out);
}

QUrl SpritesHttp::url(const QString& path, const QList<QPair<QString, QString>>& query) const {
    QUrl url = m_options.baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::StrictMode);
    if (!query.isEmpty())
        url.setQuery(encodeQuery(query), QUrl::StrictMode);
    return url;
}

QNetworkReply* SpritesHttp::open(const HttpCall& call, const QByteArray& accept) {
    QNetworkRequest request(url(call.path, call.query));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_options.token.toUtf8());
    if (!accept.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Accept"), accept);
    if (!call.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    request.setTransferTimeout(0);
    return m_network->sendCustomRequest(request, call.verb, call.body);
}

Task<HttpResult> SpritesHttp::send(const HttpCall& call) {
    auto promise = std::make_shared<QPromise<Result<HttpResult>>>();
    promise->start();
    attempt(call, 0, promise);
    return promise->future();
}

void SpritesHttp::attempt(const HttpCall& call, int attemptNo,
                          std::shared_ptr<QPromise<Result<HttpResult>>> promise) {
    QNetworkRequest request(url(call.path, call.query));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_options.token.toUtf8());
    if (!call.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    request.setTransferTimeout(call.timeoutMs > 0 ? call.timeoutMs : m_options.requestTimeoutMs);
    QNetworkReply* reply = m_network->sendCustomRequest(request, call.verb, call.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, call, attemptNo, promise] {
        reply->deleteLater();
        const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!statusAttr.isValid()) {
            // No HTTP answer at all: connection refused, reset, timeout.
            const ErrorCode code = reply->error() == QNetworkReply::OperationCanceledError ||
                                           reply->error() == QNetworkReply::TimeoutError
                                       ? ErrorCode::Timeout
                                       : ErrorCode::Unavailable;
            promise->addResult(makeError(
                code, QStringLiteral("%1 %2: %3")
                          .arg(QString::fromLatin1(call.verb), call.path, reply->errorString())));
            promise->finish();
            return;
        }
        HttpResult result;
        result.status = statusAttr.toInt();
        result.body = reply->readAll();
        for (const auto& pair : reply->rawHeaderPairs())
            result.headers.append(pair);
        if (result.status < 400) {
            // A 2xx whose body was cut short is not a success.
            if (reply->error() != QNetworkReply::NoError) {
                promise->addResult(makeError(
                    ErrorCode::Unavailable,
                    QStringLiteral("%1 %2: the response was cut short: %3")
                        .arg(QString::fromLatin1(call.verb), call.path, reply->errorString())));
            } else {
                promise->addResult(result);
            }
            promise->finish();
            return;
        }
        const ApiError error = ApiError::parse(result.status, result.body, result.headers);
        const bool retryable = (result.status == 429 || result.status == 503) &&
                               idempotent(call.verb) && attemptNo < m_options.maxRetries;
        if (retryable) {
            const int backoff = m_options.retryBaseMs << std::min(attemptNo, 10);
            const auto wait = error.secondsToWait();
            const int waitMs = std::min(wait ? *wait * 1000 : backoff, m_options.maxRetryWaitMs);
            QTimer::singleShot(waitMs, this, [this, call, attemptNo, promise] {
                attempt(call, attemptNo + 1, promise);
            });
            return;
        }
        emit apiError(error);
        promise->addResult(error.toError());
        promise->finish();
    });
}

} // namespace hangar::sprites
