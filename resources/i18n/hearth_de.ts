<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApiServerSection</name>
    <message>
        <source>Local API server</source>
        <translation>Lokaler API-Server</translation>
    </message>
    <message>
        <source>Lets programs on this computer use the model loaded here, through the OpenAI API many tools speak. Only this computer can connect; what they ask is not saved in your conversations, and each request is listed under Privacy.</source>
        <translation>Ermöglicht Programmen auf diesem Computer, das hier geladene Modell über die OpenAI-API zu nutzen, die viele Werkzeuge sprechen. Nur dieser Computer kann sich verbinden; was sie fragen, wird nicht in Ihren Unterhaltungen gespeichert, und jede Anfrage wird unter Datenschutz aufgeführt.</translation>
    </message>
    <message>
        <source>Serve the loaded model</source>
        <translation>Geladenes Modell bereitstellen</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Base URL for the tool; any API key works.</source>
        <translation>Basis-URL für das Werkzeug; jeder API-Schlüssel funktioniert.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences in a row</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Serving %1.</source>
        <translation>Stellt %1 bereit.</translation>
    </message>
    <message>
        <source>No model is loaded: requests are refused until you load one.</source>
        <translation>Kein Modell geladen: Anfragen werden abgelehnt, bis Sie eines laden.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) answered since Hearth started.</source>
        <translation>
            <numerusform>%n Anfrage seit dem Start von Hearth beantwortet.</numerusform>
            <numerusform>%n Anfragen seit dem Start von Hearth beantwortet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssistantMessage</name>
    <message>
        <source>Reading your message…</source>
        <translation>Nachricht wird gelesen…</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n Seite</numerusform>
            <numerusform>%n Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 tokens</source>
        <translation>etwa %1 Tokens</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <source>Attached file %1, %2</source>
        <translation>Angehängte Datei %1, %2</translation>
    </message>
    <message>
        <source>%1: the token count is an estimate until a model is loaded.</source>
        <translation>%1: Die Anzahl der Tokens ist geschätzt, bis ein Modell geladen ist.</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>Open original</source>
        <translation>Original öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Text of %1</source>
        <translation>Text von %1</translation>
    </message>
</context>
<context>
    <name>BackendSettings</name>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>Automatisch (%1)</translation>
    </message>
    <message>
        <source>Applies when a model is loaded next. Automatic uses one thread per physical core, which is fastest on most computers.</source>
        <translation>Gilt ab dem nächsten Laden eines Modells. „Automatisch“ verwendet einen Thread pro physischem Kern, was auf den meisten Computern am schnellsten ist.</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>How many of the model&apos;s layers run on the graphics card; the rest run on the CPU. Automatic puts as many there as its free memory holds. Applies when a model is loaded next.</source>
        <translation>Wie viele Schichten des Modells auf der Grafikkarte laufen; die übrigen laufen auf der CPU. „Automatisch“ legt so viele dorthin, wie ihr freier Speicher fasst. Gilt ab dem nächsten Laden eines Modells.</translation>
    </message>
    <message>
        <source>Use the CPU only</source>
        <translation>Nur die CPU verwenden</translation>
    </message>
    <message numerus="yes">
        <source>The loaded model has %n layer(s).</source>
        <translation>
            <numerusform>Das geladene Modell hat %n Schicht.</numerusform>
            <numerusform>Das geladene Modell hat %n Schichten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>The built-in model catalog is damaged: %1</source>
        <translation>Der integrierte Modellkatalog ist beschädigt: %1</translation>
    </message>
    <message>
        <source>No address is set for refreshing the model catalog.</source>
        <translation>Für die Aktualisierung des Modellkatalogs ist keine Adresse festgelegt.</translation>
    </message>
    <message>
        <source>The catalog address must start with https://.</source>
        <translation>Die Katalogadresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The catalog on the server is too large to be genuine.</source>
        <translation>Der Katalog auf dem Server ist zu groß, um echt zu sein.</translation>
    </message>
    <message>
        <source>Could not reach the catalog server: %1</source>
        <translation>Der Katalogserver ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The catalog on the server is invalid (%1).</source>
        <translation>Der Katalog auf dem Server ist ungültig (%1).</translation>
    </message>
    <message>
        <source>%1 The model catalog in use was kept.</source>
        <translation>%1 Der bisherige Modellkatalog wird weiter verwendet.</translation>
    </message>
</context>
<context>
    <name>CatalogRow</name>
    <message>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>Passt</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>Knapp</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Zu groß</translation>
    </message>
    <message>
        <source>Coming soon</source>
        <translation>Demnächst</translation>
    </message>
    <message>
        <source>%1B parameters</source>
        <translation>%1 Mrd. Parameter</translation>
    </message>
    <message>
        <source>%1B parameters, %2B active per token</source>
        <translation>%1 Mrd. Parameter, davon %2 Mrd. je Token aktiv</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>coding</source>
        <translation>Programmieren</translation>
    </message>
    <message>
        <source>multilingual</source>
        <translation>mehrsprachig</translation>
    </message>
    <message>
        <source>small</source>
        <translation>klein</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>Slow here</source>
        <translation>Hier langsam</translation>
    </message>
    <message>
        <source>about %1 tokens/s here</source>
        <translation>hier etwa %1 Tokens/s</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Hearth cannot keep conversations: %1</source>
        <translation>Hearth kann keine Unterhaltungen speichern: %1</translation>
    </message>
    <message>
        <source>Hearth cannot open your conversations: %1</source>
        <translation>Hearth kann Ihre Unterhaltungen nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Something went wrong with your conversations: %1</source>
        <translation>Bei Ihren Unterhaltungen ist ein Fehler aufgetreten: %1</translation>
    </message>
    <message>
        <source>Hearth could not load %1: %2</source>
        <translation>Hearth konnte %1 nicht laden: %2</translation>
    </message>
    <message>
        <source>The model could not answer: %1</source>
        <translation>Das Modell konnte nicht antworten: %1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CPU (%1)</source>
        <translation>CPU (%1)</translation>
    </message>
    <message>
        <source>CPU (reference)</source>
        <translation>CPU (Referenz)</translation>
    </message>
    <message>
        <source>%1: %2 tokens/s</source>
        <translation>%1: %2 Tokens/s</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>%n Unterhaltung nach %1 exportiert.</numerusform>
            <numerusform>%n Unterhaltungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1, %2 of %3 layers</source>
        <translation>%1, %2 von %3 Schichten</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>Show or hide the sidebar (Ctrl+B)</source>
        <translation>Seitenleiste ein- oder ausblenden (Ctrl+B)</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>No persona</source>
        <translation>Keine Persona</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Persona for this conversation</source>
        <translation>Persona für diese Unterhaltung</translation>
    </message>
    <message>
        <source>No instructions for the model</source>
        <translation>Keine Anweisungen für das Modell</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) left out</source>
        <translation>
            <numerusform>%n älteste Nachricht ausgelassen</numerusform>
            <numerusform>%n älteste Nachrichten ausgelassen</numerusform>
        </translation>
    </message>
    <message>
        <source>Private and offline</source>
        <translation>Privat und offline</translation>
    </message>
    <message>
        <source>%1 · %2 tokens/s</source>
        <translation>%1 · %2 Tokens/s</translation>
    </message>
    <message>
        <source>Hearth uses the CPU because %1</source>
        <translation>Hearth verwendet die CPU. Grund: %1</translation>
    </message>
    <message>
        <source>Export this conversation (Ctrl+E)</source>
        <translation>Diese Unterhaltung exportieren (Strg+E)</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>What can I help with?</source>
        <translation>Wobei kann ich helfen?</translation>
    </message>
    <message>
        <source>Everything you write stays on this computer.</source>
        <translation>Alles, was Sie schreiben, bleibt auf diesem Computer.</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
