#include "PortsTab.h"

#include "PortForwardModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hangar {

namespace {

QPushButton* makeButton(const QString& text, const QString& objectName, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    return button;
}

} // namespace

PortsTab::PortsTab(LifecycleService& lifecycle, QWidget* parent)
    : SandboxTab(lifecycle, parent)
    , m_model(new PortForwardModel(this)) {
    // The public URL.
    auto* urlBox = new QGroupBox(tr("Public URL"), this);
    m_url = new QLabel(urlBox);
    m_url->setObjectName(QStringLiteral("sandboxUrl"));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlAuth = new QComboBox(urlBox);
    m_urlAuth->setObjectName(QStringLiteral("urlAuth"));
    m_urlAuth->addItem(tr("Only with a Sprites token"), url_auth::Sprite);
    m_urlAuth->addItem(tr("Public: anyone with the URL"), url_auth::Public);
    m_urlApply = makeButton(tr("Set &access"), QStringLiteral("applyUrlAuth"), urlBox);
    m_urlNote = new QLabel(urlBox);
    m_urlNote->setObjectName(QStringLiteral("urlNote"));
    m_urlNote->setWordWrap(true);
    m_urlNote->hide();
    auto* authRow = new QHBoxLayout;
    authRow->addWidget(m_urlAuth, 1);
    authRow->addWidget(m_urlApply);
    auto* urlForm = new QFormLayout(urlBox);
    urlForm->addRow(tr("Address:"), m_url);
    urlForm->addRow(tr("Who may open it:"), authRow);
    urlForm->addRow(m_urlNote);

    // The forwards.
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("portForwardView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(PortForwardModel::ConnectionsColumn,
                                                     QHeaderView::Stretch);

    m_remotePort = new QLineEdit(this);
    m_remotePort->setObjectName(QStringLiteral("remotePort"));
    m_remotePort->setPlaceholderText(tr("e.g. 8000"));
    m_localPort = new QLineEdit(this);
    m_localPort->setObjectName(QStringLiteral("localPort"));
    m_localPort->setPlaceholderText(tr("any free port"));
    m_forward = makeButton(tr("Forwar&d"), QStringLiteral("startForward"), this);
    m_stop = makeButton(tr("S&top forward"), QStringLiteral("stopForward"), this);
    auto* sandboxPortLabel = new QLabel(tr("Port in the &sandbox:"), this);
    sandboxPortLabel->setBuddy(m_remotePort);
    auto* localPortLabel = new QLabel(tr("&Local port:"), this);
    localPortLabel->setBuddy(m_localPort);
    auto* startRow = new QHBoxLayout;
    startRow->addWidget(sandboxPortLabel);
    startRow->addWidget(m_remotePort);
    startRow->addWidget(localPortLabel);
    startRow->addWidget(m_localPort);
    startRow->addWidget(m_forward);
    startRow->addStretch(1);
    startRow->addWidget(m_stop);

    // What the sandbox listens on, and the offer of a port it just opened.
    m_openPorts = new QLabel(this);
    m_openPorts->setObjectName(QStringLiteral("openPorts"));
    m_openPorts->setWordWrap(true);
    m_openPorts->setTextFormat(Qt::RichText);
    m_openPorts->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                         Qt::LinksAccessibleByKeyboard);
    m_offerBar = new QFrame(this);
    m_offerBar->setObjectName(QStringLiteral("portOffer"));
    m_offerBar->setFrameShape(QFrame::StyledPanel);
    m_offerLabel = new QLabel(m_offerBar);
    m_offerLabel->setWordWrap(true);
    m_offerForward = makeButton(tr("Forward"), QStringLiteral("offerForward"), m_offerBar);
    m_offerDismiss = makeButton(tr("Dismiss"), QStringLiteral("offerDismiss"), m_offerBar);
    auto* offerRow = new QHBoxLayout(m_offerBar);
    offerRow->setContentsMargins(6, 2, 6, 2);
    offerRow->addWidget(m_offerLabel, 1);
    offerRow->addWidget(m_offerForward);
    offerRow->addWidget(m_offerDismiss);
    m_offerBar->hide();

    statusLabel()->setObjectName(QStringLiteral("portsStatus"));
    progressBar()->setObjectName(QStringLiteral("portsProgress"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_offerBar);
    layout->addWidget(m_view, 1);
    layout->addLayout(startRow);
    layout->addWidget(m_openPorts);
    layout->addWidget(urlBox);
    layout->addWidget(progressBar());
    layout->addWidget(statusLabel());

    connect(m_forward, &QPushButton::clicked, this, &PortsTab::startForward);
    connect(m_remotePort, &QLineEdit::returnPressed, this, &PortsTab::startForward);
    connect(m_localPort, &QLineEdit::returnPressed, this, &PortsTab::startForward);
    connect(m_stop, &QPushButton::clicked, this, &PortsTab::stopSelected);
    connect(m_offerForward, &QPushButton::clicked, this, &PortsTab::acceptOffer);
    connect(m_offerDismiss, &QPushButton::clicked, this, &PortsTab::dismissOffer);
    connect(m_urlApply, &QPushButton::clicked, this, &PortsTab::applyUrlAuth);
    connect(m_urlAuth, &QComboBox::currentIndexChanged, this, &PortsTab::updateActions);
    connect(m_openPorts, &QLabel::linkActivated, this,
            [this](const QString& link) { forwardPort(static_cast<quint16>(link.toUInt())); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PortsTab::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PortsTab::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PortsTab::updateActions);
    connect(&lifecycle, &LifecycleService::sandboxRemoved, this, &PortsTab::onSandboxRemoved);
    connect(&lifecycle, &LifecycleService::sandboxChanged, this,
            [this](const Sandbox& sandbox) { onSandboxChanged(sandbox.id); });
    setSandboxId({});
}

PortsTab::~PortsTab() {
    stopWatching();
}

Backend* PortsTab::backendOfShown() const {
    const auto sandbox = lifecycle().sandbox(sandboxId());
    return sandbox ? lifecycle().backend(sandbox.value().backend) : nullptr;
}

QString PortsTab::nameOfShown() const {
    const auto sandbox = lifecycle().sandbox(sandboxId());
    return sandbox ? sandbox.value().name : QString();
}

void PortsTab::setSandboxId(const QString& id) {
    stopWatching();
    m_offers.clear();
    showOffer();
    beginSandbox(id);
    QList<PortForward*> forwards;
    for (const QPointer<PortForward>& forward : m_forwards.value(id)) {
        if (forward)
            forwards.append(forward);
    }
    m_model->setForwards(forwards);
    m_openPorts->clear();
    reloadUrl();
    watchPortsIfUseful();
    updateActions();
}

void PortsTab::startForward() {
    if (sandboxId().isEmpty() || isBusy())
        return;
    const auto remote = parsePort(m_remotePort->text());
    if (!remote) {
        m_remotePort->setFocus();
        showStatus(tr("Not forwarded: the sandbox port must be a number from 1 to 65535 (not "
                      "'%1').")
                       .arg(m_remotePort->text().trimmed()),
                   true);
        return;
    }
    const QString localText = m_localPort->text().trimmed();
    const auto local =
        localText.isEmpty() ? Result<quint16>(quint16(0)) : parsePort(localText, true);
    if (!local) {
        m_localPort->setFocus();
        showStatus(tr("Not forwarded: the local port must be a number from 1 to 65535, or empty "
                      "for any free port (not '%1').")
                       .arg(localText),
                   true);
        return;
    }
    forwardPort(remote.value(), local.value());
}

void PortsTab::forwardPort(quint16 remotePort, quint16 localPort) {
    if (sandboxId().isEmpty() || remotePort == 0)
        return;
    startForwardTo(remotePort, localPort, false);
}

void PortsTab::startForwardTo(quint16 remotePort, quint16 localPort, bool fallBackToAny) {
    const QString id = sandboxId();
    // Made once the sandbox runs (waking it first when needed).
    runCall<QString>(
        tr("Starting the forward…"),
        [](Backend&, const QString& name) { return readyTask<QString>(name); },
        [this, id, remotePort, localPort, fallBackToAny](Result<QString> name) {
            Backend* backend = backendOfShown();
            if (!name || !backend) {
                finish(false,
                       tr("Could not forward port %1: %2")
                           .arg(remotePort)
                           .arg(name ? tr("the backend is not available") : name.error().message));
                return;
            }
            PortForward* forward = backend->forwardPort(name.value(), remotePort, localPort);
            forward->setParent(this);
            m_forwards[id].append(forward);
            m_forwardSandbox.insert(forward, id);
            m_model->addForward(forward);
            connect(forward, &PortForward::listening, this,
                    [this, forward] { onForwardListening(forward); });
            connect(forward, &PortForward::failed, this,
                    [this, forward, fallBackToAny](const Error& error) {
                        onForwardFailed(forward, error, fallBackToAny);
                    });
            connect(forward, &PortForward::stopped, this,
                    [this, forward] { onForwardStopped(forward); });
            connect(forward, &PortForward::connectionFailed, this,
                    [this, forward](const Error& error) {
                        if (m_forwardSandbox.value(forward) == sandboxId())
                            showStatus(tr("A connection to port %1 in the sandbox failed: %2")
                                           .arg(forward->remotePort())
                                           .arg(error.message),
                                       true);
                    });
        });
}

void PortsTab::stopSelected() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (PortForward* forward = rows.isEmpty() ? nullptr : m_model->forwardAt(rows.first().row()))
        forward->stop();
}

