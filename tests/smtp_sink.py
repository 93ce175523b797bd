"""A local SMTP server that keeps what it accepts (aiosmtpd, in a thread, on a free port).

Used by the notification tests and benchmark in place of a real mail server: the workers talk
real SMTP to it. It can refuse some recipients (a 4xx answer, as a busy server would) and hold
one message before accepting it (to kill a worker in the middle of a delivery).
"""

import email
import logging
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


# aiosmtpd logs every command at INFO: a sink that counts thousands of messages stays quiet.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    recipients: list[str]
    message_id: str
    subject: str
    body: str
    headers: dict


@dataclass
class SinkHandler:
    # recipient -> the SMTP answer given to RCPT TO (e.g. "451 4.3.0 Mailbox busy")
    refuse: dict = field(default_factory=dict)
    # Hold the n-th RCPT (1-based) until `release` is set; `held` is set when it is reached.
    hold_at: int | None = None
    keep_bodies: bool = True
    messages: list = field(default_factory=list)
    rcpt_count: int = 0
    sessions: int = 0
    refused_count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.lock:
            self.sessions += 1  # one a connection: how well connections are reused
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_count += 1
            count = self.rcpt_count
        if self.hold_at is not None and count == self.hold_at:
            self.held.set()
            # Blocks this server's loop: nothing else is accepted while a message is held.
            self.release.wait(timeout=120)
            return "451 4.3.0 Held by the test"
        answer = self.refuse.get(address.lower())
        if answer:
            with self.lock:
                self.refused_count += 1
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.keep_bodies:
            parsed = email.message_from_bytes(envelope.original_content or envelope.content)
            payload = parsed.get_payload(decode=True) or b""
            received = Received(
                recipients=list(envelope.rcpt_tos),
                message_id=parsed.get("Message-ID", ""),
                subject=str(
                    email.header.make_header(email.header.decode_header(parsed.get("Subject", "")))
                ),
                body=payload.decode(parsed.get_content_charset() or "utf-8", errors="replace"),
                headers={key: str(value) for key, value in parsed.items()},
            )
        else:  # the benchmark: only what counting needs
            content = envelope.original_content or envelope.content
            start = content.find(b"Message-ID:")
            end = content.find(b"\n", start)
            received = Received(
                recipients=list(envelope.rcpt_tos),
                message_id=content[start + 11 : end].strip().decode(),
                subject="",
                body="",
                headers={},
            )
        with self.lock:
            self.messages.append(received)
        return "250 Message accepted for delivery"

    def counts(self) -> Counter:
        with self.lock:
            return Counter(message.message_id for message in self.messages)


class SmtpSink:
    def __init__(self, **options):
        self.handler = SinkHandler(**options)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.handler.release.set()
        self.controller.stop()

    @property
    def messages(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.messages)

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]
