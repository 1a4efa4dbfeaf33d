package tui

import "fmt"

// Every string the interface shows, in both languages, in one table. Lesson
// content, hints and grader messages come from elsewhere (the catalog and the
// verdict); everything the TUI itself says is here. A test checks that every
// entry has both languages and the same format verbs in each.

type sid int

const (
	sAppName sid = iota
	sLessonOf
	sPassedCount
	sWatching
	sWatchFailed
	sWatchStarting
	sGrading
	sRendering
	sRenderFailed
	sTooSmall
	sWelcomeTitle
	sWelcome
	sIdleHint
	sIdleHintNoWatch
	sPass
	sPassNext
	sPassLast
	sPassAllDone
	sFail
	sFailOne
	sError
	sStaleLang
	sDetailsHint
	sNoOutput
	sOutputTitle
	sHintTitle
	sHintLast
	sHintMore
	sNoHints
	sFirstLesson
	sLastLesson
	sNoEditor
	sEditorFailed
	sNoGrader
	sSolutionLocked
	sSolutionTitle
	sSolutionDiff
	sSolutionFull
	sSolutionSame
	sSolutionReadErr
	sSolutionFooter
	sResetAsk
	sResetDone
	sResetDoneNoBackup
	sResetFailed
	sResetCancelled
	sNoReset
	sRecordFailed
	sOtherLessonSaved
	sFileGone
	sListTitle
	sListItem
	sListItems
	sListFilter
	sListFooter
	sListPassed
	sListHidden
	sListNoMatch
	sHelpTitle
	sHelpTip
	sHelpFooter
	sLangSwitched
	sFocusVerdict
	sFocusLesson
	sBuildingShort
	sBuildingStd
	sGradeQueued
	sFirstBuildSlow
	sKindCompile
	sKindTest
	sKindRace
	sKindLeak
	sKindTimeout
	sKindPanic
	sKindLint
	// key help
	kNext
	kPrev
	kList
	kHint
	kCheck
	kEdit
	kSolution
	kReset
	kLang
	kFocus
	kDetails
	kScroll
	kPage
	kHalfPage
	kTopBottom
	kHelp
	kQuit
	kBack
	kJump
	kFilter
	fNext
	fPrev
	fList
	fHint
	fCheck
	fEdit
	fHelp
	fQuit
	sCount
)

type tr struct{ en, zh string }

