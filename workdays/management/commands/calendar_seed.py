"""``manage.py calendar_seed [--year Y ...]``: fill the working-day calendar from the law."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from workdays import calendar


class Command(BaseCommand):
    help = (
        "Nạp ngày nghỉ lễ, Tết, ngày nghỉ bù và ngày làm bù theo luật lao động vào lịch "
        "ngày làm việc (mặc định: năm nay và năm sau). Không ghi đè ngày quản trị viên đã sửa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="Năm cần nạp (lặp lại được)."
        )

    def handle(self, *args, years=None, **options):
        this_year = timezone.localdate().year
        for year in years or [this_year, this_year + 1]:
            result = calendar.seed_year(year)
            self.stdout.write(f"{year}: +{result.created} ~{result.updated} -{result.deleted}")
