package checker

// The schedule rewrite: before the hidden tests run, every non-test file of
// the learner's package is copied into the overlay with yield points of the
// grading kit inserted around its synchronisation (see kit/explore.go). A
// yield point does nothing outside gcExplore; inside it, the schedule's seed
// decides whether the goroutine that reached it steps aside and lets the
// others run first.
//
// Why this cannot change what the learner's code means: apart from chosen
// selects (below), the rewrite never touches an expression. It only inserts whole call statements,
// `zz_gocoursekit.Y(n)`, into statement lists (before a statement, after a
// simple statement, at the start of a select/switch clause or a loop body),
// plus one import. Evaluation order, side effects, labels, goto, defer and
// recover, and select's semantics are all untouched: a yield is a function
// call with no effect on the learner's variables. Lines never move (the
// insertions stay on the statement's own line), and `//line` / `/*line*/`
// directives give every token back its original file, line and column, so
// compile errors, race reports, panics and stacks name the learner's file.
// A file that does not parse, uses cgo or carries line directives of its
// own is graded as it is, with a note.
//
// Chosen selects (kit/choose.go): a select of two or more cases whose
// channels and sent values are plain (names, fields, ctx.Done()) gets a
// declaration in front, zzS<n> := zz_gocoursekit.Choose(n, attempts...),
// and each case's channel is wrapped, <-zz_gocoursekit.Recv(zzS<n>, i, ch),
// so that which ready case proceeds comes from the schedule's seed, not
// from the runtime's unseedable random choice. Plain expressions are the
// only ones copied into the attempts: evaluating them twice has no effect.
// Labelled selects and functions with a goto are left as they are (a goto
// may not jump over the declaration).

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// kitIdent is the name the rewritten files import the kit under.
const kitIdent = "zz_gocoursekit"

// yieldSite is one yield point: where it is and what it stands next to.
// The kit reads the table (GOCOURSE_SITES) to describe a schedule.
type yieldSite struct {
	ID   int    `json:"id"`
	File string `json:"file"` // base name, "tracker.go"
	Line int    `json:"line"`
	Func string `json:"func"` // "Event", "Run", "Start.func" (a function literal in Start)
	Op   string `json:"op"`   // "send", "recv", "select", "close", "go", "lock", "unlock", "wait", "sync", "atomic", "case", "loop"
	When string `json:"when"` // "before" or "after"
}

// rewriteResult is one file after the rewrite.
type rewriteResult struct {
	Src   []byte
	Sites []yieldSite
	Note  string // non-empty: the file was left as it is, and why
}

// syncMethods are method names that may be sync or sync/atomic operations.
// Without type information a learner's own method of the same name gets a
// yield too: harmless, a yield never changes meaning.
var syncMethods = map[string]string{
	"Lock": "lock", "RLock": "lock", "TryLock": "lock", "TryRLock": "lock",
	"Unlock": "unlock", "RUnlock": "unlock",
	"Wait": "wait", "Done": "sync", "Add": "sync", "Go": "go",
	"Do": "sync", "Signal": "sync", "Broadcast": "sync",
	"Load": "atomic", "Store": "atomic", "Swap": "atomic", "CompareAndSwap": "atomic",
	"And": "atomic", "Or": "atomic", "LoadOrStore": "atomic", "LoadAndDelete": "atomic",
}

