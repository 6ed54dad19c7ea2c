#include "ConsoleApi.h"

#include "SandboxesController.h"

#include <QJsonObject>

namespace hangar::api {

ConsoleApi::ConsoleApi(LifecycleService& engine, const QString& token, QObject* parent) : QObject(parent)
{
    m_sandboxes = new SandboxesController(engine, this);

    http::Router router;
    router.add({QHttpServerRequest::Method::Get, QStringLiteral("/api/version"), http::Auth::Required,
                [](const http::Request&, http::HttpReply reply) {
                    reply.json(QJsonObject{{QStringLiteral("apiVersion"), kVersion},
                                           {QStringLiteral("hangar"), QStringLiteral(HANGAR_VERSION)}});
                }});
    m_sandboxes->addRoutes(router);
    m_server = new http::HttpServer(std::move(router), token, {}, this);
}

ConsoleApi::~ConsoleApi() = default;

} // namespace hangar::api
