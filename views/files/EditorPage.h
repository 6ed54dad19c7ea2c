#pragma once

#include "backend/BackendTypes.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QMessageBox;

namespace hangar {

class CodeEditor;
class LifecycleService;
class SandboxTools;

// One file of a sandbox in an editor tab. Opening reads its stat and content; a binary file
// (NUL bytes, not UTF-8) or one over kMaxEditBytes opens read-only with a notice saying why.
// Saving stats the file again first: when its size or modification time changed in the
// sandbox since it was opened, a dialog asks whether to overwrite it, reload it, or cancel.
class EditorPage : public QWidget {
    Q_OBJECT
public:
    // Larger files are not loaded at all (they would freeze the editor).
    static constexpr qint64 kMaxEditBytes = 5 * 1024 * 1024;
    // How much of a binary file the hex view shows.
    static constexpr qint64 kHexPreviewBytes = 64 * 1024;

    EditorPage(LifecycleService& lifecycle, SandboxTools& tools, QString sandboxId, QString path,
               QWidget* parent = nullptr);

    QString path() const { return m_path; }
    QString sandboxId() const { return m_sandboxId; }
    bool isReadOnly() const { return m_readOnly; }
    bool isLoaded() const { return m_loaded; }
    bool isModified() const;
    // Loading or saving (not while the conflict question waits for an answer).
    bool isBusy() const { return m_busy; }
    CodeEditor* editor() const { return m_editor; }
    // The read-only notice (hidden for an editable file) and the status line (errors, saving).
    QLabel* notice() const { return m_notice; }
    QLabel* status() const { return m_status; }
    QLineEdit* findEdit() const { return m_find; }

public slots:
    void load();
    // Saves after the conflict check; a no-op for a read-only page.
    void save();
    void showFind();
    // Finds the find bar's text after (or before) the cursor, wrapping around.
    bool findNext(bool backwards = false);

signals:
    void loaded();
    void saved();
    // Opening or saving failed; the message (with the path) is in status() too.
    void failed(const QString& message);
    // The modified flag changed (for the tab title).
    void modificationChanged(bool modified);
    // The "changed in the sandbox" question is shown (tests answer it).
    void conflictAsked(QMessageBox* box);

private:
    void showContent(const QByteArray& content);
    void write();
    void askAboutConflict(const QString& what);
    void setStatus(const QString& text, bool error = false);
    QString wakingOr(const QString& text) const;

    LifecycleService& m_lifecycle;
    SandboxTools& m_tools;
    QString m_sandboxId;
    QString m_path;
    FsEntry m_opened; // what the file was when read (or last saved)
    bool m_readOnly = false;
    bool m_loaded = false;
    bool m_busy = false;
    CodeEditor* m_editor = nullptr;
    QLabel* m_notice = nullptr;
    QLabel* m_status = nullptr;
    QWidget* m_findBar = nullptr;
    QLineEdit* m_find = nullptr;
    QLabel* m_findResult = nullptr;
};

} // namespace hangar
