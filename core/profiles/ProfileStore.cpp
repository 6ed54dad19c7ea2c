#include "ProfileStore.h"

#include "config/SecretStore.h"
#include "store/SqlSupport.h"
#include "store/Store.h"
#include "util/Async.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QUuid>

Q_LOGGING_CATEGORY(lcProfiles, "hangar.profiles")

namespace hangar {

namespace {

QString specOf(const Profile& profile) {
    QJsonObject json = profile.toJson();
    json.remove(QStringLiteral("id"));
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

Error noProfile(const QString& id) {
    return makeError(ErrorCode::NotFound, QStringLiteral("no profile with id %1").arg(id));
}

// Collects several secret-store reads into one map; the first failure wins.
struct Gather {
    Deferred<QMap<QString, QString>> done;
    QMap<QString, QString> values;
    int pending = 0;
};

// Continuations on the secret store's answers run in the application's context, not this
// store's: an answer still pending when the store goes (shutdown) must not find a dead
// context (Qt 6.4 asserts on one). Whatever needs the store checks a QPointer to it.
QObject* appContext() {
    return QCoreApplication::instance();
}

} // namespace

ProfileStore::ProfileStore(Store& store, SecretStore& secrets, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets) {
}

QString ProfileStore::secretKey(const QString& profileId, const QString& name) {
    return QStringLiteral("profile/%1/secret/%2").arg(profileId, name);
}

QString ProfileStore::importedKeyKey(const QString& profileId, const QString& keyName) {
    return QStringLiteral("profile/%1/key/%2").arg(profileId, keyName);
}

QString ProfileStore::sandboxKeyKey(const QString& sandboxId, const QString& keyName) {
    return QStringLiteral("sandbox/%1/key/%2").arg(sandboxId, keyName);
}

Status ProfileStore::ensureDefault() {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM profiles WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), QLatin1String(Profile::kDefaultId));
    if (auto st = sql::exec(q, QStringLiteral("look for the default profile")); !st)
        return st;
    if (q.next() && q.value(0).toInt() > 0)
        return {};
    Profile p;
    p.id = QLatin1String(Profile::kDefaultId);
    p.name = QStringLiteral("Default");
    p.description = QStringLiteral("Used when a sandbox is created without naming a profile.");
    QSqlQuery insert(m_store.database());
    insert.prepare(QStringLiteral("INSERT INTO profiles (id, name, spec, created_at, updated_at) "
                                  "VALUES (:id, :name, :spec, :at, :at2)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    insert.bindValue(QStringLiteral(":id"), p.id);
    insert.bindValue(QStringLiteral(":name"), p.name);
    insert.bindValue(QStringLiteral(":spec"), specOf(p));
    insert.bindValue(QStringLiteral(":at"), now);
    insert.bindValue(QStringLiteral(":at2"), now);
    return sql::exec(insert, QStringLiteral("create the default profile"));
}

Result<Profile> ProfileStore::readRow(const QString& id, const QString& spec) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(spec.toUtf8(), &error);
    if (!doc.isObject())
        return makeError(ErrorCode::Internal,
                         QStringLiteral("profile %1 is unreadable in the database: %2")
                             .arg(id, error.errorString()));
    auto profile = Profile::fromJson(doc.object());
    if (!profile)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("profile %1 is unreadable in the database: %2")
                             .arg(id, profile.error().message));
    profile.value().id = id;
    return profile;
}

Result<QList<Profile>> ProfileStore::profiles() {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT id, spec FROM profiles ORDER BY id <> 'default', name"));
    if (auto st = sql::exec(q, QStringLiteral("list profiles")); !st)
        return st.error();
    QList<Profile> out;
    while (q.next()) {
        auto p = readRow(q.value(0).toString(), q.value(1).toString());
        if (!p)
            return p.error();
        out.append(std::move(p).value());
    }
    return out;
}

