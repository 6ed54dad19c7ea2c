#pragma once

#include "lifecycle/Sandbox.h"

#include <QAbstractTableModel>
#include <QList>

namespace hangar {

class LifecycleService;

// The lifecycle timeline of one sandbox, oldest event first: when, which transition (or a note
// of an operation that did not move it), who asked, why, and the error it recorded. Loaded from the
// store when the sandbox is chosen, then kept live from the engine's eventRecorded signal.
class SandboxEventModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        TransitionColumn,
        ActorColumn,
        ReasonColumn,
        ErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SeqRole = Qt::UserRole + 1, // qint64
        FromStateRole,              // int(SandboxState), or invalid for the creating event
        ToStateRole,                // int(SandboxState)
        ErrorRole,                  // QString
        IsNoteRole,                 // bool
        ActorRole,                  // QString
        DetailRole,                 // QString: e.g. a setup command's output
    };
    Q_ENUM(Role)

    explicit SandboxEventModel(LifecycleService& lifecycle, QObject* parent = nullptr);

    // Shows the timeline of `id`; an empty id clears the model.
    void setSandboxId(const QString& id);
    QString sandboxId() const { return m_sandboxId; }
    // Why loading the timeline failed; empty when it did not.
    QString loadError() const { return m_loadError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const LifecycleEvent& eventAt(int row) const { return m_events.at(row); }

private:
    void onEventRecorded(const LifecycleEvent& event);
    void onSandboxRemoved(const QString& id);
    QVariant displayData(const LifecycleEvent& event, int column) const;

    LifecycleService& m_lifecycle;
    QString m_sandboxId;
    QList<LifecycleEvent> m_events;
    QString m_loadError;
};

// "hibernated → restoring", "→ provisioning" for the creating event, "note" for a note.
QString transitionText(const LifecycleEvent& event);

} // namespace hangar
