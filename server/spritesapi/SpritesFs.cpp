// The Sprites emulator's filesystem API (sprites-api.md §8, §14.7): camelCase parameters,
// JSON errors {error, code, path}.
#include "SpritesApi.h"
#include "SpritesJson.h"
#include "backend/FileTransfer.h"
#include "http/StreamSink.h"
#include "util/Async.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

// A relative path is resolved against workingDir; an absolute one ignores it (§8.1). `..` is
// left to the backend, which refuses anything that leaves the sprite's filesystem.
QString resolvePath(const QString& path, const QString& workingDir) {
    if (path.startsWith(QLatin1Char('/')))
        return path;
    const QString base = workingDir.isEmpty() ? QStringLiteral("/") : workingDir;
    return base.endsWith(QLatin1Char('/')) ? QString(base + path)
                                           : QString(base + QLatin1Char('/') + path);
}

QString shown(const QString& path) {
    return QDir::cleanPath(path);
}

bool flag(const QString& value) {
    return value == QLatin1String("true") || value == QLatin1String("1");
}

// A parameter from the query, else from a JSON body (the docs' form of delete).
QString param(const http::Request& r, const QJsonObject& body, const QString& key) {
    const QString fromQuery = queryValue(r, key);
    if (!fromQuery.isEmpty())
        return fromQuery;
    const QJsonValue value = body.value(key);
    return value.isBool() ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                          : value.toString();
}

void invalid(SpritesReply& reply, const QString& message, const QString& path = {}) {
    reply.fsError(makeError(ErrorCode::InvalidArgument, message, path), path);
}

struct CopyState {
    QJsonArray copied;
    qint64 totalBytes = 0;
};

Task<void> copyPath(Backend& backend, QObject* context, const QString& name, const QString& from,
                    const QString& to, bool recursive, std::shared_ptr<CopyState> state);

Task<void> copyChildren(Backend& backend, QObject* context, const QString& name,
                        QList<FsEntry> children, qsizetype index, const QString& to,
                        std::shared_ptr<CopyState> state) {
    if (index >= children.size())
        return readyTask();
    const FsEntry child = children.at(index);
    return chain<void>(
        copyPath(backend, context, name, child.path, to + QLatin1Char('/') + child.name, true,
                 state),
        context, [&backend, context, name, children, index, to, state](Status copied) {
            if (!copied)
                return failedTask<void>(copied.error());
            return copyChildren(backend, context, name, children, index + 1, to, state);
        });
}

Task<void> copyPath(Backend& backend, QObject* context, const QString& name, const QString& from,
                    const QString& to, bool recursive, std::shared_ptr<CopyState> state) {
    return chain<void>(backend.stat(name, from), context, [=, &backend](Result<FsEntry> entry) {
        if (!entry)
            return failedTask<void>(entry.error());
        if (!entry.value().isDir) {
            const quint32 mode = entry.value().mode;
            return chain<void>(
                backend.readFile(name, from), context, [=, &backend](Result<QByteArray> data) {
                    if (!data)
                        return failedTask<void>(data.error());
                    state->copied.append(QJsonObject{{QStringLiteral("source"), shown(from)},
                                                     {QStringLiteral("dest"), shown(to)}});
                    state->totalBytes += data.value().size();
                    return backend.writeFile(name, to, data.value(), WriteOptions{true, mode});
                });
        }
        if (!recursive)
            return failedTask<void>(makeError(
                ErrorCode::IsADirectory,
                QStringLiteral("is a directory (copy it with recursive: true)"), shown(from)));
        return chain<void>(backend.makeDir(name, to, true), context, [=, &backend](Status made) {
            if (!made && made.error().code != ErrorCode::AlreadyExists)
                return failedTask<void>(made.error());
            return chain<void>(backend.listDir(name, from), context,
                               [=, &backend](Result<QList<FsEntry>> children) {
                                   if (!children)
                                       return failedTask<void>(children.error());
                                   return copyChildren(backend, context, name, children.value(), 0,
                                                       to, state);
                               });
        });
    });
}

