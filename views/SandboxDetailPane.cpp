#include "SandboxDetailPane.h"

#include "SandboxEventModel.h"
#include "SessionListModel.h"
#include "StatusPalette.h"
#include "backend/Backend.h"
#include "lifecycle/LifecycleService.h"
#include "util/Async.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace hangar {

namespace {

QString formatTime(const QDateTime& at) {
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat)
                        : SandboxDetailPane::tr("never");
}

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

SandboxDetailPane::SandboxDetailPane(LifecycleService& lifecycle, QWidget* parent)
    : QWidget(parent)
    , m_lifecycle(lifecycle)
    , m_timeline(new SandboxEventModel(lifecycle, this))
    , m_sessions(new SessionListModel(this)) {
    m_pages = new QStackedWidget(this);
    auto* empty = new QLabel(tr("Select a sandbox to see its details."), m_pages);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);
    m_pages->addWidget(empty);

    m_tabs = new QTabWidget(m_pages);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->addTab(createOverview(), tr("&Overview"));
    m_tabs->addTab(createTimeline(), tr("T&imeline"));
    m_pages->addWidget(m_tabs);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(&m_lifecycle, &LifecycleService::sandboxChanged, this,
            &SandboxDetailPane::onSandboxChanged);
    connect(&m_lifecycle, &LifecycleService::sandboxRemoved, this,
            &SandboxDetailPane::onSandboxRemoved);
    m_probeTimer.setInterval(kProbeIntervalMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &SandboxDetailPane::probeProvider);
}

QWidget* SandboxDetailPane::createTimeline() {
    auto* splitter = new QSplitter(Qt::Vertical, m_tabs);
    m_timelineView = makeTable(m_timeline, splitter);
    m_timelineView->setObjectName(QStringLiteral("timelineView"));
    // New events arrive at the bottom: keep them in sight.
    connect(m_timeline, &QAbstractItemModel::rowsInserted, m_timelineView,
            &QAbstractItemView::scrollToBottom);
    // A note's detail (a setup command's output, say) is too long for a cell: shown below.
    m_timelineDetail = new QPlainTextEdit(splitter);
    m_timelineDetail->setObjectName(QStringLiteral("timelineDetail"));
    m_timelineDetail->setReadOnly(true);
    m_timelineDetail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_timelineDetail->hide();
    splitter->addWidget(m_timelineView);
    splitter->addWidget(m_timelineDetail);
    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SandboxDetailPane::showEventDetail);
    connect(m_timeline, &QAbstractItemModel::modelReset, this, [this] { showEventDetail({}); });
    return splitter;
}

void SandboxDetailPane::showEventDetail(const QModelIndex& current) {
    const QString detail =
        current.isValid() ? current.data(SandboxEventModel::DetailRole).toString() : QString();
    m_timelineDetail->setPlainText(detail);
    m_timelineDetail->setVisible(!detail.isEmpty());
}

QWidget* SandboxDetailPane::createOverview() {
    auto* overview = new QWidget(this);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addField = [this, form, overview](Field which, const QString& label) {
        auto* value = new QLabel(overview);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // One line each; a text too long for the pane is cut, and whole in the tooltip.
        value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        m_fields.insert(which, value);
        form->addRow(label, value);
    };
    addField(Field::Name, tr("Name:"));
    addField(Field::Backend, tr("Backend:"));
    addField(Field::State, tr("State:"));
    addField(Field::ProviderStatus, tr("Provider status:"));
    addField(Field::Isolation, tr("Isolation:"));
    addField(Field::Created, tr("Created:"));
    addField(Field::LastActivity, tr("Last activity:"));
    addField(Field::Error, tr("Error:"));
    addField(Field::KeepingAwake, tr("Keeping it awake:"));

    auto* refresh = new QToolButton(overview);
    refresh->setText(tr("Ask the provider again"));
    refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(refresh, &QToolButton::clicked, this, &SandboxDetailPane::probeProvider);
    form->addRow(QString(), refresh);

    m_sessionView = makeTable(m_sessions, overview);
    m_sessionView->setObjectName(QStringLiteral("sessionView"));

    // Facts on the left, the sessions keeping it awake on the right: the pane stays short.
    auto* facts = new QWidget(overview);
    facts->setLayout(form);
    auto* sessions = new QVBoxLayout;
    sessions->addWidget(new QLabel(tr("Sessions"), overview));
    sessions->addWidget(m_sessionView, 1);
    auto* layout = new QHBoxLayout(overview);
    layout->addWidget(facts, 3);
    layout->addLayout(sessions, 2);
    return overview;
}

QLabel* SandboxDetailPane::field(Field which) const {
    return m_fields.value(which);
}

void SandboxDetailPane::setField(Field which, const QString& text) {
    QLabel* label = field(which);
    label->setText(text);
    label->setToolTip(text);
}

