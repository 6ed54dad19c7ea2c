<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>NetworkRules</name>
    <message>
        <source>a domain is required</source>
        <translation>eine Domain ist erforderlich</translation>
    </message>
    <message>
        <source>the domain is longer than 253 characters</source>
        <translation>die Domain ist länger als 253 Zeichen</translation>
    </message>
    <message>
        <source>a wildcard is allowed only as the whole domain (*) or its first label (*.example.com)</source>
        <translation>ein Platzhalter ist nur als ganze Domain (*) oder als ihr erstes Label (*.example.com) erlaubt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid domain</source>
        <translation>„%1“ ist keine gültige Domain</translation>
    </message>
    <message>
        <source>a rule has either a domain or a preset, not both</source>
        <translation>eine Regel hat entweder eine Domain oder eine Vorgabe, nicht beides</translation>
    </message>
    <message>
        <source>unknown preset &apos;%1&apos;</source>
        <translation>unbekannte Vorgabe „%1“</translation>
    </message>
    <message>
        <source>the action must be allow or deny</source>
        <translation>die Aktion muss allow oder deny sein</translation>
    </message>
</context>
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
    <message>
        <source>active · degraded</source>
        <translation>aktiv · beeinträchtigt</translation>
    </message>
</context>
<context>
    <name>hangar::AccountDialog</name>
    <message>
        <source>Add Sprites account</source>
        <translation>Sprites-Konto hinzufügen</translation>
    </message>
    <message>
        <source>Edit Sprites account</source>
        <translation>Sprites-Konto bearbeiten</translation>
    </message>
    <message>
        <source>e.g. work</source>
        <translation>z. B. arbeit</translation>
    </message>
    <message>
        <source>paste the account&apos;s token</source>
        <translation>Token des Kontos einfügen</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>leer lassen, um das gespeicherte Token zu behalten</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;Kennung:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>API &amp;URL:</source>
        <translation>API-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>A new account needs its token.</source>
        <translation>Ein neues Konto braucht sein Token.</translation>
    </message>
