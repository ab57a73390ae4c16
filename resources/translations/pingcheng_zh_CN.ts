<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveActions</name>
    <message>
        <source>Select articles to export first.</source>
        <translation>请先选择要导出的文章。</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Imported %1 sample articles.</source>
        <translation>已导入 %1 篇示例文章。</translation>
    </message>
    <message>
        <source>Importing the sample editions…</source>
        <translation>正在导入示例报纸…</translation>
    </message>
    <message>
        <source>Edit %1 in the archive folder, then File → Re-apply street offices and topics.</source>
        <translation>请在档案文件夹中编辑 %1，然后选择“文件 → 重新标注街道和主题”。</translation>
    </message>
    <message>
        <source>Street offices and topics re-applied: %1 articles changed.</source>
        <translation>已重新标注街道和主题：%1 篇文章有变化。</translation>
    </message>
    <message>
        <source>Re-applying street offices and topics…</source>
        <translation>正在重新标注街道和主题…</translation>
    </message>
    <message>
        <source>Index rebuilt: %1 articles.</source>
        <translation>索引已重建：%1 篇文章。</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>正在重建搜索索引…</translation>
    </message>
</context>
<context>
    <name>ArchiveSwitcher</name>
    <message>
        <source>Folder for the new archive</source>
        <translation>新档案所在的文件夹</translation>
    </message>
    <message>
        <source>%1 already holds an archive: it is opened.</source>
        <translation>%1 里已有档案：直接打开它。</translation>
    </message>
    <message>
        <source>Folder for my archive</source>
        <translation>我的档案所在文件夹</translation>
    </message>
    <message>
        <source>Open an archive folder</source>
        <translation>打开档案文件夹</translation>
    </message>
    <message>
        <source>%1 holds no archive (no catalog.sqlite).</source>
        <translation>%1 里没有档案（没有 catalog.sqlite）。</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（还没有）</translation>
    </message>
</context>
<context>
    <name>BasketView</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Undo clear</source>
        <translation>撤销清空</translation>
    </message>
    <message>
        <source>Put back the articles the last clear removed</source>
        <translation>恢复上次清空时移除的文章</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export every article in the selection</source>
        <translation>导出选集中的全部文章</translation>
    </message>
    <message>
        <source>Remove all %1 articles from the selection?</source>
        <translation>要从选集中移除全部 %1 篇文章吗？</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>清空选集</translation>
    </message>
    <message>
        <source>Selected articles: %1</source>
        <translation>已选文章：%1 篇</translation>
    </message>
    <message>
        <source>The selection is empty. Add articles from the results or an edition with Ctrl+D (or the context menu), then export them together.</source>
        <translation>选集是空的。在检索结果或报纸期次中选中文章，按 Ctrl+D（或用右键菜单）加入选集，再一起导出。</translation>
    </message>
</context>
<context>
    <name>BatchEditDialog</name>
    <message>
        <source>Correct several articles</source>
        <translation>批量校订</translation>
    </message>
    <message>
        <source>Add it (keep the others)</source>
        <translation>加上（保留原有的）</translation>
    </message>
    <message>
        <source>Make it the only one</source>
        <translation>改为只有这一个</translation>
    </message>
    <message>
        <source>Take it away</source>
        <translation>去掉</translation>
    </message>
    <message>
        <source>Articles: %1</source>
        <translation>文章：%1 篇</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>改法：</translation>
    </message>
    <message>
        <source>Choose or type a value first.</source>
        <translation>请先选择或输入一个值。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
</context>
<context>
    <name>ChoiceList</name>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move up (the first checked topic is the primary one)</source>
        <translation>上移（勾选的第一个主题为主要主题）</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>CollectionsPanel</name>
    <message>
        <source>%1 (no longer in the archive)</source>
        <translation>%1（已不在档案中）</translation>
    </message>
    <message>
        <source>%1 articles found; not in this archive:
%2</source>
        <translation>找到 %1 篇文章；本档案中没有：
