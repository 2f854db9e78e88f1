package meson

import (
	"flag"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg/internal/goldencfg"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

func TestGolden(t *testing.T) {
	goldencfg.Check(t, "../../../testdata/buildcfg/meson/*/meson.build", "meson.build", *update, Read)
}
