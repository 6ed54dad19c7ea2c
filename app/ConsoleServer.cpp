#include "ConsoleServer.h"

#include "Engine.h"
#include "api/ConsoleApi.h"
#include "http/ApiToken.h"
#include "terminal/TerminalHub.h"
#include "terminal/TranscriptStore.h"

namespace hangar {

ConsoleServer::ConsoleServer(QObject* parent)
    : QObject(parent) {
}

ConsoleServer::~ConsoleServer() {
    // The API holds references into the terminal hub: it goes first.
    m_api.reset();
    m_ownTerminals.reset();
    m_transcripts.reset();
}

Result<std::unique_ptr<ConsoleServer>> ConsoleServer::start(Engine& engine,
                                                            const QProcessEnvironment& environment,
                                                            TerminalHub* sharedTerminals,
                                                            QObject* parent) {
    auto token = http::ApiToken::resolve(environment.value(env::apiToken), engine.config().dataDir);
    if (!token)
        return token.error();

    std::unique_ptr<ConsoleServer> server(new ConsoleServer(parent));
    server->m_token = token.value().value;
    server->m_tokenFile = token.value().file;
    TerminalHub* terminals = sharedTerminals;
    if (!terminals) {
        server->m_transcripts = std::make_unique<TranscriptStore>(engine.config().dataDir +
                                                                  QStringLiteral("/transcripts"));
        server->m_ownTerminals = std::make_unique<TerminalHub>(engine.lifecycle());
        server->m_ownTerminals->setTranscripts(server->m_transcripts.get());
        terminals = server->m_ownTerminals.get();
    }
    api::ConsoleApiOptions options;
    options.corsOrigins = engine.config().apiCorsOrigins;
    options.fleet = &engine.fleetHealth();
    options.profiles = engine.profiles();
    options.accounts = &engine.accounts();
    server->m_api = std::make_unique<api::ConsoleApi>(engine.lifecycle(), engine.tools(),
                                                      *terminals, server->m_token, options);
    auto address = server->m_api->listen(engine.config().apiListen);
    if (!address) {
        return makeError(address.error().code,
                         QStringLiteral("console API: %1").arg(address.error().message));
    }
    server->m_address = address.value();
    return server;
}

} // namespace hangar
