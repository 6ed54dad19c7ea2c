// SpritesClient: fs chown (sprites-api.md §14.7). uid and gid go out as numbers when they are
// numeric, as names otherwise; errors are the filesystem's {error, code, path}.
#include "SpritesClient.h"

#include "util/Async.h"

#include <QJsonDocument>

namespace hangar::sprites {

namespace {

QJsonValue ownerValue(const QString& owner) {
    bool numeric = false;
    const qint64 id = owner.toLongLong(&numeric);
    return numeric && id >= 0 ? QJsonValue(id) : QJsonValue(owner);
}

} // namespace

Task<void> SpritesClient::chown(const QString& sprite, const QString& path, const QString& user,
                                const QString& group, bool recursive, const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    if (user.isEmpty() && group.isEmpty())
        return failedTask<void>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("chown: give a user or a group")));
    QJsonObject body{{QStringLiteral("path"), path}, {QStringLiteral("workingDir"), workingDir}};
    if (!user.isEmpty())
        body.insert(QStringLiteral("uid"), ownerValue(user));
    if (!group.isEmpty())
        body.insert(QStringLiteral("gid"), ownerValue(group));
    if (recursive)
        body.insert(QStringLiteral("recursive"), true);
    return discardValue(m_http->send(HttpCall{"POST",
                                              spritePath(sprite) + QStringLiteral("/fs/chown"),
                                              {},
                                              QJsonDocument(body).toJson(QJsonDocument::Compact),
                                              "application/json",
                                              0}),
                        this);
}

} // namespace hangar::sprites
