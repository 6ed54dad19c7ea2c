#include "AccountManager.h"

#include "config/SecretStore.h"
#include "lifecycle/LifecycleService.h"
#include "sprites/SpritesBackend.h"
#include "sprites/SpritesClient.h"

namespace hangar {

AccountManager::AccountManager(LifecycleService& lifecycle, SecretStore* secrets, Options options,
                               QObject* parent)
    : QObject(parent)
    , m_lifecycle(lifecycle)
    , m_secrets(secrets)
    , m_options(std::move(options))
    , m_fallbackDefault(lifecycle.options().defaultBackend) {
}

AccountManager::~AccountManager() {
    // The backends are children of this object; the engine must not keep pointers to them.
    for (const QString& id : m_backends.keys())
        m_lifecycle.removeBackend(accounts::keyOf(id));
}

Status AccountManager::load(const QHash<QString, QString>& tokens) {
    const AccountFile file(m_options.file);
    auto loaded = file.load();
    if (!loaded)
        return loaded.error();
    m_accounts = loaded.value();
    for (const SpritesAccount& account : std::as_const(m_accounts)) {
        const QString token = tokens.value(account.id);
        if (!token.isEmpty())
            registerBackend(account, token);
    }
    const QString chosen = file.defaultAccount();
    if (!chosen.isEmpty() && m_lifecycle.backend(chosen))
        m_lifecycle.setDefaultBackend(chosen);
    return {};
}

void AccountManager::setFleetHealth(FleetHealth* fleet) {
    m_fleet = fleet;
    for (auto it = m_backends.constBegin(); it != m_backends.constEnd(); ++it)
        addMachineLister(accounts::keyOf(it.key()), it.value());
}

FleetHealth::MachineLister AccountManager::machineLister(sprites::SpritesBackend* backend,
                                                         const QString& prefix) {
    return [backend = QPointer<sprites::SpritesBackend>(backend), prefix]() -> Task<QStringList> {
        if (!backend)
            return readyTask<QStringList>(QStringList{});
        return mapResult<QStringList>(
            backend->client().listAllSprites(prefix), backend.data(),
            [](Result<QList<sprites::SpriteInfo>> all) -> Result<QStringList> {
                if (!all)
                    return all.error();
                QStringList names;
                for (const sprites::SpriteInfo& sprite : all.value())
                    names.append(sprite.name);
                return names;
            });
    };
}

void AccountManager::addMachineLister(const QString& key, sprites::SpritesBackend* backend) {
    if (!m_fleet)
        return;
    // Only sprites named like ours can be orphans; the provider filters by prefix.
    m_fleet->setMachineLister(
        key, machineLister(backend, m_lifecycle.options().namePrefix + QLatin1Char('-')));
}

QList<AccountInfo> AccountManager::accounts() const {
    QList<AccountInfo> out;
    const QString chosen = defaultAccount();
    AccountInfo local;
    local.key = local.kind = accounts::kLocalKey;
    local.name = tr("This computer");
    local.available = m_lifecycle.backend(local.key) != nullptr;
    local.isDefault = chosen == local.key;
    out.append(local);
    if (auto* backend = qobject_cast<sprites::SpritesBackend*>(
            m_lifecycle.backend(accounts::kEnvironmentKey))) {
        AccountInfo environment;
        environment.key = environment.kind = accounts::kEnvironmentKey;
        environment.name = tr("Sprites (default token)");
        environment.baseUrl = backend->client().options().baseUrl.toString();
        environment.available = true;
        environment.isDefault = chosen == environment.key;
        out.append(environment);
    }
    for (const SpritesAccount& account : m_accounts)
        out.append(infoOf(account));
    return out;
}

std::optional<AccountInfo> AccountManager::account(const QString& key) const {
    for (const AccountInfo& info : accounts()) {
        if (info.key == key)
            return info;
    }
    return std::nullopt;
}

AccountInfo AccountManager::infoOf(const SpritesAccount& account) const {
    AccountInfo info;
    info.key = account.key();
    info.kind = accounts::kEnvironmentKey;
    info.id = account.id;
    info.name = account.name;
    info.organization = account.organization;
    info.baseUrl = account.baseUrl;
    info.named = true;
    info.available = m_backends.contains(account.id);
    info.isDefault = defaultAccount() == info.key;
    if (!info.available)
        info.problem = tr("No token: store one in the account's settings.");
    return info;
}

sprites::SpritesBackend* AccountManager::backendOf(const QString& id) const {
    return m_backends.value(id);
}

std::optional<qsizetype> AccountManager::indexOf(const QString& id) const {
    for (qsizetype i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts[i].id == id)
            return i;
    }
    return std::nullopt;
}

