<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApiServerSection</name>
    <message>
        <source>Local API server</source>
        <translation>本地 API 服务器</translation>
    </message>
    <message>
        <source>Lets programs on this computer use the model loaded here, through the OpenAI API many tools speak. Only this computer can connect; what they ask is not saved in your conversations, and each request is listed under Privacy.</source>
        <translation>让此计算机上的程序通过许多工具都支持的 OpenAI API 使用此处加载的模型。只有此计算机可以连接；它们的请求不会保存到您的对话中，每个请求都会列在“隐私”下。</translation>
    </message>
    <message>
        <source>Serve the loaded model</source>
        <translation>提供已加载的模型</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Base URL for the tool; any API key works.</source>
        <translation>工具的基础 URL；任意 API 密钥均可。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences in a row</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Serving %1.</source>
        <translation>正在提供 %1。</translation>
    </message>
    <message>
        <source>No model is loaded: requests are refused until you load one.</source>
        <translation>未加载模型：在您加载模型之前，请求将被拒绝。</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) answered since Hearth started.</source>
        <translation>
            <numerusform>自 Hearth 启动以来已回答 %n 个请求。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssistantMessage</name>
    <message>
        <source>Reading your message…</source>
        <translation>正在阅读您的消息…</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 tokens</source>
        <translation>约 %1 个 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>Attached file %1, %2</source>
        <translation>附件 %1，%2</translation>
    </message>
    <message>
        <source>%1: the token count is an estimate until a model is loaded.</source>
        <translation>%1：在加载模型之前，token 数量只是估计值。</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>Open original</source>
        <translation>打开原文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Text of %1</source>
        <translation>%1 的文本</translation>
    </message>
</context>
<context>
    <name>BackendSettings</name>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>Applies when a model is loaded next. Automatic uses one thread per physical core, which is fastest on most computers.</source>
        <translation>下次加载模型时生效。“自动”为每个物理核心使用一个线程，在大多数电脑上最快。</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>How many of the model&apos;s layers run on the graphics card; the rest run on the CPU. Automatic puts as many there as its free memory holds. Applies when a model is loaded next.</source>
        <translation>模型有多少层在显卡上运行，其余各层在 CPU 上运行。“自动”按显卡的空闲显存放入尽可能多的层。下次加载模型时生效。</translation>
    </message>
    <message>
        <source>Use the CPU only</source>
        <translation>仅使用 CPU</translation>
    </message>
    <message numerus="yes">
        <source>The loaded model has %n layer(s).</source>
        <translation>
            <numerusform>已加载的模型共有 %n 层。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>The built-in model catalog is damaged: %1</source>
        <translation>内置模型目录已损坏：%1</translation>
    </message>
    <message>
        <source>No address is set for refreshing the model catalog.</source>
        <translation>未设置用于刷新模型目录的地址。</translation>
    </message>
    <message>
        <source>The catalog address must start with https://.</source>
        <translation>目录地址必须以 https:// 开头。</translation>
    </message>
    <message>
        <source>The catalog on the server is too large to be genuine.</source>
        <translation>服务器上的目录过大，不像是真实的目录。</translation>
    </message>
    <message>
        <source>Could not reach the catalog server: %1</source>
        <translation>无法连接目录服务器：%1</translation>
    </message>
    <message>
        <source>The catalog on the server is invalid (%1).</source>
        <translation>服务器上的目录无效（%1）。</translation>
    </message>
    <message>
        <source>%1 The model catalog in use was kept.</source>
        <translation>%1已继续使用当前的模型目录。</translation>
    </message>
