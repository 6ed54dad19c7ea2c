#pragma once

#include "SpritesNdjson.h"
#include "SpritesTypes.h"
#include "backend/ServiceTypes.h"

#include <QPointer>

#include <functional>

class QNetworkReply;

namespace hangar::sprites {

// A service's log through GET …/services/{svc}/logs (§14.5): the last lines first, then new
// output for as long as the server follows (`duration`); when the server ends the body with
// `complete`, the stream asks again for new lines only, until cancel(). A request the server
// refuses (404: the service is gone) or a cut connection fails the stream.
class SpritesServiceLogStream : public ServiceLogStream {
    Q_OBJECT
public:
    // Opens one request: `lines` of history (nullopt: none), following for a while.
    using Opener = std::function<Result<QNetworkReply*>(std::optional<int> lines)>;

    SpritesServiceLogStream(Opener opener, int historyLines, QObject* parent);

    // A log event in words (started, exit 3, ...); stdout/stderr data split into lines.
    static QList<ServiceLogLine> linesOf(const ServiceEvent& event, QString& pendingOut,
                                         QString& pendingErr);

protected:
    void onCancel() override;

private:
    void open(std::optional<int> lines);
    void onReadyRead();
    void onFinished();
    void handle(const QJsonObject& object);

    Opener m_opener;
    QPointer<QNetworkReply> m_reply;
    NdjsonReader m_reader;
    QString m_pendingOut;
    QString m_pendingErr;
    bool m_completed = false; // the current body said `complete`
};

} // namespace hangar::sprites