Result<Profile> ProfileStore::profile(const QString& id) {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT id, spec FROM profiles WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("read profile")); !st)
        return st.error();
    if (!q.next())
        return noProfile(id);
    return readRow(q.value(0).toString(), q.value(1).toString());
}

Result<std::optional<Profile>> ProfileStore::profileByName(const QString& name) {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT id, spec FROM profiles WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    if (auto st = sql::exec(q, QStringLiteral("read profile")); !st)
        return st.error();
    if (!q.next())
        return std::optional<Profile>();
    auto p = readRow(q.value(0).toString(), q.value(1).toString());
    if (!p)
        return p.error();
    return std::optional<Profile>(std::move(p).value());
}

Status ProfileStore::checkNameFree(const Profile& profile) {
    auto same = profileByName(profile.name);
    if (!same)
        return same.error();
    if (same.value() && same.value()->id != profile.id)
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("a profile named \"%1\" already exists").arg(profile.name));
    return {};
}

Result<Profile> ProfileStore::create(Profile profile) {
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (auto st = profile.validate(); !st)
        return st.error();
    if (auto st = checkNameFree(profile); !st)
        return st.error();
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("INSERT INTO profiles (id, name, spec, created_at, updated_at) "
                             "VALUES (:id, :name, :spec, :at, :at2)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    q.bindValue(QStringLiteral(":id"), profile.id);
    q.bindValue(QStringLiteral(":name"), profile.name);
    q.bindValue(QStringLiteral(":spec"), specOf(profile));
    q.bindValue(QStringLiteral(":at"), now);
    q.bindValue(QStringLiteral(":at2"), now);
    if (auto st = sql::exec(q, QStringLiteral("create profile")); !st)
        return st.error();
    qCInfo(lcProfiles).noquote() << "profile" << profile.name << "created";
    emit profileAdded(profile);
    return profile;
}

Result<Profile> ProfileStore::update(const Profile& profile) {
    if (auto st = profile.validate(); !st)
        return st.error();
    auto old = this->profile(profile.id);
    if (!old)
        return old.error();
    if (auto st = checkNameFree(profile); !st)
        return st.error();
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral(
        "UPDATE profiles SET name = :name, spec = :spec, updated_at = :at WHERE id = :id"));
    q.bindValue(QStringLiteral(":name"), profile.name);
    q.bindValue(QStringLiteral(":spec"), specOf(profile));
    q.bindValue(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":id"), profile.id);
    if (auto st = sql::exec(q, QStringLiteral("update profile")); !st)
        return st.error();
    for (const QString& secret : old.value().secrets) {
        if (!profile.secrets.contains(secret))
            forget(secretKey(profile.id, secret));
    }
    for (const ProfileKey& key : old.value().keys) {
        const bool stillImported =
            std::any_of(profile.keys.cbegin(), profile.keys.cend(), [&key](const ProfileKey& k) {
                return k.name == key.name && k.source == ProfileKey::Source::Import;
            });
        if (key.source == ProfileKey::Source::Import && !stillImported)
            forget(importedKeyKey(profile.id, key.name));
    }
    emit profileChanged(profile);
    return profile;
}

Status ProfileStore::remove(const QString& id) {
    if (id == QLatin1String(Profile::kDefaultId))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the default profile cannot be deleted"));
    auto old = profile(id);
    if (!old)
        return old.error();
    auto users = sandboxCount(id);
    if (!users)
        return users.error();
    if (users.value() > 0)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("profile \"%1\" is in use by %2 sandbox(es); destroy them "
                                        "first")
                             .arg(old.value().name)
                             .arg(users.value()));
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("DELETE FROM profiles WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (auto st = sql::exec(q, QStringLiteral("delete profile")); !st)
        return st;
    for (const QString& secret : old.value().secrets)
        forget(secretKey(id, secret));
    for (const ProfileKey& key : old.value().keys)
        forget(importedKeyKey(id, key.name));
    emit profileRemoved(id);
    return {};
}

