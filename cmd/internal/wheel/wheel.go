// Package wheel reads a binary wheel and checks what it claims: its name, METADATA, WHEEL, RECORD and static executables.
package wheel

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Wheel is a wheel that Read found consistent.
type Wheel struct {
	Name, Version, Tag string            // from the file name; Tag is python-abi-platform
	Metadata           map[string]string // METADATA's header fields (the last of a repeated one)
	Info               map[string]string // the WHEEL file's fields
	Files              map[string]File   // every archive member, by name
	Scripts            []string          // the names under <name>-<version>.data/scripts/
}

// File is one archive member.
type File struct {
	Data []byte
	Mode fs.FileMode // from the zip's Unix attributes; pip applies the executable bit
}

// DataDir and DistInfo are the wheel's two directories.
func (w *Wheel) DataDir() string  { return w.Name + "-" + w.Version + ".data" }
func (w *Wheel) DistInfo() string { return w.Name + "-" + w.Version + ".dist-info" }

// Script is the content of the executable name under .data/scripts/.
func (w *Wheel) Script(name string) (File, bool) {
	f, ok := w.Files[w.DataDir()+"/scripts/"+name]
	return f, ok
}

// Read opens the wheel at file and checks it as pip and PyPI read it (PEP
// 427, PEP 491, core metadata 2.1): every problem found is in the error.
func Read(file string) (*Wheel, error) {
	w := &Wheel{Files: map[string]File{}}
	var problems []error
	bad := func(format string, args ...any) { problems = append(problems, fmt.Errorf(format, args...)) }

	base := filepath.Base(file)
	parts := strings.Split(strings.TrimSuffix(base, ".whl"), "-")
	if !strings.HasSuffix(base, ".whl") || len(parts) != 5 {
		return nil, fmt.Errorf("%s: not a wheel file name, {name}-{version}-{python}-{abi}-{platform}.whl", base)
	}
	w.Name, w.Version, w.Tag = parts[0], parts[1], strings.Join(parts[2:], "-")

	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var order []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", base, zf.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", base, zf.Name, err)
		}
		if _, dup := w.Files[zf.Name]; dup {
			bad("%s is in the archive twice", zf.Name)
		}
		w.Files[zf.Name] = File{Data: data, Mode: zf.Mode()}
		order = append(order, zf.Name)
		if dir, name := path.Split(zf.Name); dir == w.DataDir()+"/scripts/" {
			w.Scripts = append(w.Scripts, name)
			if zf.Mode()&0o111 == 0 {
				bad("%s is not executable (mode %v)", zf.Name, zf.Mode())
			}
		}
	}

	w.Metadata = fields(w.Files[w.DistInfo()+"/METADATA"].Data)
	for key, want := range map[string]string{"Metadata-Version": "2.1", "Name": w.Name, "Version": w.Version, "License": "MIT"} {
		if got := w.Metadata[key]; got != want {
			bad("METADATA %s is %q, want %q", key, got, want)
		}
	}
	for _, key := range []string{"Summary", "Requires-Python"} {
		if w.Metadata[key] == "" {
			bad("METADATA has no %s", key)
		}
	}
	w.Info = fields(w.Files[w.DistInfo()+"/WHEEL"].Data)
	for key, want := range map[string]string{"Wheel-Version": "1.0", "Root-Is-Purelib": "false", "Tag": w.Tag} {
		if got := w.Info[key]; got != want {
			bad("WHEEL %s is %q, want %q", key, got, want)
		}
	}
	if w.Info["Generator"] == "" {
		bad("WHEEL has no Generator")
	}
	if _, ok := w.Files[w.DistInfo()+"/LICENSE"]; !ok {
		bad("no %s/LICENSE", w.DistInfo())
	}
	for _, name := range order {
		if !strings.HasPrefix(name, w.DataDir()+"/") && !strings.HasPrefix(name, w.DistInfo()+"/") {
			bad("%s is outside %s and %s", name, w.DataDir(), w.DistInfo())
		}
	}
	problems = append(problems, checkRecord(w)...)
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s: %w", base, errors.Join(problems...))
	}
	return w, nil
}

// checkRecord checks that RECORD lists every member once, with its sha256
// (urlsafe base64, no padding) and size, and itself with neither.
func checkRecord(w *Wheel) []error {
	var problems []error
	bad := func(format string, args ...any) { problems = append(problems, fmt.Errorf(format, args...)) }
	recordName := w.DistInfo() + "/RECORD"
	record, ok := w.Files[recordName]
	if !ok {
		return []error{fmt.Errorf("no %s", recordName)}
	}
	rows, err := csv.NewReader(bytes.NewReader(record.Data)).ReadAll()
	if err != nil {
		return []error{fmt.Errorf("RECORD: %v", err)}
	}
	listed := map[string]bool{}
	for _, row := range rows {
		if len(row) != 3 {
			bad("RECORD row %q has %d fields, want 3", row, len(row))
			continue
		}
		name, hash, size := row[0], row[1], row[2]
		if listed[name] {
			bad("RECORD lists %s twice", name)
		}
		listed[name] = true
		if name == recordName {
			if hash != "" || size != "" {
				bad("RECORD lists itself with hash %q and size %q, want both empty", hash, size)
			}
			continue
		}
		f, ok := w.Files[name]
		if !ok {
			bad("RECORD lists %s, which the archive lacks", name)
			continue
		}
		sum := sha256.Sum256(f.Data)
		if want := "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:]); hash != want {
			bad("RECORD has %s for %s, its content hashes to %s", hash, name, want)
		}
		if want := strconv.Itoa(len(f.Data)); size != want {
			bad("RECORD has size %s for %s, it is %s bytes", size, name, want)
		}
	}
	for name := range w.Files {
		if !listed[name] {
			bad("%s is not in RECORD", name)
		}
	}
	return problems
}

// fields reads the "Key: value" header of a METADATA or WHEEL file, up to
// the first blank line (METADATA's description follows it).
func fields(data []byte) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			break
		}
		if key, value, ok := strings.Cut(line, ":"); ok {
			m[key] = strings.TrimSpace(value)
		}
	}
	return m
}
