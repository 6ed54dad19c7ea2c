// The sandbox detail pane over a real engine with the local backend: properties, what keeps a
// sandbox awake (a real running session), and the live lifecycle timeline.

#include "GuiRig.h"
#include "SandboxDetailPane.h"
#include "SandboxEventModel.h"
#include "SessionListModel.h"
#include "StatusPalette.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace hangar;
using hangar::test::await;
using hangar::test::kWaitMs;
using Field = SandboxDetailPane::Field;

class TstDetailPane : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void showsNothingUntilASandboxIsChosen();
    void showsPropertiesAndProviderStatus();
    void timelineIsLiveAndOldestFirst();
    void runningSessionKeepsItAwake();
    void followsTheSelectionInTheMainWindow();
    void removedSandboxClearsThePane();
    void failedSandboxShowsItsError();

private:
    QString createActive(const QString& chat);
    std::unique_ptr<test::GuiRig> f;
};

void TstDetailPane::init() {
    f = std::make_unique<test::GuiRig>();
    QVERIFY(f->open());
}

void TstDetailPane::cleanup() {
    f.reset();
}

QString TstDetailPane::createActive(const QString& chat) {
    auto created = await(f->lifecycle->provision(chat, QStringLiteral("main")));
    return created ? created.value().id : QString();
}

void TstDetailPane::showsNothingUntilASandboxIsChosen() {
    SandboxDetailPane pane(*f->lifecycle);
    QAbstractItemModelTester timelineTester(pane.timelineModel());
    QAbstractItemModelTester sessionTester(pane.sessionModel());
    pane.show();
    QVERIFY(!pane.tabs()->isVisible());
    QCOMPARE(pane.timelineModel()->rowCount(), 0);
    pane.setSandboxId(QStringLiteral("no-such-id"));
    QVERIFY(!pane.tabs()->isVisible());
}

void TstDetailPane::showsPropertiesAndProviderStatus() {
    const QString id = createActive(QStringLiteral("props"));
    QVERIFY(!id.isEmpty());
    SandboxDetailPane pane(*f->lifecycle);
    QSignalSpy probed(&pane, &SandboxDetailPane::providerProbed);
    pane.show();
    pane.setSandboxId(id);
    QVERIFY(pane.tabs()->isVisible());
    QCOMPARE(pane.field(Field::Name)->text(), QStringLiteral("zuko-props-main"));
    QCOMPARE(pane.field(Field::Backend)->text(), QStringLiteral("local"));
    QCOMPARE(pane.field(Field::State)->text(), StatusPalette::label(SandboxState::Active));
    QCOMPARE(pane.field(Field::Error)->text(), SandboxDetailPane::tr("none"));
    // The isolation text is the backend's own words (bubblewrap here, or a loud warning).
    const QString isolation = f->local->isolation(QStringLiteral("zuko-props-main"));
    QVERIFY(pane.field(Field::Isolation)->text().contains(isolation));
    QTRY_VERIFY_WITH_TIMEOUT(probed.count() >= 1, kWaitMs);
    const QString provider = pane.field(Field::ProviderStatus)->text();
    QVERIFY2(provider.startsWith(providerStateName(ProviderState::Warm)) ||
                 provider.startsWith(providerStateName(ProviderState::Running)),
             qPrintable(provider));

    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(id)));
    QTRY_COMPARE_WITH_TIMEOUT(pane.field(Field::State)->text(),
                              StatusPalette::label(SandboxState::Hibernated), kWaitMs);
    // A new state makes the pane ask the provider again: the machine is cold now.
    QTRY_VERIFY_WITH_TIMEOUT(pane.field(Field::ProviderStatus)
                                 ->text()
                                 .startsWith(providerStateName(ProviderState::Cold)),
                             kWaitMs);
}

