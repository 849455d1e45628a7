"""Make the placeholder for the sign-language video (run once; the output is committed).

The portal shows this placeholder on /gebaerdensprache/ until the accessibility officer uploads
the real video in German Sign Language (DGS) in the admin. It is a silent 30-second clip of five
slides: a simple signing figure whose hands move, and the notice that the real video follows; its
German captions (WebVTT) are the transcript in :data:`accessibility.initial_content`.

Generating video needs an encoder the portal itself does not depend on, so this script runs in a
throwaway environment and the files it writes (about 100 KB together) are part of the repository::

    python3.13 -m venv /tmp/dgs && /tmp/dgs/bin/pip install av pillow
    /tmp/dgs/bin/python accessibility/dgs_placeholder.py

PyAV's wheels bundle FFmpeg with x264 and libvpx, so no system package is needed.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "static" / "accessibility" / "dgs"
WIDTH, HEIGHT, FPS = 640, 360, 10
SLIDE_SECONDS = 6
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BACKGROUND = (0, 90, 159)  # the portal's primary blue
FOREGROUND = (255, 255, 255)
FIGURE = (255, 191, 71)


def _transcript_paragraphs() -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from accessibility.initial_content import SIGN_LANGUAGE_VIDEO

    return [p.strip() for p in SIGN_LANGUAGE_VIDEO["transcript_de"].split("\n\n") if p.strip()]


def _timestamp(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def captions(paragraphs: list[str]) -> str:
    """WebVTT cues: each slide's paragraph split into sentences, spread over the slide's time."""
    lines = ["WEBVTT", "", "NOTE Platzhalter: das Video in Deutscher Gebärdensprache folgt.", ""]
    number = 1
    for index, paragraph in enumerate(paragraphs):
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", paragraph) if s]
        share = SLIDE_SECONDS / len(sentences)
        for position, sentence in enumerate(sentences):
            start = index * SLIDE_SECONDS + position * share
            lines += [str(number), f"{_timestamp(start)} --> {_timestamp(start + share)}"]
            lines += [sentence, ""]
            number += 1
    return "\n".join(lines)


def _frame(image_module, draw_module, font_module, second: float, slide: int, slides: int):
    image = image_module.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = draw_module.Draw(image)
    title = font_module.truetype(FONT_BOLD, 26)
    small = font_module.truetype(FONT, 18)
    draw.text((24, 20), "Platzhalter", font=title, fill=FOREGROUND)
    draw.text(
        (24, 56), "Das Video in Deutscher Gebärdensprache folgt.", font=small, fill=FOREGROUND
    )
    draw.text((24, 80), f"Teil {slide + 1} von {slides}", font=small, fill=FOREGROUND)
    # A signing figure: head, body and two hands that move in slow circles.
    cx, cy = WIDTH * 0.78, HEIGHT * 0.56
    draw.ellipse((cx - 28, cy - 90, cx + 28, cy - 34), fill=FIGURE)
    draw.rounded_rectangle((cx - 55, cy - 28, cx + 55, cy + 110), radius=22, fill=FIGURE)
    for side in (-1, 1):
        angle = second * 2.4 + (0 if side < 0 else math.pi / 2) + slide
        hx = cx + side * (70 + 18 * math.cos(angle))
        hy = cy + 10 + 22 * math.sin(angle)
        draw.line((cx + side * 45, cy, hx, hy), fill=FIGURE, width=14)
        draw.ellipse((hx - 14, hy - 14, hx + 14, hy + 14), fill=FOREGROUND)
    return image


def encode(path: Path, *, codec: str, options: dict[str, str], paragraphs: list[str]) -> None:
    import av
    from PIL import Image, ImageDraw, ImageFont

    with av.open(str(path), mode="w") as container:
        stream = container.add_stream(codec, rate=FPS, options=options)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        slides = len(paragraphs)
        for number in range(slides * SLIDE_SECONDS * FPS):
            second = number / FPS
            image = _frame(
                Image, ImageDraw, ImageFont, second, int(second // SLIDE_SECONDS), slides
            )
            frame = av.VideoFrame.from_image(image)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    paragraphs = _transcript_paragraphs()
    (OUT / "platzhalter.de.vtt").write_text(captions(paragraphs), encoding="utf-8")
    encode(
        OUT / "platzhalter.mp4",
        codec="libx264",
        # Baseline-compatible settings every browser decodes; the index at the start
        # ("faststart") lets playback begin before the whole file has arrived.
        options={"crf": "32", "preset": "veryslow", "profile": "main", "movflags": "+faststart"},
        paragraphs=paragraphs,
    )
    encode(
        OUT / "platzhalter.webm",
        codec="libvpx-vp9",
        options={"crf": "45", "b": "0", "deadline": "good"},
        paragraphs=paragraphs,
    )
    for name in ("platzhalter.mp4", "platzhalter.webm", "platzhalter.de.vtt"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
