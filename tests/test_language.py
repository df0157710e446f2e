from propscope.language import english_share, looks_english


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


def test_short_texts_are_given_the_benefit_of_the_doubt():
    assert english_share("Hafen geschlossen") is None
    assert looks_english("Hafen geschlossen")
