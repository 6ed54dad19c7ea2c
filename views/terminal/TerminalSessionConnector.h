#pragma once

#include <QObject>
#include <QPointer>

namespace hangar {

class TerminalSession;
class TerminalView;

// Binds a TerminalView to a core TerminalSession for as long as the connector lives (it is a
// child of the view): the session's scrollback is replayed into the view first, then the
// session's output goes to the view, what the user types to the session, and the view's size
// to the session's TTY. The replay's own replies (say, to a device attributes query long
// answered) are not sent: the program asked for them before this view existed.
class TerminalSessionConnector : public QObject {
    Q_OBJECT
public:
    TerminalSessionConnector(TerminalView* view, TerminalSession* session);

    TerminalView* view() const;
    TerminalSession* session() const;

private:
    QPointer<TerminalView> m_view;
    QPointer<TerminalSession> m_session;
};

} // namespace hangar
