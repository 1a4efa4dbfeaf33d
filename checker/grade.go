package checker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocourse/gocourse/lessons"
)

// Request says what to grade.
type Request struct {
	Lesson *lessons.Lesson
	// Course holds the hidden tests and the grading kit (the embedded course).
	Course fs.FS
	// Dir is the absolute path of the package to grade: the learner's
	// exercise directory, or any copy of it (a fixture, a solution).
	Dir string
	// Display is how Dir is named to the learner ("exercises/04-search-timeout").
	Display string
	// Lang is "zh" or "en".
	Lang string
	// TimeLimit overrides the lesson's limit when positive.
	TimeLimit time.Duration
	// StateDir, when set, is where the grader keeps what it learnt between
	// gradings (the workspace's .gocourse/): the explored schedules that
	// failed, tried first next time so the same file gives the same verdict.
	StateDir string
}

func (r Request) limit() time.Duration {
	if r.TimeLimit > 0 {
		return r.TimeLimit
	}
	if r.Lesson.TimeLimit > 0 {
		return r.Lesson.TimeLimit
	}
	return lessons.DefaultTimeLimit
}

// BuildAllowance is the time the hard limit adds to a lesson's limit for
// compiling: the first check on a cold build cache compiles the race-enabled
// standard library (10-25 s), which must not count against the learner's code.
const BuildAllowance = 2 * time.Minute

// Grade runs the lesson's hidden tests against req.Dir and returns the
// verdict. It always returns: the test binary's own -timeout (the lesson's
// limit) stops code that never returns and names the test it was in; the
// hard limit (plus BuildAllowance) kills the whole process tree should the
// build or an escaped child hang.
func Grade(ctx context.Context, req Request) Verdict {
	start := time.Now()
	v := grade(ctx, req)
	v.Lesson = req.Lesson.Slug
	v.Duration = time.Since(start)
	v.DurMS = v.Duration.Milliseconds()
	if v.Failures == nil {
		v.Failures = []Failure{}
	}
	return v
}

func grade(ctx context.Context, req Request) Verdict {
	run, err := prepare(req)
	if err != nil {
		return errorVerdict(msgSetup.in(req.Lang, err))
	}
	defer run.cleanup()

	cmd := run.command(ctx, req.limit(), "-run", "^("+strings.Join(req.Lesson.HiddenTests, "|")+")$")
	res := runGoTest(ctx, req.limit()+BuildAllowance, cmd)
	// Toolchain trouble is diagnosed after the fact, so that the common
	// case pays nothing for it.
	if res.err != nil || toolchainTrouble(res) {
		if f, ok := preflight(req.Lang); !ok {
			return Verdict{Status: StatusError, Failures: []Failure{f}}
		}
	}
	if res.err != nil {
		return errorVerdict(msgSetup.in(req.Lang, res.err))
	}
	if ctx.Err() != nil && !res.timedOut {
		return errorVerdict(msgSetup.in(req.Lang, ctx.Err()))
	}
	result, _ := os.ReadFile(run.resultFile)
	v := classify(req, run, res, string(result))
	run.sched.finish(&v, req, res)
	return v
}

// Warm compiles the lesson's test binary (race-instrumented standard library
// included) without running any test, so the learner's first check is not a
// cold build. Errors are ignored: a real check reports them.
func Warm(ctx context.Context, req Request) {
	run, err := prepare(req)
	if err != nil {
		return
	}
	defer run.cleanup()
	cmd := run.command(ctx, 5*time.Minute, "-run", "^$")
	runGoTest(ctx, 5*time.Minute, cmd)
}

func errorVerdict(message string) Verdict {
	return Verdict{Status: StatusError, Failures: []Failure{{Kind: KindCompile, Message: message}}}
}

// ---------------------------------------------------------------- toolchain

// toolchainTrouble reports whether go's output says the toolchain, not the
// learner's code, is the problem: no cgo or no C compiler for -race.
func toolchainTrouble(res runResult) bool {
	out := res.stderr
	if res.events != nil {
		res.events.mu.Lock()
		out += res.events.build.String() + res.events.pkgOutput.String()
		res.events.mu.Unlock()
	}
	return strings.Contains(out, "requires cgo") || strings.Contains(out, "C compiler")
}

var (
	toolOnce sync.Once
	toolErr  msg   // zero when go and a C compiler are there
	toolArg  []any // arguments of toolErr
)

