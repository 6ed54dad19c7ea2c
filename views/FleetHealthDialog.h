#pragma once

#include "lifecycle/FleetHealth.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace hangar {

class FleetHealthModel;

// Fleet health: what the store and the providers disagree about (ghosts, orphans, drift), one
// row each with one button per fix. Scan runs a new scan; a fix's progress and outcome, or its
// error, show on its row. Destroying an orphan's machine asks first.
class FleetHealthDialog : public QDialog {
    Q_OBJECT
public:
    // Asks the operator a yes/no question; true to go ahead.
    using Confirm = std::function<bool(QWidget* parent, const QString& question)>;

    explicit FleetHealthDialog(FleetHealth& fleet, QWidget* parent = nullptr);

    FleetHealthModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* scanButton() const { return m_scan; }
    // The button applying `fix` on `row`; nullptr when that row offers no such fix.
    QPushButton* fixButton(int row, FleetHealth::Fix fix) const;
    // "Scanning…", the number of findings, "nothing to fix" or why the scan failed.
    QString summaryText() const;
    // Replaces the confirmation (a QMessageBox) before destroying a machine; for tests.
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

public slots:
    void scan();

private:
    void rebuildFixButtons();
    void updateRow(int row);
    void updateSummary();
    void onFixClicked(int row, FleetHealth::Fix fix);

    FleetHealthModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_scan = nullptr;
    Confirm m_confirm;
};

} // namespace hangar
