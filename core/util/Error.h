#pragma once

#include <QString>

namespace hangar {

// What went wrong, in terms a caller can act on. The POSIX-style names match what the
// Sprites filesystem API reports, so both backends speak the same language.
enum class ErrorCode {
    NotFound,          // ENOENT
    AlreadyExists,     // EEXIST
    NotADirectory,     // ENOTDIR
    IsADirectory,      // EISDIR
    PermissionDenied,  // EACCES
    OutsideRoot,       // path escapes the sandbox root
    InvalidArgument,   // EINVAL: malformed name, path, request
    NotEmpty,          // ENOTEMPTY
    TooLarge,          // body or file over a limit
    IllegalTransition, // lifecycle refused a state change
    Conflict,          // someone else changed it first
    Timeout,
    Unavailable, // provider unreachable or not running
    Cancelled,
    Io,
    Internal,
};

QString errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString path; // the path concerned, for filesystem errors

    // A message with the path, ready to show to a person.
    QString describe() const;
};

inline Error makeError(ErrorCode code, QString message, QString path = {}) {
    return Error{code, std::move(message), std::move(path)};
}

} // namespace hangar
