//go:build unix

package fix

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// owner is the user and group a rewritten file keeps.
type owner struct{ uid, gid int }

// ownerOf returns a file's owner and its number of hard links.
func ownerOf(info fs.FileInfo) (*owner, uint64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, 1
	}
	return &owner{uid: int(st.Uid), gid: int(st.Gid)}, uint64(st.Nlink)
}

// keepOwner gives the temporary file the original's owner and group, and
// says so when it cannot (only root may give a file away; a user may pick
// any group of theirs).
func keepOwner(tmp *os.File, o *owner) string {
	if o == nil {
		return ""
	}
	info, err := tmp.Stat()
	if err != nil {
		return fmt.Sprintf("owner %d:%d not kept: %v", o.uid, o.gid, err)
	}
	if now, _ := ownerOf(info); now != nil && *now == *o {
		return ""
	}
	if err := tmp.Chown(o.uid, o.gid); err != nil {
		tmp.Chown(-1, o.gid) // the group alone, at least
		if again, serr := tmp.Stat(); serr == nil {
			info = again
		}
		now, _ := ownerOf(info)
		return fmt.Sprintf("owner %d:%d not kept, now %d:%d: %v", o.uid, o.gid, now.uid, now.gid, err)
	}
	return ""
}

// openNoWait opens a file for reading without blocking when it turned
// into a FIFO since it was looked at.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
