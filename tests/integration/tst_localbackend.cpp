// The backend contract against LocalBackend, plus what only the local backend promises.
#include "BackendContract.h"
#include "local/LocalBackend.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

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

} // namespace

class LocalOnlyTest : public QObject {
    Q_OBJECT
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

// The command line for one suite: test function names of the other suite are dropped; empty
// when functions were named but none of this suite's (so `tst_localbackend fsConfinement`
// works with two suites in one binary).
QStringList argumentsFor(const QObject& suite, const QStringList& args) {
    static const QStringList withValue{QStringLiteral("-o"), QStringLiteral("-maxwarnings"),
                                       QStringLiteral("-eventdelay"), QStringLiteral("-keydelay"),
                                       QStringLiteral("-mousedelay")};
    QStringList result{args.value(0)};
    bool named = false;
    bool ours = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (withValue.contains(arg) && i + 1 < args.size()) {
            result << arg << args.at(++i);
        } else if (arg.startsWith(QLatin1Char('-'))) {
            result << arg;
        } else {
            named = true;
            const QByteArray function = arg.section(QLatin1Char(':'), 0, 0).toLatin1() + "()";
            if (suite.metaObject()->indexOfMethod(function.constData()) >= 0) {
                result << arg;
                ours = true;
            }
        }
    }
    return named && !ours ? QStringList() : result;
}

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
