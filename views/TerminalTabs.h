#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
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
// directory chosen; sessions already running there (started by an agent, a browser, or before
// a dropped connection) can be attached with their output replayed, and killed. Each sandbox
// keeps its own tabs while another is selected. A shell that
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
    // Opens a shell (the chosen program) in `directory` of the shown sandbox (the Files tab's
    // "open terminal here").
    void openShellIn(const QString& directory);
    // Asks the backend for the sandbox's running terminal sessions and offers them to attach.
    void chooseSessionToAttach();
    // Joins a running session (its kept output replayed) in a new tab.
    void attachSession(const QString& sessionId, const QString& title);
    // Ends the shell of the current tab (the tab stays, with its output).
    void killCurrent();
    // The kept transcripts of this sandbox's shells, to search, read and save.
    void showTranscripts();

signals:
    // A shell's tab is ready (the session runs) or could not open (message set).
    void shellOpened(hangar::TerminalView* view);
    void shellFailed(const QString& message);
    // The menu of running sessions is about to pop up (tests pick from it).
    void attachMenuReady(QMenu* menu);

private:
    QTabWidget* tabsFor(const QString& sandboxId);
    void addSessionTab(QTabWidget* tabs, TerminalSession* session, const QString& title);
    void closeTab(QTabWidget* tabs, int index);
    TerminalSession* currentSession() const;
    void showStatus(const QString& text);

    LifecycleService& m_lifecycle;
    TerminalHub& m_hub;
    QString m_sandboxId;
    QComboBox* m_shell = nullptr;
    QLineEdit* m_directory = nullptr;
    QToolButton* m_open = nullptr;
    QToolButton* m_attach = nullptr;
    QToolButton* m_kill = nullptr;
    QToolButton* m_transcripts = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_pages = nullptr;
    QHash<QString, QPointer<QTabWidget>> m_tabs; // per sandbox id
    int m_opened = 0;                            // for unique session keys
};

} // namespace hangar