</context>
<context>
    <name>hangar::AccountListModel</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>available</source>
        <translation>verfügbar</translation>
    </message>
    <message>
        <source>no token</source>
        <translation>kein Token</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>hangar::AccountManager</name>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Sprites (default token)</source>
        <translation>Sprites (Standard-Token)</translation>
    </message>
    <message>
        <source>No token: store one in the account&apos;s settings.</source>
        <translation>Kein Token: Speichern Sie eines in den Einstellungen des Kontos.</translation>
    </message>
    <message>
        <source>There is no secret store to keep the account&apos;s token in.</source>
        <translation>Es gibt keinen Geheimnisspeicher für das Token des Kontos.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; needs a token.</source>
        <translation>Konto „%1“ braucht ein Token.</translation>
    </message>
    <message>
        <source>There is already an account &quot;%1&quot;.</source>
        <translation>Es gibt bereits ein Konto „%1“.</translation>
    </message>
    <message>
        <source>There is no account &quot;%1&quot;.</source>
        <translation>Es gibt kein Konto „%1“.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; is being changed; try again in a moment.</source>
        <translation>Konto „%1“ wird gerade geändert; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The token of account &quot;%1&quot; cannot be empty.</source>
        <translation>Das Token von Konto „%1“ darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; still has sandboxes (%2); destroy them first.</source>
        <translation>Konto „%1“ hat noch Sandboxes (%2); löschen Sie diese zuerst.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; was removed, but its token could not be removed from %2: %3</source>
        <translation>Konto „%1“ wurde entfernt, aber sein Token konnte nicht aus %2 entfernt werden: %3</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; is not available.</source>
        <translation>Konto „%1“ ist nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>hangar::AccountsPage</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Use for &amp;new sandboxes</source>
        <translation>Für &amp;neue Sandboxes verwenden</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; added.</source>
        <translation>Konto „%1“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; saved.</source>
        <translation>Konto „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Account &quot;%1&quot; removed.</source>
        <translation>Konto „%1“ entfernt.</translation>
    </message>
    <message>
        <source>New sandboxes now go to %1.</source>
        <translation>Neue Sandboxes kommen jetzt zu %1.</translation>
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
    <name>hangar::CheckpointListModel</name>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>hangar::CheckpointsTab</name>
    <message>
        <source>Comment for a new checkpoint</source>
        <translation>Kommentar für einen neuen Checkpoint</translation>
    </message>
    <message>
        <source>&amp;Create checkpoint</source>
        <translation>Checkpoint &amp;erstellen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>&amp;Take a safety checkpoint first</source>
        <translation>Zuerst einen &amp;Sicherungs-Checkpoint erstellen</translation>
    </message>
    <message>
        <source>So the restore can be undone by restoring the safety checkpoint.</source>
        <translation>So lässt sich die Wiederherstellung rückgängig machen, indem der Sicherungs-Checkpoint wiederhergestellt wird.</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>The sandbox is not running. Refresh wakes it to list its checkpoints.</source>
        <translation>Die Sandbox läuft nicht. Aktualisieren weckt sie, um ihre Checkpoints aufzulisten.</translation>
    </message>
    <message>
        <source>Listing checkpoints…</source>
        <translation>Checkpoints werden aufgelistet…</translation>
    </message>
    <message>
        <source>Could not list the checkpoints: %1</source>
        <translation>Die Checkpoints konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>No checkpoints yet.</source>
        <translation>Noch keine Checkpoints.</translation>
    </message>
    <message numerus="yes">
        <source>%n checkpoint(s).</source>
        <translation>
            <numerusform>%n Checkpoint.</numerusform>
            <numerusform>%n Checkpoints.</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating a checkpoint…</source>
        <translation>Checkpoint wird erstellt…</translation>
    </message>
    <message>
        <source>Could not create a checkpoint: %1</source>
        <translation>Checkpoint konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Created checkpoint %1.</source>
        <translation>Checkpoint %1 erstellt.</translation>
    </message>
    <message>
        <source>Looking for running commands…</source>
        <translation>Laufende Befehle werden gesucht…</translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) running in the sandbox, terminals included, will end.</source>
        <translation>
            <numerusform>%n in der Sandbox laufender Befehl, Terminals eingeschlossen, wird beendet.</numerusform>
            <numerusform>%n in der Sandbox laufende Befehle, Terminals eingeschlossen, werden beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not find out whether commands are running; any that are will end.</source>
        <translation>Es ließ sich nicht feststellen, ob Befehle laufen; laufende Befehle werden beendet.</translation>
    </message>
    <message>
        <source>No safety checkpoint will be taken: changes since %1 are lost for good.</source>
        <translation>Es wird kein Sicherungs-Checkpoint erstellt: Änderungen seit %1 gehen endgültig verloren.</translation>
    </message>
    <message>
        <source>Restore checkpoint</source>
        <translation>Checkpoint wiederherstellen</translation>
    </message>
    <message>
        <source>Restore checkpoint %1?</source>
        <translation>Checkpoint %1 wiederherstellen?</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Restoring %1… commands running in the sandbox end.</source>
        <translation>%1 wird wiederhergestellt… in der Sandbox laufende Befehle werden beendet.</translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation>%1 konnte nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <source>Restored %1.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restored %1. To undo it, restore the safety checkpoint %2.</source>
        <translation>%1 wiederhergestellt. Zum Rückgängigmachen den Sicherungs-Checkpoint %2 wiederherstellen.</translation>
    </message>
    <message>
        <source>Delete checkpoint</source>
        <translation>Checkpoint löschen</translation>
    </message>
    <message>
        <source>Delete checkpoint %1? It cannot be restored afterwards.</source>
        <translation>Checkpoint %1 löschen? Er kann danach nicht mehr wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted checkpoint %1.</source>
        <translation>Checkpoint %1 gelöscht.</translation>
    </message>
    <message>
        <source>Taking a safety checkpoint, then restoring %1…</source>
        <translation>Sicherungs-Checkpoint wird erstellt, dann wird %1 wiederhergestellt…</translation>
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
    <message>
        <source>&amp;Files</source>
        <translation>&amp;Dateien</translation>
    </message>
    <message>
        <source>Chec&amp;kpoints</source>
        <translation>Chec&amp;kpoints</translation>
    </message>
    <message>
        <source>Network polic&amp;y</source>
        <translation>Netzwerk&amp;richtlinie</translation>
    </message>
    <message>
        <source>Ser&amp;vices</source>
        <translation>D&amp;ienste</translation>
    </message>
    <message>
        <source>&amp;Ports</source>
        <translation>&amp;Ports</translation>
    </message>
</context>
<context>
    <name>hangar::EditorPage</name>
    <message>
        <source>Find (Enter: next, Shift+Enter: previous)</source>
        <translation>Suchen (Eingabe: nächster, Umschalt+Eingabe: vorheriger Treffer)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Waking the sandbox…</source>
        <translation>Sandbox wird geweckt…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>is a folder</source>
        <translation>ist ein Ordner</translation>
    </message>
    <message>
        <source>Could not open: %1</source>
        <translation>Konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1 is %2, over the %3 this editor opens: it is not shown. Download it instead.</source>
        <translation>%1 ist %2 groß, mehr als die %3, die dieser Editor öffnet: Die Datei wird nicht angezeigt. Laden Sie sie stattdessen herunter.</translation>
    </message>
    <message>
        <source>%1 is a binary file: shown read-only, as hex, its first %2.</source>
        <translation>%1 ist eine Binärdatei: schreibgeschützt als Hex angezeigt, die ersten %2.</translation>
    </message>
    <message>
        <source>%1 is a binary file: shown read-only, as hex.</source>
        <translation>%1 ist eine Binärdatei: schreibgeschützt als Hex angezeigt.</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wird gespeichert…</translation>
    </message>
    <message>
        <source>%1 was deleted in the sandbox since you opened it.</source>
        <translation>%1 wurde in der Sandbox gelöscht, seit Sie die Datei geöffnet haben.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>%1 was changed in the sandbox since you opened it.</source>
        <translation>%1 wurde in der Sandbox geändert, seit Sie die Datei geöffnet haben.</translation>
    </message>
    <message>
        <source>File changed</source>
        <translation>Datei geändert</translation>
    </message>
    <message>
        <source>Overwrite it with your text, reload it (your changes are lost) or cancel?</source>
        <translation>Mit Ihrem Text überschreiben, neu laden (Ihre Änderungen gehen verloren) oder abbrechen?</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>Ü&amp;berschreiben</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