void ProfileStore::forget(const QString& key) {
    m_cache.remove(key);
    m_secrets.remove(key).then(appContext(), [key](Result<void> r) {
        if (!r)
            qCWarning(lcProfiles).noquote()
                << "could not remove" << key << "from the secret store:" << r.error().message;
    });
}

Task<void> ProfileStore::setSecret(const QString& profileId, const QString& name,
                                   const QString& value) {
    auto p = profile(profileId);
    if (!p)
        return failedTask<void>(p.error());
    if (!p.value().secrets.contains(name))
        return failedTask<void>(makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("profile \"%1\" has no secret named %2").arg(p.value().name, name)));
    if (value.contains(QChar(0)))
        return failedTask<void>(makeError(ErrorCode::InvalidArgument,
                                          QStringLiteral("secret %1 contains a NUL").arg(name)));
    const QString key = secretKey(profileId, name);
    m_cache.remove(key);
    return m_secrets.write(key, value);
}

Task<void> ProfileStore::setImportedKey(const QString& profileId, const QString& keyName,
                                        const QString& privateKey) {
    auto p = profile(profileId);
    if (!p)
        return failedTask<void>(p.error());
    const bool imported =
        std::any_of(p.value().keys.cbegin(), p.value().keys.cend(), [&keyName](const auto& k) {
            return k.name == keyName && k.source == ProfileKey::Source::Import;
        });
    if (!imported)
        return failedTask<void>(makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("profile \"%1\" has no imported key %2").arg(p.value().name, keyName)));
    if (!privateKey.contains(QLatin1String("PRIVATE KEY")))
        return failedTask<void>(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("key %1: that is not a private key in PEM or OpenSSH "
                                     "format (\"-----BEGIN ... PRIVATE KEY-----\")")
                          .arg(keyName)));
    const QString key = importedKeyKey(profileId, keyName);
    m_cache.remove(key);
    return m_secrets.write(key, privateKey);
}

Task<QMap<QString, QString>> ProfileStore::secretValues(const Profile& profile) {
    auto gather = std::make_shared<Gather>();
    for (const QString& name : profile.secrets) {
        const QString key = secretKey(profile.id, name);
        if (const auto it = m_cache.constFind(key); it != m_cache.constEnd()) {
            gather->values.insert(name, *it);
            continue;
        }
        ++gather->pending;
        const QString profileName = profile.name;
        QPointer<ProfileStore> self(this);
        m_secrets.read(key).then(
            appContext(), [self, gather, name, key, profileName](Result<QString> r) {
                if (!r) {
                    const QString why =
                        r.error().code == ErrorCode::NotFound
                            ? QStringLiteral("secret %1 of profile \"%2\" has no value; set it in "
                                             "the profile")
                                  .arg(name, profileName)
                            : QStringLiteral("secret %1 of profile \"%2\" could not be read: %3")
                                  .arg(name, profileName, r.error().message);
                    gather->done.resolve(makeError(r.error().code, why));
                    return;
                }
                if (self)
                    self->m_cache.insert(key, r.value());
                gather->values.insert(name, r.value());
                if (--gather->pending == 0)
                    gather->done.resolve(gather->values);
            });
    }
    if (gather->pending == 0)
        return readyTask<QMap<QString, QString>>(gather->values);
    return gather->done.future();
}

Task<QStringList> ProfileStore::secretsSet(const Profile& profile) {
    auto gather = std::make_shared<Gather>();
    gather->pending = static_cast<int>(profile.secrets.size());
    if (gather->pending == 0)
        return readyTask<QStringList>(QStringList());
    for (const QString& name : profile.secrets) {
        m_secrets.read(secretKey(profile.id, name))
            .then(appContext(), [gather, name](Result<QString> r) {
                if (r)
                    gather->values.insert(name, QString());
                if (--gather->pending == 0)
                    gather->done.resolve(gather->values);
            });
    }
    return mapResult<QStringList>(gather->done.future(), appContext(),
                                  [](Result<QMap<QString, QString>> r) -> Result<QStringList> {
                                      if (!r)
                                          return r.error();
                                      return r.value().keys();
                                  });
}

