#include "MemorySecretStore.h"

#include "util/Async.h"

#include <QTimer>

namespace hangar {

MemorySecretStore::MemorySecretStore(QObject* parent)
    : SecretStore(parent) {
}

template <typename T> Task<T> MemorySecretStore::later(Result<T> result) {
    Deferred<T> done;
    QTimer::singleShot(0, this, [done, result = std::move(result)]() { done.resolve(result); });
    return done.future();
}

Error MemorySecretStore::unavailableError() const {
    return makeError(ErrorCode::Unavailable,
                     tr("The secret store is unavailable (simulated for tests)."));
}

Task<QString> MemorySecretStore::read(const QString& key) {
    ++m_calls;
    if (m_unavailable)
        return later<QString>(unavailableError());
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd())
        return later<QString>(
            makeError(ErrorCode::NotFound, tr("No secret is stored under \"%1\".").arg(key)));
    return later<QString>(it.value());
}

Task<void> MemorySecretStore::write(const QString& key, const QString& value) {
    ++m_calls;
    if (m_unavailable)
        return later<void>(unavailableError());
    m_values.insert(key, value);
    return later<void>({});
}

Task<void> MemorySecretStore::remove(const QString& key) {
    ++m_calls;
    if (m_unavailable)
        return later<void>(unavailableError());
    m_values.remove(key);
    return later<void>({});
}

QString MemorySecretStore::description() const {
    return m_unavailable ? tr("memory (unavailable)") : tr("memory (not kept)");
}

} // namespace hangar
