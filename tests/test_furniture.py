"""Page furniture (`propscope.furniture`), and what the layers leave out because of it:
hand-made texts in the shapes met on real news."""

from __future__ import annotations

import pytest

from propscope.components.figures import find_figures
from propscope.furniture import Furniture, find_furniture

SLOT = (
    "Advertisement 2 Story continues below This advertisement has not loaded yet, but "
    "your article continues below."
)
SIGN_UP = (
    "Daily Top Stories Sign up to receive the daily top stories from the Post. Email "
    "Address By clicking on the sign up button you consent to receive the above "
    "newsletter. You may unsubscribe any time. Thanks for signing up!"
)


def furniture_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in find_furniture(text).spans]


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"The mayor spoke.\n\n{SLOT}\n\nShe left.", [SLOT]),
        ("Prices rose.\n\nAdvertisement\n\nThey fell.", ["Advertisement"]),
        ("Prices rose.\nStory continues below advertisement\nThey fell.",
         ["Story continues below advertisement"]),
        ("Article content The permits are being given away.", ["Article content"]),
        ("Read more: Council bans plastic bags in a unanimous vote\nThe vote was 9-0.",
         ["Read more: Council bans plastic bags in a unanimous vote"]),
        ("CLICK HERE TO GET THE FOX NEWS APP", ["CLICK HERE TO GET THE FOX NEWS APP"]),
        ("Shops shut.\nCLICK HERE TO SIGN UP FOR OUR NEWSLETTER\nThey reopened.",
         ["CLICK HERE TO SIGN UP FOR OUR NEWSLETTER"]),
        ("Share this Story: 'No money is coming in': shops close", ["Share this Story:"]),
        ("Slideshow ( 15 images )\nThe flood hit.", ["Slideshow ( 15 images )"]),
        ("Firefighters in Nowra. Photograph: Mike Bowers/The Guardian",
         ["Photograph: Mike Bowers/The Guardian"]),
        ("Bees. Photograph: Ann Johansson/Corbis via Getty Images",
         ["Photograph: Ann Johansson/Corbis via Getty Images"]),
        (f"The end.\n{SIGN_UP}", [SIGN_UP]),
        # Credits inside a caption, met on news (session 38): the agency first, spaces
        # round the slash, one word in capitals, a bare agency, a picture's owner.
        ("Tehran, Jan. 3, 2020. (AP Photo/Vahid Salemi) Iran has vowed to act.",
         ["(AP Photo/Vahid Salemi)"]),
        ("Baghdad, October 23, 2019. REUTERS/Khalid al-Mousily/File Photo",
         ["REUTERS/Khalid al-Mousily/File Photo"]),
        ("DNA could be used for computing KTSDESIGN/SCIENCE PHOTO LIBRARY",
         ["KTSDESIGN/SCIENCE PHOTO LIBRARY"]),
        ("Damon Scheleur / HuffPost 75% of sellers are women.", ["Damon Scheleur / HuffPost"]),
        ("Lobbyist Steven Elmendorf in New York City. (Getty Images)", ["(Getty Images)"]),
        ("toggle caption Courtesy of Stephanie Hofeller Courtesy of Stephanie Hofeller",
         ["Courtesy of Stephanie Hofeller Courtesy of Stephanie Hofeller"]),
        ("toggle caption Courtesy of the artist", ["Courtesy of the artist"]),
        # A credit in capitals glued to the caption's first words, and more papers.
        ("TORIN HALSEY/TIMES RECORD NEWS Harrold ISD Superintendent David Thweatt spoke.",
         ["TORIN HALSEY/TIMES RECORD NEWS"]),
        ("The cast. Tristan Cassel / The Hollywood Reporter",
         ["Tristan Cassel / The Hollywood Reporter"]),
        ("Big Ben at night. Jeff Overs/BBC", ["Jeff Overs/BBC"]),
        # A gallery's counter and a video player's line (CNN).
        ("It was the deadliest shooting. Hide Caption 1 of 20 Photos: Orlando",
         ["Hide Caption 1 of 20"]),
        ("Text.\nJUST WATCHED Police: Approx. 20 dead Replay More Videos ... MUST WATCH "
         "Police: Approx. 20 dead 01:39\nMore text.",
         ["JUST WATCHED Police: Approx. 20 dead Replay More Videos ... MUST WATCH "
          "Police: Approx. 20 dead 01:39"]),
        # A caption's credit after a dash (Malay Mail).
        ("Koya speaks in Putrajaya January 8, 2020. — Picture by Miera Zulyana",
         ["— Picture by Miera Zulyana"]),
        # A shop's book box and a poll's form (PTC, session 49's review): "$1.99" was a
        # figure and the box a claim scored 0.69.
        ("He was right.” The Road Files: T... Ann Lee Best Price: $2.50 Buy New $7.00 "
         "(as of 05:50 EDT - Details) Then he left.",
         ["The Road Files: T... Ann Lee Best Price: $2.50 Buy New $7.00 (as of 05:50 EDT - "
          "Details)"]),
        ("Buy New $1.99 (as of 09:20 EDT - Details)",
         ["Buy New $1.99 (as of 09:20 EDT - Details)"]),
        ("Vote now.\nEmail This field is for validation purposes and should be left "
         "unchanged.\nYou may opt out at anytime.",
         ["Email This field is for validation purposes and should be left unchanged.",
          "You may opt out at anytime."]),
        # A link to another story inside a paragraph (the Daily Caller, session 59): its
        # words in title case were two persons, "Trump Admin" and "Will Begin Deporting
        # Mexicans", and a statement of the author's.
        ("“...,” the document read. (RELATED: Internal Docs Reveal That Trump Admin Will "
         "Begin Deporting Mexicans To Guatemala)\n",
         ["(RELATED: Internal Docs Reveal That Trump Admin Will Begin Deporting Mexicans To "
          "Guatemala)"]),
        ("Warren pressed him.\n\nVisit Business Insider's homepage for more stories.\n\nHe left.",
         ["Visit Business Insider's homepage for more stories."]),
        ("The caravan grew.\nPersonal Liberty Poll Exercise your right to vote.\nIt left.",
         ["Personal Liberty Poll Exercise your right to vote."]),
        # CNN's highlights box (session 59): "Story highlights The father stopped ..."
        # was an unattributed assertion's first words.
        ("Story highlights The father stopped at a red light\n\n(CNN) This was news.",
         ["Story highlights"]),
        # CNN's gallery repeats its title after each counter (session 59): the title is
        # furniture, the captions are text, and so is the first item's without a counter.
        ("Photos: Mass shooting at Las Vegas music festival Debris is scattered. "
         "Hide Caption 1 of 30 Photos: Mass shooting at Las Vegas music festival People "
         "cross a street. Hide Caption 2 of 30 Photos: Mass shooting at Las Vegas music "
         "festival Police arrive.",
         ["Photos: Mass shooting at Las Vegas music festival",
          "Hide Caption 1 of 30 Photos: Mass shooting at Las Vegas music festival",
          "Hide Caption 2 of 30 Photos: Mass shooting at Las Vegas music festival"]),
        # Pleas for JavaScript (session 60): "JavaScript" was an organisation, and "Page
        # not displaying correctly?" the headline check's evidence.
        ("Plays.tv users are now on Medal.tv.\n\nPage not displaying correctly? You need "
         "to enable JavaScript to run this page!",
         ["Page not displaying correctly? You need to enable JavaScript to run this page!"]),
        ("Please enable JavaScript.\nPlease turn on JavaScript to properly view this page.",
         ["Please enable JavaScript.", "Please turn on JavaScript to properly view this page."]),
        # The BBC's player and its captions' labels; the captions stay.
        ("This video can not be played To play this video you need to enable JavaScript in "
         "your browser. Media caption, Canberra is engulfed in smoke",
         ["This video can not be played To play this video you need to enable JavaScript "
          "in your browser. Media caption,"]),
        ("The fires spread.\nImage source, EPA Image caption, His daughter wore his helmet",
         ["Image source, EPA Image caption,"]),
        # A poll set in the article (Freedom Outpost, 71 PTC articles, session 60): its
        # answers were persons ("Dianne Feinstein Maxine Waters") and the author's own
        # predictions ("Yes, military force should be used.").
        ("The end.\ntake our poll - story continues below\nShould force be used at the "
         "border?\nShould force be used at the border?\n* Yes, force should be used.\nNo, "
         "keep it out.\nEmail *\nCompleting this poll grants you access to Freedom Outpost "
         "updates free of charge.\nThe story goes on.",
         ["take our poll - story continues below\nShould force be used at the border?\n"
          "Should force be used at the border?\n* Yes, force should be used.\nNo, keep it "
          "out.\nEmail *",
          "Completing this poll grants you access to Freedom Outpost updates free of "
          "charge."]),
        # The poll's opener after a link on the line (its first question was left).
        ("Should I call??\nhttps://t.co/FMU take our poll - story continues below Who "
         "should replace Nikki Haley?\nWho should replace Nikki Haley?\n* John Bolton "
         "Richard Grenell\nEmail *\nThe end.",
         ["take our poll - story continues below Who should replace Nikki Haley?\nWho "
          "should replace Nikki Haley?\n* John Bolton Richard Grenell\nEmail *"]),
        ("They left.\nArticle posted with permission from Sons Of Liberty Media\n",
         ["Article posted with permission from Sons Of Liberty Media"]),
        ("Congress could also act.\n(Reporting by Nick Brown; Editing by Cynthia Osterman)\n",
         ["(Reporting by Nick Brown; Editing by Cynthia Osterman)"]),
        # Its kin (19 PTC articles, session 61): "Tyler Durden | published | at Zero Hedge".
        ("A Verdict\n\nThis report was originally published by Tyler Durden at Zero Hedge\n"
         "Update 2: the end.\nReprinted with permission from Consortiumnews.com.\n",
         ["This report was originally published by Tyler Durden at Zero Hedge",
          "Reprinted with permission from Consortiumnews.com."]),
        # A blog's footer, its asides and its calls to follow (news, session 61): "Last
        # Updated on ... by George Pavlopoulos" was the second most check-worthy sentence.
        ("He said.\n\n{mosads}“I just don’t think I need it,” he said.{/mosads}\n",
         ["{mosads}", "{/mosads}"]),
        # A gallery's loaders (news, session 61): "loading" was a Repetition span.
        ("One too.\n\nloading...\n\nloading...\n", ["loading...", "loading..."]),
        ("I left.\n\nPin it for later\n\nSharing is caring. Please share this Berlin "
         "article with your friends.\n\nLast Updated on February 18, 2022 by George "
         "Pavlopoulos\n",
         ["Pin it for later",
          "Sharing is caring. Please share this Berlin article with your friends.",
          "Last Updated on February 18, 2022 by George Pavlopoulos"]),
        ("He moved.\n\n*Some of the links are affiliate links. It means that if you "
         "purchase something, I might earn a small commission at no additional cost to "
         "you.\n\nThis article contains affiliate links through which Wooky.com may earn "
         "a commission. Learn more from our disclosure statement here.\n",
         ["*Some of the links are affiliate links. It means that if you purchase "
          "something, I might earn a small commission at no additional cost to you.",
          "This article contains affiliate links through which Wooky.com may earn a "
          "commission. Learn more from our disclosure statement here."]),
        ("It flew.\nFollow Elizabeth Howell on Twitter @howellspace . Follow us on Twitter "
         "@Spacedotcom and on Facebook .\nFOLLOW US ON FACEBOOK FOR MORE FOX NEWS\nFollow "
         "NBC Out on Twitter, Facebook & Instagram\n",
         ["Follow Elizabeth Howell on Twitter @howellspace . Follow us on Twitter "
          "@Spacedotcom and on Facebook .",
          "FOLLOW US ON FACEBOOK FOR MORE FOX NEWS",
          "Follow NBC Out on Twitter, Facebook & Instagram"]),
    ],
)  # fmt: skip
def test_furniture_is_found_where_it_stands(text: str, expected: list[str]) -> None:
    assert furniture_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The advertisement ran for a week, and the story continues to grow.",
        "Advertisement spending rose 4% as agencies read more data than ever.",
        "Related: the two cases share a judge, a lawyer and a venue, and prosecutors say "
        "they will ask for the two trials to be joined before the summer recess begins.",
        "Readers who sign up for the newsletter get it every morning.",
        "The company said the attackers had copied the email address of every reader who had "
        "signed up for the affected newsletters, and warned them to check their inbox for "
        "phishing messages. It said 300,000 people were affected.",
        "Article 5 of the treaty binds every member.",
        "He said the AP/Reuters poll was wrong, and took Springs Road/Highway 7 home.",
        "The Ipsos/Reuters poll, a YouGov / Reuters survey and an NBC/AP poll agree.",
        "Prices fell, courtesy of the Fed, and Courtesy of the bank's cuts rents fell too.",
        "THE US/UK DEAL IS DONE",
        "Buy New cars now, the dealer said, at the best price: $20,000.",
        "The two cases are related (see also: the appeal in March).",
        "The story highlights the cost of the war.",
        "You need to enable two-factor login, and JavaScript is required to run the app.",
        "The image caption, which the paper changed, named the wrong man.",
        "Is it over?\nIs it over?\nNobody knows, and the email is still unread.",
        "The article posted with permission from the family was taken down.",
        "Amazon cut what it pays for affiliate links, and sellers followed suit.",
        "The essay was originally published by a small press, which folded in 1990.",
        "Even now, 20 years after it was first published, it is a fascinating piece.",
        "The page was last updated on Monday, officials said.",
        "Pin it on the board, she said, and follow the money on Twitter and elsewhere.",
        "Loading the trucks took all night.",
    ],
)
def test_prose_is_no_furniture(text: str) -> None:
    assert not find_furniture(text)


