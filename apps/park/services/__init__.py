"""Writes to the park, split by entity (HackSoft styleguide); everything is re-exported here."""

from .assessments import MSG_ALREADY_ASSESSED, MSG_FAILED_MARKED, assessment_record
from .common import (
    MSG_ALREADY_HANDLED,
    MSG_COMMENT_REQUIRED,
    MSG_NOT_ALLOWED,
    MSG_NOT_IN_PARK,
    TransitionError,
)
from .funding import (
    MSG_FUNDING_EXISTS,
    MSG_GRANT_AMOUNT,
    competition_award_add,
    competition_entry_save,
    funding_apply,
    funding_decide,
)
from .operations import (
    MSG_READING_AHEAD,
    MSG_READING_BACKWARDS,
    MSG_READING_EXISTS,
    MSG_REPORT_EXISTS,
    access_pass_issue,
    meter_reading_record,
    patrol_record,
    report_submit,
    resumption_submit,
    submission_transition,
)
from .tenants import (
    MSG_ADMIT_NEEDS,
    MSG_CLOSED_RECORD,
    MSG_RENEW_DATE,
    MSG_UNITS_TAKEN,
    team_member_add,
    tenant_save,
    tenant_transition,
)

__all__ = [
    "MSG_ADMIT_NEEDS",
    "MSG_ALREADY_ASSESSED",
    "MSG_ALREADY_HANDLED",
    "MSG_CLOSED_RECORD",
    "MSG_COMMENT_REQUIRED",
    "MSG_FAILED_MARKED",
    "MSG_FUNDING_EXISTS",
    "MSG_GRANT_AMOUNT",
    "MSG_NOT_ALLOWED",
    "MSG_NOT_IN_PARK",
    "MSG_READING_AHEAD",
    "MSG_READING_BACKWARDS",
    "MSG_READING_EXISTS",
    "MSG_RENEW_DATE",
    "MSG_REPORT_EXISTS",
    "MSG_UNITS_TAKEN",
    "TransitionError",
    "access_pass_issue",
    "assessment_record",
    "competition_award_add",
    "competition_entry_save",
    "funding_apply",
    "funding_decide",
    "meter_reading_record",
    "patrol_record",
    "report_submit",
    "resumption_submit",
    "submission_transition",
    "team_member_add",
    "tenant_save",
    "tenant_transition",
]
