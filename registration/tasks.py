from django.tasks import task

from registration.services import applications_expire_unauthenticated


@task
def expire_unauthenticated_applications() -> int:
    """IDA-3, daily. The embedded default runs it from `manage.py run_scheduled_jobs`."""
    return applications_expire_unauthenticated()
