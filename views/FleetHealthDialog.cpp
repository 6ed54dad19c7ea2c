#include "FleetHealthDialog.h"

#include "FleetHealthModel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hangar {

namespace {

constexpr QSize kDefaultSize(900, 400);
const char* const kFixProperty = "hangarFix";

bool askWithMessageBox(QWidget* parent, const QString& question) {
    return QMessageBox::question(parent, FleetHealthDialog::tr("Destroy machine"), question,
                                 QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

} // namespace

FleetHealthDialog::FleetHealthDialog(FleetHealth& fleet, QWidget* parent)
    : QDialog(parent)
    , m_model(new FleetHealthModel(fleet, this))
    , m_confirm(askWithMessageBox) {
    setWindowTitle(tr("Fleet health"));
    resize(kDefaultSize);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_scan = buttons->addButton(tr("&Scan"), QDialogButtonBox::ActionRole);
    m_scan->setToolTip(tr("Compare the store with every provider again"));
    connect(m_scan, &QPushButton::clicked, this, &FleetHealthDialog::scan);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    connect(m_model, &QAbstractItemModel::modelReset, this, &FleetHealthDialog::rebuildFixButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                    updateRow(row);
            });
    connect(m_model, &FleetHealthModel::scanningChanged, this, &FleetHealthDialog::updateSummary);
    connect(m_model, &FleetHealthModel::scanFinished, this, &FleetHealthDialog::updateSummary);
    updateSummary();
}

void FleetHealthDialog::scan() {
    m_model->scan();
}

QString FleetHealthDialog::summaryText() const {
    return m_summary->text();
}

void FleetHealthDialog::updateSummary() {
    m_scan->setEnabled(!m_model->isScanning());
    if (m_model->isScanning())
        m_summary->setText(tr("Scanning the store and every provider…"));
    else if (!m_model->scanError().isEmpty())
        m_summary->setText(tr("The scan failed: %1").arg(m_model->scanError()));
    else if (m_model->rowCount() == 0)
        m_summary->setText(tr("Nothing to fix: the store and the providers agree."));
    else
        m_summary->setText(tr("%n problem(s) found.", nullptr, m_model->rowCount()));
}

void FleetHealthDialog::rebuildFixButtons() {
    // One small row of buttons per finding, in the Fix column.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        auto* cell = new QWidget(m_view);
        auto* layout = new QHBoxLayout(cell);
        layout->setContentsMargins(2, 0, 2, 0);
        const QVariantList fixes =
            m_model->index(row, 0).data(FleetHealthModel::FixesRole).toList();
        for (const QVariant& v : fixes) {
            const auto fix = static_cast<FleetHealth::Fix>(v.toInt());
            auto* button = new QPushButton(FleetHealthModel::fixLabel(fix), cell);
            button->setProperty(kFixProperty, v.toInt());
            button->setAutoDefault(false);
            connect(button, &QPushButton::clicked, this,
                    [this, row, fix] { onFixClicked(row, fix); });
            layout->addWidget(button);
        }
        layout->addStretch();
        m_view->setIndexWidget(m_model->index(row, FleetHealthModel::FixColumn), cell);
        updateRow(row);
    }
    m_view->resizeColumnsToContents();
}

void FleetHealthDialog::updateRow(int row) {
    QWidget* cell = m_view->indexWidget(m_model->index(row, FleetHealthModel::FixColumn));
    if (!cell)
        return;
    // A fix under way or done leaves nothing to click; a failed one may be tried again.
    const auto status = m_model->statusAt(row);
    const bool open = status == FleetHealthModel::RowStatus::Found ||
                      status == FleetHealthModel::RowStatus::Failed;
    for (QPushButton* button : cell->findChildren<QPushButton*>())
        button->setEnabled(open);
}

QPushButton* FleetHealthDialog::fixButton(int row, FleetHealth::Fix fix) const {
    QWidget* cell = m_view->indexWidget(m_model->index(row, FleetHealthModel::FixColumn));
    if (!cell)
        return nullptr;
    for (QPushButton* button : cell->findChildren<QPushButton*>()) {
        if (button->property(kFixProperty).toInt() == static_cast<int>(fix))
            return button;
    }
    return nullptr;
}

void FleetHealthDialog::onFixClicked(int row, FleetHealth::Fix fix) {
    if (fix == FleetHealth::Fix::Destroy) {
        const FleetHealth::Finding& f = m_model->findingAt(row);
        const QString question =
            tr("Destroy the machine %1 on %2? Its files are lost; this cannot be undone.")
                .arg(f.name, f.backend);
        if (!m_confirm(this, question))
            return;
    }
    m_model->applyFix(row, fix);
}

} // namespace hangar
