package scenario

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// l08ChildEnv names the environment variable that turns a run of this test
// binary into the child of TestL08_PanicInFIsNotRecovered.
const l08ChildEnv = "GOCOURSE_L08_PANIC_CHILD"

// l08PanicValue is what the child's f panics with.
const l08PanicValue = "l08: f panicked on purpose"

// Lines the child prints as it goes (it prints them only if it is alive).
const (
	l08BeforeWait = "L08-CHILD: alive 200ms after f panicked, before Wait"
	l08WaitHung   = "L08-CHILD: Wait hung"
	l08Survived   = "L08-CHILD: alive 200ms after Wait returned"
)

// A panic in f crashes the program at once, as a panic in any goroutine
// does: the group neither recovers it (turning it into an error or
// swallowing it) nor holds it back until Wait. This needs a process that
// may die, so the test runs its own binary again as a child and waits for
// it in real time. The child's group runs in a bubble: its pauses are
// virtual, and exact — a sleeping goroutine's 200ms pass only once every
// other goroutine has blocked, so a panic still unwinding always crashes
// the child first, and a recovered one never costs real time.
func PanicInFIsNotRecovered(t *testing.T, api API) {
	if os.Getenv(l08ChildEnv) == "1" {
		gk.Bubble(t, func(t *testing.T) { l08PanicChild(api) })
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestL08_PanicInFIsNotRecovered$", "-test.count=1", "-test.timeout=6s")
	for _, kv := range os.Environ() {
		// The grader's variables are the parent's alone: the child must not
		// write the parent's result, hold its lifeline or record schedules.
		if !strings.HasPrefix(kv, "GOCOURSE_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, l08ChildEnv+"=1")
	cmd.WaitDelay = time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	output := out.String()
	at := gk.FuncPos(t, "Group.Go")

	switch {
	case ctx.Err() != nil:
		gk.ErrorAt(t, at,
			"a program whose f panicked neither crashed nor finished within 8s; does the group recover the panic and then wait for something that never comes?",
			"一个 f panic 了的程序在 8s 内既没有崩溃也没有结束；group 是不是 recover 了这个 panic，然后在等一个永远不会来的东西？")
	case strings.Contains(output, l08WaitHung):
		gk.ErrorAt(t, at,
			"an f panicked and the program did not crash; Wait then never returned. The group recovered the panic, and the crash that should have shown f's stack became a hang. Do not recover in the goroutine that runs f",
			"一个 f panic 了，程序却没有崩溃；之后 Wait 再也没有返回。group recover 了这个 panic，本该显示 f 调用栈的崩溃变成了卡死。不要在运行 f 的 goroutine 里 recover")
	case strings.Contains(output, l08Survived):
		gk.ErrorAt(t, at,
			"an f panicked, and the program went on: Wait returned (%s) and the process was still alive 200ms later. The group recovered the panic. A panic means a bug: errgroup lets it crash the program at once, with f's stack",
			"一个 f panic 了，程序却继续运行：Wait 返回了（%s），200ms 之后进程仍然活着。group recover 了这个 panic。panic 意味着 bug：errgroup 让它立刻让程序崩溃，并带着 f 的调用栈",
			l08ChildWaitLine(output))
	case strings.Contains(output, l08BeforeWait):
		gk.ErrorAt(t, at,
			"an f panicked, but the program only crashed when Wait was called, 200ms later: the group held the panic back. errgroup v0.22 does not: a panic in f crashes the program at once, as in any goroutine, even if Wait is never called",
			"一个 f panic 了，程序却直到 200ms 后调用 Wait 时才崩溃：group 把这个 panic 扣住了。errgroup v0.22 不会这样：f 里的 panic 会像在任何 goroutine 里一样立刻让程序崩溃，哪怕从来没人调用 Wait")
	case runErr == nil || !strings.Contains(output, "panic: "+l08PanicValue):
		gk.ErrorAt(t, at,
			"a program whose f panics with %q did not die of that panic (exit: %v); its output ends with:\n%s",
			"一个 f 以 %q panic 的程序并没有因为这个 panic 而终止（退出状态：%v）；它的输出结尾是：\n%s",
			l08PanicValue, runErr, l08Tail(output, 12))
	}
}

// l08PanicChild is the child's side, in a bubble: a group whose f panics at
// once. If the process is still alive 200ms later, the group caught the
// panic.
func l08PanicChild(api API) {
	g, _ := api.WithContext(context.Background())
	g.Go(func() error { panic(l08PanicValue) })
	time.Sleep(200 * time.Millisecond)
	fmt.Println(l08BeforeWait)
	done := make(chan error, 1)
	go func() { done <- g.Wait() }()
	select {
	case err := <-done:
		fmt.Printf("L08-CHILD: Wait returned %v\n", err)
	case <-time.After(2 * time.Second):
		fmt.Println(l08WaitHung)
		return
	}
	// A right Wait may return while the panic is still unwinding: pause
	// before saying that the process survived.
	time.Sleep(200 * time.Millisecond)
	fmt.Println(l08Survived)
}

// l08ChildWaitLine returns what the child said Wait returned.
func l08ChildWaitLine(output string) string {
	for _, line := range strings.Split(output, "\n") {
		if s, ok := strings.CutPrefix(line, "L08-CHILD: Wait returned "); ok {
			return s
		}
	}
	return "?"
}

// l08Tail returns the last n lines of s.
func l08Tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
