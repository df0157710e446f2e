"""The actors in corpus figures, the dashboard and the data tables, from hand-built
analyses (no model)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from propscope.analysis import (
    Actor,
    ActorLabel,
    Analysis,
    AttributedSpan,
    Attribution,
    DoubleStandard,
    TechniqueSpan,
    link_actors_to_techniques,
)
from propscope.batch.report import write_report
from propscope.corpus import CorpusFigures, flat_cell
from propscope.document import Document
from propscope.render.dashboard import render_dashboard

A = (
    "The Jihadis shelled the town. The West calls them “moderate rebels”. Already the "
    "Jihadis are using suicide bombers, said the Russian military."
)
B = (
    "The rebels took the bridge, the Russian military said. One Jihadi among them, the "
    "so-called moderate rebels, fled."
)


def at(text: str, passage: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(passage, start + 1)
    return start, start + len(passage)


def mention(text: str, passage: str, nth: int = 0) -> AttributedSpan:
    return AttributedSpan(*at(text, passage, nth), passage)


def label(text: str, passage: str, nth: int = 0, marks: tuple[str, ...] = ()) -> ActorLabel:
    return ActorLabel(*at(text, passage, nth), passage, distancing=bool(marks), marks=marks)


def technique(text: str, passage: str, name: str, nth: int = 0) -> TechniqueSpan:
    return TechniqueSpan(*at(text, passage, nth), name, 0.9, passage)


def said(text: str, source: str, cue: str, content: str) -> Attribution:
    return Attribution(
        source=mention(text, source),
        cue=mention(text, cue),
        content=mention(text, content),
        source_kind="organisation",
    )


def analysis(
    text: str,
    key: str,
    outlet: str,
    techniques: list[TechniqueSpan],
    attributions: list[Attribution],
    actors: list[Actor],
) -> dict[str, Any]:
    document = Document(text=text, id=key, source=outlet, published="2024-03-01")
    return Analysis(
        document=document,
        techniques=techniques,
        attributions=attributions,
        actors=link_actors_to_techniques(actors, techniques),
    ).to_dict()


def article_a() -> dict[str, Any]:
    return analysis(
        A,
        "a",
        "Gazette",
        techniques=[
            technique(A, "Jihadis", "Name_Calling,Labeling"),
            technique(A, "Jihadis", "Name_Calling,Labeling", nth=1),
            technique(A, "Jihadis are using suicide bombers", "Appeal_to_fear-prejudice"),
        ],
        attributions=[
            said(A, "the Russian military", "said", "Already the Jihadis are using suicide")
        ],
        actors=[
            Actor(
                "Rebels",
                "group",
                mentions=(mention(A, "them"),),
                labels=(
                    label(A, "Jihadis"),
                    label(A, "moderate rebels", marks=("scare_quotes",)),
                    label(A, "Jihadis", nth=1),
                ),
                sources=(),
            ),
            Actor("The West", "group", mentions=(mention(A, "The West"),), sources=()),
            Actor(
                "Russian military",
                "organisation",
                mentions=(mention(A, "the Russian military"),),
                sources=(0,),
            ),
        ],
    )


def article_b() -> dict[str, Any]:
    return analysis(
        B,
        "b",
        "Herald",
        techniques=[technique(B, "so-called moderate rebels", "Doubt")],
        attributions=[said(B, "the Russian military", "said", "The rebels took the bridge")],
        actors=[
            # Two entries that name one actor ("the rebels" = "Rebels"): one article.
            Actor(
                "the rebels",
                "group",
                mentions=(mention(B, "The rebels"),),
                labels=(
                    label(B, "Jihadi"),
                    label(B, "moderate rebels", marks=("so_called",)),
                ),
                sources=(),
            ),
            Actor("Rebels", "group", mentions=(mention(B, "them"),), sources=()),
            Actor(
                "Russian military",
                "organisation",
                mentions=(mention(B, "the Russian military"),),
                sources=(0,),
            ),
        ],
    )


def figures_of(*records: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    figures = CorpusFigures()
    for item in records:
        figures.add(item)
    return figures.tables()


def test_actor_tallies_across_two_articles():
    actors = figures_of(article_a(), article_b())["actors"]
    assert [(a["rank"], a["actor"], a["kind"]) for a in actors] == [
        (1, "Rebels", "group"),
        (2, "Russian military", "organisation"),
        (3, "The West", "group"),
    ]
    rebels, military, west = actors
    assert (rebels["articles"], rebels["mentions"]) == (2, 3)
    assert (rebels["label_uses"], rebels["distancing_labels"]) == (5, 2)
    assert rebels["labels"] == [
        # "Jihadis" twice and "Jihadi" once are one label; the distancing one stays apart.
        {"text": "Jihadi(s)", "count": 3, "distancing": False, "marks": []},
        {
            "text": "moderate rebels",
            "count": 2,
            "distancing": True,
            "marks": ["scare_quotes", "so_called"],
        },
    ]
    assert rebels["techniques"] == [
        {"technique": "Name_Calling,Labeling", "count": 2},
        {"technique": "Appeal_to_fear-prejudice", "count": 1},
        {"technique": "Doubt", "count": 1},
    ]
    assert (rebels["technique_spans"], rebels["claims_sourced"]) == (4, 0)
    assert (military["articles"], military["mentions"], military["claims_sourced"]) == (2, 2, 2)
    assert (military["label_uses"], military["labels"], military["techniques"]) == (0, [], [])
    assert (west["articles"], west["mentions"]) == (1, 1)


def test_flat_cell_writes_labels_and_techniques_as_one_string():
    rebels = figures_of(article_a(), article_b())["actors"][0]
    assert flat_cell(rebels["labels"]) == (
        "Jihadi(s) ×3; so-called “moderate rebels” ×2 [distancing]"
    )
    assert flat_cell(rebels["techniques"]) == (
        "Name_Calling,Labeling ×2; Appeal_to_fear-prejudice ×1; Doubt ×1"
    )
    assert flat_cell(4) == 4 and flat_cell(None) is None


def test_the_section_shows_the_actors_with_distancing_marked():
    page = render_dashboard(figures_of(article_a(), article_b()), title="Corpus")
    assert '<a href="#actors">Actors</a>' in page
    section = re.search(r'<section id="actors".*?</section>', page, re.S)
    assert section
    html = section.group(0)
    assert "Most labelled actors" in html and '<svg class="chart"' in html
    assert html.count("<rect") == 2  # Rebels only: plain and distancing labels
    assert (
        '<em class="distancing">so-called “moderate rebels”</em>'
        '<span class="badge">distancing</span> <span class="count">×2</span>'
    ) in html
    assert 'Jihadi(s) <span class="count">×3</span>' in html
    assert 'Name-calling <span class="count">×2</span>, Fear / prejudice' in html
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td><td class=\"long\">([^<]+)</td>", html)
    assert rows == [("1", "Rebels"), ("2", "Russian military"), ("3", "The West")]


def hostile() -> dict[str, Any]:
    text = "Then <script>alert(1)</script> came, the <b>bad</b> men, they said."
    return analysis(
        text,
        "h",
        "Gazette",
        techniques=[],
        attributions=[],
        actors=[
            Actor(
                "<script>alert(1)</script>",
                "person",
                mentions=(mention(text, "<script>alert(1)</script>"),),
                labels=(
                    label(text, "<b>bad</b> men"),
                    label(text, "<b>bad</b>", marks=("scare_quotes",)),
                ),
                sources=(),
            )
        ],
    )


def test_actor_names_and_labels_are_escaped():
    tables = figures_of(hostile())
    page = render_dashboard(tables, title="Corpus")
    assert "<script>alert" not in page and "<b>bad" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<em class="distancing">“&lt;b&gt;bad&lt;/b&gt;”</em>' in page
    assert re.findall(r"<script([^>]*)>", page) == [' type="application/json" id="dashboard-data"']
    twin = re.search(r'id="dashboard-data">(.*?)</script>', page, re.S)
    assert twin and json.loads(twin.group(1))["actors"] == tables["actors"]


def test_one_of_a_kind_is_counted_in_the_singular():
    # "in 1 articles", "1 label uses": the charts' accessible text (user walkthrough).
    single = analysis(
        A,
        "a",
        "Gazette",
        techniques=[],
        attributions=[said(A, "the Russian military", "said", "Already the Jihadis")],
        actors=[
            Actor("Rebels", "group", mentions=(mention(A, "them"),), labels=(label(A, "Jihadis"),))
        ],
    )
    page = render_dashboard(figures_of(single), title="Corpus")
    assert "1 article analyzed from 1 outlet" in page
    assert "Rebels (group): 1 label use, 0 distancing, in 1 article</title>" in page
    assert "the Russian military (organisation): 1 statement in 1 article</title>" in page


def test_results_without_actors_still_render():
    old = article_a()
    del old["actors"]
    tables = figures_of(old)
    assert tables["actors"] == []
    page = render_dashboard(tables, title="Corpus")
    assert "No actors: the actors layer was not computed or found none." in page
    # A table made before the actors existed renders too.
    del tables["actors"]
    assert "No actors:" in render_dashboard(tables, title="Corpus")


def write_results(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    path.write_text(
        "".join(json.dumps(r) + "\n" for r in (article_a(), article_b())), encoding="utf-8"
    )
    return path


def test_csv_table_has_the_actor_row(tmp_path):
    written = write_report(
        write_results(tmp_path),
        tmp_path / "dash.html",
        data_dir=tmp_path / "data",
        article_pages=False,
    )
    assert tmp_path / "data" / "actors.csv" in written.tables
    with open(tmp_path / "data" / "actors.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0] == {
        "rank": "1",
        "actor": "Rebels",
        "kind": "group",
        "articles": "2",
        "mentions": "3",
        "label_uses": "5",
        "distancing_labels": "2",
        "labels": "Jihadi(s) ×3; so-called “moderate rebels” ×2 [distancing]",
        "technique_spans": "4",
        "techniques": "Name_Calling,Labeling ×2; Appeal_to_fear-prejudice ×1; Doubt ×1",
        "claims_sourced": "0",
    }
    assert "Most labelled actors" in (tmp_path / "dash.html").read_text(encoding="utf-8")


def test_json_table_keeps_lists(tmp_path):
    write_report(
        write_results(tmp_path),
        tmp_path / "dash.html",
        data_dir=tmp_path / "data",
        data_format="json",
        article_pages=False,
    )
    rows = json.loads((tmp_path / "data" / "actors.json").read_text(encoding="utf-8"))
    assert rows[0]["actor"] == "Rebels"
    assert rows[0]["labels"][1] == {
        "text": "moderate rebels",
        "count": 2,
        "distancing": True,
        "marks": ["scare_quotes", "so_called"],
    }
    assert rows[1]["actor"] == "Russian military" and rows[1]["claims_sourced"] == 2


def test_actors_seen_once_and_hardly_labelled_are_pruned_past_the_limit(monkeypatch):
    monkeypatch.setattr("propscope.corpus._PRUNE_AT", 2)
    figures = CorpusFigures()
    figures.add(article_a())  # three actors: more than 2, so the once-seen are dropped
    assert [a["actor"] for a in figures.tables()["actors"]] == ["Rebels"]
    figures.add(article_b())
    actors = figures.tables()["actors"]
    assert [(a["actor"], a["articles"]) for a in actors] == [
        ("Rebels", 2),
        ("Russian military", 1),  # counted again from the article after the pruning
    ]


def person_said(text: str, source: str, content: str) -> Attribution:
    return Attribution(
        source=mention(text, source),
        cue=mention(text, "said"),
        content=mention(text, content),
        source_kind="person",
    )


def test_sources_take_their_actors_full_name_and_surnames_join_across_articles():
    """sources.csv listed "Trump" (18 statements), "President Donald Trump" and
    "President Trump" apart (audit, session 27)."""
    one = "President Trump said the wall works. Donald Trump met aides."
    two = "Trump said taxes will fall. Biden said they will not."
    three = "Joe Biden said the vote counts. Hunter Biden said he was fine."
    first = analysis(
        one,
        "1",
        "Gazette",
        techniques=[],
        attributions=[person_said(one, "President Trump", "the wall works")],
        actors=[
            Actor(
                "Donald Trump",
                "person",
                mentions=(mention(one, "Trump"), mention(one, "Donald Trump")),
                sources=(0,),
            )
        ],
    )
    second = analysis(
        two,
        "2",
        "Herald",
        techniques=[],
        attributions=[
            person_said(two, "Trump", "taxes will fall"),
            person_said(two, "Biden", "they will not"),
        ],
        actors=[],
    )
    third = analysis(
        three,
        "3",
        "Herald",
        techniques=[],
        attributions=[
            person_said(three, "Joe Biden", "the vote counts"),
            person_said(three, "Hunter Biden", "he was fine"),
        ],
        actors=[],
    )
    sources = figures_of(first, second, third)["sources"]
    rows = {r["source"]: (r["statements"], r["articles"]) for r in sources}
    # "President Trump" is the actor Donald Trump; "Trump" alone in another article
    # joins the one longer name that ends with it.
    assert rows["Donald Trump"] == (2, 2) and "Trump" not in rows
    assert "President Trump" not in rows
    # Two Bidens could be meant: "Biden" stays apart from both.
    assert rows["Biden"] == (1, 1) and rows["Hunter Biden"] == rows["Joe Biden"] == (1, 1)


def test_outlet_by_month_tables_and_what_each_article_holds():
    """A research team could not follow one outlet's techniques over time, nor find an
    article's techniques, headline stance or disagreeing figures in a table (audit,
    session 27)."""
    a, b = article_a(), article_b()
    c = analysis(
        A, "c", "Gazette", techniques=[technique(A, "Jihadis", "Doubt")], attributions=[], actors=[]
    )
    c["document"]["published"] = "2024-04-02"
    a["headline"] = {"text": "The town", "stance": "disagree"}
    b["headline"] = {"text": "The bridge", "stance": "agree"}
    a["summary"]["figure_conflicts"] = 2
    b["summary"]["updates_contradicting_headline"] = 1
    c["summary"]["double_standards"] = 1
    tables = figures_of(a, b, c)
    months = [(r["outlet"], r["month"], r["articles"], r["spans"]) for r in tables["outlet_months"]]
    assert months == [
        ("Gazette", "2024-03", 1, 3),
        ("Gazette", "2024-04", 1, 1),
        ("Herald", "2024-03", 1, 1),
    ]
    doubt = [
        (r["outlet"], r["month"], r["spans"])
        for r in tables["outlet_month_techniques"]
        if r["technique"] == "Doubt" and r["spans"]
    ]
    assert doubt == [("Gazette", "2024-04", 1), ("Herald", "2024-03", 1)]
    headlines = {r["outlet"]: r for r in tables["outlet_headlines"]}
    assert (headlines["Gazette"]["articles"], headlines["Gazette"]["headlines_judged"]) == (2, 1)
    assert (headlines["Gazette"]["disagree"], headlines["Gazette"]["figure_conflicts"]) == (1, 2)
    assert (headlines["Gazette"]["double_standards"], headlines["Herald"]["double_standards"]) == (
        1,
        0,
    )
    assert (
        headlines["Herald"]["agree"],
        headlines["Herald"]["updates_contradicting_headline"],
    ) == (1, 1)
    rows = {r["key"]: r for r in tables["articles"]}
    assert (rows["c"]["double_standards"], rows["a"]["double_standards"]) == (1, 0)
    assert rows["a"]["techniques"] == [
        {"technique": "Name_Calling,Labeling", "count": 2},
        {"technique": "Appeal_to_fear-prejudice", "count": 1},
    ]
    assert flat_cell(rows["a"]["techniques"]) == (
        "Name_Calling,Labeling ×2; Appeal_to_fear-prejudice ×1"
    )
    assert (rows["a"]["headline_stance"], rows["a"]["figure_conflicts"]) == ("disagree", 2)
    assert rows["c"]["headline_stance"] is None


def test_one_person_written_two_ways_in_two_articles_is_one_actor_and_source() -> None:
    """ "Jim Comey" in one article and "James Comey" in another, "Stéphane" and
    "Stephane Dion", were two actors and two sources of the corpus (session 44); a
    short form of two names ("Chris") joins neither."""

    def article(key: str, comey: str, dion: str, smith: str) -> dict[str, Any]:
        text = f"{comey} said the inquiry was over. {dion} met {smith}."
        people = [
            Actor(name, "person", mentions=(mention(text, name),), sources=sources)
            for name, sources in ((comey, (0,)), (dion, ()), (smith, ()))
        ]
        statement = Attribution(
            source=mention(text, comey),
            cue=mention(text, "said"),
            content=mention(text, "the inquiry was over"),
            source_kind="person",
        )
        return analysis(text, key, "Ledger", [], [statement], people)

    tables = figures_of(
        article("a1", "Jim Comey", "Stéphane Dion", "Chris Smith"),
        article("a2", "James Comey", "Stephane Dion", "Christine Smith"),
        article("a3", "Jim Comey", "Stéphane Dion", "Chris Smith"),
    )
    actors = {row["actor"]: row["articles"] for row in tables["actors"]}
    assert actors == {"Jim Comey": 3, "Stéphane Dion": 3, "Chris Smith": 2, "Christine Smith": 1}
    sources = {row["source"]: row["statements"] for row in tables["sources"]}
    assert sources == {"Jim Comey": 3}


def _with_double_standard(record: dict[str, Any], one: str, two: str) -> dict[str, Any]:
    text = record["document"]["text"]
    spans = [AttributedSpan(*at(text, passage), passage) for passage in (one, two)]
    item = DoubleStandard(
        kind="also_does",
        passages=(spans[0], spans[1]),
        act="shelling <b>the town</b>",
        parties=("the Jihadis", "The West"),
        judgements=("shelled", ""),
    )
    record["double_standards"] = [item.to_dict()]
    record["summary"]["double_standards"] = 1
    return record


def test_the_double_standards_of_a_corpus_are_counted_by_outlet_and_listed():
    """A research team could count whataboutism by outlet in the tables, but not see
    the passages without opening every article (session 47)."""
    a = _with_double_standard(
        article_a(), "The Jihadis shelled the town.", "The West calls them “moderate rebels”."
    )
    b = article_b()
    b["double_standards"], b["summary"]["double_standards"] = [], 0
    tables = figures_of(a, b)
    (row,) = tables["double_standards"]
    assert (row["key"], row["outlet"], row["kind"]) == ("a", "Gazette", "also_does")
    assert row["sides"] == "the Jihadis (shelled) / The West (does it too)"
    assert row["passage"] == "The West calls them “moderate rebels”."
    page = render_dashboard(tables, title="Corpus")
    section = page[page.index('<section id="doubles"') :]
    section = section[: section.index("</section>")]
    assert "1 double standard found" in section and "By outlet: Gazette 1." in section
    assert "Blamed on one, done by another" in section
    assert "shelling &lt;b&gt;the town&lt;/b&gt;" in section and "<b>" not in section
    assert '<a href="#doubles">Double standards</a>' in page
    # Tables written before the layer: the section says so, and nothing breaks.
    old = {k: v for k, v in tables.items() if k != "double_standards"}
    page = render_dashboard(old, title="Corpus")
    assert "written without the double-standards layer" in page