%2</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>专题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>删除专题</translation>
    </message>
    <message>
        <source>Delete this collection? The articles stay in the archive.</source>
        <translation>删除这个专题？文章仍留在档案中。</translation>
    </message>
    <message>
        <source>Export articles…</source>
        <translation>导出文章…</translation>
    </message>
    <message>
        <source>Export collection file</source>
        <translation>导出专题文件</translation>
    </message>
    <message>
        <source>Export file…</source>
        <translation>导出文件…</translation>
    </message>
    <message>
        <source>Import collection file</source>
        <translation>导入专题文件</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建专题</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Remove article</source>
        <translation>移出文章</translation>
    </message>
    <message>
        <source>Rename collection</source>
        <translation>重命名专题</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Type a date (2025-10-01), a month (2025-10) or a year; empty: any</source>
        <translation>输入日期（2025-10-01）、月份（2025-10）或年份；留空表示不限</translation>
    </message>
    <message>
        <source>Choose a date in the calendar</source>
        <translation>在日历中选择日期</translation>
    </message>
    <message>
        <source>Not a date: %1 (type 2025-10-01, 2025-10 or 2025)</source>
        <translation>不是日期：%1（请输入 2025-10-01、2025-10 或 2025）</translation>
    </message>
</context>
<context>
    <name>DateFilter</name>
    <message>
        <source>Quick ranges</source>
        <translation>快捷范围</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
</context>
<context>
    <name>EditForm</name>
    <message>
        <source>No article</source>
        <translation>未选择文章</translation>
    </message>
    <message>
        <source>Names separated by 、 or commas (spaces inside a name are dropped)</source>
        <translation>多个姓名用“、”或逗号分隔（姓名中的空格会被去掉）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kicker</source>
        <translation>引题</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副题</translation>
    </message>
    <message>
        <source>Reporters</source>
        <translation>记者</translation>
    </message>
    <message>
        <source>Street offices</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Topics (primary first)</source>
        <translation>主题（主要主题在前）</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已校订</translation>
    </message>
    <message>
        <source>This field carries a librarian's correction; it survives re-import.</source>
        <translation>此字段含有资料员的校订，重新导入后仍会保留。</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>撤销校订</translation>
    </message>
    <message>
        <source>Drop the correction and go back to the value parsed from the edition</source>
        <translation>放弃校订，恢复为从报纸版面解析出的值</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>The title cannot be empty.</source>
        <translation>标题不能为空。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Reverting…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>Reverted.</source>
        <translation>已撤销校订。</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <source>Could not load the known street offices and topics: %1</source>
        <translation>无法载入已知的街道和主题：%1</translation>
    </message>
</context>
<context>
    <name>EditionBrowser</name>
    <message>
        <source>◀ Previous edition</source>
        <translation>◀ 上一期</translation>
    </message>
    <message>
        <source>Next edition ▶</source>
        <translation>下一期 ▶</translation>
    </message>
    <message>
        <source>Add to selection</source>
        <translation>加入选集</translation>
    </message>
    <message>
        <source>Add the selected articles (or whole sections) to the selection</source>
        <translation>将选中的文章（或整个版面）加入选集</translation>
    </message>
    <message>
        <source>Added to the selection: %1</source>
        <translation>已加入选集：%1 篇</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove from the archive…</source>
        <translation>从档案中删除…</translation>
    </message>
    <message>
        <source>Remove this edition from the archive…</source>
        <translation>从档案中删除这一期…</translation>
    </message>
    <message>
        <source>No edition</source>
        <translation>没有报纸</translation>
    </message>
    <message>
        <source>Import editions to browse them here.</source>
        <translation>导入报纸后即可在此浏览。</translation>
    </message>
    <message>
        <source>Articles: %1</source>
        <translation>文章：%1 篇</translation>
    </message>
    <message>
        <source>Sections: %1</source>
        <translation>版面：%1</translation>
    </message>
    <message>
        <source>Unassigned text blocks: %1</source>
        <translation>未归属的文字块：%1 段</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源文件：%1</translation>
    </message>
