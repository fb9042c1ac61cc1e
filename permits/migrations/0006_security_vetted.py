"""Store "a person on the request has a security verdict" on the request itself.

The security officer's visibility rule read it with an EXISTS over every member and
guest; as a column it costs nothing (docs/performance.md), and the partial index that
served the EXISTS goes. Existing rows are filled
from the verdicts they have.
"""

from django.db import migrations, models

FILL = [
    "UPDATE permits_outboundtrip SET security_vetted = TRUE WHERE id IN ("
    " SELECT trip_id FROM permits_tripmember WHERE security_verdict <> 'pending')",
    "UPDATE permits_inboundvisit SET security_vetted = TRUE WHERE id IN ("
    " SELECT visit_id FROM permits_guest WHERE security_verdict <> 'pending')",
]


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0005_guest_passport_expiry_optional"),
    ]

    operations = [
        migrations.AddField(
            model_name="inboundvisit",
            name="security_vetted",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="đã có kết quả thẩm tra an ninh"
            ),
        ),
        migrations.AddField(
            model_name="outboundtrip",
            name="security_vetted",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="đã có kết quả thẩm tra an ninh"
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        # The index served the EXISTS the column replaces.
        migrations.RemoveIndex(model_name="tripmember", name="member_vetted_idx"),
    ]