// rewriteFile inserts yield points into one file. absPath is the file's real
// path (it goes into the line directives); ids start at firstID.
func rewriteFile(absPath string, src []byte, kitPath string, firstID int) rewriteResult {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, absPath, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return rewriteResult{Src: src, Note: "does not parse"}
	}
	for _, imp := range f.Imports {
		if imp.Path.Value == `"C"` {
			return rewriteResult{Src: src, Note: "uses cgo"}
		}
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//line ") || strings.HasPrefix(c.Text, "/*line ") {
				return rewriteResult{Src: src, Note: "has line directives of its own"}
			}
		}
	}
	w := &rewriter{fset: fset, file: fset.File(f.Pos()), src: src, base: filepath.Base(absPath),
		next: firstID, chans: chanNames(f)}
	w.atomicName = importName(f, "sync/atomic")
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		w.fn = shortFuncName(fd)
		w.noChoose = hasGoto(fd.Body)
		w.block(fd.Body.List)
	}
	if len(w.edits) == 0 {
		return rewriteResult{Src: src}
	}
	// The import goes right after the package name, on its line.
	w.insert(f.Name.End(), "; import "+kitIdent+" "+strconv.Quote(kitPath)+w.lineDirective(f.Name.End()))
	out := w.apply(absPath)
	if _, err := parser.ParseFile(token.NewFileSet(), absPath, out, parser.SkipObjectResolution); err != nil {
		return rewriteResult{Src: src, Note: "could not be rewritten safely (" + err.Error() + ")"}
	}
	return rewriteResult{Src: out, Sites: w.sites}
}

type edit struct {
	off  int
	text string
	seq  int
}

type rewriter struct {
	fset       *token.FileSet
	file       *token.File
	src        []byte
	base       string
	fn         string
	lit        int // depth of function literals
	next       int
	edits      []edit
	sites      []yieldSite
	chans      map[string]bool
	atomicName string
	noChoose   bool // the function has a goto: no declaration may be added
}

func (w *rewriter) insert(p token.Pos, text string) {
	w.edits = append(w.edits, edit{w.file.Offset(p), text, len(w.edits)})
}

// yield records a site and returns the statement that calls it.
func (w *rewriter) yield(p token.Pos, op, when string) string {
	id := w.next
	w.next++
	fn := w.fn
	if w.lit > 0 {
		fn += ".func"
	}
	w.sites = append(w.sites, yieldSite{ID: id, File: w.base, Line: w.file.Line(p), Func: fn, Op: op, When: when})
	return kitIdent + ".Y(" + strconv.Itoa(id) + ")"
}

// lineDirective gives the text after an insertion its original position back.
func (w *rewriter) lineDirective(p token.Pos) string {
	pos := w.file.Position(p)
	return "/*line :" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column) + "*/"
}

func (w *rewriter) before(s ast.Stmt, op string) {
	w.insert(s.Pos(), w.yield(s.Pos(), op, "before")+"; "+w.lineDirective(s.Pos()))
}

func (w *rewriter) after(s ast.Stmt, op string) {
	w.insert(s.End(), "; "+w.yield(s.Pos(), op, "after")+w.lineDirective(s.End()))
}

// atStart inserts a yield as the first statement of a clause or loop body
// whose statements begin after the token ending at p (":" or "{").
func (w *rewriter) atStart(p token.Pos, line token.Pos, op string) {
	w.insert(p, " "+w.yield(line, op, "after")+";"+w.lineDirective(p))
}

func (w *rewriter) apply(absPath string) []byte {
	sort.SliceStable(w.edits, func(i, j int) bool {
		if w.edits[i].off != w.edits[j].off {
			return w.edits[i].off < w.edits[j].off
		}
		return w.edits[i].seq < w.edits[j].seq
	})
	var b bytes.Buffer
	b.Grow(len(w.src) + 40*len(w.edits) + len(absPath) + 16)
	fmt.Fprintf(&b, "//line %s:1:1\n", absPath)
	last := 0
	for _, e := range w.edits {
		b.Write(w.src[last:e.off])
		b.WriteString(e.text)
		last = e.off
	}
	b.Write(w.src[last:])
	return b.Bytes()
}

// block instruments a statement list.
func (w *rewriter) block(list []ast.Stmt) {
	for _, s := range list {
		w.stmt(s)
	}
}

