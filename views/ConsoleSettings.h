#pragma once

#include <QString>

// QSettings keys of the desktop console itself (the engine's keys are Config::settingsKey()).
namespace hangar::console_settings {

// "" follows the system locale; otherwise a language code such as "en" or "de".
inline const QString language = QStringLiteral("ui/language");
// Whether `hangar` serves the console API in-process (on HANGAR_API_LISTEN).
inline const QString serveApi = QStringLiteral("api/serve");

} // namespace hangar::console_settings
