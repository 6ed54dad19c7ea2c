#include "NewSandboxDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace hangar {

NewSandboxDialog::NewSandboxDialog(const QStringList& backends, const QString& defaultBackend,
                                   Namer namer, QWidget* parent)
    : QDialog(parent)
    , m_namer(std::move(namer)) {
    setWindowTitle(tr("New sandbox"));

    m_chat = new QLineEdit(this);
    m_chat->setPlaceholderText(tr("e.g. chat-42"));
    m_thread = new QLineEdit(this);
    m_thread->setPlaceholderText(tr("e.g. main"));
    m_backend = new QComboBox(this);
    m_backend->addItems(backends);
    if (const int i = m_backend->findText(defaultBackend); i >= 0)
        m_backend->setCurrentIndex(i);
    m_preview = new QLabel(this);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Chat id:"), m_chat);
    form->addRow(tr("&Thread id:"), m_thread);
    form->addRow(tr("&Backend:"), m_backend);
    m_profile = new QComboBox(this);
    m_profileLabel = new QLabel(tr("&Profile:"), this);
    m_profileLabel->setBuddy(m_profile);
    form->addRow(m_profileLabel, m_profile);
    m_profile->hide();
    m_profileLabel->hide();
    form->addRow(m_preview);
    form->addRow(m_buttons);

    connect(m_chat, &QLineEdit::textChanged, this, &NewSandboxDialog::validate);
    connect(m_thread, &QLineEdit::textChanged, this, &NewSandboxDialog::validate);
    validate();
}

QString NewSandboxDialog::chatId() const {
    return m_chat->text().trimmed();
}
QString NewSandboxDialog::threadId() const {
    return m_thread->text().trimmed();
}
QString NewSandboxDialog::backend() const {
    const QString key = m_backend->currentData().toString();
    return key.isEmpty() ? m_backend->currentText() : key;
}
void NewSandboxDialog::setChatId(const QString& id) {
    m_chat->setText(id);
}
void NewSandboxDialog::setThreadId(const QString& id) {
    m_thread->setText(id);
}
bool NewSandboxDialog::isInputValid() const {
    return m_valid;
}

void NewSandboxDialog::setBackend(const QString& kind) {
    int i = m_backend->findData(kind);
    if (i < 0)
        i = m_backend->findText(kind);
    if (i >= 0)
        m_backend->setCurrentIndex(i);
}

void NewSandboxDialog::setBackendLabels(const QHash<QString, QString>& labels) {
    for (int i = 0; i < m_backend->count(); ++i) {
        const QString key = backendAt(i);
        m_backend->setItemData(i, key);
        m_backend->setItemText(i, labels.value(key, key));
    }
}

QString NewSandboxDialog::backendAt(int index) const {
    const QString key = m_backend->itemData(index).toString();
    return key.isEmpty() ? m_backend->itemText(index) : key;
}

void NewSandboxDialog::setProfiles(const QList<QPair<QString, QString>>& profiles,
                                   const QString& current) {
    m_profile->clear();
    for (const auto& [id, name] : profiles)
        m_profile->addItem(name, id);
    if (const int i = m_profile->findData(current); i >= 0)
        m_profile->setCurrentIndex(i);
    m_profile->setVisible(!profiles.isEmpty());
    m_profileLabel->setVisible(!profiles.isEmpty());
}

QString NewSandboxDialog::profileId() const {
    return m_profile->currentData().toString();
}

void NewSandboxDialog::validate() {
    if (chatId().isEmpty() || threadId().isEmpty()) {
        m_valid = false;
        m_preview->setText(tr("Enter the chat and thread the sandbox is for."));
    } else if (auto name = m_namer(chatId(), threadId())) {
        m_valid = true;
        m_preview->setText(tr("Sandbox name: %1").arg(name.value()));
    } else {
        m_valid = false;
        m_preview->setText(name.error().describe());
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid && m_backend->count() > 0);
}

} // namespace hangar