def test_a_long_line_with_sign_up_words_is_prose() -> None:
    # An article scraped onto one line may talk of newsletters: only a short line of
    # sign-up words is a sign-up box.
    prose = "The council met on Monday and voted to keep the library open. " * 30
    text = f"{prose}Readers can sign up for its newsletter, or unsubscribe from the inbox."
    assert not find_furniture(text)
    assert furniture_texts(f"Prices rose.\n{SIGN_UP}") == [SIGN_UP]


def test_positions_and_coverage_are_asked_by_bisection() -> None:
    furniture = Furniture([(10, 20), (15, 25), (40, 50)])
    assert furniture.spans == [(10, 25), (40, 50)]  # overlapping stretches merged
    assert 10 in furniture and 24 in furniture and 25 not in furniture and 9 not in furniture
    assert furniture.covered(0, 100) == 25
    assert furniture.covered(20, 45) == 10
    assert furniture.holds(41, 49) and not furniture.holds(24, 26) and not furniture.holds(5, 5)


def test_furniture_counts_no_figure() -> None:
    text = f"The council sold 400 homes.\n{SLOT}\nSlideshow ( 15 images )\n{SIGN_UP}"
    assert [f.text for f in find_figures(text)] == ["400"]


@pytest.mark.parametrize(
    "text",
    [
        "Call us on 0800 555 123 or 0161 496 0000 for tickets.",
        "For details ring 020 7946 0958.",
        "Phone (555) 123-4567 today.",
        "Ring +44 20 7946 0958 now.",
        "Text 07700 900123 to vote.",
    ],
)
def test_a_telephone_number_written_in_groups_is_no_figure(text: str) -> None:
    assert find_figures(text) == []


