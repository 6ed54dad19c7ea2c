// The Files tab on a large folder: how long a folder of 10 000 entries takes from asking
// (RemoteFileModel::setRoot) to the tree view showing rows (first paint with rows) and to
// fully listed (every row in the model), and how long a refresh of it takes (nothing changed,
// so every row is kept).
//
//   bench_file_listing [entries=10000] [runs=5] [backends=local,sprites]
//
// A real LifecycleService over SQLite with the local backend (bubblewrap's filesystem
// confinement, no process: listing is done by the backend itself), and Sprites through the
// Sprites-compatible emulator over a LocalBackend (real HTTP on the loopback). The entries are
// written on the host beforehand. The tree is a shown QTreeView on the offscreen platform,
// set up as FileBrowser does (uniform row heights). Each run uses a new model and view.
//
// It reports; it never passes or fails on time (exit code 1 only if a listing is wrong).
#include "RemoteFileModel.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "sprites/SpritesBackend.h"
#include "sprites/SpritesClient.h"
#include "spritesapi/SpritesApi.h"
#include "store/Store.h"
#include "tools/SandboxTools.h"
#include "util/Clock.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTemporaryDir>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace hangar;

namespace {

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

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Remembers when the viewport first finished painting while the model had entry rows.
class TimedTreeView : public QTreeView {
public:
    QElapsedTimer* clock = nullptr;
    qint64 firstRowsPaintNs = -1;

protected:
    void paintEvent(QPaintEvent* event) override {
        QTreeView::paintEvent(event);
        if (firstRowsPaintNs >= 0 || !clock || !model() || model()->rowCount() < 2)
            return;
        const QModelIndex first = model()->index(0, 0);
        if (first.data(RemoteFileModel::KindRole).toInt() == int(RemoteFileModel::Kind::Entry))
            firstRowsPaintNs = clock->nsecsElapsed();
    }
};

template <typename F> bool waitFor(F done, int timeoutMs = 120'000) {
    const QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    return done();
}

template <typename T> Result<T> await(Task<T> task) {
    waitFor([&task] { return task.isFinished(); });
    if (!task.isFinished() || task.resultCount() == 0)
        return makeError(ErrorCode::Timeout, QStringLiteral("no answer"));
    return task.result();
}

struct Figures {
    std::vector<double> firstPaintMs;
    std::vector<double> listedMs;
    std::vector<double> refreshMs;
};

// One backend: the engine, the folder of `entries` files, `runs` listings.
bool measure(const QString& kind, int entries, int runs, Figures& out) {
    QTemporaryDir dir;
    auto store = Store::open(DatabaseUrl::sqlite(dir.filePath(QStringLiteral("hangar.db"))));
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(store.error().describe()));
        return false;
    }
    const bool onSprites = kind == QLatin1String("sprites");
    LocalBackend::Options options;
    options.dataDir = dir.filePath(QStringLiteral("data"));
    options.workingDir =
        onSprites ? sprites::SpritesClient::DefaultWorkingDir : QStringLiteral("/workspace");
    LocalBackend local(options);
    ManualClock clock;
    LifecycleOptions lifecycleOptions;
    lifecycleOptions.defaultBackend = kind;
    LifecycleService lifecycle(*store.value(), clock, lifecycleOptions);
    std::unique_ptr<spritesapi::SpritesApi> emulator;
    std::unique_ptr<sprites::SpritesBackend> spritesBackend;
    if (onSprites) {
        spritesapi::SpritesApi::Options apiOptions;
        apiOptions.token = QStringLiteral("bench-token");
        emulator = std::make_unique<spritesapi::SpritesApi>(local, apiOptions);
        const auto bound = emulator->listen(QStringLiteral("127.0.0.1:0"));
        if (!bound) {
            std::fprintf(stderr, "emulator: %s\n", qPrintable(bound.error().describe()));
            return false;
        }
        sprites::SpritesBackend::Options spritesOptions;
        spritesOptions.client.baseUrl = QUrl(QStringLiteral("http://") + bound.value());
        spritesOptions.client.token = apiOptions.token;
        spritesOptions.client.requestTimeoutMs = 60'000;
        spritesBackend = std::make_unique<sprites::SpritesBackend>(spritesOptions);
        lifecycle.addBackend(spritesBackend.get());
    } else {
        lifecycle.addBackend(&local);
    }
    SandboxTools tools(lifecycle);
    auto sandbox = await(lifecycle.provision(QStringLiteral("bench"), QStringLiteral("main")));
    if (!sandbox) {
        std::fprintf(stderr, "provision: %s\n", qPrintable(sandbox.error().describe()));
        return false;
    }
    const QString host = local.hostRoot(sandbox.value().name) + QStringLiteral("/big");
    QDir().mkpath(host);
    for (int i = 0; i < entries; ++i) {
        QFile file(host + QStringLiteral("/file-%1.txt").arg(i, 5, 10, QLatin1Char('0')));
        if (!file.open(QIODevice::WriteOnly) || file.write("x\n") != 2)
            return false;
    }
    const QString path = options.workingDir + QStringLiteral("/big");

    for (int run = 0; run < runs; ++run) {
        RemoteFileModel model(tools);
        TimedTreeView view;
        view.setUniformRowHeights(true);
        view.setModel(&model);
        view.header()->setSectionResizeMode(RemoteFileModel::NameColumn, QHeaderView::Stretch);
        view.resize(900, 700);
        view.show();
        QElapsedTimer timer;
        view.clock = &timer;
        qint64 listedNs = -1;
        QObject::connect(&model, &RemoteFileModel::directoryListed, &model, [&](const QString&) {
            if (listedNs < 0)
                listedNs = timer.nsecsElapsed();
        });
        timer.start();
        model.setRoot(sandbox.value().id, path);
        if (!waitFor([&] { return listedNs >= 0 && view.firstRowsPaintNs >= 0; })) {
            std::fprintf(stderr, "%s: the listing did not arrive\n", qPrintable(kind));
            return false;
        }
        if (model.rowCount() != entries) {
            std::fprintf(stderr, "%s: %d rows instead of %d\n", qPrintable(kind), model.rowCount(),
                         entries);
            return false;
        }
        out.listedMs.push_back(double(listedNs) / 1e6);
        out.firstPaintMs.push_back(double(view.firstRowsPaintNs) / 1e6);

        qint64 refreshedNs = -1;
        QObject::connect(&model, &RemoteFileModel::directoryListed, &model,
                         [&](const QString&) { refreshedNs = timer.nsecsElapsed(); });
        timer.restart();
        model.refresh();
        if (!waitFor([&] { return refreshedNs >= 0; }) || model.rowCount() != entries)
            return false;
        out.refreshMs.push_back(double(refreshedNs) / 1e6);
        std::printf("  %s run %d: first paint with rows %.0f ms, fully listed %.0f ms, "
                    "refresh %.0f ms\n",
                    qPrintable(kind), run + 1, out.firstPaintMs.back(), out.listedMs.back(),
                    out.refreshMs.back());
        std::fflush(stdout);
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int entries = args.value(1, QStringLiteral("10000")).toInt();
    const int runs = args.value(2, QStringLiteral("5")).toInt();
    const QStringList backends =
        args.value(3, QStringLiteral("local,sprites")).split(QLatin1Char(','));
    std::printf("bench_file_listing: a folder of %d entries, %d runs per backend\n", entries, runs);
    bool ok = true;
    for (const QString& kind : backends) {
        Figures figures;
        if (!measure(kind, entries, runs, figures)) {
            ok = false;
            continue;
        }
        std::printf("%s: median first paint with rows %.0f ms, fully listed %.0f ms, refresh "
                    "%.0f ms (RSS %lld KiB)\n",
                    qPrintable(kind), median(figures.firstPaintMs), median(figures.listedMs),
                    median(figures.refreshMs), rssKiB());
    }
    return ok ? 0 : 1;
}
