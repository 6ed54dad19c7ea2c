#pragma once

#include "config/Config.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

namespace hangar {

class AccountManager;
class FleetHealth;
class ProfileProvisioner;
class ProfileStore;
class SecretStore;
class Store;
class LifecycleService;
class LocalBackend;
class SandboxTools;
namespace sprites {
class SpritesBackend;
}

// Secrets the engine needs, resolved by the caller before the engine is built (the keychain
// answers asynchronously). Values are never logged.
struct EngineSecrets {
    QString spritesToken; // empty: no Sprites backend
    // The named accounts' tokens (account id -> token); an account without one is listed but
    // has no backend until it gets a token.
    QHash<QString, QString> accountTokens;
    // Where account tokens are written when accounts are added or changed at run time; without
    // one, account changes that need a token are refused.
    SecretStore* store = nullptr;
    // Not fatal, but worth showing (e.g. "the keychain could not be reached").
    QStringList warnings;

    // SPRITES_TOKEN only, without asking the keychain.
    static EngineSecrets fromEnvironment(
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    // SPRITES_TOKEN, else `store` (see resolveSpritesToken), and each named account's token
    // from `store` (a missing one is a warning). Waits for the store by running a local event
    // loop, so it is for main() before the application's loop runs.
    static Result<EngineSecrets>
    resolve(const Config& config, const QProcessEnvironment& environment, SecretStore& store);
};

// The wiring shared by both executables: configuration -> store -> backends -> engine -> tools.
// Owns everything it builds; destroy it to shut down cleanly.
class Engine : public QObject {
    Q_OBJECT
public:
    // With a Sprites token in `secrets`, a SpritesBackend is registered, and SPRITES_ENABLED=true
    // makes it the default backend (an error without a token). The default `secrets` read
    // SPRITES_TOKEN only; callers that want the keychain too pass EngineSecrets::resolve().
    static Result<std::unique_ptr<Engine>>
    create(const Config& config, QObject* parent = nullptr,
           const EngineSecrets& secrets = EngineSecrets::fromEnvironment());
    ~Engine() override;

    const Config& config() const { return m_config; }
    Store& store() const { return *m_store; }
    LifecycleService& lifecycle() const { return *m_lifecycle; }
    SandboxTools& tools() const { return *m_tools; }
    // Ghosts, orphans and drift on every backend, and the probe marking unanswering sandboxes
    // degraded (started by start()).
    FleetHealth& fleetHealth() const { return *m_fleet; }
    LocalBackend& localBackend() const { return *m_local; }
    // Registered when a Sprites token is available (SPRITES_TOKEN or the keychain); nullptr
    // otherwise.
    sprites::SpritesBackend* spritesBackend() const { return m_sprites; }
    // The local backend, the environment's Sprites backend and the named Sprites accounts
    // (<data dir>/accounts.ini); adding, changing or removing one takes effect at once.
    AccountManager& accounts() const { return *m_accounts; }

    // Profiles in the store, their secrets in `secrets` (not owned; it must outlive the
    // engine), applied to every sandbox the engine provisions or restores; creates the default
    // profile on first use. Until then sandboxes get nothing beyond what their provider does.
    Status enableProfiles(SecretStore& secrets);
    // nullptr until enableProfiles().
    ProfileStore* profiles() const { return m_profiles; }

    // Recovers sandboxes a crash left mid-transition, then starts the inactivity sweep and the
    // health probe.
    Task<void> start();

private:
    explicit Engine(Config config, QObject* parent);
    void addFleetHealth();

    Config m_config;
    SystemClock m_clock;
    std::unique_ptr<Store> m_store;
    LocalBackend* m_local = nullptr;
    sprites::SpritesBackend* m_sprites = nullptr;
    LifecycleService* m_lifecycle = nullptr;
    SandboxTools* m_tools = nullptr;
    FleetHealth* m_fleet = nullptr;
    ProfileStore* m_profiles = nullptr;
    ProfileProvisioner* m_provisioner = nullptr;
    AccountManager* m_accounts = nullptr;
};

} // namespace hangar
