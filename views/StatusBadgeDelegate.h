#pragma once

#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTimer>

#include <QList>

class QAbstractItemView;

namespace hangar {

// Paints a sandbox's state as a rounded badge in the state's colour with its name as text
// (StatusPalette), and beside it the long operation under way, if any. Badges of transient states
// pulse: one shared timer runs only while a visible badge pulses, and each tick repaints only those
// badges' cells. The tooltip (the stored error of a failed sandbox) comes from the model.
//
// Works on any model that provides SandboxTableModel::StateRole.
class StatusBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int kPulseIntervalMs = 50;
    static constexpr int kPulsePeriodMs = 1600;
    static constexpr qreal kPulseMinOpacity = 0.5;

    explicit StatusBadgeDelegate(QAbstractItemView* view);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Where the badge of `index` is drawn inside option.rect.
    QRect badgeRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    // A column width that fits the widest badge in `font` without clipping.
    static int columnWidth(const QFont& font);

    // Off: pulsing badges are drawn steady (reduced motion; deterministic screenshots).
    bool animationsEnabled() const { return m_animationsEnabled; }
    void setAnimationsEnabled(bool enabled);
    bool isPulsing() const { return m_pulseTimer.isActive(); }
    // The fill opacity of pulsing badges right now, in [kPulseMinOpacity, 1].
    qreal pulseOpacity() const;

private:
    void onPulseTick();
    void trackPulsing(const QModelIndex& index) const;
    // The operation under way (SandboxTableModel::OperationRole, ProgressRole) right of the badge.
    void paintOperation(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index, const QRect& badge) const;

    QPointer<QAbstractItemView> m_view;
    bool m_animationsEnabled = true;
    // The shared pulse: started by painting a pulsing badge, stopped when none is visible.
    mutable QTimer m_pulseTimer;
    QElapsedTimer m_phase;
    mutable QList<QPersistentModelIndex> m_pulsing;
};

} // namespace hangar
