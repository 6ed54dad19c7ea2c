#include "Engine.h"

#include "accounts/AccountManager.h"
#include "config/SecretStore.h"
#include "config/TokenSource.h"
#include "lifecycle/FleetHealth.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "profiles/ProfileProvisioner.h"
#include "profiles/ProfileStore.h"
#include "sprites/SpritesBackend.h"
#include "sprites/SpritesClient.h"
#include "store/Store.h"
#include "tools/SandboxTools.h"
#include "util/Async.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>
#include <limits>

namespace hangar {

namespace {

// Each named account's token from `store`, waiting for each answer in a local event loop.
Status readAccountTokens(const Config& config, SecretStore& store, EngineSecrets& secrets) {
    auto named = AccountFile(AccountFile::pathIn(config.dataDir)).load();
    if (!named)
        return named.error();
    for (const SpritesAccount& account : named.value()) {
        Task<QString> token = store.read(accounts::tokenSecretKey(account.id));
        if (!token.isFinished()) {
            QEventLoop loop;
            token.then(&loop, [&loop](const Result<QString>&) { loop.quit(); });
            loop.exec();
        }
        const Result<QString> read =
            token.resultCount() > 0 ? token.result()
                                    : Result<QString>(makeError(ErrorCode::Cancelled, QString()));
        if (read && !read.value().isEmpty()) {
            secrets.accountTokens.insert(account.id, read.value());
        } else {
            secrets.warnings.append(
                QCoreApplication::translate("hangar::Engine",
                                            "Sprites account \"%1\" is unavailable: its token "
                                            "could not be read from %2.")
                    .arg(account.name, store.description()));
        }
    }
    return {};
}

} // namespace

EngineSecrets EngineSecrets::fromEnvironment(const QProcessEnvironment& environment) {
    EngineSecrets secrets;
    secrets.spritesToken = environment.value(env::spritesToken);
    return secrets;
}

Result<EngineSecrets> EngineSecrets::resolve(const Config& config,
                                             const QProcessEnvironment& environment,
                                             SecretStore& store) {
    Task<SpritesToken> token = resolveSpritesToken(config, environment, &store);
    if (!token.isFinished()) {
        QEventLoop loop;
        token.then(&loop, [&loop](const Result<SpritesToken>&) { loop.quit(); });
        loop.exec();
    }
    if (token.isCanceled() || token.resultCount() == 0)
        return makeError(ErrorCode::Cancelled,
                         QStringLiteral("reading the Sprites token was cancelled"));
    Result<SpritesToken> result = token.result();
    if (!result)
        return result.error();
    EngineSecrets secrets;
    secrets.spritesToken = result.value().value;
    secrets.store = &store;
    if (!result.value().warning.isEmpty())
        secrets.warnings.append(result.value().warning);
    if (auto read = readAccountTokens(config, store, secrets); !read)
        return read.error();
    return secrets;
}

Engine::Engine(Config config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config)) {
}

Engine::~Engine() {
    // The engine goes first: it holds pointers to the backends and the store.
    if (m_lifecycle)
        m_lifecycle->setPreparer(nullptr);
    delete m_provisioner;
    delete m_profiles;
    delete m_fleet;
    delete m_tools;
    delete m_accounts;
    delete m_lifecycle;
    delete m_sprites;
    delete m_local;
}

namespace {

// This data directory's name among the instances sharing a database, kept across restarts: a
// hangar or hangard killed mid-operation gets its claims back when it starts again.
Result<QString> persistentInstanceId(const QString& dataDir) {
    QFile file(dataDir + QStringLiteral("/instance-id"));
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(file.readAll()).trimmed();
        if (!QUuid::fromString(id).isNull())
            return id;
        file.close();
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSaveFile out(file.fileName());
    if (!out.open(QIODevice::WriteOnly) || out.write(id.toLatin1()) < 0 || !out.commit()) {
        return makeError(
            ErrorCode::Io,
            QStringLiteral("cannot write %1: %2").arg(file.fileName(), out.errorString()));
    }
    return id;
}

} // namespace

