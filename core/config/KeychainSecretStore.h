#pragma once

#include "SecretStore.h"

namespace hangar {

// Secrets in the system keychain through QtKeychain (on Linux the Secret Service, e.g.
// gnome-keyring or KWallet). Entries are keyed by (service, key), so two services never see
// each other's secrets. There is no plaintext fallback: a keychain that cannot be reached is
// ErrorCode::Unavailable, and the message names the environment variable to use instead.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    static QString defaultService() { return QStringLiteral("hangar"); }

    explicit KeychainSecretStore(const QString& service = defaultService(),
                                 QObject* parent = nullptr);

    Task<QString> read(const QString& key) override;
    Task<void> write(const QString& key, const QString& value) override;
    Task<void> remove(const QString& key) override;
    QString description() const override;

    QString service() const { return m_service; }
    // A keychain that has not answered after this long counts as unavailable, so start-up
    // never hangs on it (a locked keyring may be waiting for an unlock prompt, hence the
    // generous default). Zero or less waits for ever.
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }

private:
    QString m_service;
    int m_timeoutMs = 60'000;
};

} // namespace hangar
