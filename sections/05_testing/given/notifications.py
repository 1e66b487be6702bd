"""Sending email to members. The training kit has no mail server: sending fails loudly, so tests patch it."""


class MailServerUnavailable(Exception):
    def __init__(self, recipient: str) -> None:
        super().__init__(f"No mail server here, so no email to {recipient}: patch send_email where it is used")


def send_email(recipient: str, subject: str, body: str) -> None:
    """Send one plain-text email. Here it always raises MailServerUnavailable: nothing may really be sent."""
    raise MailServerUnavailable(recipient)
