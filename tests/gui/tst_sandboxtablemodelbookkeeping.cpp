// SandboxTableModel's own bookkeeping at the speed the engine can announce changes: the id
// index, change signals batched per event-loop turn, the name-sorted proxy left alone by
// state changes, and the per-row operation roles. Both models run under
// QAbstractItemModelTester (fatal) throughout.

#include "ModelRig.h"
#include "StatusPalette.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace hangar;
using Fixture = hangar::test::ModelRig;

class TstSandboxTableModelBookkeeping : public QObject {
    Q_OBJECT

private slots:
    void init() {
        f = std::make_unique<Fixture>();
        QVERIFY(f->open());
    }
    void cleanup() { f.reset(); }

    void idIndexFollowsInsertsAndRemoves();
    void changesOfOneTurnAreCoalesced();
    void pendingChangesLandBeforeRowsMove();
    void stateChangeDoesNotResortNameSortedProxy();
    void operationAndProgressRoles();

private:
    std::unique_ptr<Fixture> f;
};

void TstSandboxTableModelBookkeeping::idIndexFollowsInsertsAndRemoves() {
    f->buildModels();
    QList<Sandbox> all;
    for (int i = 0; i < 8; ++i)
        all.append(f->announce(QStringLiteral("s%1").arg(i), SandboxState::Active));
    QCOMPARE(f->model->rowCount(), 8);
    QVERIFY(f->indexConsistent());

    // Out of the middle, the front and the end; the rows below move up.
    emit f->lifecycle->sandboxRemoved(all.at(3).id);
    emit f->lifecycle->sandboxRemoved(all.at(0).id);
    emit f->lifecycle->sandboxRemoved(all.at(7).id);
    QCOMPARE(f->model->rowCount(), 5);
    QVERIFY(f->indexConsistent());
    for (int i : {0, 3, 7})
        QCOMPARE(f->model->rowOf(all.at(i).id), -1);
    QCOMPARE(f->model->rowOf(all.at(4).id), 2);
    QCOMPARE(f->model->indexOf(all.at(6).id, SandboxTableModel::StateColumn),
             f->model->index(4, SandboxTableModel::StateColumn));
    QVERIFY(!f->model->indexOf(all.at(3).id).isValid());

    // New rows after removals get the right numbers; a removed id can come back.
    const Sandbox late = f->announce(QStringLiteral("late"), SandboxState::Hibernated);
    emit f->lifecycle->sandboxAdded(all.at(3));
    QCOMPARE(f->model->rowOf(late.id), 5);
    QCOMPARE(f->model->rowOf(all.at(3).id), 6);
    emit f->lifecycle->sandboxRemoved(all.at(2).id);
    QVERIFY(f->indexConsistent());
    QCOMPARE(f->model->rowOf(all.at(3).id), 5);
    QCOMPARE(f->model->sandboxAt(f->model->rowOf(late.id)).name, QStringLiteral("late"));

    // Removing an unknown id changes nothing; adding a known id again is a change, not a row.
    emit f->lifecycle->sandboxRemoved(QStringLiteral("no-such-id"));
    emit f->lifecycle->sandboxAdded(late);
    QCOMPARE(f->model->rowCount(), 6);
    QVERIFY(f->indexConsistent());
}

