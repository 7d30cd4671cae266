"""Work lists on a page: a registry queue (oldest first, worked from the top) or a holder's
record (newest first) shows at most QUEUE_MAX rows, and says how many there are in all when it
shows fewer, so that a list cut short is never taken for the whole (templates: the include
"includes/capped_note.html")."""

QUEUE_MAX = 200


class Capped(list):
    """The first rows of a list, and how many rows the whole list has."""

    def __init__(self, rows, total: int):
        super().__init__(rows)
        self.total = total

    @property
    def more(self) -> int:
        return self.total - len(self)


def capped(rows, limit: int = QUEUE_MAX) -> Capped:
    """The first `limit` of `rows` (an ordered queryset), counted in full only when cut."""
    first = list(rows[: limit + 1])
    if len(first) <= limit:
        return Capped(first, len(first))
    return Capped(first[:limit], rows.count())
