// TranscriptStore on a real directory, and transcripts of real shells opened through the
// TerminalHub on the local backend: kept after the session, bounded, searchable, saved as
// plain text, and an id from outside never names a file outside the store.
#include "TestSupport.h"
#include "lifecycle/LifecycleService.h"
#include "local/LocalBackend.h"
#include "store/Store.h"
#include "terminal/TerminalHub.h"
#include "terminal/TerminalSession.h"
#include "terminal/TranscriptStore.h"
#include "util/Clock.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;
using hangar::test::await;

namespace {

constexpr int kWaitMs = 15'000;

} // namespace

class TstTranscripts : public QObject {
    Q_OBJECT

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void recordsListsReadsAndSaves() {
        TranscriptStore store(m_dir->filePath(QStringLiteral("t")));
        auto id = store.begin(QStringLiteral("sb1"), QStringLiteral("main"),
                              {QStringLiteral("/bin/bash"), QStringLiteral("-l")});
        HANGAR_VERIFY_OK(id);
        QVERIFY(TranscriptStore::isValidId(id.value()));
        store.append(id.value(), "\x1b[1;32mgreen\x1b[0m line\r\n");
        store.append(id.value(), "\x1b]0;title\x07second LINE\r\n");
        QVERIFY(store.info(id.value()).value().isOpen());
        // Readable while the session still runs.
        QCOMPARE(store.read(id.value()).value(),
                 QByteArray("\x1b[1;32mgreen\x1b[0m line\r\n\x1b]0;title\x07second LINE\r\n"));
        store.end(id.value(), 0, QStringLiteral("exited"));

        const auto info = store.info(id.value());
        HANGAR_VERIFY_OK(info);
        QVERIFY(!info.value().isOpen());
        QCOMPARE(info.value().exitCode, std::optional<int>(0));
        QCOMPARE(info.value().command,
                 QStringList({QStringLiteral("/bin/bash"), QStringLiteral("-l")}));

        // Kept after the store (the program) is gone.
        TranscriptStore again(store.directory());
        const auto listed = again.list(QStringLiteral("sb1"));
        HANGAR_VERIFY_OK(listed);
        QCOMPARE(listed.value().size(), 1);
        QVERIFY(again.list(QStringLiteral("other")).value().isEmpty());

        const auto matches = again.search(QStringLiteral("second line"));
        HANGAR_VERIFY_OK(matches);
        QCOMPARE(matches.value().size(), 1);
        QCOMPARE(matches.value().constFirst().line, 2);
        QCOMPARE(matches.value().constFirst().text, QStringLiteral("second LINE"));

        const QString saved = m_dir->filePath(QStringLiteral("saved.txt"));
        HANGAR_VERIFY_OK(again.save(id.value(), saved));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("green line\nsecond LINE\n"));
    }

    void eachTranscriptIsBounded() {
        TranscriptStore store(m_dir->filePath(QStringLiteral("t")), {1000, 1'000'000});
        auto id = store.begin(QStringLiteral("sb"), QStringLiteral("k"), {});
        HANGAR_VERIFY_OK(id);
        for (int i = 0; i < 100; ++i)
            store.append(id.value(),
                         QByteArray(QByteArray::number(i).rightJustified(49, '.') + '\n'));
        store.end(id.value(), 0, {});
        const auto raw = store.read(id.value());
        HANGAR_VERIFY_OK(raw);
        QVERIFY2(raw.value().size() <= 1000, QByteArray::number(raw.value().size()).constData());
        QVERIFY(raw.value().endsWith(QByteArray("99\n")));  // the newest is kept
        QVERIFY(!raw.value().contains(QByteArray(".0\n"))); // the oldest is gone
        QVERIFY(store.info(id.value()).value().truncated);
    }

    void oldestGoWhenAllPassTheTotal() {
        TranscriptStore store(m_dir->filePath(QStringLiteral("t")), {10'000, 2500});
        QStringList ids;
        for (int i = 0; i < 4; ++i) {
            auto id = store.begin(QStringLiteral("sb"), QString::number(i), {});
            HANGAR_VERIFY_OK(id);
            store.append(id.value(), QByteArray(1000, 'x'));
            store.end(id.value(), 0, {});
            ids.append(id.value());
            QTest::qWait(5); // distinct start times order them
        }
        auto open = store.begin(QStringLiteral("sb"), QStringLiteral("open"), {});
        HANGAR_VERIFY_OK(open);
        const auto listed = store.list();
        HANGAR_VERIFY_OK(listed);
        qint64 total = 0;
        QStringList kept;
        for (const TranscriptInfo& t : listed.value()) {
            total += t.sizeBytes;
            kept.append(t.id);
        }
        QVERIFY2(total <= 2500, QByteArray::number(total).constData());
        QVERIFY(kept.contains(open.value()));
        QVERIFY(kept.contains(ids.last()));
        QVERIFY(!kept.contains(ids.first()));
    }

    void foreignIdsNameNoFile() {
        TranscriptStore store(m_dir->filePath(QStringLiteral("t")));
        for (const QString& bad :
             {QStringLiteral("../../etc/passwd"), QStringLiteral(""),
              QStringLiteral("20260101T000000-abcdefgh/../x"), QStringLiteral("x;rm -rf /")}) {
            const auto read = store.read(bad);
            QVERIFY(!read);
            QCOMPARE(read.error().code, ErrorCode::InvalidArgument);
            QVERIFY(!store.save(bad, m_dir->filePath(QStringLiteral("out"))));
        }
    }

    void shellsThroughTheHubAreRecorded() {
        auto opened = Store::open(DatabaseUrl::sqlite(m_dir->filePath(QStringLiteral("h.db"))));
        HANGAR_VERIFY_OK(opened);
        ManualClock clock;
        LocalBackend local(LocalBackend::Options{m_dir->filePath(QStringLiteral("data")),
                                                 QStringLiteral("/workspace")});
        LifecycleService lifecycle(*opened.value(), clock, LifecycleOptions{});
        lifecycle.addBackend(&local);
        TranscriptStore transcripts(m_dir->filePath(QStringLiteral("transcripts")));
        TerminalHub hub(lifecycle);
        hub.setTranscripts(&transcripts);
        const auto sandbox =
            await(lifecycle.provision(QStringLiteral("tr"), QStringLiteral("main")));
        HANGAR_VERIFY_OK(sandbox);
        const QString id = sandbox.value().id;

        TerminalOptions options;
        options.shell = {QStringLiteral("/bin/sh")};
        const auto session = await(hub.open(id, QStringLiteral("one"), options));
        HANGAR_VERIFY_OK(session);
        QSignalSpy exited(session.value(), &TerminalSession::exited);
        session.value()->write("echo transcript-$((6*7)); exit 3\n");
        QTRY_COMPARE_WITH_TIMEOUT(exited.count(), 1, kWaitMs);
        auto listed = transcripts.list(id);
        HANGAR_VERIFY_OK(listed);
        QCOMPARE(listed.value().size(), 1);
        const TranscriptInfo done = listed.value().constFirst();
        // What the session reported is what the transcript keeps.
        QCOMPARE(done.exitCode, std::optional<int>(exited.at(0).at(0).toInt()));
        QCOMPARE(done.endReason, TerminalHub::tr("exited"));
        QVERIFY(TranscriptStore::plainText(transcripts.read(done.id).value())
                    .contains(QLatin1String("transcript-42")));

        // A shell that hibernation ends says so.
        const auto second = await(hub.open(id, QStringLiteral("two"), options));
        HANGAR_VERIFY_OK(second);
        QSignalSpy ended(second.value(), &TerminalSession::exited);
        QSignalSpy failed(second.value(), &TerminalSession::failed);
        // Once the shell runs (it answered), the sandbox goes to sleep.
        second.value()->write("echo up\n");
        QTRY_VERIFY_WITH_TIMEOUT(second.value()->scrollback().contains("up"), kWaitMs);
        HANGAR_VERIFY_OK(await(lifecycle.hibernate(id)));
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() + failed.count() == 1, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!transcripts.list(id).value().constFirst().isOpen(), kWaitMs);
        const TranscriptInfo slept = transcripts.list(id).value().constFirst();
        QCOMPARE(slept.endReason, TerminalHub::tr("ended by hibernation"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TstTranscripts)
#include "tst_transcripts.moc"
