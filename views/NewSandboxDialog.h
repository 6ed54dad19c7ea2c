#pragma once

#include "util/Result.h"

#include <QDialog>
#include <QHash>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace hangar {

// Asks for what a new sandbox needs: chat id, thread id and backend. Shows the sandbox name
// the engine will use (or why the ids are not acceptable) and enables OK only when valid.
class NewSandboxDialog : public QDialog {
    Q_OBJECT
public:
    // Turns (chatId, threadId) into the sandbox name, or an error to show.
    using Namer = std::function<Result<QString>(const QString&, const QString&)>;

    NewSandboxDialog(const QStringList& backends, const QString& defaultBackend, Namer namer,
                     QWidget* parent = nullptr);

    QString chatId() const;
    QString threadId() const;
    QString backend() const;
    void setChatId(const QString& id);
    void setThreadId(const QString& id);
    void setBackend(const QString& kind);
    // Shows each backend (account key) by its name; backend() still answers the key.
    void setBackendLabels(const QHash<QString, QString>& labels);
    bool isInputValid() const;
    // Offers these profiles (id, name), `current` chosen; without a call there is no choice
    // and profileId() is empty (the default profile).
    void setProfiles(const QList<QPair<QString, QString>>& profiles, const QString& current = {});
    QString profileId() const;

private:
    void validate();
    QString backendAt(int index) const;

    Namer m_namer;
    QLineEdit* m_chat = nullptr;
    QLineEdit* m_thread = nullptr;
    QComboBox* m_backend = nullptr;
    QComboBox* m_profile = nullptr;
    QLabel* m_profileLabel = nullptr;
    QLabel* m_preview = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_valid = false;
};

} // namespace hangar
