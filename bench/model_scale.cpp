// The sandbox table at scale: how long 100 000 sandboxes take to load into SandboxTableModel
// and to reach the screen through the sorting SandboxFilterProxy and a QTableView, and how
// fast the model applies state changes while the event loop stays responsive.
//
//   bench_model_scale [rows=100000] [changes=10000] [rate=10000] [capSeconds=120]
//
// A real LifecycleService over a real Store on a temporary SQLite file (no backend: loading
// and live updates do not need one). The rows are written through a second connection in one
// transaction, as fast as SQLite allows, so populating is not what is measured.
//
// State changes are delivered the way the engine delivers them, as LifecycleService::
// sandboxChanged signals, for random rows. The paced run emits `rate` changes per second in
// bursts from a 10 ms timer (a late tick sends a larger burst, as a busy engine would); the
// flat-out run emits them in bursts of 1 000 per event-loop turn. During both, a 16 ms probe
// timer records how late the event loop serves it. The view is shown on the offscreen platform
// with the same set-up as MainWindow (sorted by name, dynamic sorting).
//
// It reports; it never passes or fails on time (exit code 1 only if the model ends up wrong).
#include "SandboxFilterProxy.h"
#include "SandboxTableModel.h"
#include "lifecycle/LifecycleService.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

using namespace hangar;

