"""``manage.py serve``: the development server, with the embedded scheduler under ``make run``.

``runserver`` (with the static files), plus, when ``config.scheduler.enabled()`` (DEBUG on,
no broker), a thread that runs Celery beat's schedule: viewflow's timers, the deadline
reminders and the outbox sweep. With a broker, run ``make worker`` and ``make beat``.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand

from config import scheduler


class Command(RunserverCommand):
    help = "Serve the site for development; without a broker, also run the periodic tasks."

    def inner_run(self, *args, **options):
        # inner_run runs in the process that serves (the autoreloader's child), once.
        if scheduler.enabled():
            scheduler.start()
            self.stdout.write(
                "Bộ lập lịch nội bộ đang chạy: hẹn giờ, nhắc hạn và hộp thư đi "
                "được xử lý trong tiến trình này (không cần Celery beat)."
            )
        else:
            self.stdout.write(
                "Bộ lập lịch nội bộ tắt: chạy `make worker` và `make beat` cho hẹn giờ, "
                "nhắc hạn và hộp thư đi."
            )
        super().inner_run(*args, **options)