// preflight checks (once per process) that go and a C compiler are there,
// and says what to install when they are not: without it a learner would
// see go's own puzzling messages.
func preflight(lang string) (Failure, bool) {
	toolOnce.Do(func() {
		if _, err := exec.LookPath("go"); err != nil {
			toolErr = msgNoGo
			return
		}
		out, err := exec.Command("go", "env", "CGO_ENABLED", "CC").Output()
		if err != nil {
			toolErr = msgNoGo
			return
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		cc := "gcc"
		if len(lines) == 2 && strings.TrimSpace(lines[1]) != "" {
			cc = strings.Fields(lines[1])[0]
		}
		// CGO_ENABLED=0 in the learner's environment does not matter: the
		// grader sets CGO_ENABLED=1 for go test.
		if _, err := exec.LookPath(cc); err != nil {
			toolErr, toolArg = msgNoCC, []any{msgNoCCWhy, cc}
		}
	})
	if toolErr.en == "" {
		return Failure{}, true
	}
	args := []any{}
	if len(toolArg) > 0 {
		why := toolArg[0].(msg)
		args = append(args, why.in(lang, toolArg[1:]...))
	}
	return Failure{Kind: KindCompile, Message: toolErr.in(lang, args...)}, false
}

// ---------------------------------------------------------------- overlay

// gradingRun is one grading's temporary files: the overlay, the hidden
// tests, the kit, go's own work directory and the kit's result file. All of
// it lives in one temp dir removed by cleanup; nothing touches the workspace.
type gradingRun struct {
	req        Request
	tmp        string
	overlay    string
	resultFile string
	factsFile  string      // what hidden tests may ask about the source (facts.go)
	pkgPath    string      // the exercise's import path
	sched      scheduleRun // the rewrite's site table, notes and seeds (schedule.go)
}

// Names the kit takes in the learner's module: its package directories
// (which exist only in the overlay) and its shims beside the hidden tests.
// A shim's name cannot be a hidden file's ("zz_gocourse_" + a name that go
// would ignore if it began with "_").
const (
	kitPackageDir     = "zz_gocoursekit"
	kitNetPackageDir  = "zz_gocoursekit/net"
	kitLeakPackageDir = "zz_gocoursekit/leakcheck"
	kitShimName       = "zz_gocourse__kit_test.go"
	kitNamesShimName  = "zz_gocourse__kitnames_test.go"
	kitNetShimName    = "zz_gocourse__kitnet_test.go"
	kitLeakShimName   = "zz_gocourse__kitleak_test.go"
	// kitGoidFallbackDir holds the goid stand-in, kitGoidStandIn, when the
	// root cannot (placeGoid).
	kitGoidFallbackDir = "zz_gocoursekit/goid"
	kitGoidStandIn     = "getg_none.go.txt"
	// kitScenarioDir/<slug> holds a lesson's scenario package.
	kitScenarioDir = "zz_gocoursekit/scenario"
)

var packageClauseRE = regexp.MustCompile(`(?m)^package kit$`)

// kitParts are the kit's packages and their shims. The core comes always;
// the others (the kit's short names, the network, the real-time leak check)
// only with the lessons that import them (placeholder, in a scenario or a
// hidden file) or use one of their shim's names (a hidden file) — and the
// shim, compiled on every save, only with the latter. Every package a test
// binary links costs each check its load and link time. A part without a
// dir is a shim of the core kit.
var kitParts = []struct {
	dir, pkg, shimPath, shimName, placeholder string
	always                                    bool
}{
	{lessons.KitDir, kitPackageDir, lessons.KitShimPath, kitShimName, `"GOCOURSE_KIT"`, true},
	{"", "", lessons.KitNamesShimPath, kitNamesShimName, "", false},
	{lessons.KitNetDir, kitNetPackageDir, lessons.KitNetShimPath, kitNetShimName, `"GOCOURSE_KIT_NET"`, false},
	{lessons.KitLeakDir, kitLeakPackageDir, lessons.KitLeakShimPath, kitLeakShimName, `"GOCOURSE_KIT_LEAK"`, false},
}

// kitImports points the kit's placeholder imports at its packages in the
// learner's module.
func kitImports(modPath, goidPath, scenarioPath string) *strings.Replacer {
	return strings.NewReplacer(
		`"GOCOURSE_SCENARIO"`, strconv.Quote(scenarioPath),
		`"GOCOURSE_KIT"`, strconv.Quote(modPath+"/"+kitPackageDir),
		`"GOCOURSE_KIT_NET"`, strconv.Quote(modPath+"/"+kitNetPackageDir),
		`"GOCOURSE_KIT_LEAK"`, strconv.Quote(modPath+"/"+kitLeakPackageDir),
		`"GOCOURSE_KIT_GOID"`, strconv.Quote(goidPath))
}

// placeGoid overlays the kit's goid package and returns its import path. Its
// assembly needs a directory that exists (the go command runs the assembler
// there, go.dev/issue/39958), so it goes to the module's root, which in a
// workspace holds no Go code; if the learner put Go files there, a pure-Go
// stand-in goes to an overlay-only directory instead (the kit is then
// slower at explored schedules, never different).
func placeGoid(course fs.FS, replace map[string]string, modRoot, modPath string) (string, error) {
	dir, importPath := modRoot, modPath
	var files map[string][]byte
	var err error
	if own, _ := filepath.Glob(filepath.Join(modRoot, "*.go")); len(own) > 0 {
		dir, importPath = filepath.Join(modRoot, filepath.FromSlash(kitGoidFallbackDir)), modPath+"/"+kitGoidFallbackDir
		var data []byte
		data, err = fs.ReadFile(course, path.Join(lessons.KitGoidDir, kitGoidStandIn))
		files = map[string][]byte{strings.TrimSuffix(kitGoidStandIn, ".txt"): data}
	} else {
		files, err = kitPackageFiles(course, lessons.KitGoidDir) // the .go and .s files; the stand-in is .txt
	}
	if err != nil {
		return "", err
	}
	for name, data := range files {
		name = "zz_gocourse_" + name // beside whatever else the root holds
		p, err := stableCopy(data, name)
		if err != nil {
			return "", err
		}
		replace[filepath.Join(dir, name)] = p
	}
	return importPath, nil
}

func prepare(req Request) (*gradingRun, error) {
	if !filepath.IsAbs(req.Dir) {
		return nil, fmt.Errorf("internal: Dir %q must be absolute (overlay keys resolve against it)", req.Dir)
	}
	if _, err := os.Stat(req.Dir); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "gocourse-grade-")
	if err != nil {
		return nil, err
	}
	run := &gradingRun{req: req, tmp: tmp, resultFile: filepath.Join(tmp, "result"), factsFile: filepath.Join(tmp, "source")}
	if err := writeSourceFacts(req.Dir, run.factsFile); err != nil {
		run.cleanup()
		return nil, err
	}
	if err := run.writeOverlay(); err != nil {
		run.cleanup()
		return nil, err
	}
	if err := os.Mkdir(filepath.Join(tmp, "gowork"), 0o700); err != nil {
		run.cleanup()
		return nil, err
	}
	return run, nil
}

