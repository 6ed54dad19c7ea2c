#pragma once

#include <QTabWidget>

namespace hangar {

class EditorPage;
class LifecycleService;
class SandboxTools;

// The editor tabs of one sandbox: one EditorPage per open file. Closing a tab with unsaved
// changes asks first.
class FileEditor : public QTabWidget {
    Q_OBJECT
public:
    FileEditor(LifecycleService& lifecycle, SandboxTools& tools, QString sandboxId,
               QWidget* parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }
    // Opens `path` in a new tab, or shows the tab it is open in already.
    EditorPage* openFile(const QString& path);
    EditorPage* page(const QString& path) const;
    EditorPage* currentPage() const;
    // Whether a page is loading or saving.
    bool isBusy() const;

public slots:
    void saveCurrent();
    // Asks first when the tab has unsaved changes.
    void closePage(int index);

signals:
    // A tab was added or closed.
    void pagesChanged();

private:
    void updateTitle(EditorPage* page);

    LifecycleService& m_lifecycle;
    SandboxTools& m_tools;
    QString m_sandboxId;
};

} // namespace hangar
