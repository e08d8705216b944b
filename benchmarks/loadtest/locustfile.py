"""The deadline rush against gunicorn with the production settings (``make loadtest``, scripts/loadtest.sh).

``StudentUser`` (one per prepared student): logs in (the login wave: the production password hasher), saves
a destination plan (80 升学: school, province, programme), uploads an admission letter (a small real PDF: the
server judges files by their bytes), submits, and polls the status page; a returned plan is submitted again.
``ReviewerUser`` (one per prepared reviewer session: the counsellors, college officers and centre that cover
those students): reads the queue, returns a plan now and then with a reason, approves the others, in bulk or
one by one. Both act only on the prepared students' plans (benchmarks/loadtest/prepare.py, plan.json).

Every move the server said it accepted is written down per student (``accepted.json`` when locust stops):
a submission is accepted when the page the redirect leads to shows the success message, a single approval
or return when it redirects (a refused one stays on the plan with the error), a bulk approval by the plan's
line in the results panel. summarise.py then counts which of them are missing in the database: ``lost``.

Students reload their status page as a browser does: with the ETag of the copy they hold, which the server
answers 304 while nothing on it has changed (HPI_LOAD_REVALIDATE=0: a client that keeps no copy).

``CapacityUser`` (its own phase, twice: revalidating like browsers, and keeping nothing): a few students
already logged in poll their status with no pause, the rush's steady mix at saturation; ``FloorUser`` (its own phase) asks for ``GET /healthz`` with no pause, the
same server's floor. Production cookies are Secure and the server sits behind a proxy that speaks HTTPS:
the client says so with ``X-Forwarded-Proto`` and keeps its cookies by hand (an HTTP client never sends a
Secure cookie over http).
"""

import json
import os
import random
import re
from itertools import count
from pathlib import Path

from locust import HttpUser, between, constant, events, task

VAR = Path(__file__).resolve().parents[2] / "var" / "loadtest"
PASSWORD = os.environ.get("HPI_LOAD_PASSWORD", "load-test-password")
_PREPARED = json.loads((VAR / "plan.json").read_text()) if (VAR / "plan.json").exists() else {}
STUDENTS: list[str] = _PREPARED.get("students", [])
REVIEWERS: list[dict] = _PREPARED.get("reviewers", [])
PLAN_FIELDS: dict = _PREPARED.get("plan", {})
OURS = frozenset(STUDENTS)
# Seconds a person takes between two clicks on the way to a submission (HPI_LOAD_THINK="3-10"), and between
# two looks at the status once submitted (HPI_LOAD_POLL="15-45").
THINK = tuple(float(s) for s in os.environ.get("HPI_LOAD_THINK", "3-10").split("-"))
POLL = tuple(float(s) for s in os.environ.get("HPI_LOAD_POLL", "15-45").split("-"))
RETURN_SHARE = float(os.environ.get("HPI_LOAD_RETURN_SHARE", "0.05"))
BULK_SIZE = int(os.environ.get("HPI_LOAD_BULK_SIZE", "25"))
# Browsers ask again for a page they hold with its ETag; 0: a client that keeps nothing (the page built each time).
REVALIDATE = os.environ.get("HPI_LOAD_REVALIDATE", "1") == "1"

# A one-page PDF (the evidence check reads the header; a real viewer opens it).
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
MSG_SUBMITTED = "已提交，等待辅导员审核。"
MSG_EVIDENCE_ADDED = "证明材料已上传。"

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_EVIDENCE_ACTION = re.compile(r'action="/plans/(\d+)/evidence/"')
_STATUS = re.compile(r'class="status status-(\w+)"')
_QUEUE_ROW = re.compile(
    r'name="plan" value="(\d+)".*?<a href="/plans/\d+/[^"]*">(\d+)</a>.*?class="status status-(\w+)"', re.S
)
_BULK_LINE = re.compile(r"<li>[^<：]* (\d+)：(通过|未通过)")

_next_student = count()
_next_reviewer = count()
# What the server accepted, per student: {"submissions": [[student, plan, from_status]], "approvals": ...}.
ACCEPTED: dict[str, list] = {"submissions": [], "approvals": [], "returns": []}


