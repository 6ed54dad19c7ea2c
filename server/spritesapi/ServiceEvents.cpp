#include "ServiceEvents.h"

namespace hangar::spritesapi {

namespace {

constexpr qsizetype MaxEventData = 16 * 1024; // characters of output per event

QJsonObject stamped(const QString& type, const QDateTime& at) {
    return {{QStringLiteral("type"), type},
            {QStringLiteral("timestamp"),
             at.isValid() ? at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch()}};
}

QJsonObject stamped(const QString& type, const QDateTime& at, const QString& key,
                    const QJsonValue& value) {
    QJsonObject event = stamped(type, at);
    event.insert(key, value);
    return event;
}

} // namespace

QList<QJsonObject> wireEvents(const ServiceLogLine& line) {
    using Stream = ServiceLogLine::Stream;
    using Event = ServiceLogLine::Event;
    if (line.stream != Stream::Event) {
        const QString type =
            line.stream == Stream::Stderr ? QStringLiteral("stderr") : QStringLiteral("stdout");
        const QString text = line.text + QLatin1Char('\n'); // the log keeps lines without it
        QList<QJsonObject> out;
        for (qsizetype at = 0; at < text.size(); at += MaxEventData)
            out.append(stamped(type, line.at, QStringLiteral("data"), text.mid(at, MaxEventData)));
        return out;
    }
    const int code = wireExitCode(line.exitCode.value_or(0));
    switch (line.event) {
    case Event::Started:
        return {stamped(QStringLiteral("started"), line.at)};
    case Event::Exited:
        return {stamped(QStringLiteral("exit"), line.at, QStringLiteral("exit_code"), code)};
    case Event::Stopped: // no exit code when no process was running (a pending restart)
        return {line.exitCode
                    ? stamped(QStringLiteral("stopped"), line.at, QStringLiteral("exit_code"), code)
                    : stamped(QStringLiteral("stopped"), line.at)};
    case Event::StartFailed:
        return {stamped(QStringLiteral("error"), line.at, QStringLiteral("data"),
                        QString(QStringLiteral("Failed to start service: ") + line.text))};
    case Event::None:
        break;
    }
    return {};
}

SpritesReply::Status serviceErrorStatus(const Error& error) {
    using S = SpritesReply::Status;
    switch (error.code) {
    case ErrorCode::InvalidArgument:
        return S::BadRequest;
    case ErrorCode::NotFound:
        return S::NotFound;
    case ErrorCode::Conflict:
        return S::Conflict;
    case ErrorCode::Unavailable:
        return S::ServiceUnavailable;
    default:
        return S::InternalServerError;
    }
}

} // namespace hangar::spritesapi