</context>
<context>
    <name>CatalogRow</name>
    <message>
        <source>Recommended</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>适合</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>偏紧</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>过大</translation>
    </message>
    <message>
        <source>Coming soon</source>
        <translation>即将支持</translation>
    </message>
    <message>
        <source>%1B parameters</source>
        <translation>%1B 参数</translation>
    </message>
    <message>
        <source>%1B parameters, %2B active per token</source>
        <translation>%1B 参数，每个词元激活 %2B</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>coding</source>
        <translation>编程</translation>
    </message>
    <message>
        <source>multilingual</source>
        <translation>多语言</translation>
    </message>
    <message>
        <source>small</source>
        <translation>小巧</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Slow here</source>
        <translation>在此较慢</translation>
    </message>
    <message>
        <source>about %1 tokens/s here</source>
        <translation>此处约 %1 token/秒</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Hearth cannot keep conversations: %1</source>
        <translation>Hearth 无法保存对话：%1</translation>
    </message>
    <message>
        <source>Hearth cannot open your conversations: %1</source>
        <translation>Hearth 无法打开您的对话：%1</translation>
    </message>
    <message>
        <source>Something went wrong with your conversations: %1</source>
        <translation>您的对话出现问题：%1</translation>
    </message>
    <message>
        <source>Hearth could not load %1: %2</source>
        <translation>Hearth 无法加载 %1：%2</translation>
    </message>
    <message>
        <source>The model could not answer: %1</source>
        <translation>模型无法回答：%1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CPU (%1)</source>
        <translation>CPU（%1）</translation>
    </message>
    <message>
        <source>CPU (reference)</source>
        <translation>CPU（参考实现）</translation>
    </message>
    <message>
        <source>%1: %2 tokens/s</source>
        <translation>%1：%2 token/秒</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n conversation(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个对话导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>%1, %2 of %3 layers</source>
        <translation>%1，%3 层中的 %2 层</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <source>Show or hide the sidebar (Ctrl+B)</source>
        <translation>显示或隐藏侧边栏（Ctrl+B）</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>No persona</source>
        <translation>无角色</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Persona for this conversation</source>
        <translation>此对话的角色</translation>
    </message>
    <message>
        <source>No instructions for the model</source>
        <translation>不给模型任何指令</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message numerus="yes">
        <source>%n oldest message(s) left out</source>
        <translation>
            <numerusform>已省略最早的 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Private and offline</source>
        <translation>私密且离线</translation>
    </message>
    <message>
        <source>%1 · %2 tokens/s</source>
        <translation>%1 · %2 token/秒</translation>
    </message>
    <message>
        <source>Hearth uses the CPU because %1</source>
        <translation>Hearth 正在使用 CPU，原因：%1</translation>
    </message>
    <message>
        <source>Export this conversation (Ctrl+E)</source>
        <translation>导出此对话 (Ctrl+E)</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>What can I help with?</source>
        <translation>有什么可以帮您？</translation>
    </message>
    <message>
        <source>Everything you write stays on this computer.</source>
        <translation>您输入的所有内容都只留在这台电脑上。</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>CollectionsPicker</name>
    <message numerus="yes">
        <source>Searching %n document collection(s)</source>
        <translation>
            <numerusform>正在检索 %n 个文档集</numerusform>
        </translation>
    </message>
    <message>
        <source>Search your documents</source>
        <translation>检索你的文档</translation>
    </message>
    <message>
        <source>Search these documents in this conversation</source>
        <translation>在此对话中检索这些文档</translation>
    </message>
    <message>
        <source>No document collections yet. Add a folder under Settings, Document collections.</source>
        <translation>还没有文档集。请在“设置 → 文档集”中添加文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1（%n 个文件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectionsSection</name>
    <message>
        <source>Document collections</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>Folders of your documents that a conversation can search. Hearth reads them on this computer, keeps an index beside your conversations and follows changes to the files.</source>
        <translation>对话可以检索的文档文件夹。Hearth 在这台电脑上读取它们，在你的对话旁保存索引，并跟踪文件的变化。</translation>
    </message>
    <message>
        <source>Name of the collection</source>
        <translation>文档集名称</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Index again</source>
        <translation>重新索引</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Could not index this folder: %1</source>
        <translation>无法索引此文件夹：%1</translation>
    </message>
    <message>
        <source>Waiting to be indexed…</source>
        <translation>等待索引…</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>剩余不到一分钟</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>大约还剩 %1 分钟</translation>
    </message>
    <message>
        <source>Indexing: file %1 of %2, %3 pages read</source>
        <translation>正在索引：第 %1 个文件，共 %2 个，已读 %3 页</translation>
    </message>
    <message>
        <source>Files indexed: %1, pages: %2</source>
        <translation>已索引文件：%1，页数：%2</translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Choose a folder of documents</source>
        <translation>选择文档文件夹</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message Hearth</source>
        <translation>给 Hearth 发消息</translation>
    </message>
    <message>
        <source>Load a model to start chatting</source>
        <translation>加载模型后即可开始对话</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation>停止（Esc）</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Enter to send, Shift+Enter for a new line.</source>
        <translation>按 Enter 发送，按 Shift+Enter 换行。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>The model could not be loaded. Pick another one above.</source>
        <translation>无法加载该模型。请在上方选择其他模型。</translation>
    </message>
    <message>
        <source>Pick a model above to start.</source>
        <translation>请在上方选择一个模型以开始。</translation>
    </message>
    <message>
        <source>No model yet: download or import one to start.</source>
        <translation>还没有模型：请下载或导入一个模型以开始。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.pdf *.html *.htm *.csv *.json *.xml *.log)</source>
        <translation>文档 (*.txt *.md *.pdf *.html *.htm *.csv *.json *.xml *.log)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ComposerAttachments</name>
    <message>
        <source>Pasted text.txt</source>
        <translation>粘贴的文本.txt</translation>
    </message>
    <message>
        <source>%1 is too long for this model: %2 tokens, and the model reads %3 at once. Use a model with a longer context, attach fewer pages, or add the file to a document collection to search it instead.</source>
        <translation>%1 对此模型来说太长：%2 个 token，而模型一次最多读取 %3 个。请使用上下文更长的模型、附加更少的页面，或将文件添加到文档集合中以便检索。</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>Context: %1 of %2 tokens used</source>
        <translation>上下文：已使用 %1 / %2 个 token</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>The model reads up to %1 tokens at once; this conversation uses %2.</source>
        <translation>模型一次最多读取 %1 个 token；此对话已使用 %2 个。</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>更早</translation>
    </message>
</context>
<context>
    <name>ConversationRow</name>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>新标题</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <source>Web page (.html)</source>
        <translation>网页 (.html)</translation>
    </message>
    <message>
        <source>Hearth archive (.json)</source>
        <translation>Hearth 存档 (.json)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>PDF document (.pdf)</source>
        <translation>PDF 文档 (.pdf)</translation>
    </message>
</context>
<context>
    <name>DocumentError</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large: %2, and Hearth reads documents up to %3.</source>
        <translation>%1 太大：%2，Hearth 最多读取 %3 的文档。</translation>
    </message>
    <message>
        <source>%1 is too large: %2 characters of text, and Hearth reads up to %3.</source>
        <translation>%1 太大：文本有 %2 个字符，Hearth 最多读取 %3 个。</translation>
    </message>
    <message>
        <source>%1 is not a text file. Hearth reads text, Markdown, source code, PDF and HTML.</source>
        <translation>%1 不是文本文件。Hearth 可读取文本、Markdown、源代码、PDF 和 HTML。</translation>
    </message>
    <message>
        <source>%1 is a %2 file, not text. Hearth reads text, Markdown, source code, PDF and HTML.</source>
        <translation>%1 是 %2 文件，不是文本。Hearth 可读取文本、Markdown、源代码、PDF 和 HTML。</translation>
    </message>
    <message>
        <source>Cannot read the text of %1: it is not UTF-8 or UTF-16. Save it as UTF-8 and try again.</source>
        <translation>无法读取 %1 的文本：它既不是 UTF-8 也不是 UTF-16。请将其另存为 UTF-8 后重试。</translation>
    </message>
    <message>
        <source>%1 contains no text.</source>
        <translation>%1 不包含文本。</translation>
    </message>
    <message>
        <source>%1 is damaged or not a PDF, and Hearth cannot read it.</source>
        <translation>%1 已损坏或不是 PDF，Hearth 无法读取。</translation>
    </message>
    <message>
        <source>This PDF is protected by a password: %1. Save a copy without the password and try again.</source>
        <translation>此 PDF 受密码保护：%1。请保存一份不带密码的副本，然后重试。</translation>
    </message>
    <message>
        <source>This PDF has no text layer (scanned pages?): %1. Run text recognition (OCR) on it first.</source>
        <translation>此 PDF 没有文本层（扫描页面？）：%1。请先对其进行文字识别（OCR）。</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled.</source>
        <translation>已取消读取 %1。</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>它不是普通文件</translation>
    </message>