class _ProxiedUser(HttpUser):
    abstract = True

    def on_start(self):
        self.cookies: dict[str, str] = {}
        # What a browser's cache holds of the pages that carry an ETag: path -> (tag, text).
        self.pages: dict[str, tuple[str, str]] = {}
        self.origin = f"https://{self.host.split('//')[1]}"
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": self.origin})

    def _page(self, path: str, *, name: str) -> str:
        """GET ``path`` as a browser reloads it: with the ETag of the copy it holds (If-None-Match), and that
        copy's text when the server answers 304 (HPI_LOAD_REVALIDATE=0: never, every page built anew)."""
        held = self.pages.get(path) if REVALIDATE else None
        headers = {"If-None-Match": held[0]} if held else {}
        response = self._request("GET", path, name=name, expect=(200, 304), headers=headers)
        if response.status_code == 304 and held:
            return held[1]
        text = response.text or ""
        if response.status_code == 200 and response.headers.get("ETag"):
            self.pages[path] = (response.headers["ETag"], text)
        return text

    def _request(self, method: str, path: str, *, name: str, expect=(200, 302), **kwargs):
        self.client.cookies.clear()
        with self.client.request(
            method,
            path,
            name=name,
            cookies=self.cookies,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            self.cookies.update(response.cookies.get_dict())
            if response.status_code not in expect:
                response.failure(f"HTTP {response.status_code}")
            return response

    def _post(self, path: str, *, name: str, data: dict, token: str, **kwargs):
        return self._request(
            "POST",
            path,
            name=name,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.origin}{path}"},
            **kwargs,
        )

    def log_in(self, username: str) -> bool:
        page = self._request("GET", "/accounts/login/", name="login page")
        match = _CSRF_INPUT.search(page.text or "")
        if match is None:
            return False
        response = self._post(
            "/accounts/login/",
            name="login (POST, password hasher)",
            data={"username": username, "password": PASSWORD},
            token=match.group(1),
            expect=(302,),
        )
        return response.status_code == 302


def _token(text: str) -> str | None:
    match = _CSRF_INPUT.search(text or "")
    return match.group(1) if match else None


class StudentUser(_ProxiedUser):
    def wait_time(self):
        return random.uniform(*(POLL if self.step == "poll" else THINK))

    def on_start(self):
        super().on_start()
        self.username = STUDENTS[next(_next_student) % len(STUDENTS)]
        self.plan_id: int | None = None
        self.step = "save" if self.log_in(self.username) else "login"

    def _status_page(self):
        text = self._page("/plans/mine/", name="student status (plans/mine)")
        section = text.partition('id="open-plan"')[2]
        status = _STATUS.search(section)
        return text, (status.group(1) if status else None)

    @task
    def next_step(self):
        getattr(self, f"_{self.step}")()

    def _login(self):
        if self.log_in(self.username):
            self.step = "save"

    def _save(self):
        form = self._request("GET", "/plans/new/", name="student plan form", expect=(200,))
        token = _token(form.text)
        if token is None:
            return
        saved = self._post(
            "/plans/new/",
            name="student save plan (POST)",
            data={
                **PLAN_FIELDS,
                "institution": "湖北工程学院",
                "programme": "护理学（专升本）",
            },
            token=token,
            expect=(302,),
        )
        if saved.status_code == 302:
            text, _status = self._status_page()
            match = _EVIDENCE_ACTION.search(text)
            if match:
                self.plan_id = int(match.group(1))
                self.step = "upload"

    def _upload(self):
        text, _status = self._status_page()
        token = _token(text)
        if token is None:
            return
        uploaded = self._post(
            f"/plans/{self.plan_id}/evidence/",
            name="student upload evidence (POST)",
            data={"kind": "admission"},
            files={"file": ("admission.pdf", EVIDENCE_PDF, "application/pdf")},
            token=token,
            expect=(302,),
        )
        if uploaded.status_code == 302:
            self.step = "submit"

    def _submit(self, expected: str = "draft"):
        text, status = self._status_page()
        token = _token(text)
        if status == "submitted":  # accepted, though the message was not seen: not counted, only polled
            self.step = "poll"
        if token is None or status not in ("draft", "returned"):
            return
        posted = self._post(
            f"/plans/{self.plan_id}/act/",
            name="student submit (POST)",
            data={"action": "submit", "expected_status": status},
            token=token,
            expect=(302,),
        )
        if posted.status_code != 302:
            return
        text, _now = self._status_page()
        if MSG_SUBMITTED in text:
            ACCEPTED["submissions"].append([self.username, self.plan_id, status])
            self.step = "poll"

    def _poll(self):
        if random.random() < 0.25:
            # A student's home sends them on to their plan page (302): the status page is the poll.
            self._request("GET", "/", name="student home", expect=(302,))
            return
        _text, status = self._status_page()
        if status == "returned":
            self.step = "submit"


