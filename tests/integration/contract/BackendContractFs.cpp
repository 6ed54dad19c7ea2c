// The filesystem and checkpoint part of the backend contract.
#include "BackendContract.h"
#include "ContractChecks.h"

#include <QTest>

namespace hangar::testing {

namespace {

QStringList names(const QList<FsEntry>& entries) {
    QStringList result;
    for (const FsEntry& entry : entries)
        result.append(entry.name);
    return result;
}

} // namespace

void BackendContract::fsReadWriteList() {
    const QString n = m_name;
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("b.txt"), "hello")));
    auto read = await(backend()->readFile(n, QStringLiteral("b.txt")));
    CHECK_OK(read);
    QCOMPARE(read.value(), QByteArray("hello"));
    read = await(backend()->readFile(n, inside(QStringLiteral("b.txt")))); // absolute works too
    CHECK_OK(read);
    QCOMPARE(read.value(), QByteArray("hello"));
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("b.txt"), QByteArray("\0bin\xff", 5))));
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("b.txt")))),
             QByteArray("\0bin\xff", 5));

    CHECK_ERROR(await(backend()->writeFile(n, QStringLiteral("nope/x.txt"), "x")),
                ErrorCode::NotFound);
    WriteOptions parents;
    parents.makeParents = true;
    parents.mode = 0600;
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("a/deep/x.txt"), "x", parents)));
    auto st = await(backend()->stat(n, QStringLiteral("a/deep/x.txt")));
    CHECK_OK(st);
    QCOMPARE(st.value().mode, 0600u);
    QCOMPARE(st.value().size, 1);
    QCOMPARE(st.value().path, inside(QStringLiteral("a/deep/x.txt")));

    auto list = await(backend()->listDir(n, QString()));
    CHECK_OK(list);
    QCOMPARE(names(list.value()), (QStringList{QStringLiteral("a"), QStringLiteral("b.txt")}));
    QVERIFY(list.value().at(0).isDir);
    QVERIFY(!list.value().at(1).isDir);
    QCOMPARE(list.value().at(1).size, 5);
    QCOMPARE(list.value().at(1).path, inside(QStringLiteral("b.txt")));
    QVERIFY(list.value().at(1).modified.isValid());
    CHECK_ERROR(await(backend()->listDir(n, QStringLiteral("b.txt"))), ErrorCode::NotADirectory);
    CHECK_ERROR(await(backend()->readFile(n, QStringLiteral("a"))), ErrorCode::IsADirectory);
    CHECK_ERROR(await(backend()->readFile(n, QStringLiteral("missing"))), ErrorCode::NotFound);
}

