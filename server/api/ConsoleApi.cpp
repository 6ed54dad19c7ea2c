#include "ConsoleApi.h"

#include "AccountsController.h"
#include "EventsController.h"
#include "FilesController.h"
#include "FleetController.h"
#include "ProfilesController.h"
#include "SandboxAdminController.h"
#include "SandboxesController.h"
#include "TerminalController.h"
#include "ToolsController.h"
#include "WebPageController.h"
#include "lifecycle/FleetHealth.h"
#include "tools/SandboxAdmin.h"

#include <QJsonObject>

namespace hangar::api {

ConsoleApi::ConsoleApi(LifecycleService& engine, SandboxTools& tools, TerminalHub& terminals,
                       const QString& token, ConsoleApiOptions options, QObject* parent)
    : QObject(parent) {
    m_sandboxes = new SandboxesController(engine, this);
    m_sandboxes->setAccounts(options.accounts);
    m_accounts = new AccountsController(engine, options.accounts, this);
    m_events = new EventsController(engine, options.sse, this);
    m_files = new FilesController(tools, this);
    m_tools = new ToolsController(tools, this);
    m_terminals = new TerminalController(terminals, options.sse, this);
    m_fleet = options.fleet ? options.fleet : new FleetHealth(engine, this);
    m_fleetController = new FleetController(*m_fleet, this);
    m_admin = new SandboxAdminController(*new SandboxAdmin(engine, this), this);

    m_router.add({QHttpServerRequest::Method::Get, QStringLiteral("/api/version"),
                  http::Auth::Required, [](const http::Request&, http::HttpReply reply) {
                      reply.json(
                          QJsonObject{{QStringLiteral("apiVersion"), kVersion},
                                      {QStringLiteral("hangar"), QStringLiteral(HANGAR_VERSION)}});
                  }});
    addSessionRoutes();
    m_sandboxes->addRoutes(m_router);
    m_events->addRoutes(m_router);
    m_files->addRoutes(m_router);
    m_tools->addRoutes(m_router);
    m_terminals->addRoutes(m_router);
    m_fleetController->addRoutes(m_router);
    m_admin->addRoutes(m_router);
    m_accounts->addRoutes(m_router);
    if (options.profiles) {
        m_profiles = new ProfilesController(*options.profiles, this);
        m_profiles->addRoutes(m_router);
    }
    WebPageController::addRoutes(m_router);
    m_server = new http::HttpServer(m_router, token, http::RequestGuard(options.corsOrigins),
                                    &m_cookieSessions, {}, this);
}

ConsoleApi::~ConsoleApi() = default;

void ConsoleApi::addSessionRoutes() {
    using Method = QHttpServerRequest::Method;
    // Sign in: a client that holds the token trades it for an HttpOnly cookie.
    m_router.add({Method::Post, QStringLiteral("/api/session"), http::Auth::Required,
                  [this](const http::Request&, http::HttpReply reply) {
                      reply.addHeader(
                          QByteArrayLiteral("Set-Cookie"),
                          http::CookieSessions::setCookieHeader(m_cookieSessions.create()));
                      reply.json(QJsonObject{{QStringLiteral("signedIn"), true}});
                  }});
    m_router.add({Method::Delete, QStringLiteral("/api/session"), http::Auth::Required,
                  [this](const http::Request& request, http::HttpReply reply) {
                      m_cookieSessions.remove(http::CookieSessions::sessionOf(request.http));
                      reply.addHeader(QByteArrayLiteral("Set-Cookie"),
                                      http::CookieSessions::clearCookieHeader());
                      reply.noContent();
                  }});
}

int ConsoleApi::eventListenerCount() const {
    return m_events->listenerCount();
}

} // namespace hangar::api