</context>
<context>
    <name>hangar::FileBrowser</name>
    <message>
        <source>Path in the sandbox; Enter goes there</source>
        <translation>Pfad in der Sandbox; Eingabe wechselt dorthin</translation>
    </message>
    <message>
        <source>Open a file to edit it here.</source>
        <translation>Öffnen Sie eine Datei, um sie hier zu bearbeiten.</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen…</translation>
    </message>
    <message>
        <source>New &amp;folder…</source>
        <translation>Neuer &amp;Ordner…</translation>
    </message>
    <message>
        <source>New fi&amp;le…</source>
        <translation>Neue &amp;Datei…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Change &amp;mode…</source>
        <translation>&amp;Modus ändern…</translation>
    </message>
    <message>
        <source>&amp;Copy path</source>
        <translation>Pfad &amp;kopieren</translation>
    </message>
    <message>
        <source>Open &amp;terminal here</source>
        <translation>&amp;Terminal hier öffnen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Nach oben</translation>
    </message>
    <message>
        <source>&amp;Upload files…</source>
        <translation>Dateien &amp;hochladen…</translation>
    </message>
    <message>
        <source>Upload a fol&amp;der…</source>
        <translation>Ordner hoch&amp;laden…</translation>
    </message>
    <message>
        <source>The folder above (Alt+Up)</source>
        <translation>Der übergeordnete Ordner (Alt+Hoch)</translation>
    </message>
    <message>
        <source>Listing the working directory…</source>
        <translation>Arbeitsverzeichnis wird gelesen…</translation>
    </message>
    <message>
        <source>Going to %1…</source>
        <translation>Wechsel zu %1…</translation>
    </message>
    <message>
        <source>Cannot go to %1: %2</source>
        <translation>Wechsel zu %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>Waking the sandbox…</source>
        <translation>Sandbox wird geweckt…</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>der Name ist leer</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be the name of a file or folder</source>
        <translation>„%1“ kann nicht der Name einer Datei oder eines Ordners sein</translation>
    </message>
    <message>
        <source>a name cannot contain &quot;/&quot;</source>
        <translation>ein Name kann kein „/“ enthalten</translation>
    </message>
    <message>
        <source>a name cannot contain line breaks or NUL characters</source>
        <translation>ein Name kann keine Zeilenumbrüche oder NUL-Zeichen enthalten</translation>
    </message>
    <message>
        <source>Cannot create the folder: %1</source>
        <translation>Der Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>%1 wird angelegt…</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>existiert bereits</translation>
    </message>
    <message>
        <source>Created the folder %1</source>
        <translation>Ordner %1 angelegt</translation>
    </message>
    <message>
        <source>Cannot create the file: %1</source>
        <translation>Die Datei kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Created the file %1</source>
        <translation>Datei %1 angelegt</translation>
    </message>
    <message>
        <source>Cannot rename %1: %2</source>
        <translation>%1 kann nicht umbenannt werden: %2</translation>
    </message>
    <message>
        <source>Renaming %1…</source>
        <translation>%1 wird umbenannt…</translation>
    </message>
    <message>
        <source>Renamed %1 to %2</source>
        <translation>%1 in %2 umbenannt</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Changing the mode of %1…</source>
        <translation>Modus von %1 wird geändert…</translation>
    </message>
    <message>
        <source>%1 has mode %2 now</source>
        <translation>%1 hat jetzt den Modus %2</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Name of the new folder in %1:</source>
        <translation>Name des neuen Ordners in %1:</translation>
    </message>
    <message>
        <source>New file</source>
        <translation>Neue Datei</translation>
    </message>
    <message>
        <source>Name of the new file in %1:</source>
        <translation>Name der neuen Datei in %1:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>New name of %1:</source>
        <translation>Neuer Name für %1:</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation>Den Ordner %1 mit allem, was er enthält, löschen?</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Change mode</source>
        <translation>Modus ändern</translation>
    </message>
    <message>
        <source>New mode of %1, in octal (e.g. 644 or 755):</source>
        <translation>Neuer Modus von %1, oktal (z. B. 644 oder 755):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mode: give three or four octal digits</source>
        <translation>„%1“ ist kein Modus: Geben Sie drei oder vier Oktalziffern an</translation>
    </message>
    <message>
        <source>Download the folder into</source>
        <translation>Ordner herunterladen nach</translation>
    </message>
    <message>
        <source>Download to</source>
        <translation>Herunterladen nach</translation>
    </message>
    <message>
        <source>Upload a folder to %1</source>
        <translation>Ordner nach %1 hochladen</translation>
    </message>
    <message>
        <source>Upload files to %1</source>
        <translation>Dateien nach %1 hochladen</translation>
    </message>
