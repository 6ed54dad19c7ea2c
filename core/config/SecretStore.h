#pragma once

#include "util/Result.h"

#include <QObject>
#include <QString>

namespace hangar {

// Where tokens and secrets live: the system keychain (KeychainSecretStore, over QtKeychain),
// or memory (MemorySecretStore, for tests and for machines without a keychain). Values never
// reach QSettings, the database or a log.
//
// Keys are short names such as "sprites-token" or "api-token"; every store prefixes them with
// its own service name, so several Hangar profiles can share one keychain.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // ErrorCode::NotFound when no value is stored under `key`; ErrorCode::Unavailable when the
    // keychain itself cannot be reached (the message says what to do instead).
    virtual Task<QString> read(const QString& key) = 0;
    virtual Task<void> write(const QString& key, const QString& value) = 0;
    // Removing a key that is not there succeeds.
    virtual Task<void> remove(const QString& key) = 0;
    // In words, for the settings dialog: "the system keychain", "memory (not kept)".
    virtual QString description() const = 0;
};

// Well-known keys.
namespace secret_keys {
inline constexpr char kSpritesToken[] = "sprites-token";
inline constexpr char kApiToken[] = "api-token";
} // namespace secret_keys

} // namespace hangar
