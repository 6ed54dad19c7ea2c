// Sprites exec: round-trip latency of `true` (p50/p99) and stdout throughput of a non-TTY exec,
// for Hangar's SpritesClient and, in the same run against the same server, the official SDK.
//
//   bench_sprites_exec [runs=200] [bytes=268435456]
//
// Serves the Sprites emulator in-process over a LocalBackend on a private data dir (real
// bubblewrap sandboxes, real processes), creates one sprite, measures our client, then runs
// tests/conformance/bench_exec.mjs under the Node 24 that scripts/setup --test installs there.
// Latency: from the exec call to the exit, sequentially, after a warm-up. Throughput: bytes of
// `head -c N /dev/zero` received over the exit, in MB/s (10^6 bytes).
#include "local/LocalBackend.h"
#include "sprites/SpritesClient.h"
#include "spritesapi/SpritesApi.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace hangar;

namespace {

const QString Token = QStringLiteral("bench/1/secret");

template <typename T> Result<T> wait(Task<T> task) {
    while (!task.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    return task.result();
}

struct Run {
    qint64 bytes = 0;
    std::optional<int> exitCode;
    std::optional<Error> error;
};

// Runs one exec to its end and counts its stdout.
Run execute(sprites::SpritesClient& client, const QStringList& argv) {
    sprites::ExecOptions options;
    options.argv = argv;
    options.stdinEnabled = false;
    auto* session = client.exec(QStringLiteral("bench"), options);
    Run run;
    QObject::connect(
        session, &ExecSession::output, session,
        [&run](const QByteArray& data, ExecSession::Stream) { run.bytes += data.size(); });
    QObject::connect(session, &ExecSession::exited, session,
                     [&run](int code, bool) { run.exitCode = code; });
    QObject::connect(session, &ExecSession::failed, session,
                     [&run](const Error& e) { run.error = e; });
    while (!run.exitCode && !run.error)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    session->deleteLater();
    return run;
}

double percentile(std::vector<double> sorted, double p) {
    return sorted[std::min(sorted.size() - 1, static_cast<size_t>(p / 100 * sorted.size()))];
}

QString cpuModel() {
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QStringLiteral("unknown CPU");
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 200;
    const qint64 bytes = argc > 2 ? QString::fromLocal8Bit(argv[2]).toLongLong() : 268435456;

    QTemporaryDir dir;
    LocalBackend::Options backendOptions;
    backendOptions.dataDir = dir.path();
    backendOptions.workingDir = QStringLiteral("/home/sprite");
    LocalBackend backend(backendOptions);
    spritesapi::SpritesApi::Options apiOptions;
    apiOptions.token = Token;
    spritesapi::SpritesApi api(backend, apiOptions);
    auto address = api.listen(QStringLiteral("127.0.0.1:0"));
    if (!address) {
        std::fprintf(stderr, "listen: %s\n", qPrintable(address.error().describe()));
        return 1;
    }
    const QString base = QStringLiteral("http://") + address.value();
    sprites::ClientOptions clientOptions;
    clientOptions.baseUrl = QUrl(base);
    clientOptions.token = Token;
    sprites::SpritesClient client(clientOptions);
    if (auto created = wait(client.createSprite(QStringLiteral("bench"))); !created) {
        std::fprintf(stderr, "create: %s\n", qPrintable(created.error().describe()));
        return 1;
    }
    std::printf("machine: %s, %d cores (%s), Qt %s\n", qPrintable(QSysInfo::prettyProductName()),
                QThread::idealThreadCount(), qPrintable(cpuModel()), qVersion());
    std::printf("sandbox: %s\n", qPrintable(backend.isolation(QStringLiteral("bench"))));

    // --- our client ---
    for (int i = 0; i < 5; ++i)
        execute(client, {QStringLiteral("true")});
    std::vector<double> latencies;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Run run = execute(client, {QStringLiteral("true")});
        if (run.error || run.exitCode != 0) {
            std::fprintf(stderr, "true failed: %s\n",
                         run.error ? qPrintable(run.error->describe()) : "non-zero exit");
            return 1;
        }
        latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(latencies.begin(), latencies.end());
    QElapsedTimer timer;
    timer.start();
    const Run big = execute(client, {QStringLiteral("head"), QStringLiteral("-c"),
                                     QString::number(bytes), QStringLiteral("/dev/zero")});
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (big.error || big.bytes != bytes) {
        std::fprintf(stderr, "throughput run: %lld of %lld bytes%s\n",
                     static_cast<long long>(big.bytes), static_cast<long long>(bytes),
                     big.error ? qPrintable(QStringLiteral(", ") + big.error->describe()) : "");
        return 1;
    }
    const double ourMbps = static_cast<double>(bytes) / 1e6 / seconds;
    std::printf(
        "%-22s %4d runs of true: p50 %7.2f ms  p99 %7.2f ms | %lld MiB stdout: %8.1f MB/s\n",
        "Hangar SpritesClient", runs, percentile(latencies, 50), percentile(latencies, 99),
        static_cast<long long>(bytes >> 20), ourMbps);
    std::fflush(stdout);

    // --- the official SDK, same server ---
    const QString conformance = QStringLiteral(HANGAR_SOURCE_DIR "/tests/conformance");
    const QString node = conformance + QStringLiteral("/node_modules/node/bin/node");
    if (!QFile::exists(node)) {
        std::printf("@fly/sprites: skipped (no Node 24 in %s: run scripts/setup --test)\n",
                    qPrintable(conformance));
        return 0;
    }
    QProcess sdk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SPRITES_API_URL"), base);
    env.insert(QStringLiteral("SPRITES_TOKEN"), Token);
    sdk.setProcessEnvironment(env);
    sdk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sdk.start(node, {conformance + QStringLiteral("/bench_exec.mjs"), QStringLiteral("bench"),
                     QString::number(runs), QString::number(bytes)});
    // The emulator runs in this process: keep its event loop turning while node works.
    while (sdk.state() != QProcess::NotRunning)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    const QJsonObject result =
        QJsonDocument::fromJson(sdk.readAllStandardOutput().trimmed().split('\n').last()).object();
    if (sdk.exitCode() != 0 || result.isEmpty()) {
        std::fprintf(stderr, "@fly/sprites run failed (exit %d)\n", sdk.exitCode());
        return 1;
    }
    std::printf(
        "%-22s %4d runs of true: p50 %7.2f ms  p99 %7.2f ms | %lld MiB stdout: %8.1f MB/s\n",
        "@fly/sprites 0.1.0", runs, result.value(QStringLiteral("p50_ms")).toDouble(),
        result.value(QStringLiteral("p99_ms")).toDouble(), static_cast<long long>(bytes >> 20),
        result.value(QStringLiteral("mbps")).toDouble());
    (void)wait(client.deleteSprite(QStringLiteral("bench")));
    return 0;
}
