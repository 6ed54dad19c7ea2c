#include "TerminalSessionConnector.h"

#include "TerminalView.h"
#include "terminal/TerminalSession.h"

namespace hangar {

TerminalSessionConnector::TerminalSessionConnector(TerminalView* view, TerminalSession* session)
    : QObject(view)
    , m_view(view)
    , m_session(session) {
    Q_ASSERT(view && session);
    // Replay before connecting input(): replies to replayed queries must not reach the shell.
    view->feed(session->scrollback());
    connect(session, &TerminalSession::output, this, [this](const QByteArray& data) {
        if (m_view)
            m_view->feed(data);
    });
    connect(view, &TerminalView::input, this, [this](const QByteArray& data) {
        if (m_session)
            m_session->write(data);
    });
    connect(view, &TerminalView::sizeChanged, this, [this](int cols, int rows) {
        if (m_session)
            m_session->resize(cols, rows);
    });
    session->resize(view->cols(), view->rows());
}

TerminalView* TerminalSessionConnector::view() const {
    return m_view;
}
TerminalSession* TerminalSessionConnector::session() const {
    return m_session;
}

} // namespace hangar
