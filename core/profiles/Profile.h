#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace hangar {

// A file a profile writes into each of its sandboxes, byte for byte.
struct ProfileFile {
    QString path; // absolute inside the sandbox, or "~/..." (the sandbox user's home)
    QByteArray content;
    quint32 mode = 0644;

    friend bool operator==(const ProfileFile&, const ProfileFile&) = default;
};

// An SSH key pair a profile puts into each of its sandboxes: generated per sandbox (the
// default), or imported (the same pair everywhere; its private half lives in the keychain).
struct ProfileKey {
    enum class Source { Generate, Import };

    QString name; // "id_ed25519": letters, digits, '.', '_' and '-'
    QString path; // where the private key goes (".pub" beside it); default ~/.ssh/<name>
    Source source = Source::Generate;
    QString publicKey; // imported keys only

    QString effectivePath() const;
    friend bool operator==(const ProfileKey&, const ProfileKey&) = default;
};

// A named set of environment variables, secrets, files, SSH keys and setup commands that a
// sandbox is created from. Secret *values* are never part of a Profile: only their names are;
// the values live in the SecretStore (see ProfileStore).
struct Profile {
    QString id; // "default" for the default profile, else a UUID
    QString name;
    QString description;
    QMap<QString, QString> variables;
    QStringList secrets; // names only
    QList<ProfileFile> files;
    QList<ProfileKey> keys;
    QStringList setup; // shell commands, run once at provisioning, in order

    static constexpr char kDefaultId[] = "default";
    bool isDefault() const { return id == QLatin1String(kDefaultId); }

    // Every problem with the profile, each naming what is wrong and where; empty when valid.
    QStringList problems() const;
    // InvalidArgument with problems() when there are any.
    Status validate() const;

    // Without secret values (there are none in a Profile): for export, the API and the store.
    QJsonObject toJson() const;
    // Reads what toJson() writes (id optional); a malformed field is an InvalidArgument error
    // naming it. Does not validate() the result.
    static Result<Profile> fromJson(const QJsonObject& json);

    friend bool operator==(const Profile&, const Profile&) = default;
};

namespace profiles {
// Limits, to keep one profile from filling the database.
inline constexpr qsizetype kMaxFileBytes = 1024 * 1024;
inline constexpr int kMaxNameLength = 64;

bool isVariableName(const QString& name);
bool isKeyName(const QString& name);
// Why `path` is not a usable path inside a sandbox; empty when it is.
QString pathProblem(const QString& path);
QString modeText(quint32 mode); // "0644"
} // namespace profiles

} // namespace hangar

Q_DECLARE_METATYPE(hangar::Profile)
