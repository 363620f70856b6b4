<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BackupViewDialog</name>
    <message>
        <source>备份 {time}（只读）</source>
        <translation>Backup of {time} (read-only)</translation>
    </message>
    <message>
        <source>{why}的备份，{time} · {file}。只读查看，不会改动备份或总表。</source>
        <translation>Backup made {why}, {time} · {file}. Read-only: neither the backup nor the master is changed.</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成%</source>
        <translation>% done</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>总表的备份</source>
        <translation>Backups of the master</translation>
    </message>
    <message>
        <source>每次合并、撤销导入和恢复之前，总表都会自动备份（保留最近 30 份）。可以只读打开某份备份查看，或用它恢复总表——恢复前会先备份当前的总表，恢复本身也可以再恢复回来。</source>
        <translation>The master is backed up automatically before every merge, undo and restore (the newest 30 are kept). Open a backup read-only to look at it, or restore the master from it — the current master is backed up first, so a restore can itself be taken back.</translation>
    </message>
    <message>
        <source>还没有备份：第一次合并文件之前会自动备份总表。</source>
        <translation>No backups yet: the master is backed up before the first merge.</translation>
    </message>
    <message>
        <source>打开备份文件夹</source>
        <translation>Open backups folder</translation>
    </message>
    <message>
        <source>只读打开</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>恢复为总表…</source>
        <translation>Restore as master…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>用备份恢复总表</source>
        <translation>Restore the master from a backup</translation>
    </message>
    <message>
        <source>用 {time} 的备份（{why}）恢复总表？
此后的合并和修改都会回到备份时的样子。恢复前会先备份当前的总表，需要时可以再恢复回来。</source>
        <translation>Restore the master from the backup of {time} ({why})?
Merges and edits since then go back to how they were. The current master is backed up first, so you can restore it again if needed.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <source>备份时间</source>
        <translation>Backed up</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>CharCounter</name>
    <message>
        <source>{count} / {limit} 字 · 超出上限，无法保存，请精简</source>
        <translation>{count} / {limit} characters · over the limit, cannot be saved: shorten it</translation>
    </message>
    <message>
        <source>{count} / {limit} 字</source>
        <translation>{count} / {limit} characters</translation>
    </message>
</context>
<context>
    <name>CompletenessModel</name>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>应报</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>已报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>完成率</source>
        <translation>% reported</translation>
    </message>
    <message>
        <source>报告状态</source>
        <translation>Report state</translation>
    </message>
    <message>
        <source>未报任务</source>
        <translation>Tasks not reported</translation>
    </message>
    <message>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>总表值</source>
        <translation>the master value</translation>
    </message>
    <message>
        <source>报送值</source>
        <translation>the incoming value</translation>
    </message>
    <message>
        <source>报送单位 / 电脑</source>
        <translation>Sent by / PC</translation>
    </message>
    <message>
        <source>当前采用</source>
        <translation>Now used</translation>
    </message>
    <message>
        <source>报送时间</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>已随导入撤销</source>
        <translation>Undone with its import</translation>
    </message>
    <message>
        <source>{side}（默认）</source>
        <translation>{side} (default)</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>同一项内容总表和报送文件都改过。合并时已按默认规则采用其中一个值，两个版本都已保留；请逐项确认采用哪一个。</source>
        <translation>Both the master and the sent file changed the same field. The merge kept one value by a fixed rule and both versions are saved; decide for each one which value to keep.</translation>
    </message>
    <message>
        <source>显示已处理的冲突</source>
        <translation>Show resolved conflicts</translation>
    </message>
    <message>
        <source>没有待处理的冲突。</source>
        <translation>No conflicts to resolve.</translation>
    </message>
    <message>
        <source>采用总表值</source>
        <translation>Keep master value</translation>
    </message>
    <message>
        <source>采用报送值</source>
        <translation>Keep incoming value</translation>
    </message>
    <message>
        <source>此文件的全部冲突</source>
        <translation>All of this file&apos;s conflicts</translation>
    </message>
    <message>
        <source>此单位的全部冲突</source>
        <translation>All of this department&apos;s conflicts</translation>
    </message>
    <message>
        <source>全部采用总表值</source>
        <translation>Keep all master values</translation>
    </message>
    <message>
        <source>全部采用报送值</source>
        <translation>Take all submitted values</translation>
    </message>
    <message>
        <source>没有冲突。</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <source>{row} · {field}</source>
        <translation>{row} · {field}</translation>
    </message>
    <message>
        <source>  ✓ 当前采用（默认）</source>
        <translation>  ✓ in use now (default)</translation>
    </message>
    <message>
        <source>  ✓ 已采用</source>
        <translation>  ✓ kept</translation>
    </message>
    <message>
        <source>保留当前值</source>
        <translation>Keep current value</translation>
    </message>
    <message>
        <source>恢复导入前的值</source>
        <translation>Restore value from before the import</translation>
    </message>
    <message>
        <source>总表值</source>
        <translation>Master value</translation>
    </message>
    <message>
        <source>当前值（导入后又修改过）</source>
        <translation>Current value (changed after the import)</translation>
    </message>
    <message>
        <source>文件：{file}</source>
        <translation>File: {file}</translation>
    </message>
    <message>
        <source>文件 {file}</source>
        <translation>file {file}</translation>
    </message>
    <message>
        <source>一次处理{scope}的 {n} 处待处理冲突：</source>
        <translation>Resolve the {n} open conflicts of {scope} at once:</translation>
    </message>
    <message>
        <source>报送值</source>
        <translation>Incoming value</translation>
    </message>
    <message>
        <source>导入前的值</source>
        <translation>Value before the import</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>IPDesk 出现了程序错误</source>
        <translation>IPDesk ran into a program error</translation>
    </message>
    <message>
        <source>很抱歉，IPDesk 遇到了一个程序错误。已保存的内容不会丢失（每次修改都已立即保存）。
请点击“复制错误信息”，把它发给协调员或技术支持，并说明刚才做了什么。</source>
        <translation>Sorry, IPDesk ran into a program error. Nothing saved is lost (every change was saved at once).
Click &quot;Copy error details&quot;, send them to the coordinator or to support, and say what you were doing.</translation>
    </message>
    <message>
        <source>复制错误信息</source>
        <translation>Copy error details</translation>
    </message>