func (r *gradingRun) writeOverlay() error {
	replace := map[string]string{}
	add := func(name string, data []byte) error {
		tmpPath := filepath.Join(r.tmp, name)
		if err := os.WriteFile(tmpPath, data, 0o600); err != nil {
			return err
		}
		replace[filepath.Join(r.req.Dir, name)] = tmpPath
		return nil
	}
	modRoot, modPath, err := findModule(r.req.Dir)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(modRoot, r.req.Dir)
	if err != nil {
		return err
	}
	r.pkgPath = path.Join(modPath, filepath.ToSlash(rel))
	// The lesson's scenarios (checker/testdata/hidden/<slug>/scenario), if it
	// has them: a package of their own, like the kit, so that the go command
	// compiles them once and caches them. Only the hidden files that adapt
	// them to the learner's API are compiled with every save.
	scenario, err := scenarioFiles(r.req.Course, r.req.Lesson.ScenarioDir())
	if err != nil {
		return err
	}
	scenarioPath := modPath + "/" + kitScenarioDir + "/" + r.req.Lesson.Slug
	hiddenFiles := map[string][]byte{}
	var hidden, all []byte // what the hidden files say; and with the scenarios: which kit parts they use
	for _, p := range r.req.Lesson.HiddenFiles {
		data, err := fs.ReadFile(r.req.Course, p)
		if err != nil {
			return err
		}
		hiddenFiles[p] = data
		hidden = append(append(hidden, data...), '\n')
	}
	all = append(all, hidden...)
	for _, data := range scenario {
		all = append(append(all, data...), '\n')
	}
	goidPath, err := placeGoid(r.req.Course, replace, modRoot, modPath)
	if err != nil {
		return err
	}
	imports := kitImports(modPath, goidPath, scenarioPath)
	for p, data := range hiddenFiles {
		if err := add(hiddenName(p), []byte(imports.Replace(string(data)))); err != nil {
			return err
		}
	}
	for name, data := range scenario {
		p, err := stableCopy([]byte(imports.Replace(string(data))), name)
		if err != nil {
			return err
		}
		replace[filepath.Join(modRoot, filepath.FromSlash(kitScenarioDir), r.req.Lesson.Slug, name)] = p
	}
	for _, part := range kitParts {
		shim, err := fs.ReadFile(r.req.Course, part.shimPath)
		if err != nil {
			return err
		}
		withShim := part.always || usesNames(hidden, shim)
		if part.dir != "" && (withShim || bytes.Contains(all, []byte(part.placeholder))) {
			// The same bytes at the same path every time, so go compiles the
			// package once and serves it from its build cache afterwards.
			files, err := kitPackageFiles(r.req.Course, part.dir)
			if err != nil {
				return err
			}
			for name, data := range files {
				p, err := stableCopy([]byte(imports.Replace(string(data))), name)
				if err != nil {
					return err
				}
				replace[filepath.Join(modRoot, filepath.FromSlash(part.pkg), name)] = p
			}
		}
		if withShim {
			shim = packageClauseRE.ReplaceAll(shim, []byte("package "+r.req.Lesson.Package))
			if err := add(part.shimName, []byte(imports.Replace(string(shim)))); err != nil {
				return err
			}
		}
	}
	// The learner's files, with the kit's yield points (rewrite.go).
	if err := r.writeSchedule(replace, modPath); err != nil {
		return err
	}
	// The learner's own tests leave the build: they cannot clash with the
	// kit's TestMain, nor turn a failing exercise into a pass.
	own, _ := filepath.Glob(filepath.Join(r.req.Dir, "*_test.go"))
	for _, f := range own {
		if _, ours := replace[f]; !ours {
			replace[f] = ""
		}
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return err
	}
	r.overlay = filepath.Join(r.tmp, "overlay.json")
	return os.WriteFile(r.overlay, data, 0o600)
}

