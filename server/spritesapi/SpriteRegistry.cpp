#include "SpriteRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace hangar::spritesapi {

QJsonObject SpriteRecord::toJson() const {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("url_auth"), urlAuth},
            {QStringLiteral("private_access"), privateAccess},
            {QStringLiteral("labels"), QJsonArray::fromStringList(labels)},
            {QStringLiteral("created_at"), createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("updated_at"), updatedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("last_running_at"),
             lastRunningAt.isValid() ? lastRunningAt.toString(Qt::ISODateWithMs) : QString()}};
}

SpriteRecord SpriteRecord::fromJson(const QJsonObject& o) {
    SpriteRecord r;
    r.id = o.value(QStringLiteral("id")).toString();
    r.name = o.value(QStringLiteral("name")).toString();
    r.urlAuth = o.value(QStringLiteral("url_auth")).toString(QStringLiteral("sprite"));
    r.privateAccess = o.value(QStringLiteral("private_access")).toString();
    for (const auto& label : o.value(QStringLiteral("labels")).toArray())
        r.labels.append(label.toString());
    r.createdAt =
        QDateTime::fromString(o.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    r.updatedAt =
        QDateTime::fromString(o.value(QStringLiteral("updated_at")).toString(), Qt::ISODateWithMs);
    r.lastRunningAt = QDateTime::fromString(o.value(QStringLiteral("last_running_at")).toString(),
                                            Qt::ISODateWithMs);
    return r;
}

SpriteRegistry::SpriteRegistry(QString file)
    : m_file(std::move(file)) {
    if (m_file.isEmpty())
        return;
    QFile in(m_file);
    if (!in.open(QIODevice::ReadOnly))
        return;
    const QJsonArray sprites = QJsonDocument::fromJson(in.readAll()).array();
    for (const auto& value : sprites) {
        SpriteRecord record = SpriteRecord::fromJson(value.toObject());
        if (validateName(record.name))
            m_sprites.insert(record.name, record);
    }
}

Status SpriteRegistry::validateName(const QString& name) {
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!valid.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("invalid sprite name '%1': use 1-63 characters a-z, 0-9 "
                                        "and '-', starting with a letter or digit")
                             .arg(name));
    return {};
}

std::optional<SpriteRecord> SpriteRegistry::get(const QString& name) const {
    const auto it = m_sprites.constFind(name);
    if (it == m_sprites.constEnd())
        return std::nullopt;
    return *it;
}

Status SpriteRegistry::put(const SpriteRecord& record) {
    m_sprites.insert(record.name, record);
    return save();
}

Status SpriteRegistry::remove(const QString& name) {
    m_sprites.remove(name);
    return save();
}

Status SpriteRegistry::save() const {
    if (m_file.isEmpty())
        return {};
    QJsonArray sprites;
    for (const SpriteRecord& record : m_sprites)
        sprites.append(record.toJson());
    QSaveFile out(m_file);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write %1: %2").arg(m_file, out.errorString()));
    out.write(QJsonDocument(sprites).toJson());
    if (!out.commit())
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write %1: %2").arg(m_file, out.errorString()));
    return {};
}

} // namespace hangar::spritesapi
