// The Sprites emulator's fs chown (sprites-api.md §14.7): `chown` run inside the sprite, as argv,
// after the backend has resolved the path (so it cannot leave the sprite's filesystem). Errors
// are the filesystem's JSON {error, code, path}.
#include "SpritesApi.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;

// A uid/gid given as a number or a user/group name; nullopt when malformed. Empty = not given.
std::optional<QString> owner(const QJsonValue& value) {
    if (value.isUndefined() || value.isNull())
        return QString();
    if (value.isDouble()) {
        const double n = value.toDouble();
        if (n < 0 || n != std::floor(n) || n > 4294967294.0)
            return std::nullopt;
        return QString::number(static_cast<qint64>(n));
    }
    static const QRegularExpression name(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]{0,31}$|^[0-9]+$"));
    if (!value.isString() || !name.match(value.toString()).hasMatch())
        return std::nullopt;
    return value.toString();
}

Error chownError(ErrorCode code, const QString& message, const QString& path) {
    Error error = makeError(code, message);
    error.path = path;
    return error;
}

} // namespace

void SpritesApi::addChownRoute() {
    m_server->route(
        Method::Post, QStringLiteral("/v1/sprites/:name/fs/chown"),
        [this](const http::Request& r, SpritesReply reply) {
            const QString name = r.param(QStringLiteral("name"));
            if (!checkSprite(name, reply))
                return;
            QString why;
            const auto body = r.jsonObject(&why);
            if (!body)
                return reply.fsError(makeError(ErrorCode::InvalidArgument, why), QString());
            QString path = body->value(QStringLiteral("path")).toString();
            const QString workingDir = body->value(QStringLiteral("workingDir")).toString();
            if (!path.startsWith(QLatin1Char('/')))
                path = (workingDir.isEmpty() ? QStringLiteral("/") : workingDir) +
                       QLatin1Char('/') + path;
            path = QDir::cleanPath(path);
            const auto uid = owner(body->value(QStringLiteral("uid")));
            const auto gid = owner(body->value(QStringLiteral("gid")));
            if (!uid || !gid || (uid->isEmpty() && gid->isEmpty()))
                return reply.fsError(
                    chownError(ErrorCode::InvalidArgument,
                               QStringLiteral("give uid and/or gid: a number or a name"), path),
                    path);
            // Outside a sandbox the command would see the host's files: refuse.
            if (!m_backend.isIsolated(name))
                return reply.fsError(chownError(ErrorCode::PermissionDenied,
                                                QStringLiteral("chown needs an isolated sprite"),
                                                path),
                                     path);
            const bool recursive = body->value(QStringLiteral("recursive")).toBool();
            m_backend.stat(name, path)
                .then(this, [this, name, path, uid = *uid, gid = *gid, recursive,
                             reply](Result<FsEntry> entry) mutable {
                    if (!entry)
                        return reply.fsError(entry.error(), path);
                    ExecRequest request;
                    request.argv = {QStringLiteral("chown")};
                    if (recursive)
                        request.argv << QStringLiteral("-R");
                    request.argv << QStringLiteral("--")
                                 << (gid.isEmpty() ? uid : uid + QLatin1Char(':') + gid) << path;
                    m_backend.run(name, request, 64 * 1024)
                        .then(this, [reply, path, uid, gid](Result<ExecResult> done) mutable {
                            if (!done)
                                return reply.fsError(done.error(), path);
                            const QString err =
                                QString::fromUtf8(done.value().stderrData).trimmed();
                            if (done.value().exitCode == 0) {
                                const QJsonObject one{{QStringLiteral("path"), path},
                                                      {QStringLiteral("uid"), uid},
                                                      {QStringLiteral("gid"), gid}};
                                return reply.json(
                                    QJsonObject{{QStringLiteral("affected"), QJsonArray{one}},
                                                {QStringLiteral("count"), 1}});
                            }
                            // "invalid user: 'x'" is the request's fault; any failure to change
                            // the owner (EPERM, or EINVAL for an id the sandbox cannot map) is a
                            // permission problem to the caller.
                            const ErrorCode code =
                                err.contains(QLatin1String("No such file")) ? ErrorCode::NotFound
                                : err.contains(QLatin1String("invalid user")) ||
                                        err.contains(QLatin1String("invalid group")) ||
                                        err.contains(QLatin1String("invalid spec"))
                                    ? ErrorCode::InvalidArgument
                                : err.contains(QLatin1String("not permitted")) ||
                                        err.contains(QLatin1String("changing ownership"))
                                    ? ErrorCode::PermissionDenied
                                    : ErrorCode::Io;
                            // A refused change of owner is EPERM, as chown(2) has it (§14.7).
                            reply.fsError(
                                chownError(code,
                                           err.isEmpty() ? QStringLiteral("chown failed") : err,
                                           path),
                                path,
                                code == ErrorCode::PermissionDenied ? QStringLiteral("EPERM")
                                                                    : QString());
                        });
                });
        });
}

} // namespace hangar::spritesapi
