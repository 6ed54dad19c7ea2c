#pragma once

#include "lifecycle/Sandbox.h"

#include <QMap>
#include <QTimer>
#include <QWidget>

class QLabel;
class QModelIndex;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;

namespace hangar {

class LifecycleService;
class SandboxEventModel;
class SessionListModel;

// The selected sandbox in detail: its properties (what the store knows and what the provider
// reports now), the sessions keeping it awake, and its lifecycle timeline. A tab widget, so the
// file browser and terminals can add their tabs beside the overview.
class SandboxDetailPane : public QWidget {
    Q_OBJECT
public:
    // How often the provider is asked again while a sandbox is shown.
    static constexpr int kProbeIntervalMs = 15'000;

    enum class Field {
        Name,
        Backend,
        State,
        ProviderStatus,
        Isolation,
        Created,
        LastActivity,
        Error,
        KeepingAwake,
    };
    Q_ENUM(Field)

    explicit SandboxDetailPane(LifecycleService& lifecycle, QWidget* parent = nullptr);

    // Shows `id`; an empty id shows the "nothing selected" page.
    void setSandboxId(const QString& id);
    QString sandboxId() const { return m_sandbox.id; }

    QTabWidget* tabs() const { return m_tabs; }
    QLabel* field(Field which) const;
    SandboxEventModel* timelineModel() const { return m_timeline; }
    SessionListModel* sessionModel() const { return m_sessions; }
    QTableView* timelineView() const { return m_timelineView; }

public slots:
    // Asks the backend again for the provider status and the sessions.
    void probeProvider();

signals:
    // Another sandbox (or none: empty) is shown; tabs that other parts add follow it.
    void sandboxIdChanged(const QString& id);
    // The provider answered (or failed to) for the shown sandbox.
    void providerProbed();

private:
    QWidget* createOverview();
    QWidget* createTimeline();
    void showEventDetail(const QModelIndex& current);
    void showSandbox(const Sandbox& sandbox);
    void onSandboxChanged(const Sandbox& sandbox);
    void onSandboxRemoved(const QString& id);
    void updateKeepingAwake();
    void setField(Field which, const QString& text);

    LifecycleService& m_lifecycle;
    Sandbox m_sandbox;
    SandboxEventModel* m_timeline = nullptr;
    SessionListModel* m_sessions = nullptr;
    QStackedWidget* m_pages = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_timelineView = nullptr;
    QPlainTextEdit* m_timelineDetail = nullptr;
    QTableView* m_sessionView = nullptr;
    QMap<Field, QLabel*> m_fields;
    QTimer m_probeTimer;
    // Answers of an older probe (another sandbox, an earlier refresh) are dropped.
    quint64 m_probeGeneration = 0;
    QString m_sessionsError;
};

} // namespace hangar
