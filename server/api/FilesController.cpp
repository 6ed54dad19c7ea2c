#include "FilesController.h"

#include "JsonCodec.h"
#include "tools/SandboxTools.h"

#include <QJsonArray>
#include <QMimeDatabase>
#include <QUrlQuery>

namespace hangar::api {

using http::HttpReply;
using http::Request;

namespace {

// The sandbox path of a request: the wildcard, relative to the working directory.
QString sandboxPath(const Request& request) {
    const QString path = request.param(QStringLiteral("path"));
    return path.isEmpty() ? QStringLiteral(".") : path;
}

} // namespace

bool queryFlag(const Request& request, const QString& name) {
    const QUrlQuery query = request.http.query();
    if (!query.hasQueryItem(name))
        return false;
    const QString value = query.queryItemValue(name).toLower();
    return value != QLatin1String("false") && value != QLatin1String("0");
}

FilesController::FilesController(SandboxTools& tools, QObject* parent)
    : QObject(parent)
    , m_tools(tools) {
}

void FilesController::addRoutes(http::Router& router) {
    using Method = QHttpServerRequest::Method;
    const QString pattern = QStringLiteral("/api/sandboxes/:id/fs/*path");
    router.add({Method::Get, pattern, http::Auth::Required,
                [this](const Request& r, HttpReply reply) { get(r, reply); }});
    router.add({Method::Put, pattern, http::Auth::Required,
                [this](const Request& r, HttpReply reply) { put(r, reply); }, kMaxUploadBytes});
    router.add({Method::Delete, pattern, http::Auth::Required,
                [this](const Request& r, HttpReply reply) { remove(r, reply); }});
}

void FilesController::get(const Request& request, HttpReply reply) {
    const QString id = request.param(QStringLiteral("id"));
    const QString path = sandboxPath(request);
    if (queryFlag(request, QStringLiteral("list"))) {
        m_tools.readdir(id, path).then(this, [reply, path](Result<QList<FsEntry>> r) mutable {
            if (!r)
                return reply.error(r.error());
            QJsonArray entries;
            for (const FsEntry& e : r.value())
                entries.append(toJson(e));
            reply.json(
                QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("entries"), entries}});
        });
        return;
    }
    if (queryFlag(request, QStringLiteral("stat"))) {
        m_tools.stat(id, path).then(this, [reply](Result<FsEntry> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.json(toJson(r.value()));
        });
        return;
    }
    m_tools.readFile(id, path).then(this, [reply, path](Result<QByteArray> r) mutable {
        if (!r)
            return reply.error(r.error());
        const QMimeType type = QMimeDatabase().mimeTypeForFileNameAndData(path, r.value());
        reply.bytes(r.value(), type.name().toLatin1());
    });
}

void FilesController::put(const Request& request, HttpReply reply) {
    WriteOptions options;
    options.makeParents = queryFlag(request, QStringLiteral("parents"));
    m_tools
        .writeFile(request.param(QStringLiteral("id")), sandboxPath(request), request.http.body(),
                   options)
        .then(this, [reply](Result<void> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.noContent();
        });
}

void FilesController::remove(const Request& request, HttpReply reply) {
    m_tools
        .remove(request.param(QStringLiteral("id")), sandboxPath(request),
                queryFlag(request, QStringLiteral("recursive")))
        .then(this, [reply](Result<void> r) mutable {
            if (!r)
                return reply.error(r.error());
            reply.noContent();
        });
}

} // namespace hangar::api
