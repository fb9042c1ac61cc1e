"""Process URLs answer 404 to whoever may not see the matter, and task URLs must name the
task's own step and process.

viewflow fetches the task of ``<process_pk>/<step>/<task_pk>/...`` by its pk alone and
asks the step in the URL whether the user may act. A URL naming another step, or
another process of the same flow, would then be judged by the wrong step's rule (unit
staff could claim the security check through the report step's URL). And each view
answers in its own way (a redirect, a 403, a 404), so someone of another unit could
tell which steps a matter they may not see has reached. This answers 404 before any
view runs: the same for every URL of a process whose matter the person may not see,
whether its task or step exists or not, and for a task the URL does not match.
"""

from django.http import Http404
from viewflow.workflow.models import Process, Task

from .steps import holds, may_see


class TaskMatchesUrlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        process_pk = view_kwargs.get("process_pk")
        namespaces = request.resolver_match.namespaces
        if process_pk is None or not namespaces:
            return None
        names_a_task = view_kwargs.get("task_pk") is not None and len(namespaces) >= 2
        task = None
        if names_a_task:
            task = (
                Task.objects.filter(pk=view_kwargs["task_pk"], process_id=process_pk)
                .only("process_id", "flow_task", "owner_id")
                .first()
            )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Visibility first, so that nothing below tells an outsider what exists.
            process = Process.objects.filter(pk=process_pk).first()
            if process is None:
                raise Http404
            # Whoever holds the task (or held it, a role or a deputy period ago) knows it.
            if not may_see(user, process) and not (task is not None and holds(user, task)):
                raise Http404
        if names_a_task and (task is None or task.flow_task.name != namespaces[-1]):
            raise Http404
        return None
