<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>StatusPalette</name>
    <message>
        <source>provisioning</source>
        <translation>wird bereitgestellt</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>hibernating</source>
        <translation>geht in Ruhezustand</translation>
    </message>
    <message>
        <source>hibernated</source>
        <translation>im Ruhezustand</translation>
    </message>
    <message>
        <source>restoring</source>
        <translation>wird wiederhergestellt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>hangar::BatchRun</name>
    <message>
        <source>cancelled before it started</source>
        <translation>vor dem Start abgebrochen</translation>
    </message>
    <message>
        <source>the operation was cancelled</source>
        <translation>der Vorgang wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>hangar::DesktopConsole</name>
    <message>
        <source>Hangar</source>
        <translation>Hangar</translation>
    </message>
    <message>
        <source>The console API could not start: %1</source>
        <translation>Die Konsolen-API konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>The new settings take effect when Hangar starts again.</source>
        <translation>Die neuen Einstellungen werden beim nächsten Start von Hangar wirksam.</translation>
    </message>
    <message>
        <source>The new language takes effect when Hangar starts again.</source>
        <translation>Die neue Sprache wird beim nächsten Start von Hangar wirksam.</translation>
    </message>
    <message>
        <source>Restart Hangar</source>
        <translation>Hangar neu starten</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Start-up recovery failed: %1</source>
        <translation>Die Wiederherstellung beim Start ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not start Hangar again; please start it yourself.</source>
        <translation>Hangar konnte nicht neu gestartet werden; bitte von Hand starten.</translation>
    </message>
    <message>
        <source>&amp;Terminals</source>
        <translation>&amp;Terminals</translation>
    </message>
</context>
<context>
    <name>hangar::KeychainSecretStore</name>
    <message>
        <source>Provide the secret through the environment instead.</source>
        <translation>Das Geheimnis stattdessen über die Umgebung übergeben.</translation>
    </message>
    <message>
        <source>Set %1 in the environment instead.</source>
        <translation>Stattdessen %1 in der Umgebung setzen.</translation>
    </message>
    <message>
        <source>The system keychain could not be reached (%1). %2</source>
        <translation>Der System-Schlüsselbund ist nicht erreichbar (%1). %2</translation>
    </message>
    <message>
        <source>No secret is stored under &quot;%1&quot; in the system keychain (service &quot;%2&quot;).</source>
        <translation>Im System-Schlüsselbund ist unter „%1“ kein Geheimnis gespeichert (Dienst „%2“).</translation>
    </message>
    <message>
        <source>QtKeychain error %1</source>
        <translation>QtKeychain-Fehler %1</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation>System-Schlüsselbund</translation>
    </message>
