// The main window over a real engine (LifecycleService, LocalBackend, SQLite in a temporary
// directory), on the offscreen platform: creating, hibernating, resuming and deleting
// sandboxes through the window's actions, the status bar, the filters, and the badges.

#include "GuiRig.h"
#include "MainWindow.h"
#include "NewSandboxDialog.h"
#include "SandboxFilterProxy.h"
#include "SandboxTableModel.h"
#include "StatusBadgeDelegate.h"
#include "StatusPalette.h"
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "sprites/SpritesBackend.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace hangar;
using hangar::test::await;

using Fixture = hangar::test::GuiRig;
using hangar::test::kWaitMs;

class TstMainWindow : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsTheTable();
    void newSandboxThroughTheDialog();
    void dialogRefusesInvalidIds();
    void hibernateAndResumeSelected();
    void actionsFollowTheSelection();
    void shortcutsTriggerActions();
    void failuresAreReportedPerSandbox();
    void deleteAsksForConfirmation();
    void filterEditAndStateCombo();
    void badgesPaintEveryStateInItsColour();
    void pulseTimerRunsOnlyForVisiblePulsingBadges();
    void reprovisionFailedSandbox();
    void checkpointSelected();
    void batchShowsProgressInRowsAndStatusBar();
    void backendStatusNamesAnUnreachableProvider();
    void apiAddressInTheStatusBar();

private:
    QString createActive(const QString& chat);

    std::unique_ptr<Fixture> f;
};

void TstMainWindow::init() {
    f = std::make_unique<Fixture>();
    QVERIFY(f->open());
}

void TstMainWindow::cleanup() {
    f.reset();
}

QString TstMainWindow::createActive(const QString& chat) {
    f->window->createSandbox(chat, QStringLiteral("main"), QStringLiteral("local"));
    const QString name = QStringLiteral("zuko-") + chat + QStringLiteral("-main");
    if (!QTest::qWaitFor([&] { return f->stateOf(f->idOf(name)) == QLatin1String("active"); },
                         kWaitMs))
        return {};
    return f->idOf(name);
}

void TstMainWindow::showsTheTable() {
    MainWindow& w = f->show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView* view = w.view();
    QVERIFY(view->isVisible());
    QCOMPARE(view->model(), w.proxy());
    QCOMPARE(w.proxy()->sourceModel(), w.model());
    QCOMPARE(view->model()->columnCount(), int(SandboxTableModel::ColumnCount));
    QVERIFY(view->isSortingEnabled());
    QCOMPARE(view->selectionMode(), QAbstractItemView::ExtendedSelection);
    QCOMPARE(view->selectionBehavior(), QAbstractItemView::SelectRows);
    QCOMPARE(view->itemDelegateForColumn(SandboxTableModel::StateColumn), w.badgeDelegate());
    QCOMPARE(f->countsLabel(), QStringLiteral("No sandboxes"));
    QVERIFY(w.action(MainWindow::Action::NewSandbox)->isEnabled());
    QVERIFY(!w.action(MainWindow::Action::Hibernate)->isEnabled());
    QVERIFY(!w.action(MainWindow::Action::Delete)->isEnabled());
    // Every action is in the context menu and has a shortcut.
    for (auto which :
         {MainWindow::Action::NewSandbox, MainWindow::Action::Resume, MainWindow::Action::Hibernate,
          MainWindow::Action::Delete, MainWindow::Action::Reconcile}) {
        QVERIFY(view->actions().contains(w.action(which)));
        QVERIFY(!w.action(which)->shortcut().isEmpty());
    }
}

