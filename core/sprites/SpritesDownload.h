#pragma once

#include "SpritesHttp.h"
#include "backend/FileTransfer.h"

#include <QIODevice>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace hangar::sprites {

// One file read through `GET /fs/read` (sprites-api.md §8.2) as the body arrives: each piece
// goes into the sink as soon as it is read, and the reply's read buffer is bounded, so TCP
// holds the rest back instead of memory. A connection silent for the request timeout fails.
class SpritesDownload : public FileTransfer {
    Q_OBJECT
public:
    // `total`: the size from a stat beforehand (-1 when unknown).
    SpritesDownload(QNetworkAccessManager& network, const ClientOptions& options,
                    const QString& sprite, const QString& path, const QString& workingDir,
                    QIODevice* sink, qint64 total, QObject* parent = nullptr);
    ~SpritesDownload() override;

    static constexpr qint64 ReadBufferBytes = 1024 * 1024;

protected:
    void onCancel() override;

private:
    void readAvailable();
    void onFinished();
    void stop();

    QPointer<QIODevice> m_sink;
    QNetworkReply* m_reply = nullptr;
    QTimer m_stall;
    int m_status = 0;
    QByteArray m_errorBody; // a failed answer's body (small: a JSON error)
};

} // namespace hangar::sprites