</context>
<context>
    <name>DownloadJob</name>
    <message>
        <source>Not enough free space for %1: it needs %2 more, but only %3 is free in %4. Free some space or choose another models folder.</source>
        <translation>%1 的可用空间不足：还需要 %2，但 %4 中只有 %3 可用。请释放一些空间，或选择其他模型文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The download was stopped.</source>
        <translation>下载已停止。</translation>
    </message>
    <message>
        <source>The server sent the wrong part of the file.</source>
        <translation>服务器发送了文件中错误的部分。</translation>
    </message>
    <message>
        <source>The file on the server (%1 bytes) is not the one in the catalog (%2 bytes); it has probably been updated. Refresh the model catalog.</source>
        <translation>服务器上的文件（%1 字节）与目录中的文件（%2 字节）不一致，可能已经更新。请刷新模型目录。</translation>
    </message>
    <message>
        <source>The server offers a different file than the catalog lists (its SHA-256 differs). Refresh the model catalog and try again.</source>
        <translation>服务器提供的文件与目录所列的不同（SHA-256 不一致）。请刷新模型目录后重试。</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Check that the disk has room.</source>
        <translation>无法写入 %1：%2。请检查磁盘空间是否充足。</translation>
    </message>
    <message>
        <source>The server sent more data than the file holds.</source>
        <translation>服务器发送的数据超出了文件大小。</translation>
    </message>
    <message>
        <source>The server tried to send the download to an insecure address (%1). Hearth only downloads over https, so it stopped.</source>
        <translation>服务器试图将下载转到不安全的地址（%1）。Hearth 只通过 https 下载，因此已停止。</translation>
    </message>
    <message>
        <source>The server redirected the download too many times.</source>
        <translation>服务器重定向下载的次数过多。</translation>
    </message>
    <message>
        <source>The server answered %1 %2.</source>
        <translation>服务器返回了 %1 %2。</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified (%1), so the download was stopped.</source>
        <translation>无法验证服务器的身份（%1），因此下载已停止。</translation>
    </message>
    <message>
        <source>The server sent no file (status %1).</source>
        <translation>服务器没有发送文件（状态 %1）。</translation>
    </message>
    <message>
        <source>The connection ended before the whole file arrived.</source>
        <translation>文件尚未完整接收，连接就已中断。</translation>
    </message>
    <message>
        <source>Hearth cannot check this download: neither the catalog nor the server gives its SHA-256, so it was deleted.</source>
        <translation>Hearth 无法校验此下载：目录和服务器都没有提供它的 SHA-256，因此已将其删除。</translation>
    </message>
    <message>
        <source>Could not read the downloaded file back to check it.</source>
        <translation>无法读取已下载的文件进行校验。</translation>
    </message>
    <message>
        <source>The downloaded file is damaged: its SHA-256 does not match the published one. It was deleted; try again.</source>
        <translation>下载的文件已损坏：其 SHA-256 与公布的不一致。文件已删除，请重试。</translation>
    </message>
    <message>
        <source>Could not move the finished file into the models folder: %1</source>
        <translation>无法将下载完成的文件移入模型文件夹：%1</translation>
    </message>
    <message>
        <source>You seem to be offline: %1 could not be reached (%2). Connect to the internet and try again, or use a model file you already have.</source>
        <translation>你似乎处于离线状态：无法连接 %1（%2）。请连接互联网后重试，或使用你已有的模型文件。</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>Only .gguf files from https:// addresses can be downloaded.</source>
        <translation>只能从 https:// 地址下载 .gguf 文件。</translation>
    </message>
    <message>
        <source>No models folder is set.</source>
        <translation>未设置模型文件夹。</translation>
    </message>
    <message>
        <source>%1 is already being downloaded.</source>
        <translation>%1 已在下载中。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型文件夹中。</translation>
    </message>
    <message>
        <source>Cannot write to %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 (gave up after %2 attempts)</source>
        <translation>%1（尝试 %2 次后已放弃）</translation>
    </message>
    <message>
        <source>You seem to have been offline: the download could not reach its server. Connect to the internet and try again, or use a model file you already have.</source>
        <translation>你之前似乎处于离线状态：下载无法连接到服务器。请连接互联网后重试，或使用你已有的模型文件。</translation>
    </message>
    <message>
        <source>This download had failed when Hearth was closed. Try again.</source>
        <translation>Hearth 关闭时此下载已失败。请重试。</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>剩余 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>剩余 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>等待开始</translation>
    </message>
    <message>
        <source>Paused · %1</source>
        <translation>已暂停 · %1</translation>
    </message>
    <message>
        <source>Connection lost, trying again… %1</source>
        <translation>连接中断，正在重试… %1</translation>
    </message>
    <message>
        <source>Checking the download…</source>
        <translation>正在校验下载…</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <source>it measured both, and the CPU was the faster here (%1).</source>
        <translation>两者都测量过，在这台电脑上 CPU 更快（%1）。</translation>
    </message>
    <message>
        <source>the only graphics device, %1, is itself a program on the CPU, and Hearth&apos;s own CPU code is faster.</source>
        <translation>唯一的图形设备 %1 本身就是运行在 CPU 上的程序，而 Hearth 自己的 CPU 代码更快。</translation>
    </message>
    <message>
        <source>no graphics processor with Vulkan 1.2 was found (%1).</source>
        <translation>未找到支持 Vulkan 1.2 的图形处理器（%1）。</translation>
    </message>
    <message>
        <source>the graphics processor could not be used (%1).</source>
        <translation>无法使用图形处理器（%1）。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Export every conversation</source>
        <translation>导出所有对话</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <source>Web page (.html)</source>
        <translation>网页 (.html)</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>纯文本 (.txt)</translation>
    </message>
    <message>
        <source>Hearth archive (.json), to import again</source>
        <translation>Hearth 存档 (.json)，可再次导入</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Saves %1</source>
        <translation>保存为 %1</translation>
    </message>
    <message>
        <source>Saves one file per conversation.</source>
        <translation>每个对话保存为一个文件。</translation>
    </message>
    <message>
        <source>A file of that name is in this folder already; exporting replaces it.</source>
        <translation>此文件夹中已有同名文件，导出会替换它。</translation>
    </message>
    <message>
        <source>Files of those names are in this folder already; exporting replaces them.</source>
        <translation>此文件夹中已有同名文件，导出会替换它们。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Choose the folder to export to</source>
        <translation>选择导出到的文件夹</translation>
    </message>
    <message>
        <source>Choose this folder</source>
        <translation>选择此文件夹</translation>
    </message>
    <message>
        <source>PDF document (.pdf)</source>
        <translation>PDF 文档 (.pdf)</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>The archive keeps every branch.</source>
        <translation>存档会保留所有分支。</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>This branch</source>
        <translation>此分支</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>所有分支</translation>
    </message>
    <message>
        <source>Every edit and regenerated answer, as numbered versions.</source>
        <translation>每次编辑和重新生成的回答，作为带编号的版本。</translation>
    </message>
    <message>
        <source>The messages as the chat shows them.</source>
        <translation>与聊天中显示的消息一致。</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Hearth</source>
        <translation>欢迎使用 Hearth</translation>
    </message>
    <message>
        <source>Chat with open-weight language models on your own computer. Nothing you write leaves it. To begin, Hearth needs a model.</source>
        <translation>在您自己的电脑上与开放权重语言模型对话。您输入的任何内容都不会离开这台电脑。开始之前，Hearth 需要一个模型。</translation>
    </message>
    <message>
        <source>Recommended for this computer</source>
        <translation>推荐用于这台电脑</translation>
    </message>
    <message>
        <source>%1 download</source>
        <translation>下载大小：%1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>下载 %1</translation>
    </message>
    <message>
        <source>Use a .gguf file I already have…</source>
        <translation>使用已有的 .gguf 文件…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>Generator</name>
    <message>
        <source>No model is loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>*The model wrote a message for tools. Hearth does not run tools.*</source>
        <translation>*模型写了一条给工具的消息。Hearth 不运行工具。*</translation>
    </message>
    <message>
        <source>*The model tried to use the tool “%1”. Hearth does not run tools.*</source>
        <translation>*模型试图使用工具“%1”。Hearth 不运行工具。*</translation>
    </message>