void TstMainWindow::newSandboxThroughTheDialog() {
    MainWindow& w = f->show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.action(MainWindow::Action::NewSandbox)->trigger();
    NewSandboxDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = w.findChild<NewSandboxDialog*>()) != nullptr, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), kWaitMs);
    QCOMPARE(dialog->backend(), QStringLiteral("local"));
    dialog->setChatId(QStringLiteral("chat-7"));
    dialog->setThreadId(QStringLiteral("main"));
    QVERIFY(dialog->isInputValid());
    dialog->accept();

    QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, kWaitMs);
    const QString id = f->idOf(QStringLiteral("zuko-chat-7-main"));
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(id), QStringLiteral("active"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(), QStringLiteral("1 sandbox: 1 active"), kWaitMs);
    // The new sandbox is selected, ready for the next action.
    QCOMPARE(w.selectedIds(), QStringList{id});
    QTRY_VERIFY_WITH_TIMEOUT(w.statusBar()->currentMessage().contains(QLatin1String("ready")),
                             kWaitMs);
}

void TstMainWindow::dialogRefusesInvalidIds() {
    MainWindow& w = f->show();
    w.newSandbox();
    NewSandboxDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = w.findChild<NewSandboxDialog*>()) != nullptr, kWaitMs);
    QVERIFY(!dialog->isInputValid());
    dialog->setChatId(QStringLiteral("Not Valid"));
    dialog->setThreadId(QStringLiteral("main"));
    QVERIFY(!dialog->isInputValid());
    dialog->setChatId(QStringLiteral("fine"));
    QVERIFY(dialog->isInputValid());
    dialog->reject();
    QCOMPARE(w.model()->rowCount(), 0);
}

void TstMainWindow::hibernateAndResumeSelected() {
    MainWindow& w = f->show();
    const QString a = createActive(QStringLiteral("a"));
    const QString b = createActive(QStringLiteral("b"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(), QStringLiteral("2 sandboxes: 2 active"), kWaitMs);

    QSignalSpy finished(&w, &MainWindow::batchFinished);
    w.selectIds({a});
    QVERIFY(w.action(MainWindow::Action::Hibernate)->isEnabled());
    w.action(MainWindow::Action::Hibernate)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(a), QStringLiteral("hibernated"), kWaitMs);
    QCOMPARE(f->stateOf(b), QStringLiteral("active"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    QCOMPARE(finished.at(0).at(2).toInt(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(),
                              QStringLiteral("2 sandboxes: 1 active, 1 hibernated"), kWaitMs);

    // Both selected: hibernate acts on each (a is already hibernated: nothing to do).
    w.selectIds({a, b});
    QCOMPARE(w.selectedIds().size(), 2);
    w.action(MainWindow::Action::Hibernate)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(b), QStringLiteral("hibernated"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWaitMs);
    QCOMPARE(finished.at(1).at(1).toInt(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(), QStringLiteral("2 sandboxes: 2 hibernated"),
                              kWaitMs);

    QVERIFY(w.action(MainWindow::Action::Resume)->isEnabled());
    w.action(MainWindow::Action::Resume)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(a), QStringLiteral("active"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(b), QStringLiteral("active"), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(), QStringLiteral("2 sandboxes: 2 active"), kWaitMs);

    w.action(MainWindow::Action::Reconcile)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, kWaitMs);
    QCOMPARE(finished.at(3).at(2).toInt(), 0);
}

void TstMainWindow::actionsFollowTheSelection() {
    MainWindow& w = f->show();
    const QString a = createActive(QStringLiteral("a"));
    QVERIFY(!a.isEmpty());
    w.selectIds({});
    QVERIFY(!w.action(MainWindow::Action::Resume)->isEnabled());
    QVERIFY(!w.action(MainWindow::Action::Hibernate)->isEnabled());
    QVERIFY(!w.action(MainWindow::Action::Delete)->isEnabled());
    w.selectIds({a});
    QVERIFY(!w.action(MainWindow::Action::Resume)->isEnabled());
    QVERIFY(w.action(MainWindow::Action::Hibernate)->isEnabled());
    QVERIFY(w.action(MainWindow::Action::Delete)->isEnabled());
    QVERIFY(w.action(MainWindow::Action::Reconcile)->isEnabled());
    // A state change of the selected row updates the actions too.
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(a)));
    QTRY_VERIFY_WITH_TIMEOUT(w.action(MainWindow::Action::Resume)->isEnabled(), kWaitMs);
    QVERIFY(!w.action(MainWindow::Action::Hibernate)->isEnabled());
}

void TstMainWindow::shortcutsTriggerActions() {
    MainWindow& w = f->show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const QString a = createActive(QStringLiteral("a"));
    QVERIFY(!a.isEmpty());
    w.selectIds({a});
    w.view()->setFocus();

    QTest::keySequence(&w, w.action(MainWindow::Action::Hibernate)->shortcut());
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(a), QStringLiteral("hibernated"), kWaitMs);
    QTest::keySequence(&w, w.action(MainWindow::Action::Resume)->shortcut());
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(a), QStringLiteral("active"), kWaitMs);

    QTest::keySequence(&w, QKeySequence(QKeySequence::Find));
    QTRY_VERIFY_WITH_TIMEOUT(w.filterEdit()->hasFocus(), kWaitMs);

    QTest::keySequence(&w, w.action(MainWindow::Action::NewSandbox)->shortcut());
    NewSandboxDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = w.findChild<NewSandboxDialog*>()) != nullptr, kWaitMs);
    dialog->reject();
}

