#pragma once

#include "backend/BackendTypes.h"

#include <QJsonObject>

namespace hangar::spritesapi {

// RFC 3339 in UTC with milliseconds, or null for an invalid time (Go cannot decode "").
QJsonValue timeValue(const QDateTime& time);
QString providerStatusName(ProviderState state); // cold | warm | running
// A filesystem entry in the camelCase shape of sprites-api.md §8.3.
QJsonObject fsEntryJson(const FsEntry& entry);
QString octalMode(quint32 mode);
// "0755" (or "755") -> 0755; nullopt when not octal permission bits.
std::optional<quint32> parseOctalMode(const QString& text);
// A Go-style duration ("10s", "1m30s", "500ms", "0") or bare seconds, in ms.
std::optional<qint64> parseDurationMs(const QString& text);

} // namespace hangar::spritesapi
