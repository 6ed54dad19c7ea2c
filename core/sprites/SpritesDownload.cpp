#include "SpritesDownload.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace hangar::sprites {

namespace {

constexpr qint64 MaxErrorBodyBytes = 64 * 1024;

QUrl readUrl(const ClientOptions& options, const QString& sprite, const QString& path,
             const QString& workingDir) {
    QUrl url = options.baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/v1/sprites/%1/fs/read").arg(sprite), QUrl::StrictMode);
    url.setQuery(SpritesHttp::encodeQuery(
                     {{QStringLiteral("path"), path}, {QStringLiteral("workingDir"), workingDir}}),
                 QUrl::StrictMode);
    return url;
}

} // namespace

SpritesDownload::SpritesDownload(QNetworkAccessManager& network, const ClientOptions& options,
                                 const QString& sprite, const QString& path,
                                 const QString& workingDir, QIODevice* sink, qint64 total,
                                 QObject* parent)
    : FileTransfer(Direction::Download, path, parent)
    , m_sink(sink) {
    if (total >= 0)
        setTotal(total);
    QNetworkRequest request(readUrl(options, sprite, path, workingDir));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + options.token.toUtf8());
    request.setTransferTimeout(0); // a long download is fine; a silent one is not (m_stall)
    m_reply = network.get(request);
    m_reply->setReadBufferSize(ReadBufferBytes);
    connect(m_reply, &QNetworkReply::readyRead, this, &SpritesDownload::readAvailable);
    connect(m_reply, &QNetworkReply::finished, this, &SpritesDownload::onFinished);
    m_stall.setSingleShot(true);
    m_stall.setInterval(options.requestTimeoutMs);
    connect(&m_stall, &QTimer::timeout, this, [this] {
        stop();
        fail(makeError(
            ErrorCode::Timeout,
            QStringLiteral("the download stalled: no data for %1 s").arg(m_stall.interval() / 1000),
            this->path()));
    });
    m_stall.start();
}

SpritesDownload::~SpritesDownload() {
    stop();
}

void SpritesDownload::stop() {
    m_stall.stop();
    if (!m_reply)
        return;
    QNetworkReply* reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void SpritesDownload::onCancel() {
    stop();
    FileTransfer::onCancel();
}

void SpritesDownload::readAvailable() {
    if (!m_reply || isFinished())
        return;
    m_stall.start();
    if (m_status == 0)
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = m_reply->readAll();
    if (m_status < 200 || m_status >= 300) {
        if (m_errorBody.size() < MaxErrorBodyBytes)
            m_errorBody.append(data.left(MaxErrorBodyBytes - m_errorBody.size()));
        return;
    }
    if (data.isEmpty())
        return;
    if (!m_sink || m_sink->write(data) != data.size()) {
        const QString why =
            m_sink ? m_sink->errorString() : QStringLiteral("the destination closed");
        stop();
        return fail(makeError(ErrorCode::Io,
                              QStringLiteral("could not write the download: %1").arg(why), path()));
    }
    addDone(data.size());
}

void SpritesDownload::onFinished() {
    if (!m_reply || isFinished())
        return;
    readAvailable();
    if (isFinished())
        return;
    QNetworkReply* reply = m_reply;
    const QNetworkReply::NetworkError networkError = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto headers = reply->rawHeaderPairs();
    const QString networkText = reply->errorString();
    stop();
    if (status >= 200 && status < 300 && networkError == QNetworkReply::NoError) {
        // The file may have grown or shrunk since the stat: what arrived is the file.
        if (bytesTotal() != bytesDone())
            setTotal(bytesDone());
        return succeed();
    }
    if (status == 0) {
        return fail(makeError(ErrorCode::Unavailable,
                              QStringLiteral("the download broke off: %1").arg(networkText),
                              path()));
    }
    Error error = ApiError::parse(status, m_errorBody, headers).toError();
    if (error.path.isEmpty())
        error.path = path();
    fail(error);
}

} // namespace hangar::sprites
