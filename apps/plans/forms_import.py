from django.utils.translation import gettext_lazy as _

from apps.graduates.forms_import import GraduateImportConfirmForm, GraduateImportForm


class DestinationImportForm(GraduateImportForm):
    """The upload, with the same size check as the graduate import's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("毕业去向文件")


class DestinationImportConfirmForm(GraduateImportConfirmForm):
    """Names the previewed upload, so a confirm from an old page cannot import a newer upload."""
