"""``manage.py import_records FILE`` (.json or .xlsx): past matters, as DESIGN §8 says.

``manage.py import_records --template FILE.xlsx`` writes the empty Excel template.
A bad file is rejected whole: every bad record is printed (kind, ref, field) and the
command exits with status 1 having written nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import importing

# Below this many records an import is over before a bar would be worth drawing.
PROGRESS_FROM = 100
BAR_WIDTH = 40


class Command(BaseCommand):
    help = "Nhập hồ sơ đã giải quyết trước khi có hệ thống (tệp JSON hoặc Excel theo mẫu)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Tệp .json hoặc .xlsx cần nhập.")
        parser.add_argument("--template", metavar="FILE.xlsx", help="Ghi tệp Excel mẫu rồi dừng.")
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Luôn hiện thanh tiến độ (mặc định: chỉ khi chạy trên terminal).",
        )

    def handle(self, *args, file=None, template=None, progress=False, **options):
        if template:
            Path(template).write_bytes(importing.template_workbook())
            self.stdout.write(f"Đã ghi tệp mẫu {template}.")
            return
        if not file:
            raise CommandError("Cần tên tệp cần nhập, hoặc --template FILE.xlsx.")
        path = Path(file)
        try:
            data = importing.read_file(path)
            result = importing.import_records(
                data, file_name=path.name, progress=self._bar(data, forced=progress)
            )
        except importing.InvalidFile as invalid:
            shown = invalid.errors[: importing.MAX_ERRORS_SHOWN]
            for line in shown:
                self.stderr.write(line)
            if len(invalid.errors) > len(shown):
                self.stderr.write(f"… và {len(invalid.errors) - len(shown)} lỗi khác.")
            raise CommandError(
                f"Tệp {path.name} có {len(invalid.errors)} lỗi; không hồ sơ nào được nhập."
            ) from None
        self.stdout.write(f"Đã nhập tệp {path.name}:")
        for line in importing.summary_lines(result):
            self.stdout.write(f"  {line}")

    def _bar(self, data, *, forced: bool):
        """Return a progress callback drawing a text bar on stderr, or None."""
        lists = data.values() if isinstance(data, dict) else ()
        total = sum(len(v) for v in lists if isinstance(v, list))
        if total < PROGRESS_FROM or not (forced or self.stderr.isatty()):
            return None

        def draw(done: int, of: int) -> None:
            filled = BAR_WIDTH * done // of
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.stderr.write(f"\r[{bar}] {done}/{of}", ending="\n" if done == of else "")
            self.stderr.flush()

        return draw
