<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ApiServerSection</name>
    <message numerus="yes">
        <source>%n request(s) answered since Hearth started.</source>
        <translation>
            <numerusform>%n request answered since Hearth started.</numerusform>
            <numerusform>%n requests answered since Hearth started.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>Exported %n conversation to %1.</numerusform>
            <numerusform>Exported %n conversations to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message numerus="yes">
        <source>%n oldest message(s) left out</source>
        <translation>
            <numerusform>%n oldest message left out</numerusform>
            <numerusform>%n oldest messages left out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsPicker</name>
    <message numerus="yes">
        <source>Searching %n document collection(s)</source>
        <translation>
            <numerusform>Searching %n document collection</numerusform>
            <numerusform>Searching %n document collections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1 (%n file)</numerusform>
            <numerusform>%1 (%n files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>%n s left</numerusform>
            <numerusform>%n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>%n min left</numerusform>
            <numerusform>%n min left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>%n h left</numerusform>
            <numerusform>%n h left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelDetail</name>
    <message numerus="yes">
        <source>(%n files)</source>
        <translation>
            <numerusform>(%n file)</numerusform>
            <numerusform>(%n files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message numerus="yes">
        <source>Processor: %n physical cores, %1 instructions</source>
        <translation>
            <numerusform>Processor: %n physical core, %1 instructions</numerusform>
            <numerusform>Processor: %n physical cores, %1 instructions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThinkingBlock</name>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>Thought for %n s</numerusform>
            <numerusform>Thought for %n s</numerusform>
        </translation>
    </message>
</context>
</TS>
