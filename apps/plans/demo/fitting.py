"""Whole-number tables with given margins: how the demo turns the seed's totals into people.

``largest_remainder`` shares one total out in proportion; ``fit_table`` fills a table whose row totals (people
in a group) and column totals (the seed's figures) are both fixed, following a table of weights (how likely a
group is to land in a column). Both are deterministic: the same input gives the same table.
"""

import math
from collections import deque


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``; the remainders go to the largest fractions (ties: first)."""
    whole = sum(weights)
    if total and whole <= 0:
        raise ValueError("nothing to share a total over")
    exact = [total * w / whole if whole else 0.0 for w in weights]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _scale(matrix: list[list[float]], row_totals: list[int], col_totals: list[int]) -> float:
    """One round of iterative proportional fitting; returns the largest column error left after the rows."""
    for row, total in zip(matrix, row_totals, strict=True):
        have = sum(row)
        if have > 0:
            factor = total / have
            for j in range(len(row)):
                row[j] *= factor
    error = 0.0
    for j, total in enumerate(col_totals):
        have = sum(row[j] for row in matrix)
        error = max(error, abs(have - total))
        if have > 0:
            factor = total / have
            for row in matrix:
                row[j] *= factor
    return error


def _round_up(
    floors: list[list[int]], fractions: list[list[float]], row_need: list[int], col_need: list[int]
) -> None:
    """Add one to some cells with a fractional part so rows and columns reach their totals (a flow problem on
    the cells with a fraction: a greedy pass by size, then augmenting paths for whatever the greedy blocked)."""
    cells = sorted(
        (
            (fractions[i][j], i, j)
            for i in range(len(floors))
            for j in range(len(col_need))
            if fractions[i][j] > 1e-9
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used: set[tuple[int, int]] = set()
    for _, i, j in cells:
        if row_need[i] and col_need[j]:
            floors[i][j] += 1
            row_need[i] -= 1
            col_need[j] -= 1
            used.add((i, j))
    allowed = [[j for j in range(len(col_need)) if fractions[i][j] > 1e-9] for i in range(len(floors))]
    while any(row_need):
        path = _augmenting_path(allowed, used, row_need, col_need)
        if path is None:
            raise ValueError("the weights do not allow these totals")
        # path alternates row -> column (add) and column -> row (take back a cell used before)
        for k, (i, j) in enumerate(path):
            if k % 2 == 0:
                floors[i][j] += 1
                used.add((i, j))
            else:
                floors[i][j] -= 1
                used.discard((i, j))
        row_need[path[0][0]] -= 1
        col_need[path[-1][1]] -= 1


def _augmenting_path(allowed, used, row_need, col_need):
    start_rows = [i for i, need in enumerate(row_need) if need]
    parent: dict = {("r", i): None for i in start_rows}
    queue = deque(("r", i) for i in start_rows)
    while queue:
        kind, node = queue.popleft()
        if kind == "r":
            for j in allowed[node]:
                if (node, j) in used or ("c", j) in parent:
                    continue
                parent[("c", j)] = ("r", node)
                if col_need[j]:
                    return _unwind(parent, ("c", j))
                queue.append(("c", j))
        else:
            for i, j in sorted(used):
                if j == node and ("r", i) not in parent:
                    parent[("r", i)] = ("c", node)
                    queue.append(("r", i))
    return None


def _unwind(parent, end) -> list[tuple[int, int]]:
    steps = []
    node = end
    while parent[node] is not None:
        previous = parent[node]
        if node[0] == "c":
            steps.append((previous[1], node[1]))  # row -> column: add
        else:
            steps.append((node[1], previous[1]))  # column -> row: take back
        node = previous
    return list(reversed(steps))


def fit_table(
    row_totals: list[int], col_totals: list[int], weights: list[list[float]], *, tolerance: float = 1e-7
) -> list[list[int]]:
    """A table of whole numbers with exactly these row and column totals, as close as can be to ``weights``
    scaled to them (iterative proportional fitting, then a rounding that keeps both margins).

    A zero weight stays zero. Raises ``ValueError`` when the zeros make the totals impossible.
    """
    if sum(row_totals) != sum(col_totals):
        raise ValueError(f"rows add up to {sum(row_totals)}, columns to {sum(col_totals)}")
    matrix = [[float(w) for w in row] for row in weights]
    for row, total in zip(matrix, row_totals, strict=True):
        if total and not any(row):
            raise ValueError("a row with people has no column it may go to")
    for _ in range(5000):
        if _scale(matrix, row_totals, col_totals) < tolerance:
            break
    else:
        raise ValueError("the weights do not allow these totals")
    floors = [[math.floor(x + 1e-9) for x in row] for row in matrix]
    fractions = [
        [max(0.0, x - f) for x, f in zip(row, frow, strict=True)]
        for row, frow in zip(matrix, floors, strict=True)
    ]
    row_need = [total - sum(row) for total, row in zip(row_totals, floors, strict=True)]
    col_need = [total - sum(row[j] for row in floors) for j, total in enumerate(col_totals)]
    if min(row_need + col_need) < 0:
        raise ValueError("rounding overshot a total")
    _round_up(floors, fractions, row_need, col_need)
    return floors