void BackendContract::fsStatMkdirRemoveRenameChmod() {
    const QString n = m_name;
    CHECK_OK(await(backend()->makeDir(n, QStringLiteral("x"), false)));
    CHECK_ERROR(await(backend()->makeDir(n, QStringLiteral("x"), false)), ErrorCode::AlreadyExists);
    CHECK_ERROR(await(backend()->makeDir(n, QStringLiteral("p/q/r"), false)), ErrorCode::NotFound);
    CHECK_OK(await(backend()->makeDir(n, QStringLiteral("p/q/r"), true)));
    CHECK_OK(await(backend()->makeDir(n, QStringLiteral("p/q/r"), true)));
    auto st = await(backend()->stat(n, QStringLiteral("p/q/r")));
    CHECK_OK(st);
    QVERIFY(st.value().isDir);
    QCOMPARE(st.value().name, QStringLiteral("r"));

    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("x/f"), "f")));
    CHECK_ERROR(await(backend()->remove(n, QStringLiteral("x"), false)), ErrorCode::NotEmpty);
    CHECK_OK(await(backend()->remove(n, QStringLiteral("x"), true)));
    CHECK_ERROR(await(backend()->stat(n, QStringLiteral("x"))), ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->remove(n, QStringLiteral("x"), true)), ErrorCode::NotFound);
    QVERIFY(!await(backend()->remove(n, QString(), true)).ok()); // never the root itself

    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("old"), "content")));
    CHECK_OK(await(backend()->rename(n, QStringLiteral("old"), QStringLiteral("p/new"))));
    CHECK_ERROR(await(backend()->stat(n, QStringLiteral("old"))), ErrorCode::NotFound);
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("p/new")))),
             QByteArray("content"));
    CHECK_ERROR(await(backend()->rename(n, QStringLiteral("old"), QStringLiteral("y"))),
                ErrorCode::NotFound);

    CHECK_OK(await(backend()->chmod(n, QStringLiteral("p/new"), 0751)));
    QCOMPARE(valueOf(await(backend()->stat(n, QStringLiteral("p/new")))).mode, 0751u);
    QCOMPARE(run(n, {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                     QStringLiteral("p/new")})
                 .stdoutData,
             QByteArray("751\n"));

    // Symlinks: reported as links, not followed for the entry type.
    QCOMPARE(run(n, {QStringLiteral("ln"), QStringLiteral("-s"), QStringLiteral("p"),
                     QStringLiteral("plink")})
                 .exitCode,
             0);
    st = await(backend()->stat(n, QStringLiteral("plink")));
    CHECK_OK(st);
    QVERIFY(st.value().isSymlink);
    QVERIFY(!st.value().isDir);
    QCOMPARE(st.value().linkTarget, QStringLiteral("p"));
    auto list = await(backend()->listDir(n, QString()));
    CHECK_OK(list);
    for (const FsEntry& entry : list.value()) {
        if (entry.name == QLatin1String("plink"))
            QVERIFY(entry.isSymlink && !entry.isDir);
    }
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("plink/new")))),
             QByteArray("content"));
    CHECK_OK(await(backend()->remove(n, QStringLiteral("plink"), true))); // the link, not p/
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("p/new")))),
             QByteArray("content"));
}

void BackendContract::fsHostileNames() {
    const QString n = m_name;
    const QStringList hostile{QStringLiteral("with space"),     QStringLiteral("quote'\"s"),
                              QStringLiteral("semi;colon&amp"), QStringLiteral("$(touch pwned)"),
                              QStringLiteral("new\nline"),      QStringLiteral("back\\slash`id`"),
                              QStringLiteral("-dash"),          QStringLiteral("ünï cödé")};
    for (const QString& name : hostile) {
        CHECK_OK(await(backend()->writeFile(n, name, name.toUtf8())));
        QCOMPARE(valueOf(await(backend()->readFile(n, name))), name.toUtf8());
        const ExecResult r = run(n, {QStringLiteral("cat"), QStringLiteral("--"), name});
        QCOMPARE(r.stdoutData, name.toUtf8());
        const QString renamed = name + QStringLiteral(" (2)");
        CHECK_OK(await(backend()->rename(n, name, renamed)));
        CHECK_OK(await(backend()->stat(n, renamed)));
        CHECK_OK(await(backend()->makeDir(n, name, false)));
    }
    auto list = await(backend()->listDir(n, QString()));
    CHECK_OK(list);
    QCOMPARE(list.value().size(), hostile.size() * 2);
    CHECK_ERROR(await(backend()->stat(n, QStringLiteral("pwned"))), ErrorCode::NotFound);
    for (const QString& name : hostile) {
        CHECK_OK(await(backend()->remove(n, name, false)));
        CHECK_OK(await(backend()->remove(n, name + QStringLiteral(" (2)"), false)));
    }
    QCOMPARE(valueOf(await(backend()->listDir(n, QString()))).size(), 0);
}

