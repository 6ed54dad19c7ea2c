#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace hangar {

class LifecycleService;
class TerminalHub;
class TerminalSession;
class TerminalView;

// The Terminals tab of the detail pane: shells in the selected sandbox, one tab each, several
// side by side. A new shell wakes the sandbox first (TerminalHub), in the shell and working
// directory chosen. Each sandbox keeps its own tabs while another is selected. A shell that
// ends leaves its tab with a banner saying why (it exited, hibernation ended it, the
// connection broke), and its output stays readable.
class TerminalTabs : public QWidget {
    Q_OBJECT
public:
    TerminalTabs(LifecycleService& lifecycle, TerminalHub& hub, QWidget* parent = nullptr);

    void setSandboxId(const QString& id);
    QString sandboxId() const { return m_sandboxId; }

    // The tabs of the shown sandbox.
    QTabWidget* currentTabs() const;
    QComboBox* shellCombo() const { return m_shell; }
    QLineEdit* directoryEdit() const { return m_directory; }

public slots:
    // Opens a shell with the chosen program and directory in a new tab.
    void openShell();

signals:
    // A shell's tab is ready (the session runs) or could not open (message set).
    void shellOpened(hangar::TerminalView* view);
    void shellFailed(const QString& message);

private:
    QTabWidget* tabsFor(const QString& sandboxId);
    void addSessionTab(QTabWidget* tabs, TerminalSession* session, const QString& title);
    void closeTab(QTabWidget* tabs, int index);

    LifecycleService& m_lifecycle;
    TerminalHub& m_hub;
    QString m_sandboxId;
    QComboBox* m_shell = nullptr;
    QLineEdit* m_directory = nullptr;
    QToolButton* m_open = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_pages = nullptr;
    QHash<QString, QPointer<QTabWidget>> m_tabs; // per sandbox id
    int m_opened = 0;                            // for unique session keys
};

} // namespace hangar