def test_figures_beside_a_telephone_number_stay() -> None:
    text = "The 40 victims' families can call 0800 555 123; 1,200 have called since May."
    assert [f.text for f in find_figures(text)] == ["40", "1,200"]


def test_page_furniture_names_no_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    from propscope.components.actors import find_actors

    text = (
        "Shell Canada gave up its permits on Wednesday, Michael Crothers said.\n\n"
        f"{SLOT}\n\n"
        "Crothers said the company had no plans to drill.\n\n"
        f"Advertisement 3 Story continues below\n\n{SIGN_UP}\n\n"
        "Share this Story: 'Shell gives up its permits'"
    )
    names = {a.name for a in find_actors(text, nlp=nlp)}
    assert not any("Story" in n or "Advertisement" in n or "Post" in n for n in names), names
    assert "Michael Crothers" in names


def test_a_name_in_furniture_still_finds_it_in_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    # The entity recogniser may tag a name only where the page's furniture holds it; the
    # article's own mentions of it stay, the furniture's do not count.
    from propscope.components.actors import find_actors

    text = (
        "Cannabis sales fell after a slow rollout of stores in Ontario, the report said.\n\n"
        f"{SIGN_UP} Postmedia Network Inc. | 365 Bloor Street East, Toronto, Ontario, "
        "M4W 3L4 | 416-383-2300"
    )
    actors = find_actors(text, nlp=nlp)
    names = {a.name for a in actors}
    assert not any("Postmedia" in n or "Bloor" in n or "Toronto" in n for n in names), names
    furniture = find_furniture(text)
    assert all(not furniture.covered(m.start, m.end) for a in actors for m in a.mentions)