void TstDetailPane::timelineIsLiveAndOldestFirst() {
    const QString id = createActive(QStringLiteral("timeline"));
    QVERIFY(!id.isEmpty());
    SandboxDetailPane pane(*f->lifecycle);
    SandboxEventModel* timeline = pane.timelineModel();
    QAbstractItemModelTester tester(timeline);
    pane.setSandboxId(id);
    // provisioning (creation) then active.
    QCOMPARE(timeline->rowCount(), 2);
    QVERIFY(!timeline->index(0, 0).data(SandboxEventModel::FromStateRole).isValid());
    QCOMPARE(timeline->index(1, 0).data(SandboxEventModel::ToStateRole).toInt(),
             int(SandboxState::Active));

    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(id, QStringLiteral("test says so"))));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->rowCount(), 4, kWaitMs);
    const QModelIndex last = timeline->index(3, SandboxEventModel::TransitionColumn);
    QCOMPARE(last.data().toString(), transitionText(timeline->eventAt(3)));
    QCOMPARE(last.data(SandboxEventModel::ToStateRole).toInt(), int(SandboxState::Hibernated));
    QCOMPARE(timeline->index(2, 0).data(SandboxEventModel::ToStateRole).toInt(),
             int(SandboxState::Hibernating));
    QCOMPARE(timeline->index(2, SandboxEventModel::ReasonColumn).data().toString(),
             QStringLiteral("test says so"));
    for (int row = 1; row < timeline->rowCount(); ++row)
        QVERIFY(timeline->eventAt(row - 1).seq < timeline->eventAt(row).seq);

    // Another sandbox's events never land here.
    QVERIFY(!createActive(QStringLiteral("other")).isEmpty());
    QCOMPARE(timeline->rowCount(), 4);

    // A note shows who and what; its detail opens below the table when selected.
    auto* detail = pane.findChild<QPlainTextEdit*>(QStringLiteral("timelineDetail"));
    QVERIFY(detail);
    HANGAR_VERIFY_OK(
        f->lifecycle->note(id, QStringLiteral("setup: make"),
                           {QStringLiteral("engine"), QStringLiteral("cc -o app main.c\nok"), {}}));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->rowCount(), 5, kWaitMs);
    QVERIFY(timeline->index(4, 0).data(SandboxEventModel::IsNoteRole).toBool());
    QCOMPARE(timeline->index(4, SandboxEventModel::ActorColumn).data().toString(),
             QStringLiteral("engine"));
    QCOMPARE(timeline->index(4, SandboxEventModel::ReasonColumn).data().toString(),
             QStringLiteral("setup: make"));
    QCOMPARE(timeline->index(4, SandboxEventModel::TransitionColumn).data().toString(),
             transitionText(timeline->eventAt(4)));
    QVERIFY(detail->isHidden());
    pane.timelineView()->setCurrentIndex(timeline->index(4, 0));
    QVERIFY(!detail->isHidden());
    QCOMPARE(detail->toPlainText(), QStringLiteral("cc -o app main.c\nok"));
    pane.timelineView()->setCurrentIndex(timeline->index(3, 0));
    QVERIFY(detail->isHidden());
}

void TstDetailPane::runningSessionKeepsItAwake() {
    const QString id = createActive(QStringLiteral("awake"));
    QVERIFY(!id.isEmpty());
    SandboxDetailPane pane(*f->lifecycle);
    QSignalSpy probed(&pane, &SandboxDetailPane::providerProbed);
    pane.setSandboxId(id);
    QTRY_VERIFY_WITH_TIMEOUT(probed.count() >= 1, kWaitMs);
    QCOMPARE(pane.sessionModel()->runningCount(), 0);

    ExecRequest request;
    request.argv = {QStringLiteral("sleep"), QStringLiteral("30")};
    ExecSession* session = f->local->startExec(QStringLiteral("zuko-awake-main"), request);
    QSignalSpy started(session, &ExecSession::started);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kWaitMs);

    pane.probeProvider();
    QTRY_COMPARE_WITH_TIMEOUT(pane.sessionModel()->runningCount(), 1, kWaitMs);
    const QModelIndex command = pane.sessionModel()->index(0, SessionListModel::CommandColumn);
    QCOMPARE(command.data().toString(), QStringLiteral("sleep 30"));
    QVERIFY(pane.sessionModel()->index(0, 0).data(SessionListModel::RunningRole).toBool());
    QVERIFY2(pane.field(Field::KeepingAwake)->text().contains(QLatin1String("1")),
             qPrintable(pane.field(Field::KeepingAwake)->text()));
    session->terminate();
}

void TstDetailPane::followsTheSelectionInTheMainWindow() {
    const QString a = createActive(QStringLiteral("first"));
    const QString b = createActive(QStringLiteral("second"));
    MainWindow& w = f->show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.detailPane()->isVisible());
    w.selectIds({a});
    QCOMPARE(w.detailPane()->sandboxId(), a);
    QCOMPARE(w.detailPane()->field(Field::Name)->text(), QStringLiteral("zuko-first-main"));
    w.selectIds({b});
    QCOMPARE(w.detailPane()->sandboxId(), b);
    // Several selected: no single sandbox to detail.
    w.selectIds({a, b});
    QVERIFY(w.detailPane()->sandboxId().isEmpty());
}

void TstDetailPane::removedSandboxClearsThePane() {
    const QString id = createActive(QStringLiteral("gone"));
    SandboxDetailPane pane(*f->lifecycle);
    pane.setSandboxId(id);
    QCOMPARE(pane.sandboxId(), id);
    HANGAR_VERIFY_OK(await(f->lifecycle->destroy(id)));
    QTRY_VERIFY_WITH_TIMEOUT(pane.sandboxId().isEmpty(), kWaitMs);
    QCOMPARE(pane.timelineModel()->rowCount(), 0);
}

void TstDetailPane::failedSandboxShowsItsError() {
    const Sandbox broken = f->insert(QStringLiteral("zuko-broken-main"), SandboxState::Failed,
                                     QStringLiteral("machine vanished"));
    QVERIFY(broken.isValid());
    SandboxDetailPane pane(*f->lifecycle);
    pane.setSandboxId(broken.id);
    QCOMPARE(pane.field(Field::State)->text(), StatusPalette::label(SandboxState::Failed));
    QCOMPARE(pane.field(Field::Error)->text(), QStringLiteral("machine vanished"));
}

QTEST_MAIN(TstDetailPane)
#include "tst_detailpane.moc"
