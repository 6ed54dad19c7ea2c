#pragma once

#include "lifecycle/Sandbox.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMap>
#include <QTimer>

#include <array>
#include <optional>

namespace hangar {

class FleetHealth;
class LifecycleService;

// Every sandbox of the engine, one row each. Loads the list once, then stays live from the
// engine's signals (added, removed, changed): it never polls the store. The "Hibernates in"
// countdown is recomputed every second from the engine's clock, and only that column is
// announced as changed.
//
// Sized for fleets of 100 000 rows (bench/model_scale.cpp): an id -> row index and the
// per-state counts are kept in step with every insert and removal, so applying a change costs
// O(1). A change updates the row's data at once and is announced only over the columns whose
// values changed, so a proxy sorted by name does not re-sort on a state change. The first few
// changes of an event-loop turn are announced at once; in a burst the rest wait for the end of
// the turn and go out together, one signal per contiguous run of rows (one range signal when
// there are many). flushPendingChanges() sends them now.
class SandboxTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        BackendColumn,
        StateColumn,
        ChatColumn,
        ThreadColumn,
        LastActivityColumn,
        HibernatesInColumn,
        ErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SandboxIdRole = Qt::UserRole + 1, // QString
        StateRole,                        // int(SandboxState)
        ErrorRole,                        // QString, empty when none
        SandboxRole,                      // QVariant::fromValue(Sandbox)
        BackendRole,                      // QString
        SortRole,                         // the column's underlying value: times as QDateTime,
                                          // the countdown as remaining ms, the state as int
        OperationRole,                    // QString: the long action under way, empty when none
        ProgressRole,                     // int percent 0..100; -1 when indeterminate or none
        DegradedRole,                     // QString: why the health probe failed; empty when
                                          // healthy (only active sandboxes are degraded)
    };
    Q_ENUM(Role)

    static constexpr int kCountdownIntervalMs = 1000;
    // The first changes of an event-loop turn are announced at once, as single rows, so a quiet
    // fleet behaves as if nothing were deferred; a burst beyond this waits for the turn's end.
    static constexpr int kImmediateChangesPerTurn = 8;
    // Beyond this many separate runs of changed rows in one turn, one range signal covers them.
    static constexpr int kMaxRunsPerFlush = 64;

    explicit SandboxTableModel(LifecycleService& lifecycle, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Sandbox& sandboxAt(int row) const { return m_rows.at(row); }
    // -1 when the model has no sandbox with that id.
    int rowOf(const QString& id) const;
    QModelIndex indexOf(const QString& id, int column = NameColumn) const;

    // How many sandboxes are in each state (states without any are absent).
    QMap<SandboxState, int> stateCounts() const;
    // Milliseconds until the inactivity sweep hibernates the sandbox; empty unless active.
    std::optional<qint64> hibernatesInMs(const Sandbox& sandbox) const;
    // Why the initial load failed; empty when it did not.
    QString loadError() const { return m_loadError; }

    // Recomputes the countdown column now (the timer calls it every second).
    void refreshCountdown();

    // A long action running on the sandbox (provisioning, a checkpoint, an upload): its label
    // and progress in percent, -1 when indeterminate. Shown on the state cell (OperationRole,
    // ProgressRole) until cleared or the row goes away. Ignored for an id the model lacks.
    void setOperation(const QString& id, const QString& label, int percent = -1);
    void clearOperation(const QString& id);

    // Why a backend's provider cannot be reached now (empty: it can). Rows of that backend
    // without an error of their own show it in the Error column, so a sandbox on an
    // unreachable provider never just looks idle.
    void setBackendProblem(const QString& backend, const QString& problem);
    // What the Account column shows for each account key ("sprites:work" -> "Work"); a key
    // without a name shows as itself.
    void setAccountNames(const QHash<QString, QString>& names);

    // Follows the health probe's marks (FleetHealth::degradedChanged), starting from the ones it
    // has now. A degraded active sandbox reads "active · degraded" with the probe's error as
    // the state's tooltip (DegradedRole).
    void setFleetHealth(FleetHealth* fleet);
    // Marks one sandbox degraded (a reason) or healthy (empty); what setFleetHealth() calls.
    void setDegraded(const QString& id, const QString& reason);

    // Sends now the dataChanged signals this event-loop turn's changes are waiting for.
    void flushPendingChanges();
    bool hasPendingChanges() const { return !m_pending.isEmpty(); }

private:
    // The columns a change touched, first to last.
    struct ColumnSpan {
        int first = ColumnCount;
        int last = -1;
        void add(int column) {
            first = qMin(first, column);
            last = qMax(last, column);
        }
        void add(const ColumnSpan& other) {
            first = qMin(first, other.first);
            last = qMax(last, other.last);
        }
    };
    struct Operation {
        QString label;
        int percent = -1;
    };
    static constexpr int kStateCount = int(std::size(kAllStates));

    static ColumnSpan changedColumns(const Sandbox& before, const Sandbox& after);
    void queueChange(int row, const ColumnSpan& columns);
    void countState(SandboxState state, int delta);
    void onSandboxAdded(const Sandbox& sandbox);
    void onSandboxChanged(const Sandbox& sandbox);
    void onSandboxRemoved(const QString& id);
    void updateCountdownTimer();
    QVariant displayData(const Sandbox& sandbox, int column) const;
    QVariant sortData(const Sandbox& sandbox, int column) const;
    QString backendProblemText(const Sandbox& sandbox) const;
    QString degradedReason(const Sandbox& sandbox) const;

    LifecycleService& m_lifecycle;
    QList<Sandbox> m_rows;
    QHash<QString, int> m_rowById;                // kept in step with m_rows
    std::array<int, kStateCount> m_stateCounts{}; // rows per int(SandboxState)
    QHash<QString, QString> m_accountNames;       // account key -> name to show
    QHash<QString, QString> m_backendProblems;    // by backend kind; only unreachable ones
    QHash<QString, Operation> m_operations;       // by sandbox id; only rows that have one
    QHash<QString, QString> m_degraded;           // by sandbox id: the probe's error
    QHash<int, ColumnSpan> m_pending;             // rows changed this turn, not yet announced
    QTimer m_flushTimer;                          // zero-time: the end of the turn
    int m_changesThisTurn = 0;                    // announced at once since the last flush
    QTimer m_countdownTimer;
    QString m_loadError;
};

// "29:59" or "1:05:00"; "due" once the time has passed.
QString formatCountdown(qint64 ms);

} // namespace hangar
