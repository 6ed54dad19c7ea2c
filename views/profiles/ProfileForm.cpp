#include "ProfileForm.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hangar {

namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

QString cell(const QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool isText(const QByteArray& content) {
    return !content.contains('\0') && QString::fromUtf8(content).toUtf8() == content;
}

// A page: the table, then a row of buttons under it.
QWidget* page(QWidget* parent, QWidget* main, const QList<QPushButton*>& buttons,
              QWidget* below = nullptr) {
    auto* w = new QWidget(parent);
    auto* layout = new QVBoxLayout(w);
    layout->addWidget(main);
    auto* row = new QHBoxLayout;
    for (QPushButton* b : buttons)
        row->addWidget(b);
    row->addStretch();
    layout->addLayout(row);
    if (below)
        layout->addWidget(below);
    return w;
}

} // namespace

ProfileForm::ProfileForm(QWidget* parent)
    : QWidget(parent) {
    m_name = new QLineEdit(this);
    m_description = new QLineEdit(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(variablesPage(), tr("&Variables"));
    m_tabs->addTab(secretsPage(), tr("S&ecrets"));
    m_tabs->addTab(filesPage(), tr("F&iles"));
    m_tabs->addTab(keysPage(), tr("SSH &keys"));
    m_setup = new QPlainTextEdit(this);
    m_setup->setPlaceholderText(tr("One shell command a line, run in order when a sandbox is "
                                   "provisioned, e.g. npm ci"));
    m_tabs->addTab(m_setup, tr("Set&up commands"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_tabs);

    for (QLineEdit* edit : {m_name, m_description})
        connect(edit, &QLineEdit::textEdited, this, &ProfileForm::edited);
    connect(m_setup, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            emit edited();
    });
    for (QTableWidget* table : {m_variables, m_secrets, m_files, m_keys}) {
        connect(table, &QTableWidget::itemChanged, this, [this] {
            if (!m_loading)
                emit edited();
        });
    }
    connect(m_secrets, &QTableWidget::itemChanged, this, &ProfileForm::updateSecretStates);
}

QWidget* ProfileForm::variablesPage() {
    m_variables = makeTable({tr("Name"), tr("Value")}, this);
    auto* add = new QPushButton(tr("Add"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] { addVariable(); });
    connect(remove, &QPushButton::clicked, this, [this] { removeSelectedRows(m_variables); });
    return page(this, m_variables, {add, remove});
}

QWidget* ProfileForm::secretsPage() {
    m_secrets = makeTable({tr("Name"), tr("Value")}, this);
    auto* add = new QPushButton(tr("Add"), this);
    auto* set = new QPushButton(tr("Set value…"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] { addSecret(); });
    connect(set, &QPushButton::clicked, this, &ProfileForm::askSecretValue);
    connect(remove, &QPushButton::clicked, this, [this] { removeSelectedRows(m_secrets); });
    auto* note = new QLabel(tr("Values are kept in the system keychain and never shown; the "
                               "profile stores only the names."),
                            this);
    note->setWordWrap(true);
    return page(this, m_secrets, {add, set, remove}, note);
}

QWidget* ProfileForm::filesPage() {
    m_files = makeTable({tr("Path"), tr("Mode")}, this);
    m_fileContent = new QPlainTextEdit(this);
    m_fileContent->setPlaceholderText(tr("The selected file's content"));
    auto* add = new QPushButton(tr("Add"), this);
    auto* load = new QPushButton(tr("Load content…"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this,
            [this] { m_files->setCurrentCell(addFile(), FilePath); });
    connect(load, &QPushButton::clicked, this, &ProfileForm::loadFileContent);
    connect(remove, &QPushButton::clicked, this, [this] {
        storeFileContent();
        const int row = m_files->currentRow();
        if (row < 0)
            return;
        m_shownFile = -1;
        m_fileContents.removeAt(row);
        m_files->removeRow(row);
        showFileContent();
        emit edited();
    });
    connect(m_files, &QTableWidget::currentCellChanged, this, [this] {
        storeFileContent();
        showFileContent();
    });
    connect(m_fileContent, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading || m_fileContent->isReadOnly())
            return;
        storeFileContent();
        emit edited();
    });
    return page(this, m_files, {add, load, remove}, m_fileContent);
}

QWidget* ProfileForm::keysPage() {
    m_keys = makeTable({tr("Name"), tr("Path"), tr("Source"), tr("Public key")}, this);
    auto* add = new QPushButton(tr("Add"), this);
    auto* import = new QPushButton(tr("Import private key…"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] { addKey(); });
    connect(import, &QPushButton::clicked, this, &ProfileForm::importPrivateKey);
    connect(remove, &QPushButton::clicked, this, [this] { removeSelectedRows(m_keys); });
    auto* note = new QLabel(tr("A generated key pair is made for each sandbox. An imported key "
                               "is the same everywhere: paste its public key and import the "
                               "private one (kept in the keychain)."),
                            this);
    note->setWordWrap(true);
    return page(this, m_keys, {add, import, remove}, note);
}