</context>
<context>
    <name>hangar::FileEditor</name>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Close it anyway?</source>
        <translation>%1 hat ungespeicherte Änderungen. Trotzdem schließen?</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
</context>
<context>
    <name>hangar::FleetHealthDialog</name>
    <message>
        <source>Destroy machine</source>
        <translation>Maschine zerstören</translation>
    </message>
    <message>
        <source>Fleet health</source>
        <translation>Flottenzustand</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Compare the store with every provider again</source>
        <translation>Speicher erneut mit allen Anbietern vergleichen</translation>
    </message>
    <message>
        <source>Scanning the store and every provider…</source>
        <translation>Speicher und alle Anbieter werden geprüft…</translation>
    </message>
    <message>
        <source>The scan failed: %1</source>
        <translation>Die Prüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Nothing to fix: the store and the providers agree.</source>
        <translation>Nichts zu beheben: Speicher und Anbieter stimmen überein.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n Problem gefunden.</numerusform>
            <numerusform>%n Probleme gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Destroy the machine %1 on %2? Its files are lost; this cannot be undone.</source>
        <translation>Die Maschine %1 auf %2 zerstören? Ihre Dateien gehen verloren; das lässt sich nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>hangar::FleetHealthModel</name>
    <message>
        <source>ghost</source>
        <translation>Geist</translation>
    </message>
    <message>
        <source>orphan</source>
        <translation>Waise</translation>
    </message>
    <message>
        <source>drift</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Recorded here, but the provider has no machine for it</source>
        <translation>Hier erfasst, aber der Anbieter hat keine Maschine dafür</translation>
    </message>
    <message>
        <source>A machine named like ours that no sandbox records; it may still cost money</source>
        <translation>Eine Maschine mit unserem Namensschema, die keine Sandbox erfasst; sie kostet womöglich noch Geld</translation>
    </message>
    <message>
        <source>The recorded state and the provider&apos;s state differ</source>
        <translation>Erfasster Zustand und Zustand beim Anbieter weichen ab</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Abgleichen</translation>
    </message>
    <message>
        <source>Destroy</source>
        <translation>Zerstören</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>cold</source>
        <translation>kalt</translation>
    </message>
    <message>
        <source>warm</source>
        <translation>warm</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Fixed (%1)</source>
        <translation>Behoben (%1)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Sandbox or machine</source>
        <translation>Sandbox oder Maschine</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
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
        <source>&amp;Fleet health…</source>
        <translation>&amp;Flottenzustand…</translation>
    </message>
    <message>
        <source>Find sandboxes the providers lost, machines no sandbox records, and drift</source>
        <translation>Sandboxen finden, die den Anbietern abhandengekommen sind, Maschinen ohne Sandbox und Abweichungen</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>P&amp;rofiles…</source>
        <translation>P&amp;rofile…</translation>
    </message>
    <message>
        <source>Variables, secrets, files, SSH keys and setup commands for new sandboxes</source>
        <translation>Variablen, Geheimnisse, Dateien, SSH-Schlüssel und Einrichtungsbefehle für neue Sandboxes</translation>
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
    <name>hangar::NetworkPolicyTab</name>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>A&amp;llow all</source>
        <translation>Alles &amp;erlauben</translation>
    </message>
    <message>
        <source>D&amp;eny all</source>
        <translation>Alles &amp;verbieten</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Rules match a domain exactly (example.com), with its subdomains (*.example.com), or everything (*); the most specific rule wins. No rules: everything is allowed.</source>
        <translation>Regeln treffen eine Domain genau (example.com), mit ihren Subdomains (*.example.com) oder alles (*); die spezifischste Regel gewinnt. Keine Regeln: Alles ist erlaubt.</translation>
    </message>
    <message>
        <source>The sandbox is not running. Reload wakes it to read its policy.</source>
        <translation>Die Sandbox läuft nicht. Neu laden weckt sie, um ihre Richtlinie zu lesen.</translation>
    </message>
    <message>
        <source>Reading the policy…</source>
        <translation>Richtlinie wird gelesen…</translation>
    </message>
    <message>
        <source>Could not read the policy: %1</source>
        <translation>Die Richtlinie konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The sandbox&apos;s policy, as the backend holds it.</source>
        <translation>Die Richtlinie der Sandbox, wie das Backend sie hält.</translation>
    </message>
    <message>
        <source>Not applied: rule %1: %2</source>
        <translation>Nicht angewendet: Regel %1: %2</translation>
    </message>
    <message>
        <source>Applying the policy…</source>
        <translation>Richtlinie wird angewendet…</translation>
    </message>
    <message>
        <source>The backend refused the policy: %1</source>
        <translation>Das Backend hat die Richtlinie abgelehnt: %1</translation>
    </message>
    <message>
        <source>Applied, but the backend now holds different rules (shown).</source>
        <translation>Angewendet, aber das Backend hält jetzt andere Regeln (angezeigt).</translation>
    </message>
    <message numerus="yes">
        <source>Applied and confirmed: %n rule(s) in force.</source>
        <translation>
            <numerusform>Angewendet und bestätigt: %n Regel in Kraft.</numerusform>
            <numerusform>Angewendet und bestätigt: %n Regeln in Kraft.</numerusform>
        </translation>
    </message>
    <message>
        <source>Commands already running keep the network they started with.</source>
        <translation>Bereits laufende Befehle behalten das Netzwerk, mit dem sie gestartet sind.</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
    <message>
        <source>Changed; not applied yet.</source>
        <translation>Geändert; noch nicht angewendet.</translation>
    </message>
    <message numerus="yes">
        <source>The local backend can only allow or deny all network traffic (the first * rule). %n marked rule(s) would be stored but NOT enforced.</source>
        <translation>
            <numerusform>Das lokale Backend kann nur allen Netzwerkverkehr erlauben oder verbieten (die erste *-Regel). %n markierte Regel würde gespeichert, aber NICHT durchgesetzt.</numerusform>
            <numerusform>Das lokale Backend kann nur allen Netzwerkverkehr erlauben oder verbieten (die erste *-Regel). %n markierte Regeln würden gespeichert, aber NICHT durchgesetzt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hangar::NetworkRuleModel</name>
    <message>
        <source>Not enforced by the local backend: it can only allow or deny all traffic (the first * rule).</source>
        <translation>Vom lokalen Backend nicht durchgesetzt: Es kann nur allen Verkehr erlauben oder verbieten (die erste *-Regel).</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorgabe</translation>
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
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
</context>
<context>
    <name>hangar::PortForwardModel</name>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>forwarding</source>
        <translation>leitet weiter</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 open, %2 in all</source>
        <translation>%1 offen, %2 insgesamt</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>Sandbox port</source>
        <translation>Port in der Sandbox</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
