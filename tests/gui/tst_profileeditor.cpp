// The profile editor (issue 9): a profile made in the form is stored with its secret's value in
// the secret store only; JSON export has no secret values and imports back as a new profile; a
// bad profile is refused with its problems shown and nothing stored; New sandbox offers the
// profiles and creates the sandbox from the chosen one.
#include "GuiRig.h"
#include "NewSandboxDialog.h"
#include "ProfileListModel.h"
#include "TestSupport.h"
#include "config/MemorySecretStore.h"
#include "profiles/ProfileEditorDialog.h"
#include "profiles/ProfileForm.h"
#include "profiles/ProfileProvisioner.h"
#include "profiles/ProfileStore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace hangar;
using hangar::test::GuiRig;
using hangar::test::kWaitMs;

namespace {
const QString SecretValue = QStringLiteral("gui-Secret-Value-d41f");
}

class TestProfileEditor : public QObject {
    Q_OBJECT

    std::unique_ptr<GuiRig> m_rig;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<ProfileProvisioner> m_provisioner;

    // Saves the dialog's form and waits for its verdict.
    std::pair<QString, bool> save(ProfileEditorDialog& dialog) {
        QSignalSpy shown(&dialog, &ProfileEditorDialog::statusShown);
        dialog.save();
        if (shown.isEmpty() && !shown.wait(kWaitMs))
            return {QStringLiteral("no status"), true};
        return {shown.last().at(0).toString(), shown.last().at(1).toBool()};
    }

private slots:
    void init() {
        m_rig = std::make_unique<GuiRig>();
        QVERIFY(m_rig->open());
        m_secrets = std::make_unique<MemorySecretStore>();
        m_profiles = std::make_unique<ProfileStore>(*m_rig->store, *m_secrets);
        HANGAR_VERIFY_OK(m_profiles->ensureDefault());
        m_provisioner = std::make_unique<ProfileProvisioner>(*m_rig->lifecycle, *m_profiles);
        m_rig->lifecycle->setPreparer(m_provisioner.get());
    }

    void cleanup() {
        if (m_rig && m_rig->lifecycle) {
            for (const Sandbox& s : m_rig->lifecycle->sandboxes().value())
                (void)test::await(m_rig->lifecycle->destroy(s.id));
            m_rig->window.reset();
            m_rig->lifecycle->setPreparer(nullptr);
        }
        m_provisioner.reset();
        m_profiles.reset();
        m_secrets.reset();
        m_rig.reset();
    }

    void createEditExportImport() {
        ProfileEditorDialog dialog(*m_profiles);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QCOMPARE(dialog.model()->rowCount(), 1);
        QCOMPARE(dialog.currentId(), QStringLiteral("default"));
        QVERIFY(dialog.form()->nameEdit()->isReadOnly()); // the default keeps its name

        dialog.newProfile();
        ProfileForm* form = dialog.form();
        form->nameEdit()->setText(QStringLiteral("gui dev"));
        form->addVariable(QStringLiteral("EDITOR"), QStringLiteral("vim"));
        const int secretRow = form->addSecret(QStringLiteral("GH_TOKEN"));
        form->setPendingSecret(QStringLiteral("GH_TOKEN"), SecretValue);
        QVERIFY(form->secretsTable()
                    ->item(secretRow, ProfileForm::SecretState)
                    ->text()
                    .contains(QStringLiteral("not saved")));
        QVERIFY(!form->secretsTable()
                     ->item(secretRow, ProfileForm::SecretState)
                     ->text()
                     .contains(SecretValue));
        const int fileRow = form->addFile(QStringLiteral("/workspace/hello.txt"), {}, 0600);
        form->filesTable()->setCurrentCell(fileRow, ProfileForm::FilePath);
        form->fileContentEdit()->setPlainText(QStringLiteral("hi $(whoami) 'q'\n"));
        ProfileKey key;
        key.name = QStringLiteral("id_ed25519");
        form->addKey(key);
        form->setupEdit()->setPlainText(QStringLiteral("echo one\n\necho two"));

        auto [text, isError] = save(dialog);
        QVERIFY2(!isError, qPrintable(text));
        QCOMPARE(dialog.model()->rowCount(), 2);
        const QString id = dialog.currentId();
        auto stored = m_profiles->profile(id);
        HANGAR_VERIFY_OK(stored);
        QCOMPARE(stored.value().variables.value(QStringLiteral("EDITOR")), QStringLiteral("vim"));
        QCOMPARE(stored.value().secrets, QStringList{QStringLiteral("GH_TOKEN")});
        QCOMPARE(stored.value().files.size(), 1);
        QCOMPARE(stored.value().files.at(0).content, QByteArray("hi $(whoami) 'q'\n"));
        QCOMPARE(stored.value().files.at(0).mode, quint32(0600));
        QCOMPARE(stored.value().keys.size(), 1);
        QCOMPARE(stored.value().setup,
                 (QStringList{QStringLiteral("echo one"), QStringLiteral("echo two")}));
        QCOMPARE(
            test::await(m_secrets->read(ProfileStore::secretKey(id, QStringLiteral("GH_TOKEN"))))
                .value(),
            SecretValue);
        // Shown again, the secret is set and masked.
        QTRY_VERIFY_WITH_TIMEOUT(form->secretsTable()
                                     ->item(0, ProfileForm::SecretState)
                                     ->text()
                                     .contains(QStringLiteral("(set)")),
                                 kWaitMs);

        // Export: names, not values.
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("profile.json"));
        HANGAR_VERIFY_OK(dialog.exportTo(path));
        QFile exported(path);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray json = exported.readAll();
        QVERIFY(json.contains("GH_TOKEN"));
        QVERIFY(json.contains("gui dev"));
        QVERIFY(!json.contains(SecretValue.toUtf8()));

