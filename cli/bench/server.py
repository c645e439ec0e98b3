#!/usr/bin/env python3
"""Latency and memory of `uihook server` as an editor sees them.

Opens a generated ~100 KB markup document, then sends single-character
edits (incremental didChange, as editors send while typing) and times each
from the moment the change is written to the moment the publishDiagnostics
for that version arrives. The figure includes the server's debounce
(DEBOUNCE in cli/src/server/mod.rs), which an editor user waits for too.
After the timed edits it sends more and reads the server's resident memory
from /proc.

    cargo build --release -p uihook-cli
    python3 cli/bench/server.py target/release/uihook [--size 100000] [--edits 100] [--more 1000]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

BLOCK = """  <Box display="flex" flexDirection="column" marginTop="8px">
    <H2>Project {n}</H2>
    <P>Deployments of <B>acme-{n}</B> are sent to the channel below &amp; logged.</P>
    <Input label="Channel" name="channel{n}" value="#deploys-{n}" />
    <Select name="region{n}" value="sfo1" action="change-region">
      <Option value="sfo1" caption="San Francisco" />
      <Option value="bru1" caption="Brussels" />
    </Select>
    <Button action="save-{n}" secondary>Save</Button>
    <Notice type="message">Changes apply to new deployments.</Notice>
  </Box>
"""


def document(size):
    blocks = []
    total = 0
    n = 0
    while total < size:
        block = BLOCK.format(n=n)
        blocks.append(block)
        total += len(block)
        n += 1
    return "<Page>\n" + "".join(blocks) + "</Page>\n"


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def published(self, version):
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics":
                if message["params"].get("version") == version:
                    return message["params"]

    def memory_kib(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        return fields.get("VmRSS"), fields.get("VmHWM")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--more", type=int, default=1000)
    args = parser.parse_args()

    text = document(args.size)
    server = Server(args.binary)
    server.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    server.notify("initialized", {})
    uri = "file:///bench/page.uihook"
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "uihook", "version": 1, "text": text}},
    )
    first = server.published(1)
    print(f"document: {len(text.encode())} bytes, {len(first['diagnostics'])} diagnostics")
    rss_open, _ = server.memory_kib()

    # Typing in the first paragraph's text: insert a letter, then delete it.
    line = next(i for i, l in enumerate(text.split("\n")) if "<P>" in l)
    column = text.split("\n")[line].index("Deployments")

    version = 1

    def edit(i):
        nonlocal version
        version += 1
        if i % 2 == 0:
            change = {"range": {"start": {"line": line, "character": column},
                                "end": {"line": line, "character": column}}, "text": "x"}
        else:
            change = {"range": {"start": {"line": line, "character": column},
                                "end": {"line": line, "character": column + 1}}, "text": ""}
        start = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        server.published(version)
        return (time.perf_counter() - start) * 1000

    timings = sorted(edit(i) for i in range(args.edits))
    median = statistics.median(timings)
    p90 = timings[int(len(timings) * 0.9) - 1]
    print(
        f"didChange -> publishDiagnostics over {args.edits} edits: median {median:.1f} ms, "
        f"p90 {p90:.1f} ms, min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms "
        f"(includes the 30 ms debounce)"
    )
    for i in range(args.more):
        edit(args.edits + i)
    rss, hwm = server.memory_kib()
    print(f"memory: {rss_open} after opening; after {args.edits + args.more} edits RSS {rss}, peak {hwm}")
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