</context>
<context>
    <name>hangar::PortsTab</name>
    <message>
        <source>Public URL</source>
        <translation>Öffentliche URL</translation>
    </message>
    <message>
        <source>Only with a Sprites token</source>
        <translation>Nur mit einem Sprites-Token</translation>
    </message>
    <message>
        <source>Public: anyone with the URL</source>
        <translation>Öffentlich: jeder mit der URL</translation>
    </message>
    <message>
        <source>Set &amp;access</source>
        <translation>&amp;Zugriff setzen</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Who may open it:</source>
        <translation>Wer sie öffnen darf:</translation>
    </message>
    <message>
        <source>e.g. 8000</source>
        <translation>z. B. 8000</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>ein freier Port</translation>
    </message>
    <message>
        <source>S&amp;top forward</source>
        <translation>Weiterleitung &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Local port:</source>
        <translation>&amp;Lokaler Port:</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Not forwarded: the sandbox port must be a number from 1 to 65535 (not &apos;%1&apos;).</source>
        <translation>Nicht weitergeleitet: Der Port in der Sandbox muss eine Zahl von 1 bis 65535 sein (nicht &apos;%1&apos;).</translation>
    </message>
    <message>
        <source>Not forwarded: the local port must be a number from 1 to 65535, or empty for any free port (not &apos;%1&apos;).</source>
        <translation>Nicht weitergeleitet: Der lokale Port muss eine Zahl von 1 bis 65535 sein oder leer für einen freien Port (nicht &apos;%1&apos;).</translation>
    </message>
    <message>
        <source>Starting the forward…</source>
        <translation>Weiterleitung wird gestartet…</translation>
    </message>
    <message>
        <source>Could not forward port %1: %2</source>
        <translation>Port %1 konnte nicht weitergeleitet werden: %2</translation>
    </message>
    <message>
        <source>the backend is not available</source>
        <translation>das Backend ist nicht verfügbar</translation>
    </message>
    <message>
        <source>A connection to port %1 in the sandbox failed: %2</source>
        <translation>Eine Verbindung zu Port %1 in der Sandbox ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Forwarding 127.0.0.1:%1 on this computer to port %2 in the sandbox.</source>
        <translation>127.0.0.1:%1 auf diesem Computer wird an Port %2 in der Sandbox weitergeleitet.</translation>
    </message>
    <message>
        <source>Stopped forwarding port %1.</source>
        <translation>Weiterleitung von Port %1 beendet.</translation>
    </message>
    <message>
        <source>Open ports are watched while the sandbox runs.</source>
        <translation>Offene Ports werden beobachtet, solange die Sandbox läuft.</translation>
    </message>
    <message>
        <source>Open ports cannot be watched: %1</source>
        <translation>Offene Ports können nicht beobachtet werden: %1</translation>
    </message>
    <message>
        <source>Open ports are not being watched: %1</source>
        <translation>Offene Ports werden nicht beobachtet: %1</translation>
    </message>
    <message>
        <source>Looking for open ports…</source>
        <translation>Suche nach offenen Ports…</translation>
    </message>
    <message>
        <source>Nothing in the sandbox listens on a TCP port now.</source>
        <translation>In der Sandbox lauscht gerade nichts auf einem TCP-Port.</translation>
    </message>
    <message>
        <source>Listening in the sandbox: %1 (click a port to forward it)</source>
        <translation>In der Sandbox offen: %1 (zum Weiterleiten einen Port anklicken)</translation>
    </message>
    <message>
        <source>Port %1 was just opened in the sandbox (process %2). Forward it to this computer?</source>
        <translation>Port %1 wurde gerade in der Sandbox geöffnet (Prozess %2). Auf diesen Computer weiterleiten?</translation>
    </message>
    <message>
        <source>Port %1 was just opened in the sandbox. Forward it to this computer?</source>
        <translation>Port %1 wurde gerade in der Sandbox geöffnet. Auf diesen Computer weiterleiten?</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>A local sandbox has no public URL: its ports can be reached only from this computer, through the forwards above.</source>
        <translation>Eine lokale Sandbox hat keine öffentliche URL: Ihre Ports sind nur von diesem Computer aus erreichbar, über die Weiterleitungen oben.</translation>
    </message>
    <message>
        <source>Could not read the URL: %1</source>
        <translation>Die URL konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Anyone who knows the address can open the sandbox&apos;s web server.</source>
        <translation>Jeder, der die Adresse kennt, kann den Webserver der Sandbox öffnen.</translation>
    </message>
    <message>
        <source>Changing who may open the URL…</source>
        <translation>Zugriff auf die URL wird geändert…</translation>
    </message>
    <message>
        <source>Could not change who may open the URL: %1</source>
        <translation>Der Zugriff auf die URL konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>The URL is public now.</source>
        <translation>Die URL ist jetzt öffentlich.</translation>
    </message>
    <message>
        <source>The URL now needs a Sprites token.</source>
        <translation>Die URL erfordert jetzt ein Sprites-Token.</translation>
    </message>
    <message>
        <source>Forwar&amp;d</source>
        <translation>&amp;Weiterleiten</translation>
    </message>
    <message>
        <source>Port in the &amp;sandbox:</source>
        <translation>Port in der &amp;Sandbox:</translation>
    </message>
