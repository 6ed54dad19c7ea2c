#include "SettingsDialog.h"

#include "AccountsPage.h"
#include "ConsoleSettings.h"
#include "StatusPalette.h"
#include "Translations.h"
#include "config/Config.h"
#include "config/SecretStore.h"
#include "util/Async.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace hangar {

namespace {

constexpr int kMsPerSecond = 1000;
constexpr int kMaxSeconds = 7 * 24 * 3600;
const QString kTrue = QStringLiteral("true");
const QString kFalse = QStringLiteral("false");

QSpinBox* secondsSpin(QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setRange(1, kMaxSeconds);
    spin->setSuffix(SettingsDialog::tr(" s"));
    spin->setAccelerated(true);
    return spin;
}

} // namespace

SettingsDialog::SettingsDialog(QSettings& settings, SecretStore& secrets,
                               const QProcessEnvironment& environment, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_environment(environment) {
    setWindowTitle(tr("Hangar settings"));
    createForm();
    loadValues();
    m_initialValues = collectValues();
    refreshTokenStatus();
}

void SettingsDialog::createForm() {
    Config defaults;

    // --- backend ----------------------------------------------------------------------
    auto* backendBox = new QGroupBox(tr("Backend"), this);
    auto* backendForm = new QFormLayout(backendBox);
    m_backend = new QComboBox(backendBox);
    m_backend->addItem(tr("Local (bubblewrap on this machine)"), kFalse);
    m_backend->addItem(tr("Sprites (Fly.io microVMs)"), kTrue);
    m_baseUrl = new QLineEdit(backendBox);
    m_baseUrl->setPlaceholderText(defaults.spritesApiBaseUrl);
    m_token = new QLineEdit(backendBox);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("paste a new token to store it"));
    m_tokenStatus = new QLabel(backendBox);
    m_tokenStatus->setObjectName(QStringLiteral("tokenStatus"));
    m_tokenStatus->setWordWrap(true);
    m_removeToken = new QPushButton(tr("Remove stored token"), backendBox);
    connect(m_removeToken, &QPushButton::clicked, this, &SettingsDialog::removeStoredToken);
    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_removeToken);

    bind(
        Field::Backend, env::spritesEnabled, m_backend,
        [this] { return m_backend->currentData().toString(); },
        [this](const QString& v) {
            const QString normalized =
                QStringList{kTrue, QStringLiteral("1"), QStringLiteral("yes")}.contains(
                    v.trimmed().toLower())
                    ? kTrue
                    : kFalse;
            m_backend->setCurrentIndex(m_backend->findData(normalized));
        });
    backendForm->addRow(tr("&Default backend:"), m_backend);
    bind(
        Field::SpritesBaseUrl, env::spritesApiBaseUrl, m_baseUrl,
        [this] { return m_baseUrl->text().trimmed(); },
        [this](const QString& v) { m_baseUrl->setText(v); });
    backendForm->addRow(tr("Sprites API &URL:"), m_baseUrl);
    m_editors.insert(Field::SpritesToken, m_token);
    backendForm->addRow(tr("Sprites &token:"), tokenRow);
    backendForm->addRow(QString(), m_tokenStatus);

    // --- lifecycle ----------------------------------------------------------------------
    auto* lifecycleBox = new QGroupBox(tr("Sandboxes"), this);
    auto* lifecycleForm = new QFormLayout(lifecycleBox);
    m_timeoutSeconds = secondsSpin(lifecycleBox);
    m_sweepSeconds = secondsSpin(lifecycleBox);
    m_prefix = new QLineEdit(lifecycleBox);
    m_prefix->setPlaceholderText(defaults.namePrefix);
    const auto msReader = [](QSpinBox* spin) {
        return [spin] { return QString::number(qint64(spin->value()) * kMsPerSecond); };
    };
    const auto msWriter = [](QSpinBox* spin) {
        return [spin](const QString& v) { spin->setValue(int(v.toLongLong() / kMsPerSecond)); };
    };
    bind(Field::InactivityTimeout, env::inactivityTimeoutMs, m_timeoutSeconds,
         msReader(m_timeoutSeconds), msWriter(m_timeoutSeconds));
    lifecycleForm->addRow(tr("&Hibernate after inactivity of:"), m_timeoutSeconds);
    bind(Field::SweepInterval, env::sweepIntervalMs, m_sweepSeconds, msReader(m_sweepSeconds),
         msWriter(m_sweepSeconds));
    lifecycleForm->addRow(tr("Check for inactivity &every:"), m_sweepSeconds);
    bind(
        Field::NamePrefix, env::namePrefix, m_prefix, [this] { return m_prefix->text().trimmed(); },
        [this](const QString& v) { m_prefix->setText(v); });
    lifecycleForm->addRow(tr("&Name prefix:"), m_prefix);

    // --- storage ------------------------------------------------------------------------
    auto* storageBox = new QGroupBox(tr("Storage"), this);
    auto* storageForm = new QFormLayout(storageBox);
    m_dataDir = new QLineEdit(storageBox);
    m_dataDir->setPlaceholderText(Config::defaultDataDir());
    auto* browse = new QToolButton(storageBox);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Data directory"), m_dataDir->text());
        if (!dir.isEmpty())
            m_dataDir->setText(dir);
    });
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir, 1);
    dataRow->addWidget(browse);
    m_dbUrl = new QLineEdit(storageBox);
    m_dbUrl->setPlaceholderText(tr("sqlite in the data directory, or postgres://user@host/db"));
    bind(
        Field::DataDir, env::dataDir, m_dataDir, [this] { return m_dataDir->text().trimmed(); },
        [this](const QString& v) { m_dataDir->setText(v); });
    storageForm->addRow(tr("&Data directory:"), dataRow);
    bind(
        Field::DatabaseUrl, env::dbUrl, m_dbUrl, [this] { return m_dbUrl->text().trimmed(); },
        [this](const QString& v) { m_dbUrl->setText(v); });
    storageForm->addRow(tr("Data&base URL:"), m_dbUrl);

    // --- console ------------------------------------------------------------------------
    auto* consoleBox = new QGroupBox(tr("Console"), this);
    auto* consoleForm = new QFormLayout(consoleBox);
    m_language = new QComboBox(consoleBox);
    m_language->addItem(tr("System language"), QString());
    for (const QString& code : availableLanguages()) {
        // Each language in its own words, so anyone can find theirs.
        const QString name = code == QLatin1String("en") ? QStringLiteral("English")
                                                         : QLocale(code).nativeLanguageName();
        m_language->addItem(name, code);
    }
    m_editors.insert(Field::Language, m_language);
    consoleForm->addRow(tr("&Language:"), m_language);
    m_serveApi =
        new QCheckBox(tr("Serve the console &API for browsers and local agents"), consoleBox);
    m_editors.insert(Field::ServeApi, m_serveApi);
    consoleForm->addRow(m_serveApi);
    m_listen = new QLineEdit(consoleBox);
    m_listen->setPlaceholderText(defaults.apiListen);
    bind(
        Field::ApiListen, env::apiListen, m_listen, [this] { return m_listen->text().trimmed(); },
        [this](const QString& v) { m_listen->setText(v); });
    consoleForm->addRow(tr("Listen &on:"), m_listen);
    m_apiToken = new QLineEdit(consoleBox);
    m_apiToken->setObjectName(QStringLiteral("apiToken"));
    m_apiToken->setReadOnly(true);
    m_apiToken->setEchoMode(QLineEdit::Password);
    m_copyToken = new QPushButton(tr("&Copy"), consoleBox);
    connect(m_copyToken, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_apiToken->text()); });
    auto* show = new QToolButton(consoleBox);
    show->setText(tr("Show"));
    show->setCheckable(true);
    connect(show, &QToolButton::toggled, this, [this](bool on) {
        m_apiToken->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
    });
    auto* apiTokenRow = new QHBoxLayout;
    apiTokenRow->addWidget(m_apiToken, 1);
    apiTokenRow->addWidget(show);
    apiTokenRow->addWidget(m_copyToken);
    m_apiTokenLabel = new QLabel(tr("API token:"), consoleBox);
    consoleForm->addRow(m_apiTokenLabel, apiTokenRow);
    setApiToken({});

    // --- bottom -------------------------------------------------------------------------
    auto* note = new QLabel(tr("Changes to the backend, timing, names and storage take effect "
                               "when Hangar starts again."),
                            this);
    note->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText,
                          StatusPalette::color(SandboxState::Failed, palette()));
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(backendBox);
    layout->addWidget(lifecycleBox);
    layout->addWidget(storageBox);
    layout->addWidget(consoleBox);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
}

