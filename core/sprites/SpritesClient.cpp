// SpritesClient: the gateway calls and the exec sockets. Filesystem calls: SpritesClientFs.cpp.
#include "SpritesClient.h"

#include "util/Async.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hangar::sprites {

namespace {

QByteArray jsonBody(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<QJsonObject> parseObject(const HttpResult& result, const QString& what) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(result.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1: the server's answer is not a JSON object").arg(what));
    return doc.object();
}

} // namespace

SpritesClient::SpritesClient(ClientOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_http(new SpritesHttp(m_options, this)) {
    connect(m_http, &SpritesHttp::apiError, this, &SpritesClient::apiError);
}

Status SpritesClient::validateName(const QString& name) {
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!valid.match(name).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("invalid sprite name '%1': use 1-63 characters a-z, 0-9 "
                                        "and '-', starting with a letter or digit")
                             .arg(name));
    return {};
}

QString SpritesClient::spritePath(const QString& name) const {
    return QStringLiteral("/v1/sprites/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

Task<QJsonObject> SpritesClient::jsonCall(HttpCall call) {
    const QString what = QString::fromLatin1(call.verb) + QLatin1Char(' ') + call.path;
    return mapResult<QJsonObject>(m_http->send(call), this,
                                  [what](Result<HttpResult> r) -> Result<QJsonObject> {
                                      if (!r)
                                          return r.error();
                                      return parseObject(r.value(), what);
                                  });
}

Task<SpriteInfo> SpritesClient::createSprite(const QString& name, const CreateOptions& options) {
    if (auto valid = validateName(name); !valid)
        return failedTask<SpriteInfo>(valid.error());
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!options.urlAuth.isEmpty())
        body.insert(QStringLiteral("url_settings"),
                    QJsonObject{{QStringLiteral("auth"), options.urlAuth}});
    if (!options.labels.isEmpty())
        body.insert(QStringLiteral("labels"), QJsonArray::fromStringList(options.labels));
    HttpCall call{"POST",
                  QStringLiteral("/v1/sprites"),
                  {},
                  jsonBody(body),
                  "application/json",
                  m_options.createTimeoutMs};
    return mapResult<SpriteInfo>(jsonCall(call), this,
                                 [](Result<QJsonObject> r) -> Result<SpriteInfo> {
                                     if (!r)
                                         return r.error();
                                     return SpriteInfo::fromJson(r.value());
                                 });
}

Task<SpriteInfo> SpritesClient::getSprite(const QString& name) {
    if (auto valid = validateName(name); !valid)
        return failedTask<SpriteInfo>(valid.error());
    return mapResult<SpriteInfo>(jsonCall(HttpCall{"GET", spritePath(name), {}, {}, {}, 0}), this,
                                 [](Result<QJsonObject> r) -> Result<SpriteInfo> {
                                     if (!r)
                                         return r.error();
                                     return SpriteInfo::fromJson(r.value());
                                 });
}

Task<SpriteList> SpritesClient::listSprites(const ListOptions& options) {
    HttpCall call{"GET", QStringLiteral("/v1/sprites"), {}, {}, {}, 0};
    if (options.maxResults > 0)
        call.query.append({QStringLiteral("max_results"), QString::number(options.maxResults)});
    if (!options.continuationToken.isEmpty())
        call.query.append({QStringLiteral("continuation_token"), options.continuationToken});
    if (!options.prefix.isEmpty())
        call.query.append({QStringLiteral("prefix"), options.prefix});
    return mapResult<SpriteList>(jsonCall(call), this,
                                 [](Result<QJsonObject> r) -> Result<SpriteList> {
                                     if (!r)
                                         return r.error();
                                     return SpriteList::fromJson(r.value());
                                 });
}

Task<QList<SpriteInfo>> SpritesClient::listAllSprites(const QString& prefix) {
    auto promise = std::make_shared<QPromise<Result<QList<SpriteInfo>>>>();
    promise->start();
    pageFrom(prefix, {}, std::make_shared<QList<SpriteInfo>>(), promise);
    return promise->future();
}

void SpritesClient::pageFrom(QString prefix, QString token, std::shared_ptr<QList<SpriteInfo>> all,
                             std::shared_ptr<QPromise<Result<QList<SpriteInfo>>>> promise) {
    listSprites(ListOptions{prefix, 100, token})
        .then(this, [this, prefix, token, all, promise](Result<SpriteList> page) {
            if (!page) {
                promise->addResult(page.error());
                promise->finish();
                return;
            }
            all->append(page.value().sprites);
            const QString next = page.value().nextContinuationToken;
            // A server repeating its token would loop forever.
            if (page.value().hasMore && !next.isEmpty() && next != token)
                return pageFrom(prefix, next, all, promise);
            promise->addResult(*all);
            promise->finish();
        });
}

Task<SpriteInfo> SpritesClient::updateSprite(const QString& name, const UpdateOptions& options) {
    if (auto valid = validateName(name); !valid)
        return failedTask<SpriteInfo>(valid.error());
    QJsonObject body;
    if (options.urlAuth || options.privateAccess) {
        QJsonObject settings;
        if (options.urlAuth)
            settings.insert(QStringLiteral("auth"), *options.urlAuth);
        if (options.privateAccess)
            settings.insert(QStringLiteral("private_access"), *options.privateAccess);
        body.insert(QStringLiteral("url_settings"), settings);
    }
    if (options.labels)
        body.insert(QStringLiteral("labels"), QJsonArray::fromStringList(*options.labels));
    if (body.isEmpty())
        return failedTask<SpriteInfo>(makeError(
            ErrorCode::InvalidArgument, QStringLiteral("update: give url settings or labels")));
    HttpCall call{"PUT", spritePath(name), {}, jsonBody(body), "application/json", 0};
    return mapResult<SpriteInfo>(jsonCall(call), this,
                                 [](Result<QJsonObject> r) -> Result<SpriteInfo> {
                                     if (!r)
                                         return r.error();
                                     return SpriteInfo::fromJson(r.value());
                                 });
}

Task<void> SpritesClient::deleteSprite(const QString& name) {
    if (auto valid = validateName(name); !valid)
        return failedTask<void>(valid.error());
    return discardValue(m_http->send(HttpCall{"DELETE", spritePath(name), {}, {}, {}, 0}), this);
}

QNetworkRequest SpritesClient::socketRequest(const QString& path,
                                             const QList<QPair<QString, QString>>& query) const {
    QUrl url = m_http->url(path, query);
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                         : QStringLiteral("ws"));
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("Bearer ") + m_options.token.toUtf8());
    return request;
}

