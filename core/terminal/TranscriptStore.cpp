#include "TranscriptStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace hangar {

struct TranscriptStore::Open {
    TranscriptInfo info;
    std::unique_ptr<QFile> file;
};

namespace {

const QRegularExpression& idPattern() {
    static const QRegularExpression pattern(QStringLiteral("^\\d{8}T\\d{6}-[0-9a-f]{8}$"));
    return pattern;
}

QJsonObject toJson(const TranscriptInfo& info) {
    QJsonObject o{{QStringLiteral("id"), info.id},
                  {QStringLiteral("sandboxId"), info.sandboxId},
                  {QStringLiteral("key"), info.key},
                  {QStringLiteral("command"), QJsonArray::fromStringList(info.command)},
                  {QStringLiteral("startedAt"), info.startedAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("sizeBytes"), info.sizeBytes},
                  {QStringLiteral("truncated"), info.truncated}};
    if (info.endedAt.isValid()) {
        o.insert(QStringLiteral("endedAt"), info.endedAt.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("endReason"), info.endReason);
    }
    if (info.exitCode)
        o.insert(QStringLiteral("exitCode"), *info.exitCode);
    return o;
}

TranscriptInfo fromJson(const QJsonObject& o) {
    TranscriptInfo info;
    info.id = o.value(QStringLiteral("id")).toString();
    info.sandboxId = o.value(QStringLiteral("sandboxId")).toString();
    info.key = o.value(QStringLiteral("key")).toString();
    for (const QJsonValue& part : o.value(QStringLiteral("command")).toArray())
        info.command.append(part.toString());
    info.startedAt =
        QDateTime::fromString(o.value(QStringLiteral("startedAt")).toString(), Qt::ISODateWithMs);
    info.endedAt =
        QDateTime::fromString(o.value(QStringLiteral("endedAt")).toString(), Qt::ISODateWithMs);
    info.endReason = o.value(QStringLiteral("endReason")).toString();
    if (o.contains(QStringLiteral("exitCode")))
        info.exitCode = o.value(QStringLiteral("exitCode")).toInt();
    info.sizeBytes = o.value(QStringLiteral("sizeBytes")).toInteger();
    info.truncated = o.value(QStringLiteral("truncated")).toBool();
    return info;
}

Error notFound(const QString& id) {
    return makeError(ErrorCode::NotFound, QStringLiteral("no transcript %1").arg(id));
}

} // namespace

TranscriptStore::TranscriptStore(QString directory, QObject* parent)
    : TranscriptStore(std::move(directory), Limits{}, parent) {
}

TranscriptStore::TranscriptStore(QString directory, Limits limits, QObject* parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_limits(limits) {
}

TranscriptStore::~TranscriptStore() {
    // Sessions still open when the program ends are recorded as such.
    const QStringList ids = m_open.keys();
    for (const QString& id : ids)
        end(id, std::nullopt, QStringLiteral("Hangar stopped while the session ran"));
}

bool TranscriptStore::isValidId(const QString& id) {
    return idPattern().match(id).hasMatch();
}

QString TranscriptStore::logPath(const QString& id) const {
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".log");
}

QString TranscriptStore::metaPath(const QString& id) const {
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".json");
}

Status TranscriptStore::writeMeta(const TranscriptInfo& info) const {
    QSaveFile file(metaPath(info.id));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, file.errorString(), file.fileName());
    file.write(QJsonDocument(toJson(info)).toJson(QJsonDocument::Compact));
    if (!file.commit())
        return makeError(ErrorCode::Io, file.errorString(), file.fileName());
    return {};
}

Result<TranscriptInfo> TranscriptStore::readMeta(const QString& id) const {
    if (!isValidId(id))
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a transcript id"));
    if (const auto open = m_open.value(id))
        return open->info;
    QFile file(metaPath(id));
    if (!file.open(QIODevice::ReadOnly))
        return notFound(id);
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject())
        return makeError(ErrorCode::Io, QStringLiteral("unreadable transcript record"),
                         file.fileName());
    return fromJson(doc.object());
}

Result<QString> TranscriptStore::begin(const QString& sandboxId, const QString& key,
                                       const QStringList& command) {
    if (!QDir().mkpath(m_directory))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the transcript directory"),
                         m_directory);
    auto open = std::make_shared<Open>();
    TranscriptInfo& info = open->info;
    info.startedAt = QDateTime::currentDateTimeUtc();
    info.id = info.startedAt.toString(QStringLiteral("yyyyMMddThhmmss")) + QLatin1Char('-') +
              QUuid::createUuid().toString(QUuid::Id128).left(8);
    info.sandboxId = sandboxId;
    info.key = key;
    info.command = command;
    open->file = std::make_unique<QFile>(logPath(info.id));
    if (!open->file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(ErrorCode::Io, open->file->errorString(), open->file->fileName());
    if (auto written = writeMeta(info); !written)
        return written.error();
    m_open.insert(info.id, open);
    prune();
    emit changed(info.id);
    return info.id;
}

