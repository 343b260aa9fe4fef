"""The app's two Teams icons, drawn here as PNG bytes (no image library, no binary in git)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

# Teams wants a 192x192 full-colour icon and a 32x32 white-on-transparent outline icon.
COLOR_SIZE = 192
OUTLINE_SIZE = 32
ACCENT = (0x1F, 0x6F, 0xEB)  # the manifest's accentColor, #1F6FEB

Pixel = tuple[int, int, int, int]


def color_icon() -> bytes:
    """White rising bars (a quota chart) on the accent colour, full bleed."""
    return _png(COLOR_SIZE, lambda x, y: _bars(x, y, COLOR_SIZE, (*ACCENT, 255)))


def outline_icon() -> bytes:
    """The same bars in white on a transparent background, as Teams requires for outlines."""
    return _png(OUTLINE_SIZE, lambda x, y: _bars(x, y, OUTLINE_SIZE, (0, 0, 0, 0)))


def _bars(x: int, y: int, size: int, background: Pixel) -> Pixel:
    """Three bars of rising height inside a margin of a sixth of the icon."""
    margin = size // 6
    inner = size - 2 * margin
    width = inner // 5  # bar, gap, bar, gap, bar
    column, offset = divmod(x - margin, width)
    if not (0 <= x - margin < inner and column in (0, 2, 4) and offset < width):
        return background
    height = inner * (column + 2) // 6
    if size - margin - height <= y < size - margin:
        return (255, 255, 255, 255)
    return background


def _png(size: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
