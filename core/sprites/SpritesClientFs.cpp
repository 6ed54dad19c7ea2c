// SpritesClient: the filesystem API (sprites-api.md §8): camelCase parameters, errors
// {error, code, path} mapped to POSIX-style Error codes.
#include "SpritesClient.h"

#include "util/Async.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hangar::sprites {

namespace {

QByteArray jsonBody(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QList<QPair<QString, QString>> pathQuery(const QString& path, const QString& workingDir) {
    return {{QStringLiteral("path"), path}, {QStringLiteral("workingDir"), workingDir}};
}

} // namespace

Task<QByteArray> SpritesClient::readFile(const QString& sprite, const QString& path,
                                         const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<QByteArray>(valid.error());
    HttpCall call{
        "GET", spritePath(sprite) + QStringLiteral("/fs/read"), pathQuery(path, workingDir), {}, {},
        0};
    return mapResult<QByteArray>(m_http->send(call), this,
                                 [](Result<HttpResult> r) -> Result<QByteArray> {
                                     if (!r)
                                         return r.error();
                                     return r.value().body;
                                 });
}

Task<void> SpritesClient::writeFile(const QString& sprite, const QString& path,
                                    const QByteArray& data, std::optional<quint32> mode,
                                    bool makeParents, const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    auto query = pathQuery(path, workingDir);
    if (mode)
        query.append({QStringLiteral("mode"),
                      QStringLiteral("%1").arg(*mode & 07777, 4, 8, QLatin1Char('0'))});
    query.append({QStringLiteral("mkdirParents"),
                  makeParents ? QStringLiteral("true") : QStringLiteral("false")});
    HttpCall call{"PUT",
                  spritePath(sprite) + QStringLiteral("/fs/write"),
                  query,
                  data,
                  "application/octet-stream",
                  0};
    return discardValue(m_http->send(call), this);
}

Task<FsListing> SpritesClient::listDir(const QString& sprite, const QString& path,
                                       const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<FsListing>(valid.error());
    HttpCall call{
        "GET", spritePath(sprite) + QStringLiteral("/fs/list"), pathQuery(path, workingDir), {}, {},
        0};
    return mapResult<FsListing>(
        m_http->send(call), this, [](Result<HttpResult> r) -> Result<FsListing> {
            if (!r)
                return r.error();
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(r.value().body, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject())
                return makeError(ErrorCode::Io,
                                 QStringLiteral("fs/list: the server's answer is not JSON"));
            FsListing listing;
            listing.path = doc.object().value(QStringLiteral("path")).toString();
            for (const auto& entry : doc.object().value(QStringLiteral("entries")).toArray())
                listing.entries.append(fsEntryFromJson(entry.toObject()));
            // A file lists as itself (§13 item 22): exactly one entry at the listed path.
            listing.isFile = listing.entries.size() == 1 &&
                             listing.entries.first().path == listing.path &&
                             !listing.entries.first().isDir;
            return listing;
        });
}

Task<void> SpritesClient::remove(const QString& sprite, const QString& path, bool recursive,
                                 const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    auto query = pathQuery(path, workingDir);
    if (recursive)
        query.append({QStringLiteral("recursive"), QStringLiteral("true")});
    return discardValue(
        m_http->send(HttpCall{
            "DELETE", spritePath(sprite) + QStringLiteral("/fs/delete"), query, {}, {}, 0}),
        this);
}

Task<void> SpritesClient::rename(const QString& sprite, const QString& from, const QString& to,
                                 const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    const QJsonObject body{{QStringLiteral("source"), from},
                           {QStringLiteral("dest"), to},
                           {QStringLiteral("workingDir"), workingDir}};
    return discardValue(m_http->send(HttpCall{"POST",
                                              spritePath(sprite) + QStringLiteral("/fs/rename"),
                                              {},
                                              jsonBody(body),
                                              "application/json",
                                              0}),
                        this);
}

Task<void> SpritesClient::copy(const QString& sprite, const QString& from, const QString& to,
                               bool recursive, const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    const QJsonObject body{{QStringLiteral("source"), from},
                           {QStringLiteral("dest"), to},
                           {QStringLiteral("workingDir"), workingDir},
                           {QStringLiteral("recursive"), recursive}};
    return discardValue(m_http->send(HttpCall{"POST",
                                              spritePath(sprite) + QStringLiteral("/fs/copy"),
                                              {},
                                              jsonBody(body),
                                              "application/json",
                                              0}),
                        this);
}

Task<void> SpritesClient::chmod(const QString& sprite, const QString& path, quint32 mode,
                                const QString& workingDir) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    const QJsonObject body{
        {QStringLiteral("path"), path},
        {QStringLiteral("workingDir"), workingDir},
        {QStringLiteral("mode"), QStringLiteral("%1").arg(mode & 07777, 4, 8, QLatin1Char('0'))}};
    return discardValue(m_http->send(HttpCall{"POST",
                                              spritePath(sprite) + QStringLiteral("/fs/chmod"),
                                              {},
                                              jsonBody(body),
                                              "application/json",
                                              0}),
                        this);
}

} // namespace hangar::sprites
