#!/usr/bin/env python3
"""Times `roles-lint server` against the command line on a generated handbook.

Generates a handbook (default 2,000 pages, in folders), starts the server over stdio as
an editor would, waits for the first index, then edits one page many times without
saving (adding and removing an invisible character, so its diagnostics change each
time) and records the time from each didChange to the publishDiagnostics of that page.
The server is told `debounceMs: 0`, so the figure is the re-lint itself; an editor adds
the 200 ms debounce on top. For comparison it times one CLI run on the same handbook.

Not a timed test: run it by hand on a quiet machine, with a release build.
Usage: bench/server.py [--pages 2000] [--edits 30] [--bin target/release/roles-lint]
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
GEN = pathlib.Path(os.environ.get("GEN", REPO.parent / "shared" / "bench" / "gen_handbook.py"))


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            sys.exit("the server exited")
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))


def wait_for(proc, accept):
    """Reads messages until `accept` holds; answers the server's requests."""
    while True:
        message = receive(proc)
        if "id" in message and "method" in message:
            send(proc, {"jsonrpc": "2.0", "id": message["id"], "result": None})
        if accept(message):
            return message


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--bin", default=str(REPO / "target" / "release" / "roles-lint"))
    parser.add_argument("--out", default=str(HERE / "out"))
    args = parser.parse_args()

    root = pathlib.Path(args.out) / f"server-hb-{args.pages}"
    if not root.exists():
        subprocess.run([sys.executable, str(GEN), str(root), "--pages", str(args.pages),
                        "--subdirs"], check=True, stdout=subprocess.DEVNULL)

    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([args.bin, "--format", "json", str(root)], stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - started)
    cli = statistics.median(runs)

    proc = subprocess.Popen([args.bin, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    started = time.perf_counter()
    root_uri = root.resolve().as_uri()
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": root_uri, "initializationOptions": {"debounceMs": 0},
        "capabilities": {"window": {"workDoneProgress": True}}}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    wait_for(proc, lambda m: m.get("method") == "$/progress"
             and m["params"]["value"]["kind"] == "end")
    first_index = time.perf_counter() - started

    page = sorted(root.rglob("*.md"))[len(list(root.rglob("*.md"))) // 2]
    uri = page.resolve().as_uri()
    text = page.read_text()
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    latencies = []
    for version in range(2, args.edits + 2):
        edited = text + ("\nA zero\u200bwidth space.\n" if version % 2 == 0 else "")
        started = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": edited}]}})
        wait_for(proc, lambda m: m.get("method") == "textDocument/publishDiagnostics"
                 and m["params"]["uri"] == uri)
        latencies.append(time.perf_counter() - started)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=30)

    median = statistics.median(latencies)
    print(f"handbook: {args.pages} pages ({root})")
    print(f"CLI run (--format json), median of 3: {cli * 1000:.0f} ms")
    print(f"server first index: {first_index * 1000:.0f} ms")
    print(f"server edit -> diagnostics, median of {len(latencies)}: {median * 1000:.0f} ms "
          f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f}); "
          f"ratio to the CLI run: {median / cli:.2f}")


if __name__ == "__main__":
    main()
