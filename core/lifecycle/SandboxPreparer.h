#pragma once

#include "Sandbox.h"
#include "util/Result.h"

#include <QMap>
#include <QString>

namespace hangar {

class Backend;

// What LifecycleService::provision() is asked besides the chat and thread.
struct ProvisionOptions {
    QString profileId; // empty: the default profile
};

// Sets a sandbox up beyond what its provider does (the profile it was created from: files,
// keys, setup commands) and says what environment its commands get. LifecycleService calls
// it once the provider has created a machine (Provisioned) or woken one (Restored), before the
// sandbox counts as active; a failure fails the provisioning or restore with its message.
class SandboxPreparer {
public:
    enum class Phase { Provisioned, Restored };

    virtual ~SandboxPreparer() = default;

    // Whether a sandbox may be created with these options (e.g. the profile exists).
    virtual Status check(const ProvisionOptions& options) = 0;
    // Records the options for a sandbox that was just inserted.
    virtual Status created(const Sandbox& sandbox, const ProvisionOptions& options) = 0;
    virtual Task<void> prepare(const Sandbox& sandbox, Backend& backend, Phase phase) = 0;
    // Added to every exec and terminal session's environment in the sandbox.
    virtual Task<QMap<QString, QString>> environment(const Sandbox& sandbox) = 0;
    // The part of environment() that is secret (name -> value): what transcripts redact.
    virtual Task<QMap<QString, QString>> secrets(const Sandbox& sandbox) = 0;
};

} // namespace hangar
