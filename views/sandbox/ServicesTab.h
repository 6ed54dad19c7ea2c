#pragma once

#include "SandboxTab.h"
#include "backend/ServiceTypes.h"

#include <QPointer>

class QComboBox;
class QPushButton;
class QTableView;
class QTimer;

namespace hangar {

class ServiceDialog;
class ServiceListModel;
class ServiceLogView;

// The Services tab of the detail pane: the sandbox's services with their state, pid, restarts
// and error; creating one (ServiceDialog), starting, stopping, sending a chosen signal and
// deleting (after confirmation); below, the selected service's log, followed live, with
// search. While the sandbox is awake the list is read again every RefreshMs. On a backend
// that cannot run services, the tab shows the backend's sentence and every action is off.
class ServicesTab : public SandboxTab {
    Q_OBJECT
public:
    static constexpr int RefreshMs = 2000;

    explicit ServicesTab(LifecycleService& lifecycle, QWidget* parent = nullptr);

    ServiceListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ServiceLogView* logView() const { return m_log; }
    QPushButton* createButton() const { return m_create; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* signalButton() const { return m_signal; }
    QComboBox* signalChoice() const { return m_signalChoice; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* refreshButton() const { return m_refresh; }
    // The backend's "cannot run services" sentence, shown instead of pretending (else hidden).
    QLabel* noticeLabel() const { return m_notice; }
    // The service whose log is followed ("" for none).
    QString followedService() const { return m_followed; }
    // Whether the shown sandbox's backend can run services.
    bool servicesAvailable() const { return m_available; }

public slots:
    void setSandboxId(const QString& id);
    // Lists the services again (waking the sandbox if needed).
    void refresh();
    // Opens the dialog; on OK, creates and starts the service.
    void createService();
    // Creates and starts `spec` (what the dialog's OK does).
    void createFromSpec(const hangar::ServiceSpec& spec);
    void startSelected();
    void stopSelected();
    // Sends the signal chosen in signalChoice().
    void signalSelected();
    // Deletes the selected service after confirmation.
    void deleteSelected();

signals:
    // The followed log stream ended or failed (error empty when it just ended).
    void logStreamClosed(const QString& service, const QString& error);

private:
    QString selectedName() const;
    Backend* backendOf(QString* name) const;
    // Runs an operation on the selected (or given) service, then lists again.
    // `noteText`: what the sandbox's timeline records (with the error, if it failed).
    void operate(const QString& service, const QString& phase, const QString& done,
                 const QString& noteText, std::function<Task<void>(Backend&, const QString&)> call);
    void note(const QString& sandbox, const QString& what, const QString& error);
    void relist(const QString& select, bool ok, const QString& message);
    void poll();
    void followSelected();
    void stopFollowing();
    void updateActions() override;

    ServiceListModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    ServiceLogView* m_log = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QComboBox* m_signalChoice = nullptr;
    QPushButton* m_signal = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_notice = nullptr;
    QTimer* m_poll = nullptr;
    QPointer<ServiceLogStream> m_stream;
    QString m_followed;
    bool m_available = false;
    bool m_polling = false;
};

} // namespace hangar
