#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): every message it receives is written
byte for byte to DIR/NNN.eml with its envelope in DIR/NNN.json. Recipients at
refuse.example are refused with 550, and at later.example with 451.

Usage: smtp_sink.py DIR [CERT KEY] (prints "listening PORT" once it accepts connections);
with CERT and KEY it speaks SMTP over TLS from the first byte (smtps).
"""
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refuse.example"):
            return "550 5.1.1 no such user here"
        if address.endswith("@later.example"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, f"{self.count:03d}")
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        return "250 2.0.0 queued as sink-%d" % self.count


async def serve(folder, tls):
    handler = Sink(folder)
    loop = asyncio.get_running_loop()
    context = None
    if tls:
        import ssl
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
    server = await loop.create_server(lambda: SMTP(handler), "127.0.0.1", 0, ssl=context)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    try:
        asyncio.run(serve(folder, sys.argv[2:4] if len(sys.argv) >= 4 else None))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