// GET /fs/read: the file in pieces, sent as each arrives, paced by the client.
void streamFile(Backend& backend, QObject* context, const QString& name, const QString& path,
                SpritesReply reply) {
    backend.stat(name, path)
        .then(context, [&backend, name, path, reply](Result<FsEntry> entry) mutable {
            if (!entry)
                return reply.fsError(entry.error(), shown(path));
            if (entry.value().isDir) {
                return reply.fsError(
                    makeError(ErrorCode::IsADirectory, QStringLiteral("is a directory"), path),
                    shown(path));
            }
            // A 100 MiB file never sits in the server's memory. The stat above gives errors their
            // proper status; one after the headers can only cut the connection.
            reply.startStream(QByteArrayLiteral("application/octet-stream"));
            QTcpSocket* socket = reply.socket();
            auto* sink = new http::StreamSink(
                socket,
                [reply](const QByteArray& data) mutable {
                    reply.streamChunk(data);
                    return reply.socket() != nullptr;
                },
                [reply] { return reply.socket() ? reply.socket()->bytesToWrite() : 0; });
            FileTransfer* transfer = backend.download(name, path, sink);
            QObject::connect(transfer, &FileTransfer::finished, sink, [reply, sink]() mutable {
                reply.endStream();
                sink->deleteLater();
            });
            QObject::connect(transfer, &FileTransfer::failed, sink, [reply, sink]() mutable {
                if (QTcpSocket* s = reply.socket())
                    s->abort(); // the client sees a broken body, not a short file
                sink->deleteLater();
            });
            if (socket) // gone: the transfer stops instead of reading on for nobody
                QObject::connect(socket, &QTcpSocket::disconnected, transfer,
                                 &FileTransfer::cancel);
        });
}

} // namespace

