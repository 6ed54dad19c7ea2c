#include "BackendContract.h"
#include "ContractChecks.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace hangar::testing {

namespace {

ExecRequest request(const QStringList& argv) {
    ExecRequest r;
    r.argv = argv;
    return r;
}

} // namespace

BackendContract::BackendContract(Factory factory, QObject* parent)
    : BackendContract(std::move(factory), Options{}, parent) {
}

BackendContract::BackendContract(Factory factory, Options options, QObject* parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_options(std::move(options)) {
}

bool BackendContract::processExists(const QString& marker) {
    const QStringList pids =
        QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        QFile cmdline(QStringLiteral("/proc/") + pid + QStringLiteral("/cmdline"));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(marker.toUtf8()))
            return true;
    }
    return false;
}

void BackendContract::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_backend = m_factory(m_dir->path());
    QVERIFY(m_backend);
    m_name = QStringLiteral("ct-%1").arg(QRandomGenerator::global()->bounded(100000, 999999));
    createSandbox(m_name);
}

void BackendContract::cleanup() {
    if (m_backend)
        (void)await(m_backend->destroy(m_name), m_options.timeoutMs);
    m_backend.reset();
    m_dir.reset();
}

void BackendContract::createSandbox(const QString& name) {
    auto created = await(backend()->create(name), m_options.timeoutMs);
    QVERIFY2(created.ok(), why(created).constData());
    QVERIFY(created.value().state == ProviderState::Warm ||
            created.value().state == ProviderState::Running);
}

ExecResult BackendContract::run(const QString& name, const QStringList& argv, const QString& cwd) {
    ExecRequest r = request(argv);
    r.cwd = cwd;
    auto result = await(backend()->run(name, r), m_options.timeoutMs);
    if (result.ok())
        return result.value();
    ExecResult failed;
    failed.exitCode = -1000;
    failed.stderrData = why(result);
    return failed;
}

QString BackendContract::inside(const QString& relative) const {
    return m_options.workingDir + QLatin1Char('/') + relative;
}

QString BackendContract::uniqueSleepArg() const {
    // `sleep 1000 0.<digits>` sleeps as long and carries a marker we can find in /proc.
    return QStringLiteral("0.%1").arg(QRandomGenerator::global()->bounded(100000000, 999999999));
}

// --- lifecycle ------------------------------------------------------------------------------

void BackendContract::lifecycle() {
    auto status = await(backend()->status(m_name));
    CHECK_OK(status);
    QCOMPARE(valueOf(status).state, ProviderState::Warm);
    CHECK_OK(await(backend()->create(m_name))); // reuse is fine
    CHECK_OK(await(backend()->writeFile(m_name, QStringLiteral("keep.txt"), "kept")));

    CHECK_OK(await(backend()->hibernate(m_name), m_options.timeoutMs));
    status = await(backend()->status(m_name));
    CHECK_OK(status);
    QCOMPARE(valueOf(status).state, ProviderState::Cold);

    CHECK_OK(await(backend()->wake(m_name), m_options.timeoutMs));
    status = await(backend()->status(m_name));
    QCOMPARE(valueOf(status).state, ProviderState::Warm);
    QCOMPARE(run(m_name, {QStringLiteral("cat"), QStringLiteral("keep.txt")}).stdoutData,
             QByteArray("kept"));

    CHECK_OK(await(backend()->destroy(m_name), m_options.timeoutMs));
    status = await(backend()->status(m_name));
    CHECK_OK(status);
    QCOMPARE(valueOf(status).state, ProviderState::Missing);
    CHECK_OK(await(backend()->destroy(m_name), m_options.timeoutMs)); // destroying nothing is fine
}

