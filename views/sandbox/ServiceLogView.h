#pragma once

#include "backend/ServiceTypes.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hangar {

// A service's log as it arrives: stdout plain, stderr in the failed red, the supervisor's
// events (started, exited, ...) in grey italics. It keeps following the end unless the
// operator scrolled up. A search bar finds the next or previous match (wrapping) and
// highlights every match; the count says how many there are.
class ServiceLogView : public QWidget {
    Q_OBJECT
public:
    static constexpr int MaxLines = 5000;

    explicit ServiceLogView(QWidget* parent = nullptr);

    QPlainTextEdit* textView() const { return m_text; }
    QLineEdit* searchEdit() const { return m_search; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* previousButton() const { return m_previous; }
    QLabel* matchLabel() const { return m_matches; }
    // Every line shown, joined with '\n' (for tests and copying).
    QString text() const;
    // How many matches of the search text are highlighted.
    int matchCount() const { return m_matchCount; }

public slots:
    void appendLine(const hangar::ServiceLogLine& line);
    void clear();
    // A line of the view's own (a notice such as "the log stream ended"), like an event.
    void appendNotice(const QString& text);
    // Selects the next / previous match after / before the cursor, wrapping around; false
    // when there is none.
    bool findNext();
    bool findPrevious();

private:
    bool find(bool backward);
    void updateHighlights();

    QPlainTextEdit* m_text = nullptr;
    QLineEdit* m_search = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_previous = nullptr;
    QLabel* m_matches = nullptr;
    int m_matchCount = 0;
};

} // namespace hangar
