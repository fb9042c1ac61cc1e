"""``manage.py foreign_affairs_report --from D --to D [--format json|docx|xlsx] [--output FILE]
[--report ministry|internal]``.

Prints the report to the ministry (DESIGN §7's figures without the processing figures,
plus ``consular``, ``breakdowns``, ``comparison`` and ``same_period_last_year``) to
standard output when no file is given; the Word and Excel reports need ``--output``.
``--report internal`` gives the internal management report instead (JSON or Excel).
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import services


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (cần dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Lập báo cáo công tác đối ngoại cho một khoảng thời gian (tính cả ngày đầu và ngày "
        "cuối): JSON, Word hoặc Excel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, help="Từ ngày, YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", required=True, help="Đến ngày, YYYY-MM-DD.")
        parser.add_argument(
            "--format", choices=sorted(services.FORMATS), default="json", help="Mặc định: json."
        )
        parser.add_argument("--output", help="Tệp kết quả; JSON in ra màn hình nếu bỏ trống.")
        parser.add_argument(
            "--report",
            choices=["ministry", "internal"],
            default="ministry",
            help="ministry: báo cáo gửi Bộ Ngoại giao (mặc định); "
            "internal: báo cáo quản lý nội bộ.",
        )

    def handle(self, *args, date_from, date_to, format, output=None, report="ministry", **options):
        start, end = _date(date_from), _date(date_to)
        if start > end:
            raise CommandError("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        if format != "json" and not output:
            raise CommandError(f"Báo cáo dạng {format} cần tham số --output TỆP.")
        if report == "internal" and format not in services.INTERNAL_FORMATS:
            raise CommandError("Báo cáo quản lý nội bộ chỉ có dạng json hoặc xlsx.")
        content = services.render(start, end, format, report=report)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Đã ghi báo cáo vào {output}.")
        else:
            self.stdout.write(content.decode())
