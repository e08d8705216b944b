"""Reviewers open a PDF or an image in the browser; anything else is still a download. The type is judged by
the file's content, never by its name or the stored type."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from .factories import PDF_BYTES, submitted_plan

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _download(client, evidence):
    response = client.get(reverse("plans:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    return response


def _overwrite(evidence, content: bytes) -> None:
    """The stored file now holds ``content`` (as if the disk held something else than the upload check saw)."""
    storage, name = evidence.file.storage, evidence.file.name
    storage.delete(name)
    storage.save(name, ContentFile(content))


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_pdf_and_images_open_inline_for_the_reviewer(client, org, content, content_type):
    evidence = submitted_plan(org).evidence.get()
    _overwrite(evidence, content)
    client.force_login(org.counsellor)
    response = _download(client, evidence)
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert b"".join(response.streaming_content) == content


def test_a_file_that_is_not_pdf_or_image_by_content_is_a_download_whatever_its_name(client, org):
    evidence = submitted_plan(org).evidence.get()  # named 合同.pdf, stored as application/pdf
    _overwrite(evidence, b"<html><script>alert(1)</script></html>")
    client.force_login(org.counsellor)
    response = _download(client, evidence)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_inline_keeps_the_scope_check(client, org):
    evidence = submitted_plan(org).evidence.get()
    client.force_login(org.college_officer)
    assert _download(client, evidence)["Content-Disposition"].startswith("inline;")
    outsider = org.graduates["b1"][0]
    from ..factories import make_student_user

    client.force_login(make_student_user(outsider))
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 404
