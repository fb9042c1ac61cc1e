"""``manage.py load_demo``: idempotent demo data for every part of the system."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import import_string

# Each part of the system adds its loader here, in dependency order; each takes the
# command's stdout and returns what later loaders may need.
LOADERS = [
    "organizations.demo.load",
    "workdays.calendar.load_demo",
    "workflows.demo.load",
    "workflows.demo_agreements.load",
    "workflows.demo_visits.load",
    "reports.demo.load",
]


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (chạy lại nhiều lần không tạo bản ghi trùng)."

    def handle(self, *args, **options):
        # Demo steps notify people in the app; their emails would only flood the console.
        quiet_mail = override_settings(
            NOTIFICATIONS_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        )
        with quiet_mail, transaction.atomic():
            for path in LOADERS:
                import_string(path)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa."))