void TstMainWindow::failuresAreReportedPerSandbox() {
    MainWindow& w = f->show();
    const QString good = createActive(QStringLiteral("good"));
    const QString bad = createActive(QStringLiteral("bad"));
    QVERIFY(!good.isEmpty() && !bad.isEmpty());
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(good)));
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(bad)));
    // The bad one's machine vanishes behind the engine's back: waking it fails.
    QVERIFY(
        QDir(f->dir.filePath(QStringLiteral("data/sandboxes/zuko-bad-main"))).removeRecursively());

    QSignalSpy finished(&w, &MainWindow::batchFinished);
    w.selectIds({good, bad});
    w.resumeSelected();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    QCOMPARE(finished.at(0).at(2).toInt(), 1);
    const QString message = w.statusBar()->currentMessage();
    QVERIFY2(message.contains(QLatin1String("1 failed")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("zuko-bad-main")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("zuko-good-main")), qPrintable(message));
    QCOMPARE(f->stateOf(good), QStringLiteral("active"));
    QCOMPARE(f->stateOf(bad), QStringLiteral("failed"));
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(), QStringLiteral("2 sandboxes: 1 active, 1 failed"),
                              kWaitMs);
}

void TstMainWindow::deleteAsksForConfirmation() {
    MainWindow& w = f->show();
    const QString a = createActive(QStringLiteral("a"));
    QVERIFY(!a.isEmpty());
    w.selectIds({a});

    // Cancelled: nothing happens.
    w.action(MainWindow::Action::Delete)->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = w.findChild<QMessageBox*>()) != nullptr, kWaitMs);
    QVERIFY(box->text().contains(QLatin1String("zuko-a-main")));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(w.findChild<QMessageBox*>() == nullptr, kWaitMs);
    QCOMPARE(w.model()->rowCount(), 1);

    // Confirmed: destroyed, the row goes.
    w.action(MainWindow::Action::Delete)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT((box = w.findChild<QMessageBox*>()) != nullptr, kWaitMs);
    QAbstractButton* confirm = nullptr;
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            confirm = button;
    }
    QVERIFY(confirm);
    confirm->click();
    QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(f->countsLabel(), QStringLiteral("No sandboxes"), kWaitMs);
    QVERIFY(!QDir(f->dir.filePath(QStringLiteral("data/sandboxes/zuko-a-main"))).exists());
}

