#pragma once

#include "SandboxCall.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace hangar {

class LifecycleService;

// What the detail pane's sandbox tabs (Checkpoints, Network policy, Services, ...) share: the
// sandbox they follow, a busy flag with an indeterminate bar, and a status line that shows a
// phase ("Waking the sandbox…"), a result or an error (in the failed badge's red). Answers that
// arrive after the tab moved to another sandbox are dropped (see runCall and isCurrent).
// Subclasses place progressBar() and statusLabel() in their layout and override updateActions.
class SandboxTab : public QWidget {
    Q_OBJECT
public:
    explicit SandboxTab(LifecycleService& lifecycle, QWidget* parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }
    bool isBusy() const { return m_busy; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void busyChanged(bool busy);
    // The status line changed: a phase ("Waking the sandbox…"), a result or an error.
    void statusShown(const QString& text, bool error);
    // An operation of the shown sandbox ended.
    void operationFinished(bool ok, const QString& message);

protected:
    LifecycleService& lifecycle() const { return m_lifecycle; }
    // Follows another sandbox (or none): not busy, no status, earlier answers dropped.
    void beginSandbox(const QString& id);
    quint64 generation() const { return m_generation; }
    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    // Whether a call would first wake the sandbox.
    bool willWake() const;
    // "Waking the sandbox…" when a call wakes it first, else `phase`.
    QString phaseText(const QString& phase) const;

    // Busy, shows the phase, runs `call(backend, name)` (a Task<T>) once the sandbox is active
    // and hands its result to `done` if the tab still shows that sandbox.
    template <typename T, typename Call, typename Done>
    void runCall(const QString& phase, Call call, Done done) {
        const quint64 generation = m_generation;
        setBusy(true);
        showStatus(phaseText(phase));
        whenReady(callWhenActive<T>(m_lifecycle, m_sandboxId, std::move(call)), this,
                  [this, generation, done = std::move(done)](Result<T> result) mutable {
                      if (generation == m_generation)
                          done(std::move(result));
                  });
    }

    // Not busy any more; the message as the status line; operationFinished.
    void finish(bool ok, const QString& message);
    void showStatus(const QString& text, bool error = false);
    void setBusy(bool busy);
    // Enables what can be done now (called when busy or the sandbox changes).
    virtual void updateActions() {}

private:
    LifecycleService& m_lifecycle;
    QString m_sandboxId;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    bool m_busy = false;
    quint64 m_generation = 0;
};

} // namespace hangar
