"""Re-compute the audit chain and name the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from audit.services import run_verification
from audit.verification import Result


class Command(BaseCommand):
    # An operator tool: it must run even when some other part of the project is broken.
    requires_system_checks = []
    help = "Re-compute the audit hash chain; exit non-zero at the first broken entry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="from_seq",
            type=int,
            default=1,
            metavar="N",
            help="Start at entry N, trusting the entries before it.",
        )

    def handle(self, *, from_seq, **options):
        verification = run_verification(from_seq=from_seq)
        result = Result(
            ok=verification.ok,
            through=verification.through_seq,
            head=verification.head,
            broken_seq=verification.broken_seq,
            problem=verification.problem,
            detail=verification.detail,
        )
        if not result.ok:
            raise CommandError(str(result))
        self.stdout.write(str(result))
