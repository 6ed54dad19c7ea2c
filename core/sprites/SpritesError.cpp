#include "SpritesError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace hangar::sprites {

namespace {

std::optional<qint64> numberHeader(const QList<QPair<QByteArray, QByteArray>>& headers,
                                   const QByteArray& name) {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const qint64 n = value.trimmed().toLongLong(&ok);
        return ok ? std::optional<qint64>(n) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace

ErrorCode errorCodeFromPosix(const QString& code) {
    if (code == QLatin1String("ENOENT"))
        return ErrorCode::NotFound;
    if (code == QLatin1String("EEXIST"))
        return ErrorCode::AlreadyExists;
    if (code == QLatin1String("ENOTDIR"))
        return ErrorCode::NotADirectory;
    if (code == QLatin1String("EISDIR"))
        return ErrorCode::IsADirectory;
    if (code == QLatin1String("EACCES") || code == QLatin1String("EPERM"))
        return ErrorCode::PermissionDenied;
    if (code == QLatin1String("ENOTEMPTY"))
        return ErrorCode::NotEmpty;
    if (code == QLatin1String("EINVAL"))
        return ErrorCode::InvalidArgument;
    if (code == QLatin1String("EIO"))
        return ErrorCode::Io;
    return ErrorCode::Internal;
}

ApiError ApiError::parse(int status, const QByteArray& body,
                         const QList<QPair<QByteArray, QByteArray>>& headers) {
    ApiError e;
    e.status = status;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        e.code = o.value(QStringLiteral("error")).toString();
        e.message = o.value(QStringLiteral("message")).toString();
        // Filesystem errors: {error: text, code: ENOENT, path}.
        if (o.value(QStringLiteral("code")).isString()) {
            e.message = e.code;
            e.code = o.value(QStringLiteral("code")).toString();
            e.path = o.value(QStringLiteral("path")).toString();
        }
        e.limit = o.value(QStringLiteral("limit")).toInt();
        e.windowSeconds = o.value(QStringLiteral("window_seconds")).toInt();
        e.retryAfterSeconds = o.value(QStringLiteral("retry_after_seconds")).toInt();
        e.currentCount = o.value(QStringLiteral("current_count")).toInt();
        e.upgradeAvailable = o.value(QStringLiteral("upgrade_available")).toBool();
        e.upgradeUrl = o.value(QStringLiteral("upgrade_url")).toString();
        if (e.message.isEmpty())
            e.message = e.code;
    } else {
        e.message = QString::fromUtf8(body).trimmed();
    }
    if (e.message.isEmpty())
        e.message = QStringLiteral("API error (status %1)").arg(status);
    if (auto v = numberHeader(headers, QByteArrayLiteral("Retry-After")))
        e.retryAfterHeader = static_cast<int>(*v);
    e.rateLimitLimit = numberHeader(headers, QByteArrayLiteral("X-RateLimit-Limit"));
    e.rateLimitRemaining = numberHeader(headers, QByteArrayLiteral("X-RateLimit-Remaining"));
    e.rateLimitReset = numberHeader(headers, QByteArrayLiteral("X-RateLimit-Reset"));
    return e;
}

std::optional<int> ApiError::secondsToWait() const {
    if (retryAfterSeconds > 0)
        return retryAfterSeconds;
    return retryAfterHeader;
}

QString ApiError::text() const {
    QString text = QStringLiteral("HTTP %1: %2").arg(status).arg(message);
    if (status != 429)
        return text;
    QStringList parts;
    if (limit > 0)
        parts.append(QStringLiteral("limit: %1 per %2s").arg(limit).arg(windowSeconds));
    if (currentCount > 0)
        parts.append(QStringLiteral("current: %1").arg(currentCount));
    if (auto wait = secondsToWait())
        parts.append(QStringLiteral("retry after: %1s").arg(*wait));
    if (!upgradeUrl.isEmpty())
        parts.append(QStringLiteral("upgrade: %1").arg(upgradeUrl));
    if (!parts.isEmpty())
        text += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

Error ApiError::toError() const {
    if (const ErrorCode posix = errorCodeFromPosix(code); posix != ErrorCode::Internal)
        return makeError(posix, text(), path);
    ErrorCode mapped = ErrorCode::Internal;
    switch (status) {
    case 400:
    case 422:
        mapped = ErrorCode::InvalidArgument;
        break;
    case 401:
    case 403:
        mapped = ErrorCode::PermissionDenied;
        break;
    case 404:
    case 410:
        mapped = ErrorCode::NotFound;
        break;
    case 409:
        mapped = ErrorCode::Conflict;
        break;
    case 413:
        mapped = ErrorCode::TooLarge;
        break;
    case 429:
    case 502:
    case 503:
        mapped = ErrorCode::Unavailable;
        break;
    case 504:
        mapped = ErrorCode::Timeout;
        break;
    default:
        mapped = ErrorCode::Internal;
        break;
    }
    return makeError(mapped, text(), path);
}

} // namespace hangar::sprites
