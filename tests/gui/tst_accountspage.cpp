// Accounts in the desktop console (issue 9): the settings dialog's Sprites accounts page adds,
// edits and removes accounts through real widgets (the token field masked, the token in the
// secret store only), and the sandbox table shows each sandbox's account and filters by it —
// over an engine with two Sprites-compatible servers, no restart anywhere.
#include "AccountDialog.h"
#include "AccountListModel.h"
#include "AccountsPage.h"
#include "AccountsRig.h"
#include "MainWindow.h"
#include "NewSandboxDialog.h"
#include "SandboxFilterProxy.h"
#include "SandboxTableModel.h"
#include "SettingsDialog.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>

using namespace hangar;
using namespace hangar::test;

class TstAccountsPage : public QObject, public AccountsRig {
    Q_OBJECT

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SettingsDialog> m_dialog;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    AccountsPage* page() const { return m_dialog->accountsPage(); }

    void select(const QString& key) {
        const int row = page()->model()->rowOf(key);
        QVERIFY(row >= 0);
        page()->view()->selectRow(row);
    }

    // Fills the open account dialog and presses OK.
    void submit(const QString& id, const QString& name, const QString& url, const QString& token) {
        AccountDialog* dialog = page()->openDialog();
        QVERIFY(dialog);
        if (!dialog->idEdit()->isReadOnly())
            dialog->idEdit()->setText(id);
        dialog->nameEdit()->setText(name);
        dialog->organizationEdit()->setText(QStringLiteral("org-") + id);
        dialog->urlEdit()->setText(url);
        dialog->tokenEdit()->setText(token);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    }

private slots:
    void initTestCase() {
        startServers();
        startEngine();
        m_settings = std::make_unique<QSettings>(m_data.filePath(QStringLiteral("hangar.ini")),
                                                 QSettings::IniFormat);
        m_dialog = std::make_unique<SettingsDialog>(*m_settings, m_secrets, m_env);
        m_dialog->setAccounts(accounts());
        QVERIFY(page());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            page()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_dialog->show();
    }

    void addsAnAccountWithAMaskedToken() {
        QCOMPARE(page()->model()->rowCount(), 1); // this computer
        page()->addButton()->click();
        QVERIFY(page()->openDialog());
        QCOMPARE(page()->openDialog()->tokenEdit()->echoMode(), QLineEdit::Password);
        submit(QStringLiteral("alpha"), QStringLiteral("Alpha"), m_alpha.base, m_alpha.token);
        QTRY_VERIFY(!page()->openDialog());
        QTRY_VERIFY(page()->model()->rowOf(QStringLiteral("sprites:alpha")) >= 0);
        QVERIFY(lifecycle().backend(QStringLiteral("sprites:alpha"))); // usable at once
        auto stored = await(m_secrets.read(accounts::tokenSecretKey(QStringLiteral("alpha"))));
        HANGAR_VERIFY_OK(stored);
        QCOMPARE(stored.value(), m_alpha.token);
        QVERIFY(page()->statusLabel()->text().contains(QStringLiteral("Alpha")));
    }

