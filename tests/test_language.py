from propscope.language import english_share, looks_english, not_english_note, shown_notes


def test_english_prose_is_english():
    text = (
        "The council said on Tuesday that the harbour would be closed for repairs, "
        "and that the work was expected to take at least two months."
    )
    assert looks_english(text)
    assert english_share(text) > 0.3


def test_other_languages_are_not():
    german = (
        "Der Stadtrat hat am Dienstag beschlossen, den Hafen wegen Reparaturen zu schließen; "
        "die Arbeiten sollen mindestens zwei Monate dauern, sagte die Bürgermeisterin."
    )
    spanish = (
        "El consejo municipal decidió el martes cerrar el puerto por reparaciones; las obras "
        "durarán al menos dos meses, según dijo la alcaldesa en una rueda de prensa."
    )
    russian = (
        "Городской совет во вторник решил закрыть порт на ремонт; работы продлятся "
        "не меньше двух месяцев, сообщила мэр города на пресс-конференции в мэрии."
    )
    for text in (german, spanish, russian):
        assert not looks_english(text), text


def test_scripts_without_spaces_count_a_character_a_word():
    """A paragraph of Chinese was one "word", too short to tell, so its claims were
    scored as English (API audit, session 27)."""
    chinese = "今天北京的天气很好，市政府表示新的地铁线路将于明年开通。"
    japanese = "東京都は新しい地下鉄を来年開業すると発表した。"
    thai = "สภาเมืองตัดสินใจปิดท่าเรือเพื่อซ่อมแซม"
    for text in (chinese, japanese, thai):
        assert english_share(text) == 0.0 and not looks_english(text), text
    assert english_share("北京") is None  # two characters: too short to tell
    mixed = "The council said that the new line in 北京 would open in the spring of next year."
    assert looks_english(mixed)


def test_short_texts_are_given_the_benefit_of_the_doubt():
    assert english_share("Hafen geschlossen") is None
    assert looks_english("Hafen geschlossen")


def _note(layer: str, why: str) -> str:
    return not_english_note(layer, 0.04, why)


def test_the_layers_notes_on_a_text_that_is_not_english_are_shown_as_one():
    notes = [
        "Text too long to parse.",
        _note("Techniques were read, but may be missed", "the model learned from English"),
        _note("Claims were not scored", "the model reads English words only"),
        "Another note.",
    ]
    assert shown_notes(notes) == [
        "Text too long to parse.",
        "The text does not look like English: only 4% of its words are English function "
        "words. Techniques were read, but may be missed (the model learned from English). "
        "Claims were not scored (the model reads English words only).",
        "Another note.",
    ]
    # One such note, or none, is shown as it is; the list itself is not changed.
    assert shown_notes(notes[1:2]) == notes[1:2]
    assert shown_notes(["A note."]) == ["A note."]
    assert shown_notes([]) == []
    assert len(notes) == 4


def test_the_renderers_show_the_notes_under_the_title():
    from rich.console import Console

    from propscope.analysis import Analysis
    from propscope.document import Document
    from propscope.render.html import render_html
    from propscope.render.terminal import render_terminal

    analysis = Analysis(document=Document.from_text("Titel\n\nDie Regierung <b>hat</b>."))
    analysis.notes = [
        _note("Claims were not scored", "why"),
        _note("Actors were not computed", "so"),
    ]
    console = Console(record=True, width=200)
    console.print(render_terminal(analysis))
    lines = console.export_text().splitlines()
    assert lines[0] == "Titel"
    merged = "Note: The text does not look like English: only 4% of its words are English"
    assert lines[2].startswith(merged)
    assert lines[2].endswith("Claims were not scored (why). Actors were not computed (so).")
    page = render_html(analysis)
    notes = page.index('<ul class="notes"><li>The text does not look like English')
    assert page.index('id="article-0-title"') < notes < page.index("Die Regierung")
    assert page.count('class="notes"') == 1