void PortsTab::onForwardListening(PortForward* forward) {
    const QString id = m_forwardSandbox.value(forward);
    note(id, QStringLiteral("Port forward started: 127.0.0.1:%1 to port %2 in the sandbox")
                 .arg(forward->localPort())
                 .arg(forward->remotePort()));
    m_offers.removeIf([forward](const OpenPort& p) { return p.port == forward->remotePort(); });
    showOffer();
    if (id == sandboxId())
        finish(true, tr("Forwarding 127.0.0.1:%1 on this computer to port %2 in the sandbox.")
                         .arg(forward->localPort())
                         .arg(forward->remotePort()));
}

void PortsTab::onForwardFailed(PortForward* forward, const Error& error, bool fallBackToAny) {
    const QString id = m_forwardSandbox.value(forward);
    const quint16 remote = forward->remotePort();
    const bool wasListening = forward->localPort() != 0;
    dropForward(forward);
    if (fallBackToAny && !wasListening && id == sandboxId()) {
        // The same port number was taken on this computer: any free one will do.
        startForwardTo(remote, 0, false);
        return;
    }
    note(id, QStringLiteral("Port forward to port %1 in the sandbox failed").arg(remote),
         error.message);
    if (id == sandboxId())
        finish(false, tr("Could not forward port %1: %2").arg(remote).arg(error.message));
}