</context>
<context>
    <name>CollectionsPicker</name>
    <message numerus="yes">
        <source>Searching %n document collection(s)</source>
        <translation>
            <numerusform>Durchsucht %n Dokumentsammlung</numerusform>
            <numerusform>Durchsucht %n Dokumentsammlungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Search your documents</source>
        <translation>Ihre Dokumente durchsuchen</translation>
    </message>
    <message>
        <source>Search these documents in this conversation</source>
        <translation>Diese Dokumente in dieser Unterhaltung durchsuchen</translation>
    </message>
    <message>
        <source>No document collections yet. Add a folder under Settings, Document collections.</source>
        <translation>Noch keine Dokumentsammlungen. Fügen Sie unter Einstellungen, Dokumentsammlungen einen Ordner hinzu.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1 (%n Datei)</numerusform>
            <numerusform>%1 (%n Dateien)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsSection</name>
    <message>
        <source>Document collections</source>
        <translation>Dokumentsammlungen</translation>
    </message>
    <message>
        <source>Folders of your documents that a conversation can search. Hearth reads them on this computer, keeps an index beside your conversations and follows changes to the files.</source>
        <translation>Ordner mit Ihren Dokumenten, die eine Unterhaltung durchsuchen kann. Hearth liest sie auf diesem Computer, legt neben Ihren Unterhaltungen einen Index an und folgt Änderungen an den Dateien.</translation>
    </message>
    <message>
        <source>Name of the collection</source>
        <translation>Name der Sammlung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Index again</source>
        <translation>Neu indizieren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Could not index this folder: %1</source>
        <translation>Dieser Ordner konnte nicht indiziert werden: %1</translation>
    </message>
    <message>
        <source>Waiting to be indexed…</source>
        <translation>Wartet auf die Indizierung…</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>weniger als eine Minute übrig</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>noch etwa %1 Min.</translation>
    </message>
    <message>
        <source>Indexing: file %1 of %2, %3 pages read</source>
        <translation>Indizierung: Datei %1 von %2, %3 Seiten gelesen</translation>
    </message>
    <message>
        <source>Files indexed: %1, pages: %2</source>
        <translation>Indizierte Dateien: %1, Seiten: %2</translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Choose a folder of documents</source>
        <translation>Einen Ordner mit Dokumenten wählen</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message Hearth</source>
        <translation>Nachricht an Hearth</translation>
    </message>
    <message>
        <source>Load a model to start chatting</source>
        <translation>Zum Chatten zuerst ein Modell laden</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>Antwort stoppen</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>Stopp (Esc)</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Enter)</translation>
    </message>
    <message>
        <source>Enter to send, Shift+Enter for a new line.</source>
        <translation>Enter zum Senden, Shift+Enter für eine neue Zeile.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>The model could not be loaded. Pick another one above.</source>
        <translation>Das Modell konnte nicht geladen werden. Wählen Sie oben ein anderes.</translation>
    </message>
    <message>
        <source>Pick a model above to start.</source>
        <translation>Wählen Sie oben ein Modell, um zu beginnen.</translation>
    </message>
    <message>
        <source>No model yet: download or import one to start.</source>
        <translation>Noch kein Modell: Laden Sie eines herunter oder importieren Sie eines, um zu beginnen.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.pdf *.html *.htm *.csv *.json *.xml *.log)</source>
        <translation>Dokumente (*.txt *.md *.pdf *.html *.htm *.csv *.json *.xml *.log)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ComposerAttachments</name>
    <message>
        <source>Pasted text.txt</source>
        <translation>Eingefügter Text.txt</translation>
    </message>
    <message>
        <source>%1 is too long for this model: %2 tokens, and the model reads %3 at once. Use a model with a longer context, attach fewer pages, or add the file to a document collection to search it instead.</source>
        <translation>%1 ist zu lang für dieses Modell: %2 Tokens, und das Modell liest höchstens %3 auf einmal. Verwenden Sie ein Modell mit längerem Kontext, hängen Sie weniger Seiten an oder fügen Sie die Datei einer Dokumentsammlung hinzu, um sie stattdessen zu durchsuchen.</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>Context: %1 of %2 tokens used</source>
        <translation>Kontext: %1 von %2 Tokens belegt</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>The model reads up to %1 tokens at once; this conversation uses %2.</source>
        <translation>Das Modell liest bis zu %1 Tokens auf einmal; diese Unterhaltung belegt %2.</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
</context>
<context>
    <name>ConversationRow</name>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>Neuer Titel</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Nicht mehr anheften</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Oben anheften</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <source>Web page (.html)</source>
        <translation>Webseite (.html)</translation>
    </message>
    <message>
        <source>Hearth archive (.json)</source>
        <translation>Hearth-Archiv (.json)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>PDF document (.pdf)</source>
        <translation>PDF-Dokument (.pdf)</translation>
    </message>
