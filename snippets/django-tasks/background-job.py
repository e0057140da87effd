# Run: BROKER_URL=postgresql://localhost/jobs gunicorn --workers 1 --bind 127.0.0.1:8000 background-job:application
# Worker, beside it: python background-job.py db_worker  (this file doubles as its manage.py)
# Delivery: at-most-once. The database worker marks a task RUNNING before it calls it; if the
# worker dies then, the task stays RUNNING and nothing hands it to another worker.
# Django 6.0 ships this API as django.tasks, but needs Python 3.12; on 3.11 the django-tasks
# backport provides it, and since 0.12 its database backend is the separate django-tasks-db.
import json
import os
import sys

import dj_database_url
import django
from django.conf import settings
from django.core.management import call_command, execute_from_command_line
from django.db import connection

# The worker runs this file as __main__, then imports it again by name to find the task: set up once.
if not settings.configured:
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django_tasks", "django_tasks_db"],
        DATABASES={"default": dj_database_url.parse(os.environ["BROKER_URL"])},  # the queue is a table there
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    )
    django.setup()
    # A deployment runs `manage.py migrate` once before starting anything; this one-file service
    # migrates at start-up. The web process and the worker start together: an advisory lock makes
    # one of them wait while the other creates the tables.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(2609)")
        call_command("migrate", verbosity=0)
        cursor.execute("SELECT pg_advisory_unlock(2609)")

from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist


@task()
def square(n: int) -> int:
    return n * n


@require_POST
def enqueue(request):
    result = square.enqueue(json.loads(request.body)["n"])  # a row in the tasks table, for the worker
    return JsonResponse({"id": result.id}, status=202)


@require_GET
def job(request, job_id: str):
    try:
        result = square.get_result(job_id)
    except TaskResultDoesNotExist:
        return JsonResponse({"error": "no such job"}, status=404)
    if result.status == TaskResultStatus.SUCCESSFUL:
        return JsonResponse({"status": "done", "result": result.return_value})
    if result.status == TaskResultStatus.FAILED:
        return JsonResponse({"status": "failed"})
    return JsonResponse({"status": "pending"})


urlpatterns = [path("jobs", enqueue), path("jobs/<str:job_id>", job)]
application = get_wsgi_application()

if __name__ == "__main__":
    execute_from_command_line(sys.argv)
