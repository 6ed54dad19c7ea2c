#pragma once

#include <QStyledItemDelegate>
#include <QWidget>

class QLabel;
class QToolButton;
class QTreeView;

namespace hangar {

class TransferQueue;

// Paints a TransferQueue row's progress as a progress bar with its text.
class TransferProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

// The uploads and downloads of the Files tab: one row each with its progress, and buttons to
// cancel the selected ones or all, and to clear the rows that ended.
class TransferPanel : public QWidget {
    Q_OBJECT
public:
    explicit TransferPanel(TransferQueue& queue, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }

public slots:
    void cancelSelected();
    void cancelAll();
    void clearFinished();

private:
    void updateSummary();

    TransferQueue& m_queue;
    QTreeView* m_view = nullptr;
    QLabel* m_summary = nullptr;
    QToolButton* m_cancel = nullptr;
    QToolButton* m_cancelAll = nullptr;
};

} // namespace hangar
