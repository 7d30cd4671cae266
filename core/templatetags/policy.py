"""The policy's numbers for templates, in the units the texts state them:
`{% load policy %}{% policy_numbers as numbers %}` ... `{{ numbers.login_lock_minutes }}`.
Pages and emails alike (emails are rendered without a request, so no context processor)."""

from datetime import timedelta

from django import template

from core import policy

register = template.Library()


@register.simple_tag
def policy_numbers() -> dict:
    return {
        "login_failure_limit": policy.LOGIN_FAILURE_LIMIT,  # AUTH-3
        "login_lock_minutes": policy.LOGIN_LOCK_PERIOD // timedelta(minutes=1),  # AUTH-3
        "change_token_hours": policy.CHANGE_TOKEN_VALID_FOR // timedelta(hours=1),  # AUTH-4
        "vetting_due_working_days": policy.VETTING_DUE_WORKING_DAYS,  # REG-8
        "authentication_days": policy.AUTHENTICATION_PERIOD.days,  # IDA-1, IDA-3
        "max_cases_per_application": policy.MAX_CASES_PER_APPLICATION,
        "upload_max_bytes": policy.UPLOAD_MAX_BYTES,
        "api_token_hours": policy.API_TOKEN_VALID_FOR // timedelta(hours=1),
        "activation_code_days": policy.ACTIVATION_CODE_VALID_FOR.days,  # ACT-4
        "prospective_filing_days": policy.PROSPECTIVE_LITIGANT_FILING_PERIOD.days,  # REG-3
        "deactivation_months": policy.DEACTIVATION_AFTER_FINAL_DISPOSAL_MONTHS,  # LIFE-3
        "inspection_link_hours": policy.INSPECTION_LINK_VALID_FOR // timedelta(hours=1),  # SVC-2
        "organization_limits": policy.DEFAULT_ORGANIZATION_LIMITS,  # ORG-3
    }