</context>
<context>
    <name>GgufInspector</name>
    <message>
        <source>Part %1 of this split model is missing: %2</source>
        <translation>此分卷模型缺少第 %1 部分：%2</translation>
    </message>
    <message>
        <source>Not a usable GGUF file: %1</source>
        <translation>不是可用的 GGUF 文件：%1</translation>
    </message>
</context>
<context>
    <name>HfApi</name>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation>它不是有效的 JSON（%1，位于第 %2 字节）</translation>
    </message>
    <message>
        <source>it is not a JSON list</source>
        <translation>它不是 JSON 列表</translation>
    </message>
    <message>
        <source>a result has no valid owner/name</source>
        <translation>某个结果没有有效的 所有者/名称</translation>
    </message>
    <message>
        <source>it gives no size for %1</source>
        <translation>它没有给出 %1 的大小</translation>
    </message>
    <message>
        <source>it gives no SHA-256 for %1</source>
        <translation>它没有给出 %1 的 SHA-256</translation>
    </message>
</context>
<context>
    <name>HfClient</name>
    <message>
        <source>This repository is private or gated: its publisher asks people to sign in or accept terms on the Hugging Face website. Hearth does not sign in, so it cannot download it.</source>
        <translation>此仓库为私有或受限：发布者要求在 Hugging Face 网站上登录或接受条款。Hearth 不会登录，因此无法下载。</translation>
    </message>
    <message>
        <source>Hugging Face has no such repository or file.</source>
        <translation>Hugging Face 上没有这个仓库或文件。</translation>
    </message>
    <message>
        <source>Hugging Face asks to slow down. Try again in %1 seconds.</source>
        <translation>Hugging Face 要求放慢请求速度。请在 %1 秒后重试。</translation>
    </message>
    <message>
        <source>Hugging Face asks to slow down. Try again in a minute.</source>
        <translation>Hugging Face 要求放慢请求速度。请在一分钟后重试。</translation>
    </message>
    <message>
        <source>Hugging Face answered with an error (HTTP %1).</source>
        <translation>Hugging Face 返回了错误（HTTP %1）。</translation>
    </message>
    <message>
        <source>Hugging Face could not be reached: %1</source>
        <translation>无法连接 Hugging Face：%1</translation>
    </message>
    <message>
        <source>Hugging Face sent Hearth to an address it does not follow.</source>
        <translation>Hugging Face 将 Hearth 重定向到一个它不会访问的地址。</translation>
    </message>
    <message>
        <source>Hugging Face&apos;s answer is too large to be read.</source>
        <translation>Hugging Face 的回复太大，无法读取。</translation>
    </message>
    <message>
        <source>Hearth cannot read Hugging Face&apos;s answer: %1</source>
        <translation>Hearth 无法读取 Hugging Face 的回复：%1</translation>
    </message>
    <message>
        <source>The server sent the wrong part of the file.</source>
        <translation>服务器发送了文件的错误部分。</translation>
    </message>
    <message>
        <source>The file ended after %1 bytes, before its header did: it is not the size Hugging Face lists.</source>
        <translation>文件在 %1 字节后就结束了，文件头尚未读完：它的大小与 Hugging Face 列出的不符。</translation>
    </message>
    <message>
        <source>The header of this file is larger than %1 MB; Hearth does not read further to check it.</source>
        <translation>此文件的文件头大于 %1 MB；Hearth 不会继续读取来检查它。</translation>
    </message>
    <message>
        <source>Hugging Face lists this file with %1 bytes, too few for a GGUF model.</source>
        <translation>Hugging Face 列出的此文件只有 %1 字节，不足以构成 GGUF 模型。</translation>
    </message>
