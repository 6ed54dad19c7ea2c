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
    e.linkTarget = o.value(QStringLiteral("linkTarget")).toString();
    return e;
}

SessionSummary SessionSummary::fromJson(const QJsonObject& o) {
    SessionSummary s;
    // A string or, in older servers, an integer (§13 item 12).
    const QJsonValue id = o.value(QStringLiteral("id"));
    s.id = id.isString() ? id.toString() : QString::number(id.toInteger());
    s.command = o.value(QStringLiteral("command")).toString();
    s.workdir = o.value(QStringLiteral("workdir")).toString();
    s.created = timeOf(o.value(QStringLiteral("created")));
    s.bytesPerSecond = o.value(QStringLiteral("bytes_per_second")).toDouble();
    s.isActive = o.value(QStringLiteral("is_active")).toBool();
    s.lastActivity = timeOf(o.value(QStringLiteral("last_activity")));
    s.tty = o.value(QStringLiteral("tty")).toBool();
    return s;
}

Checkpoint Checkpoint::fromJson(const QJsonObject& o) {
    Checkpoint c;
    c.id = o.value(QStringLiteral("id")).toString();
    c.createTime = timeOf(o.value(QStringLiteral("create_time")));
    c.comment = o.value(QStringLiteral("comment")).toString();
    c.sourceId = o.value(QStringLiteral("source_id")).toString();
    for (const auto& entry : o.value(QStringLiteral("history")).toArray())
        c.history.append(entry.toString());
    c.isAuto = o.value(QStringLiteral("is_auto")).toBool();
    c.health = o.value(QStringLiteral("health")).toString();
    return c;
}

QJsonObject networkPolicyJson(const NetworkPolicy& policy) {
    QJsonArray rules;
    for (const NetworkRule& rule : policy.rules) {
        QJsonObject r;
        if (!rule.domain.isEmpty())
            r.insert(QStringLiteral("domain"), rule.domain);
        if (!rule.include.isEmpty())
            r.insert(QStringLiteral("include"), rule.include);
        if (!rule.action.isEmpty())
            r.insert(QStringLiteral("action"), rule.action);
        rules.append(r);
    }
    return {{QStringLiteral("rules"), rules}};
}

NetworkPolicy networkPolicyFromJson(const QJsonObject& o) {
    NetworkPolicy policy;
    for (const auto& value : o.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject r = value.toObject();
        policy.rules.append(NetworkRule{r.value(QStringLiteral("domain")).toString(),
                                        r.value(QStringLiteral("action")).toString(),
                                        r.value(QStringLiteral("include")).toString()});
    }
    return policy;
}

} // namespace hangar::sprites
