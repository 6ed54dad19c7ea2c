// The settings dialog with real widgets over a real settings file and an in-memory secret
// store: round trip, validation before writing, environment overrides, and the token paths
// (stored, removed, no keychain) — the token never reaches the settings file.

#include "ConsoleSettings.h"
#include "SettingsDialog.h"
#include "TestSupport.h"
#include "config/Config.h"
#include "config/MemorySecretStore.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;
using hangar::test::await;
using Field = SettingsDialog::Field;

namespace {

constexpr int kWaitMs = 5000;
const QString kToken = QStringLiteral("sprites-token-\"$(rm -rf)\"-\u00e9");

template <typename W> W* editor(const SettingsDialog& dialog, Field which) {
    return qobject_cast<W*>(dialog.editor(which));
}

} // namespace

class TstSettingsDialog : public QObject {
    Q_OBJECT

private slots:
    void init();

    void showsDefaultsForAnEmptyFile();
    void roundTrip();
    void invalidValueWritesNothing();
    void environmentOverridesAreReadOnly();
    void tokenGoesToTheSecretStoreOnly();
    void removeStoredToken();
    void noKeychainSaysWhatToDoInstead();
    void apiTokenIsMaskedAndCopyable();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_secrets;
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("hangar.ini")); }
};

void TstSettingsDialog::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
    m_secrets = std::make_unique<MemorySecretStore>();
}

void TstSettingsDialog::showsDefaultsForAnEmptyFile() {
    SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
    const Config defaults;
    QCOMPARE(editor<QComboBox>(dialog, Field::Backend)->currentData().toString(),
             QStringLiteral("false"));
    QCOMPARE(qint64(editor<QSpinBox>(dialog, Field::InactivityTimeout)->value()) * 1000,
             defaults.inactivityTimeoutMs);
    QCOMPARE(qint64(editor<QSpinBox>(dialog, Field::SweepInterval)->value()) * 1000,
             defaults.sweepIntervalMs);
    QVERIFY(editor<QLineEdit>(dialog, Field::NamePrefix)->text().isEmpty());
    // Saving untouched defaults writes no engine key: later default changes still apply.
    QSignalSpy engineChanged(&dialog, &SettingsDialog::engineSettingsChanged);
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(engineChanged.count(), 0);
    for (const QString& variable : Config::settingsVariables())
        QVERIFY2(!m_settings->contains(Config::settingsKey(variable)), qPrintable(variable));
}

void TstSettingsDialog::roundTrip() {
    {
        SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
        QSignalSpy engineChanged(&dialog, &SettingsDialog::engineSettingsChanged);
        QSignalSpy languageChanged(&dialog, &SettingsDialog::languageChanged);
        auto* backend = editor<QComboBox>(dialog, Field::Backend);
        backend->setCurrentIndex(backend->findData(QStringLiteral("true")));
        editor<QLineEdit>(dialog, Field::SpritesBaseUrl)
            ->setText(QStringLiteral("http://127.0.0.1:9/"));
        editor<QSpinBox>(dialog, Field::InactivityTimeout)->setValue(600);
        editor<QSpinBox>(dialog, Field::SweepInterval)->setValue(15);
        editor<QLineEdit>(dialog, Field::NamePrefix)->setText(QStringLiteral("team"));
        editor<QLineEdit>(dialog, Field::DataDir)->setText(m_dir->filePath(QStringLiteral("data")));
        editor<QLineEdit>(dialog, Field::DatabaseUrl)
            ->setText(QStringLiteral("postgres://h@localhost/hangar"));
        editor<QLineEdit>(dialog, Field::ApiListen)->setText(QStringLiteral("127.0.0.1:9999"));
        auto* language = editor<QComboBox>(dialog, Field::Language);
        language->setCurrentIndex(language->findData(QStringLiteral("de")));
        editor<QCheckBox>(dialog, Field::ServeApi)->setChecked(true);
        dialog.save();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(engineChanged.count(), 1);
        QCOMPARE(languageChanged.count(), 1);
        QCOMPARE(languageChanged.at(0).at(0).toString(), QStringLiteral("de"));
    }
    // What was written is what the engine reads at start.
    QSettings reread(settingsPath(), QSettings::IniFormat);
    auto config = Config::load(QProcessEnvironment(), &reread);
    HANGAR_VERIFY_OK(config);
    QVERIFY(config.value().spritesEnabled);
    QCOMPARE(config.value().spritesApiBaseUrl, QStringLiteral("http://127.0.0.1:9"));
    QCOMPARE(config.value().inactivityTimeoutMs, 600'000);
    QCOMPARE(config.value().sweepIntervalMs, 15'000);
    QCOMPARE(config.value().namePrefix, QStringLiteral("team"));
    QCOMPARE(config.value().dbUrl, QStringLiteral("postgres://h@localhost/hangar"));
    QCOMPARE(config.value().apiListen, QStringLiteral("127.0.0.1:9999"));
    QCOMPARE(reread.value(console_settings::language).toString(), QStringLiteral("de"));
    QVERIFY(reread.value(console_settings::serveApi).toBool());

    // And a new dialog shows it again.
    SettingsDialog again(reread, *m_secrets, QProcessEnvironment());
    QCOMPARE(editor<QLineEdit>(again, Field::NamePrefix)->text(), QStringLiteral("team"));
    QCOMPARE(editor<QSpinBox>(again, Field::InactivityTimeout)->value(), 600);
    QCOMPARE(editor<QComboBox>(again, Field::Backend)->currentData().toString(),
             QStringLiteral("true"));
    QCOMPARE(editor<QComboBox>(again, Field::Language)->currentData().toString(),
             QStringLiteral("de"));
    QVERIFY(editor<QCheckBox>(again, Field::ServeApi)->isChecked());
}

void TstSettingsDialog::invalidValueWritesNothing() {
    SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
    editor<QSpinBox>(dialog, Field::SweepInterval)->setValue(5);
    editor<QLineEdit>(dialog, Field::NamePrefix)->setText(QStringLiteral("Bad Prefix;rm"));
    dialog.save();
    QVERIFY(dialog.result() != int(QDialog::Accepted));
    QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
    QVERIFY2(dialog.errorLabel()->text().contains(env::namePrefix),
             qPrintable(dialog.errorLabel()->text()));
    m_settings->sync();
    QVERIFY(!m_settings->contains(Config::settingsKey(env::sweepIntervalMs)));
    QVERIFY(!m_settings->contains(Config::settingsKey(env::namePrefix)));
}

void TstSettingsDialog::environmentOverridesAreReadOnly() {
    m_settings->setValue(Config::settingsKey(env::namePrefix), QStringLiteral("fromfile"));
    QProcessEnvironment environment;
    environment.insert(env::namePrefix, QStringLiteral("fromenv"));
    environment.insert(env::spritesToken, QStringLiteral("secret-from-env"));
    SettingsDialog dialog(*m_settings, *m_secrets, environment);
    auto* prefix = editor<QLineEdit>(dialog, Field::NamePrefix);
    QCOMPARE(prefix->text(), QStringLiteral("fromenv"));
    QVERIFY(!prefix->isEnabled());
    QVERIFY(prefix->toolTip().contains(env::namePrefix));
    QVERIFY(!editor<QLineEdit>(dialog, Field::SpritesToken)->isEnabled());
    QVERIFY(dialog.tokenStatusLabel()->text().contains(env::spritesToken));
    QVERIFY(editor<QLineEdit>(dialog, Field::DataDir)->isEnabled());
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    // The environment's value is not copied into the file; the file's stays.
    QCOMPARE(m_settings->value(Config::settingsKey(env::namePrefix)).toString(),
             QStringLiteral("fromfile"));
    QCOMPARE(m_secrets->callCount(), 0);
}

void TstSettingsDialog::tokenGoesToTheSecretStoreOnly() {
    SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
    QSignalSpy status(&dialog, &SettingsDialog::tokenStatusChanged);
    QTRY_VERIFY_WITH_TIMEOUT(status.count() >= 1, kWaitMs);
    QVERIFY(dialog.tokenStatusLabel()->text().contains(m_secrets->description()));
    auto* token = editor<QLineEdit>(dialog, Field::SpritesToken);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    token->setText(kToken);
    QSignalSpy engineChanged(&dialog, &SettingsDialog::engineSettingsChanged);
    dialog.save();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), kWaitMs);
    QCOMPARE(engineChanged.count(), 1);
    auto stored = await(m_secrets->read(QLatin1String(secret_keys::kSpritesToken)));
    HANGAR_VERIFY_OK(stored);
    QCOMPARE(stored.value(), kToken);
    m_settings->sync();
    QFile file(settingsPath());
    if (file.open(QIODevice::ReadOnly))
        QVERIFY(!file.readAll().contains("sprites-token-"));
    QVERIFY(token->text().isEmpty());
}

