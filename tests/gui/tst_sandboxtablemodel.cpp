// SandboxTableModel and SandboxFilterProxy over a real engine: LifecycleService with a real
// LocalBackend and a SQLite store in a temporary directory. Both models run under
// QAbstractItemModelTester (fatal) for the whole of every test. The model's own bookkeeping
// (id index, batched change signals, operations) is in tst_sandboxtablemodelbookkeeping.cpp.

#include "ModelRig.h"
#include "SandboxFilterProxy.h"
#include "SandboxTableModel.h"
#include "StatusPalette.h"
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWaitMs = 10'000;
constexpr qint64 kMinuteMs = 60'000;

using Fixture = hangar::test::ModelRig;

} // namespace

class TstSandboxTableModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void columnsAndHeaders();
    void loadsExistingSandboxesOnce();
    void provisionInsertsRowThatBecomesActive();
    void hibernateAndResumeUpdateRowLive();
    void destroyRemovesRow();
    void textFilter();
    void stateFilterFollowsLiveChanges();
    void backendFilter();
    void sortsByUnderlyingValues();
    void countdownColumn();
    void countdownTicksOnlyItsColumn();
    void failedRowCarriesError();
    void stateCountsFollowAddChangeRemove();

private:
    Sandbox provisionActive(const QString& chat, const QString& thread);

    std::unique_ptr<Fixture> f;
};

void TstSandboxTableModel::init() {
    f = std::make_unique<Fixture>();
    QVERIFY(f->open());
}

void TstSandboxTableModel::cleanup() {
    f.reset();
}

Sandbox TstSandboxTableModel::provisionActive(const QString& chat, const QString& thread) {
    auto r = await(f->lifecycle->provision(chat, thread));
    if (!r) {
        qWarning("provision failed: %s", qPrintable(r.error().describe()));
        return {};
    }
    return r.value();
}

void TstSandboxTableModel::columnsAndHeaders() {
    f->buildModels();
    QCOMPARE(f->model->columnCount(), int(SandboxTableModel::ColumnCount));
    QCOMPARE(f->model->headerData(SandboxTableModel::NameColumn, Qt::Horizontal).toString(),
             QStringLiteral("Name"));
    QCOMPARE(f->model->headerData(SandboxTableModel::HibernatesInColumn, Qt::Horizontal).toString(),
             QStringLiteral("Hibernates in"));
    QCOMPARE(f->model->headerData(SandboxTableModel::ErrorColumn, Qt::Horizontal).toString(),
             QStringLiteral("Error"));
    QCOMPARE(f->model->rowCount(), 0);
    QVERIFY(f->model->loadError().isEmpty());
}

void TstSandboxTableModel::loadsExistingSandboxesOnce() {
    const Sandbox a = provisionActive(QStringLiteral("chat1"), QStringLiteral("t1"));
    const Sandbox b = provisionActive(QStringLiteral("chat2"), QStringLiteral("t2"));
    QVERIFY(a.isValid() && b.isValid());

    f->buildModels();
    QCOMPARE(f->model->rowCount(), 2);
    const int row = f->model->rowOf(a.id);
    QVERIFY(row >= 0);
    QCOMPARE(f->cell(row, SandboxTableModel::NameColumn), QStringLiteral("zuko-chat1-t1"));
    QCOMPARE(f->cell(row, SandboxTableModel::BackendColumn), QStringLiteral("local"));
    QCOMPARE(f->cell(row, SandboxTableModel::StateColumn),
             StatusPalette::label(SandboxState::Active));
    QCOMPARE(f->cell(row, SandboxTableModel::ChatColumn), QStringLiteral("chat1"));
    QCOMPARE(f->cell(row, SandboxTableModel::ThreadColumn), QStringLiteral("t1"));
    QVERIFY(!f->cell(row, SandboxTableModel::LastActivityColumn).isEmpty());
    QCOMPARE(f->cell(row, SandboxTableModel::ErrorColumn), QString());
    const QModelIndex index = f->model->index(row, SandboxTableModel::NameColumn);
    QCOMPARE(index.data(SandboxTableModel::SandboxIdRole).toString(), a.id);
    QCOMPARE(index.data(SandboxTableModel::SandboxRole).value<Sandbox>().name, a.name);
    QCOMPARE(index.data(SandboxTableModel::BackendRole).toString(), QStringLiteral("local"));
    QCOMPARE(f->model->stateCounts().value(SandboxState::Active), 2);
}

