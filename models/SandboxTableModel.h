#pragma once

#include "lifecycle/Sandbox.h"

#include <QAbstractTableModel>
#include <QList>
#include <QMap>
#include <QTimer>

#include <optional>

namespace hangar {

class LifecycleService;

// Every sandbox of the engine, one row each. Loads the list once, then stays live from the
// engine's signals (added, removed, changed): it never polls the store. The "Hibernates in"
// countdown is recomputed every second from the engine's clock, and only that column is
// announced as changed.
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
    };
    Q_ENUM(Role)

    static constexpr int kCountdownIntervalMs = 1000;

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

private:
    void onSandboxAdded(const Sandbox& sandbox);
    void onSandboxChanged(const Sandbox& sandbox);
    void onSandboxRemoved(const QString& id);
    void updateCountdownTimer();
    QVariant displayData(const Sandbox& sandbox, int column) const;
    QVariant sortData(const Sandbox& sandbox, int column) const;

    LifecycleService& m_lifecycle;
    QList<Sandbox> m_rows;
    QTimer m_countdownTimer;
    QString m_loadError;
};

// "29:59" or "1:05:00"; "due" once the time has passed.
QString formatCountdown(qint64 ms);

} // namespace hangar