void BackendContract::missingSandbox() {
    const QString missing =
        QStringLiteral("ct-missing-%1").arg(QRandomGenerator::global()->bounded(1000000));
    auto status = await(backend()->status(missing));
    CHECK_OK(status);
    QCOMPARE(valueOf(status).state, ProviderState::Missing);
    CHECK_ERROR(await(backend()->wake(missing)), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->hibernate(missing)), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->readFile(missing, QStringLiteral("a"))), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->listDir(missing, QString())), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->sessions(missing)), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->createCheckpoint(missing, {})), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->networkPolicy(missing)), ErrorCode::NotFound);
    const auto ran = await(backend()->run(missing, request({QStringLiteral("true")})));
    QVERIFY(!ran.ok());
    QCOMPARE(ran.error().code, ErrorCode::NotFound);
    QVERIFY(ran.error().message.contains(missing));
}

// --- exec -----------------------------------------------------------------------------------

void BackendContract::execOutputAndExitCode() {
    const ExecResult r = run(m_name, {QStringLiteral("bash"), QStringLiteral("-c"),
                                      QStringLiteral("echo out; echo err >&2; exit 3")});
    QCOMPARE(r.stdoutData, QByteArray("out\n"));
    QCOMPARE(r.stderrData, QByteArray("err\n"));
    QCOMPARE(r.exitCode, 3);
    QVERIFY(!r.timedOut);
}

void BackendContract::execStdinEof() {
    {
        // Input written before the command has started is delivered, not dropped.
        SessionRecorder early(backend()->startExec(m_name, request({QStringLiteral("cat")})));
        early.session->write("early");
        early.session->closeStdin();
        QTRY_VERIFY_WITH_TIMEOUT(early.done(), m_options.timeoutMs);
        QCOMPARE(early.out, QByteArray("early"));
        QCOMPARE(early.exitCode, 0);
    }
    SessionRecorder rec(backend()->startExec(m_name, request({QStringLiteral("cat")})));
    QTRY_VERIFY_WITH_TIMEOUT(rec.started || rec.failed, m_options.timeoutMs);
    QVERIFY2(!rec.failed, qPrintable(rec.error.describe()));
    rec.session->write("hello\n");
    // Output arrives while the command still runs.
    QTRY_COMPARE_WITH_TIMEOUT(rec.out, QByteArray("hello\n"), m_options.timeoutMs);
    QVERIFY(!rec.done());
    rec.session->write("world");
    rec.session->closeStdin();
    QTRY_VERIFY_WITH_TIMEOUT(rec.exited, m_options.timeoutMs);
    QCOMPARE(rec.exitCode, 0);
    QCOMPARE(rec.out, QByteArray("hello\nworld"));
}

void BackendContract::execTimeout() {
    ExecRequest r = request({QStringLiteral("sleep"), QStringLiteral("30")});
    r.timeoutMs = 300;
    QElapsedTimer timer;
    timer.start();
    auto result = await(backend()->run(m_name, r), m_options.timeoutMs);
    CHECK_OK(result);
    QVERIFY(result.value().timedOut);
    QVERIFY(result.value().exitCode != 0);
    QVERIFY(timer.elapsed() < 15000);
}

void BackendContract::execTerminate() {
    const QString marker = uniqueSleepArg();
    SessionRecorder rec(backend()->startExec(
        m_name, request({QStringLiteral("sleep"), QStringLiteral("1000"), marker})));
    QTRY_VERIFY_WITH_TIMEOUT(rec.started || rec.failed, m_options.timeoutMs);
    QVERIFY(!rec.failed);
    auto status = await(backend()->status(m_name));
    QCOMPARE(valueOf(status).state, ProviderState::Running);
    if (m_options.hostProcessesVisible)
        QTRY_VERIFY_WITH_TIMEOUT(processExists(marker), m_options.timeoutMs);
    rec.session->terminate();
    QTRY_VERIFY_WITH_TIMEOUT(rec.exited, m_options.timeoutMs);
    QVERIFY(rec.exitCode != 0);
    if (m_options.hostProcessesVisible)
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(marker), m_options.timeoutMs);
    status = await(backend()->status(m_name));
    QCOMPARE(valueOf(status).state, ProviderState::Warm);
}

