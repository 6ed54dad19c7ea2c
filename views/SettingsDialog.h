#pragma once

#include <QDialog>
#include <QList>
#include <QMap>
#include <QProcessEnvironment>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace hangar {

class AccountManager;
class AccountsPage;
class SecretStore;

// Hangar's settings: backend, Sprites URL and token, lifecycle timing, names, storage,
// language and the in-process console API. Settings go to QSettings under the variable names
// of ARCHITECTURE.md; the Sprites token goes to the SecretStore only. A variable set in the
// environment wins: its field shows the value, read-only, and says so.
//
// Nothing is written until everything validates (the same checks Config applies at start).
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum class Field {
        Backend,
        SpritesBaseUrl,
        SpritesToken,
        InactivityTimeout,
        SweepInterval,
        NamePrefix,
        DataDir,
        DatabaseUrl,
        Language,
        ServeApi,
        ApiListen,
    };
    Q_ENUM(Field)

    SettingsDialog(QSettings& settings, SecretStore& secrets,
                   const QProcessEnvironment& environment, QWidget* parent = nullptr);

    // The console API's token, shown masked with a copy button; empty hides the row.
    void setApiToken(const QString& token);
    // Shows the Sprites accounts page (changes there take effect at once, not on Save).
    void setAccounts(AccountManager& accounts);
    AccountsPage* accountsPage() const { return m_accountsPage; }

    QWidget* editor(Field which) const;
    QLabel* errorLabel() const { return m_error; }
    QLabel* tokenStatusLabel() const { return m_tokenStatus; }
    QPushButton* copyTokenButton() const { return m_copyToken; }

public slots:
    // Validates, writes the settings and the token; closes when all is stored.
    void save();

signals:
    // After a save that changed something the engine reads at start.
    void engineSettingsChanged();
    // After a save that changed the language (code, or empty for the system's).
    void languageChanged(const QString& language);
    // The stored Sprites token was read, written or removed (for tests and the status bar).
    void tokenStatusChanged();

private:
    // One engine variable and the widget that edits it.
    struct Binding {
        QString variable;
        QWidget* editor = nullptr;
        std::function<QString()> read;
        std::function<void(const QString&)> write;
    };

    void createForm();
    void bind(Field field, const QString& variable, QWidget* editor, std::function<QString()> read,
              std::function<void(const QString&)> write);
    void loadValues();
    QMap<QString, QString> collectValues() const;
    void refreshTokenStatus();
    void removeStoredToken();
    void finishSave(bool engineDiffers, bool languageDiffers);
    void showError(const QString& message);

    QSettings& m_settings;
    SecretStore& m_secrets;
    QProcessEnvironment m_environment;
    QList<Binding> m_bindings;
    QMap<QString, QString> m_initialValues; // as loaded: unchanged fields are not written
    QMap<Field, QWidget*> m_editors;

    QComboBox* m_backend = nullptr;
    QLineEdit* m_baseUrl = nullptr;
    QLineEdit* m_token = nullptr;
    QLabel* m_tokenStatus = nullptr;
    QPushButton* m_removeToken = nullptr;
    QSpinBox* m_timeoutSeconds = nullptr;
    QSpinBox* m_sweepSeconds = nullptr;
    QLineEdit* m_prefix = nullptr;
    QLineEdit* m_dataDir = nullptr;
    QLineEdit* m_dbUrl = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_serveApi = nullptr;
    QLineEdit* m_listen = nullptr;
    QLineEdit* m_apiToken = nullptr;
    QPushButton* m_copyToken = nullptr;
    QLabel* m_apiTokenLabel = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    AccountsPage* m_accountsPage = nullptr;
    bool m_saving = false;
};

} // namespace hangar