</context>
<context>
    <name>HuggingFace</name>
    <message>
        <source>No GGUF models on Hugging Face match this search.</source>
        <translation>Hugging Face 上没有与此搜索匹配的 GGUF 模型。</translation>
    </message>
    <message>
        <source>%1 has no GGUF files. Hearth runs GGUF models only; look for a repository whose name ends in GGUF.</source>
        <translation>%1 中没有 GGUF 文件。Hearth 只能运行 GGUF 模型；请查找名称以 GGUF 结尾的仓库。</translation>
    </message>
    <message>
        <source>%1 has only incomplete split models (%2).</source>
        <translation>%1 中只有不完整的分卷模型（%2）。</translation>
    </message>
    <message>
        <source>%1 has no file %2; its other GGUF files are listed.</source>
        <translation>%1 中没有文件 %2；已列出其他 GGUF 文件。</translation>
    </message>
    <message>
        <source>Hearth cannot run this model: %1</source>
        <translation>Hearth 无法运行此模型：%1</translation>
    </message>
</context>
<context>
    <name>HuggingFaceSearch</name>
    <message>
        <source>Search Hugging Face, or paste owner/name or a file link</source>
        <translation>搜索 Hugging Face，或粘贴 所有者/名称 或文件链接</translation>
    </message>
    <message>
        <source>Search Hugging Face</source>
        <translation>搜索 Hugging Face</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Hearth contacts huggingface.co only when you press Enter, open a repository or download. Each request is listed in Settings → Privacy.</source>
        <translation>Hearth 只在您按下回车、打开仓库或下载时才会联系 huggingface.co。每个请求都列在 设置 → 隐私 中。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Asking Hugging Face</source>
        <translation>正在询问 Hugging Face</translation>
    </message>
    <message>
        <source>Gated</source>
        <translation>受限</translation>
    </message>
    <message>
        <source>%1 downloads</source>
        <translation>%1 次下载</translation>
    </message>
    <message>
        <source>Fits</source>
        <translation>适合</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>Slow here</source>
        <translation>在此较慢</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>Hearth runs it</source>
        <translation>Hearth 可以运行</translation>
    </message>
    <message>
        <source>Hearth cannot run it</source>
        <translation>Hearth 无法运行</translation>
    </message>
    <message>
        <source>Name and header differ</source>
        <translation>名称与文件头不一致</translation>
    </message>
    <message>
        <source>%1 parts</source>
        <translation>%1 个分卷</translation>
    </message>
    <message>
        <source>%1 tokens of context</source>
        <translation>%1 个词元的上下文</translation>
    </message>
    <message>
        <source>read from another file of this repository</source>
        <translation>读取自此仓库中的另一个文件</translation>
    </message>
    <message>
        <source>Reading header…</source>
        <translation>正在读取文件头…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Reads the first bytes of this file from Hugging Face to see what it is.</source>
        <translation>从 Hugging Face 读取此文件的开头字节，以了解它是什么。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>%1 is downloading; see Installed.</source>
        <translation>%1 正在下载；请查看“已安装”。</translation>
    </message>
</context>
<context>
    <name>InfoPopup</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-k / top-p / min-p</source>
        <translation>Top-k / Top-p / Min-p</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>输入 token 数</translation>
    </message>
    <message>
        <source>Answer tokens</source>
        <translation>回答 token 数</translation>
    </message>
    <message>
        <source>First token after</source>
        <translation>首个 token 用时</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Not recorded for this answer.</source>
        <translation>此回答未记录相关信息。</translation>
    </message>
    <message>
        <source>Reasoned for</source>
        <translation>思考用时</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>InstalledModels</name>
    <message>
        <source>Models use %1 · %2 free on this disk</source>
        <translation>模型占用 %1 · 此磁盘剩余 %2</translation>
    </message>
    <message>
        <source>Import GGUF…</source>
        <translation>导入 GGUF…</translation>
    </message>
    <message>
        <source>Or drop a .gguf file onto the window</source>
        <translation>或将 .gguf 文件拖到窗口中</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>%1 tokens of context</source>
        <translation>上下文 %1 个 token</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Set as default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No models yet. Download one from Discover, or import a .gguf file you already have.</source>
        <translation>还没有模型。请在“发现”中下载，或导入已有的 .gguf 文件。</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>移除 %1？</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>删除 %1？</translation>
    </message>
    <message>
        <source>Hearth forgets this model. The file stays where it is.</source>
        <translation>Hearth 将不再列出此模型，文件仍保留在原处。</translation>
    </message>
    <message>
        <source>The model file is deleted from this computer, freeing %1. Your conversations are kept.</source>
        <translation>模型文件将从这台电脑上删除，释放 %1 空间。您的对话会保留。</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
