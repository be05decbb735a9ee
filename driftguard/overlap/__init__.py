"""Overlap between concurrent branches (DG301-DG305): pure pairwise logic.

Knows nothing of git: the engine hands it one ``BranchDelta`` per branch (its
changed files, with the facts of both sides) and the predicted textual
conflicts; it returns findings, a collision matrix and a suggested merge order.
"""
