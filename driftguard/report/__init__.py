"""The drift report (pure): architecture units and their metrics, drift since the last run
(DG401-DG403), dependencies and broken contracts between repositories (DG205), and the
per-repository summary that history files and ``--snapshot-out`` files hold.

Nothing here reads git, files or the clock: the engine hands in snapshots and summaries.
"""