Status AccountManager::save() const {
    const QString chosen = defaultAccount();
    return AccountFile(m_options.file)
        .save(m_accounts, chosen == m_fallbackDefault ? QString() : chosen);
}

Status AccountManager::checkWritable() const {
    if (!m_secrets) {
        return makeError(ErrorCode::Unavailable,
                         tr("There is no secret store to keep the account's token in."));
    }
    return {};
}

void AccountManager::registerBackend(const SpritesAccount& account, const QString& token) {
    sprites::SpritesBackend::Options options;
    options.client.baseUrl = QUrl(account.baseUrl);
    options.client.token = token;
    if (!m_options.workingDir.isEmpty())
        options.workingDir = m_options.workingDir;
    unregisterBackend(account.id);
    auto* backend = new sprites::SpritesBackend(options, this);
    m_backends.insert(account.id, backend);
    m_tokens.insert(account.id, token);
    m_lifecycle.addBackend(account.key(), backend);
    addMachineLister(account.key(), backend);
}

void AccountManager::unregisterBackend(const QString& id) {
    m_tokens.remove(id);
    sprites::SpritesBackend* old = m_backends.take(id);
    if (!old)
        return;
    m_lifecycle.removeBackend(accounts::keyOf(id));
    // Calls under way finish (and fail) on it first; their sessions end with it.
    old->deleteLater();
}

Task<AccountInfo> AccountManager::add(const SpritesAccount& account, const QString& token) {
    if (auto valid = accounts::validate(account); !valid)
        return failedTask<AccountInfo>(valid.error());
    if (token.trimmed().isEmpty()) {
        return failedTask<AccountInfo>(makeError(
            ErrorCode::InvalidArgument, tr("Account \"%1\" needs a token.").arg(account.id)));
    }
    if (indexOf(account.id) || m_busy.contains(account.id)) {
        return failedTask<AccountInfo>(makeError(
            ErrorCode::AlreadyExists, tr("There is already an account \"%1\".").arg(account.id)));
    }
    if (auto writable = checkWritable(); !writable)
        return failedTask<AccountInfo>(writable.error());
    m_busy.insert(account.id);
    const QString secretKey = accounts::tokenSecretKey(account.id);
    return mapResult<AccountInfo>(m_secrets->write(secretKey, token.trimmed()), this,
                                  [this, account, token = token.trimmed(),
                                   secretKey](Result<void> written) -> Result<AccountInfo> {
                                      m_busy.remove(account.id);
                                      if (!written)
                                          return written.error();
                                      m_accounts.append(account);
                                      if (auto saved = save(); !saved) {
                                          m_accounts.removeLast();
                                          if (m_secrets)
                                              m_secrets->remove(
                                                  secretKey); // nothing may be left behind
                                          return saved.error();
                                      }
                                      registerBackend(account, token);
                                      emit accountsChanged();
                                      return infoOf(account);
                                  });
}

