"""The deadline rush against gunicorn with the production settings (``make loadtest``, scripts/loadtest.sh).

Students log in (the login wave: the production password hasher) and then poll their status page and home;
``FloorUser`` asks for the anonymous login page, a template and nothing else, the same server's floor.
Production cookies are Secure and the server sits behind a proxy that speaks HTTPS: the client says so with
``X-Forwarded-Proto`` and keeps its cookies by hand (an HTTP client never sends a Secure cookie over http).
"""

import os
import re
from itertools import count

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("HPI_LOAD_PASSWORD", "load-test-password")
STUDENT_NUMBERS = [n for n in os.environ.get("HPI_LOAD_STUDENTS", "").split(",") if n]
_next_student = count()
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _ProxiedUser(HttpUser):
    abstract = True

    def on_start(self):
        self.cookies: dict[str, str] = {}
        self.client.headers.update(
            {"X-Forwarded-Proto": "https", "Origin": f"https://{self.host.split('//')[1]}"}
        )

    def _request(self, method: str, path: str, *, name: str, **kwargs):
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
            if response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
            return response


class StudentUser(_ProxiedUser):
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        number = next(_next_student)
        self.username = STUDENT_NUMBERS[number % len(STUDENT_NUMBERS)]
        page = self._request("GET", "/accounts/login/", name="login page")
        token = _CSRF_INPUT.search(page.text).group(1)
        response = self._request(
            "POST",
            "/accounts/login/",
            name="login (POST, password hasher)",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"https://{self.host.split('//')[1]}/accounts/login/"},
        )
        if response.status_code != 302:
            response.failure(f"login refused ({response.status_code})")

    @task(3)
    def poll_status(self):
        self._request("GET", "/plans/mine/", name="student status (plans/mine)")

    @task(1)
    def home(self):
        self._request("GET", "/", name="student home")


class FloorUser(_ProxiedUser):
    """Run alone in its own phase (``--class FloorUser``): the trivial view's throughput on the same server."""

    wait_time = between(0, 0)

    @task
    def trivial(self):
        self._request("GET", "/accounts/login/", name="floor: login page")


MAX_REQUESTS = int(os.environ.get("HPI_LOAD_MAX_REQUESTS", "100000"))
_requests_seen = count(1)


@events.init.add_listener
def _bound_the_requests(environment, **_kwargs):
    """Bounded in requests as well as in users and time: the run stops itself after MAX_REQUESTS."""

    @environment.events.request.add_listener
    def _count(**_request):
        if next(_requests_seen) >= MAX_REQUESTS and environment.runner is not None:
            environment.runner.quit()