void TstMainWindow::filterEditAndStateCombo() {
    MainWindow& w = f->show();
    const QString a = createActive(QStringLiteral("alpha"));
    const QString b = createActive(QStringLiteral("beta"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(b)));

    QTest::keyClicks(w.filterEdit(), QStringLiteral("alp"));
    QCOMPARE(w.view()->model()->rowCount(), 1);
    QCOMPARE(w.view()->model()->index(0, SandboxTableModel::NameColumn).data().toString(),
             QStringLiteral("zuko-alpha-main"));
    w.filterEdit()->clear();
    QCOMPARE(w.view()->model()->rowCount(), 2);

    QComboBox* combo = w.stateCombo();
    combo->setCurrentIndex(combo->findData(static_cast<int>(SandboxState::Hibernated)));
    QTRY_COMPARE_WITH_TIMEOUT(w.view()->model()->rowCount(), 1, kWaitMs);
    QCOMPARE(w.view()->model()->index(0, SandboxTableModel::NameColumn).data().toString(),
             QStringLiteral("zuko-beta-main"));
    combo->setCurrentIndex(0);
    QCOMPARE(w.view()->model()->rowCount(), 2);
}

void TstMainWindow::badgesPaintEveryStateInItsColour() {
    QHash<SandboxState, QString> ids;
    for (SandboxState state : kAllStates) {
        const Sandbox s = f->insert(
            QStringLiteral("s-") + stateName(state), state,
            state == SandboxState::Failed ? QStringLiteral("the disk is on fire") : QString());
        QVERIFY(s.isValid());
        ids.insert(state, s.id);
    }
    MainWindow& w = f->show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.model()->rowCount(), 6);
    QCOMPARE(f->countsLabel(),
             QStringLiteral("6 sandboxes: 1 provisioning, 1 active, 1 hibernating, "
                            "1 hibernated, 1 restoring, 1 failed"));
    w.badgeDelegate()->setAnimationsEnabled(false); // steady colours for exact pixels
    w.view()->clearSelection();

    const QImage image = w.view()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    for (SandboxState state : kAllStates) {
        const QModelIndex index = w.proxy()->mapFromSource(
            w.model()->indexOf(ids.value(state), SandboxTableModel::StateColumn));
        QVERIFY(index.isValid());
        QStyleOptionViewItem option;
        option.rect = w.view()->visualRect(index);
        option.font = w.view()->font();
        const QRect badge = w.badgeDelegate()->badgeRect(option, index);
        QVERIFY(badge.isValid());
        // Inside the badge, left of the text.
        const QPoint inViewport(badge.left() + 3, badge.center().y());
        const QPoint inView = w.view()->viewport()->mapTo(w.view(), inViewport);
        const QColor pixel = image.pixelColor(inView * dpr);
        const QColor expected = StatusPalette::color(state, w.view()->palette());
        const auto close = [](int x, int y) { return qAbs(x - y) <= 2; };
        QVERIFY2(close(pixel.red(), expected.red()) && close(pixel.green(), expected.green()) &&
                     close(pixel.blue(), expected.blue()),
                 qPrintable(QStringLiteral("%1: badge pixel %2, palette %3")
                                .arg(stateName(state), pixel.name(), expected.name())));
        QCOMPARE(index.data().toString(), StatusPalette::label(state));
    }
    // The failed badge's tooltip is the stored error.
    const QModelIndex failed = w.proxy()->mapFromSource(
        w.model()->indexOf(ids.value(SandboxState::Failed), SandboxTableModel::StateColumn));
    QCOMPARE(failed.data(Qt::ToolTipRole).toString(), QStringLiteral("the disk is on fire"));

    // Light and dark variants differ, and the dark one is chosen on a dark window.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x18, 0x18, 0x1b));
    QCOMPARE(StatusPalette::schemeFor(dark), StatusPalette::Scheme::Dark);
    for (SandboxState state : kAllStates) {
        QVERIFY(StatusPalette::color(state, StatusPalette::Scheme::Light) !=
                StatusPalette::color(state, StatusPalette::Scheme::Dark));
    }
}

