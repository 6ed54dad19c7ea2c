// hangard: the headless Hangar — lifecycle engine, local backend and the console API,
// without QtWidgets.
#include "ConsoleServer.h"
#include "Engine.h"
#include "SignalHandler.h"
#include "config/KeychainSecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "spritesapi/SpritesApi.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace hangar;

namespace {

QString environmentHelp() {
    return QStringLiteral(
        "Environment:\n"
        "  SANDBOX_INACTIVITY_TIMEOUT_MS  idle time before auto-hibernation (default 1800000)\n"
        "  SANDBOX_SWEEP_INTERVAL_MS      how often the sweep runs (default 60000)\n"
        "  SANDBOX_NAME_PREFIX            prefix of {prefix}-{chatId}-{threadId} (default zuko)\n"
        "  WORKING_DIR                    working directory inside a sandbox (default /workspace)\n"
        "  HANGAR_PINNED_SANDBOX          every chat uses this sandbox (end-to-end tests)\n"
        "  HANGAR_DATA_DIR                database, local sandboxes, transcripts\n"
        "  HANGAR_DB_URL                  sqlite:///path or postgres://user@host:port/db\n"
        "  HANGAR_API_LISTEN              host:port of the console API (default 127.0.0.1:8377)\n"
        "  HANGAR_API_TOKEN               bearer token of the console API\n"
        "  SPRITES_ENABLED, SPRITES_TOKEN, SPRITES_API_BASE_URL   the Sprites backend\n"
        "    (without SPRITES_TOKEN the token is read from the system keychain, service\n"
        "    \"hangar\", key \"sprites-token\")\n");
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hangard"));
    QCoreApplication::setOrganizationName(QStringLiteral("hangar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HANGAR_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}"
                       "%{if-critical}error %{endif}%{category}: %{message}"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Headless Hangar: the sandbox lifecycle engine with the local backend.\n\n") +
        environmentHelp());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption spritesApiOption(
        QStringLiteral("sprites-api"),
        QStringLiteral("Also serve the Sprites-compatible API over the local backend on HOST:PORT "
                       "(same bearer token as the console API)."),
        QStringLiteral("HOST:PORT"));
    parser.addOption(spritesApiOption);
    parser.process(app);

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    auto config = Config::load(environment);
    if (!config) {
        std::fprintf(stderr, "hangard: %s\n", qPrintable(config.error().message));
        return 2;
    }
    // SPRITES_TOKEN, else the keychain; the engine is built once the keychain has answered.
    KeychainSecretStore keychain;
    keychain.setTimeoutMs(10'000); // headless: nobody is there to answer an unlock prompt
    auto secrets = EngineSecrets::resolve(config.value(), environment, keychain);
    if (!secrets) {
        std::fprintf(stderr, "hangard: %s\n", qPrintable(secrets.error().describe()));
        return 1;
    }
    for (const QString& warning : secrets.value().warnings)
        qWarning().noquote() << warning;
    auto engine = Engine::create(config.value(), nullptr, secrets.value());
    if (!engine) {
        std::fprintf(stderr, "hangard: %s\n", qPrintable(engine.error().describe()));
        return 1;
    }
    Engine& e = *engine.value();
    if (auto profiles = e.enableProfiles(keychain); !profiles) {
        std::fprintf(stderr, "hangard: %s\n", qPrintable(profiles.error().describe()));
        return 1;
    }

    SignalHandler signalHandler;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &app,
                     [&app](int signal) {
                         qInfo().noquote() << "received signal" << signal << "- shutting down";
                         app.quit();
                     });

    qInfo().noquote() << "hangard" << HANGAR_VERSION << "data" << e.config().dataDir << "database"
                      << e.store().url().describe();
    qInfo().noquote() << "local backend isolation:" << e.localBackend().isolation({});

    auto console = ConsoleServer::start(e);
    if (!console) {
        std::fprintf(stderr, "hangard: %s\n", qPrintable(console.error().describe()));
        return 1;
    }
    const ConsoleServer& server = *console.value();
    // Where to connect and where the token is; never the token itself.
    qInfo().noquote() << QStringLiteral("console API listening on %1api/").arg(server.url())
                      << (server.tokenFile().isEmpty()
                              ? QStringLiteral("(token from HANGAR_API_TOKEN)")
                              : QStringLiteral("(bearer token in ") + server.tokenFile() +
                                    QLatin1Char(')'));

    std::unique_ptr<spritesapi::SpritesApi> spritesApi;
    if (parser.isSet(spritesApiOption)) {
        spritesapi::SpritesApi::Options options;
        options.token = server.token();
        options.stateFile = e.config().dataDir + QStringLiteral("/sprites-api.json");
        spritesApi = std::make_unique<spritesapi::SpritesApi>(e.localBackend(), options);
        auto spritesAddress = spritesApi->listen(parser.value(spritesApiOption));
        if (!spritesAddress) {
            std::fprintf(stderr, "hangard: Sprites API: %s\n",
                         qPrintable(spritesAddress.error().message));
            return 1;
        }
        qInfo().noquote() << QStringLiteral("Sprites-compatible API listening on http://%1/v1/")
                                 .arg(spritesAddress.value());
    }

    e.start().then(&app, [&e](Result<void> r) {
        if (!r) {
            qCritical().noquote() << "start-up recovery failed:" << r.error().message;
            return;
        }
        qInfo().noquote() << "ready:" << e.lifecycle().sandboxes().value().size() << "sandboxes";
    });

    const int code = app.exec();
    qInfo().noquote() << "stopped";
    return code;
}
