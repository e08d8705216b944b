# The support tests' hand-built ledger (hardship graduates, destinations, support log) for the purge tests.
from tests.support.conftest import ledger  # noqa: F401
