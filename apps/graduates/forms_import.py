from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .uploads import MSG_TOO_LARGE, human_size

# What the file picker offers; the content decides what the file is (uploads).
ACCEPT = ".xlsx,.xls,.ods,.csv"


class GraduateImportForm(forms.Form):
    """The upload. Only the size is judged here; what the file is, is judged by its content in ``uploads``."""

    file = forms.FileField(
        label=_("生源信息文件"),
        help_text=_(
            "Excel 工作簿（.xlsx、.xls）或 OpenDocument 表格（.ods），读取第一个工作表；"
            "或 CSV 文件（UTF-8 或 GBK/GB18030 编码）。第一行为表头。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(MSG_TOO_LARGE.format(limit=human_size(limit)), code="too_large")
        return upload


class GraduateImportConfirmForm(forms.Form):
    """Names the previewed upload, so a confirm from an old page cannot import a newer upload."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CohortMoveConfirmForm(GraduateImportConfirmForm):
    """The graduate import's confirm: the token, and the box that confirms cohort moves of graduates with
    registered destination plans (the dry run lists them; nothing moves without it)."""

    confirm_cohort_moves = forms.BooleanField(
        label=_("确认届别变更（记入毕业生档案的变更记录）"),
        required=False,
    )
