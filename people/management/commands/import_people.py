"""python manage.py import_people FILE.xlsx: persons and passports from the template."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from people import importing


class Command(BaseCommand):
    help = "Nhập danh bạ cá nhân và hộ chiếu công vụ, ngoại giao từ tệp Excel mẫu."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as file:
                result = importing.import_workbook(file, actor=None)
        except OSError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            f"{result.rows} dòng: {result.persons_created} cá nhân mới, "
            f"{result.passports_created} hộ chiếu mới, {result.unchanged} dòng không đổi."
        )
