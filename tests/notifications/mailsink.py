"""A mail backend for the worker tests: one file per accepted message, countable by the test.

Before "accepting" a message it writes a ``started-`` marker holding its process id
and sleeps ``MAIL_SINK_DELAY`` seconds: that is the SMTP conversation, during which the
test kills the worker. The ``sent-`` file appears only when the send has succeeded.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class SinkBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        sink = Path(os.environ["MAIL_SINK_DIR"])
        delay = float(os.environ.get("MAIL_SINK_DELAY", "0"))
        for message in email_messages:
            outbox_id = message.extra_headers["X-Doingoai-Outbox"]
            name = f"{outbox_id}-{os.getpid()}-{uuid.uuid4().hex}"
            (sink / f"started-{name}").write_text(str(os.getpid()))
            time.sleep(delay)
            tmp = sink / f"tmp-{name}"
            tmp.write_bytes(message.message().as_bytes())
            tmp.rename(sink / f"sent-{name}.eml")
        return len(email_messages)
