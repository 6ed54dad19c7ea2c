#include "NetworkRuleModel.h"

#include "StatusPalette.h"

#include <QBrush>
#include <QGuiApplication>

namespace hangar {

namespace {

const QLatin1String Any("*");

bool isPlainAny(const NetworkRule& rule) {
    return rule.include.isEmpty() && rule.domain.trimmed() == Any;
}

} // namespace

bool locallyEnforced(const QList<NetworkRule>& rules, int row) {
    if (row < 0 || row >= rules.size() || !isPlainAny(rules.at(row)))
        return false;
    for (int earlier = 0; earlier < row; ++earlier) {
        if (isPlainAny(rules.at(earlier)))
            return false; // shadowed: the local backend reads the first `*` rule only
    }
    return true;
}

QStringList NetworkRuleModel::actions() {
    return networkRuleActions();
}

QStringList NetworkRuleModel::presets() {
    return networkRulePresets();
}

void NetworkRuleModel::setRules(QList<NetworkRule> rules) {
    beginResetModel();
    m_rules = std::move(rules);
    endResetModel();
}

void NetworkRuleModel::setLocalBackend(bool local) {
    if (m_local == local)
        return;
    m_local = local;
    allRowsChanged();
}

int NetworkRuleModel::appendRule(const NetworkRule& rule) {
    const int row = static_cast<int>(m_rules.size());
    beginInsertRows({}, row, row);
    m_rules.append(rule);
    endInsertRows();
    allRowsChanged();
    emit edited();
    return row;
}

bool NetworkRuleModel::moveRule(int from, int to) {
    if (from < 0 || from >= m_rules.size() || to < 0 || to >= m_rules.size() || from == to)
        return false;
    // beginMoveRows counts the destination before the move: one past `to` when moving down.
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to))
        return false;
    m_rules.move(from, to);
    endMoveRows();
    allRowsChanged();
    emit edited();
    return true;
}

int NetworkRuleModel::firstInvalidRow() const {
    for (qsizetype row = 0; row < m_rules.size(); ++row) {
        if (!networkRuleError(m_rules.at(row)).isEmpty())
            return static_cast<int>(row);
    }
    return -1;
}

int NetworkRuleModel::unenforcedCount() const {
    int count = 0;
    for (int row = 0; row < m_rules.size(); ++row)
        count += enforced(row) ? 0 : 1;
    return count;
}

bool NetworkRuleModel::enforced(int row) const {
    return !m_local || locallyEnforced(m_rules, row);
}

void NetworkRuleModel::allRowsChanged() {
    if (!m_rules.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int NetworkRuleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rules.size());
}

int NetworkRuleModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkRuleModel::data(const QModelIndex& index, int role) const {
    // Invalid indexes are asked for by views and testers: no warning for them.
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NetworkRule& rule = m_rules.at(index.row());
    const QString error = networkRuleError(rule);
    const bool isEnforced = enforced(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case DomainColumn:
            return rule.domain;
        case ActionColumn:
            return rule.action;
        case IncludeColumn:
            return rule.include;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (!error.isEmpty())
            return error;
        if (!isEnforced)
            return tr("Not enforced by the local backend: it can only allow or deny all "
                      "traffic (the first * rule).");
        return {};
    case Qt::BackgroundRole:
    case Qt::ForegroundRole: {
        if (error.isEmpty() && isEnforced)
            return {};
        // An invalid row in the failed badge's red, an unenforced one in the waiting yellow.
        const SandboxState state =
            error.isEmpty() ? SandboxState::Hibernating : SandboxState::Failed;
        const QPalette palette = QGuiApplication::palette();
        return QBrush(role == Qt::BackgroundRole
                          ? StatusPalette::color(state, palette)
                          : StatusPalette::textColor(state, StatusPalette::schemeFor(palette)));
    }
    case ErrorRole:
        return error;
    case EnforcedRole:
        return isEnforced;
    default:
        return {};
    }
}

bool NetworkRuleModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    NetworkRule& rule = m_rules[index.row()];
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case DomainColumn:
        rule.domain = text;
        break;
    case ActionColumn:
        rule.action = text.toLower();
        break;
    case IncludeColumn:
        rule.include = text;
        break;
    default:
        return false;
    }
    allRowsChanged();
    emit edited();
    return true;
}

Qt::ItemFlags NetworkRuleModel::flags(const QModelIndex& index) const {
    // Invalid indexes are asked for by views and testers: no warning for them.
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant NetworkRuleModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case DomainColumn:
        return tr("Domain");
    case ActionColumn:
        return tr("Action");
    case IncludeColumn:
        return tr("Preset");
    default:
        return {};
    }
}

bool NetworkRuleModel::removeRows(int row, int count, const QModelIndex& parent) {
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rules.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rules.remove(row, count);
    endRemoveRows();
    allRowsChanged();
    emit edited();
    return true;
}

} // namespace hangar
