// The Ports tab's open-port watch with its offers, and the sandbox's public URL.
#include "PortsTab.h"

#include "PortForwardModel.h"

#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QPushButton>

namespace hangar {

void PortsTab::showEvent(QShowEvent* event) {
    SandboxTab::showEvent(event);
    watchPortsIfUseful();
}

void PortsTab::hideEvent(QHideEvent* event) {
    SandboxTab::hideEvent(event);
    // Nobody sees the offers: the watch (a poll on the local backend) stops until shown again.
    stopWatching();
    m_offers.clear();
    showOffer();
    m_openPorts->clear();
}

void PortsTab::watchPortsIfUseful() {
    if (m_watch || sandboxId().isEmpty() || !isVisible())
        return;
    Backend* backend = backendOfShown();
    if (!backend)
        return;
    if (needsWaking(lifecycle(), sandboxId())) {
        m_openPorts->setText(tr("Open ports are watched while the sandbox runs."));
        return;
    }
    m_watch = backend->watchPorts(nameOfShown());
    m_watch->setParent(this);
    connect(m_watch, &OpenPortWatch::ready, this, &PortsTab::showOpenPorts);
    connect(m_watch, &OpenPortWatch::portOpened, this, &PortsTab::onPortOpened);
    connect(m_watch, &OpenPortWatch::portClosed, this, &PortsTab::onPortClosed);
    connect(m_watch, &OpenPortWatch::failed, this, [this](const Error& error) {
        const bool local = backendOfShown() && backendOfShown()->kind() == QLatin1String("local");
        m_openPorts->setText((local && error.code == ErrorCode::Unavailable
                                  ? tr("Open ports cannot be watched: %1")
                                  : tr("Open ports are not being watched: %1"))
                                 .arg(error.message.toHtmlEscaped()));
        // Tried again when the tab is shown again.
        std::exchange(m_watch, nullptr)->deleteLater();
    });
    showOpenPorts();
}

void PortsTab::stopWatching() {
    delete std::exchange(m_watch, nullptr);
}

void PortsTab::onSandboxChanged(const QString& id) {
    if (id != sandboxId())
        return;
    if (needsWaking(lifecycle(), id)) {
        // Hibernating or hibernated: its processes end, and so do their ports.
        if (m_watch) {
            stopWatching();
            m_offers.clear();
            showOffer();
            m_openPorts->setText(tr("Open ports are watched while the sandbox runs."));
        }
        return;
    }
    watchPortsIfUseful();
}

void PortsTab::showOpenPorts() {
    if (!m_watch)
        return;
    if (!m_watch->isReady()) {
        m_openPorts->setText(tr("Looking for open ports…"));
        return;
    }
    const QList<OpenPort> ports = m_watch->ports();
    if (ports.isEmpty()) {
        m_openPorts->setText(tr("Nothing in the sandbox listens on a TCP port now."));
        return;
    }
    QStringList links;
    for (const OpenPort& port : ports)
        links.append(QStringLiteral("<a href=\"%1\">%1</a>").arg(port.port));
    m_openPorts->setText(tr("Listening in the sandbox: %1 (click a port to forward it)")
                             .arg(links.join(QStringLiteral(", "))));
}

void PortsTab::onPortOpened(const OpenPort& port) {
    showOpenPorts();
    const bool offered = std::any_of(m_offers.cbegin(), m_offers.cend(),
                                     [&port](const OpenPort& p) { return p.port == port.port; });
    if (offered || m_model->rowOfRemotePort(port.port) >= 0)
        return;
    m_offers.append(port);
    showOffer();
}

void PortsTab::onPortClosed(const OpenPort& port) {
    showOpenPorts();
    m_offers.removeIf([&port](const OpenPort& p) { return p.port == port.port; });
    showOffer();
}

void PortsTab::showOffer() {
    if (m_offers.isEmpty()) {
        m_offerBar->hide();
        return;
    }
    const OpenPort& port = m_offers.first();
    m_offerLabel->setText(
        port.pid > 0 ? tr("Port %1 was just opened in the sandbox (process %2). Forward it to this "
                          "computer?")
                           .arg(port.port)
                           .arg(port.pid)
                     : tr("Port %1 was just opened in the sandbox. Forward it to this computer?")
                           .arg(port.port));
    m_offerBar->show();
}

void PortsTab::acceptOffer() {
    if (m_offers.isEmpty() || sandboxId().isEmpty())
        return;
    const quint16 port = m_offers.takeFirst().port;
    showOffer();
    // The same number on this computer when it is free (and not privileged), else any.
    if (port >= 1024)
        startForwardTo(port, port, true);
    else
        startForwardTo(port, 0, false);
}

void PortsTab::dismissOffer() {
    if (!m_offers.isEmpty())
        m_offers.removeFirst();
    showOffer();
}

// --- the public URL ------------------------------------------------------------------------

void PortsTab::reloadUrl() {
    const quint64 generation = ++m_urlGeneration;
    m_urlLoaded = false;
    m_urlAuthShown.clear();
    m_url->clear();
    m_urlNote->hide();
    Backend* backend = backendOfShown();
    if (!backend) {
        m_urlBusy = false;
        updateActions();
        return;
    }
    m_urlBusy = true;
    updateActions();
    const bool local = backend->kind() == QLatin1String("local");
    // Read without waking: the URL settings do not need the sandbox running.
    whenReady(backend->urlSettings(nameOfShown()), this,
              [this, generation, local](Result<UrlSettings> settings) {
                  if (generation != m_urlGeneration)
                      return;
                  m_urlBusy = false;
                  if (settings) {
                      showUrl(settings.value());
                  } else {
                      m_url->setText(tr("none"));
                      m_urlNote->setText(
                          local ? tr("A local sandbox has no public URL: its ports can be reached "
                                     "only from this computer, through the forwards above.")
                                : tr("Could not read the URL: %1").arg(settings.error().message));
                      m_urlNote->show();
                  }
                  updateActions();
              });
}

void PortsTab::showUrl(const UrlSettings& settings) {
    m_urlLoaded = true;
    m_urlAuthShown = settings.auth;
    m_url->setText(settings.url.isEmpty() ? tr("none") : settings.url);
    const int index = m_urlAuth->findData(settings.auth);
    m_urlAuth->setCurrentIndex(index >= 0 ? index : 0);
    m_urlNote->setVisible(settings.auth == url_auth::Public);
    m_urlNote->setText(tr("Anyone who knows the address can open the sandbox's web server."));
    updateActions();
}

void PortsTab::applyUrlAuth() {
    Backend* backend = backendOfShown();
    const QString auth = m_urlAuth->currentData().toString();
    if (!backend || !m_urlLoaded || m_urlBusy || auth == m_urlAuthShown)
        return;
    const quint64 generation = ++m_urlGeneration;
    const QString id = sandboxId();
    m_urlBusy = true;
    updateActions();
    showStatus(tr("Changing who may open the URL…"));
    whenReady(
        backend->setUrlAuth(nameOfShown(), auth), this,
        [this, generation, id, auth](Result<UrlSettings> settings) {
            if (generation != m_urlGeneration)
                return;
            m_urlBusy = false;
            if (!settings) {
                // What the backend holds is unchanged: show that again.
                const int index = m_urlAuth->findData(m_urlAuthShown);
                m_urlAuth->setCurrentIndex(index >= 0 ? index : 0);
                note(id, QStringLiteral("Changing the URL's access to \"%1\" failed").arg(auth),
                     settings.error().message);
                showStatus(
                    tr("Could not change who may open the URL: %1").arg(settings.error().message),
                    true);
                updateActions();
                return;
            }
            showUrl(settings.value());
            note(id, settings.value().auth == url_auth::Public
                         ? QStringLiteral("URL made public: anyone with the address can open it")
                         : QStringLiteral("URL access limited to holders of a Sprites token"));
            showStatus(settings.value().auth == url_auth::Public
                           ? tr("The URL is public now.")
                           : tr("The URL now needs a Sprites token."));
        });
}

// --- the timeline -----------------------------------------------------------------------

void PortsTab::note(const QString& sandboxId, const QString& what, const QString& error) {
    if (sandboxId.isEmpty())
        return;
    // Not fatal: the operation happened whether or not the timeline could record it.
    NoteOptions options;
    options.actor = QStringLiteral("console");
    options.error = error;
    if (auto noted = lifecycle().note(sandboxId, what, options); !noted)
        qWarning("Ports tab: timeline note failed: %s", qPrintable(noted.error().message));
}

} // namespace hangar
