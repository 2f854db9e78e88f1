package audit

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// wheel is what the tag check needs of a wheel.
type wheel struct {
	path string // as reported
	base string // file name
	// tags are the file name's tags, expanded (py3-none-linux_x86_64);
	// nil when the name is not a wheel's.
	tags [][3]string
	arts []*artifact
}

// auditWheel reads a wheel as a zip archive from the file, member by
// member, never extracting to disk; each binary member is read through the
// size limit.
func (r *auditRun) auditWheel(p string) {
	if r.wheels[p] {
		return
	}
	r.wheels[p] = true
	w := &wheel{path: r.display(p), base: path.Base(strings.ReplaceAll(p, `\`, "/"))}
	w.tags = wheelTags(w.base)
	r.files++
	file, err := os.Open(p)
	if err != nil {
		r.report(rules.UnreadableArtifact, w.path, "cannot be read: %v", unwrapPath(err))
		return
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		r.report(rules.UnreadableArtifact, w.path, "cannot be read: %v", unwrapPath(err))
		return
	}
	zr, err := zip.NewReader(file, info.Size())
	if err != nil {
		r.report(rules.UnreadableArtifact, w.path, "not a readable zip archive (%v), so not a wheel: nothing in it was audited", err)
		return
	}
	folders := map[string]*folder{}
	folderOf := func(dir string) *folder {
		if folders[dir] == nil {
			folders[dir] = newFolder()
		}
		return folders[dir]
	}
	hasWheelFile := false
	for _, m := range zr.File {
		name := m.Name
		if strings.HasSuffix(name, "/") {
			continue
		}
		dir, base := path.Split(name)
		if base == "WHEEL" && strings.HasSuffix(strings.TrimSuffix(dir, "/"), ".dist-info") && !strings.Contains(strings.TrimSuffix(dir, "/"), "/") {
			hasWheelFile = true
		}
		installDir, importable := installDir(dir)
		switch {
		case strings.HasSuffix(base, ".py"), strings.HasSuffix(base, ".pyc"):
			folderOf(installDir).addStub(base)
		case IsLibraryName(base):
			a := r.readMember(w, m, importable)
			folderOf(installDir).add(a)
			w.arts = append(w.arts, a)
		}
	}
	if !hasWheelFile {
		r.report(rules.UnreadableArtifact, w.path, "has no <name>.dist-info/WHEEL file: not a wheel pip installs, and its tags were not checked")
	}
	for _, key := range sortedKeys(folders) {
		r.auditFolder(folders[key])
	}
	if hasWheelFile {
		checkWheelTags(r, w)
	}
}

// readMember reads one binary member into memory, at most MaxMember bytes,
// whatever its header claims.
func (r *auditRun) readMember(w *wheel, m *zip.File, importable bool) *artifact {
	a := &artifact{path: w.path + "!/" + m.Name, name: ParseName(path.Base(m.Name)), importable: importable, report: true}
	r.files++
	defer r.reportUnreadable(a)
	limit := r.o.MaxMember
	if m.UncompressedSize64 > uint64(limit) {
		a.err = fmt.Errorf("its size in the wheel is %d bytes, over the audit's limit of %d (a zip bomb, or a binary too large to audit)", m.UncompressedSize64, limit)
		return a
	}
	data, err := memberBytes(m, limit)
	if err != nil {
		a.err = err
		return a
	}
	a.img, a.err = readImage(bytes.NewReader(data), int64(len(data)))
	a.sum = memoSum(data)
	a.open = func() (io.ReaderAt, error) {
		data, err := memberBytes(m, limit)
		return bytes.NewReader(data), err
	}
	return a
}

// memberBytes decompresses a member, at most limit bytes of it.
func memberBytes(m *zip.File, limit int64) ([]byte, error) {
	rc, err := m.Open()
	if err != nil {
		return nil, fmt.Errorf("damaged wheel member (%v)", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("damaged wheel member (%v)", err)
	case int64(len(data)) > limit:
		return nil, fmt.Errorf("decompresses to more than the audit's limit of %d bytes", limit)
	}
	return data, nil
}

// dataDir matches the .data directory of a wheel: <name>-<version>.data/<scheme>/.
var dataDir = regexp.MustCompile(`^[^/]+\.data/([^/]+)/`)

// installDir is where a member's directory is installed, relative to
// site-packages: platlib and purelib files land beside the root's, other
// schemes (scripts, headers, data) outside the import path.
func installDir(dir string) (string, bool) {
	m := dataDir.FindStringSubmatch(dir)
	if m == nil {
		return dir, true
	}
	switch m[1] {
	case "platlib", "purelib":
		return dir[len(m[0]):], true
	}
	return dir, false
}

// wheelTags expands the tags of a wheel's file name
// ({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl); nil when
// the name is not a wheel's.
func wheelTags(base string) [][3]string {
	parts := strings.Split(strings.TrimSuffix(base, ".whl"), "-")
	if len(parts) != 5 && len(parts) != 6 {
		return nil
	}
	n := len(parts)
	var out [][3]string
	for _, py := range strings.Split(parts[n-3], ".") {
		for _, abi := range strings.Split(parts[n-2], ".") {
			for _, plat := range strings.Split(parts[n-1], ".") {
				out = append(out, [3]string{py, abi, plat})
			}
		}
	}
	return out
}
