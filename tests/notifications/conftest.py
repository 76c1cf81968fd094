import pytest

from tests.notifications.smtp import MailServer


@pytest.fixture
def mail_server(settings):
    """A running SMTP server that Django sends to; stopped at the end of the test."""
    server = MailServer().start()
    server.settings(settings)
    yield server
    server.stop()
