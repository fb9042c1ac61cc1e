"""Verify the audit chain, then store its head, append it to the sink and print it.

Celery beat runs this every hour (task ``audit.checkpoint``, config/celery.py).
"""

from django.core.management.base import BaseCommand, CommandError

from audit import sink
from audit.services import ChainBroken, ship_checkpoint


class Command(BaseCommand):
    # An operator tool: it must run even when some other part of the project is broken.
    requires_system_checks = []
    help = (
        "Verify the audit chain, store its head as a checkpoint and append it to "
        "AUDIT_CHECKPOINT_SINK: the copy outside the database is what shows a tail that "
        "was cut or rewritten together with the stored checkpoints."
    )

    def handle(self, **options):
        try:
            checkpoint = ship_checkpoint()
        except ChainBroken as error:
            raise CommandError(f"no checkpoint stored: {error}") from error
        self.stdout.write(f"checkpoint {checkpoint.seq} {checkpoint.hash}")
        if sink.path() is None:
            self.stderr.write("AUDIT_CHECKPOINT_SINK is empty: keep the line above elsewhere")