class ReviewerUser(_ProxiedUser):
    fixed_count = len(REVIEWERS)
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        reviewer = REVIEWERS[next(_next_reviewer) % len(REVIEWERS)]
        self.username, self.role = reviewer["username"], reviewer["role"]
        self.logged_in = self.log_in(self.username)
        self.queue = "/plans/queue/?" + f"destination={PLAN_FIELDS.get('destination', '')}"

    def _ours(self):
        page = self._request("GET", self.queue, name="reviewer queue", expect=(200,))
        rows = [(int(pk), number, status) for pk, number, status in _QUEUE_ROW.findall(page.text or "")]
        return page.text or "", [row for row in rows if row[1] in OURS]

    @task
    def review(self):
        if not self.logged_in:
            self.logged_in = self.log_in(self.username)
            return
        text, ours = self._ours()
        token = _token(text)
        if not ours or token is None:
            return
        random.shuffle(ours)
        if random.random() < RETURN_SHARE:
            self._one(ours.pop(), "return", token)
        if random.random() < 0.5:
            for row in ours[:3]:
                self._one(row, "approve", token)
        elif ours:
            self._bulk(ours[:BULK_SIZE], token)

    def _one(self, row, action: str, token: str):
        pk, _number, status = row
        self._request("GET", f"/plans/{pk}/?next=/plans/queue/", name="reviewer plan page", expect=(200,))
        data = {"action": action, "expected_status": status, "next": "/plans/queue/"}
        if action == "return":
            data["comment"] = "录取通知书不清晰，请重新上传。"
        posted = self._post(f"/plans/{pk}/act/", name=f"reviewer {action} (POST)", data=data, token=token)
        # Accepted: back to the queue; refused (someone else moved it): the plan page again, with the error.
        if posted.status_code == 302:
            ACCEPTED["approvals" if action == "approve" else "returns"].append([self.username, pk, status])

    def _bulk(self, rows, token: str):
        posted = self._post(
            "/plans/queue/bulk-approve/",
            name="reviewer bulk approve (POST)",
            data={"plan": [pk for pk, _n, _s in rows], "next": self.queue},
            token=token,
            expect=(302,),
        )
        if posted.status_code != 302:
            return
        page = self._request("GET", self.queue, name="reviewer queue", expect=(200,))
        done = {number for number, result in _BULK_LINE.findall(page.text or "") if result == "通过"}
        for pk, number, status in rows:
            if number in done:
                ACCEPTED["approvals"].append([self.username, pk, status])


class CapacityUser(_ProxiedUser):
    """Run alone in its own phase: logged-in students polling with no pause, the rush's steady mix."""

    wait_time = constant(0)

    def on_start(self):
        super().on_start()
        self.log_in(STUDENTS[next(_next_student) % len(STUDENTS)])

    @task(3)
    def poll(self):
        self._page("/plans/mine/", name="capacity: student status")

    @task(1)
    def home(self):
        self._request("GET", "/", name="capacity: student home", expect=(302,))


class FloorUser(_ProxiedUser):
    """Run alone in its own phase: the trivial view's throughput on the same server."""

    wait_time = constant(0)

    @task
    def trivial(self):
        self._request("GET", "/healthz", name="floor: /healthz", expect=(200,))


MAX_REQUESTS = int(os.environ.get("HPI_LOAD_MAX_REQUESTS", "100000"))
_requests_seen = count(1)
# Every response's time by kind, for percentiles over several kinds (summarise.py: the rush without logins).
PHASE = os.environ.get("HPI_LOAD_PHASE", "rush")
TIMES: list[tuple[str, float]] = []


@events.init.add_listener
def _bound_the_requests(environment, **_kwargs):
    """Bounded in requests as well as in users and time: the run stops itself after MAX_REQUESTS."""

    @environment.events.request.add_listener
    def _count(name, response_time, **_request):
        TIMES.append((name, round(response_time, 1)))
        if next(_requests_seen) >= MAX_REQUESTS and environment.runner is not None:
            environment.runner.quit()


@events.quitting.add_listener
def _write_accepted(environment, **_kwargs):
    """What the server accepted, for summarise.py to look for in the database (only the rush records any)."""
    (VAR / f"{PHASE}_times.json").write_text(json.dumps(TIMES))
    if any(ACCEPTED.values()):
        (VAR / "accepted.json").write_text(json.dumps(ACCEPTED))
