#pragma once

#include "http/Router.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hangar::api {

// The bundled web page (resources/web, compiled in under the resource prefix /web):
// GET / answers index.html, GET /web/*path one of its assets with the Content-Type that fits.
// Both are public: the page signs in itself (POST /api/session) and holds only the cookie.
// Only files under the resource prefix are served; ".." and other odd segments get 404.
class WebPageController {
public:
    static void addRoutes(http::Router& router);

    // ":/web/<path>" for a well-formed asset path ("app.js", "img/logo.svg"), else nullopt.
    static std::optional<QString> resourcePath(const QString& assetPath);
    // "text/javascript; charset=utf-8" for "app.js"; application/octet-stream when unknown.
    static QByteArray contentType(const QString& fileName);

private:
    static void serve(const QString& assetPath, http::HttpReply reply);
};

} // namespace hangar::api