</context>
<context>
    <name>LicenseAcceptance</name>
    <message>
        <source>I accept the %1</source>
        <translation>我接受%1</translation>
    </message>
</context>
<context>
    <name>LocalApiServer</name>
    <message>
        <source>The chat engine is not ready.</source>
        <translation>聊天引擎尚未就绪。</translation>
    </message>
    <message>
        <source>The server could not start: %1</source>
        <translation>服务器无法启动：%1</translation>
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
        <translation>选择模型文件</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>第 %1 个版本，共 %2 个</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <source>Edit and send again</source>
        <translation>编辑并重新发送</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>停止朗读</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Hearth was closed while this answer was written.</source>
        <translation>生成此回答时 Hearth 被关闭了。</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>回答失败：%1</translation>
    </message>
    <message>
        <source>Cut off: the conversation filled all the model can read at once.</source>
        <translation>已截断：对话已占满模型一次能读取的全部内容。</translation>
    </message>
    <message>
        <source>Cut off at the longest answer allowed (Settings, Generation).</source>
        <translation>已在允许的最长回答处截断（设置 › 生成）。</translation>
    </message>
    <message>
        <source>Left out: the model did not read this for the last answer, to fit its context.</source>
        <translation>已略去：为适应上下文，模型在生成上一个回答时没有读取这条消息。</translation>
    </message>
</context>
<context>
    <name>ModelDetail</name>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message numerus="yes">
        <source>(%n files)</source>
        <translation>
            <numerusform>（%n 个文件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory needed</source>
        <translation>所需内存</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Published by</source>
        <translation>发布者</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Recommended settings</source>
        <translation>推荐设置</translation>
    </message>
    <message>
        <source>temperature %1, top-p %2, top-k %3, min-p %4</source>
        <translation>温度 %1，Top-p %2，Top-k %3，Min-p %4</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Every file is verified against its SHA-256 after download.</source>
        <translation>下载后会用 SHA-256 校验每个文件。</translation>
    </message>
    <message>
        <source>The catalog has no checksum for this model.</source>
        <translation>目录中没有此模型的校验值。</translation>
    </message>
    <message>
        <source>Coming soon: this version of Hearth cannot run %1 models yet.</source>
        <translation>即将支持：此版本的 Hearth 还不能运行 %1 模型。</translation>
    </message>
    <message>
        <source>This model needs more memory than this computer has; it would be very slow or fail to load.</source>
        <translation>此模型所需的内存超过这台电脑的容量，运行会非常慢，或者无法加载。</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>下载 %1</translation>
    </message>
    <message>
        <source>Speed here</source>
        <translation>本机速度</translation>
    </message>
    <message>
        <source>about %1 tokens per second on this computer&apos;s processor (estimated from its memory speed, %2 GB/s); a graphics card that holds the model is faster</source>
        <translation>在本机处理器上约每秒 %1 个 token（根据内存速度 %2 GB/s 估算）；能容纳该模型的显卡会更快</translation>
    </message>
    <message>
        <source>This model fits in memory but would answer slowly on this computer, a few words a second at most.</source>
        <translation>此模型可以装入内存，但在这台电脑上回答会很慢，每秒最多几个词。</translation>
    </message>
</context>
<context>
    <name>ModelHub</name>
    <message>
        <source>The model catalog has no model &quot;%1&quot;.</source>
        <translation>模型目录中没有名为“%1”的模型。</translation>
    </message>
    <message>
        <source>%1 is coming soon: this version of Hearth cannot run %2 models yet.</source>
        <translation>%1 即将支持：此版本的 Hearth 还不能运行 %2 模型。</translation>
    </message>
    <message>
        <source>The models are still being moved.</source>
        <translation>模型仍在移动中。</translation>
    </message>
    <message>
        <source>Hearth cannot write to %1. Choose another folder.</source>
        <translation>Hearth 无法写入 %1。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Some files could not be moved and stayed in %1: %2</source>
        <translation>部分文件无法移动，仍保留在 %1 中：%2</translation>
    </message>
    <message>
        <source>To download %1, first accept the %2.</source>
        <translation>下载 %1 之前，请先接受%2。</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>The file is no longer there. Was it moved or deleted?</source>
        <translation>文件已不存在。是否已被移动或删除？</translation>
    </message>
    <message>
        <source>There is no file at %1.</source>
        <translation>%1 处没有文件。</translation>
    </message>
    <message>
        <source>Only .gguf model files can be imported.</source>
        <translation>只能导入 .gguf 模型文件。</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>%1 was added; it stays where it is.</source>
        <translation>已添加 %1，文件保留在原处。</translation>
    </message>
    <message>
        <source>The models folder cannot be written to.</source>
        <translation>无法写入模型文件夹。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型文件夹中。</translation>
    </message>
    <message>
        <source>Could not copy %1 into the models folder. Is there enough free space?</source>
        <translation>无法将 %1 复制到模型文件夹。磁盘空间是否足够？</translation>
    </message>
    <message>
        <source>%1 was copied into the models folder.</source>
        <translation>已将 %1 复制到模型文件夹。</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Installed (%1)</source>
        <translation>已安装（%1）</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <source>Refresh catalog</source>
        <translation>刷新目录</translation>
    </message>
    <message>
        <source>Connects to the Hearth catalog server to fetch the latest list of models. Nothing about you is sent.</source>
        <translation>连接 Hearth 目录服务器以获取最新的模型列表。不会发送任何有关您的信息。</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>搜索目录</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>所有系列</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Recommended first</source>
        <translation>推荐优先</translation>
    </message>
    <message>
        <source>Smallest first</source>
        <translation>最小优先</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>按名称</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>编程</translation>
    </message>
    <message>
        <source>Multilingual</source>
        <translation>多语言</translation>
    </message>
    <message>
        <source>No model matches.</source>
        <translation>没有匹配的模型。</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Model catalog</source>
        <translation>模型目录</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OverflowBanner</name>
    <message>
        <source>This conversation is too long for the model: it needs %1 tokens, the model reads %2 at once.</source>
        <translation>此对话对模型来说太长：需要 %1 个 token，而模型一次只能读取 %2 个。</translation>
    </message>
    <message>
        <source>Leave out the oldest turns</source>
        <translation>省略最早的几轮对话</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>开始新对话</translation>
    </message>
    <message>
        <source>Your last message alone is too long for the model: it needs %1 tokens, the model reads %2 at once. Shorten it (edit it below its bubble) or give the model a longer context in Settings.</source>
        <translation>仅你的最后一条消息对模型来说就太长了：需要 %1 个 token，而模型一次只能读取 %2 个。请缩短它（在气泡下方编辑），或在设置中为模型设置更长的上下文。</translation>
    </message>
