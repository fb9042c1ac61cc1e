"""Conferences become a kind of matter (``matters.models.Matter``) with a flow.

The existing records (imported or entered in the admin) keep their rows: every new
column has a default, and the submitter each now needs is the account imported records
name (``reports.importing.IMPORT_USERNAME``), created here if it does not exist yet.
"""

import django.db.models.deletion
import django_countries.fields
import matters.files
from django.conf import settings
from django.db import migrations, models


# The account imported records name as their submitter; it can never sign in.
IMPORT_USERNAME = "nhap-ho-so-cu"


def name_the_importer(apps, schema_editor):
    """Give every existing conference the importing account as its submitter."""
    Conference = apps.get_model("conferences", "Conference")
    if not Conference.objects.filter(submitted_by__isnull=True).exists():
        return
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    importer, _ = User.objects.get_or_create(
        username=IMPORT_USERNAME,
        defaults={"full_name": "Nhập hồ sơ cũ", "is_active": False, "password": "!"},
    )
    Conference.objects.filter(submitted_by__isnull=True).update(submitted_by=importer)


class Migration(migrations.Migration):

    dependencies = [
        ('conferences', '0001_initial'),
        ('organizations', '0003_role_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='conference',
            name='approver',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='lãnh đạo phê duyệt'),
        ),
        migrations.AddField(
            model_name='conference',
            name='content',
            field=models.TextField(blank=True, verbose_name='nội dung, chương trình'),
        ),
        migrations.AddField(
            model_name='conference',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='ngày quyết định'),
        ),
        migrations.AddField(
            model_name='conference',
            name='decision_date',
            field=models.DateField(blank=True, null=True, verbose_name='ngày ký quyết định'),
        ),
        migrations.AddField(
            model_name='conference',
            name='decision_number',
            field=models.CharField(blank=True, max_length=50, verbose_name='số quyết định'),
        ),
        migrations.AddField(
            model_name='conference',
            name='foreign_actual',
            field=models.JSONField(blank=True, default=dict, verbose_name='đại biểu nước ngoài thực tế theo quốc gia'),
        ),
        migrations.AddField(
            model_name='conference',
            name='foreign_partners',
            field=models.CharField(blank=True, max_length=255, verbose_name='đối tác nước ngoài đồng tổ chức, tài trợ'),
        ),
        migrations.AddField(
            model_name='conference',
            name='format',
            field=models.CharField(choices=[('in_person', 'Trực tiếp'), ('online', 'Trực tuyến'), ('hybrid', 'Kết hợp trực tiếp và trực tuyến')], default='in_person', max_length=20, verbose_name='hình thức tổ chức'),
        ),
        migrations.AddField(
            model_name='conference',
            name='funding_amount',
            field=models.PositiveBigIntegerField(default=0, verbose_name='kinh phí dự kiến (đồng)'),
        ),
        migrations.AddField(
            model_name='conference',
            name='funding_source',
            field=models.CharField(blank=True, choices=[('state_budget', 'Ngân sách nhà nước'), ('unit', 'Kinh phí của đơn vị'), ('foreign', 'Tài trợ của nước ngoài'), ('mixed', 'Kết hợp nhiều nguồn')], max_length=20, verbose_name='nguồn kinh phí'),
        ),
        migrations.AddField(
            model_name='conference',
            name='has_disagreement',
            field=models.BooleanField(default=False, verbose_name='có cơ quan không đồng ý'),
        ),
        migrations.AddField(
            model_name='conference',
            name='needs_pm_approval',
            field=models.BooleanField(default=False, verbose_name='thuộc thẩm quyền cho phép của Thủ tướng Chính phủ'),
        ),
        migrations.AddField(
            model_name='conference',
            name='organisers',
            field=models.CharField(blank=True, max_length=255, verbose_name='đơn vị phối hợp tổ chức'),
        ),
        migrations.AddField(
            model_name='conference',
            name='participants_foreign',
            field=models.PositiveIntegerField(default=0, verbose_name='đại biểu nước ngoài dự kiến'),
        ),
        migrations.AddField(
            model_name='conference',
            name='participants_vietnamese',
            field=models.PositiveIntegerField(default=0, verbose_name='đại biểu Việt Nam dự kiến'),
        ),
        migrations.AddField(
            model_name='conference',
            name='pm_answer',
            field=models.CharField(blank=True, max_length=255, verbose_name='văn bản trả lời của Thủ tướng'),
        ),
        migrations.AddField(
            model_name='conference',
            name='pm_answered_on',
            field=models.DateField(blank=True, null=True, verbose_name='ngày trả lời của Thủ tướng'),
        ),
        migrations.AddField(
            model_name='conference',
            name='pm_sent_on',
            field=models.DateField(blank=True, null=True, verbose_name='ngày trình Thủ tướng Chính phủ'),
        ),
        migrations.AddField(
            model_name='conference',
            name='report_due_on',
            field=models.DateField(blank=True, null=True, verbose_name='hạn báo cáo kết quả'),
        ),
        migrations.AddField(
            model_name='conference',
            name='report_submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='ngày nộp báo cáo'),
        ),
        migrations.AddField(
            model_name='conference',
            name='report_text',
            field=models.TextField(blank=True, verbose_name='báo cáo kết quả'),
        ),
        migrations.AddField(
            model_name='conference',
            name='returned_from',
            field=models.CharField(blank=True, choices=[('endorsement', 'Đơn vị cho ý kiến'), ('review', 'Thẩm định')], max_length=20),
        ),
        migrations.AddField(
            model_name='conference',
            name='reviewer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='chuyên viên thẩm định'),
        ),
        migrations.AddField(
            model_name='conference',
            name='sensitive_topics',
            field=models.JSONField(blank=True, default=list, verbose_name='nội dung nhạy cảm'),
        ),
        migrations.AddField(
            model_name='conference',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='ngày gửi'),
        ),
        migrations.AddField(
            model_name='conference',
            name='submitted_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='conference',
            name='synthesis',
            field=models.TextField(blank=True, verbose_name='báo cáo tổng hợp ý kiến'),
        ),
        migrations.AlterField(
            model_name='conference',
            name='countries',
            field=django_countries.fields.CountryField(blank=True, max_length=746, multiple=True, verbose_name='quốc gia của đại biểu nước ngoài'),
        ),
        migrations.AlterField(
            model_name='conference',
            name='status',
            field=models.CharField(choices=[('draft', 'Đang soạn'), ('submitted', 'Chờ đơn vị cho ý kiến'), ('in_review', 'Đang thẩm định'), ('returned', 'Trả lại để chỉnh sửa'), ('consulting', 'Đang lấy ý kiến các cơ quan'), ('synthesis', 'Đang tổng hợp ý kiến'), ('awaiting_approval', 'Chờ lãnh đạo UBND tỉnh phê duyệt'), ('awaiting_pm', 'Chờ ý kiến Thủ tướng Chính phủ'), ('approved', 'Đã phê duyệt'), ('reporting', 'Chờ báo cáo kết quả'), ('reported', 'Đã báo cáo kết quả'), ('completed', 'Hoàn thành'), ('rejected', 'Không chấp thuận'), ('withdrawn', 'Đã rút hồ sơ')], default='draft', max_length=20, verbose_name='trạng thái'),
        ),
        migrations.CreateModel(
            name='Opinion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_security', models.BooleanField(default=False, verbose_name='cơ quan an ninh')),
                ('requested_at', models.DateTimeField(verbose_name='thời điểm đề nghị')),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='hạn trả lời')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm trả lời')),
                ('verdict', models.CharField(blank=True, choices=[('agree', 'Đồng ý'), ('agree_with_conditions', 'Đồng ý, có ý kiến kèm theo'), ('disagree', 'Không đồng ý')], max_length=30, verbose_name='ý kiến')),
                ('text', models.TextField(blank=True, verbose_name='nội dung ý kiến')),
                ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm hủy lấy ý kiến')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.unit', verbose_name='cơ quan được lấy ý kiến')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người trả lời')),
                ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opinions', to='conferences.conference')),
            ],
            options={
                'verbose_name': 'ý kiến cơ quan',
                'verbose_name_plural': 'ý kiến các cơ quan',
                'ordering': ['-is_security', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ConferenceAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=255, upload_to=matters.files.random_name, verbose_name='tệp')),
                ('original_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField(verbose_name='dung lượng')),
                ('sha256', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField(verbose_name='thời điểm tải lên')),
                ('kind', models.CharField(choices=[('agenda', 'Dự thảo chương trình'), ('foreign_participants', 'Danh sách đại biểu nước ngoài'), ('sponsor_letter', 'Thư tài trợ'), ('opinion', 'Văn bản ý kiến của cơ quan'), ('pm_answer', 'Văn bản trả lời của Thủ tướng Chính phủ'), ('approval_letter', 'Văn bản cho phép tổ chức'), ('report', 'Báo cáo kết quả'), ('other', 'Tài liệu khác')], max_length=30, verbose_name='loại tài liệu')),
                ('conference', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='conferences.conference')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
                ('opinion', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='conferences.opinion')),
            ],
            options={
                'verbose_name': 'tài liệu hội nghị, hội thảo',
                'verbose_name_plural': 'tài liệu hội nghị, hội thảo',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.RunPython(name_the_importer, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='conference',
            name='submitted_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người lập'),
        ),
    ]
