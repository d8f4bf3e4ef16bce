#!/usr/bin/env python3
"""A real SMTP server for the campaign tests: aiosmtpd storing every message it accepts in a
maildir (one file per message in <maildir>/new).

It offers PIPELINING (RFC 2920), as Postfix and most servers do; aiosmtpd reads commands
one line at a time, so a client's grouped commands are answered in order.

Behaviours the tests steer:
  * While a file named STALL exists in the control directory, messages are received but not
    answered. A client that dies meanwhile never gets its message stored (aiosmtpd cancels
    the handler when the connection drops): the state of a sender killed mid-transaction.
  * With --transient-first, each recipient's first message is refused with 451 (try again
    later), as greylisting servers do.
  * With --refuse-rcpt TEXT, recipients whose address contains TEXT are refused at RCPT with
    550 (no such user).
  * With --no-pipelining, PIPELINING is not offered: the client must wait for each answer.

Usage: smtp-sink.py --port N --maildir DIR [--control DIR] [--transient-first]
                    [--refuse-rcpt TEXT] [--no-pipelining]
It runs until it is killed.
"""

import argparse
import asyncio
import mailbox
import os
import signal

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, maildir, control, transient_first, refuse_rcpt, pipelining):
        self.box = mailbox.Maildir(maildir, create=True)
        self.control = control
        self.transient_first = transient_first
        self.refuse_rcpt = refuse_rcpt
        self.pipelining = pipelining
        self.seen = set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_rcpt and self.refuse_rcpt in address:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

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
    parser.add_argument("--refuse-rcpt")
    parser.add_argument("--no-pipelining", action="store_true")
    args = parser.parse_args()
    control = args.control or os.path.dirname(os.path.abspath(args.maildir))
    controller = Controller(
        Sink(
            args.maildir,
            control,
            args.transient_first,
            args.refuse_rcpt,
            not args.no_pipelining,
        ),
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