void TstSandboxTableModelBookkeeping::changesOfOneTurnAreCoalesced() {
    f->buildModels();
    // Not active, so no countdown tick joins the signals counted here.
    QList<Sandbox> all;
    for (int i = 0; i < 10; ++i)
        all.append(f->announce(QStringLiteral("s%1").arg(i), SandboxState::Hibernated));
    f->model->flushPendingChanges();
    QSignalSpy changed(f->model.get(), &QAbstractItemModel::dataChanged);
    const auto range = [&changed](int i) {
        const QList<QVariant>& args = changed.at(i);
        const auto tl = args.at(0).value<QModelIndex>();
        const auto br = args.at(1).value<QModelIndex>();
        return QList<int>{tl.row(), tl.column(), br.row(), br.column()};
    };

    // A lone change is announced at once, over the columns that changed (the state and its
    // countdown, not the name).
    f->change(all.at(0), SandboxState::Restoring);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(range(0), (QList<int>{0, SandboxTableModel::StateColumn, 0,
                                   SandboxTableModel::HibernatesInColumn}));

    // A burst: past the first few of the turn, the data is new at once but the signals wait.
    for (int i = 1; i < SandboxTableModel::kImmediateChangesPerTurn; ++i)
        f->change(all.at(9), i % 2 ? SandboxState::Hibernating : SandboxState::Hibernated);
    const int immediate = SandboxTableModel::kImmediateChangesPerTurn;
    QCOMPARE(changed.count(), immediate);
    QVERIFY(!f->model->hasPendingChanges());
    changed.clear();
    f->change(all.at(3), SandboxState::Hibernating);
    f->change(all.at(2), SandboxState::Hibernating);
    f->change(all.at(4), SandboxState::Hibernating);
    f->change(all.at(7), SandboxState::Hibernating);
    f->change(all.at(3), SandboxState::Hibernated);
    QCOMPARE(f->stateOf(all.at(3).id), QStringLiteral("hibernated"));
    QCOMPARE(f->cell(7, SandboxTableModel::StateColumn),
             StatusPalette::label(SandboxState::Hibernating));
    QCOMPARE(changed.count(), 0);
    QVERIFY(f->model->hasPendingChanges());

    // At the end of the turn: one signal per contiguous run of rows (2-4 and 7).
    QTRY_COMPARE(changed.count(), 2);
    QVERIFY(!f->model->hasPendingChanges());
    QCOMPARE(range(0), (QList<int>{2, SandboxTableModel::StateColumn, 4,
                                   SandboxTableModel::HibernatesInColumn}));
    QCOMPARE(range(1), (QList<int>{7, SandboxTableModel::StateColumn, 7,
                                   SandboxTableModel::HibernatesInColumn}));

    // An error reaches the error column.
    Sandbox failed = all.at(5);
    failed.state = SandboxState::Failed;
    failed.error = QStringLiteral("boom");
    emit f->lifecycle->sandboxChanged(failed); // the first change of a new turn: at once
    QCOMPARE(changed.count(), 3);
    QCOMPARE(range(2),
             (QList<int>{5, SandboxTableModel::StateColumn, 5, SandboxTableModel::ErrorColumn}));
    QCOMPARE(f->cell(5, SandboxTableModel::ErrorColumn), QStringLiteral("boom"));

    // Many scattered rows in one turn become a single range signal.
    const int extra = SandboxTableModel::kMaxRunsPerFlush * 2 + 2;
    QList<Sandbox> many;
    for (int i = 0; i < extra; ++i)
        many.append(f->announce(QStringLiteral("m%1").arg(i), SandboxState::Hibernated));
    f->model->flushPendingChanges();
    for (int i = 0; i < immediate; ++i) // use up the turn's allowance
        f->change(all.at(9), i % 2 ? SandboxState::Hibernating : SandboxState::Hibernated);
    changed.clear();
    for (int i = 0; i < extra; i += 2)
        f->change(many.at(i), SandboxState::Hibernating);
    QCOMPARE(changed.count(), 0);
    // flushPendingChanges() sends them now, without waiting for the turn to end.
    f->model->flushPendingChanges();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(range(0).at(0), f->model->rowOf(many.constFirst().id));
    QCOMPARE(range(0).at(2), f->model->rowOf(many.at(extra - 2).id));
    for (int i = 0; i < extra; ++i) {
        QCOMPARE(f->stateOf(many.at(i).id),
                 i % 2 == 0 ? QStringLiteral("hibernating") : QStringLiteral("hibernated"));
    }
}

void TstSandboxTableModelBookkeeping::pendingChangesLandBeforeRowsMove() {
    f->buildModels();
    QList<Sandbox> all;
    for (int i = 0; i < 6; ++i)
        all.append(f->announce(QStringLiteral("s%1").arg(i), SandboxState::Hibernated));
    f->model->flushPendingChanges();

    QStringList log;
    connect(f->model.get(), &QAbstractItemModel::dataChanged, this, [&log](const QModelIndex& tl) {
        log.append(QStringLiteral("changed %1").arg(tl.row()));
    });
    connect(f->model.get(), &QAbstractItemModel::rowsRemoved, this,
            [&log](const QModelIndex&, int first) {
                log.append(QStringLiteral("removed %1").arg(first));
            });
    connect(f->model.get(), &QAbstractItemModel::rowsInserted, this,
            [&log](const QModelIndex&, int first) {
                log.append(QStringLiteral("inserted %1").arg(first));
            });

    // Row 5 changes, then row 1 goes: the change is announced under its old row number first.
    f->change(all.at(5), SandboxState::Hibernating);
    emit f->lifecycle->sandboxRemoved(all.at(1).id);
    f->change(all.at(5), SandboxState::Hibernated);
    f->announce(QStringLiteral("new"), SandboxState::Provisioning);
    QTRY_VERIFY(!f->model->hasPendingChanges());
    QCOMPARE(log, (QStringList{QStringLiteral("changed 5"), QStringLiteral("removed 1"),
                               QStringLiteral("changed 4"), QStringLiteral("inserted 5")}));
    QCOMPARE(f->stateOf(all.at(5).id), QStringLiteral("hibernated"));
    QVERIFY(f->indexConsistent());
}

