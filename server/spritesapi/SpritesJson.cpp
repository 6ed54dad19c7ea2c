#include "SpritesJson.h"

#include <QRegularExpression>

namespace hangar::spritesapi {

QJsonValue timeValue(const QDateTime& time) {
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString providerStatusName(ProviderState state) {
    switch (state) {
    case ProviderState::Running:
        return QStringLiteral("running");
    case ProviderState::Warm:
        return QStringLiteral("warm");
    case ProviderState::Cold:
    case ProviderState::Missing:
        break;
    }
    return QStringLiteral("cold");
}

QString octalMode(quint32 mode) {
    return QStringLiteral("%1").arg(mode & 07777, 4, 8, QLatin1Char('0'));
}

QJsonObject fsEntryJson(const FsEntry& entry) {
    const QString type = entry.isSymlink ? QStringLiteral("symlink")
                         : entry.isDir   ? QStringLiteral("directory")
                                         : QStringLiteral("file");
    QJsonObject json{{QStringLiteral("name"), entry.name},
                     {QStringLiteral("path"), entry.path},
                     {QStringLiteral("type"), type},
                     {QStringLiteral("size"), entry.size},
                     {QStringLiteral("mode"), octalMode(entry.mode)},
                     {QStringLiteral("modTime"), timeValue(entry.modified)},
                     {QStringLiteral("isDir"), entry.isDir}};
    // An extension: the SDKs ignore unknown keys, SpritesBackend reports link targets.
    if (entry.isSymlink)
        json.insert(QStringLiteral("linkTarget"), entry.linkTarget);
    return json;
}

std::optional<quint32> parseOctalMode(const QString& text) {
    static const QRegularExpression octal(QStringLiteral("^0?[0-7]{1,4}$"));
    if (!octal.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const uint mode = text.toUInt(&ok, 8);
    if (!ok || mode > 07777)
        return std::nullopt;
    return mode;
}

std::optional<qint64> parseDurationMs(const QString& text) {
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|s|m|h)"));
    qint64 total = 0;
    qsizetype consumed = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (m.capturedStart() != consumed)
            return std::nullopt;
        consumed = m.capturedEnd();
        const double value = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        const double factor = unit == QLatin1String("ms")  ? 1.0
                              : unit == QLatin1String("s") ? 1000.0
                              : unit == QLatin1String("m") ? 60'000.0
                                                           : 3'600'000.0;
        total += static_cast<qint64>(value * factor);
    }
    if (consumed == 0 || consumed != text.size())
        return std::nullopt;
    return total;
}

} // namespace hangar::spritesapi
