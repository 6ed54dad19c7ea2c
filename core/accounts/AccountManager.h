#pragma once

#include "SpritesAccount.h"
#include "lifecycle/FleetHealth.h"
#include "util/Async.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace hangar {

class LifecycleService;
class SecretStore;
namespace sprites {
class SpritesBackend;
}

// One account as the console shows it: the local backend, the environment's Sprites backend or
// a named Sprites account. Never carries a token.
struct AccountInfo {
    QString key;  // what Sandbox::backend holds: "local", "sprites", "sprites:<id>"
    QString kind; // "local" or "sprites"
    QString id;   // a named account's id; empty for the other two
    QString name;
    QString organization;
    QString baseUrl;
    bool named = false;     // added by an operator: can be edited and removed
    bool available = false; // its backend is registered (a named account without a token is not)
    bool isDefault = false; // new sandboxes go here unless told otherwise
    QString problem;        // why it is not available
};

// The accounts beside the local backend, changed at run time without a restart: adding one
// registers a SpritesBackend with the lifecycle engine under its key at once, editing its URL or
// token replaces that backend, removing it (refused while sandboxes belong to it) unregisters
// it. Names, organizations and URLs go to the accounts file (AccountFile), tokens to the secret
// store; neither a token nor a secret store key ever reaches a log.
class AccountManager : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString file;       // AccountFile path
        QString workingDir; // inside a sprite; empty: the Sprites default
    };

    // `secrets` may be null: the accounts in the file are still served with the tokens load()
    // is given, but adding or changing a token is refused.
    AccountManager(LifecycleService& lifecycle, SecretStore* secrets, Options options,
                   QObject* parent = nullptr);
    ~AccountManager() override;

    // Reads the file and registers a backend for each account with a token in `tokens` (id ->
    // token, read by the caller); the others are listed as unavailable. Applies the file's
    // default account when it names an available one.
    Status load(const QHash<QString, QString>& tokens);
    // Registers each named account's machine lister, now and for accounts added later.
    void setFleetHealth(FleetHealth* fleet);

    QString file() const { return m_options.file; }
    // "local", then "sprites" when the engine has it, then the named accounts in order.
    QList<AccountInfo> accounts() const;
    std::optional<AccountInfo> account(const QString& key) const;
    QList<SpritesAccount> namedAccounts() const { return m_accounts; }
    sprites::SpritesBackend* backendOf(const QString& id) const;

    // The token is required. Errors: InvalidArgument (a field), AlreadyExists (the id), the
    // secret store's own error (nothing is changed then).
    Task<AccountInfo> add(const SpritesAccount& account, const QString& token);
    // The account with `account.id`; a token replaces the stored one, none keeps it.
    Task<AccountInfo> update(const SpritesAccount& account,
                             const std::optional<QString>& token = std::nullopt);
    // Refused (Conflict, naming them) while sandboxes belong to the account.
    Task<void> remove(const QString& id);
    // Where new sandboxes go: an available account's key. Persisted.
    Status setDefaultAccount(const QString& key);
    QString defaultAccount() const;

    // The sprites named `prefix`... of `backend`, for fleet health's orphan search; an empty
    // list once the backend is gone.
    static FleetHealth::MachineLister machineLister(sprites::SpritesBackend* backend,
                                                    const QString& prefix);

signals:
    // Any account added, changed, removed, or the default switched.
    void accountsChanged();

private:
    std::optional<qsizetype> indexOf(const QString& id) const;
    Status save() const;
    void registerBackend(const SpritesAccount& account, const QString& token);
    void unregisterBackend(const QString& id);
    void addMachineLister(const QString& key, sprites::SpritesBackend* backend);
    AccountInfo infoOf(const SpritesAccount& account) const;
    Status checkWritable() const;

    LifecycleService& m_lifecycle;
    QPointer<SecretStore> m_secrets;
    Options m_options;
    QPointer<FleetHealth> m_fleet;
    QList<SpritesAccount> m_accounts;
    QHash<QString, sprites::SpritesBackend*> m_backends; // id -> backend (owned)
    QHash<QString, QString> m_tokens;                    // id -> token, in memory only
    QSet<QString> m_busy;                                // ids with a change under way
    QString m_fallbackDefault;                           // the configuration's default
};

} // namespace hangar