void TstSettingsDialog::removeStoredToken() {
    HANGAR_VERIFY_OK(await(m_secrets->write(QLatin1String(secret_keys::kSpritesToken), kToken)));
    SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
    QSignalSpy status(&dialog, &SettingsDialog::tokenStatusChanged);
    QTRY_VERIFY_WITH_TIMEOUT(status.count() >= 1, kWaitMs);
    QPushButton* removeButton = nullptr;
    for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
        if (button->text() == SettingsDialog::tr("Remove stored token"))
            removeButton = button;
    }
    QVERIFY(removeButton);
    QVERIFY(removeButton->isEnabled());
    removeButton->click();
    QTRY_VERIFY_WITH_TIMEOUT(status.count() >= 2, kWaitMs);
    const auto stored = await(m_secrets->read(QLatin1String(secret_keys::kSpritesToken)));
    QVERIFY(!stored);
    QCOMPARE(stored.error().code, ErrorCode::NotFound);
    QVERIFY(!removeButton->isEnabled());
}

void TstSettingsDialog::noKeychainSaysWhatToDoInstead() {
    m_secrets->setUnavailable(true);
    SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
    QSignalSpy status(&dialog, &SettingsDialog::tokenStatusChanged);
    QTRY_VERIFY_WITH_TIMEOUT(status.count() >= 1, kWaitMs);
    QVERIFY2(dialog.tokenStatusLabel()->text().contains(env::spritesToken),
             qPrintable(dialog.tokenStatusLabel()->text()));
    QVERIFY(!editor<QLineEdit>(dialog, Field::SpritesToken)->isEnabled());
    // The other settings still save.
    editor<QLineEdit>(dialog, Field::NamePrefix)->setText(QStringLiteral("nokeys"));
    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(m_settings->value(Config::settingsKey(env::namePrefix)).toString(),
             QStringLiteral("nokeys"));
}

void TstSettingsDialog::apiTokenIsMaskedAndCopyable() {
    SettingsDialog dialog(*m_settings, *m_secrets, QProcessEnvironment());
    dialog.show();
    QVERIFY(!dialog.copyTokenButton()->isVisible());
    dialog.setApiToken(QStringLiteral("api-token-123"));
    QVERIFY(dialog.copyTokenButton()->isVisible());
    auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("apiToken"));
    QVERIFY(field);
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    QVERIFY(field->isReadOnly());
    dialog.copyTokenButton()->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("api-token-123"));
}

QTEST_MAIN(TstSettingsDialog)
#include "tst_settingsdialog.moc"
