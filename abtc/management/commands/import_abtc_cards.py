"""python manage.py import_abtc_cards FILE.xlsx: past APEC business travel cards."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from abtc import importing


class Command(BaseCommand):
    help = "Nhập sổ thẻ ABTC đã cấp trước đây từ tệp Excel mẫu (docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--template", metavar="PATH", help="Ghi tệp Excel mẫu ra PATH.")

    def handle(self, *args, **options):
        if options["template"]:
            Path(options["template"]).write_bytes(importing.template_workbook())
            return
        if not options["file"]:
            raise CommandError("Hãy chỉ ra tệp Excel cần nhập, hoặc --template PATH.")
        path = Path(options["file"])
        try:
            with path.open("rb") as file:
                result = importing.import_workbook(file, file_name=path.name)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            f"{result.rows} dòng: {result.requests_created} hồ sơ mới, "
            f"{result.cards_created} thẻ mới, {result.unchanged} thẻ đã có trong sổ."
        )
