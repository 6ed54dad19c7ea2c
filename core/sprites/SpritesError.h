#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace hangar::sprites {

// A failed API call, parsed as both SDKs do (sprites-api.md §1.5): the JSON body's fields when
// it is JSON, the raw body as the message otherwise, "API error (status N)" when empty; plus
// the rate-limit headers. The filesystem's {error, code, path} lands in code/message/path.
// ENOENT -> NotFound, EACCES/EPERM -> PermissionDenied, ...; Internal for anything unknown.
ErrorCode errorCodeFromPosix(const QString& code);

struct ApiError {
    int status = 0;
    QString code;    // "error" of the body (or the POSIX code of a filesystem error)
    QString message; // "message" of the body, else "error", else the raw body / fallback
    QString path;    // filesystem errors
    int limit = 0;
    int windowSeconds = 0;
    int retryAfterSeconds = 0; // from the body
    int currentCount = 0;
    bool upgradeAvailable = false;
    QString upgradeUrl;
    std::optional<int> retryAfterHeader; // Retry-After (integer seconds)
    std::optional<qint64> rateLimitLimit, rateLimitRemaining, rateLimitReset;

    static ApiError parse(int status, const QByteArray& body,
                          const QList<QPair<QByteArray, QByteArray>>& headers);

    // retry_after_seconds when > 0, else the Retry-After header; nullopt when neither.
    std::optional<int> secondsToWait() const;
    // The text a person reads: message plus, for 429, the rate-limit details.
    QString text() const;
    // As a core Error: the code follows the status (404 NotFound, 429 Unavailable, ...), or the
    // POSIX code of a filesystem error.
    Error toError() const;
};

} // namespace hangar::sprites
