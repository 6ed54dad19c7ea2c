#pragma once

#include "util/Result.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <memory>

namespace hangar {

class Engine;
class TerminalHub;
class TranscriptStore;
namespace api {
class ConsoleApi;
}

// The console API (REST, SSE, WebSockets) over an engine, as both executables serve it: the
// bearer token from HANGAR_API_TOKEN or the data dir, on HANGAR_API_LISTEN. Terminal sessions
// are its own, or shared with the desktop's tabs when it passes its TerminalHub.
class ConsoleServer : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ConsoleServer>>
    start(Engine& engine,
          const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
          TerminalHub* sharedTerminals = nullptr, QObject* parent = nullptr);
    ~ConsoleServer() override;

    // host:port it listens on.
    QString address() const { return m_address; }
    QString url() const { return QStringLiteral("http://") + m_address + QLatin1Char('/'); }
    // The bearer token; show it to the operator, never log it.
    QString token() const { return m_token; }
    // Where the token is kept; empty when it came from HANGAR_API_TOKEN.
    QString tokenFile() const { return m_tokenFile; }

private:
    explicit ConsoleServer(QObject* parent);

    std::unique_ptr<TranscriptStore> m_transcripts; // every API terminal's output, kept
    std::unique_ptr<TerminalHub> m_ownTerminals;
    std::unique_ptr<api::ConsoleApi> m_api;
    QString m_address;
    QString m_token;
    QString m_tokenFile;
};

} // namespace hangar