Task<AccountInfo> AccountManager::update(const SpritesAccount& account,
                                         const std::optional<QString>& token) {
    if (auto valid = accounts::validate(account); !valid)
        return failedTask<AccountInfo>(valid.error());
    if (!indexOf(account.id)) {
        return failedTask<AccountInfo>(
            makeError(ErrorCode::NotFound, tr("There is no account \"%1\".").arg(account.id)));
    }
    if (m_busy.contains(account.id)) {
        return failedTask<AccountInfo>(makeError(
            ErrorCode::Conflict,
            tr("Account \"%1\" is being changed; try again in a moment.").arg(account.id)));
    }
    const std::optional<QString> newToken =
        token ? std::optional<QString>(token->trimmed()) : std::nullopt;
    auto apply = [this, account, newToken](Result<void> written) -> Result<AccountInfo> {
        m_busy.remove(account.id);
        if (!written)
            return written.error();
        const auto at = indexOf(account.id);
        if (!at)
            return makeError(ErrorCode::NotFound,
                             tr("There is no account \"%1\".").arg(account.id));
        const SpritesAccount before = m_accounts[*at];
        m_accounts[*at] = account;
        if (auto saved = save(); !saved) {
            m_accounts[*at] = before;
            return saved.error();
        }
        const QString current = newToken ? *newToken : m_tokens.value(account.id);
        const bool reconnect =
            newToken || before.baseUrl != account.baseUrl || !m_backends.contains(account.id);
        if (!current.isEmpty() && reconnect)
            registerBackend(account, current);
        emit accountsChanged();
        return infoOf(account);
    };
    if (!newToken)
        return readyTask<AccountInfo>(apply(Result<void>{}));
    if (newToken->isEmpty()) {
        return failedTask<AccountInfo>(
            makeError(ErrorCode::InvalidArgument,
                      tr("The token of account \"%1\" cannot be empty.").arg(account.id)));
    }
    if (auto writable = checkWritable(); !writable)
        return failedTask<AccountInfo>(writable.error());
    m_busy.insert(account.id);
    return mapResult<AccountInfo>(m_secrets->write(accounts::tokenSecretKey(account.id), *newToken),
                                  this, apply);
}

Task<void> AccountManager::remove(const QString& id) {
    const auto at = indexOf(id);
    if (!at) {
        return failedTask<void>(
            makeError(ErrorCode::NotFound, tr("There is no account \"%1\".").arg(id)));
    }
    if (m_busy.contains(id)) {
        return failedTask<void>(
            makeError(ErrorCode::Conflict,
                      tr("Account \"%1\" is being changed; try again in a moment.").arg(id)));
    }
    auto all = m_lifecycle.sandboxes();
    if (!all)
        return failedTask<void>(all.error());
    QStringList names;
    for (const Sandbox& s : all.value()) {
        if (s.backend == accounts::keyOf(id))
            names.append(s.name);
    }
    if (!names.isEmpty()) {
        return failedTask<void>(makeError(
            ErrorCode::Conflict, tr("Account \"%1\" still has sandboxes (%2); destroy them first.")
                                     .arg(id, names.join(QStringLiteral(", ")))));
    }
    const QString chosen = defaultAccount();
    const SpritesAccount removed = m_accounts.takeAt(*at);
    if (chosen == removed.key())
        m_lifecycle.setDefaultBackend(m_fallbackDefault);
    if (auto saved = save(); !saved) {
        m_accounts.insert(*at, removed);
        m_lifecycle.setDefaultBackend(chosen);
        return failedTask<void>(saved.error());
    }
    unregisterBackend(id);
    emit accountsChanged();
    if (!m_secrets)
        return readyTask();
    const QString where = m_secrets->description();
    return mapResult<void>(m_secrets->remove(accounts::tokenSecretKey(id)), this,
                           [id, where](Result<void> gone) -> Result<void> {
                               if (!gone) {
                                   return makeError(
                                       gone.error().code,
                                       tr("Account \"%1\" was removed, but its token could not be "
                                          "removed from %2: %3")
                                           .arg(id, where, gone.error().message));
                               }
                               return {};
                           });
}

Status AccountManager::setDefaultAccount(const QString& key) {
    if (!m_lifecycle.backend(key)) {
        return makeError(ErrorCode::InvalidArgument,
                         tr("Account \"%1\" is not available.").arg(key));
    }
    const QString before = defaultAccount();
    m_lifecycle.setDefaultBackend(key);
    if (auto saved = save(); !saved) {
        m_lifecycle.setDefaultBackend(before);
        return saved.error();
    }
    emit accountsChanged();
    return {};
}

QString AccountManager::defaultAccount() const {
    return m_lifecycle.options().defaultBackend;
}

} // namespace hangar