</context>
<context>
    <name>DocumentError</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large: %2, and Hearth reads documents up to %3.</source>
        <translation>%1 ist zu groß: %2, und Hearth liest Dokumente bis %3.</translation>
    </message>
    <message>
        <source>%1 is too large: %2 characters of text, and Hearth reads up to %3.</source>
        <translation>%1 ist zu groß: %2 Zeichen Text, und Hearth liest bis zu %3.</translation>
    </message>
    <message>
        <source>%1 is not a text file. Hearth reads text, Markdown, source code, PDF and HTML.</source>
        <translation>%1 ist keine Textdatei. Hearth liest Text, Markdown, Quellcode, PDF und HTML.</translation>
    </message>
    <message>
        <source>%1 is a %2 file, not text. Hearth reads text, Markdown, source code, PDF and HTML.</source>
        <translation>%1 ist eine %2-Datei, kein Text. Hearth liest Text, Markdown, Quellcode, PDF und HTML.</translation>
    </message>
    <message>
        <source>Cannot read the text of %1: it is not UTF-8 or UTF-16. Save it as UTF-8 and try again.</source>
        <translation>Der Text von %1 kann nicht gelesen werden: Er ist weder UTF-8 noch UTF-16. Speichern Sie ihn als UTF-8 und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 contains no text.</source>
        <translation>%1 enthält keinen Text.</translation>
    </message>
    <message>
        <source>%1 is damaged or not a PDF, and Hearth cannot read it.</source>
        <translation>%1 ist beschädigt oder kein PDF, und Hearth kann es nicht lesen.</translation>
    </message>
    <message>
        <source>This PDF is protected by a password: %1. Save a copy without the password and try again.</source>
        <translation>Dieses PDF ist mit einem Passwort geschützt: %1. Speichern Sie eine Kopie ohne Passwort und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This PDF has no text layer (scanned pages?): %1. Run text recognition (OCR) on it first.</source>
        <translation>Dieses PDF hat keine Textebene (eingescannte Seiten?): %1. Wenden Sie zuerst eine Texterkennung (OCR) darauf an.</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled.</source>
        <translation>Das Lesen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>es ist ein Ordner</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>es ist keine normale Datei</translation>
    </message>
</context>
<context>
    <name>DownloadJob</name>
    <message>
        <source>Not enough free space for %1: it needs %2 more, but only %3 is free in %4. Free some space or choose another models folder.</source>
        <translation>Nicht genug Speicherplatz für %1: Es werden %2 mehr benötigt, aber in %4 sind nur %3 frei. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Modellordner.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The download was stopped.</source>
        <translation>Der Download wurde gestoppt.</translation>
    </message>
    <message>
        <source>The server sent the wrong part of the file.</source>
        <translation>Der Server hat den falschen Teil der Datei gesendet.</translation>
    </message>
    <message>
        <source>The file on the server (%1 bytes) is not the one in the catalog (%2 bytes); it has probably been updated. Refresh the model catalog.</source>
        <translation>Die Datei auf dem Server (%1 Bytes) ist nicht die aus dem Katalog (%2 Bytes); sie wurde wahrscheinlich aktualisiert. Aktualisieren Sie den Modellkatalog.</translation>
    </message>
    <message>
        <source>The server offers a different file than the catalog lists (its SHA-256 differs). Refresh the model catalog and try again.</source>
        <translation>Der Server bietet eine andere Datei an, als im Katalog steht (die SHA-256-Prüfsumme weicht ab). Aktualisieren Sie den Modellkatalog und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Check that the disk has room.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Prüfen Sie, ob auf dem Datenträger genug Platz ist.</translation>
    </message>
    <message>
        <source>The server sent more data than the file holds.</source>
        <translation>Der Server hat mehr Daten gesendet, als die Datei enthält.</translation>
    </message>
    <message>
        <source>The server tried to send the download to an insecure address (%1). Hearth only downloads over https, so it stopped.</source>
        <translation>Der Server wollte den Download an eine unsichere Adresse umleiten (%1). Hearth lädt nur über https herunter und hat deshalb abgebrochen.</translation>
    </message>
    <message>
        <source>The server redirected the download too many times.</source>
        <translation>Der Server hat den Download zu oft umgeleitet.</translation>
    </message>
    <message>
        <source>The server answered %1 %2.</source>
        <translation>Der Server antwortete mit %1 %2.</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified (%1), so the download was stopped.</source>
        <translation>Die Identität des Servers konnte nicht überprüft werden (%1), daher wurde der Download abgebrochen.</translation>
    </message>
    <message>
        <source>The server sent no file (status %1).</source>
        <translation>Der Server hat keine Datei gesendet (Status %1).</translation>
    </message>
    <message>
        <source>The connection ended before the whole file arrived.</source>
        <translation>Die Verbindung wurde beendet, bevor die ganze Datei angekommen ist.</translation>
    </message>
    <message>
        <source>Hearth cannot check this download: neither the catalog nor the server gives its SHA-256, so it was deleted.</source>
        <translation>Hearth kann diesen Download nicht prüfen: Weder der Katalog noch der Server nennt seine SHA-256-Prüfsumme. Er wurde daher gelöscht.</translation>
    </message>
    <message>
        <source>Could not read the downloaded file back to check it.</source>
        <translation>Die heruntergeladene Datei konnte zur Prüfung nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The downloaded file is damaged: its SHA-256 does not match the published one. It was deleted; try again.</source>
        <translation>Die heruntergeladene Datei ist beschädigt: Ihre SHA-256-Prüfsumme stimmt nicht mit der veröffentlichten überein. Sie wurde gelöscht; bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not move the finished file into the models folder: %1</source>
        <translation>Die fertige Datei konnte nicht in den Modellordner verschoben werden: %1</translation>
    </message>
    <message>
        <source>You seem to be offline: %1 could not be reached (%2). Connect to the internet and try again, or use a model file you already have.</source>
        <translation>Sie scheinen offline zu sein: %1 war nicht erreichbar (%2). Verbinden Sie sich mit dem Internet und versuchen Sie es erneut, oder verwenden Sie eine Modelldatei, die Sie bereits haben.</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>Only .gguf files from https:// addresses can be downloaded.</source>
        <translation>Es können nur .gguf-Dateien von https://-Adressen heruntergeladen werden.</translation>
    </message>
    <message>
        <source>No models folder is set.</source>
        <translation>Es ist kein Modellordner festgelegt.</translation>
    </message>
    <message>
        <source>%1 is already being downloaded.</source>
        <translation>%1 wird bereits heruntergeladen.</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 ist bereits im Modellordner.</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>In %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 (gave up after %2 attempts)</source>
        <translation>%1 (nach %2 Versuchen aufgegeben)</translation>
    </message>
    <message>
        <source>You seem to have been offline: the download could not reach its server. Connect to the internet and try again, or use a model file you already have.</source>
        <translation>Sie schienen offline zu sein: Der Download konnte seinen Server nicht erreichen. Verbinden Sie sich mit dem Internet und versuchen Sie es erneut, oder verwenden Sie eine Modelldatei, die Sie bereits haben.</translation>
    </message>
    <message>
        <source>This download had failed when Hearth was closed. Try again.</source>
        <translation>Dieser Download war fehlgeschlagen, als Hearth beendet wurde. Versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>noch %n s</numerusform>
            <numerusform>noch %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>noch %n min</numerusform>
            <numerusform>noch %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>noch %n h</numerusform>
            <numerusform>noch %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>Wartet auf Start</translation>
    </message>
    <message>
        <source>Paused · %1</source>
        <translation>Pausiert · %1</translation>
    </message>
    <message>
        <source>Connection lost, trying again… %1</source>
        <translation>Verbindung unterbrochen, neuer Versuch… %1</translation>
    </message>
    <message>
        <source>Checking the download…</source>
        <translation>Download wird geprüft…</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <source>it measured both, and the CPU was the faster here (%1).</source>
        <translation>beides wurde gemessen, und die CPU war hier schneller (%1).</translation>
    </message>
    <message>
        <source>the only graphics device, %1, is itself a program on the CPU, and Hearth&apos;s own CPU code is faster.</source>
        <translation>das einzige Grafikgerät, %1, ist selbst ein Programm auf der CPU, und Hearths eigener CPU-Code ist schneller.</translation>
    </message>
    <message>
        <source>no graphics processor with Vulkan 1.2 was found (%1).</source>
        <translation>es wurde kein Grafikprozessor mit Vulkan 1.2 gefunden (%1).</translation>
    </message>
    <message>
        <source>the graphics processor could not be used (%1).</source>
        <translation>der Grafikprozessor konnte nicht verwendet werden (%1).</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Export every conversation</source>
        <translation>Alle Unterhaltungen exportieren</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <source>Web page (.html)</source>
        <translation>Webseite (.html)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>Reiner Text (.txt)</translation>
    </message>
    <message>
        <source>Hearth archive (.json), to import again</source>
        <translation>Hearth-Archiv (.json), zum erneuten Importieren</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Saves %1</source>
        <translation>Speichert %1</translation>
    </message>
    <message>
        <source>Saves one file per conversation.</source>
        <translation>Speichert eine Datei pro Unterhaltung.</translation>
    </message>
    <message>
        <source>A file of that name is in this folder already; exporting replaces it.</source>
        <translation>In diesem Ordner gibt es schon eine Datei mit diesem Namen; der Export ersetzt sie.</translation>
    </message>
    <message>
        <source>Files of those names are in this folder already; exporting replaces them.</source>
        <translation>In diesem Ordner gibt es schon Dateien mit diesen Namen; der Export ersetzt sie.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Choose the folder to export to</source>
        <translation>Ordner für den Export auswählen</translation>
    </message>
    <message>
        <source>Choose this folder</source>
        <translation>Diesen Ordner auswählen</translation>
    </message>
    <message>
        <source>PDF document (.pdf)</source>
        <translation>PDF-Dokument (.pdf)</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>The archive keeps every branch.</source>
        <translation>Das Archiv enthält alle Zweige.</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
    <message>
        <source>This branch</source>
        <translation>Dieser Zweig</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>Alle Zweige</translation>
    </message>
    <message>
        <source>Every edit and regenerated answer, as numbered versions.</source>
        <translation>Jede Bearbeitung und jede neu erzeugte Antwort, als nummerierte Versionen.</translation>
    </message>
    <message>
        <source>The messages as the chat shows them.</source>
        <translation>Die Nachrichten, wie der Chat sie zeigt.</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Hearth</source>
        <translation>Willkommen bei Hearth</translation>
    </message>
    <message>
        <source>Chat with open-weight language models on your own computer. Nothing you write leaves it. To begin, Hearth needs a model.</source>
        <translation>Chatten Sie mit offenen Sprachmodellen auf Ihrem eigenen Computer. Nichts, was Sie schreiben, verlässt ihn. Zum Start braucht Hearth ein Modell.</translation>
    </message>
    <message>
        <source>Recommended for this computer</source>
        <translation>Empfohlen für diesen Computer</translation>
    </message>
    <message>
        <source>%1 download</source>
        <translation>Downloadgröße: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Use a .gguf file I already have…</source>
        <translation>Vorhandene .gguf-Datei verwenden…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>Generator</name>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>*The model wrote a message for tools. Hearth does not run tools.*</source>
        <translation>*Das Modell hat eine Nachricht für Werkzeuge geschrieben. Hearth führt keine Werkzeuge aus.*</translation>
    </message>
    <message>
        <source>*The model tried to use the tool “%1”. Hearth does not run tools.*</source>
        <translation>*Das Modell wollte das Werkzeug „%1“ verwenden. Hearth führt keine Werkzeuge aus.*</translation>
    </message>