</context>
<context>
    <name>DepartmentEditor</name>
    <message>
        <source>添加单位</source>
        <translation>Add department</translation>
    </message>
    <message>
        <source>编辑单位 {name}</source>
        <translation>Edit department {name}</translation>
    </message>
    <message>
        <source>单位与联络员</source>
        <translation>Departments and liaison officers</translation>
    </message>
    <message>
        <source>全称(&amp;N)</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <source>简称(&amp;S)</source>
        <translation>&amp;Short name</translation>
    </message>
    <message>
        <source>代码(&amp;C)</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>联络员(&amp;L)</source>
        <translation>&amp;Liaison officer</translation>
    </message>
    <message>
        <source>电话(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>电子邮箱(&amp;E)</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>代码用于文件名和命令行（字母或拼音缩写，如 kjj），添加后不宜再改。</source>
        <translation>The code is used in file names and on the command line (letters or a pinyin abbreviation such as kjj); avoid changing it later.</translation>
    </message>
</context>
<context>
    <name>DepartmentForm</name>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>提交本期</source>
        <translation>Submit period</translation>
    </message>
    <message>
        <source>打印本部门表</source>
        <translation>Print department sheet</translation>
    </message>
    <message>
        <source>导出报送文件</source>
        <translation>Export file to send</translation>
    </message>
    <message>
        <source>{dept} · {period} · 截止 {deadline}</source>
        <translation>{dept} · {period} · due {deadline}</translation>
    </message>
    <message>
        <source>单位(&amp;U)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>累计类指标按累计总数填写（自动换算为本期新增）(&amp;G)</source>
        <translation>Enter cumulative indicators as running &amp;totals (converted to this period&apos;s amount)</translation>
    </message>
    <message>
        <source>勾选后，累计类指标填写截至本期末的累计总数；不勾选则填写本期新增数。</source>
        <translation>When ticked, cumulative indicators take the running total at the end of the period; otherwise the amount added this period.</translation>
    </message>
    <message>
        <source>牵头任务（{n}）</source>
        <translation>Lead tasks ({n})</translation>
    </message>
    <message>
        <source>配合任务（{n}）</source>
        <translation>Co-operating tasks ({n})</translation>
    </message>
    <message>
        <source>指标填报（{n}）</source>
        <translation>Indicator values ({n})</translation>
    </message>
    <message>
        <source>状态：草稿 — 填写完成后请点击“提交本期”。</source>
        <translation>State: draft — when everything is filled in, click &quot;Submit period&quot;.</translation>
    </message>
    <message>
        <source>状态：已提交（{when}），等待协调员审核。本期内容已锁定。</source>
        <translation>State: submitted ({when}), waiting for the coordinator&apos;s review. This period is locked.</translation>
    </message>
    <message>
        <source>状态：审核通过（已锁定）。</source>
        <translation>State: approved (locked).</translation>
    </message>
    <message>
        <source>状态：已退回 — 原因：{reason}。请修改后重新提交。</source>
        <translation>State: returned — reason: {reason}. Please correct it and submit again.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; 项牵头任务本期未填报：{codes}</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; lead task(s) not reported this period: {codes}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; 项指标低于进度：{names}</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; indicator(s) behind schedule: {names}</translation>
    </message>
    <message>
        <source>{period} 的报告被退回：{reason}</source>
        <translation>Report for {period} returned: {reason}</translation>
    </message>
    <message>
        <source>本期截止 {date}（还有 {n} 天）</source>
        <translation>This period is due {date} ({n} days left)</translation>
    </message>
    <message>
        <source>本期已过截止日期 {date}，请尽快提交</source>
        <translation>This period was due {date}; please submit soon</translation>
    </message>
    <message>
        <source>本期没有待办事项。</source>
        <translation>Nothing to do for this period.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成%</source>
        <translation>% done</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>复制上期报告</source>
        <translation>Copy last period&apos;s report</translation>
    </message>
    <message>
        <source>本期已经填写了这项任务；复制上期报告会替换本期的内容（可撤销）。继续吗？</source>
        <translation>This task is already filled in for this period; copying last period&apos;s report replaces it (it can be undone). Continue?</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>上期报告</source>
        <translation>last period&apos;s report</translation>
    </message>
    <message>
        <source>已复制上期报告到 {code}，请按本期情况修改。</source>
        <translation>Copied last period&apos;s report to {code}; correct it for this period.</translation>
    </message>
    <message>
        <source>选择佐证材料</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>已打开 {name}</source>
        <translation>Opened {name}</translation>
    </message>
    <message>
        <source>删除佐证材料</source>
        <translation>Remove evidence</translation>
    </message>
    <message>
        <source>确定删除“{name}”吗？（可用“撤销”恢复）</source>
        <translation>Remove &quot;{name}&quot;? (Undo brings it back)</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>“{text}”不是数字，请填写数字。</source>
        <translation>&quot;{text}&quot; is not a number; enter a number.</translation>
    </message>
    <message>
        <source>折合本期新增 {amount}（累计 {total}）</source>
        <translation>= {amount} added this period (total {total})</translation>
    </message>
    <message>
        <source>本单位累计将为 {total}（本期新增 {amount}）</source>
        <translation>Your running total will be {total} ({amount} added this period)</translation>
    </message>
    <message>
        <source>请核实数值</source>
        <translation>Please check the value</translation>
    </message>
    <message>
        <source>确认保存</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <source>未保存：{name}</source>
        <translation>Not saved: {name}</translation>
    </message>
    <message>
        <source>（累计 {total}）</source>
        <translation> (total {total})</translation>
    </message>
    <message>
        <source>已保存：{name} = {value}</source>
        <translation>Saved: {name} = {value}</translation>
    </message>
    <message>
        <source>提交后，{period} 的内容将锁定，不能再修改（除非协调员退回）。</source>
        <translation>After submitting, {period} is locked and cannot be changed (unless the coordinator returns it).</translation>
    </message>
    <message>
        <source>还有 {n} 项牵头任务本期未填报：{codes}</source>
        <translation>{n} lead task(s) are not reported this period: {codes}</translation>
    </message>
    <message>
        <source>确定提交吗？</source>
        <translation>Submit now?</translation>
    </message>
    <message>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>已提交 {period}。请点击“导出报送文件”，把文件交给协调员。</source>
        <translation>Submitted {period}. Click &quot;Export file to send&quot; and give the file to the coordinator.</translation>
    </message>
    <message>
        <source>审核通过{dept} {period} 的报告？通过后将锁定。</source>
        <translation>Approve the report of {dept} for {period}? It will be locked.</translation>
    </message>
    <message>
        <source>退回报告</source>
        <translation>Return report</translation>
    </message>
    <message>
        <source>请写明退回原因（部门将看到）：</source>
        <translation>Why is it returned? (the department will see this):</translation>
    </message>
    <message>
        <source>{periods} 还没有提交。现在导出，文件将作为草稿报送：协调员以已提交的报告为准，草稿不会覆盖已提交的内容。

建议先点“提交本期”再导出。仍要导出吗？</source>
        <translation>{periods} has not been submitted. Exported now, the file goes as a draft: the coordinator goes by submitted reports, and a draft never overrides them.

Best submit the period first. Export anyway?</translation>
    </message>
    <message>
        <source>仍然导出（草稿）</source>
        <translation>Export anyway (draft)</translation>
    </message>
    <message>
        <source>已生成报送文件 {path}。请把这个文件交给协调员（U盘或邮件）。</source>
        <translation>Created the file to send: {path}. Give this file to the coordinator (USB stick or e-mail).</translation>
    </message>
    <message>
        <source>正在生成报送文件…</source>
        <translation>Creating the file to send…</translation>
    </message>
</context>
<context>
    <name>DeptTaskModel</name>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成%</source>
        <translation>% done</translation>
    </message>
    <message>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>不在期内</source>
        <translation>Not in period</translation>
    </message>
    <message>
        <source>已填</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Missing</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>把各单位报送的 .ipdesk 文件拖到这里（可一次拖入多个文件或一个文件夹），先逐个检查并预览，确认后再合并到总表。</source>
        <translation>Drop the .ipdesk files the departments sent here (several files or a folder at once). Each is checked and previewed first; nothing is merged into the master until you confirm.</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose files…</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>已生成 {name}</source>
        <translation>Created {name}</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>已保存 {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>正在生成 {title}…</source>
        <translation>Creating {title}…</translation>
    </message>
</context>
<context>
    <name>FilePreviewDialog</name>
    <message>
        <source>{file}（{dept}）带来的修改</source>
        <translation>What {file} ({dept}) brings</translation>
    </message>
</context>
<context>
    <name>FilesModel</name>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>隔离</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <source>拒收原因 / 提示</source>
        <translation>Reason refused / notes</translation>
    </message>
    <message>
        <source>检查中…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>出错</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>未合并（已取消）</source>
        <translation>Not merged (cancelled)</translation>
    </message>
    <message>
        <source>拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>无需合并</source>
        <translation>Nothing to merge</translation>
    </message>
    <message>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>可合并</source>
        <translation>Ready to merge</translation>
    </message>
    <message>
        <source>草稿（未提交）：{periods}——已提交的报告不会被草稿覆盖</source>
        <translation>Draft (not submitted): {periods} — submitted reports are never overridden by a draft</translation>
    </message>
    <message>
        <source>{n} 行比总表中的旧，已跳过</source>
        <translation>{n} rows older than the master&apos;s, skipped</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>输入编号、名称或单位，只显示含有它的行</source>
        <translation>Type a code, a name or a department: only rows containing it are shown</translation>
    </message>
    <message>
        <source>关闭查找（Esc）</source>
        <translation>Close find (Esc)</translation>
    </message>
    <message>
        <source>已找到</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>没有找到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>{shown} / {total} 行</source>
        <translation>{shown} / {total} rows</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>&lt;b&gt;打开&lt;/b&gt;：双击协调员发来的 .ipdesk 文件，或在本窗口点“打开协调员发来的文件”。请先把文件复制到电脑上，不要直接在U盘里打开。</source>
        <translation>&lt;b&gt;Open&lt;/b&gt;: double-click the .ipdesk file from the coordinator, or click &quot;Open a file from the coordinator&quot; here. Copy the file to the PC first; do not open it on the USB stick.</translation>
    </message>
    <message>
        <source>&lt;b&gt;填报&lt;/b&gt;：在“部门填报”中，右上角选好报送期间；点选一项任务，填写状态、完成百分比、进展情况、存在问题、下步计划，添加佐证材料。每次修改都会立即保存，按 Ctrl+Z 可撤销上一步。</source>
        <translation>&lt;b&gt;Report&lt;/b&gt;: in &quot;Department report&quot;, choose the period at the top right; pick a task and fill in status, % done, progress, problems, next steps, and add evidence files. Every change is saved at once; Ctrl+Z undoes the last one.</translation>
    </message>
    <message>
        <source>&lt;b&gt;指标&lt;/b&gt;：在下方“指标填报”中填写本期新增数量（累计会自动计算）。数值有误时会在格子旁提示。</source>
        <translation>&lt;b&gt;Indicators&lt;/b&gt;: under &quot;Indicator values&quot;, enter this period&apos;s new amount (the running total is calculated). A doubtful value is pointed out next to the cell.</translation>
    </message>
    <message>
        <source>&lt;b&gt;打印&lt;/b&gt;：点“打印本部门表”（Ctrl+P），在打印对话框中选择打印机、份数和页码；也可打印预览或另存为 PDF。请领导签字盖章。</source>
        <translation>&lt;b&gt;Print&lt;/b&gt;: click &quot;Print department sheet&quot; (Ctrl+P) and choose the printer, copies and pages in the print dialog; or preview it, or save it as PDF. Have it signed and stamped.</translation>
    </message>
    <message>
        <source>&lt;b&gt;提交并报送&lt;/b&gt;：全部填完后点“提交本期”（提交后锁定），再点“导出报送文件”，把生成的文件用U盘或邮件交给协调员。</source>
        <translation>&lt;b&gt;Submit and send&lt;/b&gt;: when everything is filled in, click &quot;Submit period&quot; (it locks the period), then &quot;Export file to send&quot;, and give that file to the coordinator by USB stick or e-mail.</translation>
    </message>
    <message>
        <source>&lt;b&gt;建立&lt;/b&gt;：点“新建总表（内置计划）”，内置方案的任务、指标、阶段和分工会全部建立。在“计划设置”中核对单位、联络员、分工、时限和指标目标。</source>
        <translation>&lt;b&gt;Set up&lt;/b&gt;: click &quot;New master (built-in plan)&quot;; the plan&apos;s tasks, indicators, phases and assignments are all created. Check departments, liaison officers, assignments, dates and targets under &quot;Plan settings&quot;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;下发&lt;/b&gt;：在“汇总合并”中为各单位生成部门文件，发给各单位联络员。</source>
        <translation>&lt;b&gt;Issue&lt;/b&gt;: under &quot;Merge&quot;, create a file for each department and give it to its liaison officer.</translation>
    </message>
    <message>
        <source>&lt;b&gt;汇总&lt;/b&gt;：把各单位交回的文件拖到“汇总合并”，先预览（新增、修改、冲突、拒收及原因），再合并；冲突逐项选择，合并可以撤销。</source>
        <translation>&lt;b&gt;Merge&lt;/b&gt;: drop the files the departments send back onto &quot;Merge&quot;, check the preview (new, changed, conflicts, refused and why), then merge; pick a side for each conflict. A merge can be undone.</translation>
    </message>
    <message>
        <source>&lt;b&gt;审核&lt;/b&gt;：在“部门填报”中选择单位，审核通过或退回（写明原因）。“全区总览”可按领域、单位、状态、红黄绿灯、逾期、本期未报筛选。</source>
        <translation>&lt;b&gt;Review&lt;/b&gt;: in &quot;Department report&quot;, pick a department and approve or return its report (with a reason). &quot;District overview&quot; filters by area, department, status, red/yellow/green, overdue and not reported this period.</translation>
    </message>
    <message>
        <source>&lt;b&gt;打印与归档&lt;/b&gt;：打印全区汇总表、指标完成情况表；检查验收前导出归档材料。总表文件请定期备份。</source>
        <translation>&lt;b&gt;Print and archive&lt;/b&gt;: print the district summary and the indicator sheet; export the archive before the acceptance check. Back up the master file regularly.</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>联络员使用指南</source>
        <translation>Guide for liaison officers</translation>
    </message>
    <message>
        <source>协调员使用指南</source>
        <translation>Guide for the coordinator</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>电脑（单位 · 名称）</source>
        <translation>PC (department · name)</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
</context>
<context>
    <name>ImportsModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>隔离</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已撤销（{time}）</source>
        <translation>Undone ({time})</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>In effect</translation>
    </message>
</context>
<context>
    <name>ImportsPanel</name>
    <message>
        <source>每次合并都记录在这里，合并前的总表已备份。撤销某次导入只撤回它带来的修改，之后的导入不受影响。</source>
        <translation>Every merge is logged here and the master was backed up before it. Undoing one import takes back only what it changed; later imports stay as they are.</translation>
    </message>
    <message>
        <source>重新导入…</source>
        <translation>Import again…</translation>
    </message>
    <message>
        <source>撤销过的导入：用总表保存的文件副本再导入一次，如同没有撤销过</source>
        <translation>An undone import: merge the copy of its file the master kept, as if it had never been undone</translation>
    </message>
    <message>
        <source>撤销此次导入…</source>
        <translation>Undo this import…</translation>
    </message>
    <message>
        <source>还没有合并过文件。</source>
        <translation>No file has been merged yet.</translation>
    </message>
    <message>
        <source>导入 #{id}：{file}（{dept}），文件生成于 {made}，共改动 {rows} 行。</source>
        <translation>Import #{id}: {file} ({dept}), file made on {made}; {rows} rows changed.</translation>
    </message>
</context>
<context>
    <name>IndicatorBoard</name>
    <message>
        <source>本单位</source>
        <translation>My department</translation>
    </message>
    <message>
        <source>只显示本单位负责的指标</source>
        <translation>Show only the indicators this department reports</translation>
    </message>
    <message>
        <source>全区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>显示全区所有指标</source>
        <translation>Show every indicator of the district</translation>
    </message>
    <message>
        <source>应达进度按 %1 计算</source>
        <translation>Expected progress as of %1</translation>
    </message>
    <message>
        <source>%1 项指标</source>
        <translation>%1 indicators</translation>
    </message>
    <message>
        <source>类型：%1</source>
        <translation>Kind: %1</translation>
    </message>
    <message>
        <source>未填报</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>责任单位：%1</source>
        <translation>Responsible: %1</translation>
    </message>
</context>
<context>
    <name>IndicatorEditor</name>
    <message>
        <source>指标设置 {code}</source>
        <translation>Indicator settings {code}</translation>
    </message>
    <message>
        <source>达到（≥）</source>
        <translation>At least (≥)</translation>
    </message>
    <message>
        <source>超过（&gt;）</source>
        <translation>More than (&gt;)</translation>
    </message>
    <message>
        <source>不超过（≤）</source>
        <translation>At most (≤)</translation>
    </message>
    <message>
        <source>低于（&lt;）</source>
        <translation>Less than (&lt;)</translation>
    </message>
    <message>
        <source>保持（=）</source>
        <translation>Equal to (=)</translation>
    </message>
    <message>
        <source>约（≈）</source>
        <translation>About (≈)</translation>
    </message>
    <message>
        <source>各单位数值相加</source>
        <translation>Add up the departments&apos; values</translation>
    </message>
    <message>
        <source>以指定单位的数值为准</source>
        <translation>Use the designated department&apos;s value</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>类型：{kind}。累计、新增类指标由各单位填写每期新增数量。</source>
        <translation>Kind: {kind}. For cumulative and new indicators, departments enter each period&apos;s new amount.</translation>
    </message>
    <message>
        <source>指标设置</source>
        <translation>Indicator settings</translation>
    </message>
    <message>
        <source>指标名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>单位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <source>目标(&amp;T)</source>
        <translation>&amp;Target</translation>
    </message>
    <message>
        <source>基数（2023年11月）(&amp;B)</source>
        <translation>&amp;Baseline (Nov 2023)</translation>
    </message>
    <message>
        <source>多单位填报时(&amp;A)</source>
        <translation>&amp;Several departments report</translation>
    </message>
    <message>
        <source>指定填报单位(&amp;D)</source>
        <translation>&amp;Designated department</translation>
    </message>
    <message>
        <source>有基数</source>
        <translation>Has a baseline</translation>
    </message>
</context>
<context>
    <name>IndicatorGridModel</name>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>本期新增 / 本期数值</source>
        <translation>New this period / value</translation>
    </message>
    <message>
        <source>累计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>完成率</source>
        <translation>% of target</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>累计类、新增类指标填写本期新增数量，累计自动计算；其他指标填写本期数值。</source>
        <translation>For cumulative and new indicators enter the period&apos;s new amount (the total is calculated); for others the period&apos;s value.</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>本单位以往填报：</source>
        <translation>Earlier values of this department:</translation>
    </message>
    <message>
        <source>本单位尚未填报过。</source>
        <translation>This department has not reported it yet.</translation>
    </message>
    <message>
        <source>累计 = 基数 + 各期新增（全区各填报单位合计），自动计算，不能直接修改。</source>
        <translation>Total = baseline + every period&apos;s new amounts (all reporting departments); calculated, not edited.</translation>
    </message>
</context>
<context>
    <name>IndicatorOverviewChart</name>
    <message>
        <source>各指标完成情况（占目标的百分比）</source>
        <translation>Indicators: current against target (%)</translation>
    </message>
    <message>
        <source>当前完成率</source>
        <translation>Current %</translation>
    </message>
    <message>
        <source>应达进度</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>目标 100%</source>
        <translation>Target 100%</translation>
    </message>
    <message>
        <source>未填报</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>当前：%1 %2（目标的 %3%）</source>
        <translation>Current: %1 %2 (%3% of target)</translation>
    </message>
    <message>
        <source>应达：%1 %2（目标的 %3%）</source>
        <translation>Expected: %1 %2 (%3% of target)</translation>
    </message>
</context>
<context>
    <name>IndicatorTableModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>完成率</source>
        <translation>% of target</translation>
    </message>
    <message>
        <source>应达进度</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>单位</source>
        <comment>unit of measure: 件, 家, 亿元, %</comment>
        <translation>Unit</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>%1年底前</source>
        <translation>by end of %1</translation>
    </message>
    <message>
        <source>%1前</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>未填报</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>责任单位：%1</source>
        <translation>Responsible: %1</translation>
    </message>
    <message>
        <source>按计划进度，%1 应达到 %2（目标的 %3%）</source>
        <translation>On schedule, %1 should have reached %2 (%3% of target)</translation>
    </message>
    <message>
        <source>预警：%1（%2）</source>
        <translation>Warning: %1 (%2)</translation>
    </message>
    <message>
        <source>还没有填报数值</source>
        <translation>No value reported yet</translation>
    </message>
</context>
<context>
    <name>IndicatorTrendChart</name>
    <message>
        <source>选择一个指标查看趋势</source>
        <translation>Choose an indicator to see its trend</translation>
    </message>
    <message>
        <source>累计完成</source>
        <translation>Total reached</translation>
    </message>
    <message>
        <source>实际值</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>应达进度</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>目标 %1</source>
        <translation>Target %1</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>实际：%1</source>
        <translation>Actual: %1</translation>
    </message>
    <message>
        <source>应达：%1</source>
        <translation>Expected: %1</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>下发部门文件</source>
        <translation>Issue department files</translation>
    </message>
    <message>
        <source>勾选要下发（或重新下发）文件的单位。每个单位得到一个新文件和新的签名密钥，它之前的文件停用；未勾选的单位不受影响。</source>
        <translation>Tick the departments to issue (or re-issue) a file to. Each gets a new file and a new signing key, and its earlier file stops being accepted; departments not ticked are not affected.</translation>
    </message>
    <message>
        <source>筛选单位…</source>
        <translation>Filter departments…</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>None</translation>
    </message>
    <message>
        <source>下发所选单位（{n}）…</source>
        <translation>Issue to the chosen ({n})…</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消：当前这一步完成后停止…</source>
        <translation>Cancelling: stopping once the current step is done…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>提醒</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>恢复为总表…</source>
        <translation>Restore as the master…</translation>
    </message>
    <message>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>新建总表（内置计划）…</source>
        <translation>New master (built-in plan)…</translation>
    </message>
    <message>
        <source>打开演示计划</source>
        <translation>Open the demo plan</translation>
    </message>
    <message>
        <source>由任务分解表新建总表…</source>
        <translation>New master from a task breakdown…</translation>
    </message>
    <message>
        <source>由工作方案文件新建…</source>
        <translation>New from a plan document…</translation>
    </message>
    <message>
        <source>关闭文件</source>
        <translation>Close file</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>导出报送文件…</source>
        <translation>Export file to send…</translation>
    </message>
    <message>
        <source>打印本部门表…</source>
        <translation>Print department sheet…</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>导出工作台账（Excel）…</source>
        <translation>Export the ledger (Excel)…</translation>
    </message>
    <message>
        <source>导出检查验收归档（zip）…</source>
        <translation>Export the acceptance archive (zip)…</translation>
    </message>
    <message>
        <source>导入部门 Excel 填报表…</source>
        <translation>Import a department&apos;s Excel workbook…</translation>
    </message>
    <message>
        <source>合并协调员下发的新文件…</source>
        <translation>Merge a file newly issued by the coordinator…</translation>
    </message>
    <message>
        <source>提交本期…</source>
        <translation>Submit period…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>查找…</source>
        <translation>Find…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>关于 IPDesk</source>
        <translation>About IPDesk</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>打印全区报表</source>
        <translation>Print district sheets</translation>
    </message>
    <message>
        <source>全区工作推进情况汇总表</source>
        <translation>District progress summary</translation>
    </message>
    <message>
        <source>指标完成情况表</source>
        <translation>Indicator sheet</translation>
    </message>
    <message>
        <source>检查验收逐项疏理表</source>
        <translation>Acceptance checklist</translation>
    </message>
    <message>
        <source>导入 / 导出</source>
        <translation>Import / export</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>报送期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>（没有最近打开的文件）</source>
        <translation>(no recent files)</translation>
    </message>
    <message>
        <source>打开 IPDesk 文件</source>
        <translation>Open an IPDesk file</translation>
    </message>
    <message>
        <source>已自动保存 {time}</source>
        <translation>Saved automatically {time}</translation>
    </message>
    <message>
        <source>这是总表的备份（{name}），只读打开：各页面可以查看，不能修改、合并或下发。如需用它替换总表，请点“恢复为总表…”。</source>
        <translation>This is a backup of the master ({name}), opened read-only: every page can be viewed, nothing can be edited, merged or issued. To replace the master with it, click “Restore as the master…”.</translation>
    </message>
    <message>
        <source>已打开 {name}。每次修改都会立即保存。</source>
        <translation>Opened {name}. Every change is saved at once.</translation>
    </message>
    <message>
        <source>只读打开的备份，不会保存任何修改。</source>
        <translation>Backup opened read-only; nothing is saved.</translation>
    </message>
    <message>
        <source>{title}（备份，只读）</source>
        <translation>{title} (backup, read-only)</translation>
    </message>
    <message>
        <source>用备份恢复总表</source>
        <translation>Restore the master from a backup</translation>
    </message>
    <message>
        <source>用这份备份（{name}）恢复总表？
此后的合并和修改都会回到备份时的样子。恢复前会先备份当前的总表，需要时可以再恢复回来。</source>
        <translation>Restore the master from this backup ({name})?
Merges and edits made since will be back as they were at the backup. The current master is backed up first, so this can be restored back.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>IPDesk 知识产权强区建设工作台</source>
        <translation>IPDesk — IP work plan desk</translation>
    </message>
    <message>
        <source>新建总表（内置计划）</source>
        <translation>New master (built-in plan)</translation>
    </message>
    <message>
        <source>选择任务分解表（Excel）</source>
        <translation>Choose the task breakdown (Excel)</translation>
    </message>
    <message>
        <source>新总表保存为</source>
        <translation>Save the new master as</translation>
    </message>
    <message>
        <source>选择工作方案文件</source>
        <translation>Choose the plan document</translation>
    </message>
    <message>
        <source>工作方案 (*.docx *.pdf *.html *.htm *.txt)</source>
        <translation>Plan documents (*.docx *.pdf *.html *.htm *.txt)</translation>
    </message>
    <message>
        <source>部门填报</source>
        <translation>Department report</translation>
    </message>
    <message>
        <source>全区总览</source>
        <translation>District overview</translation>
    </message>
    <message>
        <source>进度甘特图</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>指标看板</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>汇总合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>计划设置</source>
        <translation>Plan settings</translation>
    </message>
    <message>
        <source>{period}（本期）</source>
        <translation>{period} (current)</translation>
    </message>
    <message>
        <source>总表（协调员）</source>
        <translation>Master (coordinator)</translation>
    </message>
    <message>
        <source>{dept}（部门文件）</source>
        <translation>{dept} (department file)</translation>
    </message>
    <message>
        <source>{role} · 计划 {start} 至 {end} · {file}</source>
        <translation>{role} · plan {start} to {end} · {file}</translation>
    </message>
    <message>
        <source>撤销：{what}</source>
        <translation>Undo: {what}</translation>
    </message>
    <message>
        <source>重做：{what}</source>
        <translation>Redo: {what}</translation>
    </message>
    <message>
        <source>导出工作台账</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <source>导出检查验收归档</source>
        <translation>Export the acceptance archive</translation>
    </message>
    <message>
        <source>选择部门交回的 Excel 填报表</source>
        <translation>Choose the Excel workbook a department sent back</translation>
    </message>
    <message>
        <source>导入部门 Excel 填报表</source>
        <translation>Import a department&apos;s Excel workbook</translation>
    </message>
    <message>
        <source>正在导入 Excel 填报表…</source>
        <translation>Importing the Excel workbook…</translation>
    </message>
    <message>
        <source>选择协调员下发的新部门文件</source>
        <translation>Choose the department file newly issued by the coordinator</translation>
    </message>
    <message>
        <source>已合并新下发的文件</source>
        <translation>Newly issued file merged</translation>
    </message>
    <message>
        <source>未能合并</source>
        <translation>Could not merge</translation>
    </message>
    <message>
        <source>已恢复总表</source>
        <translation>Master restored</translation>
    </message>
    <message>
        <source>已用备份 {backup} 恢复总表。恢复前的总表已备份为 {saved}，需要时可在“汇总合并 → 备份”中再恢复。</source>
        <translation>The master was restored from the backup {backup}. The master as it was is backed up as {saved}; restore it under Merge center → Backups if needed.</translation>
    </message>
    <message>
        <source>IPDesk {version} 知识产权强区建设工作台
离线运行；每次修改立即保存在 .ipdesk 文件中。
字体：思源黑体 Noto Sans SC（SIL 开源字体许可）。</source>
        <translation>IPDesk {version} — IP work plan desk
Works offline; every change is saved at once in the .ipdesk file.
Font: Noto Sans SC (SIL Open Font License).</translation>
    </message>
</context>
<context>
    <name>MergeCenter</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>未删除</source>
        <translation>Not deleted</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>this PC</translation>
    </message>
    <message>
        <source>电脑 {n}</source>
        <translation>PC {n}</translation>
    </message>
    <message>
        <source>汇总合并</source>
        <translation>Merge center</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>Backups…</translation>
    </message>
    <message>
        <source>查看总表的自动备份：只读打开，或用某份备份恢复总表</source>
        <translation>The master&apos;s automatic backups: open one read-only, or restore the master from one</translation>
    </message>
    <message>
        <source>下发部门文件…</source>
        <translation>Issue department files…</translation>
    </message>
    <message>
        <source>为勾选的单位（可全选）生成部门文件（含最新计划和审核结果），保存到所选文件夹</source>
        <translation>Make department files (with the latest plan and review results) for the departments you tick (or all), saved in a folder you choose</translation>
    </message>
    <message>
        <source>双击文件查看它带来的每一项修改</source>
        <translation>Double-click a file to see every change it brings</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>清空列表</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <source>合并全部</source>
        <translation>Merge all</translation>
    </message>
    <message>
        <source>导入文件（{n}）</source>
        <translation>Files to merge ({n})</translation>
    </message>
    <message>
        <source>导入文件</source>
        <translation>Files to merge</translation>
    </message>
    <message>
        <source>冲突（{n}）</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>Import log</translation>
    </message>
    <message>
        <source>隔离记录（{n}）</source>
        <translation>Quarantine ({n})</translation>
    </message>
    <message>
        <source>隔离记录</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <source>报送审核（待审核 {n}）</source>
        <translation>Review ({n} waiting)</translation>
    </message>
    <message>
        <source>报送审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>待处理冲突 {n} 处</source>
        <translation>{n} conflicts to resolve</translation>
    </message>
    <message>
        <source>待审核报告 {n} 份</source>
        <translation>{n} reports to review</translation>
    </message>
    <message>
        <source>已导入 {n} 次</source>
        <translation>{n} imports</translation>
    </message>
    <message>
        <source>尚未导入文件</source>
        <translation>nothing imported yet</translation>
    </message>
    <message>
        <source>合并全部（{n} 个文件）</source>
        <translation>Merge all ({n} files)</translation>
    </message>
    <message>
        <source>正在检查 {n} 个文件…</source>
        <translation>Checking {n} files…</translation>
    </message>
    <message>
        <source>{n} 个文件可合并：新增 {new} 行，修改 {changed} 行，冲突 {conflicts} 处，隔离 {q} 行。</source>
        <translation>{n} files ready: {new} new rows, {changed} changed, {conflicts} conflicts, {q} quarantined.</translation>
    </message>
    <message>
        <source>没有需要合并的文件。</source>
        <translation>No file needs merging.</translation>
    </message>
    <message>
        <source> {n} 个文件被拒收，不会合并。</source>
        <translation> {n} files refused; they will not be merged.</translation>
    </message>
    <message>
        <source>选择各单位报送的文件</source>
        <translation>Choose the files the departments sent</translation>
    </message>
    <message>
        <source>IPDesk 报送文件 (*.ipdesk);;所有文件 (*)</source>
        <translation>IPDesk files (*.ipdesk);;All files (*)</translation>
    </message>
    <message>
        <source>不能把总表合并到它自己：请选择各单位报送的文件。</source>
        <translation>The master cannot be merged into itself: choose the files the departments sent.</translation>
    </message>
    <message>
        <source>没有新的文件：所选文件已在列表中，或文件夹中没有 .ipdesk 文件。</source>
        <translation>No new files: they are already in the list, or the folder holds no .ipdesk file.</translation>
    </message>
    <message>
        <source>检查时出现程序错误</source>
        <translation>A program error occurred while checking</translation>
    </message>
    <message>
        <source>正在处理 {name}（{n}/{total}）…</source>
        <translation>Working on {name} ({n}/{total})…</translation>
    </message>
    <message>
        <source>正在合并 {n} 个文件…</source>
        <translation>Merging {n} files…</translation>
    </message>
    <message>
        <source>已合并 {n} 个文件：新增 {new} 行，修改 {changed} 行，冲突 {c} 处，隔离 {q} 行。</source>
        <translation>Merged {n} files: {new} new rows, {changed} changed, {c} conflicts, {q} quarantined.</translation>
    </message>
    <message>
        <source> {n} 个文件被拒收（原因见列表）。</source>
        <translation> {n} files were refused (see the list for why).</translation>
    </message>
    <message>
        <source> 已取消：其余 {n} 个文件未合并。</source>
        <translation> Cancelled: the other {n} files were not merged.</translation>
    </message>
    <message>
        <source> 请在“冲突”页逐项确认采用哪个值。</source>
        <translation> Decide each one under “Conflicts”.</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>撤销导入 #{id}（{file}）？
该文件带来的修改将被撤回，之后的导入和修改保持不变；撤销前会先备份总表。</source>
        <translation>Undo import #{id} ({file})?
The changes this file brought are taken back; later imports and edits stay as they are. The master is backed up first.</translation>
    </message>
    <message>
        <source>正在撤销导入 #{id}…</source>
        <translation>Undoing import #{id}…</translation>
    </message>
    <message>
        <source>重新导入</source>
        <translation>Import again</translation>
    </message>
    <message>
        <source>重新导入 #{id}（{file}）？
用总表保存的文件副本再合并一次，如同撤销没有发生过；撤销的记录保留在导入记录中。合并前会先备份总表。</source>
        <translation>Import #{id} ({file}) again?
The copy of the file the master kept is merged again, as if the undo had not happened; the undo stays in the import log. The master is backed up first.</translation>
    </message>
    <message>
        <source>正在重新导入 #{id}…</source>
        <translation>Importing #{id} again…</translation>
    </message>
    <message>
        <source>已重新导入 #{old}（{file}），记为导入 #{new}：新增 {n} 行，修改 {c} 行，冲突 {k} 处。</source>
        <translation>Imported #{old} ({file}) again as import #{new}: {n} new rows, {c} changed, {k} conflicts.</translation>
    </message>
    <message>
        <source>总表值</source>
        <translation>the master value</translation>
    </message>
    <message>
        <source>报送值</source>
        <translation>the incoming value</translation>
    </message>
    <message>
        <source>冲突 #{id} 已处理：采用{side}。</source>
        <translation>Conflict #{id} resolved: kept {side}.</translation>
    </message>
    <message>
        <source>批量处理冲突</source>
        <translation>Resolve conflicts together</translation>
    </message>
    <message>
        <source>{scope}的 {n} 处冲突全部采用{side}？可以用“撤销”（Ctrl+Z）撤回。</source>
        <translation>Resolve the {n} conflicts of {scope} with the {side}? Undo (Ctrl+Z) takes it back.</translation>
    </message>
    <message>
        <source>全部采用{side}</source>
        <translation>Use the {side} for all</translation>
    </message>
    <message>
        <source>已处理{scope}的 {n} 处冲突：全部采用{side}。</source>
        <translation>Resolved the {n} conflicts of {scope}: all with the {side}.</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>审核通过{dept}{period}的报告？
通过后该期间的报告锁定，单位不能再修改（如需修改可退回）。</source>
        <translation>Approve the report of {dept} for {period}?
An approved report is locked and the department cannot change it (return it to reopen it).</translation>
    </message>
    <message>
        <source>已审核通过{dept}{period}的报告。</source>
        <translation>Approved the report of {dept} for {period}.</translation>
    </message>
    <message>
        <source>退回报告</source>
        <translation>Return report</translation>
    </message>
    <message>
        <source>退回{dept}{period}的报告。请写明原因和需要补充或修改的内容（单位会看到）：</source>
        <translation>Return the report of {dept} for {period}. Say why and what to add or correct (the department will see it):</translation>
    </message>
    <message>
        <source>已退回{dept}{period}的报告。把更新文件发给单位后，单位即可看到原因并修改。</source>
        <translation>Returned the {period} report of {dept}. Once the update file reaches the department, they see the reason and can revise.</translation>
    </message>
    <message>
        <source>现在为{dept}生成更新文件吗？
这个小文件只带审核结果、退回原因和计划的变更，联络员用“合并协调员下发的新文件”一步合并，本单位未报送的修改都会保留。</source>
        <translation>Make the update file for {dept} now?
This small file carries only the review result, the reason and the plan changes; the liaison merges it in one step with “Merge a file newly issued by the coordinator”, and everything the department has not sent yet is kept.</translation>
    </message>
    <message>
        <source>选择保存更新文件的文件夹</source>
        <translation>Choose a folder for the update file</translation>
    </message>
    <message>
        <source>正在生成更新文件…</source>
        <translation>Making the update file…</translation>
    </message>
    <message>
        <source>已生成更新文件 {name}，保存在 {folder}。请发给该单位联络员，用“合并协调员下发的新文件”一步合并（本单位的填报内容不受影响）。</source>
        <translation>Made the update file {name} in {folder}. Send it to the department&apos;s liaison, who merges it in one step with “Merge a file newly issued by the coordinator” (the department&apos;s own entries are not affected).</translation>
    </message>
    <message>
        <source>生成更新文件</source>
        <translation>Make update file</translation>
    </message>
    <message>
        <source>选择保存部门文件的文件夹</source>
        <translation>Choose the folder for the department files</translation>
    </message>
    <message>
        <source>下发部门文件</source>
        <translation>Issue department files</translation>
    </message>
    <message>
        <source>文件夹中已有 {n} 个 .ipdesk 文件，同名的部门文件将被新文件替换。继续吗？</source>
        <translation>The folder already holds {n} .ipdesk files; department files with the same names will be replaced. Continue?</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>正在生成部门文件…</source>
        <translation>Making department files…</translation>
    </message>
    <message>
        <source>已为 {n} 个单位生成部门文件，保存在 {folder}。请分别发给各单位联络员。</source>
        <translation>Made department files for {n} departments in {folder}. Send each to its liaison officer.</translation>
    </message>
    <message>
        <source>已生成部门文件 {name}，保存在 {folder}。请发给该单位联络员，用“合并协调员下发的新文件”合并。</source>
        <translation>Department file {name} made in {folder}. Send it to the department&apos;s liaison, who merges it with “Merge a file newly issued by the coordinator”.</translation>
    </message>
    <message>
        <source>（已取消，其余单位未生成。）</source>
        <translation> (Cancelled; the other departments got no file.)</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>修改 {code} 的{field}</source>
        <translation>Change {field} of {code}</translation>
    </message>
    <message>
        <source>修改里程碑完成日期</source>
        <translation>Change milestone date</translation>
    </message>
    <message>
        <source>添加佐证材料 {name}</source>
        <translation>Add evidence {name}</translation>
    </message>
    <message>
        <source>删除佐证材料 {name}</source>
        <translation>Remove evidence {name}</translation>
    </message>
    <message>
        <source>填报 {name}</source>
        <translation>Enter {name}</translation>
    </message>
    <message>
        <source>提交 {period}</source>
        <translation>Submit {period}</translation>
    </message>
    <message>
        <source>提交不能撤销；如需修改，请协调员退回本期报告。</source>
        <translation>Submitting cannot be undone; to change the report, ask the coordinator to return it.</translation>
    </message>
    <message>
        <source>审核通过{dept}{period}的报告</source>
        <translation>Approve the report of {dept} for {period}</translation>
    </message>
    <message>
        <source>退回{dept}{period}的报告</source>
        <translation>Return the report of {dept} for {period}</translation>
    </message>
    <message>
        <source>修改报送设置</source>
        <translation>Change reporting settings</translation>
    </message>
    <message>
        <source>修改任务 {code}</source>
        <translation>Change task {code}</translation>
    </message>
    <message>
        <source>修改任务 {code} 的分工</source>
        <translation>Change assignments of {code}</translation>
    </message>
    <message>
        <source>修改里程碑 {name}</source>
        <translation>Change milestone {name}</translation>
    </message>
    <message>
        <source>删除里程碑 {name}</source>
        <translation>Remove milestone {name}</translation>
    </message>
    <message>
        <source>修改单位 {name}</source>
        <translation>Change department {name}</translation>
    </message>
    <message>
        <source>添加单位 {name}</source>
        <translation>Add department {name}</translation>
    </message>
    <message>
        <source>添加单位不能撤销（单位添加后可能已被部门文件引用）；可修改它的名称和联络员。</source>
        <translation>Adding a department cannot be undone (department files may already refer to it); its names and liaison can be changed.</translation>
    </message>
    <message>
        <source>修改指标 {name}</source>
        <translation>Change target {name}</translation>
    </message>
    <message>
        <source>总表值</source>
        <translation>the master value</translation>
    </message>
    <message>
        <source>报送值</source>
        <translation>the incoming value</translation>
    </message>
    <message>
        <source>处理冲突 #{id}：采用{side}</source>
        <translation>Resolve conflict #{id}: keep {side}</translation>
    </message>
    <message>
        <source>处理{scope}的 {n} 处冲突：采用{side}</source>
        <translation>Resolve {n} conflicts of {scope}: {side}</translation>
    </message>
    <message>
        <source>合并到总表</source>
        <translation>Merge into the master</translation>
    </message>
    <message>
        <source>合并不能用“撤销”撤回；如需撤回某个文件，请在“导入记录”中撤销该次导入。</source>
        <translation>A merge is not taken back with Undo; to take back a file, undo its import under Imports.</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>撤销导入不能用“撤销”撤回；如需恢复，请重新合并该文件。</source>
        <translation>Undoing an import is not taken back with Undo; to restore it, merge the file again.</translation>
    </message>
    <message>
        <source>重新导入</source>
        <translation>Import again</translation>
    </message>
    <message>
        <source>重新导入不能用“撤销”撤回；如需撤回，请在“导入记录”中撤销这次新的导入。</source>
        <translation>Importing again cannot be taken back with Undo; undo the new import in the import log instead.</translation>
    </message>
    <message>
        <source>生成更新文件</source>
        <translation>Make update file</translation>
    </message>
    <message>
        <source>生成更新文件不改变总表，无需撤销；如不需要，删除该文件即可。</source>
        <translation>Making an update file does not change the master, so there is nothing to undo; delete the file if it is not needed.</translation>
    </message>
    <message>
        <source>一键下发部门文件</source>
        <translation>Issue files to all departments</translation>
    </message>
    <message>
        <source>下发不能撤销：每个单位得到了新的签名密钥，旧文件停用。如有需要，可再次下发。</source>
        <translation>Issuing cannot be undone: each department got a new signing key and its old file is retired. Issue again if needed.</translation>
    </message>
    <message>
        <source>导入部门 Excel 填报表</source>
        <translation>Import a department&apos;s Excel workbook</translation>
    </message>
    <message>
        <source>导入不能用“撤销”撤回；如需撤回，请在“汇总合并 → 导入记录”中撤销该次导入。</source>
        <translation>An import is not taken back with Undo; to take it back, undo it under Merge center → Imports.</translation>
    </message>
    <message>
        <source>正在合并新下发的文件…</source>
        <translation>Merging the newly issued file…</translation>
    </message>
    <message>
        <source>合并新下发的文件不能撤销；本单位未报送的修改都已保留。</source>
        <translation>Merging a newly issued file cannot be undone; your department&apos;s unsent edits were kept.</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>全区总览</source>
        <translation>District overview</translation>
    </message>
    <message>
        <source>搜索编号、任务内容或单位…</source>
        <translation>Search code, task text or department…</translation>
    </message>
    <message>
        <source>仅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>本期未报</source>
        <translation>Not reported this period</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>领域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>双击单位查看其填报内容并审核。</source>
        <translation>Double-click a department to see its report and review it.</translation>
    </message>
    <message>
        <source>正在读取 {n} 项任务…</source>
        <translation>Reading {n} tasks…</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>四、工作计划（阶段活动）</source>
        <translation>4 Work plan (phase activities)</translation>
    </message>
    <message>
        <source>五、保障措施</source>
        <translation>5 Safeguards</translation>
    </message>
    <message>
        <source>{period} 报送情况</source>
        <translation>Reports for {period}</translation>
    </message>
    <message>
        <source>显示 {shown} / {total} 项任务</source>
        <translation>Showing {shown} of {total} tasks</translation>
    </message>
    <message>
        <source>任务 {n} 项（子任务随上级任务计）：已完成 {done}，推进中 {doing}，滞后 {behind}；进度 {red} {r} 项，{yellow} {y} 项，{green} {g} 项；未按时报送 {late} 项；本期应报 {due} 个单位，已报齐 {reported} 个。</source>
        <translation>{n} tasks (a task with sub-tasks counts once): {done} done, {doing} in progress, {behind} behind; progress {red} {r}, {yellow} {y}, {green} {g}; {late} reported late; {reported} of {due} departments have reported this period.</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Co-operating</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成%</source>
        <translation>% done</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>未报</source>
        <translation>Missing</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>计划内容由协调员维护：修改后立即保存，下次下发的部门文件会带上新的计划。双击一行进行编辑。</source>
        <translation>The plan is kept by the coordinator: changes are saved at once and travel with the next department files issued. Double-click a row to edit it.</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Co-operating</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <source>按编号或内容查找…</source>
        <translation>Find by code or text…</translation>
    </message>
    <message>
        <source>编辑任务…</source>
        <translation>Edit task…</translation>
    </message>
    <message>
        <source>任务与分工</source>
        <translation>Tasks and assignments</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>全称</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>联络员</source>
        <translation>Liaison officer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>牵头 / 配合</source>
        <translation>Lead / co-op</translation>
    </message>
    <message>
        <source>添加单位…</source>
        <translation>Add department…</translation>
    </message>
    <message>
        <source>编辑单位…</source>
        <translation>Edit department…</translation>
    </message>
    <message>
        <source>单位与联络员</source>
        <translation>Departments and liaison officers</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>基数</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>多单位填报</source>
        <translation>Several departments</translation>
    </message>
    <message>
        <source>填报单位</source>
        <translation>Reporting departments</translation>
    </message>
    <message>
        <source>编辑指标…</source>
        <translation>Edit indicator…</translation>
    </message>
    <message>
        <source>指标设置</source>
        <translation>Indicator settings</translation>
    </message>
    <message>
        <source>报送设置</source>
        <translation>Reporting</translation>
    </message>
    <message>
        <source>按季度报送</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>按月报送</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>计划简称</source>
        <translation>Plan short name</translation>
    </message>
    <message>
        <source>报送周期</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>报送截止（期末后）</source>
        <translation>Deadline (after a period ends)</translation>
    </message>
    <message>
        <source>黄灯容差（达到应达进度的）</source>
        <translation>Yellow tolerance (share of expected)</translation>
    </message>
    <message>
        <source>已有填报数据后不能再改变报送周期。截止天数和容差的修改会立即用于全部预警。</source>
        <translation>Once anything is reported the reporting period can no longer change. Changes of the deadline and the tolerance apply to every warning at once.</translation>
    </message>
    <message>
        <source>相加</source>
        <translation>Added up</translation>
    </message>
    <message>
        <source>以{dept}为准</source>
        <translation>{dept} counts</translation>
    </message>
</context>
<context>
    <name>PlanReaderDialog</name>
    <message>
        <source>由工作方案文件新建总表 — 核对读取结果</source>
        <translation>New master from a plan document — check what was read</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>目标 / 单位 / 日期</source>
        <translation>Target / departments / dates</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>放入计划（选中条目之后）</source>
        <translation>Put into the plan (after the selected item)</translation>
    </message>
    <message>
        <source>未读</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>上一轮计划：无（从头开始）</source>
        <translation>Previous plan: none (a fresh start)</translation>
    </message>
    <message>
        <source>承接上一轮总表…</source>
        <translation>Carry on from the previous master…</translation>
    </message>
    <message>
        <source>创建总表…</source>
        <translation>Create master…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>协调单位</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>升一级</source>
        <translation>Level up</translation>
    </message>
    <message>
        <source>降一级</source>
        <translation>Level down</translation>
    </message>
    <message>
        <source>在光标处拆分</source>
        <translation>Split at cursor</translation>
    </message>
    <message>
        <source>与下一条合并</source>
        <translation>Join with next</translation>
    </message>
    <message>
        <source>移出计划</source>
        <translation>Take out of plan</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>原文</source>
        <translation>Source text</translation>
    </message>
    <message>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>Co-operating</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>把左侧选中的文字作为指标</source>
        <translation>Make the text selected on the left a target</translation>
    </message>
    <message>
        <source>起止日期</source>
        <translation>Start and end</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>是否类（无数值）</source>
        <translation>Yes/no (no number)</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>不是指标</source>
        <translation>Not a target</translation>
    </message>
    <message>
        <source>保存指标</source>
        <translation>Save target</translation>
    </message>
    <message>
        <source>未读（{n}）</source>
        <translation>Unread ({n})</translation>
    </message>
    <message>
        <source>单位（{n}）</source>
        <translation>Departments ({n})</translation>
    </message>
    <message>
        <source>（自动：牵头任务最多的单位）</source>
        <translation>(automatic: the department leading most tasks)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;&#x3000;读自 {file}：{tasks} 项任务（含子任务、阶段工作、保障措施），{indicators} 项指标，{phases} 个阶段，{departments} 个单位，&lt;b&gt;{unread}&lt;/b&gt; 段未读。请对照左侧原文核对，修改后再创建总表。</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; read from {file}: {tasks} tasks (with sub-tasks, phase activities and safeguards), {indicators} targets, {phases} phases, {departments} departments, &lt;b&gt;{unread}&lt;/b&gt; paragraphs unread. Check them against the source on the left, correct them, then create the master.</translation>
    </message>
    <message>
        <source>（未找到标题）</source>
        <translation>(no title found)</translation>
    </message>
    <message>
        <source>牵头 {lead}</source>
        <translation>Lead {lead}</translation>
    </message>
    <message>
        <source>至 {date}</source>
        <translation>until {date}</translation>
    </message>
    <message>
        <source>改为{kind}</source>
        <translation>Change to {kind}</translation>
    </message>
    <message>
        <source>调整层级</source>
        <translation>Change level</translation>
    </message>
    <message>
        <source>拆分条目</source>
        <translation>Split item</translation>
    </message>
    <message>
        <source>合并条目</source>
        <translation>Join items</translation>
    </message>
    <message>
        <source>修改条目 {code}</source>
        <translation>Change item {code}</translation>
    </message>
    <message>
        <source>添加指标</source>
        <translation>Add target</translation>
    </message>
    <message>
        <source>修改指标 {name}</source>
        <translation>Change target {name}</translation>
    </message>
    <message>
        <source>不作为指标</source>
        <translation>Not a target</translation>
    </message>
    <message>
        <source>放入计划</source>
        <translation>Put into plan</translation>
    </message>
    <message>
        <source>选择上一轮计划的总表</source>
        <translation>Choose the previous plan&apos;s master</translation>
    </message>
    <message>
        <source>上一轮计划：{name}</source>
        <translation>Previous plan: {name}</translation>
    </message>
    <message>
        <source>新总表保存为</source>
        <translation>Save the new master as</translation>
    </message>
</context>
<context>
    <name>PreviewRows</name>
    <message>
        <source>筛选：任务编号、单位、字段、草稿、冲突…</source>
        <translation>Filter: task code, department, field, draft, conflict…</translation>
    </message>
    <message>
        <source>选择上面的文件，查看它带来的每一项修改。</source>
        <translation>Select a file above to see every change it brings.</translation>
    </message>
    <message>
        <source>正在检查 {file}…</source>
        <translation>Checking {file}…</translation>
    </message>
    <message>
        <source>{file} 被拒收，不会合并任何内容。</source>
        <translation>{file} is refused; nothing of it will be merged.</translation>
    </message>
    <message>
        <source>{file} 没有带来新的修改。</source>
        <translation>{file} brings nothing new.</translation>
    </message>
    <message>
        <source>逐行预览：{n} 项（新增 {new}，修改 {changed}，冲突 {c}，隔离 {q}）</source>
        <translation>Row by row: {n} changes ({new} new, {changed} changed, {c} conflicts, {q} quarantined)</translation>
    </message>
    <message>
        <source>；草稿（未提交）：{periods}</source>
        <translation>; draft (not submitted): {periods}</translation>
    </message>
    <message>
        <source>；筛选后显示 {n} 项</source>
        <translation>; {n} shown by the filter</translation>
    </message>
</context>
<context>
    <name>PreviewRowsModel</name>
    <message>
        <source>任务 / 指标</source>
        <translation>Task / indicator</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>new</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>隔离（不合并）</source>
        <translation>quarantined (not merged)</translation>
    </message>
    <message>
        <source> · 草稿（未提交）</source>
        <translation> · draft (not submitted)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>已送打印：{name}（{n} 页）</source>
        <translation>Sent to the printer: {name} ({n} pages)</translation>
    </message>
    <message>
        <source>打印预览 — {name}</source>
        <translation>Print preview — {name}</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>已保存 {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
</context>
<context>
    <name>QuarantineModel</name>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>QuarantinePanel</name>
    <message>
        <source>报送文件中不允许修改的内容（其他单位的数据、计划本身、未分配给该单位的任务、已审核锁定的期间）没有合并，保留在这里备查。</source>
        <translation>Rows a sent file may not change (other departments’ data, the plan itself, tasks not assigned to the department, approved periods) were not merged; they are kept here for reference.</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>应报</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>已报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>报告状态</source>
        <translation>Report state</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>审核时间</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
</context>
<context>
    <name>ReviewModels</name>
    <message>
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <source>电脑 {n}</source>
        <translation>PC {n}</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>报送期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>双击查看该单位本期的全部报告</source>
        <translation>Double-click to see the department&apos;s reports for the period</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>{period}（本期）</source>
        <translation>{period} (current)</translation>
    </message>
    <message>
        <source>{period} · 待审核 {n}</source>
        <translation>{period} · {n} to review</translation>
    </message>
    <message>
        <source>应报 {n} 个单位：待审核 {s}，已通过 {a}，已退回 {r}，未提交 {d}。</source>
        <translation>{n} departments due: {s} to review, {a} approved, {r} returned, {d} not submitted.</translation>
    </message>
    <message>
        <source> 其他期间待审核：{list}。</source>
        <translation> Waiting in other periods: {list}.</translation>
    </message>
    <message>
        <source>{dept}：应报 {e} 项，已报 {n} 项。</source>
        <translation>{dept}: {e} tasks due, {n} reported.</translation>
    </message>
    <message>
        <source> 退回原因：{reason}</source>
        <translation> Returned because: {reason}</translation>
    </message>
    <message>
        <source>（双击查看报告）</source>
        <translation> (double-click to see the reports)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>如：张敏的电脑、科技局办公室</source>
        <translation>e.g. Zhang Min&apos;s PC, Science Bureau office</translation>
    </message>
    <message>
        <source>报送文件带上这个名称；协调员看到的是“单位 · 名称”，而不是一串编号</source>
        <translation>Files you send carry this name: the coordinator sees “department · name” instead of a number</translation>
    </message>
    <message>
        <source>本机名称</source>
        <translation>This PC&apos;s name</translation>
    </message>
    <message>
        <source>选择文件夹</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>报送文件默认保存到(&amp;S)</source>
        <translation>&amp;Save files to send in</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>切换语言后窗口会重新打开当前文件，未完成的输入会先保存。</source>
        <translation>After a language change the window reopens the current file; unfinished input is saved first.</translation>
    </message>
</context>
<context>
    <name>TaskDetail</name>
    <message>
        <source>计划内容由协调员维护，此处只读。</source>
        <translation>The plan is kept by the coordinator; read-only here.</translation>
    </message>
    <message>
        <source>状态(&amp;Z)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled</translation>
    </message>
    <message>
        <source>完成(&amp;W)</source>
        <translation>Do&amp;ne</translation>
    </message>
    <message>
        <source>复制上期报告(&amp;K)</source>
        <translation>Copy last period&apos;s report (&amp;K)</translation>
    </message>
    <message>
        <source>把上一次填报的状态、完成%和三段文字复制到本期，再按本期情况修改（可撤销）。</source>
        <translation>Copy the last report&apos;s status, % done and three texts into this period, then correct them (it can be undone).</translation>
    </message>
    <message>
        <source>进展情况(&amp;J)</source>
        <translation>&amp;Progress</translation>
    </message>
    <message>
        <source>存在问题(&amp;T)</source>
        <translation>Prob&amp;lems</translation>
    </message>
    <message>
        <source>下步计划(&amp;X)</source>
        <translation>Ne&amp;xt steps</translation>
    </message>
    <message>
        <source>佐证材料(&amp;L)</source>
        <translation>&amp;Evidence</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>请在上方选择一项任务</source>
        <translation>Choose a task above</translation>
    </message>
    <message>
        <source>牵头</source>
        <translation>lead</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>co-operating</translation>
    </message>
    <message>
        <source>时限：{start} 至 {due}</source>
        <translation>Dates: {start} to {due}</translation>
    </message>
    <message>
        <source>上期：{text}</source>
        <translation>Last period: {text}</translation>
    </message>
    <message>
        <source>（尚未填写）</source>
        <translation>(not filled in yet)</translation>
    </message>
    <message>
        <source>双击打开</source>
        <translation>Double-click to open</translation>
    </message>
    <message>
        <source>本期尚未填写。上期（{period}）填报：{said}。可点“复制上期报告”再修改。</source>
        <translation>Not filled in for this period. Last report ({period}): {said}. Use &quot;Copy last period&apos;s report&quot; to start from it.</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <source>{name}（计划 {date}）</source>
        <translation>{name} (planned {date})</translation>
    </message>
    <message>
        <source>已完成于</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>已完成于(&amp;D)</source>
        <translation>&amp;Done on</translation>
    </message>
</context>
<context>
    <name>TaskEditor</name>
    <message>
        <source>编辑任务 {code}</source>
        <translation>Edit task {code}</translation>
    </message>
    <message>
        <source>未单独设置标题，列表中显示原文开头：{title}</source>
        <translation>No title of its own; the lists show the start of its text: {title}</translation>
    </message>
    <message>
        <source>筛选单位（{n} 个）…</source>
        <translation>Filter the {n} departments…</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>尚无进展报告。</source>
        <translation>No progress reports yet.</translation>
    </message>
    <message>
        <source>最近的进展报告：</source>
        <translation>Latest progress reports:</translation>
    </message>
    <message>
        <source>编辑任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>内容（原文）(&amp;C)</source>
        <translation>&amp;Content (source text)</translation>
    </message>
    <message>
        <source>时限(&amp;S)</source>
        <translation>&amp;Schedule</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>完成时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>牵头单位(&amp;1)</source>
        <translation>Lead departments (&amp;1)</translation>
    </message>
    <message>
        <source>配合单位(&amp;2)</source>
        <translation>Co-operating departments (&amp;2)</translation>
    </message>
    <message>
        <source>里程碑(&amp;M)</source>
        <translation>&amp;Milestones</translation>
    </message>
    <message>
        <source>添加里程碑</source>
        <translation>Add milestone</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>TaskReportsModel</name>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>报告状态</source>
        <translation>Report state</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成%</source>
        <translation>% done</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
</context>
<context>
    <name>TaskViewDialog</name>
    <message>
        <source>这项任务已不在计划中。</source>
        <translation>This task is no longer in the plan.</translation>
    </message>
    <message>
        <source>任务 {code}（只读）</source>
        <translation>Task {code} (read-only)</translation>
    </message>
    <message>
        <source>时限：{start} 至 {due} · 牵头：{lead} · 配合：{co}</source>
        <translation>Dates: {start} to {due} · Lead: {lead} · Co-operating: {co}</translation>
    </message>
    <message>
        <source>筛选单位、期间或内容…</source>
        <translation>Filter department, period or text…</translation>
    </message>
    <message>
        <source>各单位报告（{n}）</source>
        <translation>Reports ({n})</translation>
    </message>
    <message>
        <source>尚未完成</source>
        <translation>Not achieved yet</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>各单位完成日期</source>
        <translation>Achieved (by department)</translation>
    </message>
    <message>
        <source>里程碑（{n}）</source>
        <translation>Milestones ({n})</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>佐证材料（{n}）</source>
        <translation>Evidence ({n})</translation>
    </message>
    <message>
        <source>筛选单位、电脑、字段或内容…</source>
        <translation>Filter department, PC, field or text…</translation>
    </message>
    <message>
        <source>修改记录（{n}）</source>
        <translation>History ({n})</translation>
    </message>
    <message>
        <source>只读查看。修改任务的原文、时限、分工和里程碑请到“计划设置”。</source>
        <translation>Read-only. The task&apos;s text, dates, departments and milestones are edited in Plan settings.</translation>
    </message>
</context>
<context>
    <name>TimelineCorner</name>
    <message>
        <source>工作阶段</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>工作任务</source>
        <translation>Tasks</translation>
    </message>
</context>
<context>
    <name>TimelineLegend</name>
    <message>
        <source>里程碑已达成</source>
        <translation>Milestone reached</translation>
    </message>
    <message>
        <source>计划里程碑</source>
        <translation>Planned milestone</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>TimelineRowLabels</name>
    <message>
        <source>其他任务</source>
        <translation>Other tasks</translation>
    </message>
</context>
<context>
    <name>TimelineScaleHeader</name>
    <message>
        <source>一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>今天 %1</source>
        <translation>Today %1</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>按月显示刻度</source>
        <translation>Show months</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>按季度显示刻度</source>
        <translation>Show quarters</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>缩小时间轴（Ctrl+滚轮）</source>
        <translation>Zoom out (Ctrl+wheel)</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>放大时间轴（Ctrl+滚轮）</source>
        <translation>Zoom in (Ctrl+wheel)</translation>
    </message>
    <message>
        <source>全程</source>
        <translation>Whole plan</translation>
    </message>
    <message>
        <source>显示整个计划期</source>
        <translation>Show the whole plan period</translation>
    </message>
    <message>
        <source>全部展开</source>
        <translation>Expand all</translation>
    </message>
    <message>
        <source>展开所有工作领域</source>
        <translation>Expand every work area</translation>
    </message>
    <message>
        <source>全部折叠</source>
        <translation>Collapse all</translation>
    </message>
    <message>
        <source>折叠所有工作领域</source>
        <translation>Collapse every work area</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>滚动到今天</source>
        <translation>Scroll to today</translation>
    </message>
    <message>
        <source>只看本单位</source>
        <translation>My department only</translation>
    </message>
    <message>
        <source>只显示本单位牵头或配合的任务</source>
        <translation>Show only tasks this department leads or co-operates on</translation>
    </message>
    <message>
        <source>刻度</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>贯穿全程</source>
        <translation>Throughout</translation>
    </message>
    <message>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <source>计划日期</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>实际完成</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>尚未达成</source>
        <translation>Not reached yet</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Co-operating</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>未报送期间</source>
        <translation>Periods not reported</translation>
    </message>
    <message>
        <source>已达成</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>阶段工作</source>
        <translation>Phase activities</translation>
    </message>
    <message>
        <source>任务数</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>平均完成</source>
        <translation>Average done</translation>
    </message>
</context>
<context>
    <name>UnitReviewDialog</name>
    <message>
        <source>审核 {dept} · {period}</source>
        <translation>Review {dept} · {period}</translation>
    </message>
    <message>
        <source>只读查看；审核结果在总表中保存，可在“编辑 → 撤销”中撤回。</source>
        <translation>Read-only; the review is saved in the master and can be taken back with Edit → Undo.</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{dept} · {period} · 已报 {n} / {m} 项任务</source>
        <translation>{dept} · {period} · {n} of {m} tasks reported</translation>
    </message>
    <message>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>报告状态：{state}</source>
        <translation>Report state: {state}</translation>
    </message>
    <message>
        <source> · 提交于 {time}</source>
        <translation> · submitted {time}</translation>
    </message>
    <message>
        <source> · 退回原因：{reason}</source>
        <translation> · returned because: {reason}</translation>
    </message>
    <message>
        <source>未填报</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>本期数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>指标（{n}）</source>
        <translation>Indicators ({n})</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>佐证材料（{n}）</source>
        <translation>Evidence ({n})</translation>
    </message>
    <message>
        <source>{code}：本期未填报。</source>
        <translation>{code}: not reported for this period.</translation>
    </message>
    <message>
        <source>{code} 进展情况：{p}
存在问题：{q}
下步计划：{n}</source>
        <translation>{code} progress: {p}
Problems: {q}
Next steps: {n}</translation>
    </message>
</context>
<context>
    <name>UnitTasksModel</name>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>分工</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>完成%</source>
        <translation>% done</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>下步计划</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>Co-op</translation>
    </message>
    <message>
        <source>未填报</source>
        <translation>Not reported</translation>
    </message>
</context>
<context>
    <name>ValueDelegate</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>（还没有打开过文件）</source>
        <translation>(no files opened yet)</translation>
    </message>
    <message>
        <source>欢迎使用 IPDesk 知识产权强区建设工作台</source>
        <translation>Welcome to IPDesk, the IP work plan desk</translation>
    </message>
    <message>
        <source>还没有打开文件。请选择下面的一项开始：</source>
        <translation>No file is open yet. Choose one of these to start:</translation>
    </message>
    <message>
        <source>看一看</source>
        <translation>Have a look</translation>
    </message>
    <message>
        <source>打开演示计划</source>
        <translation>Open the demo plan</translation>
    </message>
    <message>
        <source>内置的雨花台区工作方案，带有示例进展，可随意试用，不影响正式数据。</source>
        <translation>The built-in Yuhuatai plan with sample progress: try anything, no real data is touched.</translation>
    </message>
    <message>
        <source>协调员</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>新建总表（内置计划）</source>
        <translation>New master (built-in plan)</translation>
    </message>
    <message>
        <source>用内置的工作方案（任务、指标、分工、阶段）建立全区总表，之后为各单位生成部门文件。</source>
        <translation>Create the district master from the built-in plan (tasks, indicators, assignments, phases), then issue files to the departments.</translation>
    </message>
    <message>
        <source>联络员</source>
        <translation>Liaison officer</translation>
    </message>
    <message>
        <source>打开协调员发来的文件…</source>
        <translation>Open a file from the coordinator…</translation>
    </message>
    <message>
        <source>打开本单位的部门文件（.ipdesk）。也可以把文件直接拖到这个窗口里。</source>
        <translation>Open your department&apos;s file (.ipdesk). You can also drop the file onto this window.</translation>
    </message>
    <message>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>联络员使用指南</source>
        <translation>Guide for liaison officers</translation>
    </message>
    <message>
        <source>协调员使用指南</source>
        <translation>Guide for the coordinator</translation>
    </message>
</context>
<context>
    <name>ask</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>无法完成操作</source>
        <translation>Could not do that</translation>
    </message>
</context>
</TS>
