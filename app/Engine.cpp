#include "Engine.h"

#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "store/Store.h"
#include "tools/SandboxTools.h"

#include <QDir>

namespace hangar {

Engine::Engine(Config config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config)) {
}

Engine::~Engine() {
    // The engine goes first: it holds pointers to the backends and the store.
    delete m_tools;
    delete m_lifecycle;
    delete m_local;
}

Result<std::unique_ptr<Engine>> Engine::create(const Config& config, QObject* parent) {
    std::unique_ptr<Engine> engine(new Engine(config, parent));
    if (!QDir().mkpath(config.dataDir)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the data directory %1").arg(config.dataDir));
    }
    auto url = DatabaseUrl::parse(config.dbUrl);
    if (!url)
        return url.error();
    auto store = Store::open(url.value());
    if (!store)
        return store.error();
    engine->m_store = std::move(store).value();

    LocalBackend::Options local;
    local.dataDir = config.dataDir;
    local.workingDir = config.workingDir;
    engine->m_local = new LocalBackend(local);

    LifecycleOptions options;
    options.namePrefix = config.namePrefix;
    options.pinnedSandbox = config.pinnedSandbox;
    options.defaultBackend =
        QStringLiteral("local"); // the Sprites backend registers itself once it exists
    options.inactivityTimeoutMs = config.inactivityTimeoutMs;
    options.sweepIntervalMs = config.sweepIntervalMs;
    engine->m_lifecycle = new LifecycleService(*engine->m_store, engine->m_clock, options);
    engine->m_lifecycle->addBackend(engine->m_local);
    engine->m_tools = new SandboxTools(*engine->m_lifecycle);
    return engine;
}

Task<void> Engine::start() {
    return m_lifecycle->start();
}

} // namespace hangar
