#include "KeychainSecretStore.h"

#include "Config.h"
#include "util/Async.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

#include <functional>

namespace hangar {

namespace {

// The environment variable that stands in for a keychain entry, for error messages.
QString environmentAlternative(const QString& key) {
    if (key == QLatin1String(secret_keys::kSpritesToken))
        return env::spritesToken;
    if (key == QLatin1String(secret_keys::kApiToken))
        return env::apiToken;
    return {};
}

Error unavailable(const QString& key, const QString& reason) {
    const QString variable = environmentAlternative(key);
    const QString instead =
        variable.isEmpty()
            ? KeychainSecretStore::tr("Provide the secret through the environment instead.")
            : KeychainSecretStore::tr("Set %1 in the environment instead.").arg(variable);
    return makeError(ErrorCode::Unavailable,
                     KeychainSecretStore::tr("The system keychain could not be reached (%1). %2")
                         .arg(reason, instead));
}

// What went wrong with a finished job; never includes the secret (QtKeychain's messages come
// from the keychain service and only describe the failure).
Error jobError(const QKeychain::Job& job, const QString& key) {
    if (job.error() == QKeychain::EntryNotFound) {
        return makeError(
            ErrorCode::NotFound,
            KeychainSecretStore::tr("No secret is stored under \"%1\" in the system keychain "
                                    "(service \"%2\").")
                .arg(key, job.service()));
    }
    // NoBackendAvailable, AccessDenied(ByUser), CouldNotDeleteEntry, NotImplemented and
    // OtherError (no session bus, for one) all mean: the keychain is not usable from here.
    QString reason = job.errorString();
    if (reason.isEmpty())
        reason = KeychainSecretStore::tr("QtKeychain error %1").arg(int(job.error()));
    return unavailable(key, reason);
}

// Runs `job` and resolves with `finish(job)`, or with an Unavailable error when the keychain
// does not answer within `timeoutMs`. Jobs have no parent: QtKeychain's backends call back
// into a job after the fact, so a job must only go away by its own auto-delete.
template <typename T>
Task<T> runJob(QKeychain::Job* job, QObject* context, const QString& key, int timeoutMs,
               std::function<Result<T>(const QKeychain::Job&)> finish) {
    Deferred<T> done;
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext copy in QSettings
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done, finish = std::move(finish)](QKeychain::Job* finished) {
                         done.resolve(finish(*finished));
                     });
    if (timeoutMs > 0) {
        QTimer::singleShot(timeoutMs, context, [done, key, timeoutMs]() {
            done.resolve(unavailable(
                key, KeychainSecretStore::tr("no answer within %1 s").arg(timeoutMs / 1000.0)));
        });
    }
    job->start();
    return done.future();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString& service, QObject* parent)
    : SecretStore(parent)
    , m_service(service) {
}

Task<QString> KeychainSecretStore::read(const QString& key) {
    return runJob<QString>(
        new QKeychain::ReadPasswordJob(m_service), this, key, m_timeoutMs,
        [key](const QKeychain::Job& job) -> Result<QString> {
            if (job.error() != QKeychain::NoError)
                return jobError(job, key);
            return static_cast<const QKeychain::ReadPasswordJob&>(job).textData();
        });
}

Task<void> KeychainSecretStore::write(const QString& key, const QString& value) {
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(value);
    return runJob<void>(job, this, key, m_timeoutMs,
                        [key](const QKeychain::Job& finished) -> Result<void> {
                            if (finished.error() != QKeychain::NoError)
                                return jobError(finished, key);
                            return {};
                        });
}

Task<void> KeychainSecretStore::remove(const QString& key) {
    return runJob<void>(new QKeychain::DeletePasswordJob(m_service), this, key, m_timeoutMs,
                        [key](const QKeychain::Job& job) -> Result<void> {
                            // Removing what is not there is not a failure.
                            if (job.error() != QKeychain::NoError &&
                                job.error() != QKeychain::EntryNotFound)
                                return jobError(job, key);
                            return {};
                        });
}

QString KeychainSecretStore::description() const {
    return tr("the system keychain");
}

} // namespace hangar