namespace {

constexpr int kProbeIntervalMs = 16;
constexpr int kDriverIntervalMs = 10;
constexpr int kFlatOutBurst = 1000;

qint64 rssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double ms(qint64 ns) {
    return double(ns) / 1e6;
}

double percentile(std::vector<qint64> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return double(v[i]);
}

// Remembers when the viewport finished painting for the first time, and how often it painted.
class TimedTableView : public QTableView {
public:
    QElapsedTimer* clock = nullptr;
    qint64 firstPaintDoneNs = -1;
    int paints = 0;

protected:
    void paintEvent(QPaintEvent* event) override {
        QTableView::paintEvent(event);
        ++paints;
        if (firstPaintDoneNs < 0 && clock)
            firstPaintDoneNs = clock->nsecsElapsed();
    }
};

// A repeating 16 ms timer; each gap longer than 16 ms is how late the event loop served it.
class LatenessProbe {
public:
    LatenessProbe() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kProbeIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateNs.push_back(
                std::max<qint64>(0, now - m_lastNs - kProbeIntervalMs * 1'000'000LL));
            m_lastNs = now;
        });
    }
    void start() {
        m_lateNs.clear();
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    size_t ticks() const { return m_lateNs.size(); }
    double p99Ms() const { return percentile(m_lateNs, 0.99) / 1e6; }
    double maxMs() const { return percentile(m_lateNs, 1.0) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    std::vector<qint64> m_lateNs;
};

bool populate(const QString& path, int rows, const QDateTime& now) {
    const QString connection = QStringLiteral("bench-populate");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO sandboxes (id, name, backend, chat_id, thread_id, state, error, "
            "created_at, updated_at, last_activity_at, pinned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, 0)"));
        QRandomGenerator random(42);
        const qint64 nowMs = now.toMSecsSinceEpoch();
        ok = true;
        for (int i = 0; i < rows && ok; ++i) {
            // Mostly active and hibernated, a few of everything else: like a busy fleet.
            const int dice = int(random.bounded(100));
            const SandboxState state = dice < 55   ? SandboxState::Active
                                       : dice < 90 ? SandboxState::Hibernated
                                       : dice < 95 ? SandboxState::Failed
                                       : dice < 97 ? SandboxState::Provisioning
                                       : dice < 99 ? SandboxState::Hibernating
                                                   : SandboxState::Restoring;
            const QString chat = QStringLiteral("chat%1").arg(random.bounded(1'000'000));
            const QString thread = QStringLiteral("t%1").arg(i);
            q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
            q.addBindValue(QStringLiteral("zuko-%1-%2").arg(chat, thread));
            q.addBindValue(random.bounded(4) == 0 ? QStringLiteral("sprites")
                                                  : QStringLiteral("local"));
            q.addBindValue(chat);
            q.addBindValue(thread);
            q.addBindValue(stateName(state));
            q.addBindValue(state == SandboxState::Failed
                               ? QStringLiteral("provider said no (%1)").arg(i)
                               : QStringLiteral(""));
            q.addBindValue(nowMs - qint64(rows - i) * 1000);
            q.addBindValue(nowMs - qint64(rows - i) * 1000);
            q.addBindValue(nowMs - qint64(random.bounded(25 * 60 * 1000)));
            ok = q.exec();
            if (!ok)
                std::fprintf(stderr, "insert failed: %s\n", qPrintable(q.lastError().text()));
        }
        ok = ok && db.commit();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

struct ChangeRun {
    int emitted = 0;
    qint64 wallNs = 0;
    qint64 busyNs = 0; // time spent inside the emitting ticks (the model's and proxy's work)
    int largestBurst = 0;
    bool capped = false;
    double p99LateMs = 0;
    double maxLateMs = 0;
    size_t probeTicks = 0;
    int proxyDataChanged = 0;
    int proxyLayoutChanged = 0;
    int paints = 0;
};

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int rows = argc > 1 ? std::atoi(argv[1]) : 100'000;
    const int changes = argc > 2 ? std::atoi(argv[2]) : 10'000;
    const int rate = argc > 3 ? std::atoi(argv[3]) : 10'000;
    const int capSeconds = argc > 4 ? std::atoi(argv[4]) : 120;

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("hangar.db"));
    auto opened = Store::open(DatabaseUrl::sqlite(dbPath));
    if (!opened) {
        std::fprintf(stderr, "store: %s\n", qPrintable(opened.error().describe()));
        return 1;
    }
    std::unique_ptr<Store> store = std::move(opened.value());
    SystemClock clock;
    LifecycleService lifecycle(*store, clock, LifecycleOptions{});

    QElapsedTimer t;
    t.start();
    if (!populate(dbPath, rows, clock.now())) {
        std::fprintf(stderr, "could not populate the database\n");
        return 1;
    }
    const qint64 populateNs = t.nsecsElapsed();

    // The model first, so its RSS growth is its own (plus the query's leftovers).
    const qint64 rssStart = rssKiB();
    t.restart();
    auto model = std::make_unique<SandboxTableModel>(lifecycle);
    const qint64 modelNs = t.nsecsElapsed();
    const qint64 rssModel = rssKiB();
    if (!model->loadError().isEmpty() || model->rowCount() != rows) {
        std::fprintf(stderr, "model loaded %d rows: %s\n", model->rowCount(),
                     qPrintable(model->loadError()));
        return 1;
    }

    // The same set-up as MainWindow.
    QElapsedTimer screen;
    screen.start();
    SandboxFilterProxy proxy;
    proxy.setSourceModel(model.get());
    TimedTableView view;
    view.clock = &screen;
    view.resize(1200, 800);
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(SandboxTableModel::NameColumn, Qt::AscendingOrder);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSelectionMode(QAbstractItemView::ExtendedSelection);
    view.setAlternatingRowColors(true);
    view.setWordWrap(false);
    view.verticalHeader()->hide();
    view.horizontalHeader()->setStretchLastSection(true);
    view.resizeColumnsToContents();
    const qint64 proxyNs = screen.nsecsElapsed();
    view.show();
    while (view.firstPaintDoneNs < 0 && screen.elapsed() < capSeconds * 1000)
        app.processEvents(QEventLoop::AllEvents, 50);
    const qint64 firstPaintNs = view.firstPaintDoneNs;
    const qint64 rssView = rssKiB();

    // The store's part of the load, on its own (after the fact, so it does not skew RSS).
    t.restart();
    const int queried = int(lifecycle.sandboxes().value().size());
    const qint64 queryNs = t.nsecsElapsed();

    // Idle: nothing changes, but the countdown column ticks every second.
    LatenessProbe probe;
    probe.start();
    QElapsedTimer idle;
    idle.start();
    while (idle.elapsed() < 3000)
        app.processEvents(QEventLoop::WaitForMoreEvents, 50);
    probe.stop();
    const double idleP99 = probe.p99Ms();
    const double idleMax = probe.maxMs();
    const size_t idleTicks = probe.ticks();

    // One countdown tick on its own: the range over every active row, through proxy and view.
    constexpr int kTicks = 5;
    t.restart();
    for (int i = 0; i < kTicks; ++i)
        model->refreshCountdown();
    const qint64 tickNs = t.nsecsElapsed() / kTicks;
    app.processEvents();

    // Changes: random rows, a new state each time; the last value per id is checked at the end.
    QRandomGenerator random(7);
    QHash<QString, SandboxState> expected;
    auto nextChange = [&] {
        Sandbox s = model->sandboxAt(int(random.bounded(model->rowCount())));
        const SandboxState old = s.state;
        do {
            s.state = kAllStates[random.bounded(int(std::size(kAllStates)))];
        } while (s.state == old);
        s.error = s.state == SandboxState::Failed ? QStringLiteral("bench failure") : QString();
        s.updatedAt = clock.now();
        s.lastActivityAt = s.updatedAt;
        expected.insert(s.id, s.state);
        return s;
    };

    auto runChanges = [&](bool paced) {
        ChangeRun run;
        int dataChanged = 0;
        int layoutChanged = 0;
        const auto c1 = QObject::connect(&proxy, &QAbstractItemModel::dataChanged, &proxy,
                                         [&dataChanged] { ++dataChanged; });
        const auto c2 = QObject::connect(&proxy, &QAbstractItemModel::layoutChanged, &proxy,
                                         [&layoutChanged] { ++layoutChanged; });
        const int paintsBefore = view.paints;
        QElapsedTimer wall;
        QTimer driver;
        driver.setTimerType(Qt::PreciseTimer);
        driver.setInterval(paced ? kDriverIntervalMs : 0);
        QObject::connect(&driver, &QTimer::timeout, &driver, [&] {
            const qint64 due =
                paced ? std::min<qint64>(changes, wall.nsecsElapsed() * rate / 1'000'000'000)
                      : std::min(changes, run.emitted + kFlatOutBurst);
            const qint64 begin = wall.nsecsElapsed();
            const int burst = int(due) - run.emitted;
            for (int i = 0; i < burst; ++i)
                emit lifecycle.sandboxChanged(nextChange());
            run.emitted += burst;
            run.largestBurst = std::max(run.largestBurst, burst);
            run.busyNs += wall.nsecsElapsed() - begin;
            if (run.emitted >= changes)
                driver.stop();
        });
        probe.start();
        wall.start();
        driver.start();
        while (driver.isActive()) {
            app.processEvents(QEventLoop::WaitForMoreEvents, 50);
            if (wall.elapsed() > capSeconds * 1000) {
                run.capped = true;
                driver.stop();
            }
        }
        // Whatever the model deferred to the end of the turn lands now.
        const qint64 beforeDrain = wall.nsecsElapsed();
        app.processEvents();
        run.busyNs += wall.nsecsElapsed() - beforeDrain;
        run.wallNs = wall.nsecsElapsed();
        // Let the probe see the tail, then stop.
        QElapsedTimer tail;
        tail.start();
        while (tail.elapsed() < 100)
            app.processEvents(QEventLoop::WaitForMoreEvents, 20);
        probe.stop();
        run.p99LateMs = probe.p99Ms();
        run.maxLateMs = probe.maxMs();
        run.probeTicks = probe.ticks();
        run.proxyDataChanged = dataChanged;
        run.proxyLayoutChanged = layoutChanged;
        run.paints = view.paints - paintsBefore;
        QObject::disconnect(c1);
        QObject::disconnect(c2);
        return run;
    };

    const ChangeRun paced = runChanges(true);
    const ChangeRun flat = runChanges(false);

    int wrong = 0;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const int row = model->rowOf(it.key());
        if (row < 0 || model->sandboxAt(row).state != it.value())
            ++wrong;
    }
    const auto counts = model->stateCounts();
    int counted = 0;
    for (int n : counts)
        counted += n;
    if (counted != model->rowCount())
        ++wrong;

    std::printf("SandboxTableModel at scale: %d rows, %d changes per run (%s build)\n", rows,
                changes,
#ifdef NDEBUG
                "optimised"
#else
                "debug"
#endif
    );
    std::printf("  populate the SQLite file (one transaction, not the model) %10.1f ms\n",
                ms(populateNs));
    std::printf("  load: model constructor (store query + rows)             %10.1f ms\n",
                ms(modelNs));
    std::printf("        of which the store query alone (%d rows)       %10.1f ms\n", queried,
                ms(queryNs));
    std::printf("        proxy attach + sort by name + view set-up           %10.1f ms\n",
                ms(proxyNs));
    std::printf("        show() -> first paint of the view done              %10.1f ms\n",
                ms(firstPaintNs - proxyNs));
    std::printf("        total, constructor to first paint                   %10.1f ms\n",
                ms(modelNs + firstPaintNs));
    std::printf("  memory: RSS %lld MiB before the model; +%lld MiB model (%.0f bytes/row);"
                " +%lld MiB proxy and view\n",
                rssStart / 1024, (rssModel - rssStart) / 1024,
                double(rssModel - rssStart) * 1024.0 / rows, (rssView - rssModel) / 1024);
    std::printf("  idle 3 s (countdown ticking): 16 ms timer late p99 %.1f ms, max %.1f ms"
                " (%zu ticks)\n",
                idleP99, idleMax, idleTicks);
    std::printf("  one countdown tick (%d active rows, through proxy and view): %.1f ms\n",
                model->stateCounts().value(SandboxState::Active), ms(tickNs));
    for (const auto& [name, run] : {std::pair{"paced", paced}, std::pair{"flat out", flat}}) {
        const double seconds = double(run.wallNs) / 1e9;
        std::printf("  %-8s %5d changes in %8.1f ms: %8.0f changes/s applied%s; model+proxy"
                    " busy %.1f ms (%.1f us/change), largest burst %d\n",
                    name, run.emitted, ms(run.wallNs), run.emitted / seconds,
                    run.capped ? " (CAPPED)" : "", ms(run.busyNs),
                    double(run.busyNs) / 1e3 / std::max(1, run.emitted), run.largestBurst);
        std::printf("           16 ms timer late p99 %.1f ms, max %.1f ms (%zu ticks); proxy"
                    " dataChanged %d, layoutChanged %d; view paints %d\n",
                    run.p99LateMs, run.maxLateMs, run.probeTicks, run.proxyDataChanged,
                    run.proxyLayoutChanged, run.paints);
    }
    std::printf("  end state: %s (%lld ids checked, state counts sum %d)\n",
                wrong == 0 ? "correct" : "WRONG", qint64(expected.size()), counted);
    return wrong == 0 ? 0 : 1;
}
