package cli

// Every text the command line prints, in both languages.
var (
	txtUsage = text{`gocourse — an interactive course on Go concurrency, from a goroutine's whole life to context

Usage:
  gocourse                         open the course in the terminal (reads, watches, grades)
  gocourse list                    lessons and your progress
  gocourse check <N|slug> [--json] grade one exercise
  gocourse verify [--json|--junit FILE]
                                   grade every exercise (for CI and classrooms)
  gocourse hint <N> [--level K]    hints, from a nudge (1) to nearly the answer
  gocourse reset <N>               restore the starter (your file is backed up first)
  gocourse solution <N> [--force]  the reference solution, once you passed (or --force)
  gocourse init <DIR>              write a fresh workspace (after go install)
  gocourse report [--json]         your progress, for an instructor
  gocourse init <DIR> --classroom  also write a GitHub Classroom workflow
  gocourse dev check [--lesson N]  for authors: lint the lessons; solutions pass, starters fail
  gocourse dev new <NN-slug>       for authors: scaffold a new lesson

Flags for every command, before or after it: --lang zh|en (default from LANG/LC_ALL),
--dir WORKSPACE. --help or -h prints this help.
Exit codes: 0 passed, 1 failed, 2 could not grade or bad usage.
`, `gocourse —— 交互式 Go 并发课程：从管好 goroutine 的一生到 context

用法：
  gocourse                         在终端里打开课程（阅读、监视文件、自动评测）
  gocourse list                    课程列表与学习进度
  gocourse check <N|slug> [--json] 评测一个练习
  gocourse verify [--json|--junit FILE]
                                   评测所有练习（用于 CI 和课堂）
  gocourse hint <N> [--level K]    提示，从点拨（1）到几乎就是答案
  gocourse reset <N>               恢复初始代码（会先备份你的文件）
  gocourse solution <N> [--force]  参考答案，通过后可看（或加 --force）
  gocourse init <DIR>              创建一个新的练习工作区（go install 之后使用）
  gocourse report [--json]         学习进度报告，供讲师查看
  gocourse init <DIR> --classroom  同时写入 GitHub Classroom 工作流
  gocourse dev check [--lesson N]  给作者用：检查课程内容；参考答案通过，初始代码不通过
  gocourse dev new <NN-slug>       给作者用：生成一课的骨架

所有命令都支持以下选项（写在命令前后均可）：--lang zh|en（默认取自 LANG/LC_ALL）、
--dir 工作区目录。--help 或 -h 显示本帮助。
退出码：0 通过，1 未通过，2 无法评测或用法错误。
`}
	txtUnknownCmd   = text{"unknown command %q; run `gocourse help`", "未知命令 %q；运行 `gocourse help` 查看用法"}
	txtNeedLesson   = text{"which lesson? e.g. `gocourse %s 4`", "哪一课？例如 `gocourse %s 4`"}
	txtNoWorkspace  = text{"%v\nRun gocourse inside a clone of the course, or create a workspace with `gocourse init DIR`.", "%v\n请在课程仓库的克隆中运行 gocourse，或用 `gocourse init DIR` 创建工作区。"}
	txtPass         = text{"✓ %s passed (%.1fs)", "✓ %s 通过（%.1fs）"}
	txtFail         = text{"✗ %s: %d problem(s) (%.1fs)", "✗ %s:%d 个问题（%.1fs）"}
	txtError        = text{"! %s could not be graded (%.1fs)", "! %s 无法评测（%.1fs）"}
	txtNextHint     = text{"Stuck? `gocourse hint %d` gives a hint.", "卡住了？`gocourse hint %d` 可以看提示。"}
	txtNextLesson   = text{"Next: lesson %d, %s.", "下一课：第 %d 课，%s。"}
	txtAllDone      = text{"That was the last lesson: the whole chapter is done.", "这是最后一课：整章都完成了。"}
	txtListHeader   = text{"Lesson                                       Status", "课程                                         状态"}
	txtPassed       = text{"passed", "已通过"}
	txtTried        = text{"tried ×%d", "尝试 ×%d"}
	txtNotStarted   = text{"not started", "未开始"}
	txtProgress     = text{"%d of %d lessons passed.", "已通过 %d / %d 课。"}
	txtHint         = text{"Hint %d of %d for lesson %d, %s:", "第 %[3]d 课 %[4]s 的提示（%[1]d/%[2]d）："}
	txtMoreHints    = text{"(`gocourse hint %d --level %d` for the next one)", "（下一条：`gocourse hint %d --level %d`）"}
	txtResetDone    = text{"Lesson %d restored to its starter: %s", "第 %d 课已恢复为初始代码：%s"}
	txtBackedUp     = text{"Your previous files are in %s", "你之前的文件备份在 %s"}
	txtNotPassedYet = text{"You have not passed lesson %d yet: the solution opens once you do.\nTry `gocourse hint %d`, or add --force if you really want it now.", "你还没有通过第 %d 课：通过后才能看参考答案。\n试试 `gocourse hint %d`；如果现在就想看，加上 --force。"}
	txtInitDone     = text{"Workspace ready in %s.\nNext: cd %s && gocourse", "工作区已创建：%s\n接下来：cd %s && gocourse"}
	txtClassroom    = text{"GitHub Classroom workflow: %s (each lesson is a test worth 10 points)", "GitHub Classroom 工作流：%s（每一课是一个 10 分的测试）"}
	txtNotTTY       = text{"gocourse needs an interactive terminal for the course. Without one, `gocourse list` shows the lessons and `gocourse check N` grades lesson N.", "课程界面需要在交互式终端中运行。没有终端时，可以用 `gocourse list` 查看课程，用 `gocourse check N` 评测第 N 课。"}
	txtVerifySum    = text{"%d passed, %d failed", "%d passed, %d failed"}
	txtProgressErr  = text{"warning: progress not saved: %v", "警告：学习进度未能保存：%v"}

	txtBadFlag         = text{"%v; run `gocourse help`", "%v；运行 `gocourse help` 查看用法"}
	txtBadLang         = text{"--lang %q: use zh or en", "--lang %q：请用 zh 或 en"}
	txtExtraArgs       = text{"`gocourse %s` does not take %q; run `gocourse help`", "`gocourse %s` 不接受参数 %q；运行 `gocourse help` 查看用法"}
	txtNoLesson        = text{"no lesson %q; the lessons are: %s", "没有课程 %q；现有的课程是：%s"}
	txtBadLevel        = text{"--level %d: lesson %d has hints 1 to %d", "--level %d：第 %d 课的提示是 1 到 %d"}
	txtMissingFile     = text{"%s is missing, so there is nothing to grade.\nRestore the starter with `gocourse reset %d` (anything else in the folder is backed up first).", "%s 不见了，没有可评测的代码。\n用 `gocourse reset %d` 恢复初始代码（文件夹里的其他文件会先备份）。"}
	txtProgressCorrupt = text{"warning: %s could not be read; it was kept as %s and progress starts afresh", "警告：%s 无法读取；原文件已保留为 %s，学习进度从头开始记录"}
	txtProgressNewer   = text{"warning: %s was written by a newer gocourse (format %d): it is left untouched and progress is not saved; update gocourse", "警告：%s 由更新版本的 gocourse 写入（格式 %d）：不会改动它，本次进度也不保存；请升级 gocourse"}
	txtJUnitUnwritable = text{"cannot write the JUnit report to %s: %v (nothing was graded)", "无法把 JUnit 报告写入 %s：%v（尚未评测任何练习）"}
	txtReportRow       = text{"  %02d %-24s %s  attempts: %d", "  %02d %-24s %s  尝试次数：%d"}
	txtReportFailures  = text{"Most frequent failures: %s", "最常见的失败类型：%s"}
)