void TstSandboxTableModel::provisionInsertsRowThatBecomesActive() {
    f->buildModels();
    QSignalSpy inserted(f->model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(f->model.get(), &QAbstractItemModel::dataChanged);

    auto task = f->lifecycle->provision(QStringLiteral("chat"), QStringLiteral("main"));
    // The row exists as soon as the engine records the sandbox, before the provider answers.
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(f->model->rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(f->cell(0, SandboxTableModel::StateColumn),
                              StatusPalette::label(SandboxState::Active), kWaitMs);
    QCOMPARE(f->stateAt(0), SandboxState::Active);
    // The data is new at once; its dataChanged goes out at the end of the event-loop turn.
    QTRY_VERIFY(changed.count() >= 1);
    HANGAR_VERIFY_OK(await(task));
    QCOMPARE(f->model->rowCount(), 1); // provisioning again would not add a row
    QCOMPARE(f->proxy->rowCount(), 1);
}

void TstSandboxTableModel::hibernateAndResumeUpdateRowLive() {
    f->buildModels();
    const Sandbox s = provisionActive(QStringLiteral("chat"), QStringLiteral("main"));
    QVERIFY(s.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(s.id), QStringLiteral("active"), kWaitMs);

    auto hibernating = f->lifecycle->hibernate(s.id);
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(s.id), QStringLiteral("hibernated"), kWaitMs);
    HANGAR_VERIFY_OK(await(hibernating));
    QCOMPARE(f->cell(f->model->rowOf(s.id), SandboxTableModel::HibernatesInColumn), QString());

    auto resuming = f->lifecycle->resume(s.id);
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(s.id), QStringLiteral("active"), kWaitMs);
    HANGAR_VERIFY_OK(await(resuming));
    QCOMPARE(f->model->rowCount(), 1);
}

void TstSandboxTableModel::destroyRemovesRow() {
    f->buildModels();
    const Sandbox keep = provisionActive(QStringLiteral("keep"), QStringLiteral("main"));
    const Sandbox gone = provisionActive(QStringLiteral("gone"), QStringLiteral("main"));
    QVERIFY(keep.isValid() && gone.isValid());
    QCOMPARE(f->model->rowCount(), 2);

    QSignalSpy removed(f->model.get(), &QAbstractItemModel::rowsRemoved);
    HANGAR_VERIFY_OK(await(f->lifecycle->destroy(gone.id)));
    QTRY_COMPARE_WITH_TIMEOUT(f->model->rowCount(), 1, kWaitMs);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(f->model->rowOf(gone.id), -1);
    QCOMPARE(f->model->rowOf(keep.id), 0);
    QCOMPARE(f->proxyNames(), QStringList{QStringLiteral("zuko-keep-main")});
}

void TstSandboxTableModel::textFilter() {
    f->buildModels();
    QVERIFY(provisionActive(QStringLiteral("alpha"), QStringLiteral("one")).isValid());
    QVERIFY(provisionActive(QStringLiteral("beta"), QStringLiteral("two")).isValid());
    QVERIFY(provisionActive(QStringLiteral("gamma"), QStringLiteral("alphabet")).isValid());
    f->proxy->sort(SandboxTableModel::NameColumn);

    f->proxy->setTextFilter(QStringLiteral("ALPHA")); // chat or thread, any case
    QCOMPARE(f->proxyNames(), (QStringList{QStringLiteral("zuko-alpha-one"),
                                           QStringLiteral("zuko-gamma-alphabet")}));
    f->proxy->setTextFilter(QStringLiteral("two"));
    QCOMPARE(f->proxyNames(), QStringList{QStringLiteral("zuko-beta-two")});
    f->proxy->setTextFilter(QStringLiteral("zuko-beta")); // the name
    QCOMPARE(f->proxyNames(), QStringList{QStringLiteral("zuko-beta-two")});
    f->proxy->setTextFilter(QStringLiteral("nothing-like-this"));
    QCOMPARE(f->proxy->rowCount(), 0);
    f->proxy->setTextFilter({});
    QCOMPARE(f->proxy->rowCount(), 3);
}

