// The chunked-transfer part of the backend contract: round trips, progress, cancel, refusals,
// and a 100 MiB file each way with the process's memory watched.
#include "BackendContract.h"
#include "ContractChecks.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>

namespace hangar::testing {

namespace {

// How a transfer ended, waited for without sleeping.
struct TransferOutcome {
    bool finished = false;
    std::optional<Error> error;
    QList<qint64> progress; // bytesDone at each report
    qint64 total = -1;
    qint64 peakRssGrowth = 0; // kB above the resident size at the start
};

qint64 residentKb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

TransferOutcome waitFor(FileTransfer* transfer, int timeoutMs,
                        std::function<void(FileTransfer*)> onProgress = {}) {
    TransferOutcome outcome;
    const qint64 rssAtStart = residentKb();
    QPointer<FileTransfer> guard(transfer);
    QEventLoop loop;
    QObject::connect(
        transfer, &FileTransfer::progress, &loop, [&, transfer](qint64 done, qint64 total) {
            outcome.progress.append(done);
            outcome.total = total;
            outcome.peakRssGrowth = std::max(outcome.peakRssGrowth, residentKb() - rssAtStart);
            if (onProgress)
                onProgress(transfer);
        });
    QObject::connect(transfer, &FileTransfer::finished, &loop, [&] {
        outcome.finished = true;
        loop.quit();
    });
    QObject::connect(transfer, &FileTransfer::failed, &loop, [&](const Error& e) {
        outcome.error = e;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!outcome.finished && !outcome.error)
        outcome.error = makeError(ErrorCode::Timeout, QStringLiteral("the transfer did not end"));
    return outcome;
}

QByteArray pseudoRandom(qsizetype size, quint32 seed) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    return data;
}

QByteArray sha256(QIODevice& device) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    device.seek(0);
    hash.addData(&device);
    return hash.result();
}

#define CHECK_DONE(outcome)                                                                        \
    QVERIFY2((outcome).finished,                                                                   \
             (outcome).error ? qPrintable((outcome).error->describe()) : "did not finish")

} // namespace

void BackendContract::fsTransferRoundTrip() {
    const QString n = m_name;
    // Over one piece on every backend, and not a multiple of any piece size.
    const QByteArray content = pseudoRandom(20 * 1024 * 1024 + 12'345, 7);
    QBuffer source;
    source.setData(content);
    QVERIFY(source.open(QIODevice::ReadOnly));
    WriteOptions options;
    options.makeParents = true;
    options.mode = 0640;
    TransferOutcome up =
        waitFor(backend()->upload(n, QStringLiteral("up/nested/file with 'quotes' $(x).bin"),
                                  &source, options),
                m_options.timeoutMs * 3);
    CHECK_DONE(up);
    QCOMPARE(up.total, content.size());
    QVERIFY(up.progress.size() >= 2);
    QVERIFY(std::is_sorted(up.progress.begin(), up.progress.end()));
    QCOMPARE(up.progress.last(), content.size());
    auto st = await(backend()->stat(n, QStringLiteral("up/nested/file with 'quotes' $(x).bin")));
    CHECK_OK(st);
    QCOMPARE(st.value().size, content.size());
    QCOMPARE(st.value().mode, 0640u);
    // Nothing but the file is left in its directory (no temporary pieces).
    auto listing = await(backend()->listDir(n, QStringLiteral("up/nested")));
    CHECK_OK(listing);
    QCOMPARE(listing.value().size(), 1);

    QBuffer sink;
    QVERIFY(sink.open(QIODevice::WriteOnly));
    TransferOutcome down = waitFor(
        backend()->download(n, QStringLiteral("up/nested/file with 'quotes' $(x).bin"), &sink),
        m_options.timeoutMs * 3);
    CHECK_DONE(down);
    QCOMPARE(down.total, content.size());
    QVERIFY(sink.data() == content);

    // Replacing a file keeps its mode unless one is given; an empty file round-trips too.
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("keep.sh"), "old")));
    CHECK_OK(await(backend()->chmod(n, QStringLiteral("keep.sh"), 0751)));
    QBuffer empty;
    QVERIFY(empty.open(QIODevice::ReadOnly));
    CHECK_DONE(
        waitFor(backend()->upload(n, QStringLiteral("keep.sh"), &empty), m_options.timeoutMs));
    st = await(backend()->stat(n, QStringLiteral("keep.sh")));
    CHECK_OK(st);
    QCOMPARE(st.value().size, 0);
    QCOMPARE(st.value().mode, 0751u);
    QBuffer emptySink;
    QVERIFY(emptySink.open(QIODevice::WriteOnly));
    TransferOutcome emptyDown =
        waitFor(backend()->download(n, QStringLiteral("keep.sh"), &emptySink), m_options.timeoutMs);
    CHECK_DONE(emptyDown);
    QCOMPARE(emptySink.data(), QByteArray());
}