void TranscriptStore::append(const QString& id, const QByteArray& data) {
    const auto open = m_open.value(id);
    if (!open || data.isEmpty())
        return;
    open->file->write(data);
    open->info.sizeBytes += data.size();
    if (open->info.sizeBytes > m_limits.maxBytesPerTranscript)
        keepTail(*open);
}

void TranscriptStore::keepTail(Open& open) {
    // Keep the newest half: rewriting on every overflow by a little would cost a copy per write.
    const qint64 keep = m_limits.maxBytesPerTranscript / 2;
    open.file->flush();
    QFile reader(open.file->fileName());
    QByteArray tail;
    if (reader.open(QIODevice::ReadOnly)) {
        reader.seek(std::max<qint64>(0, reader.size() - keep));
        tail = reader.readAll();
    }
    open.file->close();
    if (!open.file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    open.file->write(tail);
    open.info.sizeBytes = tail.size();
    open.info.truncated = true;
}

void TranscriptStore::end(const QString& id, std::optional<int> exitCode, const QString& reason) {
    const auto open = m_open.take(id);
    if (!open)
        return;
    open->file->close();
    open->info.endedAt = QDateTime::currentDateTimeUtc();
    open->info.exitCode = exitCode;
    open->info.endReason = reason;
    (void)writeMeta(open->info); // the log itself is safe; a lost record only loses metadata
    emit changed(id);
}

Result<QList<TranscriptInfo>> TranscriptStore::list(const QString& sandboxId) const {
    QList<TranscriptInfo> result;
    const QStringList files =
        QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        auto info = readMeta(file.chopped(5));
        if (info && (sandboxId.isEmpty() || info.value().sandboxId == sandboxId))
            result.append(info.value());
    }
    std::sort(result.begin(), result.end(), [](const TranscriptInfo& a, const TranscriptInfo& b) {
        return a.startedAt > b.startedAt;
    });
    return result;
}

Result<TranscriptInfo> TranscriptStore::info(const QString& id) const {
    return readMeta(id);
}

Result<QByteArray> TranscriptStore::read(const QString& id) const {
    if (auto meta = readMeta(id); !meta)
        return meta.error();
    if (const auto open = m_open.value(id))
        open->file->flush();
    QFile file(logPath(id));
    if (!file.open(QIODevice::ReadOnly))
        return notFound(id);
    return file.readAll();
}

QString TranscriptStore::plainText(const QByteArray& raw) {
    // CSI ... final byte, OSC ... BEL/ST, and two-byte escapes.
    static const QRegularExpression escapes(QStringLiteral(
        "\\x1b\\[[0-?]*[ -/]*[@-~]|\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)|\\x1b[@-Z\\\\-_]"));
    QString text = QString::fromUtf8(raw);
    text.remove(escapes);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.remove(QLatin1Char('\r'));
    return text;
}

Result<QList<TranscriptMatch>> TranscriptStore::search(const QString& text,
                                                       const QString& sandboxId) const {
    auto transcripts = list(sandboxId);
    if (!transcripts)
        return transcripts.error();
    QList<TranscriptMatch> matches;
    if (text.isEmpty())
        return matches;
    for (const TranscriptInfo& transcript : transcripts.value()) {
        auto raw = read(transcript.id);
        if (!raw)
            continue;
        const QStringList lines = plainText(raw.value()).split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).contains(text, Qt::CaseInsensitive))
                matches.append(TranscriptMatch{transcript.id, i + 1, lines.at(i)});
        }
    }
    return matches;
}

Status TranscriptStore::save(const QString& id, const QString& path) const {
    auto raw = read(id);
    if (!raw)
        return raw.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, file.errorString(), path);
    file.write(plainText(raw.value()).toUtf8());
    if (!file.commit())
        return makeError(ErrorCode::Io, file.errorString(), path);
    return {};
}

void TranscriptStore::prune() {
    auto all = list();
    if (!all)
        return;
    qint64 total = 0;
    for (const TranscriptInfo& t : all.value())
        total += t.sizeBytes;
    // Oldest first, and never one that is still being written.
    QList<TranscriptInfo> transcripts = all.value();
    for (auto it = transcripts.crbegin();
         it != transcripts.crend() && total > m_limits.maxTotalBytes; ++it) {
        if (it->isOpen())
            continue;
        QFile::remove(logPath(it->id));
        QFile::remove(metaPath(it->id));
        total -= it->sizeBytes;
        emit changed(it->id);
    }
}

} // namespace hangar
