#include "FleetHealthModel.h"

#include "StatusPalette.h"
#include "util/Async.h"

#include <QGuiApplication>

namespace hangar {

using Kind = FleetHealth::Finding::Kind;
using Fix = FleetHealth::Fix;

FleetHealthModel::FleetHealthModel(FleetHealth& fleet, QObject* parent)
    : QAbstractTableModel(parent)
    , m_fleet(fleet) {
}

int FleetHealthModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FleetHealthModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int FleetHealthModel::rowOf(Kind kind, const QString& backend, const QString& name) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        const FleetHealth::Finding& f = m_rows.at(row).finding;
        if (f.kind == kind && f.backend == backend && f.name == name)
            return row;
    }
    return -1;
}

QString FleetHealthModel::kindLabel(Kind kind) {
    switch (kind) {
    case Kind::Ghost:
        return tr("ghost");
    case Kind::Orphan:
        return tr("orphan");
    case Kind::Drift:
        return tr("drift");
    }
    return {};
}

QString FleetHealthModel::kindDescription(Kind kind) {
    switch (kind) {
    case Kind::Ghost:
        return tr("Recorded here, but the provider has no machine for it");
    case Kind::Orphan:
        return tr("A machine named like ours that no sandbox records; it may still cost money");
    case Kind::Drift:
        return tr("The recorded state and the provider's state differ");
    }
    return {};
}

QString FleetHealthModel::fixLabel(Fix fix) {
    switch (fix) {
    case Fix::Adopt:
        return tr("Adopt");
    case Fix::Forget:
        return tr("Forget");
    case Fix::Reconcile:
        return tr("Reconcile");
    case Fix::Destroy:
        return tr("Destroy");
    }
    return {};
}

QString FleetHealthModel::providerLabel(ProviderState state) {
    switch (state) {
    case ProviderState::Missing:
        return tr("missing");
    case ProviderState::Cold:
        return tr("cold");
    case ProviderState::Warm:
        return tr("warm");
    case ProviderState::Running:
        return tr("running");
    }
    return providerStateName(state);
}

QString FleetHealthModel::resultText(const Row& row) const {
    switch (row.status) {
    case RowStatus::Found:
        return {};
    case RowStatus::Fixing:
        return tr("%1…").arg(fixLabel(row.applied));
    case RowStatus::Fixed:
        return tr("Fixed (%1)").arg(fixLabel(row.applied).toLower());
    case RowStatus::Failed:
        return tr("%1 failed: %2").arg(fixLabel(row.applied), row.error);
    }
    return {};
}

QVariant FleetHealthModel::displayData(const Row& row, int column) const {
    const FleetHealth::Finding& f = row.finding;
    switch (static_cast<Column>(column)) {
    case KindColumn:
        return kindLabel(f.kind);
    case NameColumn:
        return f.name;
    case BackendColumn:
        return f.backend;
    case RecordedColumn:
        // An orphan has no record to have a state.
        return f.kind == Kind::Orphan ? tr("not recorded") : StatusPalette::label(f.recorded);
    case ProviderColumn:
        return providerLabel(f.provider);
    case FixColumn: {
        QStringList fixes;
        for (Fix fix : FleetHealth::fixesFor(f))
            fixes << fixLabel(fix);
        return fixes.join(QStringLiteral(" / "));
    }
    case ResultColumn:
        return resultText(row);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FleetHealthModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == KindColumn)
            return kindDescription(row.finding.kind);
        if (index.column() == ResultColumn && !row.error.isEmpty())
            return row.error;
        return {};
    case Qt::ForegroundRole:
        // A failed fix reads in the failed badge's colour.
        if (index.column() == ResultColumn && row.status == RowStatus::Failed)
            return StatusPalette::color(SandboxState::Failed, QGuiApplication::palette());
        return {};
    case KindRole:
        return static_cast<int>(row.finding.kind);
    case FixesRole: {
        QVariantList fixes;
        for (Fix fix : FleetHealth::fixesFor(row.finding))
            fixes << static_cast<int>(fix);
        return fixes;
    }
    case SandboxIdRole:
        return row.finding.sandboxId;
    case BackendRole:
        return row.finding.backend;
    case StatusRole:
        return static_cast<int>(row.status);
    case ErrorRole:
        return row.error;
    default:
        return {};
    }
}

QVariant FleetHealthModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case KindColumn:
        return tr("Problem");
    case NameColumn:
        return tr("Sandbox or machine");
    case BackendColumn:
        return tr("Backend");
    case RecordedColumn:
        return tr("Recorded");
    case ProviderColumn:
        return tr("Provider");
    case FixColumn:
        return tr("Fix");
    case ResultColumn:
        return tr("Result");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> FleetHealthModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KindRole, QByteArrayLiteral("kind"));
    names.insert(FixesRole, QByteArrayLiteral("fixes"));
    names.insert(SandboxIdRole, QByteArrayLiteral("sandboxId"));
    names.insert(BackendRole, QByteArrayLiteral("backend"));
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(ErrorRole, QByteArrayLiteral("error"));
    return names;
}

void FleetHealthModel::setScanning(bool scanning) {
    if (m_scanning == scanning)
        return;
    m_scanning = scanning;
    emit scanningChanged(scanning);
}

void FleetHealthModel::scan() {
    const quint64 generation = ++m_generation;
    setScanning(true);
    whenReady(m_fleet.scan(), this, [this, generation](Result<QList<FleetHealth::Finding>> found) {
        if (generation != m_generation)
            return; // a newer scan is under way
        if (!found) {
            m_scanError = found.error().describe();
        } else {
            m_scanError.clear();
            beginResetModel();
            m_rows.clear();
            for (const FleetHealth::Finding& f : found.value())
                m_rows.append(Row{f, RowStatus::Found, Fix::Reconcile, {}});
            endResetModel();
        }
        setScanning(false);
        emit scanFinished(found.ok());
    });
}

void FleetHealthModel::applyFix(int row, Fix fix) {
    if (row < 0 || row >= m_rows.size())
        return;
    Row& r = m_rows[row];
    if (r.status == RowStatus::Fixing || r.status == RowStatus::Fixed)
        return;
    r.status = RowStatus::Fixing;
    r.applied = fix;
    r.error.clear();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    const FleetHealth::Finding finding = r.finding;
    const quint64 generation = m_generation;
    whenReady(m_fleet.fix(finding, fix), this, [this, finding, fix, generation](Result<void> done) {
        if (generation != m_generation)
            return; // rescanned meanwhile: the new rows say how things stand
        const int at = rowOf(finding.kind, finding.backend, finding.name);
        if (at < 0)
            return;
        Row& current = m_rows[at];
        current.status = done ? RowStatus::Fixed : RowStatus::Failed;
        current.error = done ? QString() : done.error().describe();
        emit dataChanged(index(at, 0), index(at, ColumnCount - 1));
        emit fixFinished(finding.name, fix, current.error);
    });
}

} // namespace hangar