</context>
<context>
    <name>hangar::MainWindow</name>
    <message>
        <source>Hangar</source>
        <translation>Hangar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Do not start the remaining sandboxes; operations under way finish</source>
        <translation>Die übrigen Sandboxes nicht mehr starten; laufende Vorgänge werden abgeschlossen</translation>
    </message>
    <message>
        <source>Could not load the sandboxes: %1</source>
        <translation>Die Sandboxes konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;New sandbox…</source>
        <translation>&amp;Neue Sandbox…</translation>
    </message>
    <message>
        <source>Create a sandbox for a chat and thread</source>
        <translation>Eine Sandbox für einen Chat und Thread erstellen</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Wake the selected sandboxes, or reprovision failed ones</source>
        <translation>Ausgewählte Sandboxes aufwecken oder fehlgeschlagene neu bereitstellen</translation>
    </message>
    <message>
        <source>&amp;Hibernate</source>
        <translation>&amp;Ruhezustand</translation>
    </message>
    <message>
        <source>Stop the selected sandboxes; their files are kept</source>
        <translation>Ausgewählte Sandboxes anhalten; ihre Dateien bleiben erhalten</translation>
    </message>
    <message>
        <source>Re&amp;provision</source>
        <translation>Neu &amp;bereitstellen</translation>
    </message>
    <message>
        <source>Provision the selected failed sandboxes again; their files are kept</source>
        <translation>Ausgewählte fehlgeschlagene Sandboxes neu bereitstellen; ihre Dateien bleiben erhalten</translation>
    </message>
    <message>
        <source>Check&amp;point…</source>
        <translation>&amp;Checkpoint…</translation>
    </message>
    <message>
        <source>Save the files of the selected sandboxes as a checkpoint</source>
        <translation>Dateien der ausgewählten Sandboxes als Checkpoint sichern</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Destroy the selected sandboxes</source>
        <translation>Ausgewählte Sandboxes endgültig löschen</translation>
    </message>
    <message>
        <source>Re&amp;concile now</source>
        <translation>Jetzt &amp;abgleichen</translation>
    </message>
    <message>
        <source>Compare the selected sandboxes with their provider now</source>
        <translation>Ausgewählte Sandboxes jetzt mit ihrem Anbieter abgleichen</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxes</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>Fenster &amp;schließen</translation>
    </message>
    <message>
        <source>Filter by name, chat or thread (%1)</source>
        <translation>Nach Name, Chat oder Thread filtern (%1)</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>&amp;Zustand:</translation>
    </message>
    <message>
        <source>No sandboxes</source>
        <translation>Keine Sandboxes</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>1 sandbox</source>
        <translation>1 Sandbox</translation>
    </message>
    <message>
        <source>%1 sandboxes</source>
        <translation>%1 Sandboxes</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1: checking…</source>
        <translation>%1: wird geprüft…</translation>
    </message>
    <message>
        <source>%1: connected</source>
        <translation>%1: verbunden</translation>
    </message>
    <message>
        <source>%1: unreachable</source>
        <translation>%1: nicht erreichbar</translation>
    </message>
    <message>
        <source>no backend</source>
        <translation>kein Backend</translation>
    </message>
    <message>
        <source>Cannot reach %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>%1 is ready</source>
        <translation>%1 ist bereit</translation>
    </message>
    <message>
        <source>Could not create the sandbox: %1</source>
        <translation>Die Sandbox konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>resuming…</source>
        <translation>wird fortgesetzt…</translation>
    </message>
    <message>
        <source>resumed from the console</source>
        <translation>über die Konsole fortgesetzt</translation>
    </message>
    <message>
        <source>Hibernate</source>
        <translation>Ruhezustand</translation>
    </message>
    <message>
        <source>hibernating…</source>
        <translation>geht in Ruhezustand…</translation>
    </message>
    <message>
        <source>hibernated from the console</source>
        <translation>über die Konsole in den Ruhezustand versetzt</translation>
    </message>
    <message>
        <source>Reprovision</source>
        <translation>Neu bereitstellen</translation>
    </message>
    <message>
        <source>reprovisioning…</source>
        <translation>wird neu bereitgestellt…</translation>
    </message>
    <message>
        <source>reprovisioned from the console</source>
        <translation>über die Konsole neu bereitgestellt</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Comment for the checkpoint of %1:</source>
        <translation>Kommentar zum Checkpoint von %1:</translation>
    </message>
    <message>
        <source>Comment for the checkpoints of %1 sandboxes:</source>
        <translation>Kommentar zu den Checkpoints von %1 Sandboxes:</translation>
    </message>
    <message>
        <source>from the console</source>
        <translation>über die Konsole</translation>
    </message>
    <message>
        <source>saving a checkpoint…</source>
        <translation>Checkpoint wird gesichert…</translation>
    </message>
    <message>
        <source>no such sandbox</source>
        <translation>Sandbox nicht vorhanden</translation>
    </message>
    <message>
        <source>backend %1 is not available</source>
        <translation>Backend %1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Abgleichen</translation>
    </message>
    <message>
        <source>checking the provider…</source>
        <translation>Anbieter wird abgefragt…</translation>
    </message>
    <message>
        <source>Delete sandboxes</source>
        <translation>Sandboxes löschen</translation>
    </message>
    <message>
        <source>Delete sandbox %1 and all its files?</source>
        <translation>Sandbox %1 und alle ihre Dateien löschen?</translation>
    </message>
    <message>
        <source>Delete %1 sandboxes and all their files?</source>
        <translation>%1 Sandboxes und alle ihre Dateien löschen?</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>deleting…</source>
        <translation>wird gelöscht…</translation>
    </message>
    <message>
        <source>%1: %2…</source>
        <translation>%1: %2…</translation>
    </message>
    <message>
        <source>%1: %2 sandboxes…</source>
        <translation>%1: %2 Sandboxes…</translation>
    </message>
    <message>
        <source>%1: done for %2 of %2</source>
        <translation>%1: %2 von %2 erledigt</translation>
    </message>
    <message>
        <source>%1: %2 done, %3 failed — %4</source>
        <translation>%1: %2 erledigt, %3 fehlgeschlagen – %4</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>All backends</source>
        <translation>Alle Backends</translation>
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation>Bac&amp;kend:</translation>
    </message>
