#include "Profile.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace hangar {

namespace profiles {

bool isVariableName(const QString& name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return name.size() <= 128 && re.match(name).hasMatch();
}

bool isKeyName(const QString& name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]*$"));
    return name.size() <= kMaxNameLength && re.match(name).hasMatch();
}

QString pathProblem(const QString& path) {
    if (path.isEmpty())
        return QStringLiteral("the path is empty");
    if (!path.startsWith(QLatin1Char('/')) && !path.startsWith(QLatin1String("~/")))
        return QStringLiteral("\"%1\" is not absolute (start it with / or ~/)").arg(path);
    if (path.contains(QChar(0)) || path.contains(QLatin1Char('\n')))
        return QStringLiteral("\"%1\" contains a NUL or newline character").arg(path);
    if (path.endsWith(QLatin1Char('/')))
        return QStringLiteral("\"%1\" names a directory, not a file").arg(path);
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        if (part == QLatin1String(".."))
            return QStringLiteral("\"%1\" contains \"..\"").arg(path);
    }
    if (path.size() > 4096)
        return QStringLiteral("the path is longer than 4096 characters");
    return {};
}

QString modeText(quint32 mode) {
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

} // namespace profiles

QString ProfileKey::effectivePath() const {
    return path.isEmpty() ? QStringLiteral("~/.ssh/") + name : path;
}

QStringList Profile::problems() const {
    using namespace profiles;
    QStringList out;
    if (name.trimmed().isEmpty())
        out << QStringLiteral("the profile needs a name");
    else if (name.size() > kMaxNameLength)
        out << QStringLiteral("the profile name is longer than %1 characters").arg(kMaxNameLength);
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control) {
            out << QStringLiteral("the profile name contains a control character");
            break;
        }
    }
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        if (!isVariableName(it.key()))
            out << QStringLiteral("variable \"%1\": a name is letters, digits and _, not "
                                  "starting with a digit")
                       .arg(it.key());
        if (it.value().contains(QChar(0)))
            out << QStringLiteral("variable %1: the value contains a NUL character").arg(it.key());
    }
    QSet<QString> seen;
    for (const QString& secret : secrets) {
        if (!isVariableName(secret))
            out << QStringLiteral("secret \"%1\": a name is letters, digits and _, not starting "
                                  "with a digit")
                       .arg(secret);
        if (variables.contains(secret))
            out << QStringLiteral("%1 is both a variable and a secret").arg(secret);
        if (seen.contains(secret))
            out << QStringLiteral("secret %1 is listed twice").arg(secret);
        seen.insert(secret);
    }
    QSet<QString> paths;
    for (const ProfileFile& file : files) {
        if (const QString problem = pathProblem(file.path); !problem.isEmpty())
            out << QStringLiteral("file: ") + problem;
        if (file.mode > 0777)
            out << QStringLiteral("file %1: mode %2 is not between 0000 and 0777")
                       .arg(file.path, modeText(file.mode));
        if (file.content.size() > kMaxFileBytes)
            out << QStringLiteral("file %1 is larger than %2 bytes")
                       .arg(file.path)
                       .arg(kMaxFileBytes);
        if (paths.contains(file.path))
            out << QStringLiteral("file %1 is listed twice").arg(file.path);
        paths.insert(file.path);
    }
    QSet<QString> keyNames;
    for (const ProfileKey& key : keys) {
        if (!isKeyName(key.name))
            out << QStringLiteral("key \"%1\": a name is letters, digits, '.', '_' and '-'")
                       .arg(key.name);
        if (keyNames.contains(key.name))
            out << QStringLiteral("key %1 is listed twice").arg(key.name);
        keyNames.insert(key.name);
        const QString path = key.effectivePath();
        if (const QString problem = pathProblem(path); !problem.isEmpty())
            out << QStringLiteral("key %1: ").arg(key.name) + problem;
        if (paths.contains(path) || paths.contains(path + QStringLiteral(".pub")))
            out << QStringLiteral("key %1: %2 is also written by another file or key")
                       .arg(key.name, path);
        paths.insert(path);
        paths.insert(path + QStringLiteral(".pub"));
        if (key.source == ProfileKey::Source::Import) {
            const QString pub = key.publicKey.trimmed();
            if (pub.isEmpty())
                out << QStringLiteral("key %1 is imported but has no public key").arg(key.name);
            else if (pub.contains(QLatin1Char('\n')) || !pub.contains(QLatin1Char(' ')))
                out << QStringLiteral("key %1: the public key is not one line in OpenSSH format "
                                      "(\"ssh-ed25519 AAAA... comment\")")
                           .arg(key.name);
        }
    }
    for (int i = 0; i < setup.size(); ++i) {
        if (setup.at(i).trimmed().isEmpty())
            out << QStringLiteral("setup command %1 is empty").arg(i + 1);
        else if (setup.at(i).contains(QChar(0)))
            out << QStringLiteral("setup command %1 contains a NUL character").arg(i + 1);
    }
    return out;
}

