#include "SandboxConfig.h"

#include "FsUtil.h"
#include "backend/NetworkRules.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hangar::local {

Result<SandboxConfig> SandboxConfig::load(const QString& jsonPath) {
    auto object = readJsonFile(jsonPath);
    if (!object)
        return object.error();
    const QJsonObject& json = object.value();
    SandboxConfig config;
    config.cold = json.value(QLatin1String("cold")).toBool();
    if (json.contains(QLatin1String("network"))) {
        config.network.rules.clear();
        const QJsonArray rules = json.value(QLatin1String("network")).toArray();
        for (const QJsonValue& value : rules) {
            const QJsonObject rule = value.toObject();
            config.network.rules.append({rule.value(QLatin1String("domain")).toString(),
                                         rule.value(QLatin1String("action")).toString(),
                                         rule.value(QLatin1String("include")).toString()});
        }
    }
    return config;
}

Status SandboxConfig::save(const QString& jsonPath) const {
    QJsonArray rules;
    for (const NetworkRule& rule : network.rules) {
        QJsonObject object{{QLatin1String("domain"), rule.domain},
                           {QLatin1String("action"), rule.action}};
        if (!rule.include.isEmpty())
            object.insert(QLatin1String("include"), rule.include);
        rules.append(object);
    }
    return writeJsonFile(
        jsonPath, QJsonObject{{QLatin1String("cold"), cold}, {QLatin1String("network"), rules}});
}

Status validatePolicy(const NetworkPolicy& policy) {
    return validateNetworkPolicy(policy);
}

bool policyDeniesNetwork(const NetworkPolicy& policy) {
    for (const NetworkRule& rule : policy.rules) {
        if (rule.include.isEmpty() && rule.domain == QLatin1String("*"))
            return rule.action == QLatin1String("deny");
    }
    return false;
}

} // namespace hangar::local