</context>
<context>
    <name>hangar::MemorySecretStore</name>
    <message>
        <source>The secret store is unavailable (simulated for tests).</source>
        <translation>Der Geheimnisspeicher ist nicht verfügbar (für Tests simuliert).</translation>
    </message>
    <message>
        <source>No secret is stored under &quot;%1&quot;.</source>
        <translation>Unter „%1“ ist kein Geheimnis gespeichert.</translation>
    </message>
    <message>
        <source>memory (unavailable)</source>
        <translation>Arbeitsspeicher (nicht verfügbar)</translation>
    </message>
    <message>
        <source>memory (not kept)</source>
        <translation>Arbeitsspeicher (nicht dauerhaft)</translation>
    </message>
</context>
<context>
    <name>hangar::NewSandboxDialog</name>
    <message>
        <source>New sandbox</source>
        <translation>Neue Sandbox</translation>
    </message>
    <message>
        <source>e.g. chat-42</source>
        <translation>z. B. chat-42</translation>
    </message>
    <message>
        <source>e.g. main</source>
        <translation>z. B. main</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>&amp;Chat id:</source>
        <translation>&amp;Chat-ID:</translation>
    </message>
    <message>
        <source>&amp;Thread id:</source>
        <translation>&amp;Thread-ID:</translation>
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <source>Enter the chat and thread the sandbox is for.</source>
        <translation>Chat und Thread angeben, für die die Sandbox bestimmt ist.</translation>
    </message>
    <message>
        <source>Sandbox name: %1</source>
        <translation>Name der Sandbox: %1</translation>
    </message>
</context>
<context>
    <name>hangar::SandboxDetailPane</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Select a sandbox to see its details.</source>
        <translation>Eine Sandbox auswählen, um ihre Details anzuzeigen.</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Backend:</source>
        <translation>Backend:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Provider status:</source>
        <translation>Anbieterstatus:</translation>
    </message>
    <message>
        <source>Isolation:</source>
        <translation>Isolierung:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Last activity:</source>
        <translation>Letzte Aktivität:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>Keeping it awake:</source>
        <translation>Wach gehalten durch:</translation>
    </message>
    <message>
        <source>Ask the provider again</source>
        <translation>Anbieter erneut abfragen</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>unknown: backend %1 is not available</source>
        <translation>unbekannt: Backend %1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>NOT ISOLATED — %1</source>
        <translation>NICHT ISOLIERT – %1</translation>
    </message>
    <message>
        <source>backend %1 is not available</source>
        <translation>Backend %1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>asking…</source>
        <translation>wird abgefragt…</translation>
    </message>
    <message>
        <source>could not ask the provider: %1</source>
        <translation>Anbieter konnte nicht abgefragt werden: %1</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>unbekannt: %1</translation>
    </message>
    <message>
        <source>nothing: no open sessions; it hibernates after the inactivity timeout</source>
        <translation>nichts: keine offenen Sitzungen; sie geht nach Ablauf der Inaktivitätszeit in den Ruhezustand</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>1 open session, last used %1</source>
        <translation>1 offene Sitzung, zuletzt verwendet %1</translation>
    </message>
    <message>
        <source>%1 open sessions, last used %2</source>
        <translation>%1 offene Sitzungen, zuletzt verwendet %2</translation>
    </message>