// scenarioFiles reads a lesson's scenario package (every .go file of dir but
// _test.go files), or nothing if the lesson keeps all its tests in its
// hidden files.
func scenarioFiles(course fs.FS, dir string) (map[string][]byte, error) {
	if _, err := fs.Stat(course, dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return kitPackageFiles(course, dir)
}

// kitPackageFiles reads one of the kit's packages: every .go and .s file of dir
// except its shim, which goes into the learner's package instead.
func kitPackageFiles(course fs.FS, dir string) (map[string][]byte, error) {
	entries, err := fs.ReadDir(course, dir)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, ".s") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := fs.ReadFile(course, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("internal: no kit package in %s", dir)
	}
	return files, nil
}

// hiddenName is the name a hidden file takes inside the learner's package.
func hiddenName(p string) string { return "zz_gocourse_" + path.Base(p) }

func (r *gradingRun) command(ctx context.Context, limit time.Duration, extra ...string) *exec.Cmd {
	// The test binary's own -timeout fires first (it names the test that
	// hung); our hard limit is the backstop for builds and escaped children.
	// -vet=off: go test's vet subset (printf, ...) is no lesson's contract —
	// a formatting nit must not block a concurrency verdict — and skipping it
	// saves ~90 ms of every check. Starters and solutions are vetted by
	// `dev check`.
	// -gcflags=<exercise>=-l: no inlining in the one package compiled on
	// every save (the learner's files and the hidden tests; the kit and the
	// standard library keep their cached, optimised builds). Inlining
	// changes no behaviour the tests observe — race reports, stacks and
	// lines are the same — and skipping it cuts that compile by a fifth to
	// a third (lesson 06: 390 -> 330 ms, 09: 480 -> 300 ms). -dwarf=false:
	// no debug info in that package either; go test links its binary
	// without DWARF (-w) anyway, and stacks and race reports come from the
	// runtime's own tables. It saves a tenth of that compile (09: 92 -> 80 ms).
	args := []string{"test", "-race", "-vet=off", "-gcflags=" + r.pkgPath + "=-l -dwarf=false", "-json", "-count=1",
		"-overlay=" + r.overlay, "-timeout=" + limit.String()}
	args = append(args, extra...)
	args = append(args, ".")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = r.req.Dir
	cmd.Env = append(os.Environ(),
		"GORACE=atexit_sleep_ms=0",
		"CGO_ENABLED=1",
		"GOTMPDIR="+filepath.Join(r.tmp, "gowork"),
		"GOCOURSE_RESULT="+r.resultFile,
		"GOCOURSE_SOURCE="+r.factsFile,
		"GOCOURSE_LANG="+r.req.Lang,
	)
	cmd.Env = append(cmd.Env, r.sched.env()...)
	return cmd
}

