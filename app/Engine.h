#pragma once

#include "config/Config.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>

#include <memory>

namespace hangar {

class Store;
class LifecycleService;
class LocalBackend;
class SandboxTools;
namespace sprites {
class SpritesBackend;
}

// The wiring shared by both executables: configuration -> store -> backends -> engine -> tools.
// Owns everything it builds; destroy it to shut down cleanly.
class Engine : public QObject {
    Q_OBJECT
public:
    // The Sprites token comes from `environment` (SPRITES_TOKEN; the keychain later) and is
    // never logged; with one, a SpritesBackend is registered, and SPRITES_ENABLED=true makes it
    // the default backend (an error without a token).
    static Result<std::unique_ptr<Engine>>
    create(const Config& config, QObject* parent = nullptr,
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    ~Engine() override;

    const Config& config() const { return m_config; }
    Store& store() const { return *m_store; }
    LifecycleService& lifecycle() const { return *m_lifecycle; }
    SandboxTools& tools() const { return *m_tools; }
    LocalBackend& localBackend() const { return *m_local; }
    // Registered when a Sprites token is available (SPRITES_TOKEN); nullptr otherwise.
    sprites::SpritesBackend* spritesBackend() const { return m_sprites; }

    // Recovers sandboxes a crash left mid-transition, then starts the inactivity sweep.
    Task<void> start();

private:
    explicit Engine(Config config, QObject* parent);

    Config m_config;
    SystemClock m_clock;
    std::unique_ptr<Store> m_store;
    LocalBackend* m_local = nullptr;
    sprites::SpritesBackend* m_sprites = nullptr;
    LifecycleService* m_lifecycle = nullptr;
    SandboxTools* m_tools = nullptr;
};

} // namespace hangar
