#pragma once

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace hangar {

class TranscriptListModel;
class TranscriptStore;

// The kept transcripts of one sandbox's terminal sessions, also after the sessions are gone:
// search them, read one as plain text, save it to a file.
class TranscriptDialog : public QDialog {
    Q_OBJECT
public:
    TranscriptDialog(TranscriptStore& store, const QString& sandboxId, QWidget* parent = nullptr);

    TranscriptListModel* model() const { return m_model; }
    QLineEdit* searchEdit() const { return m_search; }
    QPlainTextEdit* textView() const { return m_text; }
    QTableView* listView() const { return m_list; }

public slots:
    // Writes the selected transcript's plain text to `path`; false with the error shown.
    bool saveTo(const QString& path);

private:
    void showSelected();
    void chooseFileAndSave();
    QString selectedId() const;

    TranscriptStore& m_store;
    TranscriptListModel* m_model = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_list = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace hangar
