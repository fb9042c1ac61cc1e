from django.apps import AppConfig


class PlainflowConfig(AppConfig):
    name = "bench.plainflow"
    label = "plainflow"