</context>
<context>
    <name>GgufInspector</name>
    <message>
        <source>Part %1 of this split model is missing: %2</source>
        <translation>Teil %1 dieses aufgeteilten Modells fehlt: %2</translation>
    </message>
    <message>
        <source>Not a usable GGUF file: %1</source>
        <translation>Keine verwendbare GGUF-Datei: %1</translation>
    </message>
</context>
<context>
    <name>HfApi</name>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation>es ist kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>it is not a JSON list</source>
        <translation>es ist keine JSON-Liste</translation>
    </message>
    <message>
        <source>a result has no valid owner/name</source>
        <translation>ein Ergebnis hat keinen gültigen Besitzer/Namen</translation>
    </message>
    <message>
        <source>it gives no size for %1</source>
        <translation>es nennt keine Größe für %1</translation>
    </message>
    <message>
        <source>it gives no SHA-256 for %1</source>
        <translation>es nennt keine SHA-256-Prüfsumme für %1</translation>
    </message>
</context>
<context>
    <name>HfClient</name>
    <message>
        <source>This repository is private or gated: its publisher asks people to sign in or accept terms on the Hugging Face website. Hearth does not sign in, so it cannot download it.</source>
        <translation>Dieses Repository ist privat oder zugangsbeschränkt: Der Herausgeber verlangt eine Anmeldung oder die Annahme von Bedingungen auf der Hugging-Face-Website. Hearth meldet sich nicht an und kann es daher nicht herunterladen.</translation>
    </message>
    <message>
        <source>Hugging Face has no such repository or file.</source>
        <translation>Hugging Face hat kein solches Repository und keine solche Datei.</translation>
    </message>
    <message>
        <source>Hugging Face asks to slow down. Try again in %1 seconds.</source>
        <translation>Hugging Face bittet um weniger Anfragen. Versuchen Sie es in %1 Sekunden erneut.</translation>
    </message>
    <message>
        <source>Hugging Face asks to slow down. Try again in a minute.</source>
        <translation>Hugging Face bittet um weniger Anfragen. Versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>Hugging Face answered with an error (HTTP %1).</source>
        <translation>Hugging Face hat mit einem Fehler geantwortet (HTTP %1).</translation>
    </message>
    <message>
        <source>Hugging Face could not be reached: %1</source>
        <translation>Hugging Face ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Hugging Face sent Hearth to an address it does not follow.</source>
        <translation>Hugging Face hat Hearth an eine Adresse weitergeleitet, der es nicht folgt.</translation>
    </message>
    <message>
        <source>Hugging Face&apos;s answer is too large to be read.</source>
        <translation>Die Antwort von Hugging Face ist zu groß zum Lesen.</translation>
    </message>
    <message>
        <source>Hearth cannot read Hugging Face&apos;s answer: %1</source>
        <translation>Hearth kann die Antwort von Hugging Face nicht lesen: %1</translation>
    </message>
    <message>
        <source>The server sent the wrong part of the file.</source>
        <translation>Der Server hat den falschen Teil der Datei gesendet.</translation>
    </message>
    <message>
        <source>The file ended after %1 bytes, before its header did: it is not the size Hugging Face lists.</source>
        <translation>Die Datei endete nach %1 Bytes, noch vor dem Ende ihres Kopfes: Sie hat nicht die Größe, die Hugging Face angibt.</translation>
    </message>
    <message>
        <source>The header of this file is larger than %1 MB; Hearth does not read further to check it.</source>
        <translation>Der Kopf dieser Datei ist größer als %1 MB; Hearth liest zur Prüfung nicht weiter.</translation>
    </message>
    <message>
        <source>Hugging Face lists this file with %1 bytes, too few for a GGUF model.</source>
        <translation>Hugging Face gibt für diese Datei %1 Bytes an, zu wenig für ein GGUF-Modell.</translation>
    </message>
