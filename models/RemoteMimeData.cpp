#include "RemoteMimeData.h"

#include "RemoteFileModel.h"
#include "TransferQueue.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

namespace hangar {

namespace {
const QString kUriList = QStringLiteral("text/uri-list");
}

RemoteMimeData::RemoteMimeData(TransferQueue* queue, const QStringList& paths, QList<Item> items)
    : m_queue(queue)
    , m_items(std::move(items)) {
    setData(RemoteFileModel::RemotePathsMimeType, paths.join(QLatin1Char('\n')).toUtf8());
    setText(paths.join(QLatin1Char('\n')));
}

RemoteMimeData::~RemoteMimeData() {
    // The drag was cancelled (or dropped where nobody wanted files): stop fetching them.
    if (m_retrieved || !m_queue)
        return;
    for (const Item& item : std::as_const(m_items))
        m_queue->cancel(item.job);
}

RemoteMimeData* RemoteMimeData::pathsOnly(const QStringList& paths) {
    return new RemoteMimeData(nullptr, paths, {});
}

QStringList RemoteMimeData::formats() const {
    QStringList list = QMimeData::formats();
    if (!m_items.isEmpty() && !list.contains(kUriList))
        list.prepend(kUriList);
    return list;
}

bool RemoteMimeData::hasFormat(const QString& mimeType) const {
    return formats().contains(mimeType);
}

QVariant RemoteMimeData::retrieveData(const QString& mimeType, QMetaType type) const {
    if (mimeType != kUriList || m_items.isEmpty())
        return QMimeData::retrieveData(mimeType, type);
    m_retrieved = true;
    // The drop happens now, so the files must be there: wait for the downloads, keeping the
    // event loop (and the transfers) running. The transfer panel shows their progress.
    const QDeadlineTimer deadline(kWaitMs);
    auto settled = [this] {
        return !m_queue || std::all_of(m_items.cbegin(), m_items.cend(),
                                       [this](const Item& i) { return m_queue->isSettled(i.job); });
    };
    while (!settled() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    QVariantList urls;
    for (const Item& item : std::as_const(m_items)) {
        if (m_queue && m_queue->succeeded(item.job))
            urls.append(item.url);
    }
    return urls;
}

} // namespace hangar