ROBOT = (
    "Enter the characters you see below\n\n"
    "Sorry, we just need to make sure you're not a robot. For best results, please make "
    "sure your browser is accepting cookies."
)


def test_a_page_of_furniture_gets_a_note_saying_it_is_no_article() -> None:
    from propscope import Analyzer

    analyzer = Analyzer(("figures",))
    robot = analyzer.analyze(ROBOT)
    assert robot.notes[0].startswith("The text is a web page's furniture, not an article: 100%")
    article = analyzer.analyze(f"Council sells 400 homes\n\nThe council sold 400 homes.\n{SLOT}")
    assert not any("furniture" in note for note in article.notes)


def test_technique_spans_in_furniture_are_dropped() -> None:
    import numpy as np

    from propscope import Analysis, Document
    from propscope.components.techniques import SpanPrediction, TechniqueTagger
    from propscope.techniques import TECHNIQUE_NAMES

    class Runtime:
        def __init__(self) -> None:
            self.labels = list(TECHNIQUE_NAMES)
            self.config = {"span_threshold": 0.5}

        def info(self) -> dict[str, str]:
            return {"name": "fake", "version": "0"}

    doc = Document.from_text(f"The traitors lied.\n\n{ROBOT}")
    robot = doc.text.index("a robot")
    traitors = doc.text.index("traitors")
    probs = np.zeros((2, len(TECHNIQUE_NAMES)), dtype=np.float32)
    probs[:, TECHNIQUE_NAMES.index("Name_Calling,Labeling")] = 0.9
    spans = [(traitors, traitors + 8, 0.9), (robot, robot + 7, 0.9)]
    analysis = Analysis(document=doc)
    tagger = TechniqueTagger(runtime=Runtime())  # type: ignore[arg-type]
    tagger.set_annotations([doc], [analysis], [SpanPrediction(spans, probs)])
    assert [s.text for s in analysis.techniques or []] == ["traitors"]


