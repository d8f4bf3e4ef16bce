"""Opens COUNT idle live-update streams to a Convene server on loopback and reports the server's
resident memory before, with them open, and after they close. Stops by itself (about 20 s).

    python3 scripts/bench-streams.py SERVER_PID PORT PATH COUNT
"""

import asyncio
import sys
import time


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def open_stream(port: int, path: str):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    # The headers and the first event (the stream's hello).
    data = b""
    while b"data:" not in data:
        chunk = await asyncio.wait_for(reader.read(4096), timeout=10)
        if not chunk:
            raise RuntimeError("stream closed")
        data += chunk
    if not data.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(data[:80])
    return reader, writer


async def main() -> None:
    pid, port, path, count = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    before = rss_kb(pid)
    started = time.monotonic()
    streams = []
    for start in range(0, count, 100):
        batch = [open_stream(port, path) for _ in range(start, min(count, start + 100))]
        streams.extend(await asyncio.gather(*batch))
    opened = time.monotonic() - started
    await asyncio.sleep(5)
    during = rss_kb(pid)
    for _, writer in streams:
        writer.close()
    await asyncio.sleep(3)
    after = rss_kb(pid)
    print(f"opened {len(streams)} streams in {opened:.1f} s")
    print(f"server RSS: before {before / 1024:.1f} MB, with {len(streams)} streams "
          f"{during / 1024:.1f} MB (+{(during - before) / 1024:.1f} MB, "
          f"{(during - before) / len(streams):.1f} KB each), after closing {after / 1024:.1f} MB")


asyncio.run(main())