Result<std::unique_ptr<Engine>> Engine::create(const Config& config, QObject* parent,
                                               const EngineSecrets& secrets) {
    std::unique_ptr<Engine> engine(new Engine(config, parent));
    if (!QDir().mkpath(config.dataDir)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the data directory %1").arg(config.dataDir));
    }
    auto url = DatabaseUrl::parse(config.dbUrl);
    if (!url)
        return url.error();
    auto instance = persistentInstanceId(config.dataDir);
    if (!instance)
        return instance.error();
    auto store = Store::open(url.value(), instance.value());
    if (!store)
        return store.error();
    engine->m_store = std::move(store).value();
    if (auto released = engine->m_store->releaseOwnClaims(); !released)
        return released.error();

    LocalBackend::Options local;
    local.dataDir = config.dataDir;
    local.workingDir = config.workingDir;
    engine->m_local = new LocalBackend(local);

    const QString& spritesToken = secrets.spritesToken;
    if (config.spritesEnabled && spritesToken.isEmpty())
        return makeError(ErrorCode::InvalidArgument, missingSpritesTokenMessage());
    if (!spritesToken.isEmpty()) {
        sprites::SpritesBackend::Options sprites;
        sprites.client.baseUrl = QUrl(config.spritesApiBaseUrl);
        sprites.client.token = spritesToken;
        // The local default (/workspace) does not exist on a sprite; an explicit one is kept.
        if (config.sourceOf(env::workingDir) != Config::Source::Default)
            sprites.workingDir = config.workingDir;
        engine->m_sprites = new sprites::SpritesBackend(sprites);
    }

    LifecycleOptions options;
    options.namePrefix = config.namePrefix;
    options.pinnedSandbox = config.pinnedSandbox;
    options.defaultBackend = config.defaultBackend();
    options.inactivityTimeoutMs = config.inactivityTimeoutMs;
    options.sweepIntervalMs = config.sweepIntervalMs;
    engine->m_lifecycle = new LifecycleService(*engine->m_store, engine->m_clock, options);
    engine->m_lifecycle->addBackend(engine->m_local);
    if (engine->m_sprites)
        engine->m_lifecycle->addBackend(engine->m_sprites);
    AccountManager::Options accounts;
    accounts.file = AccountFile::pathIn(config.dataDir);
    if (config.sourceOf(env::workingDir) != Config::Source::Default)
        accounts.workingDir = config.workingDir;
    engine->m_accounts = new AccountManager(*engine->m_lifecycle, secrets.store, accounts);
    if (auto loaded = engine->m_accounts->load(secrets.accountTokens); !loaded)
        return loaded.error();
    engine->m_tools = new SandboxTools(*engine->m_lifecycle);
    engine->addFleetHealth();
    return engine;
}

void Engine::addFleetHealth() {
    m_fleet = new FleetHealth(*m_lifecycle);
    LocalBackend* local = m_local;
    m_fleet->setMachineLister(local->kind(), [local] { return local->machines(); });
    if (sprites::SpritesBackend* backend = m_sprites) {
        // Only sprites named like ours can be orphans; the provider filters by prefix.
        m_fleet->setMachineLister(
            backend->kind(),
            AccountManager::machineLister(backend, m_config.namePrefix + QLatin1Char('-')));
    }
    m_accounts->setFleetHealth(m_fleet);
}

Status Engine::enableProfiles(SecretStore& secrets) {
    if (m_profiles)
        return {};
    auto* profiles = new ProfileStore(*m_store, secrets);
    if (auto st = profiles->ensureDefault(); !st) {
        delete profiles;
        return st;
    }
    m_profiles = profiles;
    m_provisioner = new ProfileProvisioner(*m_lifecycle, *m_profiles);
    m_lifecycle->setPreparer(m_provisioner);
    return {};
}

Task<void> Engine::start() {
    m_fleet->startProbing(static_cast<int>(
        std::min<qint64>(m_config.healthProbeIntervalMs, std::numeric_limits<int>::max())));
    return m_lifecycle->start();
}

} // namespace hangar
