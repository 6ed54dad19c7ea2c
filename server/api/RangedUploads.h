#pragma once

#include "backend/BackendTypes.h"
#include "http/HttpReply.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace hangar {
class FeedDevice;
class FileTransfer;
class SandboxTools;
} // namespace hangar

namespace hangar::api {

// `Content-Range: bytes FIRST-LAST/TOTAL` of a PUT piece.
struct ContentRange {
    qint64 first = 0;
    qint64 last = 0;
    qint64 total = 0;
    qint64 size() const { return last - first + 1; }
    bool isFinal() const { return last + 1 == total; }
    // nullopt for anything malformed (also FIRST > LAST or LAST >= TOTAL).
    static std::optional<ContentRange> parse(const QByteArray& header);
};

// Files uploaded as a series of PUTs, each carrying the next piece with Content-Range, so a
// file of any size reaches the sandbox although QHttpServer 6.4 holds each request body whole.
// The pieces feed one chunked upload (FileTransfer) per sandbox and path, kept between the
// requests: it writes to a temporary file and moves it into place after the last piece.
//
// A piece is answered 202 once the upload has taken it in (less than kHighWaterBytes left
// waiting), which paces the client; the last one 204 once the file is in place. A piece that
// does not continue where the previous ended is refused (409); a piece starting at 0 starts
// over. An upload left idle for the idle timeout is abandoned and its temporary file removed.
class RangedUploads : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kHighWaterBytes = 8 * 1024 * 1024;
    static constexpr int kDefaultIdleTimeoutMs = 5 * 60 * 1000;

    explicit RangedUploads(SandboxTools& tools, QObject* parent = nullptr);
    ~RangedUploads() override;

    void put(const QString& sandboxId, const QString& path, const ContentRange& range,
             const QByteArray& body, const WriteOptions& options, http::HttpReply reply);

    int openUploads() const { return int(m_uploads.size()); }
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }

private:
    struct Upload;
    std::shared_ptr<Upload> start(const QString& key, const QString& sandboxId, const QString& path,
                                  qint64 total, const WriteOptions& options);
    void answerWhenTakenIn(const std::shared_ptr<Upload>& upload, http::HttpReply reply);
    void end(const QString& key, const std::shared_ptr<Upload>& upload);

    SandboxTools& m_tools;
    QHash<QString, std::shared_ptr<Upload>> m_uploads; // sandbox id + '\n' + path
    // Why an upload ended while no piece was waiting: told to the next piece that comes.
    QHash<QString, Error> m_failures;
    int m_idleTimeoutMs = kDefaultIdleTimeoutMs;
};

} // namespace hangar::api