void BackendContract::execEnvAndCwd() {
    CHECK_OK(await(backend()->makeDir(m_name, QStringLiteral("sub dir"), false)));
    ExecRequest r = request({QStringLiteral("bash"), QStringLiteral("-c"),
                             QStringLiteral("printf '%s\\n' \"$FOO\"; pwd; echo \"$HOME\"")});
    r.cwd = QStringLiteral("sub dir");
    r.env.insert(QStringLiteral("FOO"), QStringLiteral("a b;$(touch pwned)'\""));
    auto result = await(backend()->run(m_name, r), m_options.timeoutMs);
    CHECK_OK(result);
    QCOMPARE(result.value().exitCode, 0);
    const QList<QByteArray> lines = result.value().stdoutData.split('\n');
    QCOMPARE(lines.value(0), QByteArray("a b;$(touch pwned)'\""));
    QCOMPARE(lines.value(1), inside(QStringLiteral("sub dir")).toUtf8());
    CHECK_ERROR(await(backend()->stat(m_name, QStringLiteral("sub dir/pwned"))),
                ErrorCode::NotFound);
}

void BackendContract::execRejectsBadRequests() {
    ExecRequest r = request({QStringLiteral("true")});
    r.env.insert(QStringLiteral("A=B"), QStringLiteral("x"));
    auto result = await(backend()->run(m_name, r));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    result = await(backend()->run(m_name, request({})));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    r = request({QStringLiteral("true")});
    r.cwd = QStringLiteral("../..");
    result = await(backend()->run(m_name, r));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, m_options.outsideRootError);
}

void BackendContract::ttySession() {
    ExecRequest r = request({QStringLiteral("tty")});
    r.tty = true;
    auto result = await(backend()->run(m_name, r), m_options.timeoutMs);
    CHECK_OK(result);
    QVERIFY2(result.value().exitCode == 0, result.value().stdoutData.constData());
    QVERIFY(result.value().stdoutData.startsWith("/dev/"));

    r = request({QStringLiteral("bash"), QStringLiteral("-c"),
                 QStringLiteral("stty size; read a; stty size; echo \"term=$TERM\"")});
    r.tty = true;
    r.cols = 100;
    r.rows = 30;
    SessionRecorder rec(backend()->startExec(m_name, r));
    QTRY_VERIFY_WITH_TIMEOUT(rec.out.contains("30 100"), m_options.timeoutMs);
    rec.session->resize(120, 40);
    rec.session->write("go\r");
    QTRY_VERIFY_WITH_TIMEOUT(rec.exited, m_options.timeoutMs);
    QCOMPARE(rec.exitCode, 0);
    QVERIFY2(rec.out.contains("40 120"), rec.out.constData());
    QVERIFY(rec.out.contains("term=xterm"));
    QVERIFY(rec.err.isEmpty());
}

void BackendContract::detachAndAttach() {
    ExecSession* session = backend()->startExec(
        m_name, request({QStringLiteral("bash"), QStringLiteral("-c"),
                         QStringLiteral("echo ready; while read l; do echo \"got $l\"; done")}));
    QString id;
    {
        SessionRecorder first(session);
        QTRY_VERIFY_WITH_TIMEOUT(first.out.contains("ready"), m_options.timeoutMs);
        // Known once the session runs (a remote backend learns it from the server).
        id = session->id();
        QVERIFY(!id.isEmpty());
    } // detached: the recorder is gone, the session keeps running

    auto listed = await(backend()->sessions(m_name));
    CHECK_OK(listed);
    bool found = false;
    for (const SessionInfo& info : listed.value()) {
        if (info.id == id) {
            found = true;
            QVERIFY(info.running);
            QCOMPARE(info.command.value(0), QStringLiteral("bash"));
        }
    }
    QVERIFY(found);
    QCOMPARE(backend()->attach(m_name, QStringLiteral("no-such-session")), nullptr);

    ExecSession* again = backend()->attach(m_name, id);
    QVERIFY(again);
    QVERIFY(again->scrollback().contains("ready"));
    SessionRecorder second(again);
    again->write("ping\n");
    QTRY_VERIFY_WITH_TIMEOUT(second.out.contains("got ping"), m_options.timeoutMs);
    again->closeStdin();
    QTRY_VERIFY_WITH_TIMEOUT(second.exited, m_options.timeoutMs);
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(backend()->attach(m_name, id), nullptr);
}

