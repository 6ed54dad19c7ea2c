#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace hangar {

namespace {

const QString kResourceDir = QStringLiteral(":/i18n");

} // namespace

QLocale installTranslations(const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto* ours = new QTranslator(QCoreApplication::instance());
    if (ours->load(locale, QStringLiteral("hangar"), QStringLiteral("_"), kResourceDir))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return locale;
}

QStringList availableLanguages() {
    QStringList languages{QStringLiteral("en")};
    const QStringList files =
        QDir(kResourceDir).entryList({QStringLiteral("hangar_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        languages.append(file.mid(7).chopped(3)); // hangar_<code>.qm
    return languages;
}

} // namespace hangar