def test_digits_of_terminal_control_sequences_are_no_figures() -> None:
    text = (
        "The \x1b[31mdisgrace\x1b[0m cost 40 jobs. See "
        "\x1b]8;;http://example.org/8\x07the list\x1b]8;;\x07 for 12 more."
    )
    assert [f.text for f in find_figures(text)] == ["40", "12"]


GALLERY = (
    "The flood in pictures Show all 3 1 /3 The flood in pictures The flood in pictures "
    "1. Water fills a street of 40 homes. AP The flood in pictures 2. A boat on Main "
    "Street. Reuters The flood in pictures 3. Volunteers fill sandbags."
)


def test_a_flattened_gallery_s_counter_and_repeated_title_are_furniture() -> None:
    """The Independent's galleries, flattened into one line, repeat their title before
    each caption: "33 Superhero films set for release ..." 34 times made 33 figures of
    "33 superhero films" and its items' numbers 33 more (session 51)."""
    found = furniture_texts(f"Rain fell.\n{GALLERY}\nIt stopped.")
    assert (
        found
        == ["The flood in pictures Show all 3 1 /3 The flood in pictures The flood in pictures"]
        + ["The flood in pictures"] * 2
    )
    # The captions stay text, their items' numbers are no figures.
    assert [(f.text, f.counts) for f in find_figures(GALLERY)] == [("40", "homes")]
    # A title the line does not repeat is no gallery's.
    assert furniture_texts("Votes Show all 3 1 /3 counted") == []


