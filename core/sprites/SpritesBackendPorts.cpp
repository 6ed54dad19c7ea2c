// SpritesBackend's ports: forwards through the sprite's TCP proxy (sprites-api.md §9), open
// ports from its ports/watch (§14.3.4), and the URL settings of the sprite (§2).
#include "SpritesBackend.h"

#include "util/Async.h"

namespace hangar::sprites {

namespace {

// hangar::PortForward over the client's proxy forward: the client's listens and tunnels, this
// counts and reports.
class SpriteForward : public hangar::PortForward {
public:
    SpriteForward(SpritesClient& client, const QString& sprite, quint16 remotePort,
                  quint16 localPort, QObject* parent)
        : hangar::PortForward(sprite, remotePort, localPort, parent)
        , m_client(client) {}
    ~SpriteForward() override { end(); }

protected:
    void begin() override {
        auto forward = m_client.forwardPort(sandbox(), remotePort(), QStringLiteral("localhost"),
                                            requestedLocalPort());
        if (!forward) {
            setFailed(forward.error());
            return;
        }
        m_forward = forward.value();
        m_forward->setParent(this);
        connect(m_forward, &sprites::PortForward::tunnelAccepted, this,
                &SpriteForward::addConnection);
        connect(m_forward, &sprites::PortForward::tunnelClosed, this,
                &SpriteForward::removeConnection);
        connect(m_forward, &sprites::PortForward::transferred, this, &SpriteForward::addTraffic);
        connect(m_forward, &sprites::PortForward::tunnelFailed, this,
                &SpriteForward::reportConnectionFailure);
        setListening(m_forward->localPort());
    }

    void end() override { delete std::exchange(m_forward, nullptr); }

private:
    SpritesClient& m_client;
    sprites::PortForward* m_forward = nullptr;
};

UrlSettings toUrlSettings(const SpriteInfo& info) {
    // A sprite that has never been given settings is reached with a token: the default.
    return UrlSettings{info.url, info.urlAuth.isEmpty() ? url_auth::Sprite : info.urlAuth};
}

} // namespace

hangar::PortForward* SpritesBackend::forwardPort(const QString& name, int remotePort,
                                                 int localPort) {
    if (auto valid = SpritesClient::validateName(name); !valid)
        return hangar::PortForward::failure(name, remotePort, valid.error(), this);
    if (auto valid = validatePort(remotePort); !valid)
        return hangar::PortForward::failure(name, remotePort, valid.error(), this);
    if (auto valid = validatePort(localPort, true); !valid)
        return hangar::PortForward::failure(name, remotePort, valid.error(), this);
    return new SpriteForward(*m_client, name, static_cast<quint16>(remotePort),
                             static_cast<quint16>(localPort), this);
}

Task<UrlSettings> SpritesBackend::urlSettings(const QString& name) {
    return mapResult<UrlSettings>(m_client->getSprite(name), this,
                                  [](Result<SpriteInfo> info) -> Result<UrlSettings> {
                                      if (!info)
                                          return info.error();
                                      return toUrlSettings(info.value());
                                  });
}

Task<UrlSettings> SpritesBackend::setUrlAuth(const QString& name, const QString& auth) {
    if (auto valid = validateUrlAuth(auth); !valid)
        return failedTask<UrlSettings>(valid.error());
    UpdateOptions update;
    update.urlAuth = auth;
    return mapResult<UrlSettings>(m_client->updateSprite(name, update), this,
                                  [](Result<SpriteInfo> info) -> Result<UrlSettings> {
                                      if (!info)
                                          return info.error();
                                      return toUrlSettings(info.value());
                                  });
}

Status SpritesBackend::startPortMonitor(const QString& name) {
    if (auto valid = SpritesClient::validateName(name); !valid)
        return valid.error();
    auto toPort = [](const PortEvent& event) {
        return OpenPort{static_cast<quint16>(event.port), event.address, event.pid};
    };
    PortWatch* watch = m_client->watchPorts(name);
    watch->setParent(this);
    connect(watch, &PortWatch::portList, this,
            [this, name, toPort](const QList<PortEvent>& events) {
                QList<OpenPort> ports;
                for (const PortEvent& event : events)
                    ports.append(toPort(event));
                reportOpenPorts(name, ports);
            });
    connect(watch, &PortWatch::portChanged, this, [this, name, toPort](const PortEvent& event) {
        reportPortChange(name, toPort(event), event.type == QLatin1String("port_opened"));
    });
    connect(watch, &SocketWatch::failed, this, [this, name](const Error& error) {
        reportPortMonitorFailed(
            name, makeError(ErrorCode::Unavailable,
                            QStringLiteral("the sprite's port watch: ") + error.message));
    });
    connect(watch, &SocketWatch::closed, this, [this, name] {
        reportPortMonitorFailed(name, makeError(ErrorCode::Unavailable,
                                                QStringLiteral("the sprite ended its port watch")));
    });
    if (PortWatch* old = m_portWatches.take(name))
        old->deleteLater();
    m_portWatches.insert(name, watch);
    return {};
}

void SpritesBackend::stopPortMonitor(const QString& name) {
    if (PortWatch* watch = m_portWatches.take(name)) {
        watch->close();
        watch->deleteLater();
    }
}

} // namespace hangar::sprites