void BackendContract::fsConfinement() {
    const QString n = m_name;
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("a.txt"), "inside")));
    auto refused = await(backend()->readFile(n, QStringLiteral("../x")));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, m_options.outsideRootError);
    QVERIFY(refused.error().describe().contains(QStringLiteral("../x")));
    CHECK_ERROR(await(backend()->readFile(n, QStringLiteral("/etc/passwd"))),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->readFile(n, inside(QStringLiteral("../etc/passwd")))),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->writeFile(n, QStringLiteral("../../evil"), "x")),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->listDir(n, QStringLiteral(".."))), m_options.outsideRootError);
    CHECK_ERROR(await(backend()->makeDir(n, QStringLiteral("/tmp/x"), true)),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->rename(n, QStringLiteral("a.txt"), QStringLiteral("../a.txt"))),
                m_options.outsideRootError);

    const auto ln = [&](const QString& target, const QString& link) {
        return run(n, {QStringLiteral("ln"), QStringLiteral("-s"), target, link}).exitCode;
    };
    QCOMPARE(ln(QStringLiteral("/etc"), QStringLiteral("etc")), 0);
    QCOMPARE(ln(QStringLiteral("../../.."), QStringLiteral("up")), 0);
    QCOMPARE(ln(inside(QStringLiteral("a.txt")), QStringLiteral("abs")), 0);
    QCOMPARE(ln(QStringLiteral("a.txt"), QStringLiteral("rel")), 0);
    CHECK_ERROR(await(backend()->readFile(n, QStringLiteral("etc/passwd"))),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->writeFile(n, QStringLiteral("etc/evil"), "x")),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->listDir(n, QStringLiteral("etc"))), m_options.outsideRootError);
    CHECK_ERROR(await(backend()->listDir(n, QStringLiteral("up"))), m_options.outsideRootError);
    CHECK_ERROR(await(backend()->readFile(n, QStringLiteral("up/etc/passwd"))),
                m_options.outsideRootError);
    CHECK_ERROR(await(backend()->chmod(n, QStringLiteral("up"), 0777)), m_options.outsideRootError);
    // Links that stay inside work, absolute ones in the sandbox's own view.
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("abs")))), QByteArray("inside"));
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("rel")))), QByteArray("inside"));
    // The link itself can be inspected and removed.
    CHECK_OK(await(backend()->stat(n, QStringLiteral("up"))));
    CHECK_OK(await(backend()->remove(n, QStringLiteral("up"), true)));
    CHECK_OK(await(backend()->remove(n, QStringLiteral("etc"), false)));
}

void BackendContract::checkpoints() {
    const QString n = m_name;
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("f.txt"), "one")));
    auto first =
        await(backend()->createCheckpoint(n, QStringLiteral("first")), m_options.timeoutMs);
    CHECK_OK(first);
    QVERIFY(!first.value().id.isEmpty());
    QCOMPARE(first.value().comment, QStringLiteral("first"));

    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("f.txt"), "two")));
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("g.txt"), "new")));
    auto second =
        await(backend()->createCheckpoint(n, QStringLiteral("second")), m_options.timeoutMs);
    CHECK_OK(second);
    QVERIFY(second.value().id != first.value().id);

    auto list = await(backend()->listCheckpoints(n));
    CHECK_OK(list);
    QCOMPARE(list.value().size(), 2);
    QCOMPARE(list.value().at(0).id, second.value().id); // newest first
    QCOMPARE(list.value().at(1).comment, QStringLiteral("first"));

    CHECK_OK(await(backend()->restoreCheckpoint(n, first.value().id), m_options.timeoutMs));
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("f.txt")))), QByteArray("one"));
    CHECK_ERROR(await(backend()->readFile(n, QStringLiteral("g.txt"))), ErrorCode::NotFound);
    QCOMPARE(run(n, {QStringLiteral("cat"), QStringLiteral("f.txt")}).stdoutData,
             QByteArray("one"));

    CHECK_OK(await(backend()->restoreCheckpoint(n, second.value().id), m_options.timeoutMs));
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("g.txt")))), QByteArray("new"));

    CHECK_ERROR(await(backend()->restoreCheckpoint(n, QStringLiteral("v999"))),
                ErrorCode::NotFound);
    CHECK_ERROR(await(backend()->restoreCheckpoint(n, QStringLiteral("../x"))),
                ErrorCode::NotFound);
    CHECK_OK(await(backend()->deleteCheckpoint(n, first.value().id)));
    CHECK_ERROR(await(backend()->deleteCheckpoint(n, first.value().id)), ErrorCode::NotFound);
    list = await(backend()->listCheckpoints(n));
    CHECK_OK(list);
    QCOMPARE(list.value().size(), 1);
}

} // namespace hangar::testing
