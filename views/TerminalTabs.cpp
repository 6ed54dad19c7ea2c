#include "TerminalTabs.h"

#include "TerminalSessionConnector.h"
#include "TerminalView.h"
#include "TranscriptDialog.h"
#include "backend/Backend.h"
#include "lifecycle/LifecycleService.h"
#include "terminal/TerminalHub.h"
#include "terminal/TerminalSession.h"
#include "util/Async.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hangar {

namespace {

// The shells offered; the first is the default. Any program path can be typed instead.
const QStringList kShells{QStringLiteral("/bin/bash"), QStringLiteral("/bin/sh")};

} // namespace

TerminalTabs::TerminalTabs(LifecycleService& lifecycle, TerminalHub& hub, QWidget* parent)
    : QWidget(parent)
    , m_lifecycle(lifecycle)
    , m_hub(hub) {
    m_shell = new QComboBox(this);
    m_shell->setEditable(true);
    m_shell->addItems(kShells);
    m_shell->setToolTip(tr("The program to run in the terminal"));
    m_directory = new QLineEdit(this);
    m_directory->setPlaceholderText(tr("working directory (default: the sandbox's)"));
    m_open = new QToolButton(this);
    m_open->setText(tr("&New shell"));
    m_open->setIcon(QIcon::fromTheme(QStringLiteral("utilities-terminal")));
    m_open->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_open, &QToolButton::clicked, this, &TerminalTabs::openShell);
    m_attach = new QToolButton(this);
    m_attach->setText(tr("&Attach…"));
    m_attach->setToolTip(tr("Join a terminal session already running in the sandbox"));
    connect(m_attach, &QToolButton::clicked, this, &TerminalTabs::chooseSessionToAttach);
    m_kill = new QToolButton(this);
    m_kill->setText(tr("&Kill"));
    m_kill->setToolTip(tr("End the shell of the current tab"));
    connect(m_kill, &QToolButton::clicked, this, &TerminalTabs::killCurrent);
    m_transcripts = new QToolButton(this);
    m_transcripts->setText(tr("T&ranscripts…"));
    m_transcripts->setToolTip(tr("Search, read and save what the shells of this sandbox showed"));
    connect(m_transcripts, &QToolButton::clicked, this, &TerminalTabs::showTranscripts);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("terminalStatus"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Shell:"), this));
    bar->addWidget(m_shell);
    bar->addWidget(m_directory, 1);
    bar->addWidget(m_open);
    bar->addWidget(m_attach);
    bar->addWidget(m_kill);
    bar->addWidget(m_transcripts);

    m_pages = new QStackedWidget(this);
    auto* none = new QLabel(tr("Open a shell to work in the sandbox."), m_pages);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_pages->addWidget(none);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_pages, 1);
    m_status->hide();
}

void TerminalTabs::setSandboxId(const QString& id) {
    m_sandboxId = id;
    m_status->hide();
    m_open->setEnabled(!id.isEmpty());
    m_attach->setEnabled(!id.isEmpty());
    m_transcripts->setEnabled(!id.isEmpty() && m_hub.transcripts());
    QTabWidget* tabs = m_tabs.value(id);
    m_pages->setCurrentWidget(tabs && tabs->count() > 0 ? static_cast<QWidget*>(tabs)
                                                        : m_pages->widget(0));
}

void TerminalTabs::openShellIn(const QString& directory) {
    m_directory->setText(directory);
    openShell();
}

QTabWidget* TerminalTabs::currentTabs() const {
    return m_tabs.value(m_sandboxId);
}

QTabWidget* TerminalTabs::tabsFor(const QString& sandboxId) {
    if (QTabWidget* existing = m_tabs.value(sandboxId))
        return existing;
    auto* tabs = new QTabWidget(m_pages);
    tabs->setTabsClosable(true);
    tabs->setDocumentMode(true);
    connect(tabs, &QTabWidget::tabCloseRequested, this,
            [this, tabs](int index) { closeTab(tabs, index); });
    m_pages->addWidget(tabs);
    m_tabs.insert(sandboxId, tabs);
    return tabs;
}

void TerminalTabs::openShell() {
    if (m_sandboxId.isEmpty())
        return;
    TerminalOptions options;
    const QString program = m_shell->currentText().trimmed();
    if (!program.isEmpty())
        options.shell = {program};
    options.cwd = m_directory->text().trimmed();
    const QString sandboxId = m_sandboxId;
    const QString key = QStringLiteral("desktop-%1").arg(++m_opened);
    m_status->setText(tr("Opening %1…").arg(options.shell.join(QLatin1Char(' '))));
    m_status->show();
    m_open->setEnabled(false);
    const QString title = QFileInfo(options.shell.constFirst()).fileName();
    whenReady(m_hub.open(sandboxId, key, options), this,
              [this, sandboxId, title](Result<TerminalSession*> opened) {
                  m_open->setEnabled(!m_sandboxId.isEmpty());
                  if (!opened) {
                      const QString message = opened.error().describe();
                      m_status->setText(tr("Could not open a shell: %1").arg(message));
                      emit shellFailed(message);
                      return;
                  }
                  m_status->hide();
                  addSessionTab(tabsFor(sandboxId), opened.value(), title);
                  if (sandboxId == m_sandboxId)
                      setSandboxId(sandboxId);
              });
}

