"""The demo loaders' guard: every ``load_demo_*`` command writes only into an empty database or one holding
exactly what the demo wrote (``guard``), and ``load_demo`` runs them all (``make run``: ``--if-empty``)."""
