// The backend contract against LocalBackend, plus what only the local backend promises.
#include "BackendContract.h"
#include "ProcessProbe.h"
#include "SuiteArguments.h"
#include "local/LocalBackend.h"
#include "local/RootFd.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace hangar;
using hangar::testing::await;
using hangar::testing::valueOf;

namespace {

std::unique_ptr<LocalBackend> makeBackend(const QString& dataDir, bool unisolated = false) {
    LocalBackend::Options options;
    options.dataDir = dataDir;
    options.forceUnisolated = unisolated;
    options.killGraceMs = 1000;
    return std::make_unique<LocalBackend>(options);
}

ExecRequest request(const QStringList& argv) {
    ExecRequest r;
    r.argv = argv;
    return r;
}

bool writeHostFile(const QString& path, const QByteArray& data) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readHostFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Neither the path nor, when it is a symlink, the link itself exists.
bool gone(const QString& path) {
    return !QFileInfo(path).isSymLink() && !QFileInfo::exists(path);
}

QStringList hostEntries(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// Inside the sandbox: swaps the directory `d` for a symlink to the host directory `$abs`
// (absolute, then relative through the host's `..`) and back, as fast as it can, for at most
// `$n` rounds or about two seconds.
const char FlipScript[] = R"(
my ($abs, $n) = @ARGV;
my $t0 = time;
for my $i (1 .. $n) {
    rename 'd', 'd.real' or next;
    symlink(($i % 2) ? $abs : '../../../outside', 'd');
    unlink 'd';
    rename 'd.real', 'd';
    last if time - $t0 > 2;
}
rename 'd.real', 'd' if -d 'd.real' && !-e 'd';
print "flipped\n";
)";

} // namespace

