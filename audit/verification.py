"""Re-computation of the hash chain: the first entry that was edited, removed or moved.

Entries are read in ``seq`` order. For each one: its number must follow the previous
one (else entries are **missing**), its ``prev_hash`` must be the previous entry's hash
(else it was **reordered** or inserted), its own hash must match its content (else it
was **edited**), and where a checkpoint was taken its hash must match the checkpoint
(else the tail was **rewritten** and re-hashed). A checkpoint past the end of the chain
means the tail was cut (**missing**, naming the range). The checkpoints are those stored
in the database and the last one written to the sink outside it (``audit.sink``), which
survives a superuser deleting both entries and stored checkpoints.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import chain, sink
from .models import Checkpoint, Entry, Verification

Problem = Verification.Problem
CHUNK = 2000


@dataclass(frozen=True)
class Result:
    ok: bool
    through: int  # the last entry that verified
    head: str  # its hash
    broken_seq: int | None = None
    problem: str = ""
    detail: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"OK through {self.through}, head {self.head}"
        return f"BROKEN at {self.broken_seq}: {self.problem} ({self.detail})"


def verify_chain(from_seq: int = 1) -> Result:
    """Re-compute the chain from entry ``from_seq`` and return the first break, if any."""
    from_seq = max(1, from_seq)
    checkpoints = _checkpoints_by_seq(from_seq)
    expected_seq, prev_hash = _start(from_seq)
    through, head = expected_seq - 1, prev_hash or chain.GENESIS
    for entry in Entry.objects.filter(seq__gte=from_seq).order_by("seq").iterator(CHUNK):
        problem = _check(entry, expected_seq, prev_hash, checkpoints.pop(entry.seq, []))
        if problem:
            return Result(False, through, head, *problem)
        expected_seq, prev_hash = entry.seq + 1, entry.hash
        through, head = entry.seq, entry.hash
    if checkpoints:
        last = max(checkpoints)
        missing = _("Thiếu mục %(seq)s đến mục %(end)s.") % _n(through + 1, last)
        noted = _("Điểm kiểm tra ghi nhận mục %(seq)s nhưng nhật ký chỉ có đến mục %(end)s.")
        detail = f"{missing} {noted % _n(last, through)}"
        return Result(False, through, head, through + 1, Problem.MISSING, detail)
    return Result(True, through, head)


def _start(from_seq: int) -> tuple[int, str | None]:
    """Return the first expected number and the hash it must link to (None: unchecked)."""
    if from_seq == 1:
        return 1, chain.GENESIS
    before = Entry.objects.filter(seq=from_seq - 1).values_list("hash", flat=True).first()
    return from_seq, before


def _checkpoints_by_seq(from_seq: int) -> dict[int, list[str]]:
    checkpoints: dict[int, list[str]] = {}
    for seq, hash_ in Checkpoint.objects.filter(seq__gte=from_seq).values_list("seq", "hash"):
        checkpoints.setdefault(seq, []).append(hash_)
    outside = sink.last()
    if outside is not None and outside[0] >= from_seq:
        checkpoints.setdefault(outside[0], []).append(outside[1])
    return checkpoints


def _check(entry: Entry, expected_seq: int, prev_hash: str | None, noted: list[str]):
    """Return (seq, problem, detail) for the first thing wrong with ``entry``, or None."""
    if entry.seq != expected_seq:
        detail = _("Thiếu mục %(seq)s đến mục %(end)s.") % _n(expected_seq, entry.seq - 1)
        return expected_seq, Problem.MISSING, detail
    if prev_hash is not None and entry.prev_hash != prev_hash:
        detail = _("Mục %(seq)s không nối tiếp mục %(end)s.") % _n(entry.seq, entry.seq - 1)
        return entry.seq, Problem.REORDERED, detail
    if entry.compute_hash() != entry.hash:
        detail = _("Nội dung mục %(seq)s không khớp mã băm đã lưu.") % {"seq": entry.seq}
        return entry.seq, Problem.EDITED, detail
    if any(hash_ != entry.hash for hash_ in noted):
        detail = _("Mã băm của mục %(seq)s khác với điểm kiểm tra đã lưu.") % {"seq": entry.seq}
        return entry.seq, Problem.REWRITTEN, detail
    return None


def _n(seq: int, end: int) -> dict:
    return {"seq": seq, "end": end}
