#pragma once

#include "util/Error.h"
#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace hangar::local {

// Turns an errno value into an Error a caller can act on; `what` says which operation failed.
Error errnoError(int err, const QString& what, const QString& path);

// Deletes a file or a whole tree without ever following a symlink (symlinks are unlinked,
// not entered). A missing path is not an error.
Status removeTree(const QString& hostPath);
// The same for `name` inside the directory `dirFd`; 0 or an errno value (a missing `name` is 0).
int removeTreeAt(int dirFd, const char* name);

// Writes a JSON object atomically (temporary file + rename).
Status writeJsonFile(const QString& hostPath, const QJsonObject& object);
// Reads a JSON object; a missing or malformed file gives an error.
Result<QJsonObject> readJsonFile(const QString& hostPath);

} // namespace hangar::local
