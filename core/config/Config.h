#pragma once

#include "util/Result.h"

#include <QHash>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

class QSettings;

namespace hangar {

// Hangar's configuration: environment variables (names from ARCHITECTURE.md, part of the
// product's interface) override QSettings, which override the defaults. Tokens are never read
// from or written to QSettings.
struct Config {
    enum class Source { Default, Settings, Environment };

    bool spritesEnabled = false;
    QString spritesApiBaseUrl = QStringLiteral("https://api.sprites.dev");
    QString workingDir = QStringLiteral("/workspace");
    qint64 inactivityTimeoutMs = 1'800'000;
    qint64 sweepIntervalMs = 60'000;
    // How often the fleet health probe (an exec and a small file round trip) visits each
    // active sandbox; five minutes keeps a large fleet's probe traffic small next to real use.
    qint64 healthProbeIntervalMs = 300'000;
    QString namePrefix = QStringLiteral("zuko");
    QString pinnedSandbox;
    QString dataDir; // defaults to the XDG data dir + /hangar
    QString dbUrl;   // defaults to sqlite:///<dataDir>/hangar.db
    QString apiListen = QStringLiteral("127.0.0.1:8377");
    QStringList apiCorsOrigins; // browser origins allowed to call the console API

    // Where each setting came from, keyed by its environment variable name.
    QHash<QString, Source> sources;

    Source sourceOf(const QString& variable) const {
        return sources.value(variable, Source::Default);
    }
    QString defaultBackend() const {
        return spritesEnabled ? QStringLiteral("sprites") : QStringLiteral("local");
    }

    // Reads and validates; a malformed value is an error naming the variable.
    static Result<Config> load(const QProcessEnvironment& env, const QSettings* settings = nullptr);
    // The same with settings given as text per variable name (what the settings dialog
    // checks before it writes anything).
    static Result<Config> load(const QProcessEnvironment& env,
                               const QMap<QString, QString>& settings);
    // The QSettings key of a variable: the names agree between the GUI and the environment.
    static QString settingsKey(const QString& variable);
    // Every variable a settings file may set (tokens never are among them).
    static QStringList settingsVariables();
    static QString defaultDataDir();
};

// The variable names, exactly as users and tests spell them.
namespace env {
inline const QString spritesEnabled = QStringLiteral("SPRITES_ENABLED");
inline const QString spritesToken = QStringLiteral("SPRITES_TOKEN");
inline const QString spritesApiBaseUrl = QStringLiteral("SPRITES_API_BASE_URL");
inline const QString workingDir = QStringLiteral("WORKING_DIR");
inline const QString inactivityTimeoutMs = QStringLiteral("SANDBOX_INACTIVITY_TIMEOUT_MS");
inline const QString sweepIntervalMs = QStringLiteral("SANDBOX_SWEEP_INTERVAL_MS");
inline const QString healthProbeIntervalMs = QStringLiteral("HANGAR_HEALTH_PROBE_INTERVAL_MS");
inline const QString namePrefix = QStringLiteral("SANDBOX_NAME_PREFIX");
inline const QString pinnedSandbox = QStringLiteral("HANGAR_PINNED_SANDBOX");
inline const QString dataDir = QStringLiteral("HANGAR_DATA_DIR");
inline const QString dbUrl = QStringLiteral("HANGAR_DB_URL");
inline const QString apiListen = QStringLiteral("HANGAR_API_LISTEN");
inline const QString apiToken = QStringLiteral("HANGAR_API_TOKEN");
inline const QString apiCorsOrigins = QStringLiteral("HANGAR_API_CORS_ORIGINS");
} // namespace env

} // namespace hangar
