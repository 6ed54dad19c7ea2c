#pragma once

#include <QList>
#include <QMimeData>
#include <QPointer>
#include <QStringList>
#include <QUrl>

namespace hangar {

class TransferQueue;

// What rows dragged out of a RemoteFileModel carry: their sandbox paths
// (RemoteFileModel::RemotePathsMimeType and text/plain) and, as text/uri-list, the local
// copies that TransferQueue downloads meanwhile. Asking for the URLs (the drop) waits until
// those downloads have ended and lists the ones that arrived; a drag that ends without
// anyone asking cancels the downloads still running.
class RemoteMimeData : public QMimeData {
    Q_OBJECT
public:
    struct Item {
        int job = 0; // TransferQueue job id
        QUrl url;    // the local copy
    };
    // How long a drop waits for the downloads at most.
    static constexpr int kWaitMs = 10 * 60 * 1000;

    RemoteMimeData(TransferQueue* queue, const QStringList& paths, QList<Item> items);
    ~RemoteMimeData() override;

    // Paths only, no download (no queue to download with).
    static RemoteMimeData* pathsOnly(const QStringList& paths);

    QStringList formats() const override;
    bool hasFormat(const QString& mimeType) const override;

protected:
    QVariant retrieveData(const QString& mimeType, QMetaType type) const override;

private:
    QPointer<TransferQueue> m_queue;
    QList<Item> m_items;
    mutable bool m_retrieved = false;
};

} // namespace hangar