</context>
<context>
    <name>PersonaEditor</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name, e.g. Travel planner</source>
        <translation>名称，例如：旅行规划师</translation>
    </message>
    <message>
        <source>Persona name</source>
        <translation>角色名称</translation>
    </message>
    <message>
        <source>What the model should do, e.g. “You help plan trips. Ask about budget and dates first.”</source>
        <translation>模型应该做什么，例如：“你帮助规划旅行。先询问预算和日期。”</translation>
    </message>
    <message>
        <source>Persona instructions</source>
        <translation>角色指令</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Add persona</source>
        <translation>添加角色</translation>
    </message>
</context>
<context>
    <name>PersonaModel</name>
    <message>
        <source>Helpful assistant</source>
        <translation>贴心助手</translation>
    </message>
    <message>
        <source>You are a helpful, friendly assistant. Answer clearly and briefly, and say so when you are not sure.</source>
        <translation>你是一个乐于助人、友好的助手。回答要清晰简洁；不确定时请直接说明。</translation>
    </message>
    <message>
        <source>Translator</source>
        <translation>翻译助手</translation>
    </message>
    <message>
        <source>You are a translator. Translate what the user writes into the language they ask for (English if they do not say), keeping the meaning and tone. Reply with the translation only.</source>
        <translation>你是一名翻译。把用户写的内容翻译成他们要求的语言（未说明时译成英语），保留原意和语气。只回复译文。</translation>
    </message>
    <message>
        <source>Tutor for children</source>
        <translation>儿童辅导老师</translation>
    </message>
    <message>
        <source>You are a patient tutor for a child of about ten. Explain step by step with simple words and everyday examples, ask a small question back to check understanding, and never give answers that are unsafe for children.</source>
        <translation>你是一位耐心的辅导老师，辅导一个大约十岁的孩子。用简单的词语和日常生活中的例子一步一步地讲解，再提一个小问题确认孩子是否理解，绝不给出对儿童不安全的回答。</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>代码审查员</translation>
    </message>
    <message>
        <source>You are an experienced code reviewer. Point out bugs, unclear names and missing error handling first, then style. Quote the lines you mean and suggest the change.</source>
        <translation>你是一名经验丰富的代码审查员。先指出缺陷、含义不清的命名和缺失的错误处理，再谈代码风格。引用你所指的代码行，并给出修改建议。</translation>
    </message>
</context>
<context>
    <name>ReadAloud</name>
    <message>
        <source>Code omitted.</source>
        <translation>此处省略代码。</translation>
    </message>
    <message>
        <source>formula omitted</source>
        <translation>此处省略公式</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>For %1. Changes apply to the next answer.</source>
        <translation>适用于 %1。更改将从下一条回答开始生效。</translation>
    </message>
    <message>
        <source>Load a model to change how it writes.</source>
        <translation>加载模型后即可调整它的生成方式。</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Higher is more varied, lower more focused.</source>
        <translation>越高越多样，越低越专注。</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Choose among this many likely words (0: no limit).</source>
        <translation>从这么多个最可能的词中选择（0：不限制）。</translation>
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
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating the same words.</source>
        <translation>大于 1 时会减少重复相同的词。</translation>
    </message>
    <message>
        <source>Longest answer</source>
        <translation>最长回答</translation>
    </message>
    <message>
        <source>In tokens (about ¾ of a word each).</source>
        <translation>以 token 计（每个 token 约合 ¾ 个英文单词）。</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>How much of the conversation the model reads. More needs more memory; applies when the model is loaded again.</source>
        <translation>模型能读取多少对话内容。越多需要的内存越多；重新加载模型后生效。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>A fixed seed gives the same answer to the same conversation.</source>
        <translation>固定种子会让相同的对话得到相同的回答。</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Reset to the model&apos;s recommended values</source>
        <translation>恢复为模型的推荐值</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Instructions the model follows in a conversation. Choose one for each conversation next to the model picker.</source>
        <translation>模型在对话中遵循的指令。可在模型选择器旁为每个对话选择一个角色。</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>In use: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <source>Hearth uses the CPU because %1</source>
        <translation>Hearth 正在使用 CPU，原因：%1</translation>
    </message>
    <message>
        <source>Looking for graphics processors…</source>
        <translation>正在查找图形处理器…</translation>
    </message>
    <message>
        <source>No Vulkan device: %1</source>
        <translation>没有 Vulkan 设备：%1</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>No network requests since Hearth started.</source>
        <translation>Hearth 启动以来没有发出任何网络请求。</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message numerus="yes">
        <source>Processor: %n physical cores, %1 instructions</source>
        <translation>
            <numerusform>处理器：%n 个物理核心，%1 指令集</numerusform>
        </translation>
    </message>
    <message>
        <source>memory reads %1 GB/s</source>
        <translation>内存读取 %1 GB/s</translation>
    </message>
    <message>
        <source>Measured on this computer when the model was first loaded: %1</source>
        <translation>首次加载模型时在本机测得：%1</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考预算</translation>
    </message>
    <message>
        <source>How long the model may think before it answers, in tokens.</source>
        <translation>模型回答前最多可以思考多久，以词元计。</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Answer without thinking</source>
        <translation>不思考，直接回答</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
    <message>
        <source>How long the model reasons before it answers.</source>
        <translation>模型在回答前推理多久。</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Nothing you write leaves this computer. Hearth uses the network only when you download a model, refresh the catalog or ask Hugging Face, and sends nothing about you. Every request it made since it started is listed here.</source>
        <translation>您输入的任何内容都不会离开这台电脑。Hearth 只在您下载模型、刷新目录或询问 Hugging Face 时使用网络，且不会发送任何有关您的信息。自启动以来发出的每个请求都列在这里。</translation>
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
        <translation>新对话</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>开始新对话</translation>
    </message>
    <message>
        <source>New chat (Ctrl+N)</source>
        <translation>新对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>搜索所有对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Your conversations will appear here.</source>
        <translation>您的对话将显示在这里。</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>没有与“%1”匹配的消息。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Everything stays on this computer.</source>
        <translation>所有内容都只留在这台电脑上。</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>在 %1 中</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>Hearth cannot create the lock file %1 beside your conversations.</source>
        <translation>Hearth 无法在您的对话旁创建锁文件 %1。</translation>
    </message>
    <message>
        <source>Hearth is already running (process %1) with these conversations, but does not answer. Close it, then start Hearth again.</source>
        <translation>Hearth 已在运行（进程 %1）并使用这些对话，但没有响应。请关闭它，然后重新启动 Hearth。</translation>
    </message>
