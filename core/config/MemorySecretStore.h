#pragma once

#include "SecretStore.h"

#include <QHash>

namespace hangar {

// Secrets in memory, gone when the process ends: for tests and for machines without a
// keychain. setUnavailable(true) makes every call fail like an unreachable keychain, so the
// "no keychain" paths can be tested without breaking a real one.
//
// Answers arrive on a later turn of the event loop, as the keychain's do, so a caller that
// forgets to wait is caught by the tests instead of by users.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject* parent = nullptr);

    Task<QString> read(const QString& key) override;
    Task<void> write(const QString& key, const QString& value) override;
    Task<void> remove(const QString& key) override;
    QString description() const override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    bool isUnavailable() const { return m_unavailable; }
    // How many calls reached the store, for tests that check it was (not) consulted.
    int callCount() const { return m_calls; }

private:
    template <typename T> Task<T> later(Result<T> result);
    Error unavailableError() const;

    QHash<QString, QString> m_values;
    bool m_unavailable = false;
    int m_calls = 0;
};

} // namespace hangar
