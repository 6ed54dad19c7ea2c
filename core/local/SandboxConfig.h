#pragma once

#include "backend/BackendTypes.h"
#include "util/Result.h"

namespace hangar::local {

// What LocalBackend persists per sandbox in sandbox.json: the cold flag and the network
// policy. Everything else is the directory itself.
struct SandboxConfig {
    bool cold = false;
    NetworkPolicy network = NetworkPolicy::allowAll();

    static Result<SandboxConfig> load(const QString& jsonPath);
    Status save(const QString& jsonPath) const;
};

// InvalidArgument when a rule is malformed (unknown action, no domain and no include).
Status validatePolicy(const NetworkPolicy& policy);
// Rules are evaluated in order; the first catch-all `*` rule decides the default. Only a
// default of deny can be enforced locally (no network namespace at all).
bool policyDeniesNetwork(const NetworkPolicy& policy);

} // namespace hangar::local
