// The chunked-transfer loops on their own: pacing against a sink that falls behind, piece
// boundaries, cancel at every stage, and what an upload leaves when it fails.
#include "backend/ChunkedTransfer.h"
#include "backend/FeedDevice.h"
#include "util/Async.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace hangar;

namespace {

// A sink that holds what is written as "pending" until the test drains it, like a socket
// whose client is not reading.
class SlowSink : public QIODevice {
public:
    SlowSink() { open(QIODevice::WriteOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesToWrite() const override { return pending; }
    void drain() {
        const qint64 sent = pending;
        pending = 0;
        emit bytesWritten(sent);
    }
    QByteArray received;
    qint64 pending = 0;

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override {
        received.append(data, size);
        pending += size;
        return size;
    }
};

// Lets queued continuations run; no time passes.
void settle() {
    for (int i = 0; i < 50; ++i)
        QCoreApplication::processEvents();
}

} // namespace

class TestChunkedTransfer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<hangar::Error>(); }

    void downloadPausesWhileTheSinkIsBehind() {
        const QByteArray file(10 * 1000 + 7, 'x');
        constexpr qint64 Chunk = 1000;
        int reads = 0;
        SlowSink sink;
        auto* transfer = new ChunkedDownload(
            QStringLiteral("f"), &sink, file.size(), Chunk, [&](qint64 offset, qint64 max) {
                ++reads;
                return readyTask<QByteArray>(file.mid(offset, max));
            });
        QSignalSpy finished(transfer, &FileTransfer::finished);
        transfer->start();
        settle();
        // Two pieces: the first goes out, the second finds more than a chunk pending and waits.
        QCOMPARE(reads, 2);
        QCOMPARE(sink.received.size(), 2 * Chunk);
        QCOMPARE(finished.count(), 0);
        for (int round = 0; round < 20 && finished.isEmpty(); ++round) {
            sink.drain();
            settle();
        }
        QCOMPARE(finished.count(), 1);
        QVERIFY(sink.received == file);
        QCOMPARE(reads, 11);
    }

    void downloadEndsOnAnExactChunkBoundary() {
        const QByteArray file(3000, 'y');
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        int reads = 0;
        auto* transfer = new ChunkedDownload(
            QStringLiteral("f"), &sink, -1, 1000, [&](qint64 offset, qint64 max) {
                ++reads;
                return readyTask<QByteArray>(file.mid(offset, max));
            });
        QSignalSpy progress(transfer, &FileTransfer::progress);
        QSignalSpy finished(transfer, &FileTransfer::finished);
        transfer->start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(sink.data(), file);
        QCOMPARE(reads, 4);                                 // the fourth, empty, says "end"
        QCOMPARE(progress.last().at(1).toLongLong(), 3000); // the total, learnt at the end
    }

