#pragma once

#include "BackendTypes.h"
#include "util/Result.h"

#include <QStringList>

namespace hangar {

// What a network rule may say, checked before any backend is asked (both backends, the console
// and the API agree on it). Messages are translated (context "NetworkRules").

// "allow", "deny".
QStringList networkRuleActions();
// "defaults": the only preset Sprites has.
QStringList networkRulePresets();
// What a rule's domain may be: `*`, `*.example.com` or `example.com` (labels of letters,
// digits and inner hyphens). Empty when valid, else why not.
QString networkDomainError(const QString& domain);
// Why this rule cannot be applied as written (domain syntax, action, include preset), or
// empty. Sprites' rules: exactly one of domain/include; action required with a domain.
QString networkRuleError(const NetworkRule& rule);
// InvalidArgument naming the first rule (counted from 1) that cannot be applied.
Status validateNetworkPolicy(const NetworkPolicy& policy);

} // namespace hangar
