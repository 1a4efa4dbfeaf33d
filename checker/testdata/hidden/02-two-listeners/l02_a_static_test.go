// Hidden tests of lesson 02 (02-two-listeners). Every sentence of the
// contract (COURSE.md) and of "How it is graded" (content/{en,zh}/02-*.md),
// and the test that fails when it is broken; fixtures under
// checker/testdata/fixtures/02-two-listeners prove each one.
//
//	sentence                                              test (fixture)
//	serveApp: GET / -> "Hello\n"                          TestServeAppSaysHelloUntilItsListenerFails
//	serveApp blocks until serving fails, returns the err  TestServeAppSaysHelloUntilItsListenerFails (wrong-go-inside-serve)
//	serveDebug serves DefaultServeMux with pprof          TestServeDebugServesPprofUntilItsListenerFails (wrong-debug-without-pprof)
//	the serving functions are synchronous (no go stmt)    TestServeFunctionsStartNoGoroutine (wrong-go-inside-serve)
//	serveApp's own mux: no /debug/pprof/ on the app       TestServeAppDoesNotExposeTheDebugEndpoints (wrong-app-on-default-mux)
//	run: when either returns, it stops the other          TestRunStops{App,Debug}When...Fails (wrong-misses-debug-failure, wrong-other-left-serving)
//	run returns the first error                           TestRunStops... (wrong-returns-last-error)
//	... itself, not a join of both                        TestRunStops... (wrong-joins-errors)
//	run returns only after both serving functions have    TestRunStops... gk.Inside at run's return, listeners with Lag
//	returned, on every path                               (wrong-returns-without-waiting, wrong-unbuffered-no-wait)
//	returns within 2 s of a listener breaking             the l02Wait bounds
//	the other server no longer answers                    TestRunStops... (wrong-other-left-serving)
//	log.Fatal/os.Exit instead of returning the error      TestOnlyMainMayExitTheProcess (wrong-log-fatal-in-serve)
//	run returning while the other still serves (leak)     the bubble of TestRunStops... (wrong-other-left-serving)
//	select {}                                             TestNoEmptySelectParksAGoroutine (wrong-select-forever)
package main

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// Static rules of lesson 02 (package scenario, beside this file: compiled
// once and cached). This file sorts first, so these run before any test that
// could end the whole process through a stray log.Fatal.

func TestNoEmptySelectParksAGoroutine(t *testing.T)   { gcscenario.NoEmptySelectParksAGoroutine(t) }
func TestOnlyMainMayExitTheProcess(t *testing.T)      { gcscenario.OnlyMainMayExitTheProcess(t) }
func TestServeFunctionsStartNoGoroutine(t *testing.T) { gcscenario.ServeFunctionsStartNoGoroutine(t) }
