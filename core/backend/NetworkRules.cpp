#include "NetworkRules.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace hangar {

namespace {

const QLatin1String Any("*");
const QLatin1String WildcardPrefix("*.");

} // namespace

QStringList networkRuleActions() {
    return {QStringLiteral("allow"), QStringLiteral("deny")};
}

QStringList networkRulePresets() {
    return {QStringLiteral("defaults")};
}

QString networkDomainError(const QString& domain) {
    const QString d = domain.trimmed();
    if (d.isEmpty())
        return QCoreApplication::translate("NetworkRules", "a domain is required");
    if (d == Any)
        return {};
    const QString name = d.startsWith(WildcardPrefix) ? d.mid(WildcardPrefix.size()) : d;
    if (name.size() > 253)
        return QCoreApplication::translate("NetworkRules",
                                           "the domain is longer than 253 characters");
    // One label: letters, digits, inner hyphens, at most 63 characters.
    static const QRegularExpression label(
        QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    const QStringList labels = name.split(QLatin1Char('.'));
    for (const QString& part : labels) {
        if (part.contains(QLatin1Char('*')))
            return QCoreApplication::translate(
                "NetworkRules", "a wildcard is allowed only as the whole domain (*) or its "
                                "first label (*.example.com)");
        if (!label.match(part).hasMatch())
            return QCoreApplication::translate("NetworkRules", "'%1' is not a valid domain").arg(d);
    }
    return {};
}

QString networkRuleError(const NetworkRule& rule) {
    const bool hasDomain = !rule.domain.trimmed().isEmpty();
    const bool hasInclude = !rule.include.isEmpty();
    if (hasDomain && hasInclude)
        return QCoreApplication::translate("NetworkRules",
                                           "a rule has either a domain or a preset, not both");
    if (hasInclude) {
        if (!networkRulePresets().contains(rule.include))
            return QCoreApplication::translate("NetworkRules", "unknown preset '%1'")
                .arg(rule.include);
        // With a preset the action is optional: it overrides the preset's own.
        if (!rule.action.isEmpty() && !networkRuleActions().contains(rule.action))
            return QCoreApplication::translate("NetworkRules", "the action must be allow or deny");
        return {};
    }
    if (const QString error = networkDomainError(rule.domain); !error.isEmpty())
        return error;
    if (!networkRuleActions().contains(rule.action))
        return QCoreApplication::translate("NetworkRules", "the action must be allow or deny");
    return {};
}

Status validateNetworkPolicy(const NetworkPolicy& policy) {
    for (qsizetype i = 0; i < policy.rules.size(); ++i) {
        if (const QString error = networkRuleError(policy.rules.at(i)); !error.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("network rule %1: %2").arg(i + 1).arg(error));
    }
    return {};
}

} // namespace hangar
