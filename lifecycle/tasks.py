"""The lifecycle's daily jobs, registered with the scheduler in `LifecycleConfig.ready()` at
the times of `lifecycle.apps.JOB_TIMES`; each is also a management command of the same name."""

from django.tasks import task

from lifecycle import services


@task
def end_sub_accounts_past_end_date() -> str:
    """ORG-5, daily."""
    return str(services.sub_accounts_end_past_end_date())


@task
def terminate_unlinked_prospective_litigants() -> str:
    """LIFE-4, daily."""
    return str(services.prospective_litigants_terminate_unlinked())


@task
def deactivate_after_final_disposal() -> str:
    """LIFE-3, daily."""
    return str(services.accounts_deactivate_after_final_disposal())


@task
def send_password_change_reminders() -> str:
    """AUTH-6, daily."""
    return str(services.password_change_reminders_send())