void TstSandboxTableModelBookkeeping::stateChangeDoesNotResortNameSortedProxy() {
    f->buildModels();
    QList<Sandbox> all;
    for (const char* name : {"delta", "alpha", "charlie", "bravo"})
        all.append(f->announce(QString::fromLatin1(name), SandboxState::Hibernated));
    f->proxy->sort(SandboxTableModel::NameColumn);
    f->model->flushPendingChanges();
    QSignalSpy layout(f->proxy.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy proxyChanged(f->proxy.get(), &QAbstractItemModel::dataChanged);

    f->change(all.at(2), SandboxState::Hibernating);
    QTRY_COMPARE(proxyChanged.count(), 1);
    QCOMPARE(layout.count(), 0); // the name did not change: nothing to re-sort
    QCOMPARE(f->proxyNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("bravo"),
                                           QStringLiteral("charlie"), QStringLiteral("delta")}));
    QCOMPARE(f->proxy->index(2, SandboxTableModel::StateColumn)
                 .data(SandboxTableModel::StateRole)
                 .toInt(),
             int(SandboxState::Hibernating));

    // A state filter still follows the change.
    f->proxy->setStateFilter({SandboxState::Hibernated});
    QCOMPARE(f->proxy->rowCount(), 3);
    f->change(all.at(0), SandboxState::Hibernating);
    QTRY_COMPARE(f->proxyNames(), (QStringList{QStringLiteral("alpha"), QStringLiteral("bravo")}));
}

void TstSandboxTableModelBookkeeping::operationAndProgressRoles() {
    f->buildModels();
    // Not active, so no countdown tick joins the signals counted here.
    const Sandbox a = f->announce(QStringLiteral("a"), SandboxState::Hibernated);
    const Sandbox b = f->announce(QStringLiteral("b"), SandboxState::Hibernated);
    f->model->flushPendingChanges();
    const auto operation = [this](const QString& id) {
        return f->model->indexOf(id, SandboxTableModel::StateColumn)
            .data(SandboxTableModel::OperationRole);
    };
    const auto progress = [this](const QString& id) {
        return f->model->indexOf(id, SandboxTableModel::StateColumn)
            .data(SandboxTableModel::ProgressRole);
    };
    QCOMPARE(operation(a.id).toString(), QString());
    QCOMPARE(progress(a.id).toInt(), -1);
    QCOMPARE(f->model->roleNames().value(SandboxTableModel::OperationRole),
             QByteArrayLiteral("operation"));
    QCOMPARE(f->model->roleNames().value(SandboxTableModel::ProgressRole),
             QByteArrayLiteral("progress"));

    QSignalSpy changed(f->model.get(), &QAbstractItemModel::dataChanged);
    f->model->setOperation(a.id, QStringLiteral("Checkpointing"), 40);
    QCOMPARE(changed.count(), 1);
    const QModelIndex cell = f->model->indexOf(a.id, SandboxTableModel::StateColumn);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), cell);
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), cell);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(SandboxTableModel::OperationRole));
    QVERIFY(roles.contains(SandboxTableModel::ProgressRole));
    QCOMPARE(operation(a.id).toString(), QStringLiteral("Checkpointing"));
    QCOMPARE(progress(a.id).toInt(), 40);
    QCOMPARE(operation(b.id).toString(), QString()); // only that row
    QCOMPARE(progress(b.id).toInt(), -1);
    // Through the proxy as well.
    const QModelIndex proxied = f->proxy->mapFromSource(cell);
    QCOMPARE(proxied.data(SandboxTableModel::ProgressRole).toInt(), 40);

    f->model->setOperation(a.id, QStringLiteral("Checkpointing"), 40); // no news: no signal
    QCOMPARE(changed.count(), 1);
    f->model->setOperation(a.id, QStringLiteral("Checkpointing"), 250);
    QCOMPARE(progress(a.id).toInt(), 100);
    f->model->setOperation(a.id, QStringLiteral("Uploading")); // indeterminate
    QCOMPARE(operation(a.id).toString(), QStringLiteral("Uploading"));
    QCOMPARE(progress(a.id).toInt(), -1);
    QCOMPARE(changed.count(), 3);

    f->model->clearOperation(a.id);
    QCOMPARE(changed.count(), 4);
    QCOMPARE(operation(a.id).toString(), QString());
    QCOMPARE(progress(a.id).toInt(), -1);
    f->model->clearOperation(a.id); // nothing to clear
    f->model->setOperation(QStringLiteral("no-such-id"), QStringLiteral("Ghost"), 5);
    QCOMPARE(changed.count(), 4);

    // A state change keeps the operation; removing the row forgets it.
    f->model->setOperation(b.id, QStringLiteral("Hibernating"), 10);
    f->change(b, SandboxState::Hibernating);
    f->model->flushPendingChanges();
    QCOMPARE(operation(b.id).toString(), QStringLiteral("Hibernating"));
    emit f->lifecycle->sandboxRemoved(b.id);
    emit f->lifecycle->sandboxAdded(b);
    QCOMPARE(operation(b.id).toString(), QString());
    QCOMPARE(progress(b.id).toInt(), -1);
}

QTEST_GUILESS_MAIN(TstSandboxTableModelBookkeeping)
#include "tst_sandboxtablemodelbookkeeping.moc"
