#include "WebPageController.h"

#include <QFile>
#include <QFileInfo>

namespace hangar::api {

void WebPageController::addRoutes(http::Router& router) {
    using Method = QHttpServerRequest::Method;
    router.add({Method::Get, QStringLiteral("/"), http::Auth::Public,
                [](const http::Request&, http::HttpReply reply) {
                    serve(QStringLiteral("index.html"), std::move(reply));
                }});
    router.add({Method::Get, QStringLiteral("/web/*path"), http::Auth::Public,
                [](const http::Request& request, http::HttpReply reply) {
                    serve(request.param(QStringLiteral("path")), std::move(reply));
                }});
}

std::optional<QString> WebPageController::resourcePath(const QString& assetPath) {
    if (assetPath.isEmpty() || assetPath.size() > 200)
        return std::nullopt;
    // The router hands over decoded segments joined by '/': every one must be a plain name.
    const QStringList segments = assetPath.split(QLatin1Char('/'));
    for (const QString& segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return std::nullopt;
        for (const QChar c : segment) {
            const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                               (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                               c == QLatin1Char('.') || c == QLatin1Char('-') ||
                               c == QLatin1Char('_');
            if (!plain)
                return std::nullopt;
        }
    }
    return QStringLiteral(":/web/") + assetPath;
}

QByteArray WebPageController::contentType(const QString& fileName) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("html"))
        return QByteArrayLiteral("text/html; charset=utf-8");
    if (suffix == QLatin1String("js") || suffix == QLatin1String("mjs"))
        return QByteArrayLiteral("text/javascript; charset=utf-8");
    if (suffix == QLatin1String("css"))
        return QByteArrayLiteral("text/css; charset=utf-8");
    if (suffix == QLatin1String("svg"))
        return QByteArrayLiteral("image/svg+xml");
    if (suffix == QLatin1String("png"))
        return QByteArrayLiteral("image/png");
    if (suffix == QLatin1String("json"))
        return QByteArrayLiteral("application/json");
    return QByteArrayLiteral("application/octet-stream");
}

void WebPageController::serve(const QString& assetPath, http::HttpReply reply) {
    const auto path = resourcePath(assetPath);
    QFile file(path.value_or(QString()));
    if (!path || QFileInfo(*path).isDir() || !file.open(QIODevice::ReadOnly)) {
        reply.error(http::HttpReply::Status::NotFound, QStringLiteral("not_found"),
                    QStringLiteral("no such page asset: %1").arg(assetPath.left(200)));
        return;
    }
    // Small files, compiled in: no caching, so a new hangard never serves a stale page.
    reply.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    reply.bytes(file.readAll(), contentType(assetPath));
}

} // namespace hangar::api