void TstMainWindow::pulseTimerRunsOnlyForVisiblePulsingBadges() {
    const Sandbox restoring = f->insert(QStringLiteral("restoring"), SandboxState::Restoring);
    const Sandbox active = f->insert(QStringLiteral("steady"), SandboxState::Active);
    QVERIFY(restoring.isValid() && active.isValid());
    MainWindow& w = f->show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    StatusBadgeDelegate* badges = w.badgeDelegate();
    QTRY_VERIFY_WITH_TIMEOUT(badges->isPulsing(), kWaitMs);
    const qreal opacity = badges->pulseOpacity();
    QVERIFY(opacity >= StatusBadgeDelegate::kPulseMinOpacity && opacity <= 1.0);

    // Only the steady badge left on screen: the shared timer stops.
    w.stateCombo()->setCurrentIndex(
        w.stateCombo()->findData(static_cast<int>(SandboxState::Active)));
    QTRY_VERIFY_WITH_TIMEOUT(!badges->isPulsing(), kWaitMs);
    // Back on screen: it runs again.
    w.stateCombo()->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(badges->isPulsing(), kWaitMs);
    // Hidden window: it stops.
    w.hide();
    QTRY_VERIFY_WITH_TIMEOUT(!badges->isPulsing(), kWaitMs);
}

void TstMainWindow::reprovisionFailedSandbox() {
    // A failed record whose machine never existed: reprovisioning creates it.
    const Sandbox broken = f->insert(QStringLiteral("zuko-broken-main"), SandboxState::Failed,
                                     QStringLiteral("provider said no"));
    QVERIFY(broken.isValid());
    MainWindow& w = f->show();
    w.selectIds({broken.id});
    QAction* reprovision = w.action(MainWindow::Action::Reprovision);
    QVERIFY(reprovision->isEnabled());
    QVERIFY(!w.action(MainWindow::Action::Hibernate)->isEnabled());
    QSignalSpy finished(&w, &MainWindow::batchFinished);
    reprovision->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    QCOMPARE(f->stateOf(broken.id), QStringLiteral("active"));
    QVERIFY(!reprovision->isEnabled());
    const auto sandbox = f->lifecycle->sandbox(broken.id);
    QVERIFY(sandbox.ok());
    QVERIFY(sandbox.value().error.isEmpty());
}