    void badInputKeepsTheDialogAndWhatWasTyped() {
        page()->addButton()->click();
        submit(QStringLiteral("Beta!"), QStringLiteral("Beta"), m_beta.base, m_beta.token);
        AccountDialog* dialog = page()->openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->errorLabel()->isVisible());
        QVERIFY(dialog->errorLabel()->text().contains(QStringLiteral("Beta!")));
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Beta"));
        // The engine refuses a duplicate id: its error shows in the dialog too.
        dialog->idEdit()->setText(QStringLiteral("alpha"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(dialog->errorLabel()->text().contains(QStringLiteral("alpha")));
        QVERIFY(page()->openDialog());
        dialog->idEdit()->setText(QStringLiteral("beta"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!page()->openDialog());
        QTRY_VERIFY(page()->model()->rowOf(QStringLiteral("sprites:beta")) >= 0);
    }

    void editsAnAccount() {
        select(QStringLiteral("local"));
        QVERIFY(!page()->editButton()->isEnabled());
        QVERIFY(!page()->removeButton()->isEnabled());
        select(QStringLiteral("sprites:beta"));
        QVERIFY(page()->editButton()->isEnabled());
        page()->editButton()->click();
        AccountDialog* dialog = page()->openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->idEdit()->isReadOnly());
        QVERIFY(dialog->tokenEdit()->text().isEmpty()); // never shown again
        submit(QStringLiteral("beta"), QStringLiteral("Beta, renamed"), m_beta.base, QString());
        QTRY_VERIFY(!page()->openDialog());
        const int row = page()->model()->rowOf(QStringLiteral("sprites:beta"));
        QCOMPARE(page()->model()->accountAt(row).name, QStringLiteral("Beta, renamed"));
        QVERIFY(lifecycle().backend(QStringLiteral("sprites:beta"))); // token kept
    }

    void theTableShowsAndFiltersByAccount() {
        MainWindow window(lifecycle());
        window.setAccounts(&accounts());
        QAbstractItemModelTester tableTester(window.model(),
                                             QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester proxyTester(window.proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::Fatal);
        HANGAR_VERIFY_OK(await(lifecycle().provision(QStringLiteral("a1"), QStringLiteral("t"),
                                                     QStringLiteral("sprites:alpha")),
                               60'000));
        HANGAR_VERIFY_OK(await(lifecycle().provision(QStringLiteral("l1"), QStringLiteral("t"),
                                                     QStringLiteral("local")),
                               60'000));
        QTRY_COMPARE(window.model()->rowCount(), 2);
        QStringList shown;
        for (int r = 0; r < window.model()->rowCount(); ++r)
            shown << window.model()->index(r, SandboxTableModel::BackendColumn).data().toString();
        shown.sort();
        QCOMPARE(shown, (QStringList{QStringLiteral("Alpha"), QStringLiteral("This computer")}));
        QComboBox* filter = window.backendCombo();
        const int alpha = filter->findData(QStringLiteral("sprites:alpha"));
        QVERIFY(alpha > 0);
        QCOMPARE(filter->itemText(alpha), QStringLiteral("Alpha"));
        filter->setCurrentIndex(alpha);
        QCOMPARE(window.proxy()->rowCount(), 1);
        QCOMPARE(window.proxy()->index(0, SandboxTableModel::NameColumn).data().toString(),
                 QStringLiteral("zuko-a1-t"));
        // A rename shows at once, and the filter keeps its choice.
        SpritesAccount renamed = account(QStringLiteral("alpha"), m_alpha);
        renamed.name = QStringLiteral("Alpha 2");
        HANGAR_VERIFY_OK(await(accounts().update(renamed)));
        QCOMPARE(filter->currentData().toString(), QStringLiteral("sprites:alpha"));
        QCOMPARE(filter->currentText(), QStringLiteral("Alpha 2"));
        QCOMPARE(window.proxy()->rowCount(), 1);
        QCOMPARE(window.proxy()->index(0, SandboxTableModel::BackendColumn).data().toString(),
                 QStringLiteral("Alpha 2"));
    }

    void newSandboxOffersAccountsByName() {
        NewSandboxDialog dialog(
            lifecycle().backendKinds(), QStringLiteral("local"),
            [](const QString&, const QString&) -> Result<QString> { return QStringLiteral("x"); });
        QHash<QString, QString> names;
        for (const AccountInfo& a : accounts().accounts())
            names.insert(a.key, a.name);
        dialog.setBackendLabels(names);
        QComboBox* combo = dialog.findChild<QComboBox*>();
        QVERIFY(combo);
        const int beta = combo->findText(QStringLiteral("Beta, renamed"));
        QVERIFY(beta >= 0);
        combo->setCurrentIndex(beta);
        QCOMPARE(dialog.backend(), QStringLiteral("sprites:beta"));
        dialog.setBackend(QStringLiteral("local"));
        QCOMPARE(dialog.backend(), QStringLiteral("local"));
    }

    void removingIsRefusedWhileSandboxesRemain() {
        select(QStringLiteral("sprites:alpha"));
        QSignalSpy finished(page(), &AccountsPage::finished);
        page()->removeButton()->click();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(page()->statusLabel()->text().contains(QStringLiteral("zuko-a1-t")),
                 qPrintable(page()->statusLabel()->text()));
        QVERIFY(page()->model()->rowOf(QStringLiteral("sprites:alpha")) >= 0);
        auto all = lifecycle().sandboxes();
        HANGAR_VERIFY_OK(all);
        for (const Sandbox& s : all.value())
            HANGAR_VERIFY_OK(await(lifecycle().destroy(s.id), 60'000));
        select(QStringLiteral("sprites:alpha"));
        page()->removeButton()->click();
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(page()->model()->rowOf(QStringLiteral("sprites:alpha")), -1);
    }

    void tokensStayOutOfTheSettingsAndData() {
        m_settings->sync();
        QVERIFY(!filesContaining(m_data.path(), QStringLiteral("org-beta")).isEmpty());
        for (const QString& token : {m_alpha.token, m_beta.token})
            QCOMPARE(filesContaining(m_data.path(), token), QStringList());
    }

    void cleanupTestCase() {
        m_tester.reset();
        m_dialog.reset();
        m_engine.reset();
    }
};

QTEST_MAIN(TstAccountsPage)
#include "tst_accountspage.moc"
