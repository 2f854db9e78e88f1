package cmake

import (
	"flag"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg/internal/goldencfg"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

func TestGolden(t *testing.T) {
	goldencfg.Check(t, "../../../testdata/buildcfg/cmake/*/CMakeLists.txt", "CMakeLists.txt", *update, Read)
}
