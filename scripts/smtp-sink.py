#!/usr/bin/env python3
"""A real SMTP server for the campaign tests: aiosmtpd storing every message it accepts in a
maildir (one file per message in <maildir>/new).

Two behaviours the tests steer:
  * While a file named STALL exists in the control directory, messages are received but not
    answered. A client that dies meanwhile never gets its message stored (aiosmtpd cancels
    the handler when the connection drops): the state of a sender killed mid-transaction.
  * With --transient-first, each recipient's first message is refused with 451 (try again
    later), as greylisting servers do.

Usage: smtp-sink.py --port N --maildir DIR [--control DIR] [--transient-first]
It runs until it is killed.
"""

import argparse
import asyncio
import mailbox
import os
import signal

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, maildir, control, transient_first):
        self.box = mailbox.Maildir(maildir, create=True)
        self.control = control
        self.transient_first = transient_first
        self.seen = set()

    async def handle_DATA(self, server, session, envelope):
        while os.path.exists(os.path.join(self.control, "STALL")):
            await asyncio.sleep(0.02)
        if self.transient_first:
            fresh = [r for r in envelope.rcpt_tos if r not in self.seen]
            self.seen.update(envelope.rcpt_tos)
            if fresh:
                return "451 4.7.1 Greylisted, please try again later"
        self.box.add(envelope.original_content)
        return "250 2.0.0 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--control")
    parser.add_argument("--transient-first", action="store_true")
    args = parser.parse_args()
    control = args.control or os.path.dirname(os.path.abspath(args.maildir))
    controller = Controller(
        Sink(args.maildir, control, args.transient_first),
        hostname="127.0.0.1",
        port=args.port,
        # Campaign messages are small; the default 32 MiB limit is kept.
        server_kwargs={"timeout": 60},
    )
    controller.start()
    stop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.call_soon_threadsafe(stop.stop))
    stop.run_forever()
    controller.stop()


if __name__ == "__main__":
    main()