    void downloadReportsAReadErrorAndStops() {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        auto* transfer = new ChunkedDownload(
            QStringLiteral("f"), &sink, 5000, 1000, [](qint64 offset, qint64 max) {
                if (offset >= 2000)
                    return failedTask<QByteArray>(makeError(ErrorCode::Io, QStringLiteral("disk")));
                return readyTask<QByteArray>(QByteArray(int(max), 'z'));
            });
        QSignalSpy failed(transfer, &FileTransfer::failed);
        transfer->start();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::Io);
        QCOMPARE(sink.data().size(), 2000);
    }

    void uploadWritesPiecesThenCommits_data() {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("under one piece") << 999;
        QTest::newRow("exact boundary") << 3000;
        QTest::newRow("ragged") << 3001;
    }

    void uploadWritesPiecesThenCommits() {
        QFETCH(int, size);
        QByteArray content(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            content[i] = char(i * 7);
        QBuffer source;
        source.setData(content);
        source.open(QIODevice::ReadOnly);
        QByteArray stored;
        QList<qint64> offsets;
        int commits = 0;
        int discards = 0;
        auto* transfer = new ChunkedUpload(
            QStringLiteral("f"), &source, 1000,
            [&](qint64 offset, const QByteArray& data) {
                offsets.append(offset);
                stored.append(data);
                return readyTask();
            },
            [&] {
                ++commits;
                return readyTask();
            },
            [&] {
                ++discards;
                return readyTask();
            });
        QSignalSpy finished(transfer, &FileTransfer::finished);
        transfer->start();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(stored == content);
        QCOMPARE(commits, 1);
        QCOMPARE(discards, 0);
        QCOMPARE(offsets.first(), 0); // an empty file is still written (created) once
        for (int i = 1; i < offsets.size(); ++i)
            QCOMPARE(offsets[i], qint64(i) * 1000);
    }

    void uploadFromAFeedWaitsForWholePiecesAndTheEnd() {
        FeedDevice feed;
        QByteArray stored;
        QList<qint64> sizes;
        int commits = 0;
        auto* transfer = new ChunkedUpload(
            QStringLiteral("f"), &feed, 1000,
            [&](qint64, const QByteArray& data) {
                sizes.append(data.size());
                stored.append(data);
                return readyTask();
            },
            [&] {
                ++commits;
                return readyTask();
            },
            [] { return readyTask(); });
        QSignalSpy finished(transfer, &FileTransfer::finished);
        transfer->start();
        feed.feed(QByteArray(600, 'a'));
        settle();
        QVERIFY(sizes.isEmpty()); // less than a piece: nothing written yet
        feed.feed(QByteArray(1500, 'b'));
        settle();
        QCOMPARE(sizes, QList<qint64>({1000, 1000}));
        QCOMPARE(commits, 0); // whole pieces went out; the feed has not ended
        feed.feed(QByteArray(100, 'c'));
        feed.finish();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(sizes, QList<qint64>({1000, 1000, 200}));
        QCOMPARE(stored, QByteArray(600, 'a') + QByteArray(1500, 'b') + QByteArray(100, 'c'));
        QCOMPARE(commits, 1);
    }

    void uploadFromAFeedThatEndedBeforeTheTransferBegan() {
        FeedDevice feed;
        feed.feed(QByteArray(1000, 'x')); // exactly one piece, then the end
        feed.finish();
        QByteArray stored;
        auto* transfer = new ChunkedUpload(
            QStringLiteral("f"), &feed, 1000,
            [&](qint64, const QByteArray& data) {
                stored.append(data);
                return readyTask();
            },
            [] { return readyTask(); }, [] { return readyTask(); });
        QSignalSpy finished(transfer, &FileTransfer::finished);
        transfer->start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(stored, QByteArray(1000, 'x'));
    }

    void uploadCancelledMidwayDiscardsAndNeverCommits() {
        QBuffer source;
        source.setData(QByteArray(10'000, 'a'));
        source.open(QIODevice::ReadOnly);
        int writes = 0;
        int commits = 0;
        int discards = 0;
        Deferred<void> slowWrite; // the second write stays in flight until released
        ChunkedUpload* transfer = nullptr;
        transfer = new ChunkedUpload(
            QStringLiteral("f"), &source, 1000,
            [&](qint64, const QByteArray&) {
                ++writes;
                return writes == 2 ? slowWrite.future() : readyTask();
            },
            [&] {
                ++commits;
                return readyTask();
            },
            [&] {
                ++discards;
                return readyTask();
            });
        QSignalSpy failed(transfer, &FileTransfer::failed);
        transfer->start();
        QTRY_COMPARE(writes, 2);
        transfer->cancel(); // during a write: it finishes, then the upload is discarded
        settle();
        QCOMPARE(discards, 0);
        slowWrite.resolve({});
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::Cancelled);
        QCOMPARE(writes, 2);
        QCOMPARE(commits, 0);
        QCOMPARE(discards, 1);
    }

    void uploadWriteErrorDiscardsAndReportsTheCause() {
        QBuffer source;
        source.setData(QByteArray(5000, 'b'));
        source.open(QIODevice::ReadOnly);
        int discards = 0;
        auto* transfer = new ChunkedUpload(
            QStringLiteral("f"), &source, 1000,
            [](qint64 offset, const QByteArray&) {
                return offset >= 2000 ? failedTask<void>(makeError(ErrorCode::PermissionDenied,
                                                                   QStringLiteral("denied")))
                                      : readyTask();
            },
            [] { return readyTask(); },
            [&] {
                ++discards;
                // The cleanup failing too must not hide the original error.
                return failedTask<void>(makeError(ErrorCode::Io, QStringLiteral("cleanup")));
            });
        QSignalSpy failed(transfer, &FileTransfer::failed);
        transfer->start();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::PermissionDenied);
        QCOMPARE(discards, 1);
    }

    void deferredTransferCancelledBeforeItStartsCancelsTheWork() {
        auto* outer = new DeferredTransfer(FileTransfer::Direction::Download, QStringLiteral("f"));
        QPointer<DeferredTransfer> guard(outer);
        QSignalSpy failed(outer, &FileTransfer::failed);
        outer->cancel();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::Cancelled);
        QTRY_VERIFY(guard.isNull()); // it deleted itself

        // Started after it ended: the inner transfer is cancelled, not left running.
        auto* late = new DeferredTransfer(FileTransfer::Direction::Download, QStringLiteral("g"));
        late->cancel();
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        auto* inner = new ChunkedDownload(QStringLiteral("g"), &sink, 10, 4, [](qint64, qint64) {
            return readyTask<QByteArray>(QByteArray(4, 'q'));
        });
        QSignalSpy innerFailed(inner, &FileTransfer::failed);
        late->start(inner);
        inner->start();
        QTRY_COMPARE(innerFailed.count(), 1);
        QCOMPARE(sink.data(), QByteArray());
    }

    void followingMirrorsProgressAndEnd() {
        auto* outer = new DeferredTransfer(FileTransfer::Direction::Download, QStringLiteral("f"));
        QSignalSpy progress(outer, &FileTransfer::progress);
        QSignalSpy finished(outer, &FileTransfer::finished);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        auto* inner =
            new ChunkedDownload(QStringLiteral("f"), &sink, 6, 4, [](qint64 offset, qint64) {
                return readyTask<QByteArray>(offset == 0 ? QByteArray("abcd") : QByteArray("ef"));
            });
        outer->start(inner);
        inner->start();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(outer->bytesDone(), 6);
        QCOMPARE(outer->bytesTotal(), 6);
        QVERIFY(progress.count() >= 2);
        QCOMPARE(sink.data(), QByteArray("abcdef"));
    }

    void uploadTempPathStaysBesideTheTarget() {
        const QString temp = uploadTempPath(QStringLiteral("dir/sub/file.txt"));
        QVERIFY(temp.startsWith(QStringLiteral("dir/sub/.file.txt.hangar-upload-")));
        QVERIFY(uploadTempPath(QStringLiteral("a")) != uploadTempPath(QStringLiteral("a")));
        const QString longName(250, QLatin1Char('n'));
        QVERIFY(uploadTempPath(longName).size() <= 255); // within NAME_MAX
    }
};

QTEST_GUILESS_MAIN(TestChunkedTransfer)
#include "tst_chunkedtransfer.moc"
