package listdir

// Hidden tests of lesson 05-directory-callback: each runs its scenario
// (package scenario, beside this file: compiled once and cached) on the
// learner's ListDirectory and Find.
//
// Every sentence of lesson 05's contract (COURSE.md and "How it is graded"),
// and the test that fails when it is broken (fixture that proves it):
//
//	fn for root and everything under it, depth-first   TestListDirectoryVisitsEverythingDepthFirstInLexicalOrder,
//	  in lexical order                                   TestListDirectoryMatchesWalkDirOnGeneratedTrees (wrong-unsorted-order)
//	fs.SkipDir on a directory / on a file                TestListDirectorySkipDir* (wrong-skipdir-on-file-ignored)
//	fs.SkipAll: stop, return nil                         TestListDirectorySkipAllStopsTheWalkAndReturnsNil (wrong-skipall-returned)
//	other errors: stop, return it                        TestListDirectoryStopsAndReturnsTheErrorFnReturns
//	read errors passed to fn (second call; root stat)    TestListDirectoryPassesReadErrorsToFn, ...TheRootsStatErrorToFn
//	                                                     (wrong-read-error-returned, wrong-root-error-returned)
//	a directory is read only after fn returned nil       the read log in l05Check (wrong-reads-before-fn, wrong-collect-then-call)
//	written with fs.ReadDir, not fs.WalkDir/Walk         TestListDirectoryIsWrittenWithoutWalkDir (wrong-delegates-to-walkdir)
//	a symlink is an entry, never followed                TestListDirectoryReportsASymlinkWithoutFollowingIt (wrong-follows-symlinks)
//	nothing left running when fn stops early             TestListDirectoryLeavesNothingRunningWhenFnStopsEarly
//	                                                     (wrong-channel-producer-leak, wrong-iter-pull-never-stopped,
//	                                                     wrong-handshake-producer-not-stopped)
//	... nor when fn panics                               TestListDirectoryLeavesNothingRunningWhenFnPanics (wrong-handshake-leaks-on-panic)
//	Find: first entry named name, in walk order          TestFindReturnsTheFirstMatchInWalkOrder (wrong-find-breadth-first)
//	Find stops as soon as it is found                    TestFindStopsReadingAsSoonAsItFindsTheName (wrong-find-reads-whole-tree)
//	Find: otherwise an error wrapping fs.ErrNotExist     TestFindReturnsAnErrorWrappingErrNotExist (wrong-find-not-wrapped)
//	Find returns a read error met before the name        TestFindReturnsAReadErrorMetBeforeTheName
//	                                                     (wrong-find-walks-past-read-error, wrong-find-read-error-as-not-found)

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

var l05API = gcscenario.API{ListDirectory: ListDirectory, Find: Find}

func TestListDirectoryVisitsEverythingDepthFirstInLexicalOrder(t *testing.T) {
	gcscenario.ListDirectoryVisitsEverythingDepthFirstInLexicalOrder(t, l05API)
}
func TestListDirectorySkipDirOnADirectorySkipsOnlyThatDirectory(t *testing.T) {
	gcscenario.ListDirectorySkipDirOnADirectorySkipsOnlyThatDirectory(t, l05API)
}
func TestListDirectorySkipDirOnAFileSkipsTheRestOfItsDirectory(t *testing.T) {
	gcscenario.ListDirectorySkipDirOnAFileSkipsTheRestOfItsDirectory(t, l05API)
}
func TestListDirectorySkipAllStopsTheWalkAndReturnsNil(t *testing.T) {
	gcscenario.ListDirectorySkipAllStopsTheWalkAndReturnsNil(t, l05API)
}
func TestListDirectoryStopsAndReturnsTheErrorFnReturns(t *testing.T) {
	gcscenario.ListDirectoryStopsAndReturnsTheErrorFnReturns(t, l05API)
}
func TestListDirectoryPassesReadErrorsToFn(t *testing.T) {
	gcscenario.ListDirectoryPassesReadErrorsToFn(t, l05API)
}
func TestListDirectoryPassesTheRootsStatErrorToFn(t *testing.T) {
	gcscenario.ListDirectoryPassesTheRootsStatErrorToFn(t, l05API)
}
func TestListDirectoryLeavesNothingRunningWhenFnStopsEarly(t *testing.T) {
	gcscenario.ListDirectoryLeavesNothingRunningWhenFnStopsEarly(t, l05API)
}
func TestFindReturnsTheFirstMatchInWalkOrder(t *testing.T) {
	gcscenario.FindReturnsTheFirstMatchInWalkOrder(t, l05API)
}
func TestFindReturnsAnErrorWrappingErrNotExist(t *testing.T) {
	gcscenario.FindReturnsAnErrorWrappingErrNotExist(t, l05API)
}
func TestFindStopsReadingAsSoonAsItFindsTheName(t *testing.T) {
	gcscenario.FindStopsReadingAsSoonAsItFindsTheName(t, l05API)
}
func TestListDirectoryMatchesWalkDirOnGeneratedTrees(t *testing.T) {
	gcscenario.ListDirectoryMatchesWalkDirOnGeneratedTrees(t, l05API)
}
func TestListDirectoryIsWrittenWithoutWalkDir(t *testing.T) {
	gcscenario.ListDirectoryIsWrittenWithoutWalkDir(t, l05API)
}
func TestListDirectoryReportsASymlinkWithoutFollowingIt(t *testing.T) {
	gcscenario.ListDirectoryReportsASymlinkWithoutFollowingIt(t, l05API)
}
func TestListDirectoryLeavesNothingRunningWhenFnPanics(t *testing.T) {
	gcscenario.ListDirectoryLeavesNothingRunningWhenFnPanics(t, l05API)
}
func TestFindReturnsAReadErrorMetBeforeTheName(t *testing.T) {
	gcscenario.FindReturnsAReadErrorMetBeforeTheName(t, l05API)
}
