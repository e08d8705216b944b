from django.apps import AppConfig


class FollowupConfig(AppConfig):
    """The counsellor's daily follow-up work: chase lists (催报), the leavers' handover, the registration record."""

    name = "apps.followup"
    verbose_name = "跟进催报"
