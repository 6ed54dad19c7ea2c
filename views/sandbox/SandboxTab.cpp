#include "SandboxTab.h"

#include "StatusPalette.h"

#include <QLabel>
#include <QProgressBar>

namespace hangar {

SandboxTab::SandboxTab(LifecycleService& lifecycle, QWidget* parent)
    : QWidget(parent)
    , m_lifecycle(lifecycle) {
    // The backends report no progress: an indeterminate bar and the phase in words.
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void SandboxTab::beginSandbox(const QString& id) {
    ++m_generation;
    m_sandboxId = id;
    setBusy(false);
    showStatus({});
}

bool SandboxTab::willWake() const {
    return !m_sandboxId.isEmpty() && needsWaking(m_lifecycle, m_sandboxId);
}

QString SandboxTab::phaseText(const QString& phase) const {
    return willWake() ? tr("Waking the sandbox…") : phase;
}

void SandboxTab::finish(bool ok, const QString& message) {
    setBusy(false);
    showStatus(message, !ok);
    emit operationFinished(ok, message);
}

void SandboxTab::showStatus(const QString& text, bool error) {
    m_status->setText(text);
    // Errors in the failed badge's red, so they are not mistaken for progress.
    m_status->setStyleSheet(
        error ? QStringLiteral("QLabel { color: %1; }")
                    .arg(StatusPalette::color(SandboxState::Failed, palette()).name())
              : QString());
    emit statusShown(text, error);
}

void SandboxTab::setBusy(bool busy) {
    if (m_busy == busy)
        return;
    m_busy = busy;
    m_progress->setVisible(busy);
    updateActions();
    emit busyChanged(busy);
}

} // namespace hangar
