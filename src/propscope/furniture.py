"""Page furniture: what a web page prints around and inside an article that is not the
article, found in its text so that no layer reads it as news.

Articles copied or scraped from news sites carry their page's furniture: advertisement
slots ("Advertisement 2 Story continues below This advertisement has not loaded yet, but
your article continues below."), calls to action ("CLICK HERE TO GET THE FOX NEWS APP",
"Share this article in your social network"), newsletter sign-up boxes, a robot check
("Enter the characters you see below"), paragraph prefixes ("Article content"). Read as
text, they make actors of words ("Advertisement Story", a person met six times), figures
of slot numbers and telephone numbers, and claims of calls to action.

`find_furniture(text)` returns a `Furniture`: the stretches of `text` that are furniture,
asked by position. The phrases are the ones met on real news (`../shared/data/
news-unlabeled`, docs/quality.md "Page furniture"), written so that prose does not match:
a phrase that can open a sentence of news ("Read more", "Related") counts only as a whole
short line.
"""

from __future__ import annotations

import bisect
import functools
import re

from propscope.lines import stripped

# Agencies and papers that credit a photograph after its photographer's name and a slash.
_AGENCY = (
    r"(?:AP Photo|AP|AFP|EPA(?:-EFE)?|Reuters|Getty Images|Getty|Corbis|HKFP|Shutterstock"
    r"|Alamy|PA(?: Wire)?|Bloomberg|NurPhoto|Xinhua|Sipa|The Guardian|The Observer"
    r"|The Washington Post|The New York Times|The Hollywood Reporter|HuffPost|Flickr"
    r"|Postmedia|BBC|SCIENCE PHOTO LIBRARY|Science Photo Library)"
)
# A name's word in capitals, no little word of a headline in capitals ("THE US/UK DEAL").
_CAPS = r"(?!(?:THE|A|AN|OF|AND|OR|IN|ON|TO|FOR|AT|BY|WITH)\b)[A-Z]{2,}"
# Phrases that are furniture wherever they stand.
_PHRASES = re.compile(
    r"(?:Advertisement(?:[^\S\n]+\d+)?[^\S\n]+)?Story continues below(?:[^\S\n]+advertisement)?"
    r"|This advertisement has not loaded yet, but your article continues below\.?"
    r"|We apologi[sz]e, but this video has failed to load\.?"
    # The rest of Postmedia's broken player: "tap here to see other videos from our team.
    # Try refreshing your browser, or <the article's title> Back to video".
    r"|[Tt]ap here to see other videos from our team\.?"
    r"|Try refreshing your browser, or [^\n]{0,300}? Back to video\b"
    r"|NEW You can now listen to Fox News articles!"
    r"|(?m:^[^\S\n]*CLICK HERE\b[^\n]{0,80}$)"
    r"|Placeholder while article actions load"
    # The Hill's ad slot markers, glued to a paragraph: "{mosads}“I just don't think ...".
    r"|\{/?mosads\}"
    # A paywall's offer, and the name of its arrow icon ("... analysis ArrowRight").
    r"|Wp Get the full experience\. Choose your plan ArrowRight|\bArrowRight\b"
    r"|Share this article in your social network"
    # A paper's plea for money, a whole line (HKFP, session 64): "Hong Kong Free Press
    # relies on direct reader support. Help safeguard ... 10 ways to support us."
    r"|(?m:^[^\S\n]*[A-Z][\w' ]{2,40} relies on (?:direct )?reader support\.[^\n]{0,300}$)"
    # The Times of Israel's sign-up box (news and the PTC, session 64).
    r"|Get The Times of Israel['’]s Daily Edition by email and never miss our top stories"
    r"(?: Free Sign Up| Newsletter email address By signing up, you agree to the terms)?"
    r"|Visit Business Insider['’]s homepage for more stories\.?"
    r"|Personal Liberty Poll Exercise your right to vote\.?"
    r"|Share this (?:[Ss]tory|[Aa]rticle|[Pp]age)(?::|!)"
    r"|Send this page to someone via email"
    r"|Enter the characters you see below"
    r"|Sorry, we just need to make sure you(?:'|’)re not a robot\."
    r"|For best results, please make sure your browser is accepting cookies\."
    # Another robot check: "Why did this happen?" is furniture only as its heading.
    r"|(?:Why did this happen\?\s+)?Please make sure your browser supports JavaScript and cookies"
    r" and that you are not blocking them from loading\."
    r"|For more information you can review our Terms of Service and Cookie Policy\."
    # A page's or a player's plea for JavaScript (the BBC, a React app, a gallery).
    r"|This video can not be played(?:[^\S\n]+To play this video you need to enable"
    r" JavaScript in your browser\.)?"
    r"|(?:Page not displaying correctly\?[^\S\n]+)?You need to enable JavaScript to run"
    r" this (?:page|app)[.!]"
    r"|Please (?:enable|turn on) JavaScript(?: to properly view this page)?\."
    r"|Java[Ss]cript is required to load this page\."
    # A shop's page to an old browser (ASOS, session 64): its actors were "Firefox" and
    # "Safari", people.
    r"|(?m:^[^\S\n]*[Yy]our browser is not supported\.?[^\S\n]*$)"
    r"|To use [A-Z][\w&' ]{0,30}, we recommend using the latest versions? of [^\n.]{1,80}"
    r"|This image viewer requires a web browser with the Flash plugin and JavaScript"
    r" enabled\.(?:[^\S\n]+Get the latest Flash player ?\.)?"
    # The BBC's labels before a picture's or a video's caption (the caption stays):
    # "Image source, EPA Image caption, Mr O'Dwyer's daughter ...", "Media caption, ...".
    r"|(?:Image source, [A-Z][\w/.&-]*(?: [A-Z][\w/.&-]*){0,3}[^\S\n]+)?(?:Image|Media)"
    r" caption,"
    r"|Slideshow \( ?\d+ images? ?\)"
    # A link to another of the site's stories, in brackets inside a paragraph (the Daily
    # Caller): "(RELATED: Internal Docs Reveal That Trump Admin Will Begin ...)".
    r"|\((?:RELATED|READ MORE|SEE ALSO|ALSO READ|READ ALSO|WATCH): [^()\n]{1,200}\)"
    # A shop's book box (LewRockwell and others, 13 PTC articles): "The WikiLeaks Files:
    # T... WikiLeaks Best Price: $2.50 Buy New $7.00 (as of 05:50 EDT - Details)", its
    # title cut short with "...".
    r"|(?:(?<![^\s“\"(])[A-Z][^.!?\n]{0,40}?\.\.\.(?: [A-Z][\w.'’-]*){0,4} )?"
    r"(?:Best Price: \$[\d.,]+ )?Buy New \$[\d.,]+ \(as of [^()\n]{1,30} - Details\)"
    # Its other form (the PTC, session 64): "The Man Who Killed Ken... Roger Stone Check
    # Amazon for Pricing.", glued inside a sentence that goes on in the next line.
    r"|(?:(?<![^\s“\"(])[A-Z][\w'’&:-]*(?: [A-Z&][\w'’&:-]*){0,7} ?\.\.\.(?: [A-Z][\w.'’-]*)"
    r"{0,4} )?Check Amazon for Pricing\."
    # ... or a box of its own from a line's or a sentence's start ("The Kennedy Autopsy
    # Jacob Hornberger Check Amazon for Pricing.", "JFK's War with the... Douglas Horne"),
    # with no comma ("Unlike JFK, Johnson would The Man Who ..." is a sentence's start).
    r"|(?:(?m:^)|(?<=[.!?”] ))[^\n,]{0,60}?Check Amazon for Pricing\."
    # A poll's or a comment form's words (Freedom Outpost): "Email This field is for
    # validation purposes and should be left unchanged.", "You may opt out at anytime."
    r"|(?:(?:Name|Email|Phone|Comments|Website)[^\S\n]+)?This field is for validation"
    r" purposes and should be left unchanged\."
    r"|You may opt out at any ?time\.|You can unsubscribe at any ?time\."
    r"|take our poll - story continues below"
    # A reprint's credit line (60 PTC articles): "Article posted with permission from
    # Robert Spencer" was a statement of "Article", "posted with".
    r"|(?m:^[^\S\n]*Article (?:re)?posted with permission from [^\n]{1,80}$)"
    # And its kin, whole lines (19 PTC articles, session 61): "This report was originally
    # published by Tyler Durden at Zero Hedge" was a statement of Tyler Durden's,
    # "published | at Zero Hedge"; "Reprinted with permission from Consortiumnews.com."
    r"|(?m:^[^\S\n]*(?:(?:A version of )?[Tt]his (?:report|article|text|story|piece|post)"
    r" (?:was )?(?:originally|first) (?:published|appeared|posted) (?:by|in|on|at) [^\n]{1,80}"
    r"|Reprinted with permission from [^\n]{1,80}|Originally published (?:by |in |on |at )?"
    r"[^\n]{1,60})$)"
    r"|Completing this poll grants you access to [^.\n]{1,60} updates free of charge\."
    r"|You also agree to (?:this site(?:'|’)s|our) Privacy Policy and Terms of Use\."
    # A gallery's and a video player's words (CNN): "Hide Caption 3 of 20", and the
    # whole line "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 05:27".
    r"|\bHide Caption \d+ of \d+"
    r"|(?m:^[^\S\n]*JUST WATCHED\b[^\n]*\bReplay More Videos\b[^\n]*$)"
    r"|(?m:^[^\S\n]*Article content\b)"
    # CNN's box of highlights opens the article: "Story highlights The father stopped ..."
    r"|(?m:^[^\S\n]*Story highlights\b)"
    # A photograph's credit: "Photograph: Ann Johansson/Corbis via Getty Images", "Mike
    # Bowers/The Guardian", "May James/HKFP".
    r"|(?:(?:Photograph|Photo|Picture|Image)s?(?: \([^()\n]{1,40}\))?: )?"
    rf"[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){{1,3}}/{_AGENCY}\b"
    r"(?: via [A-Z][\w]+(?: Images)?)?(?!\s+(?:polls?|surveys?)\b)"
    # The same with spaces round the slash ("Damon Scheleur / HuffPost"), or after one
    # word in capitals ("KTSDESIGN/SCIENCE PHOTO LIBRARY"; "AP/Reuters poll" is two
    # agencies, not a credit).
    r"|(?<![\w/])(?:[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){1,3}[ ]/[ ]|[A-Z]{4,}/)"
    rf"{_AGENCY}\b(?!\s+(?:polls?|surveys?)\b)"
    # All in capitals, the photographer's name and the paper's: "TORIN HALSEY/TIMES
    # RECORD NEWS" (a caption's credit glued to the name after it).
    rf"|(?<![\w/]){_CAPS}(?: {_CAPS}){{1,3}}/{_CAPS}(?: {_CAPS}){{0,4}}\b"
    # The agency first: "(AP Photo/Vahid Salemi)", "REUTERS/Khalid al-Mousily/File Photo".
    r"|\(?(?:AP Photo|REUTERS|AFP Photo|EPA Photo)/[A-Z][\w'’.-]+(?:[ -][A-Za-z][\w'’.-]+){0,3}"
    r"(?:/(?:File(?: Photo)?|Pool|POOL))?\)?"
    r"|\(Getty Images\)"
    # RT's credit before a caption: "© Getty Carl Sagan and the 'Pale Blue Dot' photograph".
    r"|©[^\S\n]*(?:Getty(?: Images)?|Reuters|EPA|AFP|AP|Other|Press Release|Global Look Press"
    r"|Sputnik|RIA Novosti)\b"
    # Reuters' credit: "(Reporting by Nick Brown; Editing by Cynthia Osterman)".
    r"|\((?:Reporting|Writing|Additional reporting) by [^()\n]{1,150}\)"
    # A blog's footer and its asides (news-unlabeled, session 61): "Last Updated on
    # February 18, 2022 by George Pavlopoulos", "Sharing is caring. Please share this
    # ... article with your friends.", "Follow us on Twitter @Spacedotcom and on Facebook
    # .", and its disclosure of affiliate links ("*Some of the links are affiliate
    # links. It means that if you purchase something, I might earn a small commission at
    # no additional cost to you.", "This article contains affiliate links through which
    # X may earn a commission. Learn more from our disclosure statement here.").
    r"|(?m:^[^\S\n]*Last [Uu]pdated on [A-Z][a-z]+\.? \d{1,2}, \d{4}(?: by [A-Z][^\n]{0,60})?$)"
    r"|(?m:^[^\S\n]*Sharing is caring[.!]?(?:[^\S\n]+Please share this [^\n]{1,120})?$)"
    r"|(?i:(?:Don['’]t forget to )?follow us on (?:Twitter|Facebook|Instagram|Telegram|YouTube)"
    r"\b[^.!?\n]{0,200}(?:[^\S\n]?[.!]|(?=\n|$)))"
    r"|(?m:^[^\S\n]*Follow [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2} on (?:Twitter|Facebook"
    r"|Instagram)\b[^\n]{0,80}$)"
    r"|\bFollow [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2} on Twitter @\w+[^\S\n]?\."
    # An author's note after a byline: "Sean Michael Kerner is a senior editor at ...
    # Follow him on Twitter @TechJournalist." (a handle after it; not "Millions follow
    # him on Twitter.").
    r"|(?:^|(?<=[.!?] ))Follow (?:him|her|them|me) on (?:Twitter|Instagram) @\w+[^\S\n]?\.?"
    r"|\*?(?:This (?:article|post|page) (?:contains|may contain)|Some (?:of the )?links(?: in"
    r" this (?:article|post))? are|Links with an? \S{1,3} are) affiliate links\b"
    r"[^!?\n]{0,100}?\.(?=\s|$)"
    r"(?:[^\S\n]+(?:It|This) means that[^.\n]{0,150} at no (?:additional|extra) cost to you\."
    r"|[^\S\n]+Learn more (?:from|in) our disclosure[^.\n]{0,40}\.)?"
    # An embedded Facebook post's footer, glued to the post's last words (three articles,
    # session 64): "... #StoptheNDAA Posted by People Against the NDAA on Tuesday,
    # September 25, 2018" was a statement of "People", "Posted | Against the NDAA".
    r"|\bPosted by [A-Z][^\n]{0,60}? on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,"
    r" [A-Z][a-z]+ \d{1,2}, \d{4}\b"
    # A caption's credit after a dash: "— Picture by Miera Zulyana".
    r"|[—–][^\S\n]*(?:Picture|Photo|Image)s? by [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
    # "Courtesy of Stephanie Hofeller", "Courtesy of the artist": whose picture it is.
    r"|\bCourtesy of (?:the (?:artist|family)\b"
    r"|[A-Z][\w'’.-]+(?: (?!Courtesy\b)[A-Z][\w'’.-]+){0,3})",
)
# Lines that are furniture when they are the whole line.
_LINES = re.compile(
    r"(?im)^[^\S\n]*(?:advertisement|read more|see more|related|share this(?: story)?!?"
    r"|skip advertisement|continue reading(?: the main story)?|pin it(?: for later)?"
    r"|loading(?:\.\.\.|…)?)"
    r"[^\S\n]*:?[^\S\n]*$"
)
# "Read more: <a headline>", "READ MORE: ...", "Related: ...": a pointer to another
# story, when the line is short (a sentence of news may start "Related: ..." too).
_POINTER_LINE = re.compile(r"(?im)^[^\S\n]*(?:read more|related)[^\S\n]*:[^\n]*$")
_POINTER_WORDS = 20
# A newsletter sign-up box: a line of at most `_SIGN_UP_WORDS` words that asks for
# consent ("By clicking 'Sign up', you agree to ...") and holds two more of these marks.
# An article about newsletters or a data breach may hold the marks, not the consent.
_CONSENT = re.compile(
    r"\b(?:by (?:clicking|signing up|subscribing)|you (?:agree|consent) to)\b", re.IGNORECASE
)
_SIGN_UP = re.compile(
    r"\b(?:sign(?:ing)?[ -]up|newsletters?|unsubscribe|e-?mail address|inbox"
    r"|subscribing|you (?:agree|consent) to)\b",
    re.IGNORECASE,
)
_SIGN_UP_MARKS = 2
_SIGN_UP_WORDS = 150
# A photo gallery flattened into one line (The Independent): "<title> Show all 34 1 /34
# <title> <title> 1. <caption> <title> 2. <caption> ...". Its counter, and its title each
# time the gallery repeats it, are furniture; the captions are its text.
_GALLERY = re.compile(r"Show all (?P<n>\d{1,3}) 1 /(?P=n)\b")
_GALLERY_TITLE_REPEATS = 2


