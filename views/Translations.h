#pragma once

#include <QLocale>
#include <QString>

namespace hangar {

// Installs Hangar's translation (built into hangar_views from translations/hangar_*.ts) and
// Qt's own for standard buttons. `language` is a code such as "de"; empty follows the system
// locale. Returns the locale chosen. English needs no translation: the sources are English.
QLocale installTranslations(const QString& language);

// The languages Hangar ships, as codes ("en", "de").
QStringList availableLanguages();

} // namespace hangar
