"""What one password check costs and how many a second the machine's cores do, for the hashers a login may
use: Django's Argon2 defaults, the production hasher (settings/base.py), PBKDF2 at Django's iterations.

CPU ms of one check in one process, and checks a second with one process per core all checking at once
(what gunicorn's workers do in a login wave). Prints JSON; scripts/loadtest.sh keeps it in last.json.
Usage: hashers.py [CHECKS_PER_PROCESS]
"""

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hpi_employment.settings.test")
os.environ.setdefault("DJANGO_SECRET_KEY", "hashers-benchmark")

PASSWORD = "load-test-password-1"


def _hasher(name: str):
    import django

    django.setup()
    from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher

    from apps.accounts.hashers import Argon2OwaspMinimumHasher

    return {
        "argon2 (Django defaults)": Argon2PasswordHasher,
        "argon2 (production: OWASP minimum)": Argon2OwaspMinimumHasher,
        "pbkdf2_sha256 (Django defaults)": PBKDF2PasswordHasher,
    }[name]()


def _checks(name: str, n: int) -> tuple[float, float]:
    hasher = _hasher(name)
    encoded = hasher.encode(PASSWORD, hasher.salt())
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        assert hasher.verify(PASSWORD, encoded)
    return time.process_time() - cpu, time.perf_counter() - wall


def measure(name: str, n: int, cores: int) -> dict:
    cpu, _wall = _checks(name, n)
    with ProcessPoolExecutor(cores) as pool:
        pool.submit(_hasher, name).result()  # workers started and Django set up before the clock runs
        start = time.perf_counter()
        list(pool.map(_checks, [name] * cores, [n] * cores))
        wall = time.perf_counter() - start
    return {"cpu_ms_per_check": round(cpu / n * 1000, 1), "checks_per_s": round(cores * n / wall, 1)}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    cores = os.cpu_count() or 1
    names = [
        "argon2 (Django defaults)",
        "argon2 (production: OWASP minimum)",
        "pbkdf2_sha256 (Django defaults)",
    ]
    result = {"cores": cores, "load_average": open("/proc/loadavg").read().split()[:3]}
    result.update({name: measure(name, n, cores) for name in names})
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
