"""Hand new outbox rows to the Celery workers as their steps commit (PostgreSQL LISTEN)."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from notifications import listener


class Command(BaseCommand):
    help = (
        "Chuyển thư mới trong hộp thư đi cho Celery ngay khi bước xử lý được lưu "
        "(PostgreSQL LISTEN/NOTIFY); dừng bằng SIGTERM hoặc Ctrl-C."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "outbox_listener cần PostgreSQL; với SQLite thư được chuyển ngay sau khi lưu."
            )
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stopping.set())
        self.stdout.write("outbox_listener: đang lắng nghe")
        listener.listen(stop=stopping.is_set)
        self.stdout.write("outbox_listener: đã dừng")
