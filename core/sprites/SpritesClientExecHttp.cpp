// SpritesClient: HTTP exec (sprites-api.md §3.10, §14.3.2). The records of the response body
// carry no length: each is one HTTP chunk. QNetworkAccessManager hides chunk boundaries, so
// this call speaks HTTP/1.1 itself on its own connection and reads the chunked body record by
// record.
#include "SpritesClient.h"

#include "util/Async.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace hangar::sprites {

namespace {

constexpr qint64 MaxStreamBytes = 256 * 1024 * 1024; // per stream, like a buffer limit
constexpr qint64 MaxHeaderBytes = 64 * 1024;

class HttpExecCall : public QObject {
public:
    HttpExecCall(const QUrl& url, const QByteArray& token, const HttpExecOptions& options,
                 Deferred<ExecResult> done, std::function<void(const ApiError&)> onApiError,
                 QObject* parent)
        : QObject(parent)
        , m_url(url)
        , m_done(std::move(done))
        , m_onApiError(std::move(onApiError))
        , m_what(QStringLiteral("POST ") + url.path()) {
#if QT_CONFIG(ssl)
        m_socket = isTls() ? new QSslSocket(this) : new QTcpSocket(this);
#else
        m_socket = new QTcpSocket(this);
#endif
        const QByteArray body = options.input.value_or(QByteArray());
        QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        m_request = "POST " + target + " HTTP/1.1\r\nHost: " + url.authority().toLatin1() +
                    "\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpExecCall::onData);
        connect(m_socket, &QTcpSocket::disconnected, this, &HttpExecCall::onClosed);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                fail(ErrorCode::Unavailable, m_socket->errorString());
        });
        if (options.timeoutMs > 0)
            QTimer::singleShot(options.timeoutMs, this, [this] {
                fail(ErrorCode::Timeout, QStringLiteral("no result in time"));
            });
        const quint16 port = static_cast<quint16>(url.port(isTls() ? 443 : 80));
#if QT_CONFIG(ssl)
        if (auto* ssl = qobject_cast<QSslSocket*>(m_socket)) {
            connect(ssl, &QSslSocket::encrypted, this, [this] { m_socket->write(m_request); });
            ssl->connectToHostEncrypted(url.host(), port);
            return;
        }
#endif
        connect(m_socket, &QTcpSocket::connected, this, [this] { m_socket->write(m_request); });
        m_socket->connectToHost(url.host(), port);
    }