void SettingsDialog::bind(Field field, const QString& variable, QWidget* editor,
                          std::function<QString()> read,
                          std::function<void(const QString&)> write) {
    m_editors.insert(field, editor);
    m_bindings.append(Binding{variable, editor, std::move(read), std::move(write)});
}

void SettingsDialog::setAccounts(AccountManager& accounts) {
    if (m_accountsPage)
        return;
    auto* box = new QGroupBox(tr("Sprites accounts"), this);
    auto* boxLayout = new QVBoxLayout(box);
    auto* note = new QLabel(tr("More Sprites accounts beside the default token. Adding, editing "
                               "or removing one takes effect at once; tokens are kept in %1.")
                                .arg(m_secrets.description()),
                            box);
    note->setWordWrap(true);
    m_accountsPage = new AccountsPage(accounts, box);
    boxLayout->addWidget(note);
    boxLayout->addWidget(m_accountsPage);
    if (auto* column = qobject_cast<QVBoxLayout*>(layout()))
        column->insertWidget(1, box);
}

QWidget* SettingsDialog::editor(Field which) const {
    return m_editors.value(which);
}

void SettingsDialog::setApiToken(const QString& token) {
    m_apiToken->setText(token);
    const bool shown = !token.isEmpty();
    m_apiTokenLabel->setVisible(shown);
    m_apiToken->setVisible(shown);
    m_copyToken->setVisible(shown);
}