Status Profile::validate() const {
    const QStringList found = problems();
    if (found.isEmpty())
        return {};
    return makeError(
        ErrorCode::InvalidArgument,
        QStringLiteral("profile \"%1\": %2").arg(name, found.join(QStringLiteral("; "))));
}

namespace {

const char* sourceName(ProfileKey::Source source) {
    return source == ProfileKey::Source::Import ? "import" : "generate";
}

Error badField(const QString& field, const QString& why) {
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(field, why));
}

// Text when it survives a UTF-8 round trip, else base64.
void putContent(QJsonObject& out, const QByteArray& content) {
    const QString text = QString::fromUtf8(content);
    if (text.toUtf8() == content && !content.contains('\0'))
        out.insert(QStringLiteral("content"), text);
    else
        out.insert(QStringLiteral("contentBase64"), QString::fromLatin1(content.toBase64()));
}

Result<quint32> readMode(const QJsonValue& value, const QString& field) {
    if (value.isUndefined() || value.isNull())
        return 0644u;
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d < 0 || d > 07777 || d != static_cast<quint32>(d))
            return badField(field, QStringLiteral("not a file mode"));
        return static_cast<quint32>(d);
    }
    bool ok = false;
    const quint32 mode = value.toString().toUInt(&ok, 8);
    if (!value.isString() || !ok)
        return badField(field, QStringLiteral("\"%1\" is not an octal file mode such as \"0644\"")
                                   .arg(value.toString()));
    return mode;
}

} // namespace

QJsonObject Profile::toJson() const {
    QJsonObject out;
    if (!id.isEmpty())
        out.insert(QStringLiteral("id"), id);
    out.insert(QStringLiteral("name"), name);
    out.insert(QStringLiteral("description"), description);
    QJsonObject vars;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        vars.insert(it.key(), it.value());
    out.insert(QStringLiteral("variables"), vars);
    out.insert(QStringLiteral("secrets"), QJsonArray::fromStringList(secrets));
    QJsonArray fileList;
    for (const ProfileFile& file : files) {
        QJsonObject f{{QStringLiteral("path"), file.path},
                      {QStringLiteral("mode"), profiles::modeText(file.mode)}};
        putContent(f, file.content);
        fileList.append(f);
    }
    out.insert(QStringLiteral("files"), fileList);
    QJsonArray keyList;
    for (const ProfileKey& key : keys) {
        QJsonObject k{{QStringLiteral("name"), key.name},
                      {QStringLiteral("path"), key.effectivePath()},
                      {QStringLiteral("source"), QLatin1String(sourceName(key.source))}};
        if (key.source == ProfileKey::Source::Import)
            k.insert(QStringLiteral("publicKey"), key.publicKey);
        keyList.append(k);
    }
    out.insert(QStringLiteral("keys"), keyList);
    out.insert(QStringLiteral("setup"), QJsonArray::fromStringList(setup));
    return out;
}