void SpritesApi::addFsRoutes() {
    const QString base = QStringLiteral("/v1/sprites/:name/fs/");
    // Every fs route: the sprite must exist; then `run(request, reply, name)`.
    auto route = [this, base](Method method, const QString& op, auto run) {
        m_server->route(method, base + op, [this, run](const http::Request& r, SpritesReply reply) {
            const QString name = r.param(QStringLiteral("name"));
            if (checkSprite(name, reply))
                run(r, reply, name);
        });
    };

    route(Method::Get, QStringLiteral("read"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const QString path = resolvePath(queryValue(r, QStringLiteral("path")),
                                               queryValue(r, QStringLiteral("workingDir")));
              streamFile(m_backend, this, name, path, reply);
          });

    route(Method::Put, QStringLiteral("write"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const QString path = resolvePath(queryValue(r, QStringLiteral("path")),
                                               queryValue(r, QStringLiteral("workingDir")));
              WriteOptions options;
              // mkdirParents (SDKs) or mkdir (docs); parents are made unless told otherwise.
              QString parents = queryValue(r, QStringLiteral("mkdirParents"));
              if (parents.isEmpty())
                  parents = queryValue(r, QStringLiteral("mkdir"));
              options.makeParents = parents.isEmpty() || flag(parents);
              if (const QString mode = queryValue(r, QStringLiteral("mode")); !mode.isEmpty()) {
                  options.mode = parseOctalMode(mode);
                  if (!options.mode)
                      return invalid(reply, QStringLiteral("mode must be octal, e.g. 0644"), path);
              }
              const QByteArray data = r.http.body();
              const quint32 mode = options.mode.value_or(0644);
              m_backend.writeFile(name, path, data, options)
                  .then(this, [reply, path, size = data.size(), mode](Status written) mutable {
                      if (!written)
                          return reply.fsError(written.error(), shown(path));
                      reply.json(QJsonObject{{QStringLiteral("path"), shown(path)},
                                             {QStringLiteral("size"), size},
                                             {QStringLiteral("mode"), octalMode(mode)}});
                  });
          });

    route(Method::Get, QStringLiteral("list"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              const QString path = resolvePath(queryValue(r, QStringLiteral("path")),
                                               queryValue(r, QStringLiteral("workingDir")));
              const QString pattern = queryValue(r, QStringLiteral("pattern"));
              const QRegularExpression glob(
                  pattern.isEmpty() ? QStringLiteral(".*")
                                    : QRegularExpression::wildcardToRegularExpression(pattern));
              chain<QList<FsEntry>>(
                  m_backend.stat(name, path), this,
                  [this, name, path](Result<FsEntry> entry) {
                      if (!entry)
                          return failedTask<QList<FsEntry>>(entry.error());
                      const FsEntry self = entry.value();
                      if (!self.isDir && !self.isSymlink)
                          return readyTask<QList<FsEntry>>(QList<FsEntry>{self});
                      // A link is followed (the backend refuses one that
                      // leaves the sprite); a link to a file lists as itself.
                      return mapResult<QList<FsEntry>>(
                          m_backend.listDir(name, path), this,
                          [self](Result<QList<FsEntry>> listed) -> Result<QList<FsEntry>> {
                              if (!listed && self.isSymlink &&
                                  listed.error().code == ErrorCode::NotADirectory)
                                  return QList<FsEntry>{self};
                              return listed;
                          });
                  })
                  .then(this, [reply, path, glob](Result<QList<FsEntry>> entries) mutable {
                      if (!entries)
                          return reply.fsError(entries.error(), shown(path));
                      QList<FsEntry> sorted = entries.value();
                      std::sort(sorted.begin(), sorted.end(),
                                [](const FsEntry& a, const FsEntry& b) { return a.name < b.name; });
                      QJsonArray array;
                      for (const FsEntry& e : sorted) {
                          if (glob.match(e.name).hasMatch())
                              array.append(fsEntryJson(e));
                      }
                      reply.json(QJsonObject{{QStringLiteral("path"), shown(path)},
                                             {QStringLiteral("entries"), array},
                                             {QStringLiteral("count"), array.size()}});
                  });
          });

    route(Method::Delete, QStringLiteral("delete"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const QJsonObject body = r.http.body().isEmpty()
                                           ? QJsonObject()
                                           : r.jsonObject(&why).value_or(QJsonObject());
              const QString path = resolvePath(param(r, body, QStringLiteral("path")),
                                               param(r, body, QStringLiteral("workingDir")));
              const bool recursive = flag(param(r, body, QStringLiteral("recursive")));
              m_backend.remove(name, path, recursive)
                  .then(this, [reply, path](Status removed) mutable {
                      if (!removed)
                          return reply.fsError(removed.error(), shown(path));
                      reply.json(QJsonObject{{QStringLiteral("deleted"), QJsonArray{shown(path)}},
                                             {QStringLiteral("count"), 1}});
                  });
          });

    route(Method::Post, QStringLiteral("rename"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const auto body = r.jsonObject(&why);
              if (!body)
                  return invalid(reply, why);
              const QString dir = body->value(QStringLiteral("workingDir")).toString();
              const QString from =
                  resolvePath(body->value(QStringLiteral("source")).toString(), dir);
              const QString to = resolvePath(body->value(QStringLiteral("dest")).toString(), dir);
              m_backend.rename(name, from, to).then(this, [reply, from, to](Status moved) mutable {
                  if (!moved)
                      return reply.fsError(moved.error(), shown(from));
                  reply.json(QJsonObject{{QStringLiteral("source"), shown(from)},
                                         {QStringLiteral("dest"), shown(to)}});
              });
          });

    route(Method::Post, QStringLiteral("copy"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const auto body = r.jsonObject(&why);
              if (!body)
                  return invalid(reply, why);
              const QString dir = body->value(QStringLiteral("workingDir")).toString();
              const QString from =
                  resolvePath(body->value(QStringLiteral("source")).toString(), dir);
              const QString to = resolvePath(body->value(QStringLiteral("dest")).toString(), dir);
              if (QString(shown(to) + QLatin1Char('/')).startsWith(shown(from) + QLatin1Char('/')))
                  return invalid(reply, QStringLiteral("cannot copy a directory into itself"),
                                 shown(to));
              auto state = std::make_shared<CopyState>();
              copyPath(m_backend, this, name, from, to,
                       body->value(QStringLiteral("recursive")).toBool(), state)
                  .then(this, [reply, from, state](Status copied) mutable {
                      if (!copied)
                          return reply.fsError(copied.error(), shown(from));
                      reply.json(QJsonObject{{QStringLiteral("copied"), state->copied},
                                             {QStringLiteral("count"), state->copied.size()},
                                             {QStringLiteral("totalBytes"), state->totalBytes}});
                  });
          });

    route(Method::Post, QStringLiteral("chmod"),
          [this](const http::Request& r, SpritesReply reply, const QString& name) {
              QString why;
              const auto body = r.jsonObject(&why);
              if (!body)
                  return invalid(reply, why);
              const QString path =
                  resolvePath(body->value(QStringLiteral("path")).toString(),
                              body->value(QStringLiteral("workingDir")).toString());
              const QJsonValue modeValue = body->value(QStringLiteral("mode"));
              const auto mode =
                  modeValue.isDouble()
                      ? std::optional<quint32>(static_cast<quint32>(modeValue.toInt()) & 07777)
                      : parseOctalMode(modeValue.toString());
              if (!mode)
                  return invalid(reply, QStringLiteral("mode must be octal, e.g. \"0755\""), path);
              // `recursive` is not supported yet: only the path itself changes.
              m_backend.chmod(name, path, *mode)
                  .then(this, [reply, path, mode](Status changed) mutable {
                      if (!changed)
                          return reply.fsError(changed.error(), shown(path));
                      const QJsonObject affected{{QStringLiteral("path"), shown(path)},
                                                 {QStringLiteral("mode"), octalMode(*mode)}};
                      reply.json(QJsonObject{{QStringLiteral("affected"), QJsonArray{affected}},
                                             {QStringLiteral("count"), 1}});
                  });
          });
}

} // namespace hangar::spritesapi
