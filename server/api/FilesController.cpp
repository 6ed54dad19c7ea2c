#include "FilesController.h"

#include "JsonCodec.h"
#include "RangedUploads.h"
#include "http/StreamSink.h"
#include "tools/SandboxTools.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
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
    , m_tools(tools)
    , m_uploads(new RangedUploads(tools, this)) {
}

void FilesController::addRoutes(http::Router& router) {
    using Method = QHttpServerRequest::Method;
    const QString pattern = QStringLiteral("/api/sandboxes/:id/fs/*path");
    router.add({Method::Get, pattern, http::Auth::Required,
                [this](const Request& r, HttpReply reply) { get(r, reply); }});
    router.add({Method::Put, pattern, http::Auth::Required,
                [this](const Request& r, HttpReply reply) { put(r, reply); }, kMaxUploadBytes});
    router.add({Method::Post, pattern, http::Auth::Required,
                [this](const Request& r, HttpReply reply) { post(r, reply); }});
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
    m_tools.stat(id, path).then(this, [this, id, path, reply](Result<FsEntry> entry) mutable {
        if (!entry)
            return reply.error(entry.error());
        if (entry.value().isDir) {
            return reply.error(makeError(ErrorCode::IsADirectory,
                                         QStringLiteral("is a directory (add ?list=true)"), path));
        }
        if (entry.value().size <= kSniffedReadBytes)
            return readWhole(id, path, reply);
        stream(id, path, entry.value().size, reply);
    });
}

void FilesController::readWhole(const QString& id, const QString& path, HttpReply reply) {
    m_tools.readFile(id, path).then(this, [reply, path](Result<QByteArray> r) mutable {
        if (!r)
            return reply.error(r.error());
        const QMimeType type = QMimeDatabase().mimeTypeForFileNameAndData(path, r.value());
        reply.bytes(r.value(), type.name().toLatin1());
    });
}

void FilesController::stream(const QString& id, const QString& path, qint64 size, HttpReply reply) {
    const QMimeType type = QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchExtension);
    if (!reply.beginStream(HttpReply::Status::Ok,
                           {{QByteArrayLiteral("Content-Type"), type.name().toLatin1()},
                            {QByteArrayLiteral("Content-Length"), QByteArray::number(size)}}))
        return;
    QTcpSocket* socket = reply.socket();
    auto* sink = new http::StreamSink(
        socket, [reply](const QByteArray& data) mutable { return reply.writeChunk(data); },
        [reply] { return reply.pendingBytes(); });
    FileTransfer* transfer = m_tools.download(id, path, sink);
    connect(transfer, &FileTransfer::finished, sink, [socket = QPointer(socket), sink] {
        if (socket)
            socket->disconnectFromHost(); // after what is still buffered has gone out
        sink->deleteLater();
    });
    connect(transfer, &FileTransfer::failed, sink, [socket = QPointer(socket), sink] {
        // Too late for an error status: a cut connection short of Content-Length says it.
        if (socket)
            socket->abort();
        sink->deleteLater();
    });
    connect(socket, &QTcpSocket::disconnected, transfer, &FileTransfer::cancel);
}

void FilesController::put(const Request& request, HttpReply reply) {
    WriteOptions options;
    options.makeParents = queryFlag(request, QStringLiteral("parents"));
    if (const QByteArray range = request.http.value(QByteArrayLiteral("Content-Range"));
        !range.isEmpty()) {
        const auto parsed = ContentRange::parse(range);
        if (!parsed)
            return reply.badRequest(
                QStringLiteral("Content-Range must read \"bytes FIRST-LAST/TOTAL\""));
        return m_uploads->put(request.param(QStringLiteral("id")), sandboxPath(request), *parsed,
                              request.http.body(), options, reply);
    }
    // QHttpServer 6.4 hands over the whole body at once (hence the upload limit); from here
    // on it goes into the sandbox in pieces, replacing the file only when complete.
    auto* body = new QBuffer(this);
    body->setData(request.http.body());
    body->open(QIODevice::ReadOnly);
    FileTransfer* transfer =
        m_tools.upload(request.param(QStringLiteral("id")), sandboxPath(request), body, options);
    connect(transfer, &FileTransfer::finished, body, [reply, body]() mutable {
        reply.noContent();
        body->deleteLater();
    });
    connect(transfer, &FileTransfer::failed, body, [reply, body](const Error& error) mutable {
        reply.error(error);
        body->deleteLater();
    });
}

void FilesController::post(const Request& request, HttpReply reply) {
    const QString id = request.param(QStringLiteral("id"));
    const QString path = sandboxPath(request);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.http.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return reply.badRequest(QStringLiteral("the body must be a JSON object"));
    const QJsonObject body = doc.object();
    const QJsonValue op = body.value(QStringLiteral("op"));
    if (!op.isString())
        return reply.badRequest(QStringLiteral("\"op\" must be a string: rename, chmod or mkdir"));
    auto answer = [reply](Result<void> r) mutable {
        if (!r)
            return reply.error(r.error());
        reply.noContent();
    };
    if (op.toString() == QLatin1String("mkdir"))
        return void(m_tools.mkdir(id, path).then(this, answer));
    if (op.toString() == QLatin1String("rename")) {
        const QJsonValue to = body.value(QStringLiteral("to"));
        if (!to.isString())
            return reply.badRequest(QStringLiteral("rename needs \"to\" as a string"));
        if (to.toString().isEmpty())
            return reply.invalidValue(QStringLiteral("\"to\" is empty"));
        return void(m_tools.rename(id, path, to.toString()).then(this, answer));
    }
    if (op.toString() == QLatin1String("chmod")) {
        const QJsonValue mode = body.value(QStringLiteral("mode"));
        if (!mode.isString())
            return reply.badRequest(QStringLiteral("chmod needs \"mode\" as an octal string"));
        bool ok = false;
        const uint bits = mode.toString().toUInt(&ok, 8);
        if (!ok || bits > 07777)
            return reply.invalidValue(QStringLiteral("\"mode\" must be octal, 0 to 7777"));
        return void(m_tools.chmod(id, path, bits).then(this, answer));
    }
    reply.invalidValue(
        QStringLiteral("unknown op \"%1\": rename, chmod or mkdir").arg(op.toString()));
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