func (w *rewriter) stmt(s ast.Stmt) {
	inner := s
	for {
		l, ok := inner.(*ast.LabeledStmt)
		if !ok {
			break
		}
		inner = l.Stmt
	}
	switch st := inner.(type) {
	case *ast.ExprStmt, *ast.SendStmt, *ast.AssignStmt, *ast.IncDecStmt, *ast.DeclStmt:
		w.lits(st)
		if op := w.ops(st); op != "" {
			w.before(s, op)
			// A labelled statement keeps its label's target; a panic call
			// stays the terminating statement it may be.
			if s == inner && !isPanic(st) {
				w.after(s, op)
			}
		}
	case *ast.GoStmt:
		w.lits(st)
		w.before(s, "go")
		if s == inner {
			w.after(s, "go")
		}
	case *ast.DeferStmt:
		w.lits(st)
		if op := w.exprOps(st.Call.Args...); op != "" {
			w.before(s, op)
		}
	case *ast.ReturnStmt:
		w.lits(st)
		if op := w.exprOps(st.Results...); op != "" {
			w.before(s, op)
		}
	case *ast.BlockStmt:
		w.block(st.List)
	case *ast.IfStmt:
		w.ifStmt(s, st, true)
	case *ast.ForStmt:
		w.lits(st.Init, st.Cond, st.Post)
		op := w.ops(st.Init)
		if op == "" {
			op = w.exprOps(st.Cond)
		}
		if op2 := w.ops(st.Post) + w.exprOps(st.Cond); op2 != "" {
			w.atStart(st.Body.Lbrace+1, st.Pos(), "loop")
		}
		if op != "" {
			w.before(s, op)
		}
		w.block(st.Body.List)
	case *ast.RangeStmt:
		w.lits(st.X)
		if op := w.exprOps(st.X); op != "" {
			w.before(s, op)
		} else if w.isChan(st.X) {
			w.before(s, "recv")
		}
		if w.isChan(st.X) {
			w.atStart(st.Body.Lbrace+1, st.Pos(), "recv")
		}
		w.block(st.Body.List)
	case *ast.SwitchStmt:
		w.lits(st.Init, st.Tag)
		op := w.ops(st.Init)
		if op == "" {
			op = w.exprOps(st.Tag)
		}
		if op != "" {
			w.before(s, op)
		}
		for _, c := range st.Body.List {
			cc := c.(*ast.CaseClause)
			w.lits(cc.List)
			w.block(cc.Body)
		}
	case *ast.TypeSwitchStmt:
		w.lits(st.Init, st.Assign)
		if op := w.ops(st.Init) + w.ops(st.Assign); op != "" {
			w.before(s, "sync")
		}
		for _, c := range st.Body.List {
			w.block(c.(*ast.CaseClause).Body)
		}
	case *ast.SelectStmt:
		w.before(s, "select")
		if s == inner && !w.noChoose {
			w.choose(st, w.next-1)
		}
		for _, c := range st.Body.List {
			cc := c.(*ast.CommClause)
			if cc.Comm != nil {
				w.lits(cc.Comm)
			}
			op := "case-default"
			switch cc.Comm.(type) {
			case *ast.SendStmt:
				op = "case-send"
			case *ast.ExprStmt, *ast.AssignStmt:
				op = "case-recv"
			}
			w.atStart(cc.Colon+1, cc.Pos(), op)
			w.block(cc.Body)
		}
	}
}

func (w *rewriter) ifStmt(s ast.Stmt, st *ast.IfStmt, top bool) {
	w.lits(st.Init, st.Cond)
	op := w.ops(st.Init)
	if op == "" {
		op = w.exprOps(st.Cond)
	}
	if op != "" && top {
		w.before(s, op)
	}
	w.block(st.Body.List)
	switch e := st.Else.(type) {
	case *ast.BlockStmt:
		w.block(e.List)
	case *ast.IfStmt:
		// An else-if's header cannot take a statement before it; its
		// bodies still can.
		w.ifStmt(e, e, false)
	}
}

