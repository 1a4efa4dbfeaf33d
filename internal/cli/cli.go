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
	"path/filepath"
	"strings"

	gocourse "github.com/gocourse/gocourse"
	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/internal/progress"
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
// exit code. Flags may come before the subcommand as well as after it
// (`gocourse --lang zh list` is `gocourse list --lang zh`).
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, embedded: gocourse.Files, dir: "."}
	lead, cmd, rest := splitCommand(args)
	if cmd == "dev" {
		sub := ""
		if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			sub, rest = rest[0], rest[1:]
		}
		cmd = "dev " + sub
	}
	args = append(append([]string{}, rest...), lead...)
	if cmd == "help" {
		fmt.Fprint(stdout, txtUsage.in(e.helpLang(args)))
		return exitPass
	}
	run, ok := commands[cmd]
	if !ok {
		fmt.Fprintln(stderr, txtUnknownCmd.in(e.helpLang(args), cmd))
		return exitError
	}
	return run(e, args)
}

// valueFlags are the shared flags that take a value, so that
// `--dir WS check` is read as a flag and its value before the command.
var valueFlags = map[string]bool{"-lang": true, "--lang": true, "-dir": true, "--dir": true}

// splitCommand separates the flags before the subcommand, the subcommand
// ("" for none: the TUI) and what follows it.
func splitCommand(args []string) (lead []string, cmd string, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return lead, "", args[i+1:]
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return lead, a, args[i+1:]
		}
		lead = append(lead, a)
		if valueFlags[a] && i+1 < len(args) {
			i++
			lead = append(lead, args[i])
		}
	}
	return lead, "", nil
}

// helpLang is the language of a message printed before the flags are
// parsed: --lang if it is among args, else the locale.
func (e *env) helpLang(args []string) string {
	flag := ""
	for i, a := range args {
		if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "lang="); ok && strings.HasPrefix(a, "-") {
			flag = v
		} else if (a == "--lang" || a == "-lang") && i+1 < len(args) {
			flag = args[i+1]
		}
	}
	lang, err := detectLang(flag)
	if err != nil {
		lang, _ = detectLang("")
	}
	return lang
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
	fset.SetOutput(io.Discard) // errors are reported by parse, in the learner's language
	lang := fset.String("lang", "", "zh or en (default: from LANG/LC_ALL)")
	fset.StringVar(&e.dir, "dir", ".", "the workspace directory")
	return fset, lang
}

// errUsage is returned by parse once it has said what is wrong (or printed
// the help, for --help): the command only has to return its exit code.
type errUsage struct{ code int }

func (e errUsage) Error() string { return "usage" }

// usageCode is the exit code for an error parse returned.
func usageCode(err error) int {
	var u errUsage
	if errors.As(err, &u) {
		return u.code
	}
	return exitError
}

// parse parses flags and positional arguments in any order and sets the
// language. It returns the positional arguments, of which there may be at
// most maxPos (-1: any number). --help/-h prints the help on stdout.
func (e *env) parse(fset *flag.FlagSet, lang *string, args []string, maxPos int) ([]string, error) {
	var pos []string
	for {
		if err := fset.Parse(args); err != nil {
			l := e.helpLang(args)
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(e.stdout, txtUsage.in(l))
				return nil, errUsage{exitPass}
			}
			fmt.Fprintln(e.stderr, "gocourse: "+txtBadFlag.in(l, err))
			return nil, errUsage{exitError}
		}
		args = fset.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" { // everything after it is positional
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	l, err := detectLang(*lang)
	if err != nil {
		fmt.Fprintln(e.stderr, "gocourse: "+txtBadLang.in(e.helpLang(nil), *lang))
		return nil, errUsage{exitError}
	}
	e.lang = l
	if maxPos >= 0 && len(pos) > maxPos {
		fmt.Fprintln(e.stderr, "gocourse: "+txtExtraArgs.in(l, strings.TrimSpace(strings.TrimPrefix(fset.Name(), "gocourse")), strings.Join(pos[maxPos:], " ")))
		return nil, errUsage{exitError}
	}
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
	// StateDir: explored schedules that failed are tried first next time,
	// so the same file gives the same verdict (checker/schedule.go).
	return checker.Request{Lesson: l, Course: cat.FS, Dir: ws.ExerciseDir(l), Display: l.ExerciseDir(), Lang: e.lang,
		StateDir: filepath.Join(ws.Root, progress.Dir)}
}

// lessonArg resolves the single positional argument naming a lesson.
func (e *env) lessonArg(cat *lessons.Catalog, pos []string, cmd string) (*lessons.Lesson, error) {
	if len(pos) != 1 {
		return nil, errors.New(txtNeedLesson.in(e.lang, cmd))
	}
	return e.findLesson(cat, pos[0])
}

// findLesson finds a lesson by number or slug, saying in the learner's
// language which lessons there are when there is no such lesson.
func (e *env) findLesson(cat *lessons.Catalog, arg string) (*lessons.Lesson, error) {
	l, err := cat.Find(arg)
	if err != nil {
		names := make([]string, len(cat.Lessons))
		for i, x := range cat.Lessons {
			names[i] = x.Slug
		}
		return nil, errors.New(txtNoLesson.in(e.lang, arg, strings.Join(names, ", ")))
	}
	return l, nil
}
