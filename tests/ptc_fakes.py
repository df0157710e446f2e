"""Two tiny PTC-style articles, and a PTC training folder made of them, for the tests
that train a model."""

from __future__ import annotations

from pathlib import Path

from propscope.training.data import Article

TEXT_A = "Council vote\n\nThe council met on Monday. The corrupt traitors voted for the plan.\n"
TEXT_B = "Harbour news\n\nShips arrived at noon. Those corrupt traitors want the harbour.\n"


def labelled(article_id: str, text: str) -> Article:
    """`text` with "corrupt traitors" labelled as name-calling."""
    start = text.index("corrupt traitors")
    end = start + len("corrupt traitors")
    return Article(article_id, text, si=[(start, end)], tc=[("Name_Calling,Labeling", start, end)])


def tiny_ptc(folder: Path, count: int, first_id: int = 1) -> Path:
    """A PTC training folder of `count` articles, TEXT_A and TEXT_B by turns, ids from
    `first_id`, each with its "corrupt traitors" labelled as name-calling."""
    (folder / "articles").mkdir(parents=True)
    si_rows, tc_rows = [], []
    for n in range(count):
        article_id, text = str(first_id + n), (TEXT_A, TEXT_B)[n % 2]
        (folder / "articles" / f"article{article_id}.txt").write_text(text, encoding="utf-8")
        start = text.index("corrupt traitors")
        end = start + len("corrupt traitors")
        si_rows.append(f"{article_id}\t{start}\t{end}\n")
        tc_rows.append(f"{article_id}\tName_Calling,Labeling\t{start}\t{end}\n")
    (folder / "train-task-si.labels").write_text("".join(si_rows))
    (folder / "train-task-flc-tc.labels").write_text("".join(tc_rows))
    return folder