</context>
<context>
    <name>hangar::ProfileEditorDialog</name>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import JSON…</source>
        <translation>JSON &amp;importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport JSON…</source>
        <translation>JSON e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Import profile</source>
        <translation>Profil importieren</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>Profile (*.json)</translation>
    </message>
    <message>
        <source>Export profile</source>
        <translation>Profil exportieren</translation>
    </message>
    <message>
        <source>Exported to %1 (without secret values).</source>
        <translation>Nach %1 exportiert (ohne Werte der Geheimnisse).</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>A new profile: fill it in and save it.</source>
        <translation>Ein neues Profil: ausfüllen und speichern.</translation>
    </message>
    <message>
        <source>Saved %1, but a secret could not be stored: %2</source>
        <translation>%1 gespeichert, aber ein Geheimnis konnte nicht abgelegt werden: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Delete profile %1 and its secrets?</source>
        <translation>Profil %1 und seine Geheimnisse löschen?</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Gelöscht.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a profile in JSON: %2</source>
        <translation>%1 ist kein Profil in JSON: %2</translation>
    </message>
    <message>
        <source>Imported; save it to keep it.</source>
        <translation>Importiert; zum Behalten speichern.</translation>
    </message>
    <message>
        <source>Imported; set its secrets&apos; values, then save it.</source>
        <translation>Importiert; die Werte der Geheimnisse setzen, dann speichern.</translation>
    </message>
