"""Charts in Debian chromium: every label is inside the drawing, and charts read together share
one scale (the same value is drawn the same length on the page)."""

from pathlib import Path
from typing import Any

# Per chart: the viewBox, the box of every text in user units, and per bar its value and
# drawn width on the page (CSS px), from the data table that repeats the chart.
MEASURE = """
return [...document.querySelectorAll('svg.grafiek')].map(svg => {
  const box = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height};
  });
  const rows = [...svg.closest('figure').querySelectorAll('tbody tr')];
  const values = rows.map(r => parseFloat(r.querySelector('td').textContent.replace(',', '.')));
  const bars = [...svg.querySelectorAll('rect')].map((r, i) =>
    ({value: values[i], px: r.getBoundingClientRect().width}));
  return {id: svg.id || svg.getAttribute('aria-labelledby'), width: box.width,
          height: box.height, texts: texts, bars: bars};
});
"""


def chart_pages(site: Path) -> list[str]:
    return [
        "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        for path in sorted(site.rglob("*.html"))
        if 'class="grafiek"' in path.read_text(encoding="utf-8")
    ]


def test_every_chart_label_is_inside_its_drawing(
    chromium: Any, site_server: str, real_site: Path
) -> None:
    pages = [url for url in chart_pages(real_site) if "/afdrukken/" not in url]
    assert pages, "the report has charts"
    outside = []
    for url in pages:
        chromium.get(site_server + url)
        for chart in chromium.execute_script(MEASURE):
            outside += [
                f"{url} {chart['id']}: ‘{t['text']}’ spans x {t['x']:.1f}..{t['right']:.1f} "
                f"in a viewBox 0..{chart['width']}"
                for t in chart["texts"]
                if t["x"] < 0
                or t["right"] > chart["width"]
                or t["y"] < 0
                or t["bottom"] > chart["height"]
            ]
    assert not outside, "\n".join(outside)


def test_charts_read_together_draw_the_same_value_the_same_length(
    chromium: Any, site_server: str, real_site: Path
) -> None:
    """The three Personeelsmonitor charts share one page and unit: 17% is drawn at 17/47 of 47%."""
    for url in chart_pages(real_site):
        if "/afdrukken/" in url:
            continue
        chromium.get(site_server + url)
        bars = [bar for chart in chromium.execute_script(MEASURE) for bar in chart["bars"]]
        per_unit = [bar["px"] / bar["value"] for bar in bars if bar["value"] > 0]
        assert len(per_unit) > 1
        assert max(per_unit) - min(per_unit) < 0.02, f"{url}: px per unit {per_unit}"
