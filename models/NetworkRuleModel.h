#pragma once

#include "backend/BackendTypes.h"
#include "backend/NetworkRules.h"

#include <QAbstractTableModel>
#include <QList>

namespace hangar {

// Whether the local backend enforces rule `row` of `rules`. It has no per-domain filter: it
// looks at the first plain `*` rule only (deny = no network namespace at all, allow = the
// host's network) and ignores every other rule (core/local/SandboxConfig.cpp,
// policyDeniesNetwork). So only that first `*` rule is enforced; everything else would be a
// promise the local backend does not keep, and the tab says so. Kept here rather than in core
// because only the console needs to explain it.
bool locallyEnforced(const QList<NetworkRule>& rules, int row);

// An editable network policy: one row per rule, in order. Every row is validated as it is
// edited (ErrorRole); the rules are handed to the backend only when all rows are valid.
// With setLocalBackend(true) the rows the local backend cannot enforce are marked
// (EnforcedRole false, with a notice in the tooltip).
class NetworkRuleModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { DomainColumn, ActionColumn, IncludeColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        ErrorRole = Qt::UserRole + 1, // QString: why the row is invalid, empty when valid
        EnforcedRole,                 // bool: false when the backend will not enforce the row
    };
    Q_ENUM(Role)

    using QAbstractTableModel::QAbstractTableModel;

    static QStringList actions(); // "allow", "deny"
    static QStringList presets(); // "defaults" (the only preset Sprites has)

    void setRules(QList<NetworkRule> rules);
    const QList<NetworkRule>& rules() const { return m_rules; }
    NetworkPolicy policy() const { return NetworkPolicy{m_rules}; }

    // Marks rows the local backend cannot enforce.
    void setLocalBackend(bool local);
    bool isLocalBackend() const { return m_local; }

    // Appends a rule; returns its row.
    int appendRule(const NetworkRule& rule);
    bool moveRule(int from, int to);

    bool isValid() const { return firstInvalidRow() < 0; }
    int firstInvalidRow() const;
    int unenforcedCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

signals:
    // The rules changed by an edit, an insertion, a removal or a move (not by setRules).
    void edited();

private:
    bool enforced(int row) const;
    // Errors and enforcement of other rows can change with one edit: repaint them all.
    void allRowsChanged();

    QList<NetworkRule> m_rules;
    bool m_local = false;
};

} // namespace hangar
