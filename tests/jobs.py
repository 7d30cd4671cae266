"""A job that fails, to check how the scheduler copes."""

from django.tasks import task


@task
def broken_job():
    raise RuntimeError("the mail server is down")
