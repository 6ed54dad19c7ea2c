// Services through the Backend interface, on both backends: the local one (LocalServices,
// supervised exec sessions; bubblewrap where it can run) and Sprites through the
// Sprites-compatible emulator (the services API over HTTP). A service's log arrives live (a
// line printed only after the stream started is seen), stop/start/signal/delete work and the
// list says so, the local supervisor restarts a crashing service and counts it, keeps the
// definitions across a restart of the backend and starts the services again when the sandbox
// comes back (wake, restore, restart); shell
// metacharacters in arguments arrive verbatim and bad names are refused clearly.
#include "TestSupport.h"
#include "local/LocalBackend.h"
#include "local/LocalServices.h"
#include "sprites/SpritesBackend.h"
#include "spritesapi/SpritesApi.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWait = 20'000;
const QString kToken = QStringLiteral("services-test-token");

// Everything a log stream hands out.
class LogRecorder : public QObject {
public:
    explicit LogRecorder(ServiceLogStream* stream)
        : m_stream(stream) {
        connect(stream, &ServiceLogStream::line, this,
                [this](const ServiceLogLine& line) { lines.append(line); });
        connect(stream, &ServiceLogStream::ended, this, [this] { ended = true; });
        connect(stream, &ServiceLogStream::failed, this, [this](const Error& e) {
            failed = true;
            error = e;
        });
    }
    ~LogRecorder() override {
        if (m_stream)
            m_stream->cancel();
    }
    bool has(const QString& text,
             ServiceLogLine::Stream stream = ServiceLogLine::Stream::Stdout) const {
        for (const auto& line : lines) {
            if (line.stream == stream && line.text == text)
                return true;
        }
        return false;
    }
    QString dump() const {
        QStringList out;
        for (const auto& line : lines)
            out << QString::number(int(line.stream)) + QLatin1Char(':') + line.text;
        return out.join(QLatin1Char('|'));
    }

    QList<ServiceLogLine> lines;
    bool ended = false;
    bool failed = false;
    Error error;

private:
    QPointer<ServiceLogStream> m_stream;
};

} // namespace

