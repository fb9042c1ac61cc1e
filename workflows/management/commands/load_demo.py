"""``manage.py load_demo``: idempotent demo data for every part of the system."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import import_string

from matters import kinds

# The loaders that are no kind's, in dependency order; each takes the command's stdout.
# The kinds' own demos (matters.kinds, ``attach_demo``) run between the two lists.
GROUND_LOADERS = [
    "organizations.demo.load",
    "workdays.calendar.load_demo",
]
LAST_LOADERS = [
    "people.demo.load",
    "reports.demo.load",
]


def loaders() -> list[str]:
    """Return every loader to run, in order: the ground floor, each kind, the figures."""
    kind_demos = [kind.demo for kind in kinds.all_kinds() if kind.demo]
    return [*GROUND_LOADERS, *kind_demos, *LAST_LOADERS]


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (chạy lại nhiều lần không tạo bản ghi trùng)."

    def handle(self, *args, **options):
        # Demo steps notify people in the app; their emails would only flood the console.
        quiet_mail = override_settings(
            NOTIFICATIONS_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        )
        with quiet_mail, transaction.atomic():
            for path in loaders():
                import_string(path)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa."))
