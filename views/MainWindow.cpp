#include "MainWindow.h"

#include "BatchRun.h"
#include "FleetHealthDialog.h"
#include "NewSandboxDialog.h"
#include "SandboxDetailPane.h"
#include "SandboxFilterProxy.h"
#include "SandboxTableModel.h"
#include "StatusBadgeDelegate.h"
#include "StatusPalette.h"
#include "accounts/AccountManager.h"
#include "backend/Backend.h"
#include "lifecycle/BackendMonitor.h"
#include "lifecycle/LifecycleService.h"
#include "profiles/ProfileEditorDialog.h"
#include "profiles/ProfileStore.h"
#include "tools/SandboxAdmin.h"
#include "util/Async.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace hangar {

namespace {

constexpr int kAllStatesItem = -1;
constexpr QSize kDefaultSize(1100, 600);

QAction* makeAction(QObject* parent, const QString& text, const QString& icon,
                    const QKeySequence& shortcut, const QString& tip) {
    auto* action = new QAction(QIcon::fromTheme(icon), text, parent);
    action->setShortcut(shortcut);
    action->setToolTip(tip + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText) +
                       QLatin1Char(')'));
    action->setStatusTip(tip);
    return action;
}

} // namespace

MainWindow::MainWindow(LifecycleService& lifecycle, QWidget* parent)
    : QMainWindow(parent)
    , m_lifecycle(lifecycle)
    , m_admin(new SandboxAdmin(lifecycle, this)) {
    setWindowTitle(tr("Hangar"));
    resize(kDefaultSize);

    m_model = new SandboxTableModel(m_lifecycle, this);
    m_proxy = new SandboxFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    createActions();
    createCentralWidget();

    m_backendStatus = new QLabel(this);
    m_backendStatus->setObjectName(QStringLiteral("backendStatus"));
    m_apiStatus = new QLabel(this);
    m_apiStatus->setObjectName(QStringLiteral("apiStatus"));
    m_apiStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apiStatus->hide();
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("stateCounts"));
    m_batchProgress = new QProgressBar(this);
    m_batchProgress->setObjectName(QStringLiteral("batchProgress"));
    m_batchProgress->setMaximumWidth(160);
    m_batchProgress->setTextVisible(true);
    m_cancelBatches = new QToolButton(this);
    m_cancelBatches->setObjectName(QStringLiteral("cancelBatches"));
    m_cancelBatches->setText(tr("Cancel"));
    m_cancelBatches->setToolTip(
        tr("Do not start the remaining sandboxes; operations under way finish"));
    connect(m_cancelBatches, &QToolButton::clicked, this, &MainWindow::cancelBatches);
    m_batchProgress->hide();
    m_cancelBatches->hide();
    statusBar()->addPermanentWidget(m_batchProgress);
    statusBar()->addPermanentWidget(m_cancelBatches);
    statusBar()->addPermanentWidget(m_backendStatus);
    statusBar()->addPermanentWidget(m_apiStatus);
    statusBar()->addPermanentWidget(m_counts);

    m_monitor = new BackendMonitor(m_lifecycle, BackendMonitor::kDefaultIntervalMs, this);
    connect(m_monitor, &BackendMonitor::healthChanged, this, &MainWindow::updateBackendStatus);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateStateCounts);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateStateCounts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStateCounts);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                if (topLeft.column() <= SandboxTableModel::StateColumn &&
                    bottomRight.column() >= SandboxTableModel::StateColumn) {
                    updateStateCounts();
                    updateActions();
                }
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    connect(&m_lifecycle, &LifecycleService::warning, this, &MainWindow::onWarning);

    updateStateCounts();
    updateBackendStatus();
    updateActions();
    m_monitor->start();
    if (!m_model->loadError().isEmpty())
        statusBar()->showMessage(tr("Could not load the sandboxes: %1").arg(m_model->loadError()));
    m_view->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    m_newAction = makeAction(this, tr("&New sandbox…"), QStringLiteral("list-add"),
                             QKeySequence::New, tr("Create a sandbox for a chat and thread"));
    m_resumeAction = makeAction(this, tr("&Resume"), QStringLiteral("media-playback-start"),
                                QKeySequence(Qt::CTRL | Qt::Key_R),
                                tr("Wake the selected sandboxes, or reprovision failed ones"));
    m_hibernateAction = makeAction(this, tr("&Hibernate"), QStringLiteral("media-playback-pause"),
                                   QKeySequence(Qt::CTRL | Qt::Key_H),
                                   tr("Stop the selected sandboxes; their files are kept"));
    m_reprovisionAction =
        makeAction(this, tr("Re&provision"), QStringLiteral("view-restore"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                   tr("Provision the selected failed sandboxes again; their files are kept"));
    m_checkpointAction = makeAction(this, tr("Check&point…"), QStringLiteral("document-save"),
                                    QKeySequence(Qt::CTRL | Qt::Key_K),
                                    tr("Save the files of the selected sandboxes as a checkpoint"));
    m_deleteAction = makeAction(this, tr("&Delete…"), QStringLiteral("edit-delete"),
                                QKeySequence::Delete, tr("Destroy the selected sandboxes"));
    m_reconcileAction = makeAction(this, tr("Re&concile now"), QStringLiteral("view-refresh"),
                                   QKeySequence::Refresh,
                                   tr("Compare the selected sandboxes with their provider now"));

    connect(m_newAction, &QAction::triggered, this, &MainWindow::newSandbox);
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::resumeSelected);
    connect(m_hibernateAction, &QAction::triggered, this, &MainWindow::hibernateSelected);
    connect(m_reprovisionAction, &QAction::triggered, this, &MainWindow::reprovisionSelected);
    connect(m_checkpointAction, &QAction::triggered, this, &MainWindow::checkpointSelected);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_reconcileAction, &QAction::triggered, this, &MainWindow::reconcileSelected);

    const QList<QAction*> all{m_newAction,         m_resumeAction,     m_hibernateAction,
                              m_reprovisionAction, m_checkpointAction, m_deleteAction,
                              m_reconcileAction};
    QToolBar* toolBar = addToolBar(tr("Sandboxes"));
    toolBar->setObjectName(QStringLiteral("sandboxToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions(all);

    m_profilesAction = new QAction(tr("P&rofiles…"), this);
    m_profilesAction->setToolTip(
        tr("Variables, secrets, files, SSH keys and setup commands for new sandboxes"));
    m_profilesAction->setEnabled(false);
    connect(m_profilesAction, &QAction::triggered, this, &MainWindow::openProfiles);
    m_settingsAction =
        new QAction(QIcon::fromTheme(QStringLiteral("preferences-system")), tr("&Settings…"), this);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);

    m_fleetHealthAction =
        makeAction(this, tr("&Fleet health…"), QStringLiteral("dialog-warning"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
                   tr("Find sandboxes the providers lost, machines no sandbox records, and drift"));
    m_fleetHealthAction->setEnabled(false); // until setFleetHealth()
    connect(m_fleetHealthAction, &QAction::triggered, this, &MainWindow::openFleetHealth);
    toolBar->addSeparator();
    toolBar->addAction(m_fleetHealthAction);

    QMenu* menu = menuBar()->addMenu(tr("&Sandbox"));
    menu->addActions(all);
    menu->addSeparator();
    menu->addAction(m_fleetHealthAction);
    menu->addAction(m_profilesAction);
    menu->addAction(m_settingsAction);
    menu->addSeparator();
    QAction* close = menu->addAction(tr("&Close window"), QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createCentralWidget() {
    auto* central = new QWidget(this);

    m_filter = new QLineEdit(central);
    m_filter->setPlaceholderText(
        tr("Filter by name, chat or thread (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &SandboxFilterProxy::setTextFilter);
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    addAction(findAction);
    connect(findAction, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });

    m_stateCombo = new QComboBox(central);
    m_stateCombo->addItem(tr("All states"), kAllStatesItem);
    for (SandboxState state : kAllStates)
        m_stateCombo->addItem(StatusPalette::label(state), static_cast<int>(state));
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onStateComboChanged);
    auto* stateLabel = new QLabel(tr("S&tate:"), central);
    stateLabel->setBuddy(m_stateCombo);

    m_backendCombo = new QComboBox(central);
    m_backendCombo->addItem(tr("All accounts"), QString());
    for (const QString& kind : m_lifecycle.backendKinds())
        m_backendCombo->addItem(kind, kind);
    connect(m_backendCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setBackendFilter(m_backendCombo->itemData(index).toString());
    });
    auto* backendLabel = new QLabel(tr("&Account:"), central);
    backendLabel->setBuddy(m_backendCombo);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(stateLabel);
    filters->addWidget(m_stateCombo);
    filters->addWidget(backendLabel);
    filters->addWidget(m_backendCombo);

    m_view = new QTableView(central);
    m_view->setModel(m_proxy);
    m_badges = new StatusBadgeDelegate(m_view);
    m_view->setItemDelegateForColumn(SandboxTableModel::StateColumn, m_badges);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SandboxTableModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_newAction, m_resumeAction, m_hibernateAction, m_reprovisionAction,
                        m_checkpointAction, m_deleteAction, m_reconcileAction});
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->resizeSection(SandboxTableModel::StateColumn,
                                              StatusBadgeDelegate::columnWidth(m_view->font()));

    auto* table = new QWidget(central);
    auto* tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filters);
    tableLayout->addWidget(m_view, 1);

    m_detail = new SandboxDetailPane(m_lifecycle, central);
    m_detail->setObjectName(QStringLiteral("detailPane"));

    auto* splitter = new QSplitter(Qt::Vertical, central);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(central);
    layout->addWidget(splitter);
    setCentralWidget(central);
}