class TstServices : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LocalBackend> m_local;
    std::unique_ptr<spritesapi::SpritesApi> m_emulator;
    std::unique_ptr<sprites::SpritesBackend> m_sprites;
    const QString m_name = QStringLiteral("svc");

    Backend& backend() const {
        return m_sprites ? static_cast<Backend&>(*m_sprites) : static_cast<Backend&>(*m_local);
    }
    bool isSprites() const { return m_sprites != nullptr; }

    std::unique_ptr<LocalBackend> makeLocal(const QString& kind) {
        LocalBackend::Options options;
        options.dataDir = m_dir.filePath(kind);
        options.workingDir = kind == QLatin1String("sprites")
                                 ? sprites::SpritesClient::DefaultWorkingDir
                                 : QStringLiteral("/workspace");
        options.killGraceMs = 1000;
        return std::make_unique<LocalBackend>(options);
    }

    bool open(const QString& kind) {
        m_local = makeLocal(kind);
        if (kind == QLatin1String("sprites")) {
            spritesapi::SpritesApi::Options apiOptions;
            apiOptions.token = kToken;
            m_emulator = std::make_unique<spritesapi::SpritesApi>(*m_local, apiOptions);
            const auto bound = m_emulator->listen(QStringLiteral("127.0.0.1:0"));
            if (!bound)
                return false;
            sprites::SpritesBackend::Options spritesOptions;
            spritesOptions.client.baseUrl = QUrl(QStringLiteral("http://") + bound.value());
            spritesOptions.client.token = kToken;
            spritesOptions.client.requestTimeoutMs = 15'000;
            m_sprites = std::make_unique<sprites::SpritesBackend>(spritesOptions);
        }
        return await(backend().create(m_name), 60'000).ok();
    }

    void close() {
        m_sprites.reset();
        m_emulator.reset();
        m_local.reset();
    }

    std::optional<ServiceInfo> find(const QString& service) {
        const auto listed = await(backend().listServices(m_name));
        if (!listed) {
            qWarning("list failed: %s", qPrintable(listed.error().describe()));
            return std::nullopt;
        }
        for (const ServiceInfo& info : listed.value()) {
            if (info.name() == service)
                return info;
        }
        return std::nullopt;
    }
    ServiceStatus statusOf(const QString& service) {
        const auto info = find(service);
        return info ? info->status : ServiceStatus::Failed;
    }

    static ServiceSpec shell(const QString& name, const QString& script) {
        ServiceSpec spec;
        spec.name = name;
        spec.command = QStringLiteral("sh");
        spec.args = {QStringLiteral("-c"), script};
        return spec;
    }

    void addBackends() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("local") << QStringLiteral("local");
        QTest::newRow("sprites") << QStringLiteral("sprites");
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("qt.httpserver.warning=false"));
        qRegisterMetaType<ServiceLogLine>();
    }
    void cleanup() { close(); }

    void logsArriveLive_data() { addBackends(); }
    void logsArriveLive() {
        QFETCH(QString, kind);
        QVERIFY(open(kind));
        QVERIFY(backend().canRunServices());
        QVERIFY(backend().servicesUnavailable().isEmpty());
        // Prints one line, then waits for a file the test writes after the stream started.
        const auto created = await(backend().createService(
            m_name, shell(QStringLiteral("waiter"),
                          QStringLiteral("echo before; echo oops >&2; "
                                         "while [ ! -f go ]; do sleep 0.05; done; echo after"))));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().describe()));
        LogRecorder log(backend().followServiceLog(m_name, QStringLiteral("waiter")));
        QTRY_VERIFY2_WITH_TIMEOUT(log.has(QStringLiteral("before")), qPrintable(log.dump()), kWait);
        QVERIFY(!log.has(QStringLiteral("after")));
        QTRY_VERIFY_WITH_TIMEOUT(log.has(QStringLiteral("oops"), ServiceLogLine::Stream::Stderr),
                                 kWait);
        QVERIFY(await(backend().writeFile(m_name, QStringLiteral("go"), "1")).ok());
        QTRY_VERIFY2_WITH_TIMEOUT(log.has(QStringLiteral("after")), qPrintable(log.dump()), kWait);
        QVERIFY(!log.failed);
    }

    void stopStartSignalDelete_data() { addBackends(); }
    void stopStartSignalDelete() {
        QFETCH(QString, kind);
        QVERIFY(open(kind));
        const auto created = await(backend().createService(
            m_name,
            shell(QStringLiteral("looper"), QStringLiteral("trap 'echo got-hup' HUP; echo ready; "
                                                           "while :; do sleep 0.1; done"))));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().describe()));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("looper")), ServiceStatus::Running,
                                  kWait);
        const auto running = find(QStringLiteral("looper"));
        QVERIFY(running);
        QCOMPARE(running->spec.args.value(0), QStringLiteral("-c"));
        QCOMPARE(running->restartCount, 0);
        QVERIFY(running->pid && *running->pid > 0); // the emulator reports its backend's pid

        LogRecorder log(backend().followServiceLog(m_name, QStringLiteral("looper")));
        QTRY_VERIFY_WITH_TIMEOUT(log.has(QStringLiteral("ready")), kWait);
        const auto signalled =
            await(backend().signalService(m_name, QStringLiteral("looper"), QStringLiteral("HUP")));
        QVERIFY2(signalled, qPrintable(signalled ? QString() : signalled.error().describe()));
        // The signal reaches the command itself (through the emulator too), which traps it
        // and keeps running, with the same pid.
        QTRY_VERIFY2_WITH_TIMEOUT(log.has(QStringLiteral("got-hup")), qPrintable(log.dump()),
                                  kWait);
        QCOMPARE(statusOf(QStringLiteral("looper")), ServiceStatus::Running);
        QCOMPARE(find(QStringLiteral("looper"))->pid, running->pid);
        // An unknown signal is refused before anything is sent.
        const auto bogus = await(
            backend().signalService(m_name, QStringLiteral("looper"), QStringLiteral("KILLALL")));
        QVERIFY(!bogus);
        QCOMPARE(bogus.error().code, ErrorCode::InvalidArgument);

        QVERIFY(await(backend().stopService(m_name, QStringLiteral("looper"))).ok());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("looper")), ServiceStatus::Stopped,
                                  kWait);
        QVERIFY(!find(QStringLiteral("looper"))->pid);
        QVERIFY(await(backend().startService(m_name, QStringLiteral("looper"))).ok());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("looper")), ServiceStatus::Running,
                                  kWait);

        // A restart is a new process, counted.
        const auto pidBefore = find(QStringLiteral("looper"))->pid;
        const auto restarted = await(backend().restartService(m_name, QStringLiteral("looper")));
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().describe()));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("looper")), ServiceStatus::Running,
                                  kWait);
        QCOMPARE(find(QStringLiteral("looper"))->restartCount, 1);
        QVERIFY(find(QStringLiteral("looper"))->pid != pidBefore);

        // Deleting a running service stops it first; then it is gone.
        const auto deleted = await(backend().deleteService(m_name, QStringLiteral("looper")));
        QVERIFY2(deleted, qPrintable(deleted ? QString() : deleted.error().describe()));
        QVERIFY(!find(QStringLiteral("looper")));
        const auto missing = await(backend().startService(m_name, QStringLiteral("looper")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void badInput_data() { addBackends(); }
    void badInput() {
        QFETCH(QString, kind);
        QVERIFY(open(kind));
        // Names that could be paths, URLs or shell: refused with a sentence, nothing created.
        for (const QString& bad : {QStringLiteral("a;rm -rf x"), QStringLiteral("../etc"),
                                   QStringLiteral("Web"), QStringLiteral("$(id)"), QString()}) {
            ServiceSpec spec = shell(bad, QStringLiteral("true"));
            const auto refused = await(backend().createService(m_name, spec));
            QVERIFY2(!refused, qPrintable(bad));
            QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
            QVERIFY(refused.error().message.contains(QLatin1String("service name")));
        }
        ServiceSpec noCommand;
        noCommand.name = QStringLiteral("empty");
        QVERIFY(!await(backend().createService(m_name, noCommand)));
        ServiceSpec badPort = shell(QStringLiteral("port"), QStringLiteral("true"));
        badPort.httpPort = 70000;
        QVERIFY(!await(backend().createService(m_name, badPort)));
        QVERIFY(!find(QStringLiteral("empty")) && !find(QStringLiteral("port")));

        // Needs: an undefined one is refused; so is a circle, and the old definition stays.
        ServiceSpec orphan = shell(QStringLiteral("orphan"), QStringLiteral("true"));
        orphan.needs = {QStringLiteral("nobody")};
        const auto unknownNeed = await(backend().createService(m_name, orphan));
        QVERIFY(!unknownNeed);
        QVERIFY2(unknownNeed.error().message.contains(QLatin1String("nobody")),
                 qPrintable(unknownNeed.error().describe()));
        QVERIFY(!find(QStringLiteral("orphan")));
        QVERIFY(await(backend().createService(
                          m_name, shell(QStringLiteral("first"), QStringLiteral("true"))))
                    .ok());
        ServiceSpec second = shell(QStringLiteral("second"), QStringLiteral("true"));
        second.needs = {QStringLiteral("first")};
        QVERIFY(await(backend().createService(m_name, second)).ok());
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(QStringLiteral("first")) == ServiceStatus::Stopped &&
                                     statusOf(QStringLiteral("second")) == ServiceStatus::Stopped,
                                 kWait);
        ServiceSpec circle = shell(QStringLiteral("first"), QStringLiteral("true"));
        circle.needs = {QStringLiteral("second")};
        const auto refusedCircle = await(backend().createService(m_name, circle));
        QVERIFY(!refusedCircle);
        QVERIFY2(refusedCircle.error().message.contains(QLatin1String("circle")),
                 qPrintable(refusedCircle.error().describe()));
        QCOMPARE(find(QStringLiteral("first"))->spec.needs, QStringList{});

        // Metacharacters in arguments arrive as typed: printf prints each on its own line.
        const QStringList hostile{
            QStringLiteral("$(touch pwned)"), QStringLiteral("; touch pwned2"),
            QStringLiteral("it's \"quoted\""), QStringLiteral("`id` | cat &")};
        ServiceSpec spec;
        spec.name = QStringLiteral("printer");
        spec.command = QStringLiteral("printf");
        spec.args = QStringList{QStringLiteral("%s\\n")} + hostile;
        QVERIFY(await(backend().createService(m_name, spec)).ok());
        LogRecorder log(backend().followServiceLog(m_name, QStringLiteral("printer")));
        for (const QString& arg : hostile)
            QTRY_VERIFY2_WITH_TIMEOUT(log.has(arg), qPrintable(log.dump()), kWait);
        QCOMPARE(find(QStringLiteral("printer"))->spec.args, spec.args);
        QVERIFY(!await(backend().stat(m_name, QStringLiteral("pwned"))));
        QVERIFY(!await(backend().stat(m_name, QStringLiteral("pwned2"))));
    }

    // The local supervisor restarts a service that crashes, counts it, and gives up in the end.
    void localRestartsCrashes() {
        QVERIFY(open(QStringLiteral("local")));
        QVERIFY(
            await(backend().createService(m_name, shell(QStringLiteral("crasher"),
                                                        QStringLiteral("echo crashing; exit 3"))))
                .ok());
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("crasher"))->restartCount >= 2, kWait);
        const auto info = find(QStringLiteral("crasher"));
        QVERIFY2(info->error.contains(QLatin1String("code 3")), qPrintable(info->error));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("crasher")), ServiceStatus::Failed,
                                  kWait);
        QCOMPARE(find(QStringLiteral("crasher"))->restartCount,
                 int(local::LocalServices::MaxRestarts));
    }

    // Services come back with the sandbox, as on a sprite that boots: hibernation stops them,
    // waking, restoring a checkpoint and a restart of the backend start again those the
    // operator left started (with a new process) and not those the operator stopped; the
    // definitions survive the restart.
    void localServicesComeBackWithTheSandbox() {
        QVERIFY(open(QStringLiteral("local")));
        ServiceSpec spec = shell(QStringLiteral("keeper"), QStringLiteral("sleep 30"));
        spec.httpPort = 8080;
        spec.env = {{QStringLiteral("GREETING"), QStringLiteral("hi there")}};
        QVERIFY(await(backend().createService(m_name, spec)).ok());
        QVERIFY(await(backend().createService(
                          m_name, shell(QStringLiteral("resting"), QStringLiteral("sleep 30"))))
                    .ok());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("keeper")), ServiceStatus::Running,
                                  kWait);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(QStringLiteral("resting")), ServiceStatus::Running,
                                  kWait);
        QVERIFY(await(backend().stopService(m_name, QStringLiteral("resting"))).ok());
        const auto pidNow = [this] {
            const auto info = find(QStringLiteral("keeper"));
            return info && info->status == ServiceStatus::Running ? info->pid : std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pidNow().has_value(), kWait);
        std::optional<qint64> pid = pidNow();

        QVERIFY(await(backend().hibernate(m_name)).ok());
        QCOMPARE(statusOf(QStringLiteral("keeper")), ServiceStatus::Stopped);
        QVERIFY(await(backend().wake(m_name)).ok());
        QTRY_VERIFY_WITH_TIMEOUT(pidNow() && pidNow() != pid, kWait);
        pid = pidNow();
        QCOMPARE(statusOf(QStringLiteral("resting")), ServiceStatus::Stopped);

        const auto checkpoint = await(backend().createCheckpoint(m_name, QStringLiteral("c")));
        HANGAR_VERIFY_OK(checkpoint);
        QVERIFY(await(backend().restoreCheckpoint(m_name, checkpoint.value().id), 60'000).ok());
        QTRY_VERIFY_WITH_TIMEOUT(pidNow() && pidNow() != pid, kWait);
        pid = pidNow();

        m_local = makeLocal(QStringLiteral("local"));
        QTRY_VERIFY_WITH_TIMEOUT(pidNow() && pidNow() != pid, kWait);
        const auto kept = find(QStringLiteral("keeper"));
        QVERIFY(kept);
        QCOMPARE(kept->spec, spec);
        QCOMPARE(statusOf(QStringLiteral("resting")), ServiceStatus::Stopped);
    }
};

QTEST_GUILESS_MAIN(TstServices)
#include "tst_services.moc"