</context>
<context>
    <name>hangar::SandboxEventModel</name>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Übergang</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>hangar::SandboxTableModel</name>
    <message>
        <source>due</source>
        <translation>fällig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Thread</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Hibernates in</source>
        <translation>Ruhezustand in</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>provider unreachable: %1</source>
        <translation>Anbieter nicht erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>hangar::SessionListModel</name>
    <message>
        <source>running (terminal)</source>
        <translation>läuft (Terminal)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>exited with %1</source>
        <translation>beendet mit %1</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>hangar::SettingsDialog</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Hangar settings</source>
        <translation>Hangar-Einstellungen</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Local (bubblewrap on this machine)</source>
        <translation>Lokal (bubblewrap auf diesem Rechner)</translation>
    </message>
    <message>
        <source>Sprites (Fly.io microVMs)</source>
        <translation>Sprites (Fly.io-MicroVMs)</translation>
    </message>
    <message>
        <source>paste a new token to store it</source>
        <translation>neuen Token einfügen, um ihn zu speichern</translation>
    </message>
    <message>
        <source>Remove stored token</source>
        <translation>Gespeicherten Token entfernen</translation>
    </message>
    <message>
        <source>&amp;Default backend:</source>
        <translation>&amp;Standard-Backend:</translation>
    </message>
    <message>
        <source>Sprites API &amp;URL:</source>
        <translation>Sprites-API-&amp;URL:</translation>
    </message>
    <message>
        <source>Sprites &amp;token:</source>
        <translation>Sprites-&amp;Token:</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxes</translation>
    </message>
    <message>
        <source>&amp;Hibernate after inactivity of:</source>
        <translation>&amp;Ruhezustand nach Inaktivität von:</translation>
    </message>
    <message>
        <source>Check for inactivity &amp;every:</source>
        <translation>Auf Inaktivität prüfen all&amp;e:</translation>
    </message>
    <message>
        <source>&amp;Name prefix:</source>
        <translation>&amp;Namenspräfix:</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>Datenverzeichnis</translation>
    </message>
    <message>
        <source>sqlite in the data directory, or postgres://user@host/db</source>
        <translation>SQLite im Datenverzeichnis oder postgres://user@host/db</translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation>&amp;Datenverzeichnis:</translation>
    </message>
    <message>
        <source>Data&amp;base URL:</source>
        <translation>Daten&amp;bank-URL:</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Serve the console &amp;API for browsers and local agents</source>
        <translation>Konsolen-&amp;API für Browser und lokale Agenten bereitstellen</translation>
    </message>
    <message>
        <source>Listen &amp;on:</source>
        <translation>&amp;Lauschen auf:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API-Token:</translation>
    </message>
    <message>
        <source>Changes to the backend, timing, names and storage take effect when Hangar starts again.</source>
        <translation>Änderungen an Backend, Zeitsteuerung, Namen und Speicher werden beim nächsten Start von Hangar wirksam.</translation>
    </message>
    <message>
        <source>Set by the environment variable %1; unset it to change this here.</source>
        <translation>Durch die Umgebungsvariable %1 festgelegt; um den Wert hier zu ändern, die Variable entfernen.</translation>
    </message>
    <message>
        <source>The token comes from the environment variable %1; it is used instead of a stored one.</source>
        <translation>Der Token stammt aus der Umgebungsvariable %1 und wird anstelle eines gespeicherten verwendet.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <source>A token is stored in %1.</source>
        <translation>Ein Token ist gespeichert (%1).</translation>
    </message>
    <message>
        <source>No token is stored. Paste one to keep it in %1.</source>
        <translation>Kein Token gespeichert. Einen Token einfügen, um ihn zu speichern (%1).</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Set the environment variable %2 instead.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Stattdessen die Umgebungsvariable %2 setzen.</translation>
    </message>
    <message>
        <source>Could not remove the token: %1</source>
        <translation>Der Token konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>The settings are saved, but the token could not be stored: %1</source>
        <translation>Die Einstellungen wurden gespeichert, der Token konnte jedoch nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>hangar::TerminalTabs</name>
    <message>
        <source>The program to run in the terminal</source>
        <translation>Das Programm, das im Terminal läuft</translation>
    </message>
    <message>
        <source>working directory (default: the sandbox&apos;s)</source>
        <translation>Arbeitsverzeichnis (Standard: das der Sandbox)</translation>
    </message>
    <message>
        <source>&amp;New shell</source>
        <translation>&amp;Neue Shell</translation>
    </message>
    <message>
        <source>Shell:</source>
        <translation>Shell:</translation>
    </message>
    <message>
        <source>Open a shell to work in the sandbox.</source>
        <translation>Eine Shell öffnen, um in der Sandbox zu arbeiten.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Could not open a shell: %1</source>
        <translation>Die Shell konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The shell ended because the sandbox hibernated. Open a new one to wake it.</source>
        <translation>Die Shell wurde beendet, weil die Sandbox in den Ruhezustand ging. Eine neue Shell weckt sie auf.</translation>
    </message>
    <message>
        <source>The shell exited with status %1.</source>
        <translation>Die Shell wurde mit Status %1 beendet.</translation>
    </message>
    <message>
        <source>The connection to the shell broke: %1</source>
        <translation>Die Verbindung zur Shell ist abgebrochen: %1</translation>
    </message>
    <message>
        <source>&amp;Attach…</source>
        <translation>&amp;Anhängen…</translation>
    </message>
    <message>
        <source>Join a terminal session already running in the sandbox</source>
        <translation>Einer Terminalsitzung beitreten, die in der Sandbox schon läuft</translation>
    </message>
    <message>
        <source>&amp;Kill</source>
        <translation>Be&amp;enden</translation>
    </message>
    <message>
        <source>End the shell of the current tab</source>
        <translation>Die Shell des aktuellen Tabs beenden</translation>
    </message>
    <message>
        <source>No backend to ask for sessions.</source>
        <translation>Kein Backend, das nach Sitzungen gefragt werden kann.</translation>
    </message>
    <message>
        <source>Could not list the sessions: %1</source>
        <translation>Die Sitzungen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>%1 (started %2)</source>
        <translation>%1 (gestartet %2)</translation>
    </message>
    <message>
        <source>No terminal session is running</source>
        <translation>Keine Terminalsitzung läuft</translation>
    </message>
    <message>
        <source>Could not attach: %1</source>
        <translation>Anhängen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 (attached)</source>
        <translation>%1 (angehängt)</translation>
    </message>
    <message>
        <source>T&amp;ranscripts…</source>
        <translation>Mitsch&amp;riften…</translation>
    </message>
    <message>
        <source>Search, read and save what the shells of this sandbox showed</source>
        <translation>Durchsuchen, lesen und speichern, was die Shells dieser Sandbox gezeigt haben</translation>
    </message>