</context>
<context>
    <name>hangar::ProfileForm</name>
    <message>
        <source>&amp;Variables</source>
        <translation>&amp;Variablen</translation>
    </message>
    <message>
        <source>S&amp;ecrets</source>
        <translation>G&amp;eheimnisse</translation>
    </message>
    <message>
        <source>F&amp;iles</source>
        <translation>Date&amp;ien</translation>
    </message>
    <message>
        <source>SSH &amp;keys</source>
        <translation>SSH-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>One shell command a line, run in order when a sandbox is provisioned, e.g. npm ci</source>
        <translation>Ein Shell-Befehl pro Zeile, der Reihe nach ausgeführt, wenn eine Sandbox bereitgestellt wird, z. B. npm ci</translation>
    </message>
    <message>
        <source>Set&amp;up commands</source>
        <translation>Einrichtungs&amp;befehle</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Set value…</source>
        <translation>Wert setzen…</translation>
    </message>
    <message>
        <source>Values are kept in the system keychain and never shown; the profile stores only the names.</source>
        <translation>Die Werte liegen im Schlüsselbund des Systems und werden nie angezeigt; das Profil speichert nur die Namen.</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>The selected file&apos;s content</source>
        <translation>Inhalt der ausgewählten Datei</translation>
    </message>
    <message>
        <source>Load content…</source>
        <translation>Inhalt laden…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Öffentlicher Schlüssel</translation>
    </message>
    <message>
        <source>Import private key…</source>
        <translation>Privaten Schlüssel importieren…</translation>
    </message>
    <message>
        <source>A generated key pair is made for each sandbox. An imported key is the same everywhere: paste its public key and import the private one (kept in the keychain).</source>
        <translation>Ein erzeugtes Schlüsselpaar entsteht für jede Sandbox neu. Ein importierter Schlüssel ist überall derselbe: den öffentlichen Schlüssel einfügen und den privaten importieren (er liegt im Schlüsselbund).</translation>
    </message>
    <message>
        <source>generate per sandbox</source>
        <translation>pro Sandbox erzeugen</translation>
    </message>
    <message>
        <source>import</source>
        <translation>importieren</translation>
    </message>
    <message>
        <source>•••••••• (new, not saved yet)</source>
        <translation>•••••••• (neu, noch nicht gespeichert)</translation>
    </message>
    <message>
        <source>•••••••• (set)</source>
        <translation>•••••••• (gesetzt)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Set value</source>
        <translation>Wert setzen</translation>
    </message>
    <message>
        <source>Select a secret with a name first.</source>
        <translation>Zuerst ein Geheimnis mit Namen auswählen.</translation>
    </message>
    <message>
        <source>Value of %1 (not shown again):</source>
        <translation>Wert von %1 (wird nicht wieder angezeigt):</translation>
    </message>
    <message>
        <source>Binary content, %1 bytes. Use Load content… to replace it.</source>
        <translation>Binärer Inhalt, %1 Bytes. Mit „Inhalt laden…“ ersetzen.</translation>
    </message>
    <message>
        <source>Load file content</source>
        <translation>Dateiinhalt laden</translation>
    </message>
    <message>
        <source>Import private key</source>
        <translation>Privaten Schlüssel importieren</translation>
    </message>
    <message>
        <source>Select a key with a name first.</source>
        <translation>Zuerst einen Schlüssel mit Namen auswählen.</translation>
    </message>
</context>
<context>
    <name>hangar::ProfileListModel</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
</context>
<context>
    <name>hangar::RemoteFileModel</name>
    <message>
        <source>not a folder</source>
        <translation>kein Ordner</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
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
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Recorded while %1</source>
        <translation>Aufgezeichnet im Zustand „%1“</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
</context>
<context>
    <name>hangar::SandboxTab</name>
    <message>
        <source>Waking the sandbox…</source>
        <translation>Sandbox wird geweckt…</translation>
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
    <message>
        <source>Degraded: %1</source>
        <translation>Beeinträchtigt: %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
</context>
<context>
    <name>hangar::ServiceDialog</name>
    <message>
        <source>New service</source>
        <translation>Neuer Dienst</translation>
    </message>
    <message>
        <source>web</source>
        <translation>web</translation>
    </message>
    <message>
        <source>python3</source>
        <translation>python3</translation>
    </message>
    <message>
        <source>-m
http.server
8080</source>
        <translation>-m
http.server
8080</translation>
    </message>
    <message>
        <source>db cache</source>
        <translation>db cache</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>&amp;Arguments (one per line, taken as typed):</source>
        <translation>&amp;Argumente (eines pro Zeile, genau wie eingegeben):</translation>
    </message>
    <message>
        <source>N&amp;eeds:</source>
        <translation>&amp;Benötigt:</translation>
    </message>
    <message>
        <source>&amp;HTTP port:</source>
        <translation>&amp;HTTP-Port:</translation>
    </message>
</context>
<context>
    <name>hangar::ServiceListModel</name>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>hangar::ServiceLogView</name>
    <message>
        <source>Select a service to follow its log.</source>
        <translation>Einen Dienst auswählen, um seinem Protokoll zu folgen.</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Im Protokoll suchen</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Vorheriger</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächster</translation>
    </message>
    <message>
        <source>Matches: %1</source>
        <translation>Treffer: %1</translation>
    </message>