def test_a_broken_players_words_and_an_authors_handle_are_furniture() -> None:
    # Postmedia's player (news, session 63): its words made the headline the start of
    # a quotation ("said: “Try refreshing your browser, or Shell Canada donates ...").
    text = (
        "We apologize, but this video has failed to load. tap here to see other videos "
        "from our team. Try refreshing your browser, or Shell donates Arctic permits Back "
        "to video “The region is adjacent,” said Crothers."
    )
    assert furniture_texts(text) == [
        "We apologize, but this video has failed to load. tap here to see other videos "
        "from our team. Try refreshing your browser, or Shell donates Arctic permits Back "
        "to video"
    ]
    # An author's note ends on a handle; prose that says whom people follow stays.
    note = "Sean Kerner is a senior editor. Follow him on Twitter @TechJournalist."
    assert furniture_texts(note) == ["Follow him on Twitter @TechJournalist."]
    assert furniture_texts("Millions follow him on Twitter. Follow him on Twitter.") == []


def test_an_agencys_credit_before_a_caption_is_furniture() -> None:
    # "© Getty Carl Sagan and the 'Pale Blue Dot' photograph" made a person "© Getty Carl
    # Sagan" (the PTC, session 63); the caption after it stays text.
    text = "© Getty Carl Sagan and the 'Pale Blue Dot' photograph\n© Other A zoomed-in version"
    assert furniture_texts(text) == ["© Getty", "© Other"]


def test_an_embedded_posts_footer_is_furniture() -> None:
    # "Posted by People Against the NDAA on Tuesday, September 25, 2018" glued to the
    # post's link was a statement of "People", "Posted | Against the NDAA" (the PTC,
    # session 64); a sentence with "posted by" and a date stays text.
    text = (
        "Link to entire video: https://youtu.be/x#StoptheNDAA Posted by People Against the "
        "NDAA on Tuesday, September 25, 2018\n"
        "He was posted by the army to Kabul on Monday, May 4, 2018.\n"
    )
    assert furniture_texts(text) == [
        "Posted by People Against the NDAA on Tuesday, September 25, 2018"
    ]


def test_a_shops_check_amazon_box_is_furniture() -> None:
    # The book box's other form, glued inside a sentence (the PTC, session 64); the
    # sentence around it stays text.
    text = (
        "Unlike JFK, Johnson would The Man Who Killed Ken... Roger Stone Check Amazon for "
        "Pricing.\nprotect national security by sending more troops to Vietnam.\n"
    )
    assert furniture_texts(text) == [
        "The Man Who Killed Ken... Roger Stone Check Amazon for Pricing."
    ]


def test_a_papers_sign_up_box_is_furniture() -> None:
    # An unattributed assertion of the PTC's (session 64).
    text = (
        "Get The Times of Israel's Daily Edition by email and never miss our top stories "
        "Free Sign Up\nTraore, 28, is accused of torturing Halimi.\n"
    )
    assert furniture_texts(text) == [
        "Get The Times of Israel's Daily Edition by email and never miss our top stories "
        "Free Sign Up"
    ]
    # Politico's newsletter box ends on a sentence of its own (the PTC, session 64).
    text = "Email Sign Up\nYou can unsubscribe at any time.\nThe group also passed a resolution.\n"
    assert "You can unsubscribe at any time." in furniture_texts(text)
    text = (
        "Thousands took to the streets.\n\nHong Kong Free Press relies on direct reader "
        "support. Help safeguard independent journalism. 10 ways to support us.\n"
    )
    assert furniture_texts(text) == [
        "Hong Kong Free Press relies on direct reader support. Help safeguard independent "
        "journalism. 10 ways to support us."
    ]


def test_a_page_for_an_old_browser_is_furniture() -> None:
    text = (
        "your browser is not supported\n\nTo use ASOS, we recommend using the latest "
        "versions of Chrome, Firefox, Safari or Edge"
    )
    assert furniture_texts(text) == [
        "your browser is not supported",
        "To use ASOS, we recommend using the latest versions of Chrome, Firefox, Safari or Edge",
    ]
