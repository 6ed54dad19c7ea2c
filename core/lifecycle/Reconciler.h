#pragma once

#include "Sandbox.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>

namespace hangar {

class LifecycleService;
struct ProviderStatus;

// Compares a sandbox's recorded state with what its provider reports and corrects drift
// (e.g. recorded active, provider cold -> hibernated), with an event saying why. Debounced per
// sandbox so reconnecting listeners do not hammer the provider.
class Reconciler : public QObject {
    Q_OBJECT
public:
    Reconciler(LifecycleService& service, QObject* parent = nullptr);

    Task<Sandbox> reconcile(const QString& id, bool force);

private:
    Task<Sandbox> reconcileNow(const QString& id);
    Result<Sandbox> apply(const Sandbox& sandbox, const ProviderStatus& status);

    LifecycleService& m_service;
    QHash<QString, qint64> m_lastRunMs;
};

} // namespace hangar
