#pragma once

#include "util/Result.h"

#include <QDialog>

class QLabel;
class QListView;
class QPushButton;

namespace hangar {

class ProfileForm;
class ProfileListModel;
class ProfileStore;

// The profile editor: the profiles on the left, the selected one's form on the right; New,
// Delete, Save, and JSON import/export. Exports never contain secret values (a profile has only
// their names); an imported profile is new until saved, and its secrets need values.
class ProfileEditorDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProfileEditorDialog(ProfileStore& profiles, QWidget* parent = nullptr);

    ProfileForm* form() const { return m_form; }
    ProfileListModel* model() const { return m_model; }
    QListView* list() const { return m_list; }
    QLabel* statusLabel() const { return m_status; }
    QString currentId() const { return m_currentId; }

    void selectProfile(const QString& id);
    // A new, unsaved profile in the form.
    void newProfile();
    // Saves the form (creates or updates), then its pending secret values and private keys.
    // statusShown() tells how it went.
    void save();
    void deleteCurrent();
    // The form's profile as JSON (without secret values) into `path`.
    Status exportTo(const QString& path);
    // A profile from JSON into the form, as a new profile (saved with Save).
    Status importFrom(const QString& path);

signals:
    void statusShown(const QString& text, bool isError);

private:
    void showStatus(const QString& text, bool isError);
    void onCurrentChanged();

    ProfileStore& m_profiles;
    ProfileListModel* m_model = nullptr;
    QListView* m_list = nullptr;
    ProfileForm* m_form = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_delete = nullptr;
    QString m_currentId; // empty: a new profile
    quint64 m_generation = 0;
};

} // namespace hangar