void SettingsDialog::loadValues() {
    // Defaults first, so an unset key shows what will be used.
    const Config defaults;
    const QMap<QString, QString> defaultText{
        {env::spritesEnabled, kFalse},
        {env::spritesApiBaseUrl, QString()},
        {env::inactivityTimeoutMs, QString::number(defaults.inactivityTimeoutMs)},
        {env::sweepIntervalMs, QString::number(defaults.sweepIntervalMs)},
        {env::namePrefix, QString()},
        {env::dataDir, QString()},
        {env::dbUrl, QString()},
        {env::apiListen, QString()},
    };
    for (const Binding& binding : std::as_const(m_bindings)) {
        const QString key = Config::settingsKey(binding.variable);
        const bool fromEnvironment = m_environment.contains(binding.variable);
        const QString value = fromEnvironment            ? m_environment.value(binding.variable)
                              : m_settings.contains(key) ? m_settings.value(key).toString()
                                                         : defaultText.value(binding.variable);
        binding.write(value);
        if (fromEnvironment) {
            // The environment wins at start: show its value and that it cannot be edited here.
            binding.editor->setEnabled(false);
            binding.editor->setToolTip(
                tr("Set by the environment variable %1; unset it to change this here.")
                    .arg(binding.variable));
        }
    }
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(m_settings.value(console_settings::language).toString())));
    m_serveApi->setChecked(m_settings.value(console_settings::serveApi, false).toBool());
}

QMap<QString, QString> SettingsDialog::collectValues() const {
    QMap<QString, QString> values;
    for (const Binding& binding : m_bindings) {
        // Empty means "not set": the default applies.
        if (!m_environment.contains(binding.variable) && !binding.read().isEmpty())
            values.insert(binding.variable, binding.read());
    }
    return values;
}

