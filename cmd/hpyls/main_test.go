package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/cmd/internal/version"
)

// The test binary doubles as hpyls: with HPYLS_TEST_MAIN=1 it runs main,
// so the tests exercise the real process, exit codes included.
func TestMain(m *testing.M) {
	if os.Getenv("HPYLS_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func hpyls(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "HPYLS_TEST_MAIN=1")
	return cmd
}

// What it prints is cmd/internal/version's to test, with binaries built
// there; here, that --version prints it.
func TestVersion(t *testing.T) {
	out, err := hpyls("--version").Output()
	if want := "hpyls " + version.String() + "\n"; err != nil || string(out) != want {
		t.Fatalf("--version: %q, %v; want %q", out, err, want)
	}
}

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

const initialize = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`

// The spec's exit codes, from the real process: 0 after shutdown, 1 when
// exit comes without it or stdin closes first.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		messages []string
		closeIn  bool
		want     int
	}{
		{"shutdown then exit", []string{initialize, `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`}, false, 0},
		{"exit without shutdown", []string{initialize, `{"jsonrpc":"2.0","method":"exit"}`}, false, 1},
		{"stdin closed", []string{initialize}, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := filepath.Join(t.TempDir(), "hpyls.log")
			cmd := hpyls("--log", log)
			stdin, _ := cmd.StdinPipe()
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			responses := make(chan string, 10)
			go readFrames(stdout, responses)
			for _, m := range tc.messages {
				io.WriteString(stdin, frame(m))
				if strings.Contains(m, `"id"`) {
					select {
					case r := <-responses:
						if strings.Contains(r, `"error"`) {
							t.Fatalf("error response: %s", r)
						}
					case <-time.After(10 * time.Second):
						t.Fatalf("no response to %s", m)
					}
				}
			}
			if tc.closeIn {
				stdin.Close()
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("hpyls did not exit")
			}
			if got := cmd.ProcessState.ExitCode(); got != tc.want {
				t.Errorf("exit code %d, want %d", got, tc.want)
			}
			if data, _ := os.ReadFile(log); !bytes.Contains(data, []byte("initialize")) {
				t.Errorf("--log file lacks the session:\n%s", data)
			}
		})
	}
}

func readFrames(r io.Reader, out chan<- string) {
	br := bufio.NewReader(r)
	for {
		var n int
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if strings.TrimSpace(line) == "" {
				break
			}
			fmt.Sscanf(line, "Content-Length: %d", &n)
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			return
		}
		out <- string(body)
	}
}
