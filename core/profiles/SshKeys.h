#pragma once

#include "ProfileStore.h"
#include "util/Result.h"

#include <QObject>

namespace hangar {

// Generates an ed25519 key pair with ssh-keygen (argv only, in a private temporary directory
// that is removed afterwards). `comment` ends up in the public key.
Task<KeyPair> generateKeyPair(const QString& comment, QObject* context);

} // namespace hangar
