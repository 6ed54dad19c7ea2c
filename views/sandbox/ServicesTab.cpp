#include "ServicesTab.h"

#include "ServiceDialog.h"
#include "ServiceListModel.h"
#include "ServiceLogView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hangar {

namespace {

QPushButton* makeButton(const QString& text, const QString& name, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    return button;
}

} // namespace

ServicesTab::ServicesTab(LifecycleService& lifecycle, QWidget* parent)
    : SandboxTab(lifecycle, parent)
    , m_model(new ServiceListModel(this)) {
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("servicesNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("serviceView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(ServiceListModel::CommandColumn,
                                                     QHeaderView::Stretch);

    m_create = makeButton(tr("&New service…"), QStringLiteral("createService"), this);
    m_start = makeButton(tr("S&tart"), QStringLiteral("startService"), this);
    m_stop = makeButton(tr("St&op"), QStringLiteral("stopService"), this);
    m_signalChoice = new QComboBox(this);
    m_signalChoice->setObjectName(QStringLiteral("serviceSignalChoice"));
    for (const QString& name : serviceSignalNames())
        m_signalChoice->addItem(QStringLiteral("SIG") + name, name);
    m_signal = makeButton(tr("Send si&gnal"), QStringLiteral("signalService"), this);
    m_delete = makeButton(tr("&Delete…"), QStringLiteral("deleteService"), this);
    m_refresh = makeButton(tr("Re&fresh"), QStringLiteral("refreshServices"), this);
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_create);
    actionRow->addWidget(m_start);
    actionRow->addWidget(m_stop);
    actionRow->addWidget(m_signalChoice);
    actionRow->addWidget(m_signal);
    actionRow->addStretch(1);
    actionRow->addWidget(m_delete);
    actionRow->addWidget(m_refresh);

    m_log = new ServiceLogView(this);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view, 1);
    topLayout->addLayout(actionRow);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(1, 2);

    progressBar()->setObjectName(QStringLiteral("servicesProgress"));
    statusLabel()->setObjectName(QStringLiteral("servicesStatus"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(splitter, 1);
    layout->addWidget(progressBar());
    layout->addWidget(statusLabel());

    m_poll = new QTimer(this);
    m_poll->setInterval(RefreshMs);
    connect(m_poll, &QTimer::timeout, this, &ServicesTab::poll);

    connect(m_create, &QPushButton::clicked, this, &ServicesTab::createService);
    connect(m_start, &QPushButton::clicked, this, &ServicesTab::startSelected);
    connect(m_stop, &QPushButton::clicked, this, &ServicesTab::stopSelected);
    connect(m_signal, &QPushButton::clicked, this, &ServicesTab::signalSelected);
    connect(m_delete, &QPushButton::clicked, this, &ServicesTab::deleteSelected);
    connect(m_refresh, &QPushButton::clicked, this, &ServicesTab::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        followSelected();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ServicesTab::updateActions);
    updateActions();
}

Backend* ServicesTab::backendOf(QString* name) const {
    const auto sandbox = sandboxId().isEmpty()
                             ? Result<Sandbox>(makeError(ErrorCode::NotFound, QString()))
                             : lifecycle().sandbox(sandboxId());
    if (!sandbox)
        return nullptr;
    if (name)
        *name = sandbox.value().name;
    return lifecycle().backend(sandbox.value().backend);
}

void ServicesTab::setSandboxId(const QString& id) {
    beginSandbox(id);
    stopFollowing();
    m_log->clear();
    m_model->setServices({});
    m_poll->stop();
    Backend* backend = backendOf(nullptr);
    m_available = backend && backend->canRunServices();
    m_notice->setText(backend ? backend->servicesUnavailable() : QString());
    m_notice->setVisible(backend && !m_available);
    updateActions();
    if (!m_available)
        return;
    m_poll->start();
    if (willWake()) {
        showStatus(tr("The sandbox is not running. Refresh wakes it to list its services."));
        return;
    }
    refresh();
}

QString ServicesTab::selectedName() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ServiceListModel::NameRole).toString();
}

