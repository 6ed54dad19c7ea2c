#include "TransferPanel.h"

#include "TransferQueue.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QStyleOption>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace hangar {

void TransferProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const {
    const qint64 total = index.data(TransferQueue::BytesTotalRole).toLongLong();
    const qint64 done = index.data(TransferQueue::BytesDoneRole).toLongLong();
    const auto state = TransferQueue::State(index.data(TransferQueue::StateRole).toInt());
    if (state != TransferQueue::State::Running && state != TransferQueue::State::Done)
        return QStyledItemDelegate::paint(painter, option, index);
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(1, 1, -1, -1);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.minimum = 0;
    // Per mille: byte counts do not fit an int.
    bar.maximum = total > 0 ? 1000 : 0; // 0..0: busy, size unknown
    bar.progress = total > 0 ? int(done * 1000 / total) : 0;
    if (state == TransferQueue::State::Done)
        bar.progress = bar.maximum = 1000;
    bar.text = index.data().toString();
    bar.textVisible = true;
    QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

TransferPanel::TransferPanel(TransferQueue& queue, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue) {
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("transfers"));
    m_view->setModel(&queue);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegateForColumn(TransferQueue::ProgressColumn,
                                     new TransferProgressDelegate(m_view));
    m_view->header()->setSectionResizeMode(TransferQueue::NameColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(TransferQueue::ProgressColumn, 200);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TransferQueue::StatusColumn,
                                           QHeaderView::ResizeToContents);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("transferSummary"));
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("&Cancel"));
    m_cancel->setToolTip(tr("Cancel the selected transfers (a folder with what is in it)"));
    connect(m_cancel, &QToolButton::clicked, this, &TransferPanel::cancelSelected);
    m_cancelAll = new QToolButton(this);
    m_cancelAll->setText(tr("Cancel a&ll"));
    connect(m_cancelAll, &QToolButton::clicked, this, &TransferPanel::cancelAll);
    auto* clear = new QToolButton(this);
    clear->setText(tr("Clear finished"));
    connect(clear, &QToolButton::clicked, this, &TransferPanel::clearFinished);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Transfers:"), this));
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_cancel);
    bar->addWidget(m_cancelAll);
    bar->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(&queue, &QAbstractItemModel::dataChanged, this, &TransferPanel::updateSummary);
    connect(&queue, &QAbstractItemModel::rowsInserted, this, &TransferPanel::updateSummary);
    connect(&queue, &QAbstractItemModel::modelReset, this, &TransferPanel::updateSummary);
    updateSummary();
}

void TransferPanel::updateSummary() {
    int running = 0;
    int failed = 0;
    for (int row = 0; row < m_queue.rowCount(); ++row) {
        const auto state =
            TransferQueue::State(m_queue.index(row, 0).data(TransferQueue::StateRole).toInt());
        if (state == TransferQueue::State::Queued || state == TransferQueue::State::Running)
            ++running;
        else if (state == TransferQueue::State::Failed)
            ++failed;
    }
    QStringList parts;
    if (running > 0)
        parts.append(running == 1 ? tr("1 in progress") : tr("%1 in progress").arg(running));
    if (failed > 0)
        parts.append(failed == 1 ? tr("1 failed") : tr("%1 failed").arg(failed));
    m_summary->setText(parts.isEmpty() ? tr("none in progress") : parts.join(QStringLiteral(", ")));
    m_cancelAll->setEnabled(running > 0);
}

void TransferPanel::cancelSelected() {
    QList<int> jobs;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        jobs.append(index.data(TransferQueue::JobIdRole).toInt());
    for (int job : jobs)
        m_queue.cancel(job);
}

void TransferPanel::cancelAll() {
    m_queue.cancelAll();
}

void TransferPanel::clearFinished() {
    m_queue.clearFinished();
}

} // namespace hangar
