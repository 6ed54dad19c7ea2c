#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

namespace hangar {

// A named Sprites account beside the local backend and the environment's Sprites backend: a
// name to show, the organization it belongs to and the API it talks to. Its token lives in the
// secret store under tokenSecretKey(id), never here.
//
// Every sandbox records the key of the account it belongs to (Sandbox::backend): "local", the
// environment's "sprites" (SPRITES_TOKEN or the keychain's "sprites-token"), or
// "sprites:<id>" for a named account.
struct SpritesAccount {
    QString id; // lower-case letters, digits and hyphens; part of the key, never changes
    QString name;
    QString organization;
    QString baseUrl;

    QString key() const;
    bool operator==(const SpritesAccount&) const = default;
};

namespace accounts {
inline const QString kLocalKey = QStringLiteral("local");
inline const QString kEnvironmentKey = QStringLiteral("sprites");

// "sprites:<id>".
QString keyOf(const QString& id);
// The id in a named account's key; empty for "local", "sprites" and anything else.
QString idOfKey(const QString& key);
// The backend kind a key stands for: "local" or "sprites" (the part before ':').
QString kindOfKey(const QString& key);
// Where the account's token is kept in the secret store.
QString tokenSecretKey(const QString& id);
// A clear InvalidArgument naming the field at fault, or ok.
Status validate(const SpritesAccount& account);
} // namespace accounts

// The accounts file, <data dir>/accounts.ini (QSettings, INI format): the named accounts and the
// default account for new sandboxes. Both executables sharing a data directory see the same
// accounts. It never holds a token.
class AccountFile {
public:
    explicit AccountFile(QString path);
    static QString pathIn(const QString& dataDir);

    QString path() const { return m_path; }
    // Accounts that fail validation (a hand-edited file) are an error naming them.
    Result<QList<SpritesAccount>> load() const;
    QString defaultAccount() const;
    Status save(const QList<SpritesAccount>& accounts, const QString& defaultAccount) const;

private:
    QString m_path;
};

} // namespace hangar
