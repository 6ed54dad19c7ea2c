#include "Config.h"

#include <QDir>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace hangar {

namespace {

class Reader {
public:
    Reader(const QProcessEnvironment& env, const QMap<QString, QString>& settings, Config& config)
        : m_env(env)
        , m_settings(settings)
        , m_config(config) {}

    // The raw text for a variable, recording where it came from; null when unset.
    QString text(const QString& variable) {
        if (m_env.contains(variable)) {
            m_config.sources.insert(variable, Config::Source::Environment);
            return m_env.value(variable);
        }
        if (const auto it = m_settings.constFind(variable); it != m_settings.cend()) {
            m_config.sources.insert(variable, Config::Source::Settings);
            return it.value();
        }
        return {};
    }

    Status string(const QString& variable, QString& target) {
        const QString value = text(variable);
        if (!value.isNull())
            target = value.trimmed();
        return {};
    }

    Status boolean(const QString& variable, bool& target) {
        const QString value = text(variable).trimmed().toLower();
        if (value.isNull() || value.isEmpty())
            return {};
        if (value == QLatin1String("true") || value == QLatin1String("1") ||
            value == QLatin1String("yes"))
            target = true;
        else if (value == QLatin1String("false") || value == QLatin1String("0") ||
                 value == QLatin1String("no"))
            target = false;
        else
            return invalid(variable, value, QStringLiteral("expected true or false"));
        return {};
    }

    Status milliseconds(const QString& variable, qint64& target) {
        const QString value = text(variable).trimmed();
        if (value.isEmpty())
            return {};
        bool ok = false;
        const qint64 ms = value.toLongLong(&ok);
        if (!ok || ms <= 0)
            return invalid(variable, value,
                           QStringLiteral("expected a positive number of milliseconds"));
        target = ms;
        return {};
    }

    static Error invalid(const QString& variable, const QString& value, const QString& why) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1=\"%2\" is not valid: %3").arg(variable, value, why));
    }

private:
    const QProcessEnvironment& m_env;
    const QMap<QString, QString>& m_settings;
    Config& m_config;
};

} // namespace

QString Config::defaultDataDir() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/hangar");
}

QString Config::settingsKey(const QString& variable) {
    return QStringLiteral("config/") + variable;
}

QStringList Config::settingsVariables() {
    return {env::spritesEnabled,  env::spritesApiBaseUrl,
            env::workingDir,      env::inactivityTimeoutMs,
            env::sweepIntervalMs, env::healthProbeIntervalMs,
            env::namePrefix,      env::pinnedSandbox,
            env::dataDir,         env::dbUrl,
            env::apiListen,       env::apiCorsOrigins};
}

Result<Config> Config::load(const QProcessEnvironment& env, const QSettings* settings) {
    QMap<QString, QString> values;
    if (settings) {
        for (const QString& variable : settingsVariables()) {
            if (settings->contains(settingsKey(variable)))
                values.insert(variable, settings->value(settingsKey(variable)).toString());
        }
    }
    return load(env, values);
}

Result<Config> Config::load(const QProcessEnvironment& env,
                            const QMap<QString, QString>& settings) {
    Config c;
    Reader r(env, settings, c);
    for (Status st :
         {r.boolean(env::spritesEnabled, c.spritesEnabled),
          r.string(env::spritesApiBaseUrl, c.spritesApiBaseUrl),
          r.string(env::workingDir, c.workingDir),
          r.milliseconds(env::inactivityTimeoutMs, c.inactivityTimeoutMs),
          r.milliseconds(env::sweepIntervalMs, c.sweepIntervalMs),
          r.milliseconds(env::healthProbeIntervalMs, c.healthProbeIntervalMs),
          r.string(env::namePrefix, c.namePrefix), r.string(env::pinnedSandbox, c.pinnedSandbox),
          r.string(env::dataDir, c.dataDir), r.string(env::dbUrl, c.dbUrl),
          r.string(env::apiListen, c.apiListen)}) {
        if (!st)
            return st.error();
    }

    const QUrl base(c.spritesApiBaseUrl, QUrl::StrictMode);
    if (!base.isValid() ||
        (base.scheme() != QLatin1String("https") && base.scheme() != QLatin1String("http")) ||
        base.host().isEmpty()) {
        return Reader::invalid(env::spritesApiBaseUrl, c.spritesApiBaseUrl,
                               QStringLiteral("expected an http(s) URL"));
    }
    while (c.spritesApiBaseUrl.endsWith(QLatin1Char('/')))
        c.spritesApiBaseUrl.chop(1);

    if (!c.workingDir.startsWith(QLatin1Char('/')) ||
        QDir::cleanPath(c.workingDir) != c.workingDir || c.workingDir == QLatin1String("/")) {
        return Reader::invalid(
            env::workingDir, c.workingDir,
            QStringLiteral("expected a clean absolute directory path other than /"));
    }
    static const QRegularExpression prefix(QStringLiteral("^[a-z0-9][a-z0-9-]{0,30}$"));
    if (!prefix.match(c.namePrefix).hasMatch()) {
        return Reader::invalid(
            env::namePrefix, c.namePrefix,
            QStringLiteral("use up to 31 lower-case letters, digits and hyphens"));
    }
    static const QRegularExpression listen(QStringLiteral("^(.+):(\\d{1,5})$"));
    const auto m = listen.match(c.apiListen);
    if (!m.hasMatch() || m.captured(2).toInt() > 65535)
        return Reader::invalid(env::apiListen, c.apiListen, QStringLiteral("expected host:port"));

    const QString origins = r.text(env::apiCorsOrigins);
    for (const QString& origin : origins.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString o = origin.trimmed();
        const QUrl url(o, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            return Reader::invalid(
                env::apiCorsOrigins, o,
                QStringLiteral("expected origins like https://example.com:8080"));
        }
        c.apiCorsOrigins << o;
    }

    if (c.dataDir.isEmpty())
        c.dataDir = defaultDataDir();
    c.dataDir = QDir::cleanPath(QDir(c.dataDir).absolutePath());
    if (c.dbUrl.isEmpty())
        c.dbUrl = QStringLiteral("sqlite://") + c.dataDir + QStringLiteral("/hangar.db");
    return c;
}

} // namespace hangar
