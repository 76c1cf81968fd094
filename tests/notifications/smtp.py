"""A real SMTP server for the tests (aiosmtpd), which keeps what it receives and can be stopped and
started again on the same port."""

import email
import socket
from email import policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class MailServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.inbox = Inbox()
        self._controller = None

    @property
    def messages(self):
        return self.inbox.messages

    def start(self):
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str):
        return [message for message in self.messages if message["To"] == address]

    def settings(self, settings) -> None:
        """Point Django's SMTP backend at this server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
