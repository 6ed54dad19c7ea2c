#include "SpritesServiceLogStream.h"

#include "SpritesError.h"

#include <QHash>
#include <QNetworkReply>
#include <QTimer>

namespace hangar::sprites {

namespace {

// Complete lines of `data` appended to what was pending; the rest stays pending.
void splitLines(const QString& data, QString& pending, ServiceLogLine::Stream stream,
                const QDateTime& at, QList<ServiceLogLine>& out) {
    pending += data;
    qsizetype start = 0;
    for (qsizetype nl = pending.indexOf(QLatin1Char('\n')); nl >= 0;
         nl = pending.indexOf(QLatin1Char('\n'), start)) {
        out.append({stream, pending.mid(start, nl - start), at});
        start = nl + 1;
    }
    pending.remove(0, start);
}

} // namespace

SpritesServiceLogStream::SpritesServiceLogStream(Opener opener, int historyLines, QObject* parent)
    : ServiceLogStream(parent)
    , m_opener(std::move(opener)) {
    // On the next turn, so the caller connects first.
    QTimer::singleShot(0, this, [this, historyLines] { open(qMax(0, historyLines)); });
}

QList<ServiceLogLine> SpritesServiceLogStream::linesOf(const ServiceEvent& event,
                                                       QString& pendingOut, QString& pendingErr) {
    const QDateTime at = event.timestampMs > 0 ? QDateTime::fromMSecsSinceEpoch(event.timestampMs)
                                               : QDateTime::currentDateTime();
    QList<ServiceLogLine> out;
    if (event.type == QLatin1String("stdout")) {
        splitLines(event.data, pendingOut, ServiceLogLine::Stream::Stdout, at, out);
        return out;
    }
    if (event.type == QLatin1String("stderr")) {
        splitLines(event.data, pendingErr, ServiceLogLine::Stream::Stderr, at, out);
        return out;
    }
    if (event.type == QLatin1String("complete"))
        return out;
    // An event ends any unterminated output first.
    if (!pendingOut.isEmpty())
        out.append({ServiceLogLine::Stream::Stdout, std::exchange(pendingOut, {}), at});
    if (!pendingErr.isEmpty())
        out.append({ServiceLogLine::Stream::Stderr, std::exchange(pendingErr, {}), at});
    QString text = event.type;
    if (event.exitCode)
        text += QLatin1Char(' ') + QString::number(*event.exitCode);
    if (!event.data.isEmpty())
        text += QStringLiteral(": ") + event.data;
    using Event = ServiceLogLine::Event;
    static const QHash<QString, Event> events{{QStringLiteral("started"), Event::Started},
                                              {QStringLiteral("exit"), Event::Exited},
                                              {QStringLiteral("stopped"), Event::Stopped},
                                              {QStringLiteral("error"), Event::StartFailed}};
    out.append({ServiceLogLine::Stream::Event, text, at, events.value(event.type, Event::None),
                event.exitCode});
    return out;
}

void SpritesServiceLogStream::open(std::optional<int> lines) {
    if (isClosed())
        return;
    m_reader = NdjsonReader();
    m_completed = false;
    auto reply = m_opener(lines);
    if (!reply) {
        close(reply.error());
        return;
    }
    m_reply = reply.value();
    m_reply->setParent(this);
    connect(m_reply, &QNetworkReply::readyRead, this, &SpritesServiceLogStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &SpritesServiceLogStream::onFinished);
}

void SpritesServiceLogStream::onReadyRead() {
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (isClosed() || !status.isValid() || status.toInt() >= 300)
        return; // an error body is read whole at the end
    auto objects = m_reader.feed(m_reply->readAll());
    if (!objects) {
        close(objects.error());
        m_reply->abort();
        return;
    }
    for (const QJsonObject& object : objects.value())
        handle(object);
}

void SpritesServiceLogStream::handle(const QJsonObject& object) {
    const ServiceEvent event = ServiceEvent::fromJson(object);
    if (event.type == QLatin1String("complete"))
        m_completed = true;
    for (const ServiceLogLine& line : linesOf(event, m_pendingOut, m_pendingErr))
        deliver(line);
}

void SpritesServiceLogStream::onFinished() {
    QNetworkReply* reply = m_reply;
    if (!reply || isClosed())
        return;
    reply->deleteLater();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        close(makeError(ErrorCode::Unavailable,
                        QStringLiteral("service log: ") + reply->errorString()));
        return;
    }
    if (status.toInt() >= 300) {
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const auto& pair : reply->rawHeaderPairs())
            headers.append(pair);
        close(ApiError::parse(status.toInt(), reply->readAll(), headers).toError());
        return;
    }
    onReadyRead();
    if (isClosed())
        return;
    if (!m_completed) {
        close(makeError(ErrorCode::Unavailable,
                        QStringLiteral("service log: the stream was cut short")));
        return;
    }
    // The server stopped following: ask again, for new lines only.
    open(0);
}

void SpritesServiceLogStream::onCancel() {
    if (!m_reply)
        return;
    // Aborting finishes the reply at once: not an end of the body to report or follow.
    disconnect(m_reply, nullptr, this, nullptr);
    if (m_reply->isRunning())
        m_reply->abort();
}

} // namespace hangar::sprites
