"""A background job somebody started (an import, a large export): what it is, how far it got, how it ended.

The task framework (``django.tasks`` with the database or the Redis backend) only runs it; this row is what
the job page shows, so it reads the same whichever backend ran it and survives a page reload."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    GRADUATE_IMPORT = "graduate_import", _("生源信息导入")
    GRADUATE_EXPORT = "graduate_export", _("毕业生名单导出")
    DESTINATION_IMPORT = "destination_import", _("毕业去向导入")
    SURVEY_IMPORT = "survey_import", _("调查答卷导入")
    REPORT_EXPORT = "report_export", _("就业质量报告导出")
    NATIONAL_LAYOUT_IMPORT = "national_layout_import", _("就业方案导入（全国登记系统格式）")
    NATIONAL_LAYOUT_EXPORT = "national_layout_export", _("就业方案导出（全国登记系统格式）")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    SUCCEEDED = "succeeded", _("已完成")
    FAILED = "failed", _("失败")


# THE transition table: (status, action) -> next status. The worker starts, succeeds or fails a job; a job
# whose worker died (killed, machine restarted) is failed by the recovery, from queued or running.
JOB_TRANSITIONS: dict[tuple[str, str], str] = {
    (JobStatus.QUEUED, "start"): JobStatus.RUNNING,
    (JobStatus.RUNNING, "succeed"): JobStatus.SUCCEEDED,
    (JobStatus.RUNNING, "fail"): JobStatus.FAILED,
    (JobStatus.QUEUED, "fail"): JobStatus.FAILED,
}
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class JobPhase(models.TextChoices):
    WAITING = "waiting", _("等待后台进程")
    READING = "reading", _("读取文件")
    CHECKING = "checking", _("逐行检查")
    WRITING = "writing", _("写入数据库")
    EXPORTING = "exporting", _("生成文件")
    DONE = "done", _("结束")


class Job(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs")
    kind = models.CharField(_("任务"), max_length=32, choices=JobKind.choices)
    status = models.CharField(_("状态"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    phase = models.CharField(max_length=16, choices=JobPhase.choices, default=JobPhase.WAITING)
    # What the runner needs (a confirmation box, the list's filters); never a path the client named.
    params = models.JSONField(default=dict, blank=True)
    # Paths relative to MEDIA_ROOT: the uploaded file it reads, the file it produced.
    source_file = models.CharField(max_length=255, blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    result_file = models.CharField(max_length=255, blank=True)
    result_name = models.CharField(max_length=255, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.CharField(max_length=500, blank=True)
    # [{"row": int | None, "column": str, "message": str}], as the import pages list them.
    errors = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # host:pid of the worker process running it, so a dead worker's job can be told apart from a slow one.
    worker = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="job_owner_created"),
            models.Index(fields=["status"], name="job_status"),
        ]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED
