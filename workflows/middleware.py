"""Task URLs must name the task's own step and process.

viewflow fetches the task of ``<process_pk>/<step>/<task_pk>/...`` by its pk alone and
asks the step in the URL whether the user may act. A URL naming another step, or
another process of the same flow, would then be judged by the wrong step's rule (unit
staff could claim the security check through the report step's URL). This answers
404 before any view runs.
"""

from django.http import Http404
from viewflow.workflow.models import Task


class TaskMatchesUrlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        task_pk, process_pk = view_kwargs.get("task_pk"), view_kwargs.get("process_pk")
        namespaces = request.resolver_match.namespaces
        if task_pk is None or process_pk is None or len(namespaces) < 2:
            return None
        task = Task.objects.filter(pk=task_pk).only("process_id", "flow_task").first()
        if task is None or task.process_id != process_pk or task.flow_task.name != namespaces[-1]:
            raise Http404
        return None