void ProfileForm::removeSelectedRows(QTableWidget* table) {
    QList<int> rows;
    for (const QModelIndex& index : table->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && table->currentRow() >= 0)
        rows.append(table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        table->removeRow(row);
}

int ProfileForm::addVariable(const QString& name, const QString& value) {
    const int row = m_variables->rowCount();
    m_variables->insertRow(row);
    m_variables->setItem(row, VariableName, new QTableWidgetItem(name));
    m_variables->setItem(row, VariableValue, new QTableWidgetItem(value));
    return row;
}

int ProfileForm::addSecret(const QString& name) {
    const bool loading = m_loading;
    m_loading = true;
    const int row = m_secrets->rowCount();
    m_secrets->insertRow(row);
    m_secrets->setItem(row, SecretName, new QTableWidgetItem(name));
    auto* state = new QTableWidgetItem;
    state->setFlags(state->flags() & ~Qt::ItemIsEditable);
    m_secrets->setItem(row, SecretState, state);
    m_loading = loading;
    updateSecretStates();
    return row;
}

int ProfileForm::addFile(const QString& path, const QByteArray& content, quint32 mode) {
    const bool loading = m_loading;
    m_loading = true;
    const int row = m_files->rowCount();
    m_fileContents.append(content);
    m_files->insertRow(row);
    m_files->setItem(row, FilePath, new QTableWidgetItem(path));
    m_files->setItem(row, FileMode, new QTableWidgetItem(profiles::modeText(mode)));
    m_loading = loading;
    return row;
}

int ProfileForm::addKey(const ProfileKey& key) {
    const int row = m_keys->rowCount();
    m_keys->insertRow(row);
    m_keys->setItem(row, KeyName, new QTableWidgetItem(key.name));
    m_keys->setItem(row, KeyPath, new QTableWidgetItem(key.path));
    auto* source = new QComboBox(m_keys);
    source->addItem(tr("generate per sandbox"), QStringLiteral("generate"));
    source->addItem(tr("import"), QStringLiteral("import"));
    source->setCurrentIndex(key.source == ProfileKey::Source::Import ? 1 : 0);
    connect(source, &QComboBox::currentIndexChanged, this, &ProfileForm::edited);
    m_keys->setCellWidget(row, KeySource, source);
    m_keys->setItem(row, KeyPublic, new QTableWidgetItem(key.publicKey));
    return row;
}

void ProfileForm::setProfile(const Profile& profile, const QStringList& secretsSet) {
    m_loading = true;
    m_id = profile.id;
    m_secretsSet = secretsSet;
    clearPending();
    m_name->setText(profile.name);
    m_name->setReadOnly(profile.isDefault());
    m_description->setText(profile.description);
    m_variables->setRowCount(0);
    for (auto it = profile.variables.cbegin(); it != profile.variables.cend(); ++it)
        addVariable(it.key(), it.value());
    m_secrets->setRowCount(0);
    for (const QString& name : profile.secrets)
        addSecret(name);
    m_shownFile = -1;
    m_fileContents.clear();
    m_files->setRowCount(0);
    for (const ProfileFile& file : profile.files)
        addFile(file.path, file.content, file.mode);
    m_keys->setRowCount(0);
    for (const ProfileKey& key : profile.keys)
        addKey(key);
    m_setup->setPlainText(profile.setup.join(QLatin1Char('\n')));
    m_loading = false;
    updateSecretStates();
    showFileContent();
}

Profile ProfileForm::profile() const {
    Profile p;
    p.id = m_id;
    p.name = m_name->text().trimmed();
    p.description = m_description->text().trimmed();
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QString name = cell(m_variables, row, VariableName);
        const QTableWidgetItem* value = m_variables->item(row, VariableValue);
        if (!name.isEmpty() || (value && !value->text().isEmpty()))
            p.variables.insert(name, value ? value->text() : QString());
    }
    for (int row = 0; row < m_secrets->rowCount(); ++row) {
        if (const QString name = cell(m_secrets, row, SecretName); !name.isEmpty())
            p.secrets.append(name);
    }
    for (int row = 0; row < m_files->rowCount(); ++row) {
        ProfileFile file;
        file.path = cell(m_files, row, FilePath);
        bool ok = false;
        file.mode = cell(m_files, row, FileMode).toUInt(&ok, 8);
        if (!ok)
            file.mode = 07777 + 1; // shown by validation as not a mode
        file.content = m_fileContents.value(row);
        if (row == m_shownFile && !m_fileContent->isReadOnly())
            file.content = m_fileContent->toPlainText().toUtf8();
        p.files.append(file);
    }
    for (int row = 0; row < m_keys->rowCount(); ++row) {
        ProfileKey key;
        key.name = cell(m_keys, row, KeyName);
        key.path = cell(m_keys, row, KeyPath);
        const auto* source = qobject_cast<QComboBox*>(m_keys->cellWidget(row, KeySource));
        if (source && source->currentData().toString() == QLatin1String("import"))
            key.source = ProfileKey::Source::Import;
        key.publicKey = cell(m_keys, row, KeyPublic);
        if (key.path == QStringLiteral("~/.ssh/") + key.name)
            key.path.clear();
        p.keys.append(key);
    }
    for (const QString& line : m_setup->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            p.setup.append(line);
    }
    return p;
}

