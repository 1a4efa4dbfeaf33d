// Command runhidden runs a lesson's hidden tests against any directory of Go
// files exactly as the grader does (checker.HiddenTestCommand: the same
// overlay, kit, scenarios and schedule rewrite), printing plain `go test -v`
// output: for authors debugging a hidden test or proving it is not flaky
// (-count=20). Used by scripts/run-hidden.sh; run it from the repository.
//
//	go run ./scripts/runhidden LESSON DIR [go test flags]
//
// GOCOURSE_NO_SCHEDULES=1 leaves the learner's files as they are (gcExplore
// then repeats plainly); GOCOURSE_LANG=zh prints the messages in Chinese.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

func main() {
	if err := run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fmt.Fprintln(os.Stderr, "run-hidden:", err)
		os.Exit(2)
	}
}

func run() error {
	if len(os.Args) < 3 {
		return errors.New("usage: run-hidden LESSON DIR [go test flags]")
	}
	course := os.DirFS(".")
	cat, err := lessons.Load(course)
	if err != nil {
		return fmt.Errorf("%w (run it from the repository's root)", err)
	}
	lesson, err := cat.Find(os.Args[1])
	if err != nil {
		return err
	}
	dir, err := filepath.Abs(os.Args[2])
	if err != nil {
		return err
	}
	lang := "en"
	if os.Getenv("GOCOURSE_LANG") == "zh" {
		lang = "zh"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	req := checker.Request{Lesson: lesson, Course: cat.FS, Dir: dir, Display: lesson.ExerciseDir(), Lang: lang}
	cmd, cleanup, err := checker.HiddenTestCommand(ctx, req, os.Args[3:]...)
	if err != nil {
		return err
	}
	defer cleanup()
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}