</context>
<context>
    <name>hangar::ServicesTab</name>
    <message>
        <source>&amp;New service…</source>
        <translation>&amp;Neuer Dienst…</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>S&amp;tarten</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>St&amp;oppen</translation>
    </message>
    <message>
        <source>Send si&amp;gnal</source>
        <translation>Si&amp;gnal senden</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>The sandbox is not running. Refresh wakes it to list its services.</source>
        <translation>Die Sandbox läuft nicht. Aktualisieren weckt sie auf, um ihre Dienste aufzulisten.</translation>
    </message>
    <message>
        <source>Listing services…</source>
        <translation>Dienste werden aufgelistet…</translation>
    </message>
    <message>
        <source>Could not list the services: %1</source>
        <translation>Die Dienste konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>No services yet.</source>
        <translation>Noch keine Dienste.</translation>
    </message>
    <message>
        <source>Services: %1.</source>
        <translation>Dienste: %1.</translation>
    </message>
    <message>
        <source>Not created: %1</source>
        <translation>Nicht angelegt: %1</translation>
    </message>
    <message>
        <source>Creating service %1…</source>
        <translation>Dienst %1 wird angelegt…</translation>
    </message>
    <message>
        <source>Created and started service %1.</source>
        <translation>Dienst %1 angelegt und gestartet.</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>%1 wird gestartet…</translation>
    </message>
    <message>
        <source>Started %1.</source>
        <translation>%1 gestartet.</translation>
    </message>
    <message>
        <source>Stopping %1…</source>
        <translation>%1 wird gestoppt…</translation>
    </message>
    <message>
        <source>Stopped %1.</source>
        <translation>%1 gestoppt.</translation>
    </message>
    <message>
        <source>Sending SIG%1 to %2…</source>
        <translation>SIG%1 wird an %2 gesendet…</translation>
    </message>
    <message>
        <source>Sent SIG%1 to %2.</source>
        <translation>SIG%1 an %2 gesendet.</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>Dienst löschen</translation>
    </message>
    <message>
        <source>Delete service %1? It is stopped first; its definition and log are gone afterwards.</source>
        <translation>Dienst %1 löschen? Er wird zuerst gestoppt; danach sind seine Definition und sein Protokoll weg.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Deleted service %1.</source>
        <translation>Dienst %1 gelöscht.</translation>
    </message>
    <message>
        <source>The log stream ended.</source>
        <translation>Der Protokollstrom ist zu Ende.</translation>
    </message>
    <message>
        <source>The log stream failed: %1</source>
        <translation>Der Protokollstrom ist fehlgeschlagen: %1</translation>
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
    <message>
        <source>Sprites accounts</source>
        <translation>Sprites-Konten</translation>
    </message>
    <message>
        <source>More Sprites accounts beside the default token. Adding, editing or removing one takes effect at once; tokens are kept in %1.</source>
        <translation>Weitere Sprites-Konten neben dem Standard-Token. Hinzufügen, Bearbeiten und Entfernen wirken sofort; Tokens werden in %1 aufbewahrt.</translation>
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
    <message>
        <source>Connection lost (%1). Reconnecting to the same shell, attempt %2 of %3…</source>
        <translation>Verbindung verloren (%1). Neue Verbindung zur selben Shell, Versuch %2 von %3…</translation>
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
    <name>hangar::TransferPanel</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the selected transfers (a folder with what is in it)</source>
        <translation>Die ausgewählten Übertragungen abbrechen (einen Ordner mit seinem Inhalt)</translation>
    </message>
    <message>
        <source>Cancel a&amp;ll</source>
        <translation>A&amp;lle abbrechen</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Transfers:</source>
        <translation>Übertragungen:</translation>
    </message>
    <message>
        <source>1 in progress</source>
        <translation>1 läuft</translation>
    </message>
    <message>
        <source>%1 in progress</source>
        <translation>%1 laufen</translation>
    </message>
    <message>
        <source>1 failed</source>
        <translation>1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>none in progress</source>
        <translation>keine laufend</translation>
    </message>
</context>
<context>
    <name>hangar::TransferQueue</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>symbolic link, not followed</source>
        <translation>symbolischer Link, nicht verfolgt</translation>
    </message>
    <message>
        <source>some entries could not be copied</source>
        <translation>einige Einträge konnten nicht kopiert werden</translation>
    </message>
    <message>
        <source>%1 from the sandbox to %2</source>
        <translation>%1 aus der Sandbox nach %2</translation>
    </message>
    <message>
        <source>%1 from this computer to %2</source>
        <translation>%1 von diesem Rechner nach %2</translation>
    </message>
    <message>
        <source>%1 of %2 entries</source>
        <translation>%1 von %2 Einträgen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>listing…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
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