// lits instruments the bodies of function literals inside nodes.
func (w *rewriter) lits(nodes ...any) {
	for _, n := range nodes {
		var roots []ast.Node
		switch v := n.(type) {
		case nil:
		case ast.Node:
			roots = append(roots, v)
		case []ast.Expr:
			for _, e := range v {
				roots = append(roots, e)
			}
		}
		for _, r := range roots {
			ast.Inspect(r, func(x ast.Node) bool {
				if fl, ok := x.(*ast.FuncLit); ok {
					w.lit++
					w.block(fl.Body.List)
					w.lit--
					return false
				}
				return true
			})
		}
	}
}

// ops returns the first synchronisation operation in a simple statement
// (function literals excluded), or "".
func (w *rewriter) ops(s ast.Stmt) string {
	if s == nil {
		return ""
	}
	if _, ok := s.(*ast.SendStmt); ok {
		return "send"
	}
	return w.scan(s)
}

func (w *rewriter) exprOps(es ...ast.Expr) string {
	for _, e := range es {
		if e == nil {
			continue
		}
		if op := w.scan(e); op != "" {
			return op
		}
	}
	return ""
}

func (w *rewriter) scan(n ast.Node) string {
	op := ""
	ast.Inspect(n, func(x ast.Node) bool {
		if op != "" {
			return false
		}
		switch v := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			op = "send"
		case *ast.UnaryExpr:
			if v.Op == token.ARROW {
				op = "recv"
			}
		case *ast.CallExpr:
			switch fun := ast.Unparen(v.Fun).(type) {
			case *ast.Ident:
				if fun.Name == "close" {
					op = "close"
				}
			case *ast.SelectorExpr:
				if id, ok := fun.X.(*ast.Ident); ok && w.atomicName != "" && id.Name == w.atomicName {
					op = "atomic"
				} else if o, ok := syncMethods[fun.Sel.Name]; ok {
					op = o
				}
			}
		}
		return true
	})
	return op
}

// isChan guesses whether a range expression is a channel: a name (variable,
// field) that the file declares with a channel type or makes with make(chan).
func (w *rewriter) isChan(e ast.Expr) bool {
	switch v := ast.Unparen(e).(type) {
	case *ast.Ident:
		return w.chans[v.Name]
	case *ast.SelectorExpr:
		return w.chans[v.Sel.Name]
	case *ast.CallExpr:
		if id, ok := v.Fun.(*ast.Ident); ok && id.Name == "make" && len(v.Args) > 0 {
			_, ok := v.Args[0].(*ast.ChanType)
			return ok
		}
	case *ast.UnaryExpr:
		return v.Op == token.ARROW // range over a received channel
	}
	return false
}

// chanNames collects the names declared with a channel type in f (fields,
// variables, parameters, results) or assigned a make(chan ...).
func chanNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	isChanType := func(t ast.Expr) bool {
		_, ok := t.(*ast.ChanType)
		return ok
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch v := n.(type) {
		case *ast.Field:
			if isChanType(v.Type) {
				for _, id := range v.Names {
					names[id.Name] = true
				}
			}
		case *ast.ValueSpec:
			if v.Type != nil && isChanType(v.Type) {
				for _, id := range v.Names {
					names[id.Name] = true
				}
			}
			for i, val := range v.Values {
				if isMakeChan(val) && i < len(v.Names) {
					names[v.Names[i].Name] = true
				}
			}
		case *ast.AssignStmt:
			for i, val := range v.Rhs {
				if isMakeChan(val) && i < len(v.Lhs) {
					switch l := v.Lhs[i].(type) {
					case *ast.Ident:
						names[l.Name] = true
					case *ast.SelectorExpr:
						names[l.Sel.Name] = true
					}
				}
			}
		case *ast.KeyValueExpr:
			if isMakeChan(v.Value) {
				if id, ok := v.Key.(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
		}
		return true
	})
	return names
}

func isMakeChan(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok || len(c.Args) == 0 {
		return false
	}
	id, ok := c.Fun.(*ast.Ident)
	if !ok || id.Name != "make" {
		return false
	}
	_, ok = c.Args[0].(*ast.ChanType)
	return ok
}

