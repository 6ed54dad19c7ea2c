#pragma once

#include "SandboxTab.h"
#include "backend/PortForward.h"

#include <QHash>
#include <QList>
#include <QPointer>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace hangar {

class PortForwardModel;

// The Ports tab of the detail pane: the sandbox's port forwards (local port on this computer's
// loopback interface, port in the sandbox, state, connections, traffic each way), started from
// a sandbox port and an optional local port and stopped from the table. Forwards keep running
// while another sandbox is shown, and end when their sandbox is destroyed.
//
// While the tab is visible and the sandbox runs, it watches the ports the sandbox opens: they
// are listed (each a link that forwards it), and a port opened meanwhile is offered in a bar
// ("Forward" / "Dismiss"). A backend that cannot tell says so in place of the list.
//
// The sandbox's public URL and who may open it (public / with a Sprites token) are shown and
// editable where the backend has one; the local backend's note says why there is none.
class PortsTab : public SandboxTab {
    Q_OBJECT
public:
    explicit PortsTab(LifecycleService& lifecycle, QWidget* parent = nullptr);
    ~PortsTab() override;

    PortForwardModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* remotePortEdit() const { return m_remotePort; }
    QLineEdit* localPortEdit() const { return m_localPort; }
    QPushButton* forwardButton() const { return m_forward; }
    QPushButton* stopButton() const { return m_stop; }
    // The ports the sandbox listens on, or why they cannot be told.
    QLabel* openPortsLabel() const { return m_openPorts; }
    // The offer of a newly opened port, with its two buttons (hidden when there is none).
    QFrame* offerBar() const { return m_offerBar; }
    QLabel* offerLabel() const { return m_offerLabel; }
    QPushButton* offerForwardButton() const { return m_offerForward; }
    QPushButton* offerDismissButton() const { return m_offerDismiss; }
    // The port offered now, 0 when none.
    quint16 offeredPort() const { return m_offers.isEmpty() ? 0 : m_offers.first().port; }
    QLabel* urlLabel() const { return m_url; }
    QComboBox* urlAuthCombo() const { return m_urlAuth; }
    QPushButton* urlApplyButton() const { return m_urlApply; }
    // The backend's word on why the sandbox has no URL (hidden when it has one).
    QLabel* urlNoteLabel() const { return m_urlNote; }
    // Whether the URL settings are being read or changed now.
    bool isUrlBusy() const { return m_urlBusy; }
    // Whether the sandbox's open ports are being watched now.
    bool isWatchingPorts() const { return m_watch != nullptr; }

public slots:
    void setSandboxId(const QString& id);
    // Forwards the port typed in the sandbox-port field (from the local port typed, or any).
    void startForward();
    // Forwards a port of the shown sandbox; localPort 0 = any free one.
    void forwardPort(quint16 remotePort, quint16 localPort = 0);
    void stopSelected();
    void acceptOffer();
    void dismissOffer();
    void reloadUrl();
    // Sets the URL's access to the combo box's choice.
    void applyUrlAuth();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void updateActions() override;

private:
    void startForwardTo(quint16 remotePort, quint16 localPort, bool fallBackToAny);
    Backend* backendOfShown() const;
    QString nameOfShown() const;
    void watchPortsIfUseful();
    void stopWatching();
    void onPortsReady();
    void onPortOpened(const OpenPort& port);
    void onPortClosed(const OpenPort& port);
    void showOpenPorts();
    void showOffer();
    void onForwardListening(PortForward* forward);
    void onForwardFailed(PortForward* forward, const Error& error, bool fallBackToAny);
    void onForwardStopped(PortForward* forward);
    void dropForward(PortForward* forward);
    void onSandboxRemoved(const QString& id);
    void onSandboxChanged(const QString& id);
    // A timeline entry for the sandbox (LifecycleService::note, by "console").
    void note(const QString& sandboxId, const QString& what, const QString& error = {});
    void showUrl(const UrlSettings& settings);

    PortForwardModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_remotePort = nullptr;
    QLineEdit* m_localPort = nullptr;
    QPushButton* m_forward = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_openPorts = nullptr;
    QFrame* m_offerBar = nullptr;
    QLabel* m_offerLabel = nullptr;
    QPushButton* m_offerForward = nullptr;
    QPushButton* m_offerDismiss = nullptr;
    QLabel* m_url = nullptr;
    QComboBox* m_urlAuth = nullptr;
    QPushButton* m_urlApply = nullptr;
    QLabel* m_urlNote = nullptr;

    // Every forward this tab started, by sandbox id (owned by the tab).
    QHash<QString, QList<QPointer<PortForward>>> m_forwards;
    // Sandbox id of each forward, for the timeline once its sandbox is no longer shown.
    QHash<const PortForward*, QString> m_forwardSandbox;
    OpenPortWatch* m_watch = nullptr;
    QList<OpenPort> m_offers; // newly opened ports not yet forwarded or dismissed
    QString m_urlAuthShown;   // the auth the backend holds, as last read
    bool m_urlLoaded = false;
    bool m_urlBusy = false;
    quint64 m_urlGeneration = 0;
};

} // namespace hangar
