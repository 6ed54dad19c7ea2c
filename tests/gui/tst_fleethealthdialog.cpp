// Fleet health in the desktop: the dialog over a real engine (LocalBackend + SQLite) with a
// ghost (a sandbox's directory deleted behind the engine's back) and orphans (machines the
// store does not know); scan, one-click fixes with their outcome or error on the row, the
// confirmation before destroying; the model under QAbstractItemModelTester; and a degraded
// sandbox's badge in the main window.
#include "FleetHealthDialog.h"
#include "FleetHealthModel.h"
#include "GuiRig.h"
#include "SandboxFilterProxy.h"
#include "StatusBadgeDelegate.h"
#include "StatusPalette.h"
#include "TestSupport.h"
#include "lifecycle/FleetHealth.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hangar;
using Fix = FleetHealth::Fix;
using Kind = FleetHealth::Finding::Kind;
using RowStatus = FleetHealthModel::RowStatus;

class TstFleetHealthDialog : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::GuiRig> m_rig;
    std::unique_ptr<FleetHealth> m_fleet;

    QString sandboxDir(const QString& name) const {
        return m_rig->local->options().dataDir + QStringLiteral("/sandboxes/") + name;
    }
    Sandbox provision(const QString& chat) {
        auto r = test::await(m_rig->lifecycle->provision(chat, QStringLiteral("t")));
        return r ? r.value() : Sandbox{};
    }
    static int rowOf(const FleetHealthModel& model, Kind kind, const QString& name) {
        return model.rowOf(kind, QStringLiteral("local"), name);
    }