class LocalOnlyTest : public QObject {
    Q_OBJECT
    // A `head -c <size>` process (not bwrap, whose arguments hold the same words) asleep in a
    // pipe write: /proc/PID/wchan names the kernel function it waits in.
private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_backend = makeBackend(m_dir->path());
        QVERIFY(await(m_backend->create(QStringLiteral("one"))).ok());
    }
    void cleanup() {
        m_backend.reset();
        m_dir.reset();
    }

    void layoutOnDisk() {
        QVERIFY(QFile::exists(m_dir->path() + QStringLiteral("/sandboxes/one/sandbox.json")));
        QVERIFY(QFileInfo(m_backend->hostRoot(QStringLiteral("one"))).isDir());
        QCOMPARE(m_backend->kind(), QStringLiteral("local"));
    }

    void isolatedWithBubblewrap() {
        QVERIFY2(m_backend->isIsolated(QStringLiteral("one")),
                 qPrintable(m_backend->isolation(QStringLiteral("one"))));
        QVERIFY(
            m_backend->isolation(QStringLiteral("one")).startsWith(QStringLiteral("bubblewrap")));
        auto id = await(m_backend->run(QStringLiteral("one"),
                                       request({QStringLiteral("id"), QStringLiteral("-u")})));
        QVERIFY(id.ok());
        QCOMPARE(id.value().stdoutData, QByteArray("1000\n"));
        // Only the sandbox root is writable.
        auto touch = await(m_backend->run(
            QStringLiteral("one"), request({QStringLiteral("touch"), QStringLiteral("/usr/x")})));
        QVERIFY(touch.ok());
        QVERIFY(touch.value().exitCode != 0);
        // No descriptor of ours (pty master, bwrap's info pipe) leaks into the sandbox.
        auto fds =
            await(m_backend->run(QStringLiteral("one"),
                                 request({QStringLiteral("ls"), QStringLiteral("/proc/self/fd")})));
        QVERIFY(fds.ok());
        QCOMPARE(fds.value().stdoutData, QByteArray("0\n1\n2\n3\n")); // 3: ls's own dir fd
    }

    void shadowIsUnreadable() {
        auto cat =
            await(m_backend->run(QStringLiteral("one"),
                                 request({QStringLiteral("cat"), QStringLiteral("/etc/shadow")})));
        QVERIFY(cat.ok());
        QVERIFY(cat.value().exitCode != 0);
        QVERIFY(cat.value().stdoutData.isEmpty());
        auto passwd =
            await(m_backend->run(QStringLiteral("one"),
                                 request({QStringLiteral("cat"), QStringLiteral("/etc/passwd")})));
        QCOMPARE(valueOf(passwd).exitCode, 0); // the curated /etc is there
    }

    void hostPathsAreInvisible() {
        QVERIFY(await(m_backend->create(QStringLiteral("two"))).ok());
        QVERIFY(
            await(m_backend->writeFile(QStringLiteral("one"), QStringLiteral("secret"), "s")).ok());
        const QString secretOnHost =
            m_backend->hostRoot(QStringLiteral("one")) + QStringLiteral("/secret");
        QVERIFY(QFile::exists(secretOnHost));
        for (const QString& path : {secretOnHost, m_dir->path()}) {
            auto r =
                await(m_backend->run(QStringLiteral("two"),
                                     request({QStringLiteral("ls"), QStringLiteral("-la"), path})));
            QVERIFY(r.ok());
            QVERIFY2(r.value().exitCode != 0, r.value().stdoutData.constData());
        }
    }

    void corruptCheckpointLeavesFilesUnchanged() {
        const QString n = QStringLiteral("one");
        QVERIFY(await(m_backend->writeFile(n, QStringLiteral("f.txt"), "original")).ok());
        auto cp = await(m_backend->createCheckpoint(n, QStringLiteral("c")));
        QVERIFY(cp.ok());
        QFile archive(m_dir->path() + QStringLiteral("/sandboxes/one/checkpoints/") +
                      cp.value().id + QStringLiteral(".tar"));
        QVERIFY(archive.open(QIODevice::WriteOnly | QIODevice::Truncate));
        archive.write(QByteArray(10000, 'x'));
        archive.close();
        QVERIFY(await(m_backend->writeFile(n, QStringLiteral("f.txt"), "changed")).ok());
        QVERIFY(await(m_backend->writeFile(n, QStringLiteral("g.txt"), "added")).ok());

        auto restored = await(m_backend->restoreCheckpoint(n, cp.value().id));
        QVERIFY(!restored.ok());
        QCOMPARE(valueOf(await(m_backend->readFile(n, QStringLiteral("f.txt")))),
                 QByteArray("changed"));
        QCOMPARE(valueOf(await(m_backend->readFile(n, QStringLiteral("g.txt")))),
                 QByteArray("added"));
        // No half-extracted sibling left behind.
        const QStringList left =
            QDir(m_dir->path() + QStringLiteral("/sandboxes/one"))
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QCOMPARE(left, (QStringList{QStringLiteral("checkpoints"), QStringLiteral("root"),
                                    QStringLiteral("sandbox.json")}));
        auto status = await(m_backend->status(n));
        QCOMPARE(valueOf(status).state, ProviderState::Warm);
    }

    void unisolatedFallbackIsLoud() {
        QTemporaryDir dir;
        auto backend = makeBackend(dir.path(), true);
        QSignalSpy warnings(backend.get(), &Backend::warning);
        QVERIFY(await(backend->create(QStringLiteral("plain"))).ok());
        QCOMPARE(warnings.count(), 1);
        QCOMPARE(warnings.at(0).at(0).toString(), QStringLiteral("plain"));
        QVERIFY(warnings.at(0).at(1).toString().contains(QStringLiteral("NOT ISOLATED")));
        QVERIFY(!backend->isIsolated(QStringLiteral("plain")));
        QVERIFY(
            backend->isolation(QStringLiteral("plain")).contains(QStringLiteral("NOT ISOLATED")));

        QVERIFY(
            await(backend->writeFile(QStringLiteral("plain"), QStringLiteral("f"), "plain")).ok());
        auto r = await(backend->run(QStringLiteral("plain"),
                                    request({QStringLiteral("bash"), QStringLiteral("-c"),
                                             QStringLiteral("cat f; echo; pwd")})));
        QVERIFY(r.ok());
        QCOMPARE(r.value().exitCode, 0);
        QCOMPARE(r.value().stdoutData,
                 QByteArray("plain\n") +
                     QFile::encodeName(backend->hostRoot(QStringLiteral("plain"))) + '\n');
        QVERIFY(await(backend->hibernate(QStringLiteral("plain"))).ok());
        QVERIFY(await(backend->wake(QStringLiteral("plain"))).ok());
        QCOMPARE(warnings.count(), 2);
    }

    // exited() means every process of the session is gone, background ones included, even
    // when the session is ended while bubblewrap is still setting up.
    void nothingOutlivesASession() {
        using hangar::testing::BackendContract;
        using hangar::testing::SessionRecorder;
        const QString marker =
            QStringLiteral("0.%1").arg(QDateTime::currentMSecsSinceEpoch() % 100000000);
        SessionRecorder background(m_backend->startExec(
            QStringLiteral("one"), request({QStringLiteral("bash"), QStringLiteral("-c"),
                                            QStringLiteral("sleep 1000 $1 & echo started"),
                                            QStringLiteral("_"), marker})));
        QTRY_VERIFY_WITH_TIMEOUT(background.exited, 20000);
        QCOMPARE(background.out, QByteArray("started\n"));
        QVERIFY(!BackendContract::processExists(marker));

        for (int i = 0; i < 5; ++i) {
            const QString early = marker + QString::number(i);
            SessionRecorder rec(m_backend->startExec(
                QStringLiteral("one"),
                request({QStringLiteral("sleep"), QStringLiteral("1000"), early})));
            QTRY_VERIFY_WITH_TIMEOUT(rec.started, 20000);
            rec.session->terminate(); // bwrap has barely started
            QTRY_VERIFY_WITH_TIMEOUT(rec.exited, 20000);
            QVERIFY(!BackendContract::processExists(early));
        }
        // Ended before it even started.
        SessionRecorder never(m_backend->startExec(
            QStringLiteral("one"),
            request({QStringLiteral("sleep"), QStringLiteral("1000"), marker})));
        never.session->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(never.done(), 20000);
        QVERIFY(!BackendContract::processExists(marker));
    }

    // A reader that pauses the output makes the command wait in its pipe write instead of
    // filling memory; resumed, every byte arrives, all of it before exited().
    void pausedOutputHoldsTheCommand() {
        using hangar::testing::SessionRecorder;
        const qint64 size = 4 * 1024 * 1024 + 7; // also tells the process apart
        SessionRecorder rec(m_backend->startExec(
            QStringLiteral("one"), request({QStringLiteral("head"), QStringLiteral("-c"),
                                            QString::number(size), QStringLiteral("/dev/zero")})));
        qsizetype atExit = -1;
        connect(rec.session, &ExecSession::exited, this, [&] { atExit = rec.out.size(); });
        rec.session->setOutputPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.started, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(hangar::test::headBlockedOnPipe(size), 20000);
        QCOMPARE(rec.out.size(), 0);
        QVERIFY(!rec.exited);
        rec.session->setOutputPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(rec.exited, 20000);
        QCOMPARE(atExit, size);
        QCOMPARE(rec.exitCode, 0);
    }

    // A process in the sandbox swaps a directory for a symlink out of the root while the
    // backend (root on the host) works below it: no call may read, list, write, chmod or
    // remove anything outside, and each either works inside or fails OutsideRoot/NotFound.
    void fsRaceWithSwappedDirectory_data() {
        QTest::addColumn<bool>("walk");
        QTest::newRow("openat2") << false;
        QTest::newRow("component walk") << true;
    }
    void fsRaceWithSwappedDirectory() {
        QFETCH(bool, walk);
        local::forceComponentWalk(walk);
        const auto unforce = qScopeGuard([] { local::forceComponentWalk(false); });
        const QString n = QStringLiteral("one");
        const QString outside = m_dir->path() + QStringLiteral("/outside");
        const QByteArray marker("MARKER from the host, outside the sandbox");
        QVERIFY(QDir().mkpath(outside));
        QVERIFY(writeHostFile(outside + QStringLiteral("/f"), marker));
        QVERIFY(writeHostFile(outside + QStringLiteral("/only-outside"), marker));
        const QStringList outsideBefore = hostEntries(outside);
        const auto outsideMode = QFileInfo(outside + QStringLiteral("/f")).permissions();
        QVERIFY(await(m_backend->makeDir(n, QStringLiteral("d"), false)).ok());
        QVERIFY(await(m_backend->writeFile(n, QStringLiteral("d/f"), "inside")).ok());

        testing::SessionRecorder flipper(m_backend->startExec(
            n, request({QStringLiteral("perl"), QStringLiteral("-e"),
                        QString::fromLatin1(FlipScript), outside, QStringLiteral("40000")})));
        QTRY_VERIFY_WITH_TIMEOUT(flipper.started || flipper.done(), 20000);

        int calls = 0;
        int refused = 0;
        QStringList unexpected;
        // AlreadyExists only for mkdir, after a remove -r that the swap made fail.
        const auto check = [&](const auto& result, const char* what,
                               ErrorCode alsoFine = ErrorCode::NotFound) {
            ++calls;
            if (result.ok())
                return;
            if (result.error().code == ErrorCode::OutsideRoot)
                ++refused;
            else if (result.error().code != ErrorCode::NotFound && result.error().code != alsoFine)
                unexpected << QString::fromLatin1(what) + QStringLiteral(": ") +
                                  result.error().describe();
        };
        for (int round = 0; round < 3000 && !flipper.done(); ++round) {
            const auto read = await(m_backend->readFile(n, QStringLiteral("d/f")));
            check(read, "read");
            if (read.ok())
                QCOMPARE(read.value(), QByteArray("inside"));
            const auto list = await(m_backend->listDir(n, QStringLiteral("d")));
            check(list, "list");
            for (const FsEntry& entry : list.ok() ? list.value() : QList<FsEntry>())
                QVERIFY2(entry.name != QLatin1String("only-outside"), "listed the host dir");
            const auto st = await(m_backend->stat(n, QStringLiteral("d/f")));
            check(st, "stat");
            if (st.ok())
                QCOMPARE(st.value().size, 6); // "inside", not the marker
            QVERIFY(!await(m_backend->stat(n, QStringLiteral("d/only-outside"))).ok());
            check(await(m_backend->writeFile(n, QStringLiteral("d/w"), "written")), "write");
            check(await(m_backend->chmod(n, QStringLiteral("d/f"), 0640)), "chmod");
            check(await(m_backend->remove(n, QStringLiteral("d/w"), false)), "remove");
            check(await(m_backend->makeDir(n, QStringLiteral("d/sub"), false)), "mkdir",
                  ErrorCode::AlreadyExists);
            check(await(m_backend->remove(n, QStringLiteral("d/sub"), true)), "remove -r");
        }
        QTRY_VERIFY_WITH_TIMEOUT(flipper.done(), 20000);
        QVERIFY2(flipper.exited && flipper.exitCode == 0, flipper.err.constData());
        QCOMPARE(flipper.out, QByteArray("flipped\n"));
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char('\n'))));
        QVERIFY2(refused > 0, "the swap was never seen: the race was not exercised");
        qInfo("%d calls during the swapping, %d refused as outside the root", calls, refused);

        // Nothing outside was touched.
        QCOMPARE(hostEntries(outside), outsideBefore);
        QCOMPARE(readHostFile(outside + QStringLiteral("/f")), marker);
        QCOMPARE(QFileInfo(outside + QStringLiteral("/f")).permissions(), outsideMode);
        // Nor are temporary files of refused writes left inside.
        const QString d = m_backend->hostRoot(n) + QStringLiteral("/d");
        for (const QString& name : hostEntries(d))
            QVERIFY2(!name.startsWith(QLatin1String(".hangar-write-")), qPrintable(name));
        QCOMPARE(valueOf(await(m_backend->readFile(n, QStringLiteral("d/f")))),
                 QByteArray("inside"));
    }

    // What a crash can leave (a destroyed sandbox moved aside, a half-extracted restore) is
    // deleted when a backend starts, without following symlinks; live data stays.
    void crashLeftoversAreRemoved() {
        const QString sandboxes = m_dir->path() + QStringLiteral("/sandboxes");
        QVERIFY(
            await(m_backend->writeFile(QStringLiteral("one"), QStringLiteral("keep.txt"), "kept"))
                .ok());
        QVERIFY(await(m_backend->create(QStringLiteral("two"))).ok());
        QVERIFY(
            await(m_backend->createCheckpoint(QStringLiteral("two"), QStringLiteral("c"))).ok());

        const QString precious = m_dir->path() + QStringLiteral("/precious");
        QVERIFY(QDir().mkpath(precious));
        QVERIFY(writeHostFile(precious + QStringLiteral("/keep"), "precious"));
        const QString trash = sandboxes + QStringLiteral("/.trash-0123456789abcdef");
        QVERIFY(QDir().mkpath(trash + QStringLiteral("/root/deep/er")));
        QVERIFY(writeHostFile(trash + QStringLiteral("/root/deep/er/file"), "x"));
        QVERIFY(QFile::link(precious, trash + QStringLiteral("/root/link")));
        const QString trashLink = sandboxes + QStringLiteral("/.trash-link");
        QVERIFY(QFile::link(precious, trashLink));
        const QString restore = sandboxes + QStringLiteral("/one/.restore-Ab12Cd");
        QVERIFY(QDir().mkpath(restore + QStringLiteral("/sub")));
        QVERIFY(writeHostFile(restore + QStringLiteral("/sub/file"), "x"));
        QVERIFY(QFile::link(precious, restore + QStringLiteral("/link")));
        // A restore still extracting (another backend on this data directory) holds a lock.
        const QString busy = sandboxes + QStringLiteral("/two/.restore-busy00");
        QVERIFY(QDir().mkpath(busy));
        const int lock = ::open(QFile::encodeName(busy).constData(), O_RDONLY | O_DIRECTORY);
        QVERIFY(lock >= 0);
        const auto unlock = qScopeGuard([lock] { ::close(lock); });
        QCOMPARE(::flock(lock, LOCK_EX | LOCK_NB), 0);

        m_backend = makeBackend(m_dir->path());
        QTRY_VERIFY(gone(trash) && gone(trashLink) && gone(restore));
        m_backend.reset(); // waits for the cleanup to finish
        QVERIFY(QFileInfo(busy).isDir());
        QCOMPARE(readHostFile(precious + QStringLiteral("/keep")), QByteArray("precious"));
        QCOMPARE(hostEntries(sandboxes),
                 (QStringList{QStringLiteral("one"), QStringLiteral("two")}));

        m_backend = makeBackend(m_dir->path());
        QCOMPARE(
            valueOf(await(m_backend->readFile(QStringLiteral("one"), QStringLiteral("keep.txt")))),
            QByteArray("kept"));
        QCOMPARE(valueOf(await(m_backend->listCheckpoints(QStringLiteral("two")))).size(), 1);
    }

    void activityIsReported() {
        QSignalSpy activity(m_backend.get(), &Backend::activity);
        auto r = await(m_backend->run(QStringLiteral("one"),
                                      request({QStringLiteral("echo"), QStringLiteral("x")})));
        QVERIFY(r.ok());
        QVERIFY(activity.count() >= 1);
        QCOMPARE(activity.at(0).at(0).toString(), QStringLiteral("one"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalBackend> m_backend;
};

using hangar::test::argumentsFor;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    hangar::testing::BackendContract contract(
        [](const QString& dataDir) -> std::unique_ptr<Backend> { return makeBackend(dataDir); });
    LocalOnlyTest local;
    int failures = 0;
    for (QObject* suite : {static_cast<QObject*>(&contract), static_cast<QObject*>(&local)}) {
        const QStringList args = argumentsFor(*suite, app.arguments());
        if (!args.isEmpty())
            failures += QTest::qExec(suite, args);
    }
    return failures == 0 ? 0 : 1;
}

#include "tst_localbackend.moc"