</context>
<context>
    <name>SourceViewer</name>
    <message>
        <source>%1, page %2 of %3</source>
        <translation>%1，第 %2 页，共 %3 页</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This PDF cannot be shown.</source>
        <translation>无法显示此 PDF。</translation>
    </message>
</context>
<context>
    <name>SourcesList</name>
    <message>
        <source>No sources found in %1; the answer does not come from your documents.</source>
        <translation>在 %1 中没有找到来源；这个回答并非来自你的文档。</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Sources given to the model</source>
        <translation>提供给模型的来源</translation>
    </message>
    <message>
        <source>[%1] %2, page %3</source>
        <translation>[%1] %2，第 %3 页</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>This file is no longer there: %1</source>
        <translation>此文件已不存在：%1</translation>
    </message>
</context>
<context>
    <name>StorageSection</name>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Export all…</source>
        <translation>全部导出…</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>From a Hearth archive (.json). Conversations you have already are kept as they are.</source>
        <translation>从 Hearth 存档 (.json) 导入。已有的对话保持不变。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was added.</source>
        <translation>导入已取消，未添加任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n new conversation(s)</source>
        <translation>
            <numerusform>%n 个新对话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed with new messages</source>
        <translation>
            <numerusform>%n 个补充了新消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped as already there</source>
        <translation>
            <numerusform>%n 个已存在，已跳过</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Models use %1; %2 free on that disk.</source>
        <translation>模型占用 %1；该磁盘剩余 %2。</translation>
    </message>
    <message>
        <source>Choose a Hearth archive to import</source>
        <translation>选择要导入的 Hearth 存档</translation>
    </message>
    <message>
        <source>Hearth archives (*.json)</source>
        <translation>Hearth 存档 (*.json)</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Use this folder for models?</source>
        <translation>将此文件夹用于存放模型？</translation>
    </message>
    <message>
        <source>Move the models you have there, or keep them where they are and use the models already in the new folder.</source>
        <translation>将现有模型移到新文件夹，或将它们留在原处，改用新文件夹中已有的模型。</translation>
    </message>
    <message>
        <source>Move models</source>
        <translation>移动模型</translation>
    </message>
    <message>
        <source>Use as it is</source>
        <translation>直接使用</translation>
    </message>
</context>
<context>
    <name>TextSourceViewer</name>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Open in the system&apos;s app</source>
        <translation>用系统应用打开</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This file changed since it was indexed; the passage was found by its text.</source>
        <translation>此文件在建立索引后已更改；已按文字找到该段落。</translation>
    </message>
    <message>
        <source>This file changed since it was indexed, and the cited passage is no longer in it.</source>
        <translation>此文件在建立索引后已更改，引用的段落已不在其中。</translation>
    </message>
    <message>
        <source>This file is no longer there: %1</source>
        <translation>此文件已不存在：%1</translation>
    </message>
    <message>
        <source>This file cannot be read now: %1</source>
        <translation>现在无法读取此文件：%1</translation>
    </message>
    <message>
        <source>Text of %1</source>
        <translation>%1 的文本</translation>
    </message>
    <message>
        <source>The cited passage is marked; the cursor is at its start.</source>
        <translation>引用的段落已标出；光标位于其开头。</translation>
    </message>
    <message>
        <source>The file is long: lines %1 to %2 are shown. Open it in the system&apos;s app to see all of it.</source>
        <translation>文件较长：显示的是第 %1 至 %2 行。用系统应用打开可查看全部内容。</translation>
    </message>
</context>
<context>
    <name>ThinkingBlock</name>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考过程</translation>
    </message>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>思考了 %n 秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UndoToast</name>
    <message>
        <source>Deleted “%1”</source>
        <translation>已删除“%1”</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>UserMessage</name>
    <message>
        <source>Edit your message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hearth is already running: its window was brought to the front.</source>
        <translation>Hearth 已在运行：已将其窗口切换到前台。</translation>
    </message>
</context>
</TS>