func (r *gradingRun) cleanup() { _ = os.RemoveAll(r.tmp) }

// HiddenTestCommand is the go test command Grade runs for req — the same
// overlay of kit, scenarios, hidden tests and schedule rewrite — with plain
// output (-v, not -json) and flags added, for authors who debug a hidden
// test or prove it stable (scripts/run-hidden.sh). Call cleanup when it
// has run. Its -timeout is ten minutes, not the lesson's limit, so that
// many runs (-count) fit; a -timeout in flags wins.
func HiddenTestCommand(ctx context.Context, req Request, flags ...string) (cmd *exec.Cmd, cleanup func(), err error) {
	run, err := prepare(req)
	if err != nil {
		return nil, nil, err
	}
	cmd = run.command(ctx, 10*time.Minute, append([]string{"-v"}, flags...)...)
	cmd.Args = slices.DeleteFunc(cmd.Args, func(a string) bool { return a == "-json" })
	return cmd, run.cleanup, nil
}

// ---------------------------------------------------------------- warm-up progress

type buildHookKey struct{}

// buildHook is the build-output observer WarmProgress puts in ctx, or nil.
func buildHook(ctx context.Context) func(importPath, output string) {
	f, _ := ctx.Value(buildHookKey{}).(func(importPath, output string))
	return f
}

// compileLine is a compiler invocation as `go test -x` prints it.
var compileLine = regexp.MustCompile(`[/\\]compile(\.exe)? `)

// WarmProgress is Warm telling progress how far the build has got: built
// packages compiled so far of total, the packages not yet in the build
// cache. On a cold cache that is the race-enabled standard library (about
// 200 packages, 20-40 s); on a warm one, total is a handful. progress is
// first called with built 0 once total is known (total 0: unknown), then
// after every package, from other goroutines.
func WarmProgress(ctx context.Context, req Request, progress func(built, total int)) {
	run, err := prepare(req)
	if err != nil {
		return
	}
	defer run.cleanup()
	cmd := run.command(ctx, 5*time.Minute, "-run", "^$", "-x")
	// What must be compiled: the dependencies of the test binary that are
	// stale (not in the build cache). go list computes it in ~0.1-0.5 s.
	list := exec.CommandContext(ctx, "go", "list", "-deps", "-test", "-race", "-overlay="+run.overlay,
		"-f", "{{if .Stale}}{{.ImportPath}}{{end}}", ".")
	list.Dir, list.Env = cmd.Dir, cmd.Env
	total := 0
	if out, err := list.Output(); err == nil {
		total = staleCount(string(out))
	}
	if ctx.Err() != nil {
		return
	}
	progress(0, total)
	var mu sync.Mutex
	seen := map[string]bool{}
	hook := func(importPath, output string) {
		if !compileLine.MatchString(output) {
			return
		}
		mu.Lock()
		if seen[importPath] {
			mu.Unlock()
			return
		}
		seen[importPath] = true
		n := len(seen)
		mu.Unlock()
		progress(n, max(total, n))
	}
	runGoTest(context.WithValue(ctx, buildHookKey{}, hook), 5*time.Minute, cmd)
}

// staleCount counts the packages of go list's output (one import path a
// line) that go test will compile: a package whose test variant
// ("p [p.test]") is listed is compiled only as that variant.
func staleCount(out string) int {
	paths := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			paths[line] = true
		}
	}
	n := 0
	for p := range paths {
		if !paths[p+" ["+p+".test]"] {
			n++
		}
	}
	return n
}
