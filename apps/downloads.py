"""Files people download (.xlsx, .docx), written to disk rather than to memory.

An export writes into ``Download.file``, an anonymous temporary file, and ``Download.response()`` streams
that file back to the browser in blocks (``FileResponse``): the finished workbook is never held in memory,
so a 500,000-row export costs the process no more than a 5,000-row one (benchmarks/README.md
§bench_export_memory). The file has no name on disk (``tempfile.TemporaryFile``): it is gone when the
response closes it, or when the process dies, whatever happens in between.

    download = Download(f"{cohort.year}届就业方案.xlsx")
    count = write_layout_xlsx(rows, download.file)
    release_record(...)               # the data release, before the file is handed out
    return download.response()
"""

import tempfile
from pathlib import PurePath

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {".xlsx": XLSX, ".docx": DOCX}


class Download:
    """A file being written for one download, answered as an attachment named ``filename`` (a Chinese name
    works: the header carries ``filename*=utf-8''...`` beside an ASCII fallback)."""

    def __init__(self, filename: str):
        self.filename = filename
        self.file = tempfile.TemporaryFile(prefix="hpi-download-", suffix=PurePath(filename).suffix)

    def response(self) -> FileResponse:
        """The written file, rewound, streamed; the response closes (and so deletes) it when it is done.
        Personal data: no cache keeps a copy."""
        self.file.seek(0)
        response = FileResponse(
            self.file,
            as_attachment=True,
            filename=self.filename,
            content_type=CONTENT_TYPES.get(PurePath(self.filename).suffix.lower()),
        )
        response["Cache-Control"] = "no-store"
        return response
