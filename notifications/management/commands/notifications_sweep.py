"""Deliver pending notification email now: for installations without Celery beat."""

from django.core.management.base import BaseCommand

from notifications import delivery


class Command(BaseCommand):
    help = "Gửi các thư thông báo đang chờ đến hạn (thay cho Celery beat khi chạy nhúng)."

    def handle(self, *args, **options):
        counts = delivery.sweep()
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
        self.stdout.write(summary or "0")
