#include "Error.h"

namespace hangar {

QString errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::NotFound:
        return QStringLiteral("ENOENT");
    case ErrorCode::AlreadyExists:
        return QStringLiteral("EEXIST");
    case ErrorCode::NotADirectory:
        return QStringLiteral("ENOTDIR");
    case ErrorCode::IsADirectory:
        return QStringLiteral("EISDIR");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("EACCES");
    case ErrorCode::OutsideRoot:
        return QStringLiteral("EOUTSIDE");
    case ErrorCode::InvalidArgument:
        return QStringLiteral("EINVAL");
    case ErrorCode::NotEmpty:
        return QStringLiteral("ENOTEMPTY");
    case ErrorCode::TooLarge:
        return QStringLiteral("EFBIG");
    case ErrorCode::IllegalTransition:
        return QStringLiteral("illegal_transition");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Io:
        return QStringLiteral("EIO");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Error::describe() const {
    if (path.isEmpty() || message.contains(path))
        return message;
    return message + QStringLiteral(": ") + path;
}

} // namespace hangar