void ProfileForm::setPendingSecret(const QString& name, const QString& value) {
    m_pendingSecrets.insert(name, value);
    updateSecretStates();
    emit edited();
}

void ProfileForm::setPendingKey(const QString& keyName, const QString& privateKey) {
    m_pendingKeys.insert(keyName, privateKey);
    emit edited();
}

void ProfileForm::clearPending() {
    m_pendingSecrets.clear();
    m_pendingKeys.clear();
}

void ProfileForm::updateSecretStates() {
    if (m_loading)
        return;
    m_loading = true;
    for (int row = 0; row < m_secrets->rowCount(); ++row) {
        const QString name = cell(m_secrets, row, SecretName);
        QTableWidgetItem* state = m_secrets->item(row, SecretState);
        if (!state)
            continue;
        if (m_pendingSecrets.contains(name))
            state->setText(tr("•••••••• (new, not saved yet)"));
        else if (m_secretsSet.contains(name))
            state->setText(tr("•••••••• (set)"));
        else
            state->setText(tr("not set"));
    }
    m_loading = false;
}

void ProfileForm::askSecretValue() {
    const int row = m_secrets->currentRow();
    const QString name = row >= 0 ? cell(m_secrets, row, SecretName) : QString();
    if (name.isEmpty()) {
        QMessageBox::information(this, tr("Set value"), tr("Select a secret with a name first."));
        return;
    }
    bool ok = false;
    const QString value =
        QInputDialog::getText(this, tr("Set value"), tr("Value of %1 (not shown again):").arg(name),
                              QLineEdit::Password, {}, &ok);
    if (ok)
        setPendingSecret(name, value);
}

void ProfileForm::storeFileContent() {
    if (m_shownFile < 0 || m_shownFile >= m_fileContents.size() || m_fileContent->isReadOnly())
        return;
    m_fileContents[m_shownFile] = m_fileContent->toPlainText().toUtf8();
}

void ProfileForm::showFileContent() {
    const bool loading = m_loading;
    m_loading = true;
    m_shownFile = m_files->currentRow();
    const QByteArray content = m_fileContents.value(m_shownFile);
    if (m_shownFile < 0) {
        m_fileContent->setPlainText({});
        m_fileContent->setReadOnly(true);
    } else if (isText(content)) {
        m_fileContent->setReadOnly(false);
        m_fileContent->setPlainText(QString::fromUtf8(content));
    } else {
        m_fileContent->setReadOnly(true);
        m_fileContent->setPlainText(
            tr("Binary content, %1 bytes. Use Load content… to replace it.").arg(content.size()));
    }
    m_loading = loading;
}

void ProfileForm::loadFileContent() {
    const int row = m_files->currentRow();
    if (row < 0)
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Load file content"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Load file content"), file.errorString());
        return;
    }
    m_fileContents[row] = file.readAll();
    showFileContent();
    emit edited();
}

void ProfileForm::importPrivateKey() {
    const int row = m_keys->currentRow();
    const QString name = row >= 0 ? cell(m_keys, row, KeyName) : QString();
    if (name.isEmpty()) {
        QMessageBox::information(this, tr("Import private key"),
                                 tr("Select a key with a name first."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Import private key"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import private key"), file.errorString());
        return;
    }
    if (auto* source = qobject_cast<QComboBox*>(m_keys->cellWidget(row, KeySource)))
        source->setCurrentIndex(1);
    QFile pub(path + QStringLiteral(".pub"));
    if (cell(m_keys, row, KeyPublic).isEmpty() && pub.open(QIODevice::ReadOnly))
        m_keys->item(row, KeyPublic)->setText(QString::fromUtf8(pub.readAll()).trimmed());
    setPendingKey(name, QString::fromUtf8(file.readAll()));
}

} // namespace hangar