func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if p != path {
			continue
		}
		if imp.Name != nil {
			return imp.Name.Name
		}
		return path[strings.LastIndex(path, "/")+1:]
	}
	return ""
}

// shortFuncName is a function's name as a goroutine is named in a trace:
// "Event" for the method Tracker.Event.
func shortFuncName(fd *ast.FuncDecl) string { return fd.Name.Name }

func isPanic(s ast.Stmt) bool {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	c, ok := e.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(c.Fun).(*ast.Ident)
	return ok && id.Name == "panic"
}

// choose makes st a chosen select (see the file comment and kit/choose.go):
// a Choose declaration in front of it, and each case's channel wrapped.
func (w *rewriter) choose(st *ast.SelectStmt, site int) {
	type wrap struct {
		ch   ast.Expr
		send bool
	}
	var attempts []string
	var wraps []wrap
	for _, c := range st.Body.List {
		cc := c.(*ast.CommClause)
		switch comm := cc.Comm.(type) {
		case nil: // default
		case *ast.SendStmt:
			if !w.plain(comm.Chan) || !w.plain(comm.Value) {
				return
			}
			attempts = append(attempts, kitIdent+".TrySend("+w.text(comm.Chan)+")("+w.text(comm.Value)+")")
			wraps = append(wraps, wrap{comm.Chan, true})
		default:
			var x ast.Expr
			switch c := comm.(type) {
			case *ast.ExprStmt:
				x = c.X
			case *ast.AssignStmt:
				if len(c.Rhs) == 1 {
					x = c.Rhs[0]
				}
			}
			u, ok := ast.Unparen(x).(*ast.UnaryExpr)
			if !ok || u.Op != token.ARROW || !w.plain(u.X) {
				return
			}
			attempts = append(attempts, kitIdent+".TryRecv("+w.text(u.X)+")")
			wraps = append(wraps, wrap{u.X, false})
		}
	}
	if len(attempts) < 2 {
		return // one case (and perhaps a default): nothing to choose
	}
	v := "zzS" + strconv.Itoa(site)
	w.insert(st.Pos(), v+" := "+kitIdent+".Choose("+strconv.Itoa(site)+", "+strings.Join(attempts, ", ")+"); "+w.lineDirective(st.Pos()))
	for i, c := range wraps {
		fn := ".Recv("
		if c.send {
			fn = ".SendTo("
		}
		w.insert(c.ch.Pos(), kitIdent+fn+v+", "+strconv.Itoa(i)+", "+w.lineDirective(c.ch.Pos()))
		w.insert(c.ch.End(), ")"+w.lineDirective(c.ch.End()))
	}
}

// text is the source of e.
func (w *rewriter) text(e ast.Expr) string {
	return string(w.src[w.file.Offset(e.Pos()):w.file.Offset(e.End())])
}

// plain reports whether e can be evaluated a second time with no effect
// and copied as it is: names, fields, literals, indexing and dereferencing
// of those, and x.Done() (a context's channel), all on one line.
func (w *rewriter) plain(e ast.Expr) bool {
	if t := w.text(e); strings.ContainsAny(t, "\n") || strings.Contains(t, "/*") || strings.Contains(t, "//") {
		return false
	}
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case nil, *ast.Ident, *ast.BasicLit, *ast.SelectorExpr, *ast.ParenExpr, *ast.IndexExpr,
			*ast.StarExpr, *ast.CompositeLit, *ast.StructType, *ast.FieldList, *ast.KeyValueExpr:
		case *ast.UnaryExpr:
			ok = ok && x.Op == token.AND
		case *ast.CallExpr:
			sel, isSel := x.Fun.(*ast.SelectorExpr)
			ok = ok && isSel && sel.Sel.Name == "Done" && len(x.Args) == 0
		default:
			ok = false
		}
		return ok
	})
	return ok
}

// hasGoto reports whether body has a goto statement.
func hasGoto(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}