void TstSandboxTableModel::stateFilterFollowsLiveChanges() {
    f->buildModels();
    const Sandbox a = provisionActive(QStringLiteral("a"), QStringLiteral("main"));
    const Sandbox b = provisionActive(QStringLiteral("b"), QStringLiteral("main"));
    QVERIFY(a.isValid() && b.isValid());
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(b.id)));

    f->proxy->setStateFilter({SandboxState::Active});
    QTRY_COMPARE_WITH_TIMEOUT(f->proxyNames(), QStringList{QStringLiteral("zuko-a-main")}, kWaitMs);
    f->proxy->setStateFilter({SandboxState::Hibernated, SandboxState::Failed});
    QCOMPARE(f->proxyNames(), QStringList{QStringLiteral("zuko-b-main")});
    QCOMPARE(f->proxy->stateFilter(),
             (QList<SandboxState>{SandboxState::Hibernated, SandboxState::Failed}));

    // A row leaves and joins the filtered view as its state changes.
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(a.id)));
    f->proxy->sort(SandboxTableModel::NameColumn);
    QTRY_COMPARE_WITH_TIMEOUT(f->proxy->rowCount(), 2, kWaitMs);
    HANGAR_VERIFY_OK(await(f->lifecycle->resume(b.id)));
    QTRY_COMPARE_WITH_TIMEOUT(f->proxyNames(), QStringList{QStringLiteral("zuko-a-main")}, kWaitMs);

    f->proxy->setStateFilter({});
    QCOMPARE(f->proxy->rowCount(), 2);
}

void TstSandboxTableModel::backendFilter() {
    f->buildModels();
    QVERIFY(provisionActive(QStringLiteral("a"), QStringLiteral("main")).isValid());
    QVERIFY(provisionActive(QStringLiteral("b"), QStringLiteral("main")).isValid());
    f->proxy->setBackendFilter(QStringLiteral("sprites"));
    QCOMPARE(f->proxy->rowCount(), 0);
    f->proxy->setBackendFilter(QStringLiteral("local"));
    QCOMPARE(f->proxy->rowCount(), 2);
    f->proxy->setBackendFilter({});
    QCOMPARE(f->proxy->rowCount(), 2);
}

void TstSandboxTableModel::sortsByUnderlyingValues() {
    f->buildModels();
    // "early" has 9 minutes left, "late" 30: as text "30:00" < "9:00", as time 9 min < 30.
    QVERIFY(provisionActive(QStringLiteral("early"), QStringLiteral("main")).isValid());
    f->clock.advance(21 * kMinuteMs);
    const Sandbox late = provisionActive(QStringLiteral("late"), QStringLiteral("main"));
    QVERIFY(late.isValid());
    f->model->refreshCountdown();

    f->proxy->sort(SandboxTableModel::HibernatesInColumn, Qt::AscendingOrder);
    QCOMPARE(f->proxyNames(),
             (QStringList{QStringLiteral("zuko-early-main"), QStringLiteral("zuko-late-main")}));
    QCOMPARE(f->proxy->index(0, SandboxTableModel::HibernatesInColumn).data().toString(),
             QStringLiteral("9:00"));

    f->proxy->sort(SandboxTableModel::LastActivityColumn, Qt::DescendingOrder);
    QCOMPARE(f->proxyNames().constFirst(), QStringLiteral("zuko-late-main"));
    QCOMPARE(f->proxy->index(0, SandboxTableModel::LastActivityColumn)
                 .data(SandboxTableModel::SortRole)
                 .toDateTime(),
             f->clock.now());

    // States sort in lifecycle order (active before hibernated), not alphabetically.
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(late.id)));
    f->proxy->sort(SandboxTableModel::StateColumn, Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(
        f->proxyNames(),
        (QStringList{QStringLiteral("zuko-early-main"), QStringLiteral("zuko-late-main")}),
        kWaitMs);
    f->proxy->sort(SandboxTableModel::StateColumn, Qt::DescendingOrder);
    QCOMPARE(f->proxyNames().constFirst(), QStringLiteral("zuko-late-main"));
}

