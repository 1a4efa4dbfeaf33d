//go:build !race

package gocoursekit

func raceDisable() {}
func raceEnable()  {}
