#include "ProfileEditorDialog.h"

#include "ProfileForm.h"
#include "ProfileListModel.h"
#include "StatusPalette.h"
#include "profiles/ProfileStore.h"
#include "util/Async.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

namespace hangar {

ProfileEditorDialog::ProfileEditorDialog(ProfileStore& profiles, QWidget* parent)
    : QDialog(parent)
    , m_profiles(profiles) {
    setWindowTitle(tr("Profiles"));
    resize(900, 600);
    m_model = new ProfileListModel(&profiles, this);
    m_list = new QListView(this);
    m_list->setModel(m_model);
    m_form = new ProfileForm(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* add = new QPushButton(tr("&New"), this);
    m_delete = new QPushButton(tr("&Delete"), this);
    auto* import = new QPushButton(tr("&Import JSON…"), this);
    auto* exportButton = new QPushButton(tr("E&xport JSON…"), this);
    connect(add, &QPushButton::clicked, this, &ProfileEditorDialog::newProfile);
    connect(m_delete, &QPushButton::clicked, this, &ProfileEditorDialog::deleteCurrent);
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import profile"), {}, tr("Profiles (*.json)"));
        if (path.isEmpty())
            return;
        if (auto st = importFrom(path); !st)
            showStatus(st.error().describe(), true);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export profile"), {}, tr("Profiles (*.json)"));
        if (path.isEmpty())
            return;
        if (auto st = exportTo(path); !st)
            showStatus(st.error().describe(), true);
        else
            showStatus(tr("Exported to %1 (without secret values).").arg(path), false);
    });

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list);
    auto* leftButtons = new QHBoxLayout;
    leftButtons->addWidget(add);
    leftButtons->addWidget(m_delete);
    leftLayout->addLayout(leftButtons);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_form);
    splitter->setStretchFactor(1, 3);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    buttons->addButton(import, QDialogButtonBox::ActionRole);
    buttons->addButton(exportButton, QDialogButtonBox::ActionRole);
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &ProfileEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ProfileEditorDialog::onCurrentChanged);
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
}

void ProfileEditorDialog::showStatus(const QString& text, bool isError) {
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? StatusPalette::color(SandboxState::Failed, this->palette())
                             : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    emit statusShown(text, isError);
}

void ProfileEditorDialog::selectProfile(const QString& id) {
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

void ProfileEditorDialog::onCurrentChanged() {
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const Profile profile = m_model->profileAt(current.row());
    m_currentId = profile.id;
    m_delete->setEnabled(!profile.isDefault());
    m_form->setProfile(profile);
    // Which secrets have values arrives from the keychain; a later selection wins.
    const quint64 generation = ++m_generation;
    whenReady(
        m_profiles.secretsSet(profile), this, [this, generation, profile](Result<QStringList> set) {
            if (generation != m_generation)
                return;
            if (!set) {
                showStatus(tr("The keychain could not be read: %1").arg(set.error().describe()),
                           true);
                return;
            }
            m_form->setProfile(profile, set.value());
        });
}

void ProfileEditorDialog::newProfile() {
    ++m_generation;
    m_list->clearSelection();
    m_currentId.clear();
    Profile fresh;
    fresh.name = tr("New profile");
    m_form->setProfile(fresh);
    m_delete->setEnabled(false);
    showStatus(tr("A new profile: fill it in and save it."), false);
}

void ProfileEditorDialog::save() {
    Profile profile = m_form->profile();
    profile.id = m_currentId;
    if (const QStringList problems = profile.problems(); !problems.isEmpty()) {
        showStatus(problems.join(QLatin1Char('\n')), true);
        return;
    }
    auto saved = m_currentId.isEmpty() ? m_profiles.create(profile) : m_profiles.update(profile);
    if (!saved) {
        showStatus(saved.error().describe(), true);
        return;
    }
    const QString id = saved.value().id;
    m_currentId = id;
    // Pending values go to the keychain one after the other (in the application's context:
    // the dialog may close before the keychain answers).
    QPointer<ProfileStore> profiles(&m_profiles);
    Task<void> written = readyTask();
    const auto secrets = m_form->pendingSecrets();
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const QString name = it.key();
        const QString value = it.value();
        if (!saved.value().secrets.contains(name))
            continue;
        written = chain<void>(written, qApp, [profiles, id, name, value](Result<void> r) {
            if (!r || !profiles)
                return failedTask<void>(r ? makeError(ErrorCode::Cancelled, {}) : r.error());
            return profiles->setSecret(id, name, value);
        });
    }
    const auto keys = m_form->pendingKeys();
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        const QString name = it.key();
        const QString value = it.value();
        written = chain<void>(written, qApp, [profiles, id, name, value](Result<void> r) {
            if (!r || !profiles)
                return failedTask<void>(r ? makeError(ErrorCode::Cancelled, {}) : r.error());
            return profiles->setImportedKey(id, name, value);
        });
    }
    const QString name = saved.value().name;
    whenReady(written, this, [this, id, name](Result<void> r) {
        selectProfile(id);
        if (!r)
            showStatus(tr("Saved %1, but a secret could not be stored: %2")
                           .arg(name, r.error().describe()),
                       true);
        else
            showStatus(tr("Saved %1.").arg(name), false);
    });
}

void ProfileEditorDialog::deleteCurrent() {
    if (m_currentId.isEmpty())
        return;
    const auto answer =
        QMessageBox::question(this, tr("Delete profile"),
                              tr("Delete profile %1 and its secrets?").arg(m_form->profile().name));
    if (answer != QMessageBox::Yes)
        return;
    if (auto st = m_profiles.remove(m_currentId); !st) {
        showStatus(st.error().describe(), true);
        return;
    }
    showStatus(tr("Deleted."), false);
    m_list->setCurrentIndex(m_model->index(0));
}

Status ProfileEditorDialog::exportTo(const QString& path) {
    QJsonObject json = m_form->profile().toJson();
    json.remove(QStringLiteral("id"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(json).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        return makeError(ErrorCode::Io, tr("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

Status ProfileEditorDialog::importFrom(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, tr("Could not read %1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidArgument,
                         tr("%1 is not a profile in JSON: %2").arg(path, error.errorString()));
    auto profile = Profile::fromJson(doc.object());
    if (!profile)
        return profile.error();
    ++m_generation;
    m_list->clearSelection();
    m_currentId.clear();
    profile.value().id.clear();
    m_form->setProfile(profile.value());
    m_delete->setEnabled(false);
    showStatus(profile.value().secrets.isEmpty()
                   ? tr("Imported; save it to keep it.")
                   : tr("Imported; set its secrets' values, then save it."),
               false);
    return {};
}

} // namespace hangar