void TstSandboxTableModel::countdownColumn() {
    QCOMPARE(formatCountdown(30 * kMinuteMs), QStringLiteral("30:00"));
    QCOMPARE(formatCountdown(61'000), QStringLiteral("1:01"));
    QCOMPARE(formatCountdown(500), QStringLiteral("0:01"));
    QCOMPARE(formatCountdown(90 * kMinuteMs + 5'000), QStringLiteral("1:30:05"));
    QCOMPARE(formatCountdown(0), QStringLiteral("due"));

    f->buildModels();
    const Sandbox s = provisionActive(QStringLiteral("chat"), QStringLiteral("main"));
    QVERIFY(s.isValid());
    const int row = f->model->rowOf(s.id);
    // The default inactivity timeout is 30 minutes from the last activity.
    QCOMPARE(f->cell(row, SandboxTableModel::HibernatesInColumn), QStringLiteral("30:00"));
    QCOMPARE(f->model->hibernatesInMs(f->model->sandboxAt(row)),
             std::optional<qint64>(30 * kMinuteMs));

    // The one-second timer picks up the clock without any engine signal.
    f->clock.advance(61'000);
    QTRY_COMPARE_WITH_TIMEOUT(f->cell(row, SandboxTableModel::HibernatesInColumn),
                              QStringLiteral("28:59"), kWaitMs);
    f->clock.advance(29 * kMinuteMs);
    QTRY_COMPARE_WITH_TIMEOUT(f->cell(row, SandboxTableModel::HibernatesInColumn),
                              QStringLiteral("due"), kWaitMs);

    // Activity restarts the countdown.
    HANGAR_VERIFY_OK(f->lifecycle->touch(s.id));
    QCOMPARE(f->cell(row, SandboxTableModel::HibernatesInColumn), QStringLiteral("30:00"));

    // Not active: no countdown.
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(s.id)));
    QTRY_COMPARE_WITH_TIMEOUT(f->cell(row, SandboxTableModel::HibernatesInColumn), QString(),
                              kWaitMs);
    QVERIFY(!f->model->hibernatesInMs(f->model->sandboxAt(row)).has_value());
}

void TstSandboxTableModel::countdownTicksOnlyItsColumn() {
    f->buildModels();
    QVERIFY(provisionActive(QStringLiteral("a"), QStringLiteral("main")).isValid());
    QVERIFY(provisionActive(QStringLiteral("b"), QStringLiteral("main")).isValid());
    f->model->flushPendingChanges(); // the provisioning's own changes are not ticks
    QSignalSpy changed(f->model.get(), &QAbstractItemModel::dataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, kWaitMs); // two ticks
    for (const QList<QVariant>& args : std::as_const(changed)) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.column(), int(SandboxTableModel::HibernatesInColumn));
        QCOMPARE(bottomRight.column(), int(SandboxTableModel::HibernatesInColumn));
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 1);
    }
}

