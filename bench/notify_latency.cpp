// How long after a commit in one instance another instance announces it: instance A commits a
// transition (Store::transition, one transaction with its NOTIFY), instance B's
// LifecycleService emits stateChanged after re-reading the row and the event. Both run in this
// process with their own connections to a throwaway database on a real PostgreSQL server.
//
//   bench_notify_latency [postgres://user@host:port/db] [transitions]
//
// The server comes from the argument or HANGAR_TEST_PG_URL (scripts/lib/postgres.sh starts one).
// Reports p50/p99/max of single transitions (the next commit waits for the previous signal),
// then a burst: every transition committed back to back, and when B has announced them all.
#include "lifecycle/LifecycleService.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace hangar;

namespace {

constexpr SandboxState kCycle[] = {SandboxState::Active, SandboxState::Hibernating,
                                   SandboxState::Hibernated, SandboxState::Restoring};

// Creates or drops a database through the server's maintenance database.
bool admin(const DatabaseUrl& server, const QString& statement) {
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("adm"));
        db.setHostName(server.host);
        db.setPort(server.port);
        db.setUserName(server.user);
        db.setPassword(server.password);
        db.setDatabaseName(server.database);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(statement);
            if (!ok)
                std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
        } else {
            std::fprintf(stderr, "%s\n", qPrintable(db.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("adm"));
    return ok;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, static_cast<size_t>(p * double(v.size()))));
}

bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    return done();
}

int run(const DatabaseUrl& url, int transitions) {
    SystemClock clock;
    auto storeA = Store::open(url);
    auto storeB = Store::open(url);
    if (!storeA || !storeB) {
        std::fprintf(stderr, "open failed: %s\n",
                     qPrintable((storeA ? storeB.error() : storeA.error()).message));
        return 1;
    }
    Store& a = *storeA.value();
    LifecycleService b(*storeB.value(), clock, LifecycleOptions{});
    QElapsedTimer timer;
    timer.start();
    qint64 seen = 0;
    qint64 seenAtNs = 0;
    QObject::connect(&b, &LifecycleService::stateChanged, &b, [&] {
        ++seen;
        seenAtNs = timer.nsecsElapsed();
    });

    Sandbox s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.name = QStringLiteral("zuko-bench-1");
    s.backend = QStringLiteral("local");
    s.state = SandboxState::Provisioning;
    s.createdAt = s.updatedAt = s.lastActivityAt = clock.now();
    if (!a.insertSandbox(s, {})) {
        std::fprintf(stderr, "insert failed\n");
        return 1;
    }
    SandboxState state = SandboxState::Provisioning;
    int step = 0;
    auto commitNext = [&]() -> bool {
        const SandboxState to = kCycle[step++ % 4];
        if (!a.transition(s.id, state, to, QStringLiteral("bench"), {}, clock.now()))
            return false;
        state = to;
        return true;
    };

    // Warm-up: connections, prepared plans, the first socket notifier round.
    for (int i = 0; i < 20; ++i) {
        const qint64 before = seen;
        if (!commitNext() || !waitFor([&] { return seen > before; }, 5'000))
            return 1;
    }

    std::vector<double> latencyMs;
    latencyMs.reserve(size_t(transitions));
    for (int i = 0; i < transitions; ++i) {
        const qint64 before = seen;
        if (!commitNext())
            return 1;
        const qint64 committedNs = timer.nsecsElapsed();
        if (!waitFor([&] { return seen > before; }, 5'000)) {
            std::fprintf(stderr, "transition %d was never announced\n", i);
            return 1;
        }
        latencyMs.push_back(double(seenAtNs - committedNs) / 1e6);
    }
    double sum = 0;
    for (double v : latencyMs)
        sum += v;
    std::printf("single transitions: %d, commit in A -> stateChanged in B: p50 %.2f ms, p99 %.2f "
                "ms, max %.2f ms, mean %.2f ms\n",
                transitions, percentile(latencyMs, 0.50), percentile(latencyMs, 0.99),
                *std::max_element(latencyMs.begin(), latencyMs.end()),
                sum / double(latencyMs.size()));

    // Burst: A commits them all without yielding; B catches up from its event loop.
    const qint64 before = seen;
    const qint64 startNs = timer.nsecsElapsed();
    for (int i = 0; i < transitions; ++i) {
        if (!commitNext())
            return 1;
    }
    const qint64 committedNs = timer.nsecsElapsed();
    if (!waitFor([&] { return seen >= before + transitions; }, 60'000)) {
        std::fprintf(stderr, "burst: only %lld of %d announced\n", seen - before, transitions);
        return 1;
    }
    std::printf("burst: %d commits in %.1f ms; B announced the last %.1f ms after the last "
                "commit (%.0f announcements/s)\n",
                transitions, double(committedNs - startNs) / 1e6,
                double(seenAtNs - committedNs) / 1e6,
                transitions / (double(seenAtNs - startNs) / 1e9));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString urlText =
        args.size() > 1 ? args.at(1) : qEnvironmentVariable("HANGAR_TEST_PG_URL");
    const int transitions = args.size() > 2 ? args.at(2).toInt() : 1000;
    auto server = DatabaseUrl::parse(urlText);
    if (urlText.isEmpty() || !server || server.value().kind != DatabaseUrl::Kind::Postgres ||
        transitions <= 0) {
        std::fprintf(stderr, "usage: bench_notify_latency [postgres://...] [transitions]\n"
                             "(or set HANGAR_TEST_PG_URL)\n");
        return 2;
    }
    const QString name =
        QStringLiteral("hangar_bench_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!admin(server.value(), QStringLiteral("CREATE DATABASE %1").arg(name)))
        return 1;
    DatabaseUrl url = server.value();
    url.database = name;
    const int rc = run(url, transitions);
    admin(server.value(), QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    return rc;
}