SpritesExecSession* SpritesClient::exec(const QString& sprite, const ExecOptions& options) {
    QList<QPair<QString, QString>> query;
    for (const QString& arg : options.argv)
        query.append({QStringLiteral("cmd"), arg});
    if (!options.argv.isEmpty())
        query.append({QStringLiteral("path"), options.argv.first()});
    query.append({QStringLiteral("stdin"),
                  options.stdinEnabled ? QStringLiteral("true") : QStringLiteral("false")});
    for (auto it = options.env.cbegin(); it != options.env.cend(); ++it)
        query.append({QStringLiteral("env"), it.key() + QLatin1Char('=') + it.value()});
    if (!options.dir.isEmpty())
        query.append({QStringLiteral("dir"), options.dir});
    if (options.tty) {
        query.append({QStringLiteral("tty"), QStringLiteral("true")});
        if (options.rows > 0)
            query.append({QStringLiteral("rows"), QString::number(options.rows)});
        if (options.cols > 0)
            query.append({QStringLiteral("cols"), QString::number(options.cols)});
    }
    if (options.detachable)
        query.append({QStringLiteral("detachable"), QStringLiteral("true")});
    if (!options.maxRunAfterDisconnect.isEmpty())
        query.append({QStringLiteral("max_run_after_disconnect"), options.maxRunAfterDisconnect});
    auto* session =
        new SpritesExecSession(socketRequest(spritePath(sprite) + QStringLiteral("/exec"), query),
                               options, false, m_options, this);
    if (auto valid = validateName(sprite); !valid)
        session->failBeforeOpen(valid.error());
    else if (options.argv.isEmpty())
        session->failBeforeOpen(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("exec: no command given")));
    return session;
}

SpritesExecSession* SpritesClient::attach(const QString& sprite, const QString& sessionId) {
    const QString path = spritePath(sprite) + QStringLiteral("/exec/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(sessionId));
    auto* session = new SpritesExecSession(
        socketRequest(path, {{QStringLiteral("stdin"), QStringLiteral("true")}}), ExecOptions{},
        true, m_options, this);
    if (auto valid = validateName(sprite); !valid)
        session->failBeforeOpen(valid.error());
    return session;
}

} // namespace hangar::sprites