void SandboxDetailPane::setSandboxId(const QString& id) {
    ++m_probeGeneration;
    m_sessions->setSessions({});
    m_sessionsError.clear();
    m_timeline->setSandboxId(id);
    auto sandbox = id.isEmpty() ? Result<Sandbox>(makeError(ErrorCode::NotFound, {}))
                                : m_lifecycle.sandbox(id);
    if (!sandbox) {
        m_sandbox = {};
        m_probeTimer.stop();
        m_pages->setCurrentIndex(0);
        emit sandboxIdChanged({});
        return;
    }
    m_pages->setCurrentWidget(m_tabs);
    showSandbox(sandbox.value());
    probeProvider();
    m_probeTimer.start();
    emit sandboxIdChanged(m_sandbox.id);
}

void SandboxDetailPane::showSandbox(const Sandbox& sandbox) {
    m_sandbox = sandbox;
    setField(Field::Name, sandbox.name);
    setField(Field::Backend, sandbox.backend);
    setField(Field::State, StatusPalette::label(sandbox.state));
    setField(Field::Created, formatTime(sandbox.createdAt));
    setField(Field::LastActivity, formatTime(sandbox.lastActivityAt));
    setField(Field::Error, sandbox.error.isEmpty() ? tr("none") : sandbox.error);

    const Backend* backend = m_lifecycle.backend(sandbox.backend);
    if (!backend) {
        field(Field::Isolation)
            ->setText(tr("unknown: backend %1 is not available").arg(sandbox.backend));
        return;
    }
    const QString isolation = backend->isolation(sandbox.name);
    field(Field::Isolation)
        ->setText(backend->isIsolated(sandbox.name) ? isolation
                                                    : tr("NOT ISOLATED — %1").arg(isolation));
}

void SandboxDetailPane::probeProvider() {
    if (!m_sandbox.isValid())
        return;
    Backend* backend = m_lifecycle.backend(m_sandbox.backend);
    if (!backend) {
        setField(Field::ProviderStatus, tr("backend %1 is not available").arg(m_sandbox.backend));
        return;
    }
    const quint64 generation = ++m_probeGeneration;
    if (field(Field::ProviderStatus)->text().isEmpty())
        setField(Field::ProviderStatus, tr("asking…"));
    // Two answers arrive independently; each is dropped if another probe started since.
    auto pending = std::make_shared<int>(2);
    const auto finishOne = [this, pending] {
        if (--*pending == 0)
            emit providerProbed();
    };
    whenReady(backend->status(m_sandbox.name), this,
              [this, generation, finishOne](Result<ProviderStatus> result) {
                  if (generation != m_probeGeneration)
                      return;
                  if (result) {
                      const ProviderStatus& s = result.value();
                      const QString state = providerStateName(s.state);
                      // The provider's own words, led by the state unless they already say it.
                      setField(Field::ProviderStatus, s.detail.isEmpty() ? state
                                                      : s.detail.startsWith(state)
                                                          ? s.detail
                                                          : tr("%1 — %2").arg(state, s.detail));
                  } else {
                      setField(Field::KeepingAwake,
                               tr("could not ask the provider: %1").arg(result.error().describe()));
                  }
                  finishOne();
              });
    whenReady(backend->sessions(m_sandbox.name), this,
              [this, generation, finishOne](Result<QList<SessionInfo>> result) {
                  if (generation != m_probeGeneration)
                      return;
                  if (result) {
                      m_sessionsError.clear();
                      m_sessions->setSessions(result.value());
                  } else {
                      m_sessionsError = result.error().describe();
                      m_sessions->setSessions({});
                  }
                  updateKeepingAwake();
                  finishOne();
              });
}

void SandboxDetailPane::updateKeepingAwake() {
    if (!m_sessionsError.isEmpty()) {
        setField(Field::KeepingAwake, tr("unknown: %1").arg(m_sessionsError));
        return;
    }
    const int running = m_sessions->runningCount();
    if (running == 0) {
        setField(Field::KeepingAwake,
                 m_sandbox.state == SandboxState::Active
                     ? tr("nothing: no open sessions; it hibernates after the inactivity "
                          "timeout")
                     : tr("nothing"));
        return;
    }
    QDateTime latest;
    for (int row = 0; row < m_sessions->rowCount(); ++row) {
        const SessionInfo& session = m_sessions->sessionAt(row);
        if (session.running && session.lastActivityAt > latest)
            latest = session.lastActivityAt;
    }
    setField(Field::KeepingAwake,
             running == 1
                 ? tr("1 open session, last used %1").arg(formatTime(latest))
                 : tr("%1 open sessions, last used %2").arg(running).arg(formatTime(latest)));
}

void SandboxDetailPane::onSandboxChanged(const Sandbox& sandbox) {
    if (sandbox.id != m_sandbox.id)
        return;
    const bool stateChanged = sandbox.state != m_sandbox.state;
    showSandbox(sandbox);
    // A new state means new provider facts (a hibernated machine has no sessions).
    if (stateChanged)
        probeProvider();
}

void SandboxDetailPane::onSandboxRemoved(const QString& id) {
    if (id == m_sandbox.id)
        setSandboxId({});
}

} // namespace hangar