void ServicesTab::refresh() {
    if (sandboxId().isEmpty() || !m_available)
        return;
    relist(selectedName(), true, QString());
}

void ServicesTab::relist(const QString& select, bool ok, const QString& message) {
    runCall<QList<ServiceInfo>>(
        tr("Listing services…"),
        [](Backend& backend, const QString& name) { return backend.listServices(name); },
        [this, select, ok, message](Result<QList<ServiceInfo>> result) {
            if (!result) {
                finish(false,
                       message.isEmpty()
                           ? tr("Could not list the services: %1").arg(result.error().message)
                           : message);
                return;
            }
            m_model->setServices(std::move(result).value());
            if (const int row = m_model->rowOf(select); row >= 0)
                m_view->selectRow(row);
            else
                followSelected();
            if (!message.isEmpty())
                finish(ok, message);
            else
                finish(true, m_model->rowCount() == 0
                                 ? tr("No services yet.")
                                 : tr("Services: %1.").arg(m_model->rowCount()));
        });
}

void ServicesTab::poll() {
    QString name;
    Backend* backend = backendOf(&name);
    if (!backend || !m_available || isBusy() || m_polling || willWake() || !isVisible())
        return;
    // Read quietly: no busy bar, no status line, and it never wakes the sandbox.
    m_polling = true;
    const quint64 generation = this->generation();
    whenReady(backend->listServices(name), this,
              [this, generation](Result<QList<ServiceInfo>> result) {
                  m_polling = false;
                  if (!isCurrent(generation) || isBusy() || !result)
                      return;
                  const QString keep = selectedName();
                  m_model->setServices(std::move(result).value());
                  if (const int row = m_model->rowOf(keep); row >= 0)
                      m_view->selectRow(row);
                  else
                      followSelected();
              });
}

void ServicesTab::operate(const QString& service, const QString& phase, const QString& done,
                          const QString& noteText,
                          std::function<Task<void>(Backend&, const QString&)> call) {
    if (sandboxId().isEmpty() || isBusy() || !m_available || service.isEmpty())
        return;
    const QString sandbox = sandboxId();
    runCall<void>(phase, std::move(call),
                  [this, sandbox, service, done, noteText](Result<void> result) {
                      note(sandbox, noteText, result ? QString() : result.error().message);
                      relist(service, result.ok(), result ? done : result.error().message);
                  });
}

void ServicesTab::note(const QString& sandbox, const QString& what, const QString& error) {
    // Who did what, in the sandbox's timeline; not fatal: the operation happened either way.
    NoteOptions options;
    options.actor = QStringLiteral("console");
    options.error = error;
    if (auto noted = lifecycle().note(sandbox, what, options); !noted)
        qWarning("Services tab: timeline note failed: %s", qPrintable(noted.error().message));
}

