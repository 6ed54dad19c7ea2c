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

// --- §14 additions -------------------------------------------------------------------------

SpriteRestart SpriteRestart::fromJson(const QJsonObject& o) {
    return {o.value(QStringLiteral("sprite_name")).toString(),
            o.value(QStringLiteral("machine_id")).toString(),
            o.value(QStringLiteral("message")).toString()};
}

SpriteCheck SpriteCheck::fromJson(const QJsonObject& o) {
    SpriteCheck c;
    c.spriteName = o.value(QStringLiteral("sprite_name")).toString();
    c.spriteId = o.value(QStringLiteral("sprite_id")).toString();
    c.status = o.value(QStringLiteral("status")).toString();
    c.reason = o.value(QStringLiteral("reason")).toString();
    c.checkedAt = timeOf(o.value(QStringLiteral("checked_at")));
    if (o.value(QStringLiteral("elapsed")).isDouble())
        c.elapsed = o.value(QStringLiteral("elapsed")).toDouble();
    return c;
}

SpriteWatchEvent SpriteWatchEvent::fromJson(const QJsonObject& o) {
    SpriteWatchEvent e;
    e.type = o.value(QStringLiteral("type")).toString();
    e.name = o.value(QStringLiteral("name")).toString();
    e.status = o.value(QStringLiteral("status")).toString();
    e.runningVersion = o.value(QStringLiteral("running_version")).toString();
    e.timestamp = timeOf(o.value(QStringLiteral("timestamp")));
    e.org = orgFrom(o.value(QStringLiteral("org")).toObject());
    return e;
}

ServiceInfo ServiceInfo::fromJson(const QJsonObject& o) {
    ServiceInfo s;
    s.name = o.value(QStringLiteral("name")).toString();
    s.cmd = o.value(QStringLiteral("cmd")).toString();
    for (const auto& arg : o.value(QStringLiteral("args")).toArray())
        s.args.append(arg.toString());
    for (const auto& need : o.value(QStringLiteral("needs")).toArray())
        s.needs.append(need.toString());
    if (o.value(QStringLiteral("http_port")).isDouble())
        s.httpPort = o.value(QStringLiteral("http_port")).toInt();
    const QJsonObject env = o.value(QStringLiteral("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        s.env.insert(it.key(), it.value().toString());
    s.dir = o.value(QStringLiteral("dir")).toString();
    if (const QJsonValue state = o.value(QStringLiteral("state")); state.isObject()) {
        const QJsonObject st = state.toObject();
        ServiceState out;
        out.status = st.value(QStringLiteral("status")).toString();
        if (st.value(QStringLiteral("pid")).isDouble())
            out.pid = st.value(QStringLiteral("pid")).toInt();
        out.startedAt = timeOf(st.value(QStringLiteral("started_at")));
        out.error = st.value(QStringLiteral("error")).toString();
        out.restartCount = st.value(QStringLiteral("restart_count")).toInt();
        out.nextRestartAt = timeOf(st.value(QStringLiteral("next_restart_at")));
        s.state = out;
    }
    return s;
}

QJsonObject ServiceRequest::toJson() const {
    QJsonObject o{{QStringLiteral("cmd"), cmd}};
    if (!args.isEmpty())
        o.insert(QStringLiteral("args"), QJsonArray::fromStringList(args));
    if (!needs.isEmpty())
        o.insert(QStringLiteral("needs"), QJsonArray::fromStringList(needs));
    if (httpPort)
        o.insert(QStringLiteral("http_port"), *httpPort);
    if (!env.isEmpty()) {
        QJsonObject e;
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            e.insert(it.key(), it.value());
        o.insert(QStringLiteral("env"), e);
    }
    if (!dir.isEmpty())
        o.insert(QStringLiteral("dir"), dir);
    return o;
}

ServiceEvent ServiceEvent::fromJson(const QJsonObject& o) {
    ServiceEvent e;
    e.type = o.value(QStringLiteral("type")).toString();
    e.data = o.value(QStringLiteral("data")).toString();
    if (o.value(QStringLiteral("exit_code")).isDouble())
        e.exitCode = o.value(QStringLiteral("exit_code")).toInt();
    e.timestampMs = static_cast<qint64>(o.value(QStringLiteral("timestamp")).toDouble());
    e.logFiles = o.value(QStringLiteral("log_files")).toObject();
    return e;
}

PortEvent PortEvent::fromJson(const QJsonObject& o) {
    return {o.value(QStringLiteral("type")).toString(), o.value(QStringLiteral("port")).toInt(),
            o.value(QStringLiteral("address")).toString(), o.value(QStringLiteral("pid")).toInt()};
}

FsWatchEvent FsWatchEvent::fromJson(const QJsonObject& o) {
    FsWatchEvent e;
    e.type = o.value(QStringLiteral("type")).toString();
    e.path = o.value(QStringLiteral("path")).toString();
    e.event = o.value(QStringLiteral("event")).toString();
    e.timestamp = timeOf(o.value(QStringLiteral("timestamp")));
    e.size = static_cast<qint64>(o.value(QStringLiteral("size")).toDouble());
    e.isDir = o.value(QStringLiteral("isDir")).toBool();
    e.message = o.value(QStringLiteral("message")).toString();
    for (const auto& path : o.value(QStringLiteral("paths")).toArray())
        e.paths.append(path.toString());
    return e;
}

QJsonObject PrivilegesPolicy::toJson() const {
    QJsonObject o;
    if (profile)
        o.insert(QStringLiteral("profile"), *profile);
    if (devices)
        o.insert(QStringLiteral("devices"), QJsonArray::fromStringList(*devices));
    if (noNewPrivileges)
        o.insert(QStringLiteral("noNewPrivileges"), *noNewPrivileges); // camelCase (§14.6)
    return o;
}

PrivilegesPolicy PrivilegesPolicy::fromJson(const QJsonObject& o) {
    PrivilegesPolicy p;
    if (o.value(QStringLiteral("profile")).isString())
        p.profile = o.value(QStringLiteral("profile")).toString();
    if (o.value(QStringLiteral("devices")).isArray()) {
        QStringList devices;
        for (const auto& device : o.value(QStringLiteral("devices")).toArray())
            devices.append(device.toString());
        p.devices = devices;
    }
    for (const QString& key :
         {QStringLiteral("noNewPrivileges"), QStringLiteral("no_new_privileges")}) {
        if (o.value(key).isBool())
            p.noNewPrivileges = o.value(key).toBool();
    }
    return p;
}

QJsonObject ResourcesPolicy::toJson() const {
    if (!memoryLimitMb)
        return {};
    QJsonObject memory{{QStringLiteral("limit_mb"), *memoryLimitMb}};
    if (memoryAutoscale)
        memory.insert(QStringLiteral("autoscale"), *memoryAutoscale);
    return {{QStringLiteral("memory"), memory}};
}

ResourcesPolicy ResourcesPolicy::fromJson(const QJsonObject& o) {
    ResourcesPolicy r;
    const QJsonObject memory = o.value(QStringLiteral("memory")).toObject();
    if (memory.value(QStringLiteral("limit_mb")).isDouble())
        r.memoryLimitMb = memory.value(QStringLiteral("limit_mb")).toInt();
    if (memory.value(QStringLiteral("autoscale")).isBool())
        r.memoryAutoscale = memory.value(QStringLiteral("autoscale")).toBool();
    return r;
}

} // namespace hangar::sprites