</context>
<context>
    <name>hangar::TerminalView</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>&amp;Originalgröße</translation>
    </message>
</context>
<context>
    <name>hangar::TokenSource</name>
    <message>
        <source>%1=true needs a Sprites token. </source>
        <translation>%1=true braucht einen Sprites-Token. </translation>
    </message>
    <message>
        <source>%1=true needs a Sprites token, and %2 could not be read. %3 (%4)</source>
        <translation>%1=true braucht einen Sprites-Token, und %2 konnte nicht gelesen werden. %3 (%4)</translation>
    </message>
    <message>
        <source>No Sprites backend: the Sprites token could not be read from %1. (%2)</source>
        <translation>Kein Sprites-Backend: Der Sprites-Token konnte nicht aus %1 gelesen werden. (%2)</translation>
    </message>
    <message>
        <source>Set %1, or store the token in the system keychain under &quot;%2&quot;.</source>
        <translation>%1 setzen oder den Token im System-Schlüsselbund unter „%2“ speichern.</translation>
    </message>
</context>
<context>
    <name>hangar::TranscriptDialog</name>
    <message>
        <source>Terminal transcripts</source>
        <translation>Terminal-Mitschriften</translation>
    </message>
    <message>
        <source>Search the transcripts</source>
        <translation>Mitschriften durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Speichern unter…</translation>
    </message>
    <message>
        <source>No transcripts.</source>
        <translation>Keine Mitschriften.</translation>
    </message>
    <message>
        <source>Could not read the transcript: %1</source>
        <translation>Die Mitschrift konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not save the transcript: %1</source>
        <translation>Die Mitschrift konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Save transcript</source>
        <translation>Mitschrift speichern</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
</context>
<context>
    <name>hangar::TranscriptListModel</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>%1 (status %2)</source>
        <translation>%1 (Status %2)</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hangar</source>
        <translation>Hangar</translation>
    </message>
</context>
</TS>
