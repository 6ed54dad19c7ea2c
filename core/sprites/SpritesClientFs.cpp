// SpritesClient: the filesystem API (sprites-api.md §8): camelCase parameters, errors
// {error, code, path} mapped to POSIX-style Error codes.
#include "SpritesClient.h"

#include "util/Async.h"

#include <QDir>
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

namespace hangar::sprites {

namespace {

// `path` as an absolute path split into (parent, base name); no lexical `..` folding except
// for a last component of "." or "..", so the server still judges where the path leads.
std::pair<QString, QString> splitPath(const QString& path, const QString& workingDir) {
    QString abs = path.startsWith(QLatin1Char('/')) ? path : workingDir + QLatin1Char('/') + path;
    while (abs.size() > 1 && abs.endsWith(QLatin1Char('/')))
        abs.chop(1);
    qsizetype slash = abs.lastIndexOf(QLatin1Char('/'));
    QString base = abs.mid(slash + 1);
    if (base == QLatin1String(".") || base == QLatin1String("..")) {
        abs = QDir::cleanPath(abs);
        slash = abs.lastIndexOf(QLatin1Char('/'));
        base = abs.mid(slash + 1);
    }
    const QString parent = slash <= 0 ? QStringLiteral("/") : abs.left(slash);
    return {parent, base};
}

} // namespace

Task<FsEntry> SpritesClient::stat(const QString& sprite, const QString& path,
                                  const QString& workingDir) {
    const auto [parent, base] = splitPath(path, workingDir);
    if (base.isEmpty()) { // the root: list it to learn whether it is there
        return mapResult<FsEntry>(listDir(sprite, parent, workingDir), this,
                                  [parent](Result<FsListing> r) -> Result<FsEntry> {
                                      if (!r)
                                          return r.error();
                                      FsEntry root;
                                      root.name = root.path = parent;
                                      root.isDir = true;
                                      root.mode = 0755;
                                      return root;
                                  });
    }
    return chain<FsEntry>(
        listDir(sprite, parent, workingDir), this,
        [this, sprite, path, parent, base, workingDir](Result<FsListing> listing) -> Task<FsEntry> {
            if (listing && !listing.value().isFile) {
                for (const FsEntry& entry : listing.value().entries) {
                    if (entry.name == base)
                        return readyTask<FsEntry>(entry);
                }
                return failedTask<FsEntry>(makeError(
                    ErrorCode::NotFound, QStringLiteral("no such file or directory"), path));
            }
            if (listing)
                return failedTask<FsEntry>(
                    makeError(ErrorCode::NotADirectory, QStringLiteral("not a directory"), parent));
            const ErrorCode code = listing.error().code;
            if (code == ErrorCode::NotFound || code == ErrorCode::NotADirectory)
                return failedTask<FsEntry>(listing.error());
            // The parent cannot be listed (e.g. "/" of a confined filesystem): list the path.
            return mapResult<FsEntry>(listDir(sprite, path, workingDir), this,
                                      [base](Result<FsListing> own) -> Result<FsEntry> {
                                          if (!own)
                                              return own.error();
                                          if (own.value().isFile)
                                              return own.value().entries.first();
                                          FsEntry dir;
                                          dir.name = base;
                                          dir.path = own.value().path;
                                          dir.isDir = true;
                                          dir.mode = 0755;
                                          return dir;
                                      });
        });
}

Task<void> SpritesClient::makeDir(const QString& sprite, const QString& path, bool parents,
                                  const QString& workingDir) {
    const QString parent = splitPath(path, workingDir).first;
    auto create = [this, sprite, path, workingDir]() {
        const QString keep = path + QStringLiteral("/.keep");
        return chain<void>(writeFile(sprite, keep, {}, std::nullopt, true, workingDir), this,
                           [this, sprite, keep, workingDir](Status written) {
                               if (!written)
                                   return failedTask<void>(written.error());
                               // Like the JS SDK: the marker goes, a failure to remove it
                               // does not fail the mkdir.
                               return mapResult<void>(remove(sprite, keep, false, workingDir), this,
                                                      [](Status) { return Status{}; });
                           });
    };
    return chain<void>(
        stat(sprite, path, workingDir), this,
        [this, sprite, path, parent, parents, workingDir, create](Result<FsEntry> existing) {
            if (existing) {
                if (parents && existing.value().isDir && !existing.value().isSymlink)
                    return readyTask();
                return failedTask<void>(
                    makeError(ErrorCode::AlreadyExists, QStringLiteral("file exists"), path));
            }
            if (existing.error().code != ErrorCode::NotFound)
                return failedTask<void>(existing.error());
            if (parents)
                return create();
            return chain<void>(
                stat(sprite, parent, workingDir), this, [path, parent, create](Result<FsEntry> up) {
                    if (!up)
                        return failedTask<void>(up.error());
                    if (!up.value().isDir && !up.value().isSymlink)
                        return failedTask<void>(makeError(
                            ErrorCode::NotADirectory, QStringLiteral("not a directory"), parent));
                    return create();
                });
        });
}

} // namespace hangar::sprites