private:
    bool isTls() const {
        return m_url.scheme() == QLatin1String("https");
    }

    void fail(ErrorCode code, const QString& message) {
        if (m_finished)
            return;
        m_finished = true;
        m_done.resolve(makeError(code, m_what + QStringLiteral(": ") + message));
        m_socket->abort();
        deleteLater();
    }

    void succeed() {
        if (m_finished)
            return;
        m_finished = true;
        m_done.resolve(m_result);
        m_socket->abort();
        deleteLater();
    }

    void onData() {
        m_buffer += m_socket->readAll();
        if (!m_headersRead && !readHeaders())
            return;
        if (m_chunked)
            readChunks();
        else if (m_contentLength >= 0 && m_buffer.size() >= m_contentLength)
            finishPlainBody();
    }

    // False until the whole header block is in (or on failure).
    bool readHeaders() {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > MaxHeaderBytes)
                fail(ErrorCode::Io, QStringLiteral("the response headers are too large"));
            return false;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
        m_status = status.value(1).toInt();
        if (!status.value(0).startsWith("HTTP/1.") || m_status < 100) {
            fail(ErrorCode::Io, QStringLiteral("not an HTTP response"));
            return false;
        }
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray key = lines[i].left(colon).trimmed();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            m_headers.append({key, value});
            if (key.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 &&
                value.toLower().contains("chunked"))
                m_chunked = true;
            if (key.compare("Content-Length", Qt::CaseInsensitive) == 0)
                m_contentLength = value.toLongLong();
        }
        m_headersRead = true;
        return true;
    }

    void readChunks() {
        while (!m_finished) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n");
            if (lineEnd < 0)
                return;
            bool ok = false;
            const qint64 size =
                m_buffer.left(lineEnd).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || size > MaxStreamBytes)
                return fail(ErrorCode::Io, QStringLiteral("malformed chunked body"));
            if (m_buffer.size() < lineEnd + 2 + size + 2)
                return;
            const QByteArray chunk = m_buffer.mid(lineEnd + 2, size);
            m_buffer.remove(0, lineEnd + 2 + size + 2);
            if (size == 0)
                return endOfBody();
            if (m_status >= 300)
                m_errorBody += chunk;
            else
                record(chunk);
        }
    }

    // One record per chunk: 0x01 stdout, 0x02 stderr, 0x03 + exactly one byte of exit code.
    void record(const QByteArray& chunk) {
        const char type = chunk.at(0);
        const QByteArray payload = chunk.mid(1);
        if (type == 0x01 || type == 0x02) {
            QByteArray& out = type == 0x01 ? m_result.stdoutData : m_result.stderrData;
            if (out.size() + payload.size() > MaxStreamBytes)
                return fail(ErrorCode::TooLarge, QStringLiteral("the output is too large"));
            out += payload;
        } else if (type == 0x03) {
            if (payload.size() != 1)
                return fail(ErrorCode::Io,
                            QStringLiteral("invalid exit record length %1").arg(payload.size()));
            m_result.exitCode = static_cast<quint8>(payload.at(0));
            m_exitSeen = true;
        } else {
            fail(ErrorCode::Io, QStringLiteral("unsupported record type 0x%1")
                                    .arg(static_cast<quint8>(type), 2, 16, QLatin1Char('0')));
        }
    }

    void finishPlainBody() {
        m_errorBody += m_buffer.left(m_contentLength);
        m_buffer.clear();
        endOfBody();
    }

    void endOfBody() {
        if (m_status >= 300) {
            const ApiError error = ApiError::parse(m_status, m_errorBody, m_headers);
            if (m_finished)
                return;
            m_onApiError(error);
            m_finished = true;
            m_done.resolve(error.toError());
            m_socket->abort();
            deleteLater();
            return;
        }
        if (!m_exitSeen)
            return fail(ErrorCode::Io, QStringLiteral("the output ended without an exit record"));
        succeed();
    }

    void onClosed() {
        if (m_finished)
            return;
        onData();
        if (m_finished)
            return;
        if (m_headersRead && !m_chunked && m_contentLength < 0)
            return finishPlainBody(); // a body delimited by the end of the connection
        fail(ErrorCode::Unavailable, QStringLiteral("the connection was cut short"));
    }

    QUrl m_url;
    Deferred<ExecResult> m_done;
    std::function<void(const ApiError&)> m_onApiError;
    QString m_what;
    QTcpSocket* m_socket = nullptr;
    QByteArray m_request;
    QByteArray m_buffer;
    bool m_headersRead = false;
    bool m_chunked = false;
    qint64 m_contentLength = -1;
    int m_status = 0;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_errorBody;
    ExecResult m_result;
    bool m_exitSeen = false;
    bool m_finished = false;
};

} // namespace

Task<ExecResult> SpritesClient::execHttp(const QString& sprite, const HttpExecOptions& options) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<ExecResult>(valid.error());
    if (options.argv.isEmpty() || options.argv.first().isEmpty())
        return failedTask<ExecResult>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("exec: no command given")));
    // The parameters in the order the JS SDK sends them (§14.3.2).
    QList<QPair<QString, QString>> query;
    for (const QString& arg : options.argv)
        query.append({QStringLiteral("cmd"), arg});
    query.append({QStringLiteral("path"), options.argv.first()});
    if (!options.dir.isEmpty())
        query.append({QStringLiteral("dir"), options.dir});
    for (auto it = options.env.cbegin(); it != options.env.cend(); ++it)
        query.append({QStringLiteral("env"), it.key() + QLatin1Char('=') + it.value()});
    if (options.input)
        query.append({QStringLiteral("stdin"), QStringLiteral("true")});
    Deferred<ExecResult> done;
    new HttpExecCall(
        m_http->url(spritePath(sprite) + QStringLiteral("/exec"), query), m_options.token.toUtf8(),
        options, done, [this](const ApiError& error) { emit apiError(error); }, this);
    return done.future();
}

} // namespace hangar::sprites
