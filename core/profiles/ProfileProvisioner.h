#pragma once

#include "Profile.h"
#include "ProfileStore.h"
#include "lifecycle/SandboxPreparer.h"

#include <QObject>

#include <functional>

namespace hangar {

class LifecycleService;
struct NoteOptions;

// Applies a sandbox's profile (SandboxPreparer for LifecycleService): after the provider
// created the machine, writes the profile's files and SSH keys through the backend's
// filesystem API (never through a shell) with their modes (private keys 0600), then runs the
// setup commands one by one with the profile's environment, each one's output (secret values
// replaced by "[secret NAME]") as a note in the sandbox's timeline; a failing command fails the
// provisioning with its output. After a restore, files and keys are written again.
//
// Generated keys are made once per sandbox and kept in the secret store, so a restore writes
// the same pair again.
class ProfileProvisioner : public QObject, public SandboxPreparer {
    Q_OBJECT
public:
    ProfileProvisioner(LifecycleService& engine, ProfileStore& profiles, QObject* parent = nullptr);

    Status check(const ProvisionOptions& options) override;
    Status created(const Sandbox& sandbox, const ProvisionOptions& options) override;
    Task<void> prepare(const Sandbox& sandbox, Backend& backend, Phase phase) override;
    Task<QMap<QString, QString>> environment(const Sandbox& sandbox) override;
    Task<QMap<QString, QString>> secrets(const Sandbox& sandbox) override;

    // How long one setup command may run.
    static constexpr qint64 kSetupTimeoutMs = 15 * 60'000;
    static constexpr qsizetype kMaxSetupOutputBytes = 256 * 1024;

    // `text` with every secret value replaced by "[secret NAME]" (longest values first).
    static QString redact(QString text, const QMap<QString, QString>& secrets);

private:
    using Step = std::function<Task<void>()>;
    struct Run; // one prepare() in flight

    Task<void> runSteps(QList<Step> steps);
    Task<void> writeFile(const std::shared_ptr<Run>& run, const QString& path,
                         const QByteArray& content, quint32 mode);
    Task<KeyPair> keyPair(const std::shared_ptr<Run>& run, const ProfileKey& key);
    Task<void> writeKey(const std::shared_ptr<Run>& run, const ProfileKey& key);
    Task<void> runSetup(const std::shared_ptr<Run>& run, const QString& command, int index);
    void forgetSandboxKeys(const QString& sandboxId);
    void recordNote(const QString& sandboxId, const QString& what, const NoteOptions& options);

    LifecycleService& m_engine;
    ProfileStore& m_profiles;
};

} // namespace hangar
