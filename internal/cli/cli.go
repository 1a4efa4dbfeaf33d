// Package cli is gocourse's command line: it parses arguments, finds the
// workspace and the catalog, and calls the grader, the workspace and the
// terminal UI. Verdicts are made in package checker, never here.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	gocourse "github.com/gocourse/gocourse"
	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/internal/workspace"
	"github.com/gocourse/gocourse/lessons"
)

// Exit codes (COURSE.md).
const (
	exitPass  = 0
	exitFail  = 1
	exitError = 2
)

// env is what every command works with.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	lang   string
	dir    string // --dir, or "."
	// embedded is the course compiled into the binary.
	embedded fs.FS
}

// Main runs gocourse with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, embedded: gocourse.Files, dir: "."}
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if cmd == "dev" {
		sub := ""
		if len(args) > 0 {
			sub, args = args[0], args[1:]
		}
		cmd = "dev " + sub
	}
	run, ok := commands[cmd]
	if !ok {
		lang, _ := detectLang("")
		if cmd == "help" || cmd == "-h" || cmd == "--help" {
			fmt.Fprint(stdout, txtUsage.in(lang))
			return exitPass
		}
		fmt.Fprintln(stderr, txtUnknownCmd.in(lang, cmd))
		return exitError
	}
	return run(e, args)
}

var commands map[string]func(*env, []string) int

func init() {
	commands = map[string]func(*env, []string) int{
		"":          cmdTUI,
		"check":     cmdCheck,
		"verify":    cmdVerify,
		"list":      cmdList,
		"hint":      cmdHint,
		"reset":     cmdReset,
		"solution":  cmdSolution,
		"init":      cmdInit,
		"report":    cmdReport,
		"dev check": cmdDevCheck,
		"dev new":   cmdDevNew,
	}
}

// flags makes a flag set with the flags every command shares.
func (e *env) flags(name string) (*flag.FlagSet, *string) {
	fset := flag.NewFlagSet("gocourse "+name, flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	lang := fset.String("lang", "", "zh or en (default: from LANG/LC_ALL)")
	fset.StringVar(&e.dir, "dir", ".", "the workspace directory")
	return fset, lang
}

// parse parses flags and positional arguments in any order and sets the
// language. It returns the positional arguments.
func (e *env) parse(fset *flag.FlagSet, lang *string, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fset.Parse(args); err != nil {
			return nil, err
		}
		args = fset.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	l, err := detectLang(*lang)
	if err != nil {
		return nil, err
	}
	e.lang = l
	return pos, nil
}

// course finds the workspace and loads the catalog. In a clone of the
// course, lessons are read from disk so that authors' edits count without a
// rebuild; elsewhere from the binary.
func (e *env) course() (*workspace.Workspace, *lessons.Catalog, error) {
	ws, err := workspace.Find(e.dir)
	if err != nil {
		return nil, nil, errors.New(txtNoWorkspace.in(e.lang, err))
	}
	src := e.embedded
	if ws.IsCourseRepo() {
		src = os.DirFS(ws.Root)
	}
	cat, err := lessons.Load(src)
	if err != nil {
		return nil, nil, err
	}
	return ws, cat, nil
}

func (e *env) fail(err error) int {
	fmt.Fprintln(e.stderr, "gocourse:", err)
	return exitError
}

// gradeRequest builds the grader's request for the learner's exercise.
func (e *env) gradeRequest(ws *workspace.Workspace, cat *lessons.Catalog, l *lessons.Lesson) checker.Request {
	return checker.Request{Lesson: l, Course: cat.FS, Dir: ws.ExerciseDir(l), Display: l.ExerciseDir(), Lang: e.lang}
}

// lessonArg resolves the single positional argument naming a lesson.
func (e *env) lessonArg(cat *lessons.Catalog, pos []string, cmd string) (*lessons.Lesson, error) {
	if len(pos) != 1 {
		return nil, errors.New(txtNeedLesson.in(e.lang, cmd))
	}
	return cat.Find(pos[0])
}