void BackendContract::hibernateStopsProcessesKeepsFiles() {
    CHECK_OK(await(backend()->writeFile(m_name, QStringLiteral("state.txt"), "persisted")));
    const QString marker = uniqueSleepArg();
    SessionRecorder rec(backend()->startExec(
        m_name, request({QStringLiteral("sleep"), QStringLiteral("1000"), marker})));
    QTRY_VERIFY_WITH_TIMEOUT(rec.started, m_options.timeoutMs);

    CHECK_OK(await(backend()->hibernate(m_name), m_options.timeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), m_options.timeoutMs);
    if (m_options.hostProcessesVisible)
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(marker), m_options.timeoutMs);

    const auto refused = await(backend()->run(m_name, request({QStringLiteral("true")})));
    QVERIFY(!refused.ok());
    QVERIFY(!refused.error().message.isEmpty());

    CHECK_OK(await(backend()->wake(m_name), m_options.timeoutMs));
    const ExecResult r = run(m_name, {QStringLiteral("cat"), QStringLiteral("state.txt")});
    QCOMPARE(r.stdoutData, QByteArray("persisted"));
}

void BackendContract::isolationBetweenSandboxes() {
    const QString other = m_name + QStringLiteral("-b");
    createSandbox(other);
    CHECK_OK(await(backend()->writeFile(m_name, QStringLiteral("secret.txt"), "mine")));
    const ExecResult r = run(other, {QStringLiteral("cat"), inside(QStringLiteral("secret.txt"))});
    QVERIFY(r.exitCode != 0);
    QVERIFY(!r.stdoutData.contains("mine"));
    CHECK_ERROR(await(backend()->readFile(other, QStringLiteral("secret.txt"))),
                ErrorCode::NotFound);
    CHECK_OK(await(backend()->destroy(other), m_options.timeoutMs));
}

void BackendContract::networkPolicy() {
    auto policy = await(backend()->networkPolicy(m_name));
    CHECK_OK(policy);
    NetworkPolicy invalid{{NetworkRule{QStringLiteral("*"), QStringLiteral("maybe"), {}}}};
    CHECK_ERROR(await(backend()->setNetworkPolicy(m_name, invalid)), ErrorCode::InvalidArgument);
    invalid = NetworkPolicy{{NetworkRule{QString(), QStringLiteral("allow"), {}}}};
    CHECK_ERROR(await(backend()->setNetworkPolicy(m_name, invalid)), ErrorCode::InvalidArgument);

    CHECK_OK(await(backend()->setNetworkPolicy(m_name, NetworkPolicy::denyAll())));
    policy = await(backend()->networkPolicy(m_name));
    CHECK_OK(policy);
    QCOMPARE(policy.value().rules.value(0).action, QStringLiteral("deny"));
    if (!m_options.hostLoopbackReachable)
        return;

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QStringList connect{QStringLiteral("bash"), QStringLiteral("-c"),
                              QStringLiteral("exec 3<>/dev/tcp/127.0.0.1/$1"), QStringLiteral("_"),
                              QString::number(server.serverPort())};
    QVERIFY(run(m_name, connect).exitCode != 0);

    CHECK_OK(await(backend()->setNetworkPolicy(m_name, NetworkPolicy::allowAll())));
    const ExecResult allowed = run(m_name, connect);
    QVERIFY2(allowed.exitCode == 0, allowed.stderrData.constData());
}

} // namespace hangar::testing
