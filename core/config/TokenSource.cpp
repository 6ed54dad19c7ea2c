#include "TokenSource.h"

#include "Config.h"
#include "SecretStore.h"
#include "util/Async.h"

#include <QCoreApplication>

namespace hangar {

namespace {

// The messages show in the desktop console's status bar, hence translatable (the context is
// spelled out in each call: lupdate reads only literals).

QString waysToProvide() {
    return QCoreApplication::translate(
               "hangar::TokenSource",
               "Set %1, or store the token in the system keychain under \"%2\".")
        .arg(env::spritesToken, QLatin1String(secret_keys::kSpritesToken));
}

} // namespace

QString missingSpritesTokenMessage() {
    return QCoreApplication::translate("hangar::TokenSource", "%1=true needs a Sprites token. ")
               .arg(env::spritesEnabled) +
           waysToProvide();
}

Task<SpritesToken> resolveSpritesToken(const Config& config, const QProcessEnvironment& environment,
                                       SecretStore* store) {
    const QString fromEnvironment = environment.value(env::spritesToken);
    if (!fromEnvironment.isEmpty())
        return readyTask<SpritesToken>(
            SpritesToken{fromEnvironment, SpritesToken::Origin::Environment, {}});
    if (!store)
        return readyTask<SpritesToken>(SpritesToken{});

    const bool required = config.spritesEnabled;
    const QString where = store->description();
    return mapResult<SpritesToken>(
        store->read(QLatin1String(secret_keys::kSpritesToken)), store,
        [required, where](Result<QString> read) -> Result<SpritesToken> {
            if (read && !read.value().isEmpty())
                return SpritesToken{read.value(), SpritesToken::Origin::SecretStore, {}};
            if (read || read.error().code == ErrorCode::NotFound)
                return SpritesToken{};
            // Any other failure means the store could not be asked; the token may be there.
            const QString reason = read.error().message;
            if (required) {
                return makeError(ErrorCode::Unavailable,
                                 QCoreApplication::translate(
                                     "hangar::TokenSource", "%1=true needs a Sprites token, and %2 "
                                                            "could not be read. "
                                                            "%3 (%4)")
                                     .arg(env::spritesEnabled, where, waysToProvide(), reason));
            }
            return SpritesToken{{},
                                SpritesToken::Origin::None,
                                QCoreApplication::translate("hangar::TokenSource",
                                                            "No Sprites backend: the Sprites "
                                                            "token could not be read "
                                                            "from %1. (%2)")
                                    .arg(where, reason)};
        });
}

} // namespace hangar