var texts = [sCount]tr{
	sAppName:       {"Go concurrency", "Go 并发课"},
	sLessonOf:      {"Lesson %d/%d", "第 %d/%d 课"},
	sPassedCount:   {"%d/%d passed", "已通过 %d/%d"},
	sWatching:      {"watching: save to check", "监视中：保存即评测"},
	sWatchFailed:   {"not watching: press r after saving", "未监视文件：保存后请按 r"},
	sWatchStarting: {"starting the watcher…", "正在启动文件监视…"},
	sGrading:       {"Checking %s… %s", "正在评测 %s… %s"},
	sRendering:     {"Preparing the lesson…", "正在准备课程内容…"},
	sRenderFailed:  {"Could not show the lesson text: %v", "无法显示课程内容：%v"},
	sTooSmall: {"This window is %d×%d: please make it at least %d×%d so the lesson fits.",
		"窗口只有 %d×%d：请至少放大到 %d×%d，课程才能显示完整。"},
	sWelcomeTitle: {"Welcome!", "欢迎！"},
	sWelcome: {"Read the lesson, then open %s in your editor (or press e). Each time you save, hidden tests grade your code under the race detector and the verdict appears here. h gives a hint, l lists the lessons, ? shows every key.",
		"先读课程，再用你的编辑器打开 %s（或按 e）。每次保存，隐藏测试都会在 race detector 下评测你的代码，结果显示在这里。h 给出提示，l 列出所有课程，? 显示全部按键。"},
	sIdleHint: {"Save %s (or any .go file beside it) to check it, or press r. Your own _test.go files are not graded.",
		"保存 %s（或同一目录下的任何 .go 文件）即可评测，也可以按 r。你自己写的 _test.go 文件不参与评测。"},
	sIdleHintNoWatch: {"The file watcher could not start (%v): after saving %s, press r to check it.", "文件监视无法启动（%v）：保存 %s 后，请按 r 评测。"},
	sPass:            {"✓ Passed: every hidden test, under the race detector (%s).", "✓ 通过：所有隐藏测试均通过，且无数据竞争（%s）。"},
	sPassNext:        {"Well done! Press n for lesson %d when you are ready.", "干得好！准备好了就按 n 进入第 %d 课。"},
	sPassLast:        {"That was the last lesson. %d/%d passed: press l to see which remain.", "这是最后一课。已通过 %d/%d：按 l 查看还剩哪些。"},
	sPassAllDone:     {"That was the last lesson: you have passed all %d. The course is complete!", "这是最后一课：全部 %d 课都已通过。课程完成！"},
	sFail:            {"✗ Not yet: %d problems (%s).", "✗ 还没通过：%d 个问题（%s）。"},
	sFailOne:         {"✗ Not yet: one problem (%s).", "✗ 还没通过：1 个问题（%s）。"},
	sError:           {"! Could not check the exercise:", "! 无法评测这个练习："},
	sStaleLang:       {"(checking again in English…)", "（正在用中文重新评测…）"},
	sDetailsHint:     {"d shows the test output.", "按 d 查看测试输出。"},
	sNoOutput:        {"(no test output)", "（没有测试输出）"},
	sOutputTitle:     {"Test output:", "测试输出："},
	sHintTitle:       {"Hint %d/%d", "提示 %d/%d"},
	sHintLast:        {"(that is the last hint)", "（这是最后一条提示）"},
	sHintMore:        {"(h for the next hint)", "（按 h 看下一条提示）"},
	sNoHints:         {"This lesson has no hints.", "这一课没有提示。"},
	sFirstLesson:     {"This is the first lesson.", "这已经是第一课。"},
	sLastLesson:      {"This is the last lesson.", "这已经是最后一课。"},
	sNoEditor:        {"No editor is set: set $VISUAL or $EDITOR, or open %s in yours.", "没有设置编辑器：请设置 $VISUAL 或 $EDITOR，或者自己打开 %s。"},
	sEditorFailed:    {"The editor failed: %v", "编辑器出错：%v"},
	sNoGrader:        {"Grading is not available in this build.", "当前版本无法评测。"},
	sSolutionLocked: {"The reference solution opens once you pass this lesson; try a hint first (h).",
		"通过这一课之后才能查看参考答案；先试试提示吧（按 h）。"},
	sSolutionTitle:   {"Reference solution: lesson %d", "参考答案：第 %d 课"},
	sSolutionDiff:    {"Your file → the reference solution (- yours, + reference)", "你的文件 → 参考答案（- 你的，+ 参考答案）"},
	sSolutionFull:    {"The reference solution", "参考答案全文"},
	sSolutionSame:    {"Your file is identical to the reference solution.", "你的文件与参考答案完全相同。"},
	sSolutionReadErr: {"Could not read the files to compare: %v", "无法读取要比较的文件：%v"},
	sSolutionFooter:  {"tab diff/full • ↑/↓ scroll • esc back", "tab 差异/全文 • ↑/↓ 滚动 • esc 返回"},
	sResetAsk: {"Reset %s to the starter? Your version is backed up first. y: reset • n: keep it",
		"把 %s 重置为初始代码？会先备份你的版本。y 重置 • n 保留"},
	sResetDone:         {"Restored the starter. Your files are saved in %s", "已恢复初始代码。你原来的文件保存在 %s"},
	sResetDoneNoBackup: {"Restored the starter (your files were unchanged: nothing to back up).", "已恢复初始代码（文件没有改动，无需备份）。"},
	sResetFailed:       {"Could not reset: %v", "重置失败：%v"},
	sResetCancelled:    {"Kept your file.", "保留了你的文件。"},
	sNoReset:           {"Resetting is not available in this build.", "当前版本无法重置练习。"},
	sRecordFailed:      {"Could not save your progress: %v", "无法保存进度：%v"},
	sOtherLessonSaved:  {"You saved lesson %d's file: press l to go there and check it.", "你保存了第 %d 课的文件：按 l 前往那一课再评测。"},
	sFileGone:          {"%s is missing: press x to restore the starter.", "%s 不见了：按 x 恢复初始代码。"},
	sListTitle:         {"Lessons", "课程列表"},
	sListItem:          {"lesson", "课"},
	sListItems:         {"lessons", "课"},
	sListFilter:        {"Filter: ", "筛选："},
	sListFooter:        {"enter open • / filter • ↑/↓ move • esc back", "enter 打开 • / 筛选 • ↑/↓ 移动 • esc 返回"},
	sListPassed:        {"%d of %d lessons passed", "已通过 %d 课，共 %d 课"},
	sListHidden:        {"%d not matching", "%d 课不匹配"},
	sListNoMatch:       {"No lesson matches", "没有匹配的课"},
	sHelpTitle:         {"Keys", "按键"},
	sHelpTip: {"Tip: the mouse wheel scrolls; hold shift to select text with the mouse.",
		"小技巧：鼠标滚轮可以滚动；按住 shift 才能用鼠标选中文字。"},
	sHelpFooter:    {"esc or ? to go back", "按 esc 或 ? 返回"},
	sLangSwitched:  {"English", "中文"},
	sFocusVerdict:  {"Scrolling the results (tab: back to the lesson)", "正在滚动评测结果（tab 回到课程）"},
	sFocusLesson:   {"Scrolling the lesson", "正在滚动课程"},
	sBuildingShort: {"building the race-enabled std library %d/%d", "正在构建 race 版标准库 %d/%d"},
	sBuildingStd: {"First run on this machine: Go is building the race-enabled standard library, once for this Go version (%d/%d packages). After that a check takes a second or two.",
		"在这台机器上第一次运行：Go 正在构建带 race detector 的标准库，每个 Go 版本只需构建一次（%d/%d 个包）。之后每次评测只要一两秒。"},
	sGradeQueued: {"Your check starts as soon as it is done.", "构建完成后马上评测你的代码。"},
	sFirstBuildSlow: {"The first check also builds the race-enabled standard library, once: it can take a minute.",
		"第一次评测还要构建带 race detector 的标准库（只需一次），可能要一分钟左右。"},
	sKindCompile: {"compile", "编译"},
	sKindTest:    {"test", "测试"},
	sKindRace:    {"race", "数据竞争"},
	sKindLeak:    {"leak", "泄漏"},
	sKindTimeout: {"timeout", "超时"},
	sKindPanic:   {"panic", "panic"},
	sKindLint:    {"lint", "规则"},
	kNext:        {"next lesson", "下一课"},
	kPrev:        {"previous", "上一课"},
	kList:        {"lessons", "课程列表"},
	kHint:        {"hint", "提示"},
	kCheck:       {"check now", "立即评测"},
	kEdit:        {"edit", "编辑"},
	kSolution:    {"solution", "参考答案"},
	kReset:       {"reset exercise", "重置练习"},
	kLang:        {"中文", "English"},
	kFocus:       {"lesson/results", "课程/结果"},
	kDetails:     {"test output", "测试输出"},
	kScroll:      {"scroll", "滚动"},
	kPage:        {"page down/up", "翻页"},
	kHalfPage:    {"half page", "半页"},
	kTopBottom:   {"top/bottom", "顶部/底部"},
	kHelp:        {"all keys", "全部按键"},
	kQuit:        {"quit", "退出"},
	kBack:        {"back", "返回"},
	kJump:        {"open", "打开"},
	kFilter:      {"filter", "筛选"},
	fNext:        {"next", "下一课"},
	fPrev:        {"prev", "上一课"},
	fList:        {"lessons", "列表"},
	fHint:        {"hint", "提示"},
	fCheck:       {"check", "评测"},
	fEdit:        {"edit", "编辑"},
	fHelp:        {"keys", "按键"},
	fQuit:        {"quit", "退出"},
}

// t returns string id in lang, formatted with args when there are any.
func t(lang string, id sid, args ...any) string {
	s := texts[id].en
	if lang == "zh" && texts[id].zh != "" {
		s = texts[id].zh
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// otherLang is the language L switches to.
func otherLang(lang string) string {
	if lang == "zh" {
		return "en"
	}
	return "zh"
}