void TerminalTabs::addSessionTab(QTabWidget* tabs, TerminalSession* session, const QString& title) {
    auto* page = new QWidget(tabs);
    auto* banner = new QLabel(page);
    banner->setObjectName(QStringLiteral("sessionBanner"));
    banner->setWordWrap(true);
    banner->hide();
    auto* view = new TerminalView(page);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(banner);
    layout->addWidget(view, 1);
    const int index = tabs->addTab(page, title);
    tabs->setCurrentIndex(index);
    // The kept output is replayed at the view's real size, not at a placeholder size that
    // would push it off the screen.
    m_pages->setCurrentWidget(tabs);
    if (QLayout* outer = this->layout())
        outer->activate();
    tabs->currentWidget()->layout()->activate();
    new TerminalSessionConnector(view, session);
    setSandboxId(m_sandboxId); // back to the page of the sandbox shown now
    view->setFocus();

    // When the shell ends, say why; the output stays to be read and copied.
    const QString sandboxId = session->sandboxId();
    const auto showEnd = [banner](const QString& why) {
        banner->setText(why);
        banner->show();
    };
    // Hibernation ends shells either way (an exit or a cancelled command): say that first.
    const auto hibernated = [this, sandboxId] { return m_hub.isAsleep(sandboxId); };
    const QString slept =
        tr("The shell ended because the sandbox hibernated. Open a new one to wake it.");
    connect(session, &TerminalSession::exited, banner, [showEnd, hibernated, slept](int code) {
        showEnd(hibernated() ? slept : tr("The shell exited with status %1.").arg(code));
    });
    connect(session, &TerminalSession::failed, banner,
            [showEnd, hibernated, slept](const Error& error) {
                showEnd(hibernated()
                            ? slept
                            : tr("The connection to the shell broke: %1").arg(error.describe()));
            });
    // A dropped connection to a shell the provider keeps running is re-established by the
    // session itself; until then the banner says so and typing waits.
    connect(session, &TerminalSession::reconnecting, banner,
            [showEnd](int attempt, const Error& error) {
                showEnd(tr("Connection lost (%1). Reconnecting to the same shell, attempt %2 of "
                           "%3…")
                            .arg(error.message)
                            .arg(attempt)
                            .arg(TerminalSession::kMaxReconnectAttempts));
            });
    connect(session, &TerminalSession::reconnected, banner, &QLabel::hide);
    emit shellOpened(view);
}

void TerminalTabs::showStatus(const QString& text) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void TerminalTabs::chooseSessionToAttach() {
    const auto sandbox = m_lifecycle.sandbox(m_sandboxId);
    Backend* backend = sandbox ? m_lifecycle.backend(sandbox.value().backend) : nullptr;
    if (!backend) {
        showStatus(tr("No backend to ask for sessions."));
        return;
    }
    whenReady(
        backend->sessions(sandbox.value().name), this, [this](Result<QList<SessionInfo>> sessions) {
            if (!sessions) {
                showStatus(tr("Could not list the sessions: %1").arg(sessions.error().describe()));
                return;
            }
            auto* menu = new QMenu(this);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            for (const SessionInfo& session : sessions.value()) {
                if (!session.running || !session.tty)
                    continue;
                const QString command = session.command.join(QLatin1Char(' '));
                QAction* action = menu->addAction(
                    tr("%1 (started %2)")
                        .arg(command, QLocale().toString(session.startedAt.toLocalTime(),
                                                         QLocale::ShortFormat)));
                const QString id = session.id;
                connect(action, &QAction::triggered, this,
                        [this, id, command] { attachSession(id, command); });
            }
            if (menu->isEmpty())
                menu->addAction(tr("No terminal session is running"))->setEnabled(false);
            emit attachMenuReady(menu);
            menu->popup(m_attach->mapToGlobal(QPoint(0, m_attach->height())));
        });
}

void TerminalTabs::attachSession(const QString& sessionId, const QString& title) {
    const QString sandboxId = m_sandboxId;
    whenReady(m_hub.attach(sandboxId, sessionId), this,
              [this, sandboxId, title](Result<TerminalSession*> attached) {
                  if (!attached) {
                      const QString message = attached.error().describe();
                      showStatus(tr("Could not attach: %1").arg(message));
                      emit shellFailed(message);
                      return;
                  }
                  showStatus({});
                  const QString name = QFileInfo(title.section(QLatin1Char(' '), 0, 0)).fileName();
                  addSessionTab(tabsFor(sandboxId), attached.value(),
                                tr("%1 (attached)").arg(name));
                  if (sandboxId == m_sandboxId)
                      setSandboxId(sandboxId);
              });
}

TerminalSession* TerminalTabs::currentSession() const {
    QTabWidget* tabs = currentTabs();
    QWidget* page = tabs ? tabs->currentWidget() : nullptr;
    auto* view = page ? page->findChild<TerminalView*>() : nullptr;
    auto* connector = view ? view->findChild<TerminalSessionConnector*>() : nullptr;
    return connector ? connector->session() : nullptr;
}

void TerminalTabs::showTranscripts() {
    TranscriptStore* store = m_hub.transcripts();
    if (!store || m_sandboxId.isEmpty())
        return;
    auto* dialog = new TranscriptDialog(*store, m_sandboxId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void TerminalTabs::killCurrent() {
    if (TerminalSession* session = currentSession(); session && session->isRunning())
        session->terminate();
}

void TerminalTabs::closeTab(QTabWidget* tabs, int index) {
    QWidget* page = tabs->widget(index);
    if (!page)
        return;
    // Closing the tab ends its shell: nobody else holds a desktop-N session.
    if (auto* view = page->findChild<TerminalView*>()) {
        if (auto* connector = view->findChild<TerminalSessionConnector*>()) {
            if (TerminalSession* session = connector->session(); session && session->isRunning())
                session->terminate();
        }
    }
    tabs->removeTab(index);
    page->deleteLater();
    if (tabs->count() == 0 && tabs == currentTabs())
        m_pages->setCurrentIndex(0);
}

} // namespace hangar