</context>
<context>
    <name>HuggingFace</name>
    <message>
        <source>No GGUF models on Hugging Face match this search.</source>
        <translation>Keine GGUF-Modelle auf Hugging Face passen zu dieser Suche.</translation>
    </message>
    <message>
        <source>%1 has no GGUF files. Hearth runs GGUF models only; look for a repository whose name ends in GGUF.</source>
        <translation>%1 enthält keine GGUF-Dateien. Hearth führt nur GGUF-Modelle aus; suchen Sie ein Repository, dessen Name auf GGUF endet.</translation>
    </message>
    <message>
        <source>%1 has only incomplete split models (%2).</source>
        <translation>%1 enthält nur unvollständige geteilte Modelle (%2).</translation>
    </message>
    <message>
        <source>%1 has no file %2; its other GGUF files are listed.</source>
        <translation>%1 enthält keine Datei %2; die anderen GGUF-Dateien werden angezeigt.</translation>
    </message>
    <message>
        <source>Hearth cannot run this model: %1</source>
        <translation>Hearth kann dieses Modell nicht ausführen: %1</translation>
    </message>
</context>
<context>
    <name>HuggingFaceSearch</name>
    <message>
        <source>Search Hugging Face, or paste owner/name or a file link</source>
        <translation>Hugging Face durchsuchen oder Besitzer/Name bzw. einen Dateilink einfügen</translation>
    </message>
    <message>
        <source>Search Hugging Face</source>
        <translation>Hugging Face durchsuchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Hearth contacts huggingface.co only when you press Enter, open a repository or download. Each request is listed in Settings → Privacy.</source>
        <translation>Hearth kontaktiert huggingface.co nur, wenn Sie die Eingabetaste drücken, ein Repository öffnen oder herunterladen. Jede Anfrage wird unter Einstellungen → Datenschutz aufgeführt.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Asking Hugging Face</source>
        <translation>Hugging Face wird gefragt</translation>
    </message>
    <message>
        <source>Gated</source>
        <translation>Zugangsbeschränkt</translation>
    </message>
    <message>
        <source>%1 downloads</source>
        <translation>%1 Downloads</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>Passt</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>Knapp</translation>
    </message>
    <message>
        <source>Slow here</source>
        <translation>Hier langsam</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Zu groß</translation>
    </message>
    <message>
        <source>Hearth runs it</source>
        <translation>Hearth kann es ausführen</translation>
    </message>
    <message>
        <source>Hearth cannot run it</source>
        <translation>Hearth kann es nicht ausführen</translation>
    </message>
    <message>
        <source>Name and header differ</source>
        <translation>Name und Dateikopf weichen ab</translation>
    </message>
    <message>
        <source>%1 parts</source>
        <translation>%1 Teile</translation>
    </message>
    <message>
        <source>%1 tokens of context</source>
        <translation>%1 Tokens Kontext</translation>
    </message>
    <message>
        <source>read from another file of this repository</source>
        <translation>aus einer anderen Datei dieses Repositorys gelesen</translation>
    </message>
    <message>
        <source>Reading header…</source>
        <translation>Dateikopf wird gelesen…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Reads the first bytes of this file from Hugging Face to see what it is.</source>
        <translation>Liest die ersten Bytes dieser Datei von Hugging Face, um zu sehen, was sie enthält.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>%1 is downloading; see Installed.</source>
        <translation>%1 wird heruntergeladen; siehe Installiert.</translation>
    </message>
</context>
<context>
    <name>InfoPopup</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>Läuft auf</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top-k / top-p / min-p</source>
        <translation>Top-k / Top-p / Min-p</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Answer tokens</source>
        <translation>Antwort-Tokens</translation>
    </message>
    <message>
        <source>First token after</source>
        <translation>Erstes Token nach</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Not recorded for this answer.</source>
        <translation>Für diese Antwort nicht aufgezeichnet.</translation>
    </message>
    <message>
        <source>Reasoned for</source>
        <translation>Nachgedacht</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>InstalledModels</name>
    <message>
        <source>Models use %1 · %2 free on this disk</source>
        <translation>Modelle belegen %1 · %2 frei auf diesem Datenträger</translation>
    </message>
    <message>
        <source>Import GGUF…</source>
        <translation>GGUF importieren…</translation>
    </message>
    <message>
        <source>Or drop a .gguf file onto the window</source>
        <translation>Oder eine .gguf-Datei auf das Fenster ziehen</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In Verwendung</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>%1 tokens of context</source>
        <translation>%1 Tokens Kontext</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Set as default</source>
        <translation>Als Standard festlegen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>No models yet. Download one from Discover, or import a .gguf file you already have.</source>
        <translation>Noch keine Modelle. Laden Sie eines unter „Entdecken“ herunter oder importieren Sie eine vorhandene .gguf-Datei.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>Hearth forgets this model. The file stays where it is.</source>
        <translation>Hearth vergisst dieses Modell. Die Datei bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>The model file is deleted from this computer, freeing %1. Your conversations are kept.</source>
        <translation>Die Modelldatei wird von diesem Computer gelöscht; dadurch werden %1 frei. Ihre Unterhaltungen bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>LicenseAcceptance</name>
    <message>
        <source>I accept the %1</source>
        <translation>Ich akzeptiere die %1</translation>
    </message>
