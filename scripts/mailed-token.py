#!/usr/bin/env python3
"""Prints the token of the newest link to PATH mailed to ADDRESS in the development mail
folder MAIL_DIR (where Convene writes its mail when no SMTP server is set).

usage: mailed-token.py MAIL_DIR ADDRESS PATH"""
import os
import quopri
import re
import sys

mail_dir, address, path = sys.argv[1:4]
files = sorted(
    (os.path.join(mail_dir, name) for name in os.listdir(mail_dir)),
    key=os.path.getmtime,
    reverse=True,
)
for file in files:
    with open(file, "rb") as message:
        text = quopri.decodestring(message.read()).decode("utf-8", "replace")
    if f"To: {address}" in text:
        found = re.search(re.escape(path) + r"\?token=([0-9a-f]{64})", text)
        if found:
            print(found.group(1))
            sys.exit(0)
sys.exit(f"no {path} link mailed to {address}")
