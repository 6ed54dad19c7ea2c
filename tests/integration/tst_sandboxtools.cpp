#include "TestDatabases.h"
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "store/Store.h"
#include "tools/SandboxTools.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

class TestSandboxTools : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::TempDatabase> m_db;
    ManualClock m_clock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<LocalBackend> m_backend;
    std::unique_ptr<LifecycleService> m_service;
    std::unique_ptr<SandboxTools> m_tools;
    QString m_id;
    QString m_name;

private slots:
    void init() {
        m_db = std::make_unique<test::TempDatabase>(test::TempDatabase::Kind::Sqlite);
        auto store = Store::open(m_db->url());
        HANGAR_VERIFY_OK(store);
        m_store = std::move(store).value();
        LocalBackend::Options local;
        local.dataDir = m_dir.filePath(QStringLiteral("data"));
        m_backend = std::make_unique<LocalBackend>(local);
        m_service = std::make_unique<LifecycleService>(*m_store, m_clock, LifecycleOptions{});
        m_service->addBackend(m_backend.get());
        m_tools = std::make_unique<SandboxTools>(*m_service);
        auto s = test::await(m_service->provision(QStringLiteral("tools"), QStringLiteral("t")));
        HANGAR_VERIFY_OK(s);
        m_id = s.value().id;
        m_name = s.value().name;
    }

    void cleanup() {
        m_tools.reset();
        m_service.reset();
        m_backend.reset();
        m_store.reset();
        m_db.reset();
        QDir(m_dir.filePath(QStringLiteral("data"))).removeRecursively();
    }

    void execRunsAShellCommand() {
        auto r =
            test::await(m_tools->exec(m_id, QStringLiteral("echo out; echo err >&2; pwd; exit 3")));
        HANGAR_VERIFY_OK(r);
        QCOMPARE(r.value().stdoutData, QByteArray("out\n/workspace\n"));
        QCOMPARE(r.value().stderrData, QByteArray("err\n"));
        QCOMPARE(r.value().exitCode, 3);
        QVERIFY(!r.value().timedOut);
    }

    void execHonoursCwdAndTimeout() {
        HANGAR_VERIFY_OK(test::await(m_tools->mkdir(m_id, QStringLiteral("sub/dir"))));
        auto inDir =
            test::await(m_tools->exec(m_id, QStringLiteral("pwd"), QStringLiteral("sub/dir")));
        HANGAR_VERIFY_OK(inDir);
        QCOMPARE(inDir.value().stdoutData, QByteArray("/workspace/sub/dir\n"));

        auto slow = test::await(m_tools->exec(m_id, QStringLiteral("sleep 30"), {}, 300));
        HANGAR_VERIFY_OK(slow);
        QVERIFY(slow.value().timedOut);

        auto outside =
            test::await(m_tools->exec(m_id, QStringLiteral("pwd"), QStringLiteral("../..")));
        QVERIFY(!outside.ok());
        QVERIFY(!test::await(m_tools->exec(m_id, QStringLiteral("   "))).ok());
    }

    void filesRoundTripHostileContentAndNames() {
        QByteArray content("quotes ' \" $(id) `id` ; && \n newline \0 binary \xff\xfe end", 48);
        const QString path = QStringLiteral("dir with space/it's $(x);name.txt");
        HANGAR_VERIFY_OK(test::await(m_tools->writeFile(m_id, path, content)));
        auto read = test::await(m_tools->readFile(m_id, path));
        HANGAR_VERIFY_OK(read);
        QCOMPARE(read.value(), content);
        // And the shell inside sees exactly that file, with nothing executed.
        auto ls = test::await(m_tools->exec(m_id, QStringLiteral("ls 'dir with space'")));
        QCOMPARE(ls.value().stdoutData, QByteArray("it's $(x);name.txt\n"));

        auto st = test::await(m_tools->stat(m_id, path));
        HANGAR_VERIFY_OK(st);
        QCOMPARE(st.value().size, content.size());
        QVERIFY(!st.value().isDir);

        auto entries = test::await(m_tools->readdir(m_id, QStringLiteral("dir with space")));
        HANGAR_VERIFY_OK(entries);
        QCOMPARE(entries.value().size(), 1);
        QCOMPARE(entries.value()[0].name, QStringLiteral("it's $(x);name.txt"));
    }

    void confinementRefusesEscapes() {
        for (const QString& path :
             {QStringLiteral("../../etc/passwd"), QStringLiteral("/etc/passwd")}) {
            auto r = test::await(m_tools->readFile(m_id, path));
            QVERIFY2(!r.ok(), qPrintable(path));
            QCOMPARE(r.error().code, ErrorCode::OutsideRoot);
        }
        HANGAR_VERIFY_OK(test::await(m_tools->exec(m_id, QStringLiteral("ln -s /etc escape"))));
        auto viaLink = test::await(m_tools->readFile(m_id, QStringLiteral("escape/passwd")));
        QVERIFY(!viaLink.ok());
        QCOMPARE(viaLink.error().code, ErrorCode::OutsideRoot);
        QVERIFY(!test::await(m_tools->writeFile(m_id, QStringLiteral("escape/evil"), "x")).ok());
    }

    void globAndGrep() {
        HANGAR_VERIFY_OK(test::await(
            m_tools->writeFile(m_id, QStringLiteral("src/a.ts"), "const x = 1;\nTODO: fix\n")));
        HANGAR_VERIFY_OK(
            test::await(m_tools->writeFile(m_id, QStringLiteral("src/deep/b.ts"), "todo later\n")));
        HANGAR_VERIFY_OK(
            test::await(m_tools->writeFile(m_id, QStringLiteral("src/c.md"), "TODO in docs\n")));
        HANGAR_VERIFY_OK(
            test::await(m_tools->writeFile(m_id, QStringLiteral("-n; $(touch pwned).ts"), "x\n")));

        auto ts = test::await(m_tools->glob(m_id, QStringLiteral("**/*.ts")));
        HANGAR_VERIFY_OK(ts);
        QCOMPARE(ts.value().paths,
                 (QStringList{QStringLiteral("-n; $(touch pwned).ts"), QStringLiteral("src/a.ts"),
                              QStringLiteral("src/deep/b.ts")}));
        auto none = test::await(m_tools->glob(m_id, QStringLiteral("*.nothing")));
        HANGAR_VERIFY_OK(none);
        QVERIFY(none.value().paths.isEmpty());

        GrepOptions options;
        options.ignoreCase = true;
        options.include = QStringLiteral("*.ts");
        auto matches = test::await(m_tools->grep(m_id, QStringLiteral("todo"), options));
        HANGAR_VERIFY_OK(matches);
        QCOMPARE(matches.value().size(), 2);
        QStringList where;
        for (const GrepMatch& m : matches.value())
            where << m.path + QLatin1Char(':') + QString::number(m.line);
        where.sort();
        QCOMPARE(where, (QStringList{QStringLiteral("./src/a.ts:2"),
                                     QStringLiteral("./src/deep/b.ts:1")}));

        // A pattern that looks like an option is a pattern; nothing ran.
        auto dashed = test::await(m_tools->grep(m_id, QStringLiteral("--version")));
        HANGAR_VERIFY_OK(dashed);
        QVERIFY(dashed.value().isEmpty());
        QVERIFY(!test::await(m_tools->stat(m_id, QStringLiteral("pwned"))).ok());
        QVERIFY(!test::await(m_tools->grep(
                                 m_id, QStringLiteral("x"),
                                 GrepOptions{QStringLiteral("missing-dir"), {}, false, false, 10}))
                     .ok());
    }

    // Every tool call wakes a hibernated sandbox first and counts as activity.
    void toolsWakeHibernatedSandboxes() {
        HANGAR_VERIFY_OK(test::await(m_service->hibernate(m_id)));
        m_clock.advance(120'000);
        auto r = test::await(m_tools->exec(m_id, QStringLiteral("echo awake")));
        HANGAR_VERIFY_OK(r);
        QCOMPARE(r.value().stdoutData, QByteArray("awake\n"));
        const Sandbox s = m_service->sandbox(m_id).value();
        QCOMPARE(s.state, SandboxState::Active);
        QCOMPARE(s.lastActivityAt, m_clock.now());
        const auto events = m_store->events(m_id).value();
        QCOMPARE(events[events.size() - 2].to, SandboxState::Restoring);
        QCOMPARE(events[events.size() - 2].reason, QStringLiteral("woken by a tool call"));

        HANGAR_VERIFY_OK(test::await(m_service->hibernate(m_id)));
        HANGAR_VERIFY_OK(test::await(m_tools->stat(m_id, QStringLiteral("."))));
        QCOMPARE(m_service->sandbox(m_id).value().state, SandboxState::Active);
    }

    void unknownSandboxIsAnError() {
        auto r = test::await(m_tools->readFile(QStringLiteral("nope"), QStringLiteral("a")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSandboxTools)
#include "tst_sandboxtools.moc"
