#pragma once

#include "profiles/Profile.h"

#include <QMap>
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace hangar {

// Edits one profile: name and description, then a tab each for variables, secrets (values
// masked and write-only: the form only knows which are set, and keeps new values until they are
// saved), files (path, mode, content; binary content is loaded from a file), SSH keys (generated
// or imported, the private half loaded from a file) and setup commands (one a line).
class ProfileForm : public QWidget {
    Q_OBJECT
public:
    enum VariableColumn { VariableName, VariableValue };
    enum SecretColumn { SecretName, SecretState };
    enum FileColumn { FilePath, FileMode };
    enum KeyColumn { KeyName, KeyPath, KeySource, KeyPublic };

    explicit ProfileForm(QWidget* parent = nullptr);

    // Shows `profile`; `secretsSet` names the secrets that have a value. Forgets pending values.
    void setProfile(const Profile& profile, const QStringList& secretsSet = {});
    // What the form shows now (the id of the profile it was given).
    Profile profile() const;

    // New secret values and imported private keys, by name, not saved yet.
    const QMap<QString, QString>& pendingSecrets() const { return m_pendingSecrets; }
    const QMap<QString, QString>& pendingKeys() const { return m_pendingKeys; }
    void setPendingSecret(const QString& name, const QString& value);
    void setPendingKey(const QString& keyName, const QString& privateKey);
    void clearPending();

    // Parts, for tests and for the dialog.
    QLineEdit* nameEdit() const { return m_name; }
    QTableWidget* variablesTable() const { return m_variables; }
    QTableWidget* secretsTable() const { return m_secrets; }
    QTableWidget* filesTable() const { return m_files; }
    QPlainTextEdit* fileContentEdit() const { return m_fileContent; }
    QTableWidget* keysTable() const { return m_keys; }
    QPlainTextEdit* setupEdit() const { return m_setup; }
    // Adds a row (variable, secret, file or key) and returns it.
    int addVariable(const QString& name = {}, const QString& value = {});
    int addSecret(const QString& name = {});
    int addFile(const QString& path = {}, const QByteArray& content = {}, quint32 mode = 0644);
    int addKey(const ProfileKey& key = {});

signals:
    void edited();

private:
    QWidget* variablesPage();
    QWidget* secretsPage();
    QWidget* filesPage();
    QWidget* keysPage();
    void askSecretValue();
    void loadFileContent();
    void importPrivateKey();
    void showFileContent();
    void storeFileContent();
    void updateSecretStates();
    static void removeSelectedRows(QTableWidget* table);

    QString m_id;
    QStringList m_secretsSet;
    QMap<QString, QString> m_pendingSecrets;
    QMap<QString, QString> m_pendingKeys;
    QList<QByteArray> m_fileContents; // per row of m_files
    int m_shownFile = -1;
    bool m_loading = false;

    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_variables = nullptr;
    QTableWidget* m_secrets = nullptr;
    QTableWidget* m_files = nullptr;
    QPlainTextEdit* m_fileContent = nullptr;
    QTableWidget* m_keys = nullptr;
    QPlainTextEdit* m_setup = nullptr;
};

} // namespace hangar
