package checker

import "fmt"

// msg is a grader message in both languages; format verbs are shared.
type msg struct{ en, zh string }

func (m msg) in(lang string, args ...any) string {
	f := m.en
	if lang == "zh" {
		f = m.zh
	}
	return fmt.Sprintf(f, args...)
}

// Every text the grader itself writes, in one place.
var (
	msgNoGo = msg{
		"the Go toolchain was not found on PATH: install Go 1.25 or newer (https://go.dev/dl/) and open a new terminal",
		"在 PATH 中找不到 Go 工具链：请安装 Go 1.25 或更高版本（https://go.dev/dl/），然后重新打开终端"}
	msgNoCC = msg{
		"the race detector needs cgo and a C compiler, and %s. Install one — Debian/Ubuntu: sudo apt install gcc; Fedora: sudo dnf install gcc; macOS: xcode-select --install; Windows: install a MinGW-w64 gcc (e.g. via MSYS2) and put it on PATH — then try again",
		"race detector 需要 cgo 和 C 编译器，而%s。请先安装：Debian/Ubuntu 用 sudo apt install gcc；Fedora 用 sudo dnf install gcc；macOS 用 xcode-select --install；Windows 安装 MinGW-w64 gcc（例如通过 MSYS2）并加入 PATH，然后再试"}
	msgNoCCWhy = msg{"the C compiler %q was not found", "找不到 C 编译器 %q"}
	msgSetup   = msg{
		"could not prepare the grading: %v",
		"无法准备评测：%v"}
	msgHiddenCompile = msg{
		"the hidden tests cannot use your code: %s. Keep the exercise's API exactly as the lesson gives it (names, parameters, results)",
		"隐藏测试无法使用你的代码：%s。请保持练习的 API 与课程给出的完全一致（名称、参数、返回值）"}
	msgBuildFailed = msg{"the package did not build:\n%s", "代码未能通过编译：\n%s"}
	msgHardTimeout = msg{
		"grading was stopped after %s: something never returned (an infinite loop, or waiting on a channel nobody will ever use?)%s",
		"评测在 %s 后被强制停止：有代码一直没有返回（死循环，或者在等一个永远不会有人操作的 channel？）%s"}
	msgWhileRunning = msg{" — it was running %s", "——当时正在运行 %s"}
	msgTestTimeout  = msg{
		"%s did not finish in time: something in your code never returned (an infinite loop, a lock nobody releases, or waiting on a channel nobody will ever use?)",
		"%s 没能按时结束：你的代码中有调用一直没有返回（死循环、一把没人释放的锁，或者在等一个永远不会有人操作的 channel？）"}
	msgRace = msg{
		"data race: two goroutines touched the same memory without synchronisation, and at least one of them wrote it%s. Decide who owns the value: hand it over through a channel, or order the two accesses (sync, sync/atomic)",
		"数据竞争（data race）：两个 goroutine 在没有同步的情况下访问了同一块内存，且至少有一个在写%s。先想清楚这个值归谁所有：通过 channel 把它交出去，或者用 sync、sync/atomic 给这两次访问定好先后"}
	msgRaceWaitGroup = msg{
		"data race on a sync.WaitGroup: Add ran in a goroutine while Wait was already waiting%s. The sync documentation says: \"calls with a positive delta that occur when the counter is zero must happen before a Wait\". Call Add before the go statement (or use WaitGroup.Go)",
		"sync.WaitGroup 上的数据竞争：Wait 已经在等待时，另一个 goroutine 里才调用 Add%s。sync 文档写道：“calls with a positive delta that occur when the counter is zero must happen before a Wait”（计数器为零时、delta 为正的 Add 调用必须发生在 Wait 之前）。请在 go 语句之前调用 Add（或者用 WaitGroup.Go）"}
	msgRaceAt      = msg{" (your line %d)", "（你的第 %d 行）"}
	msgRaceAtLines = msg{" (your line %d, against line %s)", "（你的第 %d 行，与第 %s 行）"}
	msgPanic       = msg{
		"your code panicked: %s",
		"你的代码发生了 panic：%s"}
	msgExit = msg{
		"your code called os.Exit while %s was running: a library function must return an error, never end the process",
		"在 %s 运行时，你的代码调用了 os.Exit：库函数应当返回 error，而不是结束整个进程"}
	msgExited = msg{
		"the test program ended while %s was running, without a panic: your code (or something it called) called os.Exit or log.Fatal. A function must return an error; only main may end the program",
		"%s 运行时测试程序结束了，但没有 panic：你的代码（或它调用的代码）调用了 os.Exit 或 log.Fatal。函数应当返回 error，只有 main 才能结束程序"}
	msgFatal = msg{
		"the Go runtime stopped the program while %s was running: fatal error: %s. No recover can catch this",
		"%s 运行时 Go runtime 终止了程序：fatal error: %s。这种错误任何 recover 都拦不住"}
	msgDied = msg{
		"the test program died while %s was running (os.Exit, log.Fatal or a panic in a goroutine?)",
		"%s 运行时测试程序意外退出了（os.Exit、log.Fatal，还是某个 goroutine 里的 panic？）"}
	msgNeverRan = msg{
		"the hidden tests never ran: the program exited before they started (os.Exit or log.Fatal in init or at package level?)",
		"隐藏测试根本没有运行：程序在测试开始前就退出了（init 里或包级别的 os.Exit、log.Fatal？）"}
	msgMissingTest = msg{
		"the hidden test %s reported no result",
		"隐藏测试 %s 没有报告结果"}
	msgFlood = msg{
		"your code printed more than %d MiB of output, so grading stopped it. Remove the print in the loop",
		"你的代码输出超过了 %d MiB，评测已将其停止。请去掉循环中的打印"}
	msgOrphan = msg{
		"your code started a process that was still running after the tests ended, holding their output open; it was killed. Wait for every process you start",
		"你的代码启动的进程在测试结束后仍在运行，并占着输出不放；它已被强制结束。请等待你启动的每一个进程结束"}
	msgPlainFail = msg{"%s failed:\n%s", "%s 未通过：\n%s"}
	msgUnknown   = msg{
		"the tests did not pass, and the grader could not tell why. Output:\n%s",
		"测试没有通过，评测器也无法判断原因。输出：\n%s"}
)
