"""The technique model for training: one encoder, a span tagger and a span classifier.

One pass of the encoder over a window feeds both heads: the tagger marks which tokens
are inside a propaganda span (O/B/I), the classifier names the technique of a span
from its first, last and mean token vectors plus a few surface features.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from propscope.encoding import SPAN_FEATURES
from propscope.techniques import TECHNIQUE_NAMES

__all__ = ["TechniqueModel", "span_vectors"]


def span_vectors(hidden: torch.Tensor, spans: torch.Tensor) -> torch.Tensor:
    """[first, last, mean] token vectors of each span.

    hidden: (b, t, h); spans: (n, 3) of (row, start, end exclusive). Returns (n, 3h).
    """
    rows, starts, ends = spans[:, 0], spans[:, 1], spans[:, 2]
    first = hidden[rows, starts]
    last = hidden[rows, ends - 1]
    positions = torch.arange(hidden.shape[1], device=hidden.device)
    mask = (positions[None, :] >= starts[:, None]) & (positions[None, :] < ends[:, None])
    summed = torch.einsum("nt,nth->nh", mask.to(hidden.dtype), hidden[rows])
    mean = summed / mask.sum(dim=1, keepdim=True).clamp(min=1).to(hidden.dtype)
    return torch.cat([first, last, mean], dim=-1)


class TechniqueModel(nn.Module):
    def __init__(
        self,
        base_path: str | Path,
        *,
        layers: int = 0,
        head_hidden: int = 256,
        dropout: float = 0.1,
    ):
        """`layers`: keep only the encoder's first N layers (0: all of them)."""
        super().__init__()
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(str(base_path))
        if 0 < layers < self.encoder.config.num_hidden_layers:
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.encoder.config.num_hidden_layers = layers
        size = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.tagger = nn.Linear(size, 3)
        self.span_head = nn.Sequential(
            nn.Linear(3 * size + len(SPAN_FEATURES), head_hidden),
            nn.GELU(),
            nn.Dropout(dropout),
            nn.Linear(head_hidden, len(TECHNIQUE_NAMES)),
        )

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Returns (hidden states, tagger logits)."""
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return hidden, self.tagger(self.dropout(hidden))

    def classify(
        self, hidden: torch.Tensor, spans: torch.Tensor, features: torch.Tensor
    ) -> torch.Tensor:
        vectors = span_vectors(hidden, spans)
        return self.span_head(torch.cat([self.dropout(vectors), features], dim=-1))


class ExportWrapper(nn.Module):
    """What goes into the ONNX file: hidden states and tagger probabilities."""

    def __init__(self, model: TechniqueModel):
        super().__init__()
        self.model = model

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        hidden, logits = self.model(input_ids, attention_mask)
        return hidden, torch.softmax(logits, dim=-1)
