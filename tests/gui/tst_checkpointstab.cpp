// The Checkpoints tab with real widgets over a real engine: list, create with a comment,
// restore (with the safety checkpoint, the warning about running commands, and without the
// safety checkpoint), delete with confirmation, and waking a hibernated sandbox first.
// File contents are checked through the backend. Run twice: on the local backend and on
// Sprites through the Sprites-compatible emulator (server/spritesapi).
#include "CheckpointListModel.h"
#include "FilesRig.h"
#include "SuiteArguments.h"
#include "TestSupport.h"
#include "sandbox/CheckpointsTab.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWaitMs = 30'000;

// The Files tab's rig (one provisioned sandbox, local or Sprites through the emulator) with
// the file these tests restore.
struct Rig : test::FilesRig {
    QString notePath() const { return path(QStringLiteral("note.txt")); }
    Status write(const QByteArray& content) const {
        return await(backend().writeFile(name, notePath(), content));
    }
    QByteArray read() const {
        auto r = FilesRig::read(QStringLiteral("note.txt"));
        return r ? r.value() : QByteArray("(unreadable: ") + r.error().describe().toUtf8() + ')';
    }
    QList<CheckpointInfo> checkpoints() const {
        auto r = await(backend().listCheckpoints(name));
        return r ? r.value() : QList<CheckpointInfo>();
    }
};

QMessageBox* waitForBox(QWidget* parent, const QString& name) {
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            box = parent->findChild<QMessageBox*>(name);
            return box && box->isVisible();
        },
        kWaitMs);
    return shown ? box : nullptr;
}

void press(QMessageBox* box, QMessageBox::ButtonRole role) {
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == role) {
            button->click();
            return;
        }
    }
    QFAIL("no such button");
}

} // namespace

class TstCheckpointsTab : public QObject {
    Q_OBJECT
public:
    explicit TstCheckpointsTab(QString backend)
        : m_backend(std::move(backend)) {}

private slots:
    void init() {
        m_rig = std::make_unique<Rig>();
        QVERIFY2(m_rig->open(m_backend), qPrintable(m_rig->error));
        m_tab = std::make_unique<CheckpointsTab>(*m_rig->lifecycle);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_tab->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_tab->resize(900, 500);
        m_tab->show();
    }
    void cleanup() {
        m_tester.reset();
        m_tab.reset();
        m_rig.reset();
    }

