"""Are the body checks linear? Pathological bodies, checked vs markdown-it's own parse.

For each body (a 100 kB table header, a table of many cells, deep nesting, long runs of
brackets, emphasis, footnote references and links) this times:

- markdown-it's parse alone, with the same syntax (CommonMark, tables, footnotes, anchors) but
  none of stand's own rules: the floor, the checks cannot be faster than the parse they need;
- parse_body + check_body + the chart and section checks, as `stand check` runs them.

It prints the ratio per body; the target is at most 2x. Each body is also timed at half size:
a linear check keeps the same ratio, a quadratic one doubles it. CPU seconds, the fastest of
three runs.

Run with `.venv/bin/python benchmarks/pathological_bodies.py`.
"""

import time
from collections.abc import Callable
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from builder.content.body import check_body, check_case_sections, check_charts, parse_body
from builder.content.markdown import make_markdown

FILE = PurePosixPath("content/casussen/2022/1-anna.md")
TARGET = 2.0
RUNS = 3


def bodies(size: int) -> dict[str, str]:
    """Bodies of about `size` characters each."""
    cells = size // 6
    return {
        "brede tabelkop": "Tabel: x\n\n|" + " a |" * (size // 4) + "\n|" + "---|" * (size // 4),
        "tabel met veel cellen": "Tabel: x\n\n| a | b |\n|---|---|\n" + "| c | d |\n" * cells,
        "diep genest citaat": "> " * 18 + "x\n" + "\n> y\n" * (size // 5),
        "diep geneste lijsten": ("".join("  " * i + "- a\n" for i in range(9)) + "\n")
        * (size // 60),
        "rij haken": "[" * size,
        "rij nadruk": "*a " * (size // 3) + "\n\n" + "_" * size,
        "voetnootverwijzingen": "x[^1] " * (size // 6) + "\n\n[^1]: noot\n",
        "ongebruikte voetnoten": "".join(f"[^{n}]: noot\n\n" for n in range(size // 14)),
        "links": "[a](https://example.org) " * (size // 25),
        "koppen": "## Kop\n\ntekst\n\n" * (size // 15),
    }


def fastest(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def checked(text: str) -> None:
    md = make_markdown()
    body = parse_body(md, text, 5)
    check_body(body, FILE, text)
    check_case_sections(body, FILE)
    check_charts(body, FILE, [])


def plain_markdown() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(footnote_plugin)
        .use(anchors_plugin, min_level=2, max_level=3)
    )


def main() -> None:
    md = plain_markdown()
    size = 100_000
    print(f"{'lichaam':<24} {'parse':>8} {'check':>8} {'factor':>7} {'factor (halve)':>15}")
    worst = 0.0
    for name, text in bodies(size).items():
        half = bodies(size // 2)[name]
        parse = fastest(lambda t=text: md.parse(t, {}))  # type: ignore[misc]
        check = fastest(lambda t=text: checked(t))  # type: ignore[misc]
        half_ratio = fastest(lambda t=half: checked(t)) / max(  # type: ignore[misc]
            fastest(lambda t=half: md.parse(t, {})),  # type: ignore[misc]
            1e-9,
        )
        ratio = check / max(parse, 1e-9)
        worst = max(worst, ratio)
        print(f"{name:<24} {parse:8.3f} {check:8.3f} {ratio:6.2f}x {half_ratio:14.2f}x")
    verdict = "binnen" if worst <= TARGET else "BOVEN"
    print(f"hoogste factor {worst:.2f}x: {verdict} het doel van {TARGET:.0f}x")


if __name__ == "__main__":
    main()