</context>
<context>
    <name>LocalApiServer</name>
    <message>
        <source>The chat engine is not ready.</source>
        <translation>Die Chat-Engine ist nicht bereit.</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>Der Server konnte nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 – Hearth</source>
        <translation>%1 – Hearth</translation>
    </message>
    <message>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Modelldatei auswählen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>Als Markdown kopieren</translation>
    </message>
    <message>
        <source>Edit and send again</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu generieren</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Vorlesen beenden</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Vorlesen</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>Hearth was closed while this answer was written.</source>
        <translation>Hearth wurde geschlossen, während diese Antwort geschrieben wurde.</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>Die Antwort ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cut off: the conversation filled all the model can read at once.</source>
        <translation>Abgeschnitten: Die Unterhaltung füllt alles, was das Modell auf einmal lesen kann.</translation>
    </message>
    <message>
        <source>Cut off at the longest answer allowed (Settings, Generation).</source>
        <translation>An der maximalen Antwortlänge abgeschnitten (Einstellungen, Textgenerierung).</translation>
    </message>
    <message>
        <source>Left out: the model did not read this for the last answer, to fit its context.</source>
        <translation>Ausgelassen: Das Modell hat dies für die letzte Antwort nicht gelesen, damit sie in seinen Kontext passt.</translation>
    </message>
</context>
<context>
    <name>ModelDetail</name>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message numerus="yes">
        <source>(%n files)</source>
        <translation>
            <numerusform>(%n Datei)</numerusform>
            <numerusform>(%n Dateien)</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>Benötigter Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Published by</source>
        <translation>Veröffentlicht von</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Recommended settings</source>
        <translation>Empfohlene Einstellungen</translation>
    </message>
    <message>
        <source>temperature %1, top-p %2, top-k %3, min-p %4</source>
        <translation>Temperatur %1, Top-p %2, Top-k %3, Min-p %4</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Every file is verified against its SHA-256 after download.</source>
        <translation>Jede Datei wird nach dem Download anhand ihrer SHA-256-Prüfsumme überprüft.</translation>
    </message>
    <message>
        <source>The catalog has no checksum for this model.</source>
        <translation>Der Katalog enthält keine Prüfsumme für dieses Modell.</translation>
    </message>
    <message>
        <source>Coming soon: this version of Hearth cannot run %1 models yet.</source>
        <translation>Demnächst: Diese Version von Hearth kann %1-Modelle noch nicht ausführen.</translation>
    </message>
    <message>
        <source>This model needs more memory than this computer has; it would be very slow or fail to load.</source>
        <translation>Dieses Modell braucht mehr Arbeitsspeicher, als dieser Computer hat; es wäre sehr langsam oder ließe sich nicht laden.</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Speed here</source>
        <translation>Geschwindigkeit hier</translation>
    </message>
    <message>
        <source>about %1 tokens per second on this computer&apos;s processor (estimated from its memory speed, %2 GB/s); a graphics card that holds the model is faster</source>
        <translation>etwa %1 Tokens pro Sekunde auf dem Prozessor dieses Computers (geschätzt aus seiner Speichergeschwindigkeit, %2 GB/s); eine Grafikkarte, die das Modell fasst, ist schneller</translation>
    </message>
    <message>
        <source>This model fits in memory but would answer slowly on this computer, a few words a second at most.</source>
        <translation>Dieses Modell passt in den Speicher, würde auf diesem Computer aber langsam antworten, höchstens ein paar Wörter pro Sekunde.</translation>
    </message>
</context>
<context>
    <name>ModelHub</name>
    <message>
        <source>The model catalog has no model &quot;%1&quot;.</source>
        <translation>Der Modellkatalog enthält kein Modell „%1“.</translation>
    </message>
    <message>
        <source>%1 is coming soon: this version of Hearth cannot run %2 models yet.</source>
        <translation>%1 kommt demnächst: Diese Version von Hearth kann %2-Modelle noch nicht ausführen.</translation>
    </message>
    <message>
        <source>The models are still being moved.</source>
        <translation>Die Modelle werden noch verschoben.</translation>
    </message>
    <message>
        <source>Hearth cannot write to %1. Choose another folder.</source>
        <translation>Hearth kann nicht in %1 schreiben. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Some files could not be moved and stayed in %1: %2</source>
        <translation>Einige Dateien konnten nicht verschoben werden und liegen weiterhin in %1: %2</translation>
    </message>
    <message>
        <source>To download %1, first accept the %2.</source>
        <translation>Um %1 herunterzuladen, akzeptieren Sie zuerst die %2.</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>The file is no longer there. Was it moved or deleted?</source>
        <translation>Die Datei ist nicht mehr vorhanden. Wurde sie verschoben oder gelöscht?</translation>
    </message>
    <message>
        <source>There is no file at %1.</source>
        <translation>Unter %1 gibt es keine Datei.</translation>
    </message>
    <message>
        <source>Only .gguf model files can be imported.</source>
        <translation>Es können nur .gguf-Modelldateien importiert werden.</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>%1 was added; it stays where it is.</source>
        <translation>%1 wurde hinzugefügt; die Datei bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>The models folder cannot be written to.</source>
        <translation>In den Modellordner kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 ist bereits im Modellordner.</translation>
    </message>
    <message>
        <source>Could not copy %1 into the models folder. Is there enough free space?</source>
        <translation>%1 konnte nicht in den Modellordner kopiert werden. Ist genug Speicherplatz frei?</translation>
    </message>
    <message>
        <source>%1 was copied into the models folder.</source>
        <translation>%1 wurde in den Modellordner kopiert.</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>Entdecken</translation>
    </message>
    <message>
        <source>Installed (%1)</source>
        <translation>Installiert (%1)</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <source>Refresh catalog</source>
        <translation>Katalog aktualisieren</translation>
    </message>
    <message>
        <source>Connects to the Hearth catalog server to fetch the latest list of models. Nothing about you is sent.</source>
        <translation>Verbindet sich mit dem Hearth-Katalogserver, um die neueste Modellliste abzurufen. Es werden keine Daten über Sie gesendet.</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>Modelle suchen</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>Katalog durchsuchen</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>Alle Familien</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Recommended first</source>
        <translation>Empfohlene zuerst</translation>
    </message>
    <message>
        <source>Smallest first</source>
        <translation>Kleinste zuerst</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>Nach Name</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>Sortieren</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Logisches Denken</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Programmieren</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>Mehrsprachig</translation>
    </message>
    <message>
        <source>No model matches.</source>
        <translation>Kein passendes Modell.</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Model catalog</source>
        <translation>Modellkatalog</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>OverflowBanner</name>
    <message>
        <source>This conversation is too long for the model: it needs %1 tokens, the model reads %2 at once.</source>
        <translation>Diese Unterhaltung ist zu lang für das Modell: Sie braucht %1 Tokens, das Modell liest %2 auf einmal.</translation>
    </message>
    <message>
        <source>Leave out the oldest turns</source>
        <translation>Älteste Beiträge auslassen</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Neuen Chat beginnen</translation>
    </message>
    <message>
        <source>Your last message alone is too long for the model: it needs %1 tokens, the model reads %2 at once. Shorten it (edit it below its bubble) or give the model a longer context in Settings.</source>
        <translation>Schon Ihre letzte Nachricht allein ist zu lang für das Modell: sie braucht %1 Tokens, das Modell liest %2 auf einmal. Kürzen Sie sie (bearbeiten unter ihrer Blase) oder geben Sie dem Modell in den Einstellungen einen längeren Kontext.</translation>
    </message>
