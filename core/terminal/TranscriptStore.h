#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QFile;

namespace hangar {

// What a transcript records about its session.
struct TranscriptInfo {
    QString id;
    QString sandboxId;
    QString key; // the terminal session's name
    QStringList command;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while the session runs
    std::optional<int> exitCode;
    QString endReason; // "exited", or why it ended otherwise (hibernation, a dropped connection)
    qint64 sizeBytes = 0;
    bool truncated = false; // the oldest output was dropped to stay within the limit

    bool isOpen() const { return !endedAt.isValid(); }
};

struct TranscriptMatch {
    QString id;
    int line = 0; // 1-based, in the plain text
    QString text; // the whole line
};

// Every terminal session's output, kept on disk after the session is gone so it can be read,
// searched and saved. Bounded: each transcript keeps at most its newest maxBytesPerTranscript
// bytes, and the oldest finished transcripts go once all of them pass maxTotalBytes.
//
// Files live in one directory: <id>.log holds the raw bytes (escape sequences included),
// <id>.json what TranscriptInfo says. Ids are generated here and checked on the way in, so a
// caller's id can never name a file outside the directory.
class TranscriptStore : public QObject {
    Q_OBJECT
public:
    struct Limits {
        qint64 maxBytesPerTranscript = 4 * 1024 * 1024;
        qint64 maxTotalBytes = 256 * 1024 * 1024;
    };

    explicit TranscriptStore(QString directory, QObject* parent = nullptr);
    TranscriptStore(QString directory, Limits limits, QObject* parent = nullptr);
    ~TranscriptStore() override;

    QString directory() const { return m_directory; }

    // Starts a transcript; returns its id.
    Result<QString> begin(const QString& sandboxId, const QString& key, const QStringList& command);
    void append(const QString& id, const QByteArray& data);
    void end(const QString& id, std::optional<int> exitCode, const QString& reason);

    // Newest first; one sandbox's or all when sandboxId is empty.
    Result<QList<TranscriptInfo>> list(const QString& sandboxId = {}) const;
    Result<TranscriptInfo> info(const QString& id) const;
    Result<QByteArray> read(const QString& id) const;
    // Lines containing `text` (case-insensitive) in the plain text of the transcripts.
    Result<QList<TranscriptMatch>> search(const QString& text, const QString& sandboxId = {}) const;
    // Writes the transcript's plain text to `path`.
    Status save(const QString& id, const QString& path) const;

    // The text a person reads: escape sequences removed, CR LF as LF, lone CRs dropped.
    static QString plainText(const QByteArray& raw);
    static bool isValidId(const QString& id);

signals:
    void changed(const QString& id);

private:
    struct Open;

    QString logPath(const QString& id) const;
    QString metaPath(const QString& id) const;
    Status writeMeta(const TranscriptInfo& info) const;
    Result<TranscriptInfo> readMeta(const QString& id) const;
    // Drops the oldest half of an open transcript that passed its limit.
    void keepTail(Open& open);
    void prune();

    QString m_directory;
    Limits m_limits;
    QHash<QString, std::shared_ptr<Open>> m_open;
};

} // namespace hangar
