"""How far apart the 14 technique colours are, with full colour vision and as readers
with each kind of colour blindness see them, and how they stand against the page and
under black text: the figures docs/quality.md quotes for the palette.

    python bench/palette.py

Colour blindness is simulated with Machado, Oliveira and Fernandes (2009), severity 1,
on linear RGB; distances are Euclidean in Oklab; contrast is WCAG's.
"""

from __future__ import annotations

import itertools

import numpy as np

from propscope.techniques import TECHNIQUES

SIMULATIONS = {
    "full colour vision": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
         [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
         [-0.003882, -0.048116, 1.051998]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
         [0.004733, 0.691367, 0.303900]]
    ),
}  # fmt: skip
_LMS = np.array(
    [[0.4122214708, 0.5363325363, 0.0514459929], [0.2119034982, 0.6806995451, 0.1073969566],
     [0.0883024619, 0.2817188376, 0.6299787005]]
)  # fmt: skip
_LAB = np.array(
    [[0.2104542553, 0.7936177850, -0.0040720468], [1.9779984951, -2.4285922050, 0.4505937099],
     [0.0259040371, 0.7827717662, -0.8086757660]]
)  # fmt: skip


def linear(colour: str) -> np.ndarray:
    c = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def oklab(rgb: np.ndarray) -> np.ndarray:
    return np.cbrt(rgb @ _LMS.T) @ _LAB.T


def main() -> None:
    rgb = np.array([linear(t.colour) for t in TECHNIQUES])
    luminance = rgb @ np.array([0.2126, 0.7152, 0.0722])
    on_white = 1.05 / (luminance + 0.05)
    black_text = (luminance + 0.05) / 0.05
    print(f"against the white page: {on_white.min():.2f}–{on_white.max():.2f}:1")
    print(f"black text on them: {black_text.min():.2f}–{black_text.max():.2f}:1")
    print("| vision | closest pair (Oklab) | techniques |")
    print("|---|---:|---|")
    for vision, matrix in SIMULATIONS.items():
        lab = oklab(np.clip(rgb @ matrix.T, 0, 1))
        distance, a, b = min(
            (float(np.linalg.norm(lab[i] - lab[j])), i, j)
            for i, j in itertools.combinations(range(len(TECHNIQUES)), 2)
        )
        print(f"| {vision} | {distance:.3f} | {TECHNIQUES[a].label}, {TECHNIQUES[b].label} |")


if __name__ == "__main__":
    main()
