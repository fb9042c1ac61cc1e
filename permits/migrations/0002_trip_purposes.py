from django.db import migrations

PURPOSES = [
    "Xúc tiến đầu tư, thương mại, du lịch",
    "Ký kết thỏa thuận, biên bản ghi nhớ",
    "Dự hội nghị, hội thảo quốc tế",
    "Học tập, khảo sát kinh nghiệm",
    "Đào tạo, bồi dưỡng",
    "Thăm, làm việc theo lời mời",
    "Giao lưu văn hóa, thể thao",
    "Khác",
]


def add_purposes(apps, schema_editor):
    TripPurpose = apps.get_model("permits", "TripPurpose")
    for order, name in enumerate(PURPOSES, start=1):
        TripPurpose.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("permits", "0001_outbound_trips")]
    operations = [migrations.RunPython(add_purposes, migrations.RunPython.noop)]
