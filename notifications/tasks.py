"""The worker's tasks (django-tasks; the database backend's `manage.py db_worker` runs them)."""

from django_tasks import task

from . import services


@task()
def email_send(delivery_id: int) -> str:
    """Send one outbox e-mail (see `services.email_send`)."""
    return services.email_send(delivery_id=delivery_id)
