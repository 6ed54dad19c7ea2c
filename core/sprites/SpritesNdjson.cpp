// NDJSON streams: the line reader and SpritesHttp::stream (incremental, never buffered whole).
#include "SpritesNdjson.h"

#include "SpritesHttp.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace hangar::sprites {

Result<QJsonObject> NdjsonReader::parseLine(const QByteArray& line) {
    ++m_lines;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        m_failed = true;
        return makeError(ErrorCode::Io,
                         QStringLiteral("line %1 of the server's event stream is not a JSON "
                                        "object (%2): %3")
                             .arg(m_lines)
                             .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                          : QStringLiteral("array "
                                                                                           "or "
                                                                                           "value"))
                             .arg(QString::fromUtf8(line.left(80))));
    }
    return doc.object();
}

Result<QList<QJsonObject>> NdjsonReader::feed(const QByteArray& data) {
    if (m_failed)
        return makeError(ErrorCode::Io, QStringLiteral("the event stream already failed"));
    m_pending.append(data);
    QList<QJsonObject> objects;
    qsizetype start = 0;
    for (qsizetype nl = m_pending.indexOf('\n'); nl >= 0; nl = m_pending.indexOf('\n', start)) {
        const QByteArray line = m_pending.mid(start, nl - start).trimmed();
        start = nl + 1;
        if (line.isEmpty())
            continue;
        auto object = parseLine(line);
        if (!object)
            return object.error();
        objects.append(object.value());
    }
    m_pending.remove(0, start);
    if (m_pending.size() > m_maxLineBytes) {
        m_failed = true;
        return makeError(ErrorCode::TooLarge,
                         QStringLiteral("a line of the server's event stream is longer than %1 "
                                        "bytes")
                             .arg(m_maxLineBytes));
    }
    return objects;
}

Result<QList<QJsonObject>> NdjsonReader::finish() {
    if (m_failed)
        return makeError(ErrorCode::Io, QStringLiteral("the event stream already failed"));
    const QByteArray line = std::exchange(m_pending, {}).trimmed();
    if (line.isEmpty())
        return QList<QJsonObject>{};
    auto object = parseLine(line);
    if (!object)
        return object.error();
    return QList<QJsonObject>{object.value()};
}

Task<void> SpritesHttp::stream(const HttpCall& call,
                               std::function<void(const QJsonObject&)> onEvent) {
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QNetworkRequest request(url(call.path, call.query));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_options.token.toUtf8());
    if (!call.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    // Streams have no overall time limit (§5.1); a silent connection still ends after this.
    request.setTransferTimeout(call.timeoutMs > 0 ? call.timeoutMs : 0);
    QNetworkReply* reply = m_network->sendCustomRequest(request, call.verb, call.body);
    auto reader = std::make_shared<NdjsonReader>();
    const QString what = QString::fromLatin1(call.verb) + QLatin1Char(' ') + call.path;
    auto finish = [promise](Status status) {
        if (promise->future().isFinished())
            return;
        promise->addResult(std::move(status));
        promise->finish();
    };
    auto isSuccess = [reply] {
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        return status.isValid() && status.toInt() < 300;
    };
    connect(reply, &QNetworkReply::readyRead, this,
            [reply, reader, onEvent, finish, isSuccess, what] {
                if (!isSuccess())
                    return; // an error body is read whole at the end
                auto objects = reader->feed(reply->readAll());
                if (!objects) {
                    finish(makeError(objects.error().code,
                                     what + QStringLiteral(": ") + objects.error().message));
                    reply->abort();
                    return;
                }
                for (const QJsonObject& object : objects.value())
                    onEvent(object);
            });
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, reader, onEvent, finish, isSuccess, what, promise] {
            reply->deleteLater();
            if (promise->future().isFinished())
                return;
            const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (!statusAttr.isValid())
                return finish(makeError(ErrorCode::Unavailable,
                                        what + QStringLiteral(": ") + reply->errorString()));
            if (!isSuccess()) {
                QList<QPair<QByteArray, QByteArray>> headers;
                for (const auto& pair : reply->rawHeaderPairs())
                    headers.append(pair);
                const ApiError error =
                    ApiError::parse(statusAttr.toInt(), reply->readAll(), headers);
                emit apiError(error);
                return finish(error.toError());
            }
            if (reply->error() != QNetworkReply::NoError)
                return finish(makeError(ErrorCode::Unavailable,
                                        what + QStringLiteral(": the event stream was cut short "
                                                              "(%1)")
                                                   .arg(reply->errorString())));
            auto objects = reader->feed(reply->readAll());
            if (objects) {
                for (const QJsonObject& object : objects.value())
                    onEvent(object);
                objects = reader->finish();
            }
            if (!objects)
                return finish(makeError(objects.error().code,
                                        what + QStringLiteral(": ") + objects.error().message));
            for (const QJsonObject& object : objects.value())
                onEvent(object);
            finish({});
        });
    return promise->future();
}

} // namespace hangar::sprites