        // Import: a new profile until saved; the same name is refused, a new one saved.
        HANGAR_VERIFY_OK(dialog.importFrom(path));
        QVERIFY(dialog.currentId().isEmpty());
        QCOMPARE(form->nameEdit()->text(), QStringLiteral("gui dev"));
        std::tie(text, isError) = save(dialog);
        QVERIFY(isError);
        QVERIFY2(text.contains(QStringLiteral("already exists")), qPrintable(text));
        form->nameEdit()->setText(QStringLiteral("gui copy"));
        std::tie(text, isError) = save(dialog);
        QVERIFY2(!isError, qPrintable(text));
        QCOMPARE(dialog.model()->rowCount(), 3);
        auto copy = m_profiles->profileByName(QStringLiteral("gui copy"));
        HANGAR_VERIFY_OK(copy);
        QVERIFY(copy.value().has_value());
        QCOMPARE(copy.value()->files, stored.value().files);
        QCOMPARE(copy.value()->keys, stored.value().keys);

        // The secret is in no file of the data directory (database, settings).
        QDirIterator files(m_rig->dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.open(QIODevice::ReadOnly))
                QVERIFY2(!file.readAll().contains(SecretValue.toUtf8()),
                         qPrintable(file.fileName()));
        }
        // Nor in the application's settings file (where the console keeps its settings).
        QSettings settings;
        settings.sync();
        QFile settingsFile(settings.fileName());
        if (settingsFile.open(QIODevice::ReadOnly))
            QVERIFY2(!settingsFile.readAll().contains(SecretValue.toUtf8()),
                     qPrintable(settings.fileName()));
    }

    void badProfileIsRefusedWithItsProblems() {
        ProfileEditorDialog dialog(*m_profiles);
        dialog.show();
        dialog.newProfile();
        dialog.form()->nameEdit()->setText(QStringLiteral("broken"));
        dialog.form()->addVariable(QStringLiteral("1BAD"), QStringLiteral("x"));
        dialog.form()->addFile(QStringLiteral("relative.txt"));
        auto [text, isError] = save(dialog);
        QVERIFY(isError);
        QVERIFY2(text.contains(QStringLiteral("1BAD")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("not absolute")), qPrintable(text));
        QCOMPARE(dialog.statusLabel()->text(), text);
        QCOMPARE(m_profiles->profiles().value().size(), 1);
        // Nothing lost: the form still has what was typed.
        QCOMPARE(dialog.form()->variablesTable()->rowCount(), 1);
    }

    void newSandboxFromAChosenProfile() {
        Profile p;
        p.name = QStringLiteral("chosen");
        p.variables.insert(QStringLiteral("CHOSEN"), QStringLiteral("yes"));
        auto created = m_profiles->create(p);
        HANGAR_VERIFY_OK(created);

        MainWindow& window = m_rig->show();
        QVERIFY(!window.profilesAction()->isEnabled());
        window.setProfiles(m_profiles.get());
        QVERIFY(window.profilesAction()->isEnabled());
        window.profilesAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.profileEditor() && window.profileEditor()->isVisible(),
                                 kWaitMs);
        window.profileEditor()->close();

        window.action(MainWindow::Action::NewSandbox)->trigger();
        NewSandboxDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<NewSandboxDialog*>()) != nullptr,
                                 kWaitMs);
        auto* combo = dialog->findChildren<QComboBox*>().last();
        QVERIFY(combo->isVisible());
        QCOMPARE(combo->count(), 2);
        QCOMPARE(dialog->profileId(), QStringLiteral("default"));
        combo->setCurrentIndex(combo->findData(created.value().id));
        dialog->setChatId(QStringLiteral("gui"));
        dialog->setThreadId(QStringLiteral("prof"));
        dialog->accept();

        QTRY_VERIFY_WITH_TIMEOUT(m_rig->lifecycle->sandboxes().value().size() == 1, kWaitMs);
        const QString id = m_rig->lifecycle->sandboxes().value().first().id;
        QTRY_COMPARE_WITH_TIMEOUT(m_rig->stateOf(id), QStringLiteral("active"), kWaitMs);
        QCOMPARE(m_profiles->profileOf(id).value().id, created.value().id);
    }
};

QTEST_MAIN(TestProfileEditor)
#include "tst_profileeditor.moc"