void TstSandboxTableModel::failedRowCarriesError() {
    f->buildModels();
    const Sandbox s = provisionActive(QStringLiteral("doomed"), QStringLiteral("main"));
    QVERIFY(s.isValid());
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(s.id)));

    // Behind the engine's back, the machine disappears; waking it then fails for real.
    QDir sandboxDir(f->dir.filePath(QStringLiteral("data/sandboxes/") + s.name));
    QVERIFY(sandboxDir.exists());
    QVERIFY(sandboxDir.removeRecursively());

    auto resumed = await(f->lifecycle->resume(s.id));
    QVERIFY(!resumed.ok());
    QTRY_COMPARE_WITH_TIMEOUT(f->stateOf(s.id), QStringLiteral("failed"), kWaitMs);

    const int row = f->model->rowOf(s.id);
    const QString error = f->model->sandboxAt(row).error;
    QVERIFY(!error.isEmpty());
    const QModelIndex state = f->model->index(row, SandboxTableModel::StateColumn);
    QCOMPARE(state.data(Qt::ToolTipRole).toString(), error);
    QCOMPARE(state.data(SandboxTableModel::ErrorRole).toString(), error);
    QCOMPARE(f->cell(row, SandboxTableModel::ErrorColumn), error);
    QCOMPARE(f->cell(row, SandboxTableModel::StateColumn),
             StatusPalette::label(SandboxState::Failed));
    QCOMPARE(f->model->stateCounts().value(SandboxState::Failed), 1);

    // Through the proxy too, and a healthy row has no error tooltip.
    f->proxy->setStateFilter({SandboxState::Failed});
    QCOMPARE(f->proxy->index(0, SandboxTableModel::NameColumn).data(Qt::ToolTipRole).toString(),
             error);
    const Sandbox healthy = provisionActive(QStringLiteral("fine"), QStringLiteral("main"));
    QVERIFY(healthy.isValid());
    QVERIFY(f->model->indexOf(healthy.id, SandboxTableModel::StateColumn)
                .data(Qt::ToolTipRole)
                .isNull());
}

void TstSandboxTableModel::stateCountsFollowAddChangeRemove() {
    f->buildModels();
    QCOMPARE(f->model->stateCounts(), (QMap<SandboxState, int>{}));
    QList<Sandbox> all;
    for (int i = 0; i < 3; ++i)
        all.append(f->announce(QStringLiteral("a%1").arg(i), SandboxState::Active));
    for (int i = 0; i < 2; ++i)
        all.append(f->announce(QStringLiteral("h%1").arg(i), SandboxState::Hibernated));
    QCOMPARE(f->model->stateCounts(),
             (QMap<SandboxState, int>{{SandboxState::Active, 3}, {SandboxState::Hibernated, 2}}));

    f->change(all.at(0), SandboxState::Failed);
    f->change(all.at(0), SandboxState::Provisioning); // twice in one turn
    f->change(all.at(1), SandboxState::Active);       // no change of state
    QCOMPARE(f->model->stateCounts(), (QMap<SandboxState, int>{{SandboxState::Provisioning, 1},
                                                               {SandboxState::Active, 2},
                                                               {SandboxState::Hibernated, 2}}));
    QCOMPARE(f->model->stateCounts(), f->countedStates());

    emit f->lifecycle->sandboxRemoved(all.at(3).id);
    emit f->lifecycle->sandboxRemoved(all.at(4).id);
    QVERIFY(!f->model->stateCounts().contains(SandboxState::Hibernated));
    QCOMPARE(f->model->stateCounts(), f->countedStates());

    // A change for an id the model has not seen adds it, and counts it once.
    Sandbox stranger = all.at(3);
    stranger.state = SandboxState::Restoring;
    emit f->lifecycle->sandboxChanged(stranger);
    emit f->lifecycle->sandboxChanged(stranger);
    QCOMPARE(f->model->stateCounts().value(SandboxState::Restoring), 1);
    QCOMPARE(f->model->stateCounts(), f->countedStates());

    // And through the real engine.
    const Sandbox real = provisionActive(QStringLiteral("real"), QStringLiteral("main"));
    QVERIFY(real.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(f->model->stateCounts().value(SandboxState::Active), 3, kWaitMs);
    HANGAR_VERIFY_OK(await(f->lifecycle->hibernate(real.id)));
    QTRY_COMPARE_WITH_TIMEOUT(f->model->stateCounts().value(SandboxState::Hibernated), 1, kWaitMs);
    HANGAR_VERIFY_OK(await(f->lifecycle->destroy(real.id)));
    QTRY_VERIFY_WITH_TIMEOUT(!f->model->stateCounts().contains(SandboxState::Hibernated), kWaitMs);
    QCOMPARE(f->model->stateCounts(), f->countedStates());
}

QTEST_GUILESS_MAIN(TstSandboxTableModel)
#include "tst_sandboxtablemodel.moc"
