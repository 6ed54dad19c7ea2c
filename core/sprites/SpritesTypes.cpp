#include "SpritesTypes.h"

#include <QJsonArray>

namespace hangar::sprites {

namespace {

QDateTime timeOf(const QJsonValue& value) {
    if (!value.isString() || value.toString().isEmpty())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

OrgCounters orgFrom(const QJsonObject& o) {
    OrgCounters org;
    org.name = o.value(QStringLiteral("name")).toString();
    org.running = o.value(QStringLiteral("running")).toInt();
    org.warm = o.value(QStringLiteral("warm")).toInt();
    org.cold = o.value(QStringLiteral("cold")).toInt();
    org.runningLimit = o.value(QStringLiteral("running_limit")).toInt();
    org.warmLimit = o.value(QStringLiteral("warm_limit")).toInt();
    return org;
}

} // namespace

ProviderState SpriteInfo::state() const {
    if (status == QLatin1String("running"))
        return ProviderState::Running;
    if (status == QLatin1String("warm"))
        return ProviderState::Warm;
    return ProviderState::Cold;
}

SpriteInfo SpriteInfo::fromJson(const QJsonObject& o) {
    SpriteInfo s;
    s.id = o.value(QStringLiteral("id")).toString();
    s.name = o.value(QStringLiteral("name")).toString();
    s.organization = o.value(QStringLiteral("organization"))
                         .toString(o.value(QStringLiteral("org_slug")).toString());
    s.status = o.value(QStringLiteral("status")).toString();
    s.url = o.value(QStringLiteral("url")).toString();
    const QJsonObject settings = o.value(QStringLiteral("url_settings")).toObject();
    s.urlAuth = settings.value(QStringLiteral("auth")).toString();
    s.privateAccess = settings.value(QStringLiteral("private_access")).toString();
    for (const auto& label : o.value(QStringLiteral("labels")).toArray())
        s.labels.append(label.toString());
    s.createdAt = timeOf(o.value(QStringLiteral("created_at")));
    s.updatedAt = timeOf(o.value(QStringLiteral("updated_at")));
    s.lastRunningAt = timeOf(o.value(QStringLiteral("last_running_at")));
    s.version = o.value(QStringLiteral("version")).toString();
    return s;
}

SpriteList SpriteList::fromJson(const QJsonObject& o) {
    SpriteList list;
    for (const auto& sprite : o.value(QStringLiteral("sprites")).toArray())
        list.sprites.append(SpriteInfo::fromJson(sprite.toObject()));
    list.hasMore = o.value(QStringLiteral("has_more")).toBool();
    list.nextContinuationToken = o.value(QStringLiteral("next_continuation_token")).toString();
    // Top level (docs, JS) or nested (Go): §2.4.
    list.org = o.contains(QStringLiteral("org"))
                   ? orgFrom(o.value(QStringLiteral("org")).toObject())
                   : orgFrom(o);
    return list;
}

FsEntry fsEntryFromJson(const QJsonObject& o) {
    FsEntry e;
    e.name = o.value(QStringLiteral("name")).toString();
    e.path = o.value(QStringLiteral("path")).toString();
    const QString type = o.value(QStringLiteral("type")).toString();
    e.isDir = o.value(QStringLiteral("isDir")).toBool(type == QLatin1String("directory"));
    e.isSymlink = type == QLatin1String("symlink");
    e.size = o.value(QStringLiteral("size")).toInteger();
    bool ok = false;
    e.mode = o.value(QStringLiteral("mode")).toString().toUInt(&ok, 8);
    if (!ok)
        e.mode = e.isDir ? 0755 : 0644;
    e.modified = timeOf(o.value(QStringLiteral("modTime")));
    return e;
}

} // namespace hangar::sprites