void MainWindow::setFleetHealth(FleetHealth* fleet) {
    m_fleet = fleet;
    m_model->setFleetHealth(fleet);
    m_fleetHealthAction->setEnabled(fleet != nullptr);
}

void MainWindow::setAccounts(AccountManager* accounts) {
    if (m_accounts)
        disconnect(m_accounts, nullptr, this, nullptr);
    m_accounts = accounts;
    if (accounts)
        connect(accounts, &AccountManager::accountsChanged, this, &MainWindow::refreshAccounts);
    refreshAccounts();
}

void MainWindow::refreshAccounts() {
    QHash<QString, QString> names;
    if (m_accounts) {
        for (const AccountInfo& a : m_accounts->accounts())
            names.insert(a.key, a.name);
    }
    m_model->setAccountNames(names);
    // The filter keeps its choice when that account is still there.
    const QString current = m_backendCombo->currentData().toString();
    QStringList keys = m_lifecycle.backendKinds();
    for (const QString& key : names.keys()) {
        if (!keys.contains(key))
            keys.append(key); // a named account without a token still has sandboxes to show
    }
    keys.sort();
    const QSignalBlocker quiet(m_backendCombo);
    m_backendCombo->clear();
    m_backendCombo->addItem(tr("All accounts"), QString());
    for (const QString& key : std::as_const(keys))
        m_backendCombo->addItem(names.value(key, key), key);
    const int keep = m_backendCombo->findData(current);
    m_backendCombo->setCurrentIndex(keep < 0 ? 0 : keep);
    m_proxy->setBackendFilter(m_backendCombo->currentData().toString());
    m_newAction->setEnabled(!m_lifecycle.backendKinds().isEmpty());
}

