"""Verify the audit chain, then store and print its head to be kept outside the database."""

from django.core.management.base import BaseCommand, CommandError

from audit.services import ChainBroken, store_checkpoint


class Command(BaseCommand):
    # An operator tool: it must run even when some other part of the project is broken.
    requires_system_checks = []
    help = (
        "Verify the audit chain and store its head as a checkpoint. Keep the printed line "
        "outside the database too: it is what shows a rewritten and re-hashed tail."
    )

    def handle(self, **options):
        try:
            checkpoint = store_checkpoint()
        except ChainBroken as error:
            raise CommandError(f"no checkpoint stored: {error}") from error
        self.stdout.write(f"checkpoint {checkpoint.seq} {checkpoint.hash}")
