#include "StoreChange.h"

#include <QStringList>

namespace hangar {

namespace {

constexpr const char* kKindNames[] = {"inserted", "transitioned", "touched", "updated",
                                      "deleted",  "released",     "noted"};

} // namespace

QString StoreChange::toPayload() const {
    return QStringLiteral("v1 %1 %2 %3 %4")
        .arg(QLatin1String(kKindNames[static_cast<int>(kind)]), instanceId, sandboxId)
        .arg(seq);
}

std::optional<StoreChange> StoreChange::fromPayload(const QString& payload) {
    const QStringList parts = payload.split(QLatin1Char(' '));
    if (parts.size() != 5 || parts[0] != QLatin1String("v1"))
        return std::nullopt;
    StoreChange change;
    bool known = false;
    for (int i = 0; i < int(std::size(kKindNames)); ++i) {
        if (parts[1] == QLatin1String(kKindNames[i])) {
            change.kind = static_cast<Kind>(i);
            known = true;
        }
    }
    bool number = false;
    change.instanceId = parts[2];
    change.sandboxId = parts[3];
    change.seq = parts[4].toLongLong(&number);
    if (!known || !number || change.instanceId.isEmpty() || change.sandboxId.isEmpty())
        return std::nullopt;
    return change;
}

} // namespace hangar
