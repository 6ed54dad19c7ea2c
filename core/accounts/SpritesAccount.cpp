#include "SpritesAccount.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

namespace hangar {

namespace {

constexpr int kMaxIdLength = 40;
const QString kKeyPrefix = QStringLiteral("sprites:");
const QString kGroup = QStringLiteral("accounts");
const QString kDefaultKey = QStringLiteral("defaultAccount");

const QRegularExpression& idPattern() {
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return re;
}

Error invalid(const QString& message) {
    return makeError(ErrorCode::InvalidArgument, message);
}

} // namespace

QString SpritesAccount::key() const {
    return accounts::keyOf(id);
}

namespace accounts {

QString keyOf(const QString& id) {
    return kKeyPrefix + id;
}

QString idOfKey(const QString& key) {
    return key.startsWith(kKeyPrefix) ? key.mid(kKeyPrefix.size()) : QString();
}

QString kindOfKey(const QString& key) {
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    return colon < 0 ? key : key.left(colon);
}

QString tokenSecretKey(const QString& id) {
    return QStringLiteral("sprites-token/") + id;
}

Status validate(const SpritesAccount& account) {
    if (account.id.isEmpty())
        return invalid(QStringLiteral("an account needs an id"));
    if (account.id.size() > kMaxIdLength || !idPattern().match(account.id).hasMatch()) {
        return invalid(QStringLiteral("account id \"%1\" is not valid: use up to %2 lower-case "
                                      "letters and digits, optionally separated by single hyphens")
                           .arg(account.id)
                           .arg(kMaxIdLength));
    }
    if (account.name.trimmed().isEmpty())
        return invalid(QStringLiteral("account \"%1\" needs a name").arg(account.id));
    const QUrl url(account.baseUrl, QUrl::StrictMode);
    const bool web =
        url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
    if (account.baseUrl.isEmpty() || !url.isValid() || !web || url.host().isEmpty()) {
        return invalid(QStringLiteral("the API base URL \"%1\" of account \"%2\" is not an "
                                      "http or https URL")
                           .arg(account.baseUrl, account.id));
    }
    return {};
}

} // namespace accounts

AccountFile::AccountFile(QString path)
    : m_path(std::move(path)) {
}

QString AccountFile::pathIn(const QString& dataDir) {
    return QDir(dataDir).filePath(QStringLiteral("accounts.ini"));
}

Result<QList<SpritesAccount>> AccountFile::load() const {
    QList<SpritesAccount> out;
    if (!QFileInfo::exists(m_path))
        return out;
    QSettings settings(m_path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return makeError(ErrorCode::Io, QStringLiteral("cannot read %1").arg(m_path));
    const int count = settings.beginReadArray(kGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SpritesAccount account;
        account.id = settings.value(QStringLiteral("id")).toString();
        account.name = settings.value(QStringLiteral("name")).toString();
        account.organization = settings.value(QStringLiteral("organization")).toString();
        account.baseUrl = settings.value(QStringLiteral("baseUrl")).toString();
        if (auto valid = accounts::validate(account); !valid) {
            settings.endArray();
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1: %2").arg(m_path, valid.error().message));
        }
        out.append(account);
    }
    settings.endArray();
    return out;
}

QString AccountFile::defaultAccount() const {
    if (!QFileInfo::exists(m_path))
        return {};
    return QSettings(m_path, QSettings::IniFormat).value(kDefaultKey).toString();
}

Status AccountFile::save(const QList<SpritesAccount>& accounts,
                         const QString& defaultAccount) const {
    QSettings settings(m_path, QSettings::IniFormat);
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, static_cast<int>(accounts.size()));
    for (int i = 0; i < accounts.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), accounts[i].id);
        settings.setValue(QStringLiteral("name"), accounts[i].name);
        settings.setValue(QStringLiteral("organization"), accounts[i].organization);
        settings.setValue(QStringLiteral("baseUrl"), accounts[i].baseUrl);
    }
    settings.endArray();
    if (defaultAccount.isEmpty())
        settings.remove(kDefaultKey);
    else
        settings.setValue(kDefaultKey, defaultAccount);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return makeError(ErrorCode::Io, QStringLiteral("cannot write %1").arg(m_path));
    return {};
}

} // namespace hangar