void TstMainWindow::checkpointSelected() {
    MainWindow& w = f->show();
    const QString id = createActive(QStringLiteral("cp"));
    QVERIFY(!id.isEmpty());
    w.selectIds({id});
    QVERIFY(w.action(MainWindow::Action::Checkpoint)->isEnabled());
    QSignalSpy finished(&w, &MainWindow::batchFinished);
    w.checkpointSandboxes({id}, QStringLiteral("before the experiment"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.at(0).at(0).value<MainWindow::Action>(), MainWindow::Action::Checkpoint);
    QCOMPARE(finished.at(0).at(1).toInt(), 1);
    const auto checkpoints = await(f->local->listCheckpoints(QStringLiteral("zuko-cp-main")));
    HANGAR_VERIFY_OK(checkpoints);
    QCOMPARE(checkpoints.value().size(), 1);
    QCOMPARE(checkpoints.value().constFirst().comment, QStringLiteral("before the experiment"));
    // ... and in the sandbox's timeline, as the console's.
    const LifecycleEvent last = f->lifecycle->events(id).value().constLast();
    QVERIFY(last.isNote());
    QCOMPARE(last.actor, QStringLiteral("console"));
    QCOMPARE(last.reason, QStringLiteral("checkpoint %1 taken: before the experiment")
                              .arg(checkpoints.value().constFirst().id));
}

void TstMainWindow::batchShowsProgressInRowsAndStatusBar() {
    MainWindow& w = f->show();
    const QString a = createActive(QStringLiteral("pa"));
    const QString b = createActive(QStringLiteral("pb"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    auto* progress = w.statusBar()->findChild<QProgressBar*>(QStringLiteral("batchProgress"));
    QVERIFY(progress);
    QVERIFY(!progress->isVisible());
    QSignalSpy finished(&w, &MainWindow::batchFinished);
    w.selectIds({a, b});
    // A running command in each: hibernating has to end it, so the batch takes a while.
    for (const QString& chat : {QStringLiteral("pa"), QStringLiteral("pb")}) {
        ExecRequest request;
        request.argv = {QStringLiteral("sleep"), QStringLiteral("60")};
        ExecSession* session =
            f->local->startExec(QStringLiteral("zuko-") + chat + QStringLiteral("-main"), request);
        QSignalSpy started(session, &ExecSession::started);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kWaitMs);
    }
    w.hibernateSelected();
    // While the batch runs: the rows say what is under way, the status bar counts.
    QVERIFY(progress->isVisible());
    QCOMPARE(progress->maximum(), 2);
    const QModelIndex state = w.model()->indexOf(a, SandboxTableModel::StateColumn);
    QCOMPARE(state.data(SandboxTableModel::OperationRole).toString(),
             MainWindow::tr("hibernating…"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QVERIFY(!progress->isVisible());
    QVERIFY(w.model()
                ->indexOf(a, SandboxTableModel::StateColumn)
                .data(SandboxTableModel::OperationRole)
                .toString()
                .isEmpty());
    QCOMPARE(f->stateOf(a), QStringLiteral("hibernated"));
    QCOMPARE(f->stateOf(b), QStringLiteral("hibernated"));
}

void TstMainWindow::backendStatusNamesAnUnreachableProvider() {
    // A Sprites backend whose API does not answer (nothing listens on port 1).
    sprites::SpritesBackend::Options options;
    options.client.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    options.client.token = QStringLiteral("never-shown-token");
    options.client.maxRetries = 0;
    sprites::SpritesBackend sprites(options);
    f->lifecycle->addBackend(&sprites);
    const Sandbox remote = f->insert(QStringLiteral("zuko-remote-main"), SandboxState::Hibernated,
                                     {}, QStringLiteral("sprites"));
    const Sandbox local = f->insert(QStringLiteral("zuko-here-main"), SandboxState::Hibernated);
    QVERIFY(remote.isValid() && local.isValid());
    MainWindow& w = f->show();
    auto* label = w.statusBar()->findChild<QLabel*>(QStringLiteral("backendStatus"));
    QVERIFY(label);
    QTRY_VERIFY_WITH_TIMEOUT(w.backendStatusText().contains(QLatin1String("sprites: unreachable")),
                             kWaitMs);
    QVERIFY(w.backendStatusText().contains(QLatin1String("local: connected")));
    // The rows on that provider say so; the local ones do not.
    const QModelIndex remoteError = w.model()->indexOf(remote.id, SandboxTableModel::ErrorColumn);
    const QModelIndex localError = w.model()->indexOf(local.id, SandboxTableModel::ErrorColumn);
    QVERIFY2(remoteError.data().toString().contains(QLatin1String("unreachable")),
             qPrintable(remoteError.data().toString()));
    QVERIFY(localError.data().toString().isEmpty());
    // And the backend filter tells them apart.
    QComboBox* backends = w.backendCombo();
    backends->setCurrentIndex(backends->findData(QStringLiteral("sprites")));
    QCOMPARE(w.proxy()->rowCount(), 1);
    QCOMPARE(w.proxy()->index(0, 0).data(SandboxTableModel::SandboxIdRole).toString(), remote.id);
    backends->setCurrentIndex(0);
    QCOMPARE(w.proxy()->rowCount(), 2);
    QCOMPARE(label->text(), w.backendStatusText());
    QVERIFY(!label->toolTip().isEmpty());
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("sprites")));
    QVERIFY(!w.statusBar()->currentMessage().contains(QLatin1String("never-shown-token")));
    QVERIFY(!label->toolTip().contains(QLatin1String("never-shown-token")));
    f->window.reset(); // before the backend it watches goes away
}

void TstMainWindow::apiAddressInTheStatusBar() {
    MainWindow& w = f->show();
    auto* label = w.statusBar()->findChild<QLabel*>(QStringLiteral("apiStatus"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    w.setApiAddress(QStringLiteral("http://127.0.0.1:8377"));
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QLatin1String("http://127.0.0.1:8377")));
    QCOMPARE(w.apiAddress(), QStringLiteral("http://127.0.0.1:8377"));
    w.setApiAddress({});
    QVERIFY(!label->isVisible());
}

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