void SettingsDialog::refreshTokenStatus() {
    if (m_environment.contains(env::spritesToken)) {
        m_token->setEnabled(false);
        m_removeToken->setEnabled(false);
        m_tokenStatus->setText(tr("The token comes from the environment variable %1; it is used "
                                  "instead of a stored one.")
                                   .arg(env::spritesToken));
        emit tokenStatusChanged();
        return;
    }
    m_tokenStatus->setText(tr("Checking %1…").arg(m_secrets.description()));
    whenReady(
        m_secrets.read(QLatin1String(secret_keys::kSpritesToken)), this,
        [this](Result<QString> stored) {
            if (stored) {
                m_tokenStatus->setText(tr("A token is stored in %1.").arg(m_secrets.description()));
                m_removeToken->setEnabled(true);
            } else if (stored.error().code == ErrorCode::NotFound) {
                m_tokenStatus->setText(tr("No token is stored. Paste one to keep it in %1.")
                                           .arg(m_secrets.description()));
                m_removeToken->setEnabled(false);
            } else {
                m_tokenStatus->setText(
                    tr("No keychain is available (%1). Set the environment variable %2 instead.")
                        .arg(stored.error().message, env::spritesToken));
                m_token->setEnabled(false);
                m_removeToken->setEnabled(false);
            }
            emit tokenStatusChanged();
        });
}

void SettingsDialog::removeStoredToken() {
    m_removeToken->setEnabled(false);
    whenReady(
        m_secrets.remove(QLatin1String(secret_keys::kSpritesToken)), this, [this](Status removed) {
            if (!removed)
                showError(tr("Could not remove the token: %1").arg(removed.error().describe()));
            refreshTokenStatus();
        });
}

void SettingsDialog::showError(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void SettingsDialog::save() {
    if (m_saving)
        return;
    showError({});
    const QMap<QString, QString> values = collectValues();
    // The same validation as at start, on what would be used: nothing is written if it fails.
    if (auto checked = Config::load(m_environment, values); !checked) {
        showError(checked.error().message);
        return;
    }

    bool engineChanged = false;
    for (const Binding& binding : std::as_const(m_bindings)) {
        // Untouched fields stay as they were (unset ones keep following the defaults).
        const QString value = values.value(binding.variable);
        if (m_environment.contains(binding.variable) ||
            value == m_initialValues.value(binding.variable))
            continue;
        engineChanged = true;
        const QString key = Config::settingsKey(binding.variable);
        if (value.isEmpty())
            m_settings.remove(key);
        else
            m_settings.setValue(key, value);
    }
    const QString language = m_language->currentData().toString();
    const bool languageDiffers =
        m_settings.value(console_settings::language).toString() != language;
    m_settings.setValue(console_settings::language, language);
    engineChanged |=
        m_settings.value(console_settings::serveApi, false).toBool() != m_serveApi->isChecked();
    m_settings.setValue(console_settings::serveApi, m_serveApi->isChecked());
    m_settings.sync();

    const QString token = m_token->text().trimmed();
    if (token.isEmpty() || !m_token->isEnabled()) {
        finishSave(engineChanged, languageDiffers);
        return;
    }
    m_saving = true;
    m_buttons->setEnabled(false);
    whenReady(m_secrets.write(QLatin1String(secret_keys::kSpritesToken), token), this,
              [this, languageDiffers](Status written) {
                  m_saving = false;
                  m_buttons->setEnabled(true);
                  if (!written) {
                      // The other settings are saved; the token is what needs another try.
                      showError(tr("The settings are saved, but the token could not be stored: %1")
                                    .arg(written.error().describe()));
                      refreshTokenStatus();
                      return;
                  }
                  m_token->clear();
                  finishSave(true, languageDiffers);
              });
}

void SettingsDialog::finishSave(bool engineDiffers, bool languageDiffers) {
    if (engineDiffers)
        emit engineSettingsChanged();
    if (languageDiffers)
        emit languageChanged(m_language->currentData().toString());
    accept();
}

} // namespace hangar
