"""How far a load is, as a person reads it: items through, the rate, the time left, and
one summary line at the end."""

from __future__ import annotations


class Progress(str):
    """A line of a load's progress (a ``str``, so any reporter can print it), ``final``
    once every item is through: a terminal can redraw one line, a log keep the last."""

    final: bool

    def __new__(cls, text: str, *, final: bool) -> Progress:
        line = super().__new__(cls, text)
        line.final = final
        return line


def _duration(seconds: float) -> str:
    """
    Example:
        >>> _duration(4.25), _duration(75), _duration(3 * 3600 + 120)
        ('4.2 s', '1 min 15 s', '3 h 2 min')
    """
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs} s"
    return f"{minutes // 60} h {minutes % 60} min"


def progress_line(counts: str, done: int, total: int, seconds: float, verb: str) -> Progress:
    """How far a load is: items through, rate and time left; the summary once all are.

    Example:
        >>> progress_line("entities 5000/20000", 5000, 20000, 2.5, "written")
        'entities 5000/20000 · 5,000/20,000 items written, 2,000/s, about 7.5 s left'
        >>> progress_line("entities 20000/20000", 20000, 20000, 10, "written")
        'entities 20000/20000 · 20,000 items written in 10.0 s (2,000/s)'
    """
    rate = done / seconds if seconds > 0 else 0.0
    if done >= total:
        return Progress(
            f"{counts} · {total:,} items {verb} in {_duration(seconds)} ({rate:,.0f}/s)",
            final=True,
        )
    left = f"about {_duration((total - done) / rate)} left" if rate else "starting"
    return Progress(
        f"{counts} · {done:,}/{total:,} items {verb}, {rate:,.0f}/s, {left}", final=False
    )
