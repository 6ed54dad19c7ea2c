#include "StatusBadgeDelegate.h"

#include "SandboxTableModel.h"
#include "StatusPalette.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QtMath>

namespace hangar {

namespace {

constexpr int kBadgeHPadding = 8; // text to badge edge
constexpr int kBadgeVPadding = 2;
constexpr int kCellMargin = 4; // badge to cell edge
constexpr int kProgressBarHeight = 2;

std::optional<SandboxState> stateOf(const QModelIndex& index) {
    const QVariant v = index.data(SandboxTableModel::StateRole);
    if (!v.isValid())
        return std::nullopt;
    return static_cast<SandboxState>(v.toInt());
}

bool isDegraded(const QModelIndex& index) {
    return !index.data(SandboxTableModel::DegradedRole).toString().isEmpty();
}

QString badgeLabel(SandboxState state, const QModelIndex& index) {
    return isDegraded(index) ? StatusPalette::degradedLabel() : StatusPalette::label(state);
}

} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(QAbstractItemView* view)
    : QStyledItemDelegate(view)
    , m_view(view) {
    m_pulseTimer.setInterval(kPulseIntervalMs);
    connect(&m_pulseTimer, &QTimer::timeout, this, &StatusBadgeDelegate::onPulseTick);
    m_phase.start();
}

void StatusBadgeDelegate::setAnimationsEnabled(bool enabled) {
    m_animationsEnabled = enabled;
    if (!enabled)
        m_pulseTimer.stop();
    if (m_view)
        m_view->viewport()->update();
}

qreal StatusBadgeDelegate::pulseOpacity() const {
    const qreal phase = static_cast<qreal>(m_phase.elapsed() % kPulsePeriodMs) / kPulsePeriodMs;
    const qreal wave = 0.5 + 0.5 * qCos(2.0 * M_PI * phase); // 1 -> 0 -> 1
    return kPulseMinOpacity + (1.0 - kPulseMinOpacity) * wave;
}

int StatusBadgeDelegate::columnWidth(const QFont& font) {
    const QFontMetrics fm(font);
    int widest = 0;
    for (SandboxState state : kAllStates)
        widest = qMax(widest, fm.horizontalAdvance(StatusPalette::label(state)));
    widest = qMax(widest, fm.horizontalAdvance(StatusPalette::degradedLabel()));
    // Room beside the badge for a short "resuming…" while an operation runs.
    constexpr int kOperationChars = 14;
    return widest + 2 * kBadgeHPadding + 3 * kCellMargin + kOperationChars * fm.averageCharWidth();
}

QRect StatusBadgeDelegate::badgeRect(const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const {
    const auto state = stateOf(index);
    if (!state)
        return {};
    const QFontMetrics fm(option.font);
    const int width = fm.horizontalAdvance(badgeLabel(*state, index)) + 2 * kBadgeHPadding;
    const int height = fm.height() + 2 * kBadgeVPadding;
    const QRect cell = option.rect.adjusted(kCellMargin, 0, -kCellMargin, 0);
    QRect badge(0, 0, qMin(width, cell.width()), qMin(height, cell.height()));
    badge.moveCenter(cell.center());
    badge.moveLeft(cell.left());
    return badge;
}

void StatusBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    const auto state = stateOf(index);
    if (!state) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    // Background, selection and focus from the style, without the plain text.
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const StatusPalette::Scheme scheme = StatusPalette::schemeFor(option.palette);
    const QRect badge = badgeRect(option, index);
    const qreal radius = badge.height() / 2.0;
    const bool pulse = m_animationsEnabled && StatusPalette::pulses(*state);
    const bool degraded = isDegraded(index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(degraded ? StatusPalette::degradedColor(scheme)
                               : StatusPalette::color(*state, scheme));
    if (pulse)
        painter->setOpacity(pulseOpacity());
    painter->drawRoundedRect(QRectF(badge), radius, radius);
    painter->setOpacity(1.0);
    painter->setFont(option.font);
    painter->setPen(degraded ? StatusPalette::degradedTextColor(scheme)
                             : StatusPalette::textColor(*state, scheme));
    painter->drawText(badge, Qt::AlignCenter, badgeLabel(*state, index));
    painter->restore();

    paintOperation(painter, option, index, badge);

    if (pulse)
        trackPulsing(index);
}

void StatusBadgeDelegate::paintOperation(QPainter* painter, const QStyleOptionViewItem& option,
                                         const QModelIndex& index, const QRect& badge) const {
    const QString operation = index.data(SandboxTableModel::OperationRole).toString();
    if (operation.isEmpty())
        return;
    // The long action under way, beside the badge; with a known percentage, a thin bar under it.
    const QRect area(badge.right() + kCellMargin, option.rect.top(),
                     option.rect.right() - badge.right() - 2 * kCellMargin, option.rect.height());
    if (area.width() <= 0)
        return;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    painter->save();
    painter->setFont(option.font);
    painter->setPen(
        option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    const QFontMetrics fm(option.font);
    painter->drawText(area, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(operation, Qt::ElideRight, area.width()));
    const int percent = index.data(SandboxTableModel::ProgressRole).toInt();
    if (percent >= 0) {
        const QRect track(area.left(), badge.bottom() - kProgressBarHeight + 1, area.width(),
                          kProgressBarHeight);
        painter->fillRect(track, option.palette.color(QPalette::Mid));
        QRect done = track;
        done.setWidth(track.width() * qBound(0, percent, 100) / 100);
        painter->fillRect(done, option.palette.color(QPalette::Highlight));
    }
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QRect badge = badgeRect(option, index);
    size.setWidth(qMax(size.width(), badge.width() + 2 * kCellMargin));
    size.setHeight(qMax(size.height(), badge.height() + 2 * kBadgeVPadding));
    return size;
}

void StatusBadgeDelegate::trackPulsing(const QModelIndex& index) const {
    const QPersistentModelIndex persistent(index);
    if (!m_pulsing.contains(persistent))
        m_pulsing.append(persistent);
    if (!m_pulseTimer.isActive())
        m_pulseTimer.start();
}

void StatusBadgeDelegate::onPulseTick() {
    if (!m_view || !m_animationsEnabled || !m_view->isVisible()) {
        m_pulsing.clear();
        m_pulseTimer.stop();
        return;
    }
    const QRect visible = m_view->viewport()->rect();
    // Keep only badges that still pulse and are still on screen; repaint just their cells.
    m_pulsing.removeIf([this, &visible](const QPersistentModelIndex& index) {
        if (!index.isValid() || index.model() != m_view->model())
            return true;
        const auto state = stateOf(index);
        if (!state || !StatusPalette::pulses(*state))
            return true;
        const QRect rect = m_view->visualRect(index);
        if (!rect.intersects(visible))
            return true;
        m_view->viewport()->update(rect);
        return false;
    });
    if (m_pulsing.isEmpty())
        m_pulseTimer.stop();
}

} // namespace hangar