void MainWindow::setProfiles(ProfileStore* profiles) {
    m_profiles = profiles;
    m_profilesAction->setEnabled(profiles != nullptr);
}

ProfileEditorDialog* MainWindow::profileEditor() const {
    return m_profileEditor;
}

void MainWindow::openProfiles() {
    if (!m_profiles)
        return;
    if (!m_profileEditor) {
        m_profileEditor = new ProfileEditorDialog(*m_profiles, this);
        m_profileEditor->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_profileEditor->show();
    m_profileEditor->raise();
    m_profileEditor->activateWindow();
}

FleetHealthDialog* MainWindow::fleetHealthDialog() const {
    return m_fleetDialog;
}

void MainWindow::openFleetHealth() {
    if (!m_fleet)
        return;
    if (!m_fleetDialog)
        m_fleetDialog = new FleetHealthDialog(*m_fleet, this);
    m_fleetDialog->show();
    m_fleetDialog->raise();
    m_fleetDialog->activateWindow();
    m_fleetDialog->scan();
}

QAction* MainWindow::action(Action which) const {
    switch (which) {
    case Action::NewSandbox:
        return m_newAction;
    case Action::Resume:
        return m_resumeAction;
    case Action::Hibernate:
        return m_hibernateAction;
    case Action::Reprovision:
        return m_reprovisionAction;
    case Action::Checkpoint:
        return m_checkpointAction;
    case Action::Delete:
        return m_deleteAction;
    case Action::Reconcile:
        return m_reconcileAction;
    }
    return nullptr;
}

QStringList MainWindow::selectedIds() const {
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex& row : rows)
        ids.append(row.data(SandboxTableModel::SandboxIdRole).toString());
    return ids;
}

void MainWindow::selectIds(const QStringList& ids) {
    QItemSelection selection;
    for (const QString& id : ids) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(id));
        if (index.isValid())
            selection.select(index, index);
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
    if (!selection.isEmpty()) {
        m_view->selectionModel()->setCurrentIndex(selection.indexes().constFirst(),
                                                  QItemSelectionModel::NoUpdate);
    }
}

QString MainWindow::nameOf(const QString& id) const {
    const int row = m_model->rowOf(id);
    return row < 0 ? id : m_model->sandboxAt(row).name;
}