</context>
<context>
    <name>PersonaEditor</name>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Name, e.g. Travel planner</source>
        <translation>Name, z. B. Reiseplaner</translation>
    </message>
    <message>
        <source>Persona name</source>
        <translation>Name der Persona</translation>
    </message>
    <message>
        <source>What the model should do, e.g. “You help plan trips. Ask about budget and dates first.”</source>
        <translation>Was das Modell tun soll, z. B. „Du hilfst bei der Reiseplanung. Frag zuerst nach Budget und Reisedaten.“</translation>
    </message>
    <message>
        <source>Persona instructions</source>
        <translation>Anweisungen der Persona</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Add persona</source>
        <translation>Persona hinzufügen</translation>
    </message>
</context>
<context>
    <name>PersonaModel</name>
    <message>
        <source>Helpful assistant</source>
        <translation>Hilfreicher Assistent</translation>
    </message>
    <message>
        <source>You are a helpful, friendly assistant. Answer clearly and briefly, and say so when you are not sure.</source>
        <translation>Du bist ein hilfsbereiter, freundlicher Assistent. Antworte klar und knapp, und sag es, wenn du dir nicht sicher bist.</translation>
    </message>
    <message>
        <source>Translator</source>
        <translation>Übersetzer</translation>
    </message>
    <message>
        <source>You are a translator. Translate what the user writes into the language they ask for (English if they do not say), keeping the meaning and tone. Reply with the translation only.</source>
        <translation>Du bist ein Übersetzer. Übersetze, was der Nutzer schreibt, in die gewünschte Sprache (ins Englische, wenn keine genannt wird), und bewahre dabei Bedeutung und Ton. Antworte nur mit der Übersetzung.</translation>
    </message>
    <message>
        <source>Tutor for children</source>
        <translation>Nachhilfe für Kinder</translation>
    </message>
    <message>
        <source>You are a patient tutor for a child of about ten. Explain step by step with simple words and everyday examples, ask a small question back to check understanding, and never give answers that are unsafe for children.</source>
        <translation>Du bist ein geduldiger Nachhilfelehrer für ein etwa zehnjähriges Kind. Erkläre Schritt für Schritt mit einfachen Worten und Beispielen aus dem Alltag, stelle eine kleine Rückfrage, um das Verständnis zu prüfen, und gib nie Antworten, die für Kinder nicht sicher sind.</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>Code-Reviewer</translation>
    </message>
    <message>
        <source>You are an experienced code reviewer. Point out bugs, unclear names and missing error handling first, then style. Quote the lines you mean and suggest the change.</source>
        <translation>Du bist ein erfahrener Code-Reviewer. Weise zuerst auf Fehler, unklare Namen und fehlende Fehlerbehandlung hin, danach auf den Stil. Zitiere die gemeinten Zeilen und schlage die Änderung vor.</translation>
    </message>