void BackendContract::fsTransferRefusals() {
    const QString n = m_name;
    QBuffer sink;
    QVERIFY(sink.open(QIODevice::WriteOnly));
    TransferOutcome missing =
        waitFor(backend()->download(n, QStringLiteral("missing.bin"), &sink), m_options.timeoutMs);
    QVERIFY(missing.error);
    QCOMPARE(missing.error->code, ErrorCode::NotFound);
    QVERIFY(missing.error->describe().contains(QStringLiteral("missing.bin")));

    CHECK_OK(await(backend()->makeDir(n, QStringLiteral("dir"), false)));
    TransferOutcome directory =
        waitFor(backend()->download(n, QStringLiteral("dir"), &sink), m_options.timeoutMs);
    QVERIFY(directory.error);
    QCOMPARE(directory.error->code, ErrorCode::IsADirectory);

    TransferOutcome escape = waitFor(
        backend()->download(n, QStringLiteral("../../etc/passwd"), &sink), m_options.timeoutMs);
    QVERIFY(escape.error);
    QCOMPARE(escape.error->code, m_options.outsideRootError);
    QCOMPARE(run(n, {QStringLiteral("ln"), QStringLiteral("-s"), QStringLiteral("/etc"),
                     QStringLiteral("etc")})
                 .exitCode,
             0);
    TransferOutcome viaLink =
        waitFor(backend()->download(n, QStringLiteral("etc/passwd"), &sink), m_options.timeoutMs);
    QVERIFY(viaLink.error);
    QCOMPARE(viaLink.error->code, m_options.outsideRootError);
    QCOMPARE(sink.data(), QByteArray());

    QBuffer source;
    source.setData("x");
    QVERIFY(source.open(QIODevice::ReadOnly));
    TransferOutcome upEscape =
        waitFor(backend()->upload(n, QStringLiteral("etc/evil"), &source), m_options.timeoutMs);
    QVERIFY(upEscape.error);
    QCOMPARE(upEscape.error->code, m_options.outsideRootError);
    source.seek(0);
    TransferOutcome noParent = waitFor(
        backend()->upload(n, QStringLiteral("no/such/dir/file"), &source), m_options.timeoutMs);
    QVERIFY(noParent.error);
    QCOMPARE(noParent.error->code, ErrorCode::NotFound);
}

void BackendContract::fsTransferCancel() {
    const QString n = m_name;
    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("target.bin"), "the old content")));
    const QByteArray content = pseudoRandom(24 * 1024 * 1024, 11);
    QBuffer source;
    source.setData(content);
    QVERIFY(source.open(QIODevice::ReadOnly));
    // Cancelled after the first piece has arrived: the old file stays, no piece is left.
    TransferOutcome cancelled = waitFor(backend()->upload(n, QStringLiteral("target.bin"), &source),
                                        m_options.timeoutMs * 3, [](FileTransfer* t) {
                                            if (t->bytesDone() > 0)
                                                t->cancel();
                                        });
    QVERIFY(cancelled.error);
    QCOMPARE(cancelled.error->code, ErrorCode::Cancelled);
    QCOMPARE(valueOf(await(backend()->readFile(n, QStringLiteral("target.bin")))),
             QByteArray("the old content"));
    auto listing = await(backend()->listDir(n, QStringLiteral(".")));
    CHECK_OK(listing);
    for (const FsEntry& entry : listing.value())
        QVERIFY2(!entry.name.contains(QStringLiteral("hangar-upload")), qPrintable(entry.name));

    CHECK_OK(await(backend()->writeFile(n, QStringLiteral("big.bin"), content.left(12'000'000))));
    QBuffer sink;
    QVERIFY(sink.open(QIODevice::WriteOnly));
    TransferOutcome downCancelled =
        waitFor(backend()->download(n, QStringLiteral("big.bin"), &sink), m_options.timeoutMs * 3,
                [](FileTransfer* t) {
                    if (t->bytesDone() > 0)
                        t->cancel();
                });
    QVERIFY(downCancelled.error);
    QCOMPARE(downCancelled.error->code, ErrorCode::Cancelled);
    QVERIFY(sink.data().size() < 12'000'000);
}

void BackendContract::fsTransferLargeFileBoundedMemory() {
    const QString n = m_name;
    constexpr qint64 Size = 100 * 1024 * 1024;
    constexpr qint64 MemoryBoundKb = 64 * 1024; // well under the file's 100 MiB
    QTemporaryDir local;
    QVERIFY(local.isValid());
    QFile source(local.filePath(QStringLiteral("source.bin")));
    QVERIFY(source.open(QIODevice::ReadWrite));
    for (quint32 i = 0; i < 100; ++i)
        QVERIFY(source.write(pseudoRandom(1024 * 1024, i)) == 1024 * 1024);
    QVERIFY(source.seek(0));
    TransferOutcome up = waitFor(backend()->upload(n, QStringLiteral("large.bin"), &source),
                                 m_options.timeoutMs * 6);
    CHECK_DONE(up);
    QCOMPARE(up.progress.last(), Size);
    QVERIFY2(up.peakRssGrowth < MemoryBoundKb,
             qPrintable(QStringLiteral("upload grew memory by %1 kB").arg(up.peakRssGrowth)));

    QFile sink(local.filePath(QStringLiteral("sink.bin")));
    QVERIFY(sink.open(QIODevice::ReadWrite));
    TransferOutcome down = waitFor(backend()->download(n, QStringLiteral("large.bin"), &sink),
                                   m_options.timeoutMs * 6);
    CHECK_DONE(down);
    QVERIFY2(down.peakRssGrowth < MemoryBoundKb,
             qPrintable(QStringLiteral("download grew memory by %1 kB").arg(down.peakRssGrowth)));
    QCOMPARE(sink.size(), Size);
    QCOMPARE(sha256(sink), sha256(source));
    qInfo("100 MiB: upload peak memory growth %lld kB, download %lld kB", up.peakRssGrowth,
          down.peakRssGrowth);
}

} // namespace hangar::testing