private slots:
    void init() {
        qRegisterMetaType<hangar::FleetHealth::Fix>();
        m_rig = std::make_unique<test::GuiRig>();
        QVERIFY(m_rig->open());
        m_fleet = std::make_unique<FleetHealth>(*m_rig->lifecycle);
        LocalBackend* local = m_rig->local.get();
        m_fleet->setMachineLister(local->kind(), [local] { return local->machines(); });
    }

    void cleanup() {
        m_rig->window.reset();
        m_fleet.reset();
        m_rig.reset();
    }

    // The window's action opens the dialog, which scans and lists what disagrees.
    void actionOpensDialogThatScans() {
        const Sandbox gone = provision(QStringLiteral("gone"));
        const Sandbox fine = provision(QStringLiteral("fine"));
        QVERIFY(!gone.id.isEmpty() && !fine.id.isEmpty());
        QVERIFY(QDir(sandboxDir(gone.name)).removeRecursively());
        HANGAR_VERIFY_OK(test::await(m_rig->local->create(QStringLiteral("zuko-stray-t"))));

        MainWindow& window = m_rig->show();
        QVERIFY(!window.fleetHealthAction()->isEnabled()); // nothing to show yet
        window.setFleetHealth(m_fleet.get());
        QVERIFY(window.fleetHealthAction()->isEnabled());
        window.fleetHealthAction()->trigger();
        FleetHealthDialog* dialog = window.fleetHealthDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        FleetHealthModel& model = *dialog->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), test::kWaitMs);
        QCOMPARE(model.rowCount(), 2);
        const int ghost = rowOf(model, Kind::Ghost, gone.name);
        const int orphan = rowOf(model, Kind::Orphan, QStringLiteral("zuko-stray-t"));
        QVERIFY(ghost >= 0 && orphan >= 0);
        QCOMPARE(model.index(ghost, FleetHealthModel::KindColumn).data().toString(),
                 QStringLiteral("ghost"));
        QCOMPARE(model.index(ghost, FleetHealthModel::RecordedColumn).data().toString(),
                 QStringLiteral("active"));
        QCOMPARE(model.index(ghost, FleetHealthModel::ProviderColumn).data().toString(),
                 QStringLiteral("missing"));
        QCOMPARE(model.index(ghost, 0).data(FleetHealthModel::SandboxIdRole).toString(), gone.id);
        QCOMPARE(model.index(orphan, FleetHealthModel::RecordedColumn).data().toString(),
                 QStringLiteral("not recorded"));
        QVERIFY(dialog->fixButton(ghost, Fix::Forget));
        QVERIFY(!dialog->fixButton(ghost, Fix::Adopt));
        QVERIFY(dialog->fixButton(orphan, Fix::Adopt));
        QVERIFY(dialog->fixButton(orphan, Fix::Destroy));
        QCOMPARE(dialog->summaryText(), QStringLiteral("2 problem(s) found."));

        // Opening it again raises the same dialog and scans again.
        QSignalSpy scanned(&model, &FleetHealthModel::scanFinished);
        window.fleetHealthAction()->trigger();
        QCOMPARE(window.fleetHealthDialog(), dialog);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.size(), 1, test::kWaitMs);
        QCOMPARE(scanned.at(0).at(0).toBool(), true);
        QCOMPARE(model.rowCount(), 2);
    }

    // Forget and adopt from the rows; the results show in place and in the main table.
    void fixesFromTheRows() {
        const Sandbox gone = provision(QStringLiteral("gone"));
        QVERIFY(!gone.id.isEmpty());
        QVERIFY(QDir(sandboxDir(gone.name)).removeRecursively());
        HANGAR_VERIFY_OK(test::await(m_rig->local->create(QStringLiteral("zuko-stray-t"))));
        MainWindow& window = m_rig->show();
        window.setFleetHealth(m_fleet.get());

        FleetHealthDialog dialog(*m_fleet);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        FleetHealthModel& model = *dialog.model();
        QSignalSpy fixed(&model, &FleetHealthModel::fixFinished);
        dialog.show();
        dialog.scan();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), test::kWaitMs);
        QCOMPARE(model.rowCount(), 2);

        const int ghost = rowOf(model, Kind::Ghost, gone.name);
        QPushButton* forget = dialog.fixButton(ghost, Fix::Forget);
        QVERIFY(forget && forget->isEnabled());
        QTest::mouseClick(forget, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model.statusAt(ghost), RowStatus::Fixed, test::kWaitMs);
        QVERIFY(!forget->isEnabled()); // nothing left to click
        QCOMPARE(model.index(ghost, FleetHealthModel::ResultColumn).data().toString(),
                 QStringLiteral("Fixed (forget)"));
        QTRY_COMPARE(m_rig->stateOf(gone.id), QStringLiteral("(missing)"));

        const int orphan = rowOf(model, Kind::Orphan, QStringLiteral("zuko-stray-t"));
        // The row says what is under way, then how it ended (the local backend may finish
        // before the click returns, so every announced text is kept).
        QStringList shown;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&] {
            shown << model.index(orphan, FleetHealthModel::ResultColumn).data().toString();
        });
        QTest::mouseClick(dialog.fixButton(orphan, Fix::Adopt), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model.statusAt(orphan), RowStatus::Fixed, test::kWaitMs);
        QCOMPARE(shown, (QStringList{QStringLiteral("Adopt…"), QStringLiteral("Fixed (adopt)")}));
        QCOMPARE(fixed.size(), 2);
        QCOMPARE(fixed.at(1).at(0).toString(), QStringLiteral("zuko-stray-t"));
        QCOMPARE(fixed.at(1).at(2).toString(), QString());
        const QString adopted = m_rig->idOf(QStringLiteral("zuko-stray-t"));
        QVERIFY(!adopted.isEmpty());
        QTRY_COMPARE(m_rig->stateOf(adopted), QStringLiteral("active"));

        // A new scan finds nothing left.
        QTest::mouseClick(dialog.scanButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), test::kWaitMs);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(dialog.summaryText(),
                 QStringLiteral("Nothing to fix: the store and the providers agree."));
    }

    // Destroying a machine asks first; refusing leaves it alone.
    void destroyAsksFirst() {
        HANGAR_VERIFY_OK(test::await(m_rig->local->create(QStringLiteral("zuko-spare-t"))));
        FleetHealthDialog dialog(*m_fleet);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QStringList asked;
        bool answer = false;
        dialog.setConfirm([&](QWidget*, const QString& question) {
            asked << question;
            return answer;
        });
        dialog.show();
        dialog.scan();
        FleetHealthModel& model = *dialog.model();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), test::kWaitMs);
        QCOMPARE(model.rowCount(), 1);

        QTest::mouseClick(dialog.fixButton(0, Fix::Destroy), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.at(0).contains(QStringLiteral("zuko-spare-t")));
        QCOMPARE(model.statusAt(0), RowStatus::Found);
        QVERIFY(QFileInfo::exists(sandboxDir(QStringLiteral("zuko-spare-t"))));

        answer = true;
        QTest::mouseClick(dialog.fixButton(0, Fix::Destroy), Qt::LeftButton);
        QCOMPARE(asked.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(model.statusAt(0), RowStatus::Fixed, test::kWaitMs);
        QVERIFY(!QFileInfo::exists(sandboxDir(QStringLiteral("zuko-spare-t"))));
        // Never adopted: the store still does not know it.
        QVERIFY(!m_rig->store->sandboxByName(QStringLiteral("zuko-spare-t")).value().has_value());
    }

    // A fix that fails says why on its row, and may be tried again.
    void failedFixShowsItsErrorInPlace() {
        HANGAR_VERIFY_OK(test::await(m_rig->local->create(QStringLiteral("zuko-late-t"))));
        FleetHealthDialog dialog(*m_fleet);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        dialog.show();
        dialog.scan();
        FleetHealthModel& model = *dialog.model();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), test::kWaitMs);
        QCOMPARE(model.rowCount(), 1);
        // Meanwhile someone records the machine as a sandbox: adopting it now must fail.
        QVERIFY(!provision(QStringLiteral("late")).id.isEmpty());

        QPushButton* adopt = dialog.fixButton(0, Fix::Adopt);
        QTest::mouseClick(adopt, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model.statusAt(0), RowStatus::Failed, test::kWaitMs);
        const QString error = model.index(0, 0).data(FleetHealthModel::ErrorRole).toString();
        QVERIFY(!error.isEmpty());
        const QModelIndex result = model.index(0, FleetHealthModel::ResultColumn);
        QCOMPARE(result.data().toString(), QStringLiteral("Adopt failed: ") + error);
        QCOMPARE(result.data(Qt::ToolTipRole).toString(), error);
        QCOMPARE(result.data(Qt::ForegroundRole).value<QColor>(),
                 StatusPalette::color(SandboxState::Failed, QGuiApplication::palette()));
        QVERIFY(adopt->isEnabled()); // may be tried again
    }

    // A sandbox that does not answer the probe reads "active · degraded" in the table, in the
    // degraded colour, with the probe's error as tooltip, until it answers again.
    void degradedSandboxShowsInTheTable() {
        const Sandbox s = provision(QStringLiteral("mute"));
        QVERIFY(!s.id.isEmpty());
        MainWindow& window = m_rig->show();
        window.badgeDelegate()->setAnimationsEnabled(false);
        window.setFleetHealth(m_fleet.get());
        SandboxTableModel& model = *window.model();
        const QModelIndex cell = model.indexOf(s.id, SandboxTableModel::StateColumn);
        QCOMPARE(cell.data().toString(), QStringLiteral("active"));
        QCOMPARE(cell.data(SandboxTableModel::DegradedRole).toString(), QString());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // The probe writes .hangar-probe in the working directory: a directory there makes it
        // fail whoever runs the test, while the sandbox itself stays up.
        const QString blocker = m_rig->local->hostRoot(s.name) + QStringLiteral("/.hangar-probe");
        QVERIFY(QDir().mkpath(blocker));
        HANGAR_VERIFY_OK(test::await(m_fleet->probeNow()));
        QTRY_COMPARE(cell.data().toString(), QStringLiteral("active · degraded"));
        QVERIFY(!changed.isEmpty());
        const QString reason = cell.data(SandboxTableModel::DegradedRole).toString();
        QVERIFY(reason.startsWith(QStringLiteral("does not answer")));
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), QStringLiteral("Degraded: ") + reason);
        QCOMPARE(static_cast<SandboxState>(cell.data(SandboxTableModel::StateRole).toInt()),
                 SandboxState::Active); // not a lifecycle state

        // The badge is painted in the degraded colour.
        QTableView* view = window.view();
        const QModelIndex shown = window.proxy()->mapFromSource(cell);
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.font = view->font();
        option.rect = view->visualRect(shown);
        const QRect badge = window.badgeDelegate()->badgeRect(option, shown);
        QVERIFY(badge.isValid());
        const QImage image = view->viewport()->grab().toImage();
        const QColor painted = image.pixelColor(badge.left() + 3, badge.center().y());
        const auto scheme = StatusPalette::schemeFor(view->palette());
        QCOMPARE(painted.rgb(), StatusPalette::degradedColor(scheme).rgb());

        QVERIFY(QDir(blocker).removeRecursively());
        HANGAR_VERIFY_OK(test::await(m_fleet->probeNow()));
        QTRY_COMPARE(cell.data().toString(), QStringLiteral("active"));
        QCOMPARE(cell.data(SandboxTableModel::DegradedRole).toString(), QString());
        const QColor healthy =
            view->viewport()->grab().toImage().pixelColor(badge.left() + 3, badge.center().y());
        QCOMPARE(healthy.rgb(), StatusPalette::color(SandboxState::Active, scheme).rgb());
    }
};

QTEST_MAIN(TstFleetHealthDialog)
#include "tst_fleethealthdialog.moc"