</context>
<context>
    <name>ReadAloud</name>
    <message>
        <source>Code omitted.</source>
        <translation>Code ausgelassen.</translation>
    </message>
    <message>
        <source>formula omitted</source>
        <translation>Formel ausgelassen</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Textgenerierung</translation>
    </message>
    <message>
        <source>For %1. Changes apply to the next answer.</source>
        <translation>Für %1. Änderungen gelten ab der nächsten Antwort.</translation>
    </message>
    <message>
        <source>Load a model to change how it writes.</source>
        <translation>Laden Sie ein Modell, um einzustellen, wie es schreibt.</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Higher is more varied, lower more focused.</source>
        <translation>Höher: abwechslungsreicher, niedriger: zielgerichteter.</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Choose among this many likely words (0: no limit).</source>
        <translation>Aus so vielen wahrscheinlichen Wörtern wählen (0: keine Begrenzung).</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating the same words.</source>
        <translation>Werte über 1 verringern Wiederholungen derselben Wörter.</translation>
    </message>
    <message>
        <source>Longest answer</source>
        <translation>Maximale Antwortlänge</translation>
    </message>
    <message>
        <source>In tokens (about ¾ of a word each).</source>
        <translation>In Tokens (je etwa ¾ Wort).</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>How much of the conversation the model reads. More needs more memory; applies when the model is loaded again.</source>
        <translation>Wie viel von der Unterhaltung das Modell liest. Mehr braucht mehr Arbeitsspeicher; wirkt erst, wenn das Modell neu geladen wird.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>A fixed seed gives the same answer to the same conversation.</source>
        <translation>Ein fester Seed ergibt bei gleicher Unterhaltung dieselbe Antwort.</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fest</translation>
    </message>
    <message>
        <source>Reset to the model&apos;s recommended values</source>
        <translation>Auf die empfohlenen Werte des Modells zurücksetzen</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Instructions the model follows in a conversation. Choose one for each conversation next to the model picker.</source>
        <translation>Anweisungen, denen das Modell in einer Unterhaltung folgt. Wählen Sie für jede Unterhaltung eine neben der Modellauswahl.</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>In use: %1</source>
        <translation>Verwendet: %1</translation>
    </message>
    <message>
        <source>Hearth uses the CPU because %1</source>
        <translation>Hearth verwendet die CPU. Grund: %1</translation>
    </message>
    <message>
        <source>Looking for graphics processors…</source>
        <translation>Grafikprozessoren werden gesucht…</translation>
    </message>
    <message>
        <source>No Vulkan device: %1</source>
        <translation>Kein Vulkan-Gerät: %1</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie im System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Textgröße</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>No network requests since Hearth started.</source>
        <translation>Seit dem Start von Hearth keine Netzwerkanfragen.</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Verwendung</translation>
    </message>
    <message numerus="yes">
        <source>Processor: %n physical cores, %1 instructions</source>
        <translation>
            <numerusform>Prozessor: %n physischer Kern, %1-Befehle</numerusform>
            <numerusform>Prozessor: %n physische Kerne, %1-Befehle</numerusform>
        </translation>
    </message>
    <message>
        <source>memory reads %1 GB/s</source>
        <translation>Speicher liest %1 GB/s</translation>
    </message>
    <message>
        <source>Measured on this computer when the model was first loaded: %1</source>
        <translation>Gemessen auf diesem Computer beim ersten Laden des Modells: %1</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>Denkbudget</translation>
    </message>
    <message>
        <source>How long the model may think before it answers, in tokens.</source>
        <translation>Wie lange das Modell nachdenken darf, bevor es antwortet, in Tokens.</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Answer without thinking</source>
        <translation>Ohne Nachdenken antworten</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Denkaufwand</translation>
    </message>
    <message>
        <source>How long the model reasons before it answers.</source>
        <translation>Wie lange das Modell nachdenkt, bevor es antwortet.</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Nothing you write leaves this computer. Hearth uses the network only when you download a model, refresh the catalog or ask Hugging Face, and sends nothing about you. Every request it made since it started is listed here.</source>
        <translation>Nichts, was Sie schreiben, verlässt diesen Computer. Hearth nutzt das Netzwerk nur, wenn Sie ein Modell herunterladen, den Katalog aktualisieren oder Hugging Face fragen, und sendet keine Daten über Sie. Jede Anfrage seit dem Start von Hearth wird hier aufgelistet.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Neuen Chat beginnen</translation>
    </message>
    <message>
        <source>New chat (Ctrl+N)</source>
        <translation>Neuer Chat (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>Alle Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Your conversations will appear here.</source>
        <translation>Ihre Unterhaltungen erscheinen hier.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>Keine Nachrichten passen zu „%1“.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Everything stays on this computer.</source>
        <translation>Alles bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>In %1</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>Hearth cannot create the lock file %1 beside your conversations.</source>
        <translation>Hearth kann die Sperrdatei %1 neben Ihren Unterhaltungen nicht anlegen.</translation>
    </message>
    <message>
        <source>Hearth is already running (process %1) with these conversations, but does not answer. Close it, then start Hearth again.</source>
        <translation>Hearth läuft bereits (Prozess %1) mit diesen Unterhaltungen, antwortet aber nicht. Beenden Sie es und starten Sie Hearth dann neu.</translation>
    </message>
</context>
<context>
    <name>SourceViewer</name>
    <message>
        <source>%1, page %2 of %3</source>
        <translation>%1, Seite %2 von %3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>This PDF cannot be shown.</source>
        <translation>Dieses PDF kann nicht angezeigt werden.</translation>
    </message>
</context>
<context>
    <name>SourcesList</name>
    <message>
        <source>No sources found in %1; the answer does not come from your documents.</source>
        <translation>Keine Quellen in %1 gefunden; die Antwort stammt nicht aus Ihren Dokumenten.</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Sources given to the model</source>
        <translation>Dem Modell gegebene Quellen</translation>
    </message>
    <message>
        <source>[%1] %2, page %3</source>
        <translation>[%1] %2, Seite %3</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>This file is no longer there: %1</source>
        <translation>Diese Datei ist nicht mehr vorhanden: %1</translation>
    </message>
</context>
<context>
    <name>StorageSection</name>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Export all…</source>
        <translation>Alle exportieren…</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>Unterhaltungen importieren</translation>
    </message>
    <message>
        <source>From a Hearth archive (.json). Conversations you have already are kept as they are.</source>
        <translation>Aus einem Hearth-Archiv (.json). Vorhandene Unterhaltungen bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was added.</source>
        <translation>Der Import wurde abgebrochen; nichts wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Nichts wurde importiert: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new conversation(s)</source>
        <translation>
            <numerusform>%n neue Unterhaltung</numerusform>
            <numerusform>%n neue Unterhaltungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed with new messages</source>
        <translation>
            <numerusform>%n um neue Nachrichten ergänzt</numerusform>
            <numerusform>%n um neue Nachrichten ergänzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped as already there</source>
        <translation>
            <numerusform>%n übersprungen, schon vorhanden</numerusform>
            <numerusform>%n übersprungen, schon vorhanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Models use %1; %2 free on that disk.</source>
        <translation>Modelle belegen %1; %2 frei auf diesem Datenträger.</translation>
    </message>
    <message>
        <source>Choose a Hearth archive to import</source>
        <translation>Hearth-Archiv zum Importieren auswählen</translation>
    </message>
    <message>
        <source>Hearth archives (*.json)</source>
        <translation>Hearth-Archive (*.json)</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>Modellordner auswählen</translation>
    </message>
    <message>
        <source>Use this folder for models?</source>
        <translation>Diesen Ordner für Modelle verwenden?</translation>
    </message>
    <message>
        <source>Move the models you have there, or keep them where they are and use the models already in the new folder.</source>
        <translation>Verschieben Sie Ihre Modelle dorthin, oder lassen Sie sie, wo sie sind, und verwenden Sie die Modelle, die schon im neuen Ordner liegen.</translation>
    </message>
    <message>
        <source>Move models</source>
        <translation>Modelle verschieben</translation>
    </message>
    <message>
        <source>Use as it is</source>
        <translation>Unverändert verwenden</translation>
    </message>
</context>
<context>
    <name>TextSourceViewer</name>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Open in the system&apos;s app</source>
        <translation>In der App des Systems öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>This file changed since it was indexed; the passage was found by its text.</source>
        <translation>Diese Datei hat sich seit der Indizierung geändert; die Stelle wurde anhand ihres Textes gefunden.</translation>
    </message>
    <message>
        <source>This file changed since it was indexed, and the cited passage is no longer in it.</source>
        <translation>Diese Datei hat sich seit der Indizierung geändert, und die zitierte Stelle ist nicht mehr darin enthalten.</translation>
    </message>
    <message>
        <source>This file is no longer there: %1</source>
        <translation>Diese Datei ist nicht mehr vorhanden: %1</translation>
    </message>
    <message>
        <source>This file cannot be read now: %1</source>
        <translation>Diese Datei kann gerade nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Text of %1</source>
        <translation>Text von %1</translation>
    </message>
    <message>
        <source>The cited passage is marked; the cursor is at its start.</source>
        <translation>Die zitierte Stelle ist markiert; der Cursor steht an ihrem Anfang.</translation>
    </message>
    <message>
        <source>The file is long: lines %1 to %2 are shown. Open it in the system&apos;s app to see all of it.</source>
        <translation>Die Datei ist lang: Gezeigt werden die Zeilen %1 bis %2. Öffnen Sie sie in der App des Systems, um alles zu sehen.</translation>
    </message>
</context>
<context>
    <name>ThinkingBlock</name>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Denkprozess</translation>
    </message>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>%n s nachgedacht</numerusform>
            <numerusform>%n s nachgedacht</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoToast</name>
    <message>
        <source>Deleted “%1”</source>
        <translation>„%1“ gelöscht</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
</context>
<context>
    <name>UserMessage</name>
    <message>
        <source>Edit your message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hearth is already running: its window was brought to the front.</source>
        <translation>Hearth läuft bereits: Sein Fenster wurde in den Vordergrund geholt.</translation>
    </message>
</context>
</TS>