    void createRestoreDelete() {
        QSignalSpy finished(m_tab.get(), &CheckpointsTab::operationFinished);
        m_tab->setSandboxId(m_rig->id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_tab->model()->rowCount(), 0);

        // Create with a comment.
        HANGAR_VERIFY_OK(m_rig->write("before"));
        QTest::keyClicks(m_tab->commentEdit(), QStringLiteral("known good"));
        m_tab->createButton()->click();
        QVERIFY(m_tab->isBusy());
        QVERIFY(m_tab->progressBar()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QVERIFY(!m_tab->progressBar()->isVisible());
        QCOMPARE(m_tab->model()->rowCount(), 1);
        const QString first =
            m_tab->model()->index(0, 0).data(CheckpointListModel::CheckpointIdRole).toString();
        QCOMPARE(m_tab->model()->index(0, CheckpointListModel::CommentColumn).data().toString(),
                 QStringLiteral("known good"));
        QVERIFY(m_tab->model()->index(0, CheckpointListModel::TimeColumn).data().toString() !=
                QString());
        QVERIFY(m_tab->commentEdit()->text().isEmpty());
        QCOMPARE(m_rig->checkpoints().size(), 1);

        // Change the file; a command runs, so the restore asks first.
        HANGAR_VERIFY_OK(m_rig->write("after"));
        ExecRequest sleeper;
        sleeper.argv = QStringList{QStringLiteral("sleep"), QStringLiteral("60")};
        ExecSession* session = m_rig->backend().startExec(m_rig->name, sleeper);
        QSignalSpy started(session, &ExecSession::started);
        QVERIFY(started.wait(kWaitMs));
        m_tab->view()->selectRow(m_tab->model()->rowOf(first));
        QVERIFY(m_tab->restoreButton()->isEnabled());

        // Cancelled: nothing happens.
        m_tab->restoreButton()->click();
        QMessageBox* box = waitForBox(m_tab.get(), QStringLiteral("confirmRestore"));
        QVERIFY(box);
        QVERIFY2(box->informativeText().contains(QLatin1String("will end")),
                 qPrintable(box->informativeText()));
        press(box, QMessageBox::RejectRole);
        QTRY_VERIFY_WITH_TIMEOUT(!m_tab->findChild<QMessageBox*>(), kWaitMs);
        QCOMPARE(m_rig->read(), QByteArray("after"));
        QCOMPARE(m_rig->checkpoints().size(), 1);

        // Confirmed: a safety checkpoint first, then the restore, the provider's steps shown
        // meanwhile.
        QSignalSpy busy(m_tab.get(), &CheckpointsTab::busyChanged);
        QSignalSpy shown(m_tab.get(), &CheckpointsTab::statusShown);
        m_tab->restoreButton()->click();
        box = waitForBox(m_tab.get(), QStringLiteral("confirmRestore"));
        QVERIFY(box);
        press(box, QMessageBox::DestructiveRole);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 60'000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QVERIFY(!busy.isEmpty());
        QStringList steps;
        for (const auto& args : shown)
            steps << args.at(0).toString();
        QVERIFY2(!steps.filter(QStringLiteral("Restor"), Qt::CaseSensitive).isEmpty(),
                 qPrintable(steps.join(u'|')));
        QCOMPARE(m_rig->read(), QByteArray("before"));
        const QList<CheckpointInfo> after = m_rig->checkpoints();
        QCOMPARE(after.size(), 2);
        QString safety;
        for (const CheckpointInfo& c : after) {
            if (c.comment == QStringLiteral("before restoring ") + first)
                safety = c.id;
        }
        QVERIFY2(!safety.isEmpty(), "no safety checkpoint");
        QCOMPARE(m_tab->model()->rowCount(), 2);
        QVERIFY(m_tab->model()->rowOf(safety) >= 0);
        QVERIFY2(m_tab->statusLabel()->text().contains(safety),
                 qPrintable(m_tab->statusLabel()->text()));

        // The safety checkpoint undoes it: restoring it brings "after" back. Without a safety
        // checkpoint this time, which asks (changes would be lost) and takes none.
        m_tab->view()->selectRow(m_tab->model()->rowOf(safety));
        m_tab->safetyCheckBox()->setChecked(false);
        m_tab->restoreButton()->click();
        box = waitForBox(m_tab.get(), QStringLiteral("confirmRestore"));
        QVERIFY(box);
        QVERIFY2(box->informativeText().contains(QLatin1String("No safety checkpoint")),
                 qPrintable(box->informativeText()));
        press(box, QMessageBox::DestructiveRole);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 60'000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_rig->read(), QByteArray("after"));
        QCOMPARE(m_rig->checkpoints().size(), 2);

        // Delete, confirmed.
        m_tab->view()->selectRow(m_tab->model()->rowOf(safety));
        m_tab->deleteButton()->click();
        box = waitForBox(m_tab.get(), QStringLiteral("confirmDelete"));
        QVERIFY(box);
        press(box, QMessageBox::DestructiveRole);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, kWaitMs);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_tab->model()->rowCount(), 1);
        QCOMPARE(m_tab->model()->rowOf(safety), -1);
        const QList<CheckpointInfo> left = m_rig->checkpoints();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().id, first);

        // Each operation is in the sandbox's timeline as the console's.
        QStringList notes;
        for (const LifecycleEvent& e : m_rig->lifecycle->events(m_rig->id).value()) {
            if (e.isNote() && e.actor == QLatin1String("console"))
                notes << e.reason;
        }
        QCOMPARE(notes.size(), 4);
        QVERIFY(notes[0].startsWith(QStringLiteral("checkpoint %1 taken").arg(first)));
        QVERIFY(notes[1].startsWith(QStringLiteral("restored checkpoint %1").arg(first)));
        QCOMPARE(notes[2], QStringLiteral("restored checkpoint %1").arg(safety));
        QCOMPARE(notes[3], QStringLiteral("deleted checkpoint %1").arg(safety));
    }

    void errorsShownInPlace() {
        QSignalSpy finished(m_tab.get(), &CheckpointsTab::operationFinished);
        m_tab->setSandboxId(m_rig->id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
        // The checkpoint goes behind the tab's back: restoring the stale row fails visibly.
        HANGAR_VERIFY_OK(await(m_rig->backend().createCheckpoint(m_rig->name, {})));
        m_tab->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWaitMs);
        QCOMPARE(m_tab->model()->rowCount(), 1);
        const QString id = m_tab->model()->checkpointAt(0).id;
        HANGAR_VERIFY_OK(await(m_rig->backend().deleteCheckpoint(m_rig->name, id)));
        m_tab->view()->selectRow(0);
        m_tab->safetyCheckBox()->setChecked(false);
        m_tab->restoreButton()->click();
        QMessageBox* box = waitForBox(m_tab.get(), QStringLiteral("confirmRestore"));
        QVERIFY(box);
        press(box, QMessageBox::DestructiveRole);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kWaitMs);
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(m_tab->statusLabel()->text().contains(id),
                 qPrintable(m_tab->statusLabel()->text()));
        QVERIFY(m_tab->statusLabel()->isVisible());
        QVERIFY(!m_tab->isBusy());
        QCOMPARE(m_tab->model()->rowCount(), 0); // listed again after the failure
    }

    void wakesAHibernatedSandboxFirst() {
        HANGAR_VERIFY_OK(await(m_rig->lifecycle->hibernate(m_rig->id), 60'000));
        QCOMPARE(m_rig->state(), SandboxState::Hibernated);
        QSignalSpy finished(m_tab.get(), &CheckpointsTab::operationFinished);
        // Selecting it does not wake it.
        m_tab->setSandboxId(m_rig->id);
        QVERIFY(m_tab->statusLabel()->text().contains(QLatin1String("not running")));
        QCOMPARE(m_rig->state(), SandboxState::Hibernated);
        QVERIFY(finished.isEmpty());
        // Creating does, and says so while it happens.
        QSignalSpy shown(m_tab.get(), &CheckpointsTab::statusShown);
        m_tab->createButton()->click();
        QVERIFY(shown.size() > 0);
        QVERIFY2(shown.first().at(0).toString().contains(QLatin1String("Waking")),
                 qPrintable(shown.first().at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(lastMessage(finished)));
        QCOMPARE(m_rig->state(), SandboxState::Active);
        QCOMPARE(m_tab->model()->rowCount(), 1);
    }

private:
    static QString lastMessage(const QSignalSpy& spy) {
        return spy.isEmpty() ? QString() : spy.last().at(1).toString();
    }

    QString m_backend;
    std::unique_ptr<Rig> m_rig;
    std::unique_ptr<CheckpointsTab> m_tab;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    int status = 0;
    for (const QString& backend : {QStringLiteral("local"), QStringLiteral("sprites")}) {
        TstCheckpointsTab suite(backend);
        suite.setObjectName(backend);
        const QStringList args = test::argumentsFor(suite, app.arguments());
        if (!args.isEmpty()) {
            qInfo("--- CheckpointsTab on the %s backend", qPrintable(backend));
            status |= QTest::qExec(&suite, args);
        }
    }
    return status;
}

#include "tst_checkpointstab.moc"
