#pragma once

#include <QPlainTextEdit>

namespace hangar {

// A plain-text editor with line numbers in a margin on the left.
class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);

    int lineNumberAreaWidth() const;
    // Paints the margin (called by the margin widget).
    void paintLineNumbers(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateMargin();
    void scrollMargin(const QRect& rect, int dy);

    QWidget* m_lineNumbers = nullptr;
};

} // namespace hangar
