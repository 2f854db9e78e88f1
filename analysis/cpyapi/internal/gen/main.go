// Command gen writes cpyapi's generated tables from hpy-api.tsv. It runs
// through `go generate ./analysis/cpyapi`, whose working directory is the
// cpyapi package, hence the defaults.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hpyproject/hpylint/analysis/cpyapi/internal/apitsv"
)

func main() {
	api := flag.String("api", "../../../shared/hpy-api.tsv", "path of hpy-api.tsv (../shared/hpy-api.tsv from the repository root)")
	out := flag.String("out", "data", "directory that receives hpy_equivalents.tsv and hpy_names.tsv")
	flag.Parse()
	if err := run(*api, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(apiPath, outDir string) error {
	data, err := os.ReadFile(apiPath)
	if err != nil {
		return err
	}
	apis, err := apitsv.ParseAPI(data)
	if err != nil {
		return err
	}
	equivalents, names := apitsv.Generate(apis)
	if err := os.WriteFile(filepath.Join(outDir, "hpy_equivalents.tsv"), equivalents, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "hpy_names.tsv"), names, 0o644)
}