void ServicesTab::createService() {
    if (sandboxId().isEmpty() || isBusy() || !m_available)
        return;
    auto* dialog = new ServiceDialog(this);
    dialog->setObjectName(QStringLiteral("serviceDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const quint64 generation = this->generation();
    connect(dialog, &QDialog::accepted, this, [this, dialog, generation] {
        if (isCurrent(generation))
            createFromSpec(dialog->spec());
    });
    dialog->open();
}

void ServicesTab::createFromSpec(const ServiceSpec& spec) {
    if (auto valid = spec.validate(); !valid) {
        showStatus(tr("Not created: %1").arg(valid.error().message), true);
        return;
    }
    operate(spec.name, tr("Creating service %1…").arg(spec.name),
            tr("Created and started service %1.").arg(spec.name),
            QStringLiteral("service %1 created: %2").arg(spec.name, spec.command),
            [spec](Backend& backend, const QString& name) {
                return backend.createService(name, spec);
            });
}

void ServicesTab::startSelected() {
    const QString service = selectedName();
    operate(service, tr("Starting %1…").arg(service), tr("Started %1.").arg(service),
            QStringLiteral("service %1 started").arg(service),
            [service](Backend& backend, const QString& name) {
                return backend.startService(name, service);
            });
}

void ServicesTab::stopSelected() {
    const QString service = selectedName();
    operate(service, tr("Stopping %1…").arg(service), tr("Stopped %1.").arg(service),
            QStringLiteral("service %1 stopped").arg(service),
            [service](Backend& backend, const QString& name) {
                return backend.stopService(name, service);
            });
}

void ServicesTab::signalSelected() {
    const QString service = selectedName();
    const QString signal = m_signalChoice->currentData().toString();
    operate(service, tr("Sending SIG%1 to %2…").arg(signal, service),
            tr("Sent SIG%1 to %2.").arg(signal, service),
            QStringLiteral("SIG%1 sent to service %2").arg(signal, service),
            [service, signal](Backend& backend, const QString& name) {
                return backend.signalService(name, service, signal);
            });
}

void ServicesTab::deleteSelected() {
    const QString service = selectedName();
    if (sandboxId().isEmpty() || isBusy() || !m_available || service.isEmpty())
        return;
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete service"),
        tr("Delete service %1? It is stopped first; its definition and log are gone afterwards.")
            .arg(service),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteService"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* confirm = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    const quint64 generation = this->generation();
    connect(box, &QMessageBox::finished, this, [this, box, confirm, service, generation] {
        if (box->clickedButton() != confirm || !isCurrent(generation))
            return;
        operate(service, tr("Deleting %1…").arg(service), tr("Deleted service %1.").arg(service),
                QStringLiteral("service %1 deleted").arg(service),
                [service](Backend& backend, const QString& name) {
                    return backend.deleteService(name, service);
                });
    });
    box->open();
}

void ServicesTab::followSelected() {
    const QString service = selectedName();
    if (service == m_followed && (m_stream || service.isEmpty()))
        return;
    stopFollowing();
    m_log->clear();
    m_followed = service;
    QString name;
    Backend* backend = backendOf(&name);
    if (service.isEmpty() || !backend || !m_available)
        return;
    ServiceLogStream* stream = backend->followServiceLog(name, service);
    stream->setParent(this);
    m_stream = stream;
    connect(stream, &ServiceLogStream::line, m_log, &ServiceLogView::appendLine);
    connect(stream, &ServiceLogStream::ended, this, [this, service] {
        m_log->appendNotice(tr("The log stream ended."));
        emit logStreamClosed(service, QString());
    });
    connect(stream, &ServiceLogStream::failed, this, [this, service](const Error& error) {
        m_log->appendNotice(tr("The log stream failed: %1").arg(error.message));
        emit logStreamClosed(service, error.message);
    });
}

void ServicesTab::stopFollowing() {
    if (m_stream) {
        disconnect(m_stream, nullptr, this, nullptr);
        disconnect(m_stream, nullptr, m_log, nullptr);
        m_stream->cancel();
    }
    m_stream = nullptr;
    m_followed.clear();
}

void ServicesTab::updateActions() {
    const bool usable = !sandboxId().isEmpty() && !isBusy() && m_available;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool selected = usable && !rows.isEmpty();
    const bool running = selected && rows.first().data(ServiceListModel::RunningRole).toBool();
    m_view->setEnabled(m_available);
    m_create->setEnabled(usable);
    m_refresh->setEnabled(usable);
    m_start->setEnabled(selected && !running);
    m_stop->setEnabled(selected && running);
    m_signal->setEnabled(selected && running);
    m_signalChoice->setEnabled(selected && running);
    m_delete->setEnabled(selected);
    m_log->setEnabled(m_available);
}

} // namespace hangar