</context>
<context>
    <name>EditionCalendar</name>
    <message numerus="yes">
        <source>%n day(s) with editions</source>
        <translation>
            <numerusform>%n 天有报纸</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edition(s)</source>
        <translation>
            <numerusform>%n 期</numerusform>
        </translation>
    </message>
    <message>
        <source>(no editions)</source>
        <translation>（没有报纸）</translation>
    </message>
    <message numerus="yes">
        <source>, %n edition(s) missing</source>
        <translation>
            <numerusform>，缺 %n 期</numerusform>
        </translation>
    </message>
    <message>
        <source>An edition was due here and is missing</source>
        <translation>按出版周期这天应有一期，缺刊</translation>
    </message>
    <message>
        <source>Gap in the publishing run</source>
        <translation>出版中断</translation>
    </message>
</context>
<context>
    <name>EditionsModel</name>
    <message>
        <source>Edition / article</source>
        <translation>期次 / 文章</translation>
    </message>
    <message>
        <source>Section / page</source>
        <translation>版面 / 页码</translation>
    </message>
    <message>
        <source>Reporters</source>
        <translation>记者</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>[fragment]</source>
        <translation>［残篇］</translation>
    </message>
    <message>
        <source>Street offices: %1</source>
        <translation>街道：%1</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>Articles: %1</source>
        <translation>文章：%1 篇</translation>
    </message>
    <message>
        <source>Unassigned text blocks: %1</source>
        <translation>未归属的文字块：%1 段</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第%1版</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Selected articles</source>
        <translation>选中的文章</translation>
    </message>
    <message>
        <source>Export articles</source>
        <translation>导出文章</translation>
    </message>
    <message>
        <source>%1 (%2 articles)</source>
        <translation>%1（%2 篇）</translation>
    </message>
    <message>
        <source>Word document (DOCX)</source>
        <translation>Word 文档（DOCX）</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Spreadsheet (CSV)</source>
        <translation>表格（CSV）</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Plain text (TXT)</source>
        <translation>纯文本（TXT）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Open the file when done</source>
        <translation>完成后打开文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出内容：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <source>Not exported: the file was kept.</source>
        <translation>未导出：原文件保持不变。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Exported to %1 (articles: %2)</source>
        <translation>已导出到 %1（共 %2 篇）</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 exists. Replace it with this export?</source>
        <translation>%1 已存在。要用这次导出替换它吗？</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No articles selected.</source>
        <translation>未选择文章。</translation>
    </message>
    <message>
        <source>The file exists and will be replaced.</source>
        <translation>文件已存在，将被覆盖。</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Articles with all the words</source>
        <translation>同时包含所有词语的文章</translation>
    </message>
    <message>
        <source>The exact phrase (also “…” and 「…」)</source>
        <translation>精确短语（也可用“…”和「…」）</translation>
    </message>
    <message>
        <source>Leave out articles with this word, phrase or field value</source>
        <translation>排除含有该词语、短语或字段值的文章</translation>
    </message>
    <message>
        <source>Either word</source>
        <translation>任一词语</translation>
    </message>
    <message>
        <source>Only articles with this %1</source>
        <translation>只要该%1的文章</translation>
    </message>
    <message>
        <source>A year, a month, a day, open ranges</source>
        <translation>某年、某月、某日，或开放的日期范围</translation>
    </message>
    <message>
        <source>Query syntax</source>
        <translation>检索语法</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import editions</source>
        <translation>导入报纸</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Date for files without a date in their name:</source>
        <translation>文件名中没有日期的文件使用日期：</translation>
    </message>
    <message>
        <source>The summary of the import appears here.</source>
        <translation>导入结果摘要将显示在这里。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Edition files (*.txt) and folders to import:</source>
        <translation>要导入的报纸文件（*.txt）和文件夹：</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>当前文件完成后取消…</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <source>Editions added</source>
        <translation>新增期数</translation>
    </message>
    <message>
        <source>Editions updated</source>
        <translation>更新期数</translation>
    </message>
    <message>
        <source>Editions unchanged</source>
        <translation>未变期数</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Fragments (beginning lost)</source>
        <translation>残篇（开头缺失）</translation>
    </message>
    <message>
        <source>Unassigned text blocks (kept)</source>
        <translation>未归属的文字块（已保留）</translation>
    </message>
    <message>
        <source>Cancelled: the remaining files were not imported.</source>
        <translation>已取消：其余文件没有导入。</translation>
    </message>
    <message>
        <source>Refused files</source>
        <translation>被拒绝的文件</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose edition files</source>
        <translation>选择报纸文件</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a folder of editions</source>
        <translation>选择报纸文件夹</translation>
    </message>
    <message>
        <source>Reprints found across editions</source>
        <translation>跨期次重复刊发</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pingcheng Newspaper Archive</source>
        <translation>平城区报资料库</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Editions</source>
        <translation>报纸期次</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选集</translation>
    </message>
    <message>
        <source>Edit metadata</source>
        <translation>校订信息</translation>
    </message>
    <message>
        <source>Opening the archive…</source>
        <translation>正在打开资料库…</translation>
    </message>
    <message>
        <source>Selection (%1)</source>
        <translation>选集（%1）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;New archive…</source>
        <translation>新建档案(&amp;N)…</translation>
    </message>
    <message>
        <source>Start an archive in a new folder</source>
        <translation>在新的文件夹中建立档案</translation>
    </message>
    <message>
        <source>&amp;Open archive…</source>
        <translation>打开档案(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another archive folder</source>
        <translation>打开另一个档案文件夹</translation>
    </message>
    <message>
        <source>Show the archive &amp;folder</source>
        <translation>显示档案文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Open the folder of this archive</source>
        <translation>打开当前档案所在的文件夹</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import edition files or a folder</source>
        <translation>导入报纸文件或文件夹</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the selected articles</source>
        <translation>导出选中的文章</translation>
    </message>
    <message>
        <source>Use this archive's own street list and topics</source>
        <translation>为本档案使用自己的街道表和主题表</translation>
    </message>
    <message>
        <source>Copy the gazetteer and the taxonomy into the archive folder, to edit them there</source>
        <translation>把街道表和主题表复制到档案文件夹中，以便在那里编辑</translation>
    </message>
    <message>
        <source>Re-apply street offices and topics</source>
        <translation>重新标注街道和主题</translation>
    </message>
    <message>
        <source>Apply the archive's street list and taxonomy again to every article (corrections stay)</source>
        <translation>用本档案的街道表和主题表重新标注全部文章（人工校订保留）</translation>
    </message>
    <message>
        <source>&amp;Rebuild search index</source>
        <translation>重建搜索索引(&amp;R)</translation>
    </message>
    <message>
        <source>Rebuild the index from the catalog</source>
        <translation>根据目录重建全文索引</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Focus the search bar</source>
        <translation>转到搜索栏</translation>
    </message>
    <message>
        <source>Next &amp;hit</source>
        <translation>下一处命中(&amp;H)</translation>
    </message>
    <message>
        <source>Previous h&amp;it</source>
        <translation>上一处命中(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Next result</source>
        <translation>下一条结果(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous result</source>
        <translation>上一条结果(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Go to edition</source>
        <translation>转到所在期次(&amp;G)</translation>
    </message>
    <message>
        <source>Open the edition browser at the article in the reader</source>
        <translation>在报纸浏览中打开阅读区文章所在的期次和版面</translation>
    </message>
    <message>
        <source>Copy &amp;citation</source>
        <translation>复制引文(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add to selection</source>
        <translation>加入选集(&amp;A)</translation>
    </message>
    <message>
        <source>Add the selected articles to the selection basket</source>
        <translation>将选中的文章加入选集</translation>
    </message>
    <message>
        <source>&amp;Edit metadata…</source>
        <translation>校订信息(&amp;E)…</translation>
    </message>
    <message>
        <source>Correct the current article's metadata</source>
        <translation>校订当前文章的信息</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>Larger reader text</source>
        <translation>放大阅读区文字</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>Smaller reader text</source>
        <translation>缩小阅读区文字</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <source>Reader text at the normal size</source>
        <translation>阅读区文字恢复正常大小</translation>
    </message>
    <message>
        <source>Correct &amp;several…</source>
        <translation>批量校订(&amp;S)…</translation>
    </message>
    <message>
        <source>Set a street office or a topic on all the selected articles</source>
        <translation>为选中的全部文章设置街道或主题</translation>
    </message>
    <message>
        <source>&amp;Remove from the archive…</source>
        <translation>从档案中删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Remove the selected articles (or the opened edition) from the archive</source>
        <translation>从档案中删除选中的文章（或当前打开的一期）</translation>
    </message>
    <message>
        <source>&amp;Undo removal</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <source>Put back what was removed last</source>
        <translation>恢复最近一次删除的内容</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Query &amp;syntax</source>
        <translation>检索语法(&amp;S)</translation>
    </message>
    <message>
        <source>How to write a search</source>
        <translation>检索式的写法</translation>
    </message>
    <message>
        <source>Keyboard s&amp;hortcuts</source>
        <translation>快捷键(&amp;H)</translation>
    </message>
    <message>
        <source>Every shortcut</source>
        <translation>全部快捷键</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Show the folder with the viewer's log files</source>
        <translation>在文件管理器中显示日志文件所在的文件夹</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>E&amp;ditions</source>
        <translation>报纸期次(&amp;D)</translation>
    </message>
    <message>
        <source>Se&amp;lection</source>
        <translation>选集(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Recent archives</source>
        <translation>最近的档案(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main tool bar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <source>Select a result to read the article.</source>
        <translation>选择一条结果即可阅读文章。</translation>
    </message>
    <message>
        <source>◀ Previous article</source>
        <translation>◀ 上一篇</translation>
    </message>
    <message>
        <source>The previous article where this one was opened from: results, edition or selection (Alt+Up)</source>
        <translation>打开本文之处（检索结果、期次或选集）的上一篇（Alt+↑）</translation>
    </message>
    <message>
        <source>Next article ▶</source>
        <translation>下一篇 ▶</translation>
    </message>
    <message>
        <source>The next article where this one was opened from: results, edition or selection (Alt+Down)</source>
        <translation>打开本文之处（检索结果、期次或选集）的下一篇（Alt+↓）</translation>
    </message>
    <message>
        <source>▲ Previous match</source>
        <translation>▲ 上一处</translation>
    </message>
    <message>
        <source>Previous match in the article (Shift+F3)</source>
        <translation>文中上一处命中（Shift+F3）</translation>
    </message>
    <message>
        <source>▼ Next match</source>
        <translation>▼ 下一处</translation>
    </message>
    <message>
        <source>Next match in the article (F3)</source>
        <translation>文中下一处命中（F3）</translation>
    </message>
    <message>
        <source>Copy citation</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <source>Copy paper, date, page, title, reporters</source>
        <translation>复制报名、日期、版面、标题和记者</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>校订…</translation>
    </message>
    <message>
        <source>Correct this article's metadata</source>
        <translation>校订这篇文章的信息</translation>
    </message>
    <message>
        <source>Reporters: %1</source>
        <translation>记者：%1</translation>
    </message>
    <message>
        <source>Reporter: %1</source>
        <translation>记者：%1</translation>
    </message>
    <message>
        <source>Correspondents: %1</source>
        <translation>通讯员：%1</translation>
    </message>
    <message>
        <source>Photos: %1</source>
        <translation>摄影：%1</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第%1版</translation>
    </message>
    <message>
        <source>The beginning of this article was lost in the source.</source>
        <translation>本文开头在原件中已缺失。</translation>
    </message>
    <message>
        <source>Caption: %1</source>
        <translation>图片说明：%1</translation>
    </message>
    <message>
        <source>Photo: %1</source>
        <translation>摄影：%1</translation>
    </message>
    <message>
        <source>Citation copied: %1</source>
        <translation>已复制引文：%1</translation>
    </message>
</context>
<context>
    <name>RelatedList</name>
    <message>
        <source>Nothing similar found</source>
        <translation>没有找到相似的文章</translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation>相关报道</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重复刊发</translation>
    </message>
    <message>
        <source>Similarity %1</source>
        <translation>相似度 %1</translation>
    </message>
</context>
<context>
    <name>RemoveActions</name>
    <message>
        <source>%1 editions</source>
        <translation>%1 期</translation>
    </message>
    <message>
        <source>Remove %1 and all its articles from the archive?

Edit → Undo removal puts it back until the viewer is closed.</source>
        <translation>要从档案中删除 %1 及其全部文章吗？

在关闭程序之前，可用“编辑 → 撤销删除”恢复。</translation>
    </message>
    <message>
        <source>Remove %1 article(s) from the archive?

Edit → Undo removal puts them back until the viewer is closed.</source>
        <translation>要从档案中删除 %1 篇文章吗？

在关闭程序之前，可用“编辑 → 撤销删除”恢复。</translation>
    </message>
    <message>
        <source>Removal undone: %1 article(s) are back.</source>
        <translation>已撤销删除：%1 篇文章已恢复。</translation>
    </message>
    <message>
        <source>Remove from the archive</source>
        <translation>从档案中删除</translation>
    </message>
    <message>
        <source>Removed %1 article(s). Edit → Undo removal puts them back.</source>
        <translation>已删除 %1 篇文章。可用“编辑 → 撤销删除”恢复。</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>corrected</source>
        <translation>已校订</translation>
    </message>
    <message>
        <source>in the selection</source>
        <translation>已在选集中</translation>
    </message>
</context>
<context>
    <name>SampleBanner</name>
    <message>
        <source>&lt;b&gt;示例档案 — sample archive.&lt;/b&gt; These editions and reporters are invented, to try the viewer; your own archive is kept apart.</source>
        <translation>&lt;b&gt;示例档案&lt;/b&gt;：这里的报纸期次和记者都是虚构的，仅供试用；您自己的档案与它完全分开。</translation>
    </message>
    <message>
        <source>Create my archive…</source>
        <translation>建立我的档案…</translation>
    </message>
    <message>
        <source>Import my editions…</source>
        <translation>导入我的报纸…</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search: words, "phrase", -word, OR, reporter:, street:, topic:, date:2025-10..2026-01</source>
        <translation>搜索：词语、"短语"、-排除词、OR、记者:、街道:、主题:、日期:2025-10..2026-01</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Searched for: %1</source>
        <translation>分词结果：%1</translation>
    </message>
    <message>
        <source>%1 = exact text</source>
        <translation>%1 = 原文精确匹配</translation>
    </message>
    <message>
        <source>street %1 → %2</source>
        <translation>街道 %1 → %2</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionBasket</name>
    <message>
        <source>Article %1 (loading…)</source>
        <translation>文章 %1（加载中…）</translation>
    </message>
</context>
<context>
    <name>SelectionCommands</name>
    <message>
        <source>Select the articles or the edition to remove first.</source>
        <translation>请先选中要删除的文章或期次。</translation>
    </message>
    <message>
        <source>Select the articles to correct first.</source>
        <translation>请先选中要校订的文章。</translation>
    </message>
    <message>
        <source>Corrected %1 article(s).</source>
        <translation>已校订 %1 篇文章。</translation>
    </message>
    <message>
        <source>Selected articles</source>
        <translation>选中的文章</translation>
    </message>
    <message>
        <source>The selection (选集)</source>
        <translation>选集</translation>
    </message>
    <message>
        <source>All results of the search</source>
        <translation>本次检索的全部结果</translation>
    </message>
    <message>
        <source>Select articles to add to the selection first.</source>
        <translation>请先选中要加入选集的文章。</translation>
    </message>
    <message>
        <source>Already in the selection (%1).</source>
        <translation>已在选集中（%1 篇）。</translation>
    </message>
    <message>
        <source>%1 added to the selection; %2 were already in it.</source>
        <translation>已将 %1 篇加入选集；另有 %2 篇原已在选集中。</translation>
    </message>
    <message>
        <source>%1 added to the selection.</source>
        <translation>已将 %1 篇加入选集。</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Count by</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>per</source>
        <translation>按</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>No data</source>
        <translation>没有数据</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <source>Rebuilding the search index: %1 of %2 articles…</source>
        <translation>正在重建检索索引：第 %1 篇，共 %2 篇……</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Another program is changing this archive (%1); you see its last saved state.</source>
        <translation>另一个程序正在修改此档案库（%1）；这里显示的是它最后保存的状态。</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Archive in use</source>
        <translation>资料库正在使用</translation>
    </message>
    <message>
        <source>The archive %1 is open in another running instance of the viewer.

Close the other window, or start this one on another archive (--archive DIR).</source>
        <translation>资料库 %1 已在另一个正在运行的查看器中打开。

请关闭另一个窗口，或用其他资料库启动本程序（--archive 目录）。</translation>
    </message>
    <message>
        <source>Sample archive (示例档案)</source>
        <translation>示例档案</translation>
    </message>
    <message>
        <source>Opening the archive %1…</source>
        <translation>正在打开资料库 %1…</translation>
    </message>
    <message>
        <source>Cannot open the archive</source>
        <translation>无法打开资料库</translation>
    </message>
    <message>
        <source>Archive open.</source>
        <translation>资料库已打开。</translation>
    </message>
    <message>
        <source>1 article, %2 shown</source>
        <translation>共 1 篇，已显示 %2 篇</translation>
    </message>
    <message>
        <source>%1 articles, %2 shown</source>
        <translation>共 %1 篇，已显示 %2 篇</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <source>The language changes when the viewer is started again.</source>
        <translation>重新启动查看器后界面语言才会改变。</translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation>切换界面语言</translation>
    </message>
    <message>
        <source>The viewer restarts to show the new language. Restart now?</source>
        <translation>需要重新打开窗口才能显示新的语言。现在重新打开吗？</translation>
    </message>
    <message>
        <source>Query syntax</source>
        <translation>检索语法</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Pingcheng district newspaper archive.
Offline search, browsing and export of the 平城区 paper.</source>
        <translation>平城区报资料库。
离线搜索、浏览和导出平城区报。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Archive: %1</source>
        <translation>档案位置：%1</translation>
    </message>
</context>
<context>
    <name>InsightWiring</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>专题</translation>
    </message>
    <message>
        <source>Counting failed: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <source>Related articles (looking…)</source>
        <translation>相关报道（查找中…）</translation>
    </message>
    <message>
        <source>The collection %1</source>
        <translation>专题 %1</translation>
    </message>
    <message>
        <source>Add to the chosen collection (专题)</source>
        <translation>加入所选专题</translation>
    </message>
    <message>
        <source>Add the selected articles to the collection chosen in the 专题 tab</source>
        <translation>把选中的文章加入“专题”标签页中所选的专题</translation>
    </message>
    <message>
        <source>Choose or create a collection in the 专题 tab, and select articles, first.</source>
        <translation>请先在“专题”标签页中选择或新建专题，并选中文章。</translation>
    </message>
    <message>
        <source>%1 added to the collection.</source>
        <translation>已将 %1 篇加入专题。</translation>
    </message>
</context>
</TS>