Result<Profile> Profile::fromJson(const QJsonObject& json) {
    Profile p;
    auto stringField = [&json](const char* key, QString* into) -> Status {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            return badField(QLatin1String(key), QStringLiteral("must be a string"));
        *into = v.toString();
        return {};
    };
    for (auto [key, into] : {std::pair{"id", &p.id}, std::pair{"name", &p.name},
                             std::pair{"description", &p.description}}) {
        if (auto st = stringField(key, into); !st)
            return st.error();
    }
    const QJsonValue vars = json.value(QStringLiteral("variables"));
    if (!vars.isUndefined() && !vars.isNull() && !vars.isObject())
        return badField(QStringLiteral("variables"), QStringLiteral("must be an object"));
    const QJsonObject varObject = vars.toObject();
    for (auto it = varObject.begin(); it != varObject.end(); ++it) {
        if (!it.value().isString())
            return badField(QStringLiteral("variables.") + it.key(),
                            QStringLiteral("must be a string"));
        p.variables.insert(it.key(), it.value().toString());
    }
    auto arrayField = [&json](const char* key) -> Result<QJsonArray> {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return QJsonArray();
        if (!v.isArray())
            return badField(QLatin1String(key), QStringLiteral("must be an array"));
        return v.toArray();
    };
    for (auto [key, into] : {std::pair{"secrets", &p.secrets}, std::pair{"setup", &p.setup}}) {
        auto array = arrayField(key);
        if (!array)
            return array.error();
        for (const QJsonValue& v : array.value()) {
            // Secrets may come as names or as {"name": ...} objects (what the API lists).
            QString text =
                v.isObject() ? v.toObject().value(QStringLiteral("name")).toString() : v.toString();
            if (!v.isString() && !v.isObject())
                return badField(QLatin1String(key), QStringLiteral("must hold strings"));
            into->append(text);
        }
    }
    auto files = arrayField("files");
    if (!files)
        return files.error();
    for (int i = 0; i < files.value().size(); ++i) {
        const QString field = QStringLiteral("files[%1]").arg(i);
        const QJsonObject f = files.value().at(i).toObject();
        ProfileFile file;
        file.path = f.value(QStringLiteral("path")).toString();
        auto mode = readMode(f.value(QStringLiteral("mode")), field + QStringLiteral(".mode"));
        if (!mode)
            return mode.error();
        file.mode = mode.value();
        if (f.contains(QStringLiteral("contentBase64"))) {
            const auto decoded = QByteArray::fromBase64Encoding(
                f.value(QStringLiteral("contentBase64")).toString().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return badField(field + QStringLiteral(".contentBase64"),
                                QStringLiteral("is not valid base64"));
            file.content = *decoded;
        } else {
            file.content = f.value(QStringLiteral("content")).toString().toUtf8();
        }
        p.files.append(file);
    }
    auto keys = arrayField("keys");
    if (!keys)
        return keys.error();
    for (int i = 0; i < keys.value().size(); ++i) {
        const QJsonObject k = keys.value().at(i).toObject();
        ProfileKey key;
        key.name = k.value(QStringLiteral("name")).toString();
        key.path = k.value(QStringLiteral("path")).toString();
        const QString source = k.value(QStringLiteral("source")).toString();
        if (source == QLatin1String("import"))
            key.source = ProfileKey::Source::Import;
        else if (!source.isEmpty() && source != QLatin1String("generate"))
            return badField(
                QStringLiteral("keys[%1].source").arg(i),
                QStringLiteral("\"%1\" is neither \"generate\" nor \"import\"").arg(source));
        key.publicKey = k.value(QStringLiteral("publicKey")).toString().trimmed();
        if (key.path == QStringLiteral("~/.ssh/") + key.name)
            key.path.clear();
        p.keys.append(key);
    }
    return p;
}

} // namespace hangar
