#pragma once

#include "lifecycle/FleetHealth.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace hangar {

// The findings of a fleet health scan, one row each (ghost, orphan or drift; the sandbox or
// machine; its backend; the recorded and the provider's state; the suggested fixes), and what
// became of the fix applied to each. scan() replaces the rows when the scan finishes; a fix's
// progress and outcome stay on its row (ResultColumn) until the next scan. Results of a scan
// or fix overtaken by a newer scan are dropped.
class FleetHealthModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        NameColumn,
        BackendColumn,
        RecordedColumn,
        ProviderColumn,
        FixColumn, // the suggested fixes; the dialog puts their buttons here
        ResultColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        KindRole = Qt::UserRole + 1, // int(FleetHealth::Finding::Kind)
        FixesRole,                   // QVariantList of int(FleetHealth::Fix)
        SandboxIdRole,               // QString; empty for an orphan
        BackendRole,                 // QString
        StatusRole,                  // int(RowStatus)
        ErrorRole,                   // QString: why the last fix failed; empty otherwise
    };
    Q_ENUM(Role)

    enum class RowStatus { Found, Fixing, Fixed, Failed };
    Q_ENUM(RowStatus)

    explicit FleetHealthModel(FleetHealth& fleet, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Starts a scan; the rows are replaced when it finishes (scanFinished).
    void scan();
    bool isScanning() const { return m_scanning; }
    // Why the last scan failed; empty when it did not.
    QString scanError() const { return m_scanError; }

    // Applies `fix` to the finding on `row` (one of its FixesRole); the row says "fixing…"
    // and then the outcome. Ignored while the row's fix is under way or done.
    void applyFix(int row, FleetHealth::Fix fix);

    const FleetHealth::Finding& findingAt(int row) const { return m_rows.at(row).finding; }
    RowStatus statusAt(int row) const { return m_rows.at(row).status; }
    // -1 when no row has that finding (kind, backend and name).
    int rowOf(FleetHealth::Finding::Kind kind, const QString& backend, const QString& name) const;

    static QString kindLabel(FleetHealth::Finding::Kind kind);
    static QString kindDescription(FleetHealth::Finding::Kind kind);
    static QString fixLabel(FleetHealth::Fix fix);
    static QString providerLabel(ProviderState state);

signals:
    void scanningChanged(bool scanning);
    void scanFinished(bool ok);
    // A fix on the row of (kind, backend, name) finished; `error` is empty when it worked.
    void fixFinished(const QString& name, hangar::FleetHealth::Fix fix, const QString& error);

private:
    struct Row {
        FleetHealth::Finding finding;
        RowStatus status = RowStatus::Found;
        FleetHealth::Fix applied = FleetHealth::Fix::Reconcile; // when status is not Found
        QString error;
    };
    QVariant displayData(const Row& row, int column) const;
    QString resultText(const Row& row) const;
    void setScanning(bool scanning);

    FleetHealth& m_fleet;
    QList<Row> m_rows;
    bool m_scanning = false;
    QString m_scanError;
    quint64 m_generation = 0; // bumped by every scan: older results are dropped
};

} // namespace hangar