Task<QString> ProfileStore::importedKey(const QString& profileId, const QString& keyName) {
    const QString key = importedKeyKey(profileId, keyName);
    return mapResult<QString>(
        m_secrets.read(key), appContext(), [keyName](Result<QString> r) -> Result<QString> {
            if (!r && r.error().code == ErrorCode::NotFound)
                return makeError(ErrorCode::NotFound, QStringLiteral("imported key %1 has no "
                                                                     "private key; import it in "
                                                                     "the profile")
                                                          .arg(keyName));
            return r;
        });
}

Task<std::optional<KeyPair>> ProfileStore::sandboxKey(const QString& sandboxId,
                                                      const QString& keyName) {
    const QString key = sandboxKeyKey(sandboxId, keyName);
    auto stored = m_secrets.read(key);
    QPointer<SecretStore> secrets(&m_secrets);
    return chain<std::optional<KeyPair>>(
        stored, appContext(), [secrets, key](Result<QString> priv) -> Task<std::optional<KeyPair>> {
            if (!priv && priv.error().code == ErrorCode::NotFound)
                return readyTask<std::optional<KeyPair>>(std::optional<KeyPair>());
            if (!priv)
                return failedTask<std::optional<KeyPair>>(priv.error());
            const QString privateKey = priv.value();
            if (!secrets)
                return failedTask<std::optional<KeyPair>>(
                    makeError(ErrorCode::Cancelled, QStringLiteral("the secret store went away")));
            return mapResult<std::optional<KeyPair>>(
                secrets->read(key + QStringLiteral(".pub")), appContext(),
                [privateKey](Result<QString> pub) -> Result<std::optional<KeyPair>> {
                    if (!pub && pub.error().code == ErrorCode::NotFound)
                        return std::optional<KeyPair>();
                    if (!pub)
                        return pub.error();
                    return std::optional<KeyPair>(KeyPair{privateKey, pub.value()});
                });
        });
}

Task<void> ProfileStore::setSandboxKey(const QString& sandboxId, const QString& keyName,
                                       const KeyPair& pair) {
    const QString key = sandboxKeyKey(sandboxId, keyName);
    QPointer<SecretStore> secrets(&m_secrets);
    return chain<void>(
        m_secrets.write(key, pair.privateKey), appContext(),
        [secrets, key, pair](Result<void> r) -> Task<void> {
            if (!r)
                return failedTask<void>(r.error());
            if (!secrets)
                return failedTask<void>(
                    makeError(ErrorCode::Cancelled, QStringLiteral("the secret store went away")));
            return secrets->write(key + QStringLiteral(".pub"), pair.publicKey);
        });
}

Status ProfileStore::assign(const QString& sandboxId, const QString& profileId) {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral(
        "INSERT INTO sandbox_profiles (sandbox_id, profile_id) VALUES (:sandbox, :profile)"));
    q.bindValue(QStringLiteral(":sandbox"), sandboxId);
    q.bindValue(QStringLiteral(":profile"), profileId);
    return sql::exec(q, QStringLiteral("record the sandbox's profile"));
}

Result<Profile> ProfileStore::profileOf(const QString& sandboxId) {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT profile_id FROM sandbox_profiles WHERE sandbox_id = :id"));
    q.bindValue(QStringLiteral(":id"), sandboxId);
    if (auto st = sql::exec(q, QStringLiteral("read the sandbox's profile")); !st)
        return st.error();
    const QString id = q.next() ? q.value(0).toString() : QLatin1String(Profile::kDefaultId);
    return profile(id);
}

Result<int> ProfileStore::sandboxCount(const QString& profileId) {
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM sandbox_profiles WHERE profile_id = :id"));
    q.bindValue(QStringLiteral(":id"), profileId);
    if (auto st = sql::exec(q, QStringLiteral("count the profile's sandboxes")); !st)
        return st.error();
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace hangar
