#!/usr/bin/env python3
"""Drives a language server through initialize, shutdown and exit over stdio.

    lsp-handshake.py ROOT COMMAND...

starts COMMAND, initializes it on the workspace directory ROOT, checks the
replies (initialize returns the server's capabilities and its name,
shutdown returns null, the server exits 0 after exit) and prints the
server's name, version and capability names. Requests the server makes
meanwhile get a null result; notifications are read and dropped.
"""

import json
import pathlib
import subprocess
import sys
import threading

# Only a guard against a hung server, so the CI run ends; nothing is timed.
HANG = 300


def fail(message):
    sys.exit(f"lsp-handshake: FAIL: {message}")


def send(proc, message):
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            fail("the server closed its output in the middle of the session")
        line = line.rstrip(b"\r\n")
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length is None:
        fail("a message without Content-Length")
    return json.loads(stream.read(length))


def reply_to(proc, want_id):
    """Reads until the response to request want_id, answering the server's requests."""
    while True:
        message = receive(proc.stdout)
        if message.get("id") == want_id and "method" not in message:
            if "error" in message:
                fail(f"request {want_id} failed: {message['error']}")
            return message.get("result")
        if "method" in message and "id" in message:
            send(proc, {"id": message["id"], "result": None})


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root = pathlib.Path(sys.argv[1]).resolve()
    proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    watchdog = threading.Timer(HANG, proc.kill)
    watchdog.start()
    try:
        send(proc, {"id": 1, "method": "initialize", "params": {
            "processId": None,
            "clientInfo": {"name": "lsp-handshake.py"},
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": {},
        }})
        result = reply_to(proc, 1)
        if not isinstance(result, dict) or not isinstance(result.get("capabilities"), dict):
            fail(f"initialize returned no capabilities: {result!r}")
        capabilities = sorted(result["capabilities"])
        info = result.get("serverInfo") or {}
        if not info.get("name"):
            fail(f"initialize returned no serverInfo.name: {result!r}")
        send(proc, {"method": "initialized", "params": {}})
        send(proc, {"id": 2, "method": "shutdown"})
        result = reply_to(proc, 2)
        if result is not None:
            fail(f"shutdown returned {result!r}, want null")
        send(proc, {"method": "exit"})
        proc.stdin.close()
        code = proc.wait()
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    if code != 0:
        fail(f"the server exited {code} after shutdown and exit, want 0")
    print(f"lsp-handshake: {info['name']} {info.get('version', '')}: initialize (capabilities: {', '.join(capabilities)}), shutdown and exit answered; exited 0")


if __name__ == "__main__":
    main()
