"""Every chart kind renders a PNG that matches its golden image, at the size we promise."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

from bot.charts import RENDERERS, render
from bot.charts.style import MAX_HEIGHT, MIN_HEIGHT, WIDTH
from core.messages import Chart, Series
from tests.bot.charts.samples import SAMPLES

GOLDEN = Path(__file__).parents[2] / "fixtures" / "charts"
# RMS difference allowed (0-255 scale): a freetype patch release may move a glyph a pixel.
TOLERANCE = 2.0


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_every_kind_has_a_sample() -> None:
    assert set(SAMPLES) == set(RENDERERS)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_matches_golden_image(kind: str, tmp_path: Path) -> None:
    png = render(SAMPLES[kind])
    image = _image(png)
    assert image.format == "PNG" and image.width == WIDTH
    assert MIN_HEIGHT <= image.height <= MAX_HEIGHT
    actual = tmp_path / f"{kind}.png"
    actual.write_bytes(png)
    assert compare_images(str(GOLDEN / f"{kind}.png"), str(actual), tol=TOLERANCE) is None


def test_same_chart_same_bytes() -> None:
    chart = SAMPLES["ranking"]
    assert render(chart) == render(chart)
    assert b"Software" not in render(chart)  # no matplotlib version chunk


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_empty_data_still_draws(kind: str) -> None:
    chart = replace(SAMPLES[kind], labels=(), series=(), figures=(), marked=frozenset())
    assert _image(render(chart)).size == (WIDTH, MIN_HEIGHT)


def test_five_hundred_reps_fit_one_picture() -> None:
    n = 500
    chart = Chart(
        "attainment",
        "Everyone",
        "250 on pace, 250 behind.",
        tuple(f"Rep {i}" for i in range(n)),
        (Series("Share", tuple(1 - i / n for i in range(n))),),
        unit="share",
        pace=(0.5,),
        marked=frozenset(range(n // 2, n)),
    )
    assert _image(render(chart)).size == (WIDTH, MAX_HEIGHT)
