#pragma once

#include "Profile.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace hangar {

class SecretStore;
class Store;

// An SSH key pair in OpenSSH format.
struct KeyPair {
    QString privateKey;
    QString publicKey;
};

// Profiles in the store's database (table `profiles`, the profile as JSON without secret
// values) and which profile each sandbox was created from (table `sandbox_profiles`). Secret
// values, imported private keys and the key pairs generated per sandbox live in the
// SecretStore only, under
//   profile/<profile id>/secret/<NAME>, profile/<profile id>/key/<name>,
//   sandbox/<sandbox id>/key/<name> (and .../key/<name>.pub)
// so they never reach the database, the settings or a log.
//
// The default profile (id "default", empty) always exists and cannot be deleted.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    ProfileStore(Store& store, SecretStore& secrets, QObject* parent = nullptr);

    // Creates the default profile when the database has none.
    Status ensureDefault();

    Result<QList<Profile>> profiles();
    Result<Profile> profile(const QString& id);
    Result<std::optional<Profile>> profileByName(const QString& name);
    // Validates and stores a new profile under a fresh id (the given one is ignored).
    Result<Profile> create(Profile profile);
    // Validates and replaces the profile of that id. Secrets and imported keys the profile no
    // longer lists are removed from the secret store.
    Result<Profile> update(const Profile& profile);
    // Refused for the default profile and for a profile sandboxes were created from.
    Status remove(const QString& id);

    // --- secret values (write-only from the outside, read by the provisioner) -----------
    // The name must be one of the profile's secrets.
    Task<void> setSecret(const QString& profileId, const QString& name, const QString& value);
    // The private half of an imported key.
    Task<void> setImportedKey(const QString& profileId, const QString& keyName,
                              const QString& privateKey);
    // Every secret of the profile by name. A secret without a value is an error naming it.
    Task<QMap<QString, QString>> secretValues(const Profile& profile);
    Task<QString> importedKey(const QString& profileId, const QString& keyName);
    // Which of the profile's secrets have a value (for the editor and the API).
    Task<QStringList> secretsSet(const Profile& profile);

    // The key pair generated for a sandbox, if one was.
    Task<std::optional<KeyPair>> sandboxKey(const QString& sandboxId, const QString& keyName);
    Task<void> setSandboxKey(const QString& sandboxId, const QString& keyName, const KeyPair& pair);

    // --- which profile a sandbox was created from ----------------------------------------
    Status assign(const QString& sandboxId, const QString& profileId);
    // The default profile for a sandbox created before profiles existed.
    Result<Profile> profileOf(const QString& sandboxId);
    Result<int> sandboxCount(const QString& profileId);

    SecretStore& secrets() const { return m_secrets; }

    static QString secretKey(const QString& profileId, const QString& name);
    static QString importedKeyKey(const QString& profileId, const QString& keyName);
    static QString sandboxKeyKey(const QString& sandboxId, const QString& keyName);

signals:
    void profileAdded(const hangar::Profile& profile);
    void profileChanged(const hangar::Profile& profile);
    void profileRemoved(const QString& id);

private:
    Result<Profile> readRow(const QString& id, const QString& spec);
    Status checkNameFree(const Profile& profile);
    void forget(const QString& key);

    Store& m_store;
    SecretStore& m_secrets;
    QHash<QString, QString> m_cache; // secret store key -> value, for exec environments
};

} // namespace hangar
