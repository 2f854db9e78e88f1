package meson

import "github.com/hpyproject/hpylint/analysis/buildcfg/compileflags"

var (
	parseArgs     = compileflags.Parse
	linkLibraries = compileflags.Libraries
	isABIMacro    = compileflags.IsABIMacro
	cleanPath     = compileflags.CleanPath
)
