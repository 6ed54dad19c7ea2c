#pragma once

#include "util/Result.h"

#include <QProcessEnvironment>
#include <QString>

namespace hangar {

struct Config;
class SecretStore;

// The Sprites token and where it came from. The value is never logged.
struct SpritesToken {
    enum class Origin { None, Environment, SecretStore };

    QString value;
    Origin origin = Origin::None;
    // Set when the secret store could not be read and Sprites is optional: not fatal (there is
    // simply no Sprites backend), but worth showing to the operator.
    QString warning;

    bool isEmpty() const { return value.isEmpty(); }
};

// Resolves the Sprites token as ARCHITECTURE.md says: SPRITES_TOKEN first, else the secret
// store's secret_keys::kSpritesToken (the store is not asked when the variable is set).
// - nothing stored (NotFound): no token, no warning; the engine then runs without Sprites.
// - the store cannot be read (Unavailable, a timeout, ...): no token plus a warning, unless
//   SPRITES_ENABLED=true, where Sprites is required: then an Unavailable error that names both
//   ways to provide a token.
// `store` may be null (environment only). The task finishes in `store`'s thread.
Task<SpritesToken> resolveSpritesToken(const Config& config, const QProcessEnvironment& environment,
                                       SecretStore* store);

// The message for "Sprites is required but there is no token", naming both ways to give one.
QString missingSpritesTokenMessage();

} // namespace hangar
