#include "RangedUploads.h"

#include "backend/FeedDevice.h"
#include "backend/FileTransfer.h"
#include "tools/SandboxTools.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace hangar::api {

using http::HttpReply;

std::optional<ContentRange> ContentRange::parse(const QByteArray& header) {
    static const QRegularExpression form(
        QStringLiteral("^bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})$"));
    const QRegularExpressionMatch match = form.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return std::nullopt;
    ContentRange range{match.captured(1).toLongLong(), match.captured(2).toLongLong(),
                       match.captured(3).toLongLong()};
    if (range.first > range.last || range.last >= range.total)
        return std::nullopt;
    return range;
}

struct RangedUploads::Upload {
    QString sandboxId;
    QString path;
    qint64 total = 0;
    qint64 received = 0;
    std::unique_ptr<FeedDevice> feed;
    QPointer<FileTransfer> transfer;
    QTimer idle;
    std::optional<HttpReply> waiting; // a piece not answered yet
    bool waitingIsFinal = false;
    std::optional<Error> error;
};

RangedUploads::RangedUploads(SandboxTools& tools, QObject* parent)
    : QObject(parent)
    , m_tools(tools) {
}

RangedUploads::~RangedUploads() {
    for (const auto& upload : std::as_const(m_uploads)) {
        if (upload->transfer)
            upload->transfer->cancel();
    }
}

std::shared_ptr<RangedUploads::Upload> RangedUploads::start(const QString& key,
                                                            const QString& sandboxId,
                                                            const QString& path, qint64 total,
                                                            const WriteOptions& options) {
    auto upload = std::make_shared<Upload>();
    upload->sandboxId = sandboxId;
    upload->path = path;
    upload->total = total;
    upload->feed = std::make_unique<FeedDevice>();
    upload->transfer = m_tools.upload(sandboxId, path, upload->feed.get(), options);
    std::weak_ptr<Upload> weak = upload;
    connect(upload->transfer, &FileTransfer::finished, this, [this, key, weak] {
        const auto done = weak.lock();
        if (!done)
            return;
        if (done->waiting)
            std::exchange(done->waiting, std::nullopt)->noContent();
        end(key, done);
    });
    connect(upload->transfer, &FileTransfer::failed, this, [this, key, weak](const Error& error) {
        const auto failed = weak.lock();
        if (!failed)
            return;
        failed->error = error;
        if (failed->waiting)
            std::exchange(failed->waiting, std::nullopt)->error(error);
        else
            m_failures.insert(key, error);
        end(key, failed);
    });
    // Whoever waits for the feed to take a piece in is answered as it drains.
    connect(upload->feed.get(), &FeedDevice::drained, this, [this, weak] {
        const auto draining = weak.lock();
        if (draining && draining->waiting && !draining->waitingIsFinal)
            answerWhenTakenIn(draining, *std::exchange(draining->waiting, std::nullopt));
    });
    upload->idle.setSingleShot(true);
    upload->idle.setInterval(m_idleTimeoutMs);
    connect(&upload->idle, &QTimer::timeout, this, [this, key, weak] {
        const auto idle = weak.lock();
        if (!idle)
            return;
        if (idle->transfer)
            idle->transfer->cancel(); // removes the temporary file
        end(key, idle);
    });
    m_uploads.insert(key, upload);
    return upload;
}

void RangedUploads::end(const QString& key, const std::shared_ptr<Upload>& upload) {
    upload->idle.stop();
    if (m_uploads.value(key) == upload)
        m_uploads.remove(key);
    // The feed outlives this turn of the event loop: the transfer may still hold it.
    if (upload->feed)
        upload->feed.release()->deleteLater();
}

void RangedUploads::answerWhenTakenIn(const std::shared_ptr<Upload>& upload, HttpReply reply) {
    if (upload->feed && upload->feed->bytesAvailable() >= kHighWaterBytes) {
        upload->waiting = reply;
        upload->waitingIsFinal = false;
        return;
    }
    reply.json(QJsonObject{{QStringLiteral("received"), upload->received},
                           {QStringLiteral("total"), upload->total}},
               HttpReply::Status::Accepted);
}

void RangedUploads::put(const QString& sandboxId, const QString& path, const ContentRange& range,
                        const QByteArray& body, const WriteOptions& options, HttpReply reply) {
    if (range.size() != body.size()) {
        return reply.badRequest(QStringLiteral("Content-Range says %1 bytes, the body has %2")
                                    .arg(range.size())
                                    .arg(body.size()));
    }
    const QString key = sandboxId + QLatin1Char('\n') + path;
    std::shared_ptr<Upload> upload = m_uploads.value(key);
    if (range.first == 0) {
        m_failures.remove(key);
        if (upload) { // starting over: the unfinished one goes, with its temporary file
            if (upload->transfer)
                upload->transfer->cancel();
            end(key, upload);
        }
        upload = start(key, sandboxId, path, range.total, options);
    } else if (!upload && m_failures.contains(key)) {
        return reply.error(m_failures.take(key));
    } else if (!upload) {
        return reply.error(makeError(ErrorCode::Conflict,
                                     QStringLiteral("no upload of this file is in progress: "
                                                    "send the piece at byte 0 first"),
                                     path));
    } else if (upload->waiting) {
        return reply.error(makeError(ErrorCode::Conflict,
                                     QStringLiteral("the previous piece is still being taken in"),
                                     path));
    } else if (range.first != upload->received || range.total != upload->total) {
        return reply.error(makeError(ErrorCode::Conflict,
                                     QStringLiteral("expected the piece at byte %1 of %2")
                                         .arg(upload->received)
                                         .arg(upload->total),
                                     path));
    }
    upload->idle.start();
    upload->received += body.size();
    upload->feed->feed(body);
    if (range.isFinal()) {
        upload->feed->finish();
        upload->waiting = reply; // answered when the file is in place, or with the error
        upload->waitingIsFinal = true;
        return;
    }
    answerWhenTakenIn(upload, reply);
}

} // namespace hangar::api