class Furniture:
    """The furniture of one text: sorted, disjoint [start, end) stretches."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.spans = [(s, e) for s, e in merged]
        self._starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __contains__(self, pos: int) -> bool:
        """Whether the character at `pos` is furniture."""
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]

    def covered(self, start: int, end: int) -> int:
        """How many characters of [start, end) are furniture."""
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        total = 0
        while k < len(self.spans) and self.spans[k][0] < end:
            s, e = self.spans[k]
            total += max(0, min(e, end) - max(s, start))
            k += 1
        return total

    def holds(self, start: int, end: int) -> bool:
        """Whether [start, end) lies wholly in furniture (an empty span never does)."""
        return end > start and self.covered(start, end) == end - start

    def past(self, text: str, start: int, end: int) -> tuple[int, int]:
        """[start, end) without the furniture (and the space) that opens it: "Article
        content The 30 legally questionable permits are ..." from "The". A span that is
        furniture to its end, or to a full stop or a number ("Photo: May James/HKFP.",
        "33 Superhero films ... 2."), stays whole."""
        at = start
        while at < end and (at in self or text[at].isspace()):
            at += 1
        if at > start and re.search(r"[^\W\d_]", text[at:end]):
            return at, end
        return start, end


# A poll set in the article (Freedom Outpost, 71 PTC articles): its question written two
# or three times, its answers ("* Dianne Feinstein Maxine Waters ...", "* Yes, military
# force should be used."), and its form's "Email *"; its last lines are phrases above.
_POLL = re.compile(
    r"(?m)(?:take our poll - story continues below[^\S\n]*\n?[^\S\n]*|^)"
    r"(?P<q>[A-Z][^\n]{8,200}\?)[^\S\n]*(?:\n[^\S\n]*(?P=q)[^\S\n]*)+"
    r"(?:\n[^\n]*){0,8}?\n[^\S\n]*Email \*[^\S\n]*$"
)


@functools.lru_cache(maxsize=16)  # a batch of documents, each asked by every layer
def find_furniture(text: str) -> Furniture:
    """The stretches of `text` that are page furniture (module docstring). Each layer of
    an analysis asks for the same text's furniture: it is found once, and the result is
    shared, so a caller must read it and never change it."""
    spans = [m.span() for m in _PHRASES.finditer(text)]
    spans += [stripped(text, *m.span()) for m in _LINES.finditer(text)]
    if "Email *" in text:
        spans += [m.span() for m in _POLL.finditer(text)]
    spans += [
        stripped(text, *m.span())
        for m in _POINTER_LINE.finditer(text)
        if len(m.group().split()) <= _POINTER_WORDS
    ]
    if _CONSENT.search(text):
        for m in re.finditer(r"[^\n]+", text):
            line = m.group()
            if not _CONSENT.search(line) or len(line.split()) > _SIGN_UP_WORDS:
                continue
            marks = {_mark(x.group()) for x in _SIGN_UP.finditer(_CONSENT.sub(" ", line))}
            if len(marks) >= _SIGN_UP_MARKS:
                spans.append(stripped(text, *m.span()))
    if "Show all " in text:
        spans += _gallery(text)
    if "Hide Caption " in text:
        spans += _caption_titles(text)
    # Pieces of one slot ("Advertisement 2 Story continues below This advertisement has
    # not loaded yet, ...") are one stretch: join what only spaces part.
    joined: list[tuple[int, int]] = []
    for start, end in sorted((s, e) for s, e in spans if e > s):
        if joined and not text[joined[-1][1] : start].strip(" \t"):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return Furniture(joined)


# CNN's gallery, caption after caption: "Hide Caption 3 of 30 Photos: Mass shooting at Las
# Vegas music festival People embrace outside ...". The gallery's title is what follows
# "Photos: " every time; the caption after it is text.
_CAPTION_TITLE = re.compile(r"\bHide Caption \d+ of \d+ (Photos: )")


def _caption_titles(text: str) -> list[tuple[int, int]]:
    """ "Photos: <title>" after each of CNN's caption counters, where two counters or more
    give the same title: the longest run of whole words that follows every one."""
    starts = [m.start(1) for m in _CAPTION_TITLE.finditer(text)]
    if len(starts) < _GALLERY_TITLE_REPEATS:
        return []
    follows = [text[s : s + 200].split("\n")[0].split(" ") for s in starts]
    words: list[str] = []
    for column in zip(*follows, strict=False):
        if len(set(column)) > 1:
            break
        words.append(column[0])
    common = " ".join(words).rstrip()
    if len(common.split()) < 2:  # "Photos:" and nothing that repeats
        return []
    # The gallery's first item may come without its counter: "Photos: <title> Photos:
    # <title> Debris is scattered ...".
    return [(m.start(), m.end()) for m in re.finditer(re.escape(common), text)]


def _gallery(text: str) -> list[tuple[int, int]]:
    """A flattened gallery's counter and every repeat of its title on its line, where
    the title (what the line says before the counter) comes again at least
    `_GALLERY_TITLE_REPEATS` times after it."""
    spans: list[tuple[int, int]] = []
    for m in _GALLERY.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        title = text[line_start : m.start()].strip()
        if len(title.split()) < 2:
            continue
        repeats = [(k, k + len(title)) for k in _occurrences(text, title, m.end(), line_end)]
        if len(repeats) >= _GALLERY_TITLE_REPEATS:
            first = text.find(title, line_start)
            spans += [(first, first + len(title)), m.span(), *repeats]
    return spans


def _occurrences(text: str, needle: str, start: int, end: int) -> list[int]:
    found = []
    k = text.find(needle, start, end)
    while k >= 0:
        found.append(k)
        k = text.find(needle, k + len(needle), end)
    return found


def _mark(word: str) -> str:
    """One key for the spellings of one mark: "sign up", "signing up", "sign-up"."""
    return re.sub(r"[^a-z]", "", word.lower())[:4]


# A text this much furniture is a page that did not hold its article when it was saved.
FURNITURE_SHARE = 0.8


def furniture_note(text: str) -> str | None:
    """The note for a text that is mostly furniture (a robot check, a page of
    advertisement slots and sign-up boxes saved before its article loaded), or None."""
    furniture = find_furniture(text)
    if not furniture:
        return None
    total = len(text) - sum(c.isspace() for c in text)
    inside = sum(e - s - sum(c.isspace() for c in text[s:e]) for s, e in furniture.spans)
    if total == 0 or inside < FURNITURE_SHARE * total:
        return None
    return (
        f"The text is a web page's furniture, not an article: {inside / total:.0%} of it is "
        "a robot check, advertisement slots, calls to action or sign-up boxes. The page "
        "may not have held its article when it was saved; analyze the article's own text."
    )