QString MainWindow::stateCountsText() const {
    const int total = m_model->rowCount();
    if (total == 0)
        return tr("No sandboxes");
    const QMap<SandboxState, int> counts = m_model->stateCounts();
    QStringList parts;
    for (SandboxState state : kAllStates) {
        if (const int n = counts.value(state); n > 0)
            parts.append(tr("%1 %2").arg(n).arg(StatusPalette::label(state)));
    }
    const QString sandboxes = total == 1 ? tr("1 sandbox") : tr("%1 sandboxes").arg(total);
    return tr("%1: %2").arg(sandboxes, parts.join(tr(", ")));
}

void MainWindow::updateStateCounts() {
    m_counts->setText(stateCountsText());
}

QString MainWindow::backendStatusText() const {
    QStringList parts;
    for (const BackendMonitor::Health& health : m_monitor->health()) {
        switch (health.status) {
        case BackendMonitor::Health::Status::Unknown:
            parts.append(tr("%1: checking…").arg(health.kind));
            break;
        case BackendMonitor::Health::Status::Reachable:
            parts.append(tr("%1: connected").arg(health.kind));
            break;
        case BackendMonitor::Health::Status::Unreachable:
            parts.append(tr("%1: unreachable").arg(health.kind));
            break;
        }
    }
    return parts.isEmpty() ? tr("no backend") : parts.join(QStringLiteral(" · "));
}

void MainWindow::updateBackendStatus() {
    m_backendStatus->setText(backendStatusText());
    QStringList problems;
    bool failing = false;
    for (const BackendMonitor::Health& health : m_monitor->health()) {
        const bool unreachable = health.status == BackendMonitor::Health::Status::Unreachable;
        if (unreachable) {
            failing = true;
            problems.append(tr("%1: %2").arg(health.kind, health.message));
        }
        m_model->setBackendProblem(health.kind, unreachable ? health.message : QString());
    }
    m_backendStatus->setToolTip(problems.join(QLatin1Char('\n')));
    QPalette palette = m_backendStatus->palette();
    palette.setColor(QPalette::WindowText,
                     failing ? StatusPalette::color(SandboxState::Failed, this->palette())
                             : this->palette().color(QPalette::WindowText));
    m_backendStatus->setPalette(palette);
    // A provider that cannot be reached is said in words too, until it can again.
    if (failing)
        statusBar()->showMessage(tr("Cannot reach %1").arg(problems.join(QStringLiteral("; "))));
}

void MainWindow::setApiAddress(const QString& address) {
    m_apiAddress = address;
    m_apiStatus->setText(address.isEmpty() ? QString() : tr("API: %1").arg(address));
    m_apiStatus->setVisible(!address.isEmpty());
}

QString MainWindow::apiAddress() const {
    return m_apiAddress;
}

void MainWindow::updateActions() {
    bool any = false;
    bool resumable = false;
    bool hibernatable = false;
    bool failed = false;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows()) {
        any = true;
        const auto state =
            static_cast<SandboxState>(row.data(SandboxTableModel::StateRole).toInt());
        resumable |= state == SandboxState::Hibernated || state == SandboxState::Failed;
        hibernatable |= state == SandboxState::Active;
        failed |= state == SandboxState::Failed;
    }
    m_newAction->setEnabled(!m_lifecycle.backendKinds().isEmpty());
    m_resumeAction->setEnabled(resumable);
    m_hibernateAction->setEnabled(hibernatable);
    m_reprovisionAction->setEnabled(failed);
    m_checkpointAction->setEnabled(any);
    m_deleteAction->setEnabled(any);
    m_reconcileAction->setEnabled(any);
}

void MainWindow::onSelectionChanged() {
    updateActions();
    // Selecting one sandbox makes the window a live listener of it: let the engine check
    // the provider (the engine debounces this per sandbox).
    const QStringList ids = selectedIds();
    m_detail->setSandboxId(ids.size() == 1 ? ids.constFirst() : QString());
    if (ids.size() == 1)
        m_lifecycle.reconcile(ids.constFirst());
}

void MainWindow::onStateComboChanged(int index) {
    const int value = m_stateCombo->itemData(index).toInt();
    if (value == kAllStatesItem)
        m_proxy->setStateFilter({});
    else
        m_proxy->setStateFilter({static_cast<SandboxState>(value)});
}

void MainWindow::onWarning(const QString& id, const QString& message) {
    statusBar()->showMessage(tr("%1: %2").arg(nameOf(id), message), kStatusMessageMs);
}

} // namespace hangar