void PortsTab::onForwardStopped(PortForward* forward) {
    const QString id = m_forwardSandbox.value(forward);
    const QLocale c = QLocale::c();
    note(id, QStringLiteral("Port forward stopped: 127.0.0.1:%1 to port %2 in the sandbox "
                            "(connections: %3, sent: %4, received: %5)")
                 .arg(forward->localPort())
                 .arg(forward->remotePort())
                 .arg(forward->totalConnections())
                 .arg(c.formattedDataSize(forward->bytesToSandbox()),
                      c.formattedDataSize(forward->bytesFromSandbox())));
    const quint16 remote = forward->remotePort();
    dropForward(forward);
    if (id == sandboxId())
        showStatus(tr("Stopped forwarding port %1.").arg(remote));
}

void PortsTab::dropForward(PortForward* forward) {
    const QString id = m_forwardSandbox.take(forward);
    auto it = m_forwards.find(id);
    if (it != m_forwards.end()) {
        it->removeAll(forward);
        it->removeAll(nullptr);
        if (it->isEmpty())
            m_forwards.erase(it);
    }
    forward->disconnect(this);
    forward->deleteLater();
}

void PortsTab::onSandboxRemoved(const QString& id) {
    const QList<QPointer<PortForward>> forwards = m_forwards.take(id);
    for (const QPointer<PortForward>& forward : forwards) {
        if (!forward)
            continue;
        m_forwardSandbox.remove(forward);
        forward->disconnect(this);
        forward->stop();
        forward->deleteLater();
    }
    if (id == sandboxId())
        setSandboxId({});
}

void PortsTab::updateActions() {
    const bool usable = !sandboxId().isEmpty();
    m_remotePort->setEnabled(usable);
    m_localPort->setEnabled(usable);
    m_forward->setEnabled(usable && !isBusy());
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const PortForward* selected = rows.isEmpty() ? nullptr : m_model->forwardAt(rows.first().row());
    m_stop->setEnabled(selected && selected->isActive());
    m_offerForward->setEnabled(usable && !isBusy());
    const bool urlUsable = usable && m_urlLoaded && !m_urlBusy;
    m_urlAuth->setEnabled(urlUsable);
    m_urlApply->setEnabled(urlUsable && m_urlAuth->currentData().toString() != m_urlAuthShown);
}

} // namespace hangar
