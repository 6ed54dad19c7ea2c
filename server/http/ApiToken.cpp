#include "ApiToken.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace hangar::http {

QString ApiToken::generate() {
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<ApiToken> ApiToken::resolve(const QString& fromEnvironment, const QString& dataDir) {
    if (!fromEnvironment.isEmpty())
        return ApiToken{fromEnvironment, {}};

    const QString path = dataDir + QStringLiteral("/api-token");
    QFile existing(path);
    if (existing.exists()) {
        if (existing.permissions() &
            (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)) {
            return makeError(
                ErrorCode::PermissionDenied,
                QStringLiteral("%1 is readable by others; run chmod 600 on it or delete it")
                    .arg(path));
        }
        if (!existing.open(QIODevice::ReadOnly))
            return makeError(
                ErrorCode::Io,
                QStringLiteral("cannot read %1: %2").arg(path, existing.errorString()));
        const QString value = QString::fromLatin1(existing.readAll()).trimmed();
        if (value.size() >= 16)
            return ApiToken{value, path};
    }

    ApiToken token{generate(), path};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // Restrict before any byte of the secret is written.
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(token.value.toLatin1() + '\n');
    if (!file.commit())
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return token;
}

bool tokensEqual(const QByteArray& a, const QByteArray& b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const QByteArray& other = a.size() == b.size() ? b : a;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ other[i]);
    return diff == 0;
}

} // namespace hangar::http
