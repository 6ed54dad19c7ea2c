#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace hangar::spritesapi {

// What the emulator knows about a sprite beyond its local sandbox (which holds the files and
// the cold flag): id, URL settings, labels, times.
struct SpriteRecord {
    QString id;
    QString name;
    QString urlAuth = QStringLiteral("sprite"); // "sprite" | "public"
    QString privateAccess;                      // echoed back as stored
    QStringList labels;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastRunningAt;

    QJsonObject toJson() const;
    static SpriteRecord fromJson(const QJsonObject& object);
};

// The emulator's sprites, by name; kept in a JSON file when one is given (hangard), in memory
// otherwise (tests).
class SpriteRegistry {
public:
    explicit SpriteRegistry(QString file = {});

    // sprites-api.md §1.1 [rec]: [a-z0-9-], starting with a letter or digit, at most 63.
    static Status validateName(const QString& name);

    bool contains(const QString& name) const { return m_sprites.contains(name); }
    std::optional<SpriteRecord> get(const QString& name) const;
    // Sorted by name.
    QList<SpriteRecord> all() const { return m_sprites.values(); }
    Status put(const SpriteRecord& record);
    Status remove(const QString& name);

private:
    Status save() const;

    QString m_file;
    QMap<QString, SpriteRecord> m_sprites;
};

} // namespace hangar::spritesapi
