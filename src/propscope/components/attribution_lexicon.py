"""Word lists behind the attribution rules (`propscope.components.attribution`).

Lemmas, lower case. They were drawn from reporting-verb lists, then checked against
PolNeAR: words annotated as a cue in 30 % or more of their occurrences in the train split's
annotations were added, and each list was measured on the dev split
(`bench/eval_attribution.py`). Words tried and dropped because they were more often wrong
than right on dev are named beside each list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "ADDRESSEE_CUES",
    "AUTHOR_MARKERS",
    "AUTHOR_PRONOUNS",
    "CERTAINTY_WORDS",
    "CLAUSE_ONLY",
    "CLERGY_NOUNS",
    "COMPANY_WORDS",
    "CUE_VERBS",
    "DATELINE",
    "DOBJ_CUES",
    "FOOTAGE_NOUNS",
    "FUTURE_MODALS",
    "INDEFINITE",
    "LEARNED_STOP",
    "LINE_LABELS",
    "LINE_SOURCE_NOUNS",
    "MEDIA_NAMES",
    "MEDIA_NOUNS",
    "NOT_CUES",
    "NOUN_CUES",
    "OPINION_MODALS",
    "ORG_NOUNS",
    "OUTLET_WORDS",
    "PERSONAL_PRONOUNS",
    "PERSON_NOUNS",
    "PHRASAL",
    "POLL_NOUNS",
    "QUESTION_AUXILIARIES",
    "RELEASE_VERBS",
    "SPEAKER_COLON",
    "SPEECH_VERBS",
    "VAGUE_HEADS",
    "VAGUE_NOUN_CUES",
    "line_label",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that attribute content to their subject when a clause, a quote or (DOBJ_CUES) a
# direct object follows. Dropped on dev: want, plan, seek, support, oppose, release,
# publish, refuse, push, address, express, consider, see, hear, learn, hope, signal, dismiss.
CUE_VERBS = _words(
    """
    say tell claim report state announce argue insist warn deny confirm add note accuse
    suggest believe allege admit explain write show reveal estimate predict assert contend
    maintain stress emphasize emphasise acknowledge concede declare think expect tweet
    complain testify speculate recall reply respond answer ask urge demand promise pledge
    vow propose fear doubt worry know find indicate conclude agree disagree observe remark
    mention point caution threaten boast brag joke quip muse lament charge counter retort
    hint imply affirm reiterate repeat disclose divulge inform assure reassure guarantee
    swear blast slam criticize criticise condemn praise blame attack reject question
    describe call label brand decry denounce welcome applaud hail insinuate recount
    forecast project calculate reckon feel understand realize realise wonder intend
    campaign cite endorse decline discuss speak offer encourage talk defend echo back
    promote refer reference liken compare highlight document detail mock advocate rate
    chant sing identify view dispute challenge recommend post issue order list deem voice
    portray tout rail thank email plead assail retweet quote remind request sound lay
    press embrace rule shout comment advise
    """
)
# Verbs whose direct object can be the content ("denied the report", "called them liars").
DOBJ_CUES = _words(
    """
    deny confirm announce promise pledge vow propose demand urge ask accuse criticize
    criticise condemn praise blame attack blast slam reject question describe call label
    brand decry denounce welcome applaud hail predict forecast estimate reveal disclose
    report claim say tell acknowledge admit cite endorse discuss mention note show find
    write offer encourage defend echo back promote reference liken compare highlight
    document detail mock advocate rate chant sing identify view dispute challenge recommend
    post issue order list deem voice portray tout thank email assail retweet quote remind
    request sound press embrace
    """
)
# Cues whose direct object is the addressee ("told reporters that ..."); "ask" and "urge"
# keep it in the content ("urges supporters to monitor polling places").
ADDRESSEE_CUES = _words("tell inform assure reassure remind ask urge press encourage advise")
# Cues that count only with a clause or a quote after them ("showed that", "believes that").
CLAUSE_ONLY = _words(
    """
    add know see hear learn feel understand consider realize realise think believe expect
    hope fear doubt worry wonder point indicate suggest
    """
)
# Verbs that take a direct quote: "“...,” he said", "He added: “...”".
SPEECH_VERBS = _words(
    """
    say tell add ask write explain continue recall reply respond answer insist argue claim
    warn note declare state tweet quip joke muse lament remark observe exclaim shout yell
    scream whisper chant sing conclude concede admit acknowledge boast brag announce
    proclaim post email comment opine
    """
)
# Verbs whose object alone is what was said ("estimated 12,000 fighters", "denied the
# report", "called it a disgrace"): a statement with such a cue is never an act
# (`Attribution.act`), though its content be a phrase.
REPORTING_VERBS = _words(
    """
    say tell claim report state announce confirm deny estimate predict forecast reveal
    disclose cite note mention calculate project put record count reckon quote repeat
    reiterate echo allege assert admit acknowledge concede describe call label brand dub
    term accuse blame write tweet post publish promise pledge vow threaten warn demand
    propose offer ask urge request recommend suggest explain argue insist answer reply
    respond add declare list identify rate deem accord attribute email conclude clarify
    comment disclaim
    """
)
# ... and those that report a finding when the source is no person ("the study found
# higher rates", "footage shows a large explosion"), though a person's "found two coins"
# is an act.
FINDING_VERBS = _words("show find indicate reveal suggest demonstrate confirm document")
# Phrasal cues: the particle or preposition joins the cue ("called for", "pointed to").
PHRASAL: dict[str, tuple[str, ...]] = {
    "argue": ("for", "against"),
    "ask": ("for",),
    "call": ("for", "on"),
    "campaign": ("for", "against"),
    "complain": ("about",),
    "lay": ("out",),
    "plead": ("for", "with"),
    "point": ("to", "out"),
    "push": ("for",),
    "rail": ("against",),
    "raise": ("questions",),
    "refer": ("to",),
    "rule": ("against", "on", "that"),
    "speak": ("about", "of", "to"),
    "talk": ("about",),
    "warn": ("of", "about", "against"),
}
# Verbs with a "that"-clause after them that attribute nothing ("make sure that").
NOT_CUES = _words("be have do make ensure mean seem appear happen matter")

# Nouns that attribute a following "that"-clause ("confirmation, from Western sources,
# that ..."), when a source is named ("from X", "by X", "X's").
NOUN_CUES = _words(
    """
    confirmation report claim allegation statement assertion announcement evidence
    suggestion warning indication admission acknowledgement belief view accusation charge
    denial estimate prediction promise pledge argument insistence assessment conclusion
    finding rumour rumor speculation word news sign proof suspicion fear forecast
    """
)
# ... and those that attribute with no source named ("reports that ...": a vague source).
# Dropped on dev: evidence, news, proof, statement (mostly the author's own framing).
VAGUE_NOUN_CUES = _words(
    "report claim allegation rumour rumor speculation confirmation word forecast"
)

# "Pictures and film released by the Jihadis shows ...": the releasing party is the source.
FOOTAGE_NOUNS = _words("picture photo photograph image film footage video clip recording tape")
RELEASE_VERBS = _words(
    "release publish issue distribute post provide share circulate broadcast produce"
)

# --- source kinds --------------------------------------------------------------------------

# Heads of sources a reader cannot identify ("sources", "officials", "a campaign operative").
VAGUE_HEADS = _words(
    """
    source report official expert analyst critic observer people resident witness diplomat
    insider aide commentator pundit activist some many others other most several few all
    both everyone everybody nobody somebody someone anyone anybody one voice rumour rumor
    person man woman user reporter journalist correspondent skipper supporter opponent
    protester protestor worker employee staffer member voter american citizen scientist
    researcher economist strategist operative participant veteran investigator account
    """
)
# Determiners that make a named role unidentifiable ("a senior official", "one skipper").
INDEFINITE = _words("a an one another some many several few various")
# Outlets by name, compared with the whole source (lower case, without "the" and "'s").
MEDIA_NAMES = frozenset(
    name.strip()
    for name in """
    new york times|times|nyt|washington post|post|new york post|wall street journal|wsj|
    journal|cnn|fox news|fox|msnbc|nbc|nbc news|abc|abc news|cbs|cbs news|npr|pbs|bbc|
    reuters|ap|associated press|afp|agence france-presse|bloomberg news|politico|
    breitbart|breitbart news|huffington post|huffpost|guardian|daily mail|usa today|
    los angeles times|la times|chicago tribune|hill|axios|vox|slate|time|newsweek|
    atlantic|economist|financial times|al jazeera|rt|sputnik|tass|interfax|ria novosti|
    xinhua|drudge report|buzzfeed|buzzfeed news|daily beast|mother jones|national review|
    weekly standard|intercept|propublica|yahoo news|christian news service|cnsnews|cns|
    politifact|western journal|le monde|der spiegel|spiegel|haaretz|independent|telegraph|
    daily telegraph|sky news|france 24|deutsche welle|al arabiya|mailonline|mail online|
    daily mail online|daily caller|daily express|daily mirror|washington times|
    washington examiner|washington free beacon|free beacon|daily wire|newsmax|infowars|
    gateway pundit|zerohedge|zero hedge|theblaze|cbc|cbc news|ctv news|globe and mail|
    lifesitenews|lifesite news|life site news|lifesite|kath.net|catholic news agency|
    national catholic reporter|catholic herald|church militant|christian post|crux
    """.split("|")
)
MEDIA_NOUNS = _words(
    """
    newspaper paper magazine network channel broadcaster outlet website site media medium
    press television tv station tabloid daily newswire wire blog podcast newsroom
    """
)
# Auxiliaries that open a question before its subject ("Will Marco Rubio ... renege on
# his pledge?"): a parse or a recogniser takes them into the name.
QUESTION_AUXILIARIES = frozenset(
    "Will Would Can Could Should Shall Did Does Do Is Are Was Were Has Have Had Must".split()
)
# Words that make a name an outlet's: "the News Journal of Wilmington".
OUTLET_WORDS = frozenset(
    "journal herald tribune gazette chronicle telegraph times post news observer examiner "
    "courier dispatch inquirer".split()
)
ORG_NOUNS = _words(
    """
    military army navy government ministry administration campaign department police court
    council party company agency committee commission office bureau force group rebel
    militant militia coalition alliance regime authority authorities state union
    organization organisation institute foundation center centre university bank firm
    corporation board senate congress house parliament cabinet embassy team power
    developer contractor operator builder manufacturer retailer airline insurer charity
    hospital school club utility landlord federation confederation league association
    society movement watchdog regulator consortium caucus delegation tribunal panel
    assembly secretariat lobby
    """
)
PERSON_NOUNS = _words(
    """
    president minister senator mayor governor spokesman spokeswoman spokesperson candidate
    nominee chairman chairwoman chair director secretary ambassador leader ceo judge general
    commander congressman congresswoman representative lawmaker premier chancellor king
    queen prince pope prosecutor attorney lawyer adviser advisor manager founder author
    professor doctor businessman host anchor pm speaker chief ruler despot coach captain
    commissioner
    """
)
# Clergy: people to the kinds and the pronoun rules ("The Archbishop already noted"), but
# not to the learned cue model's features, which were computed without them.
CLERGY_NOUNS = _words(
    "priest bishop archbishop cardinal pastor rabbi imam cleric nun deacon chaplain preacher "
    "theologian"
)
PERSON_NOUNS |= CLERGY_NOUNS
# Words before a name that make it a person's and are no part of the name itself
# ("Mr. Mills", "Sgt. Jane Porter", "Senator Porter"): for the actors and the pronoun rules.
HONORIFICS = _words("mr mrs ms miss dr sir dame lord lady mister")
# Malay honorifics ("Datuk Najib", "Tun Dr Mahathir"), and those of two words ("Datuk
# Seri Najib Razak", "Tan Sri Dzulkifli Ahmad", "Toh Puan ..."), neither of whose words is
# one alone ("Sri Lanka", "Tan Cheng Lock"). Malaysian news writes them before every
# full name, so that without them one person was two actors: "Datuk Seri Najib Razak"
# and "Najib".
HONORIFICS |= _words("datuk dato datin tun")
HONORIFIC_PAIRS = frozenset(
    {
        (first, second)
        for first, seconds in {
            "datuk": "seri sri",
            "dato": "seri sri",
            "datin": "seri sri paduka",
            "tan": "sri seri",
            "puan": "sri seri",
            "toh": "puan",
        }.items()
        for second in seconds.split()
    }
)
TITLES = (
    PERSON_NOUNS
    | HONORIFICS
    | _words("sen rep gov gen lt col sgt capt pres supt insp chief sheriff officer detective")
    # ... and the abbreviations `propscope.nlp.TITLE_ABBREVIATIONS` keeps whole.
    | _words("det inspector cpl corporal pvt cdr atty ofc tpr asst")
    # Ranks that open a name ("Major General Qassem Soleimani", "Maj. Gen. Qassim
    # Soleimani", "Lieutenant Colonel ...", "Prime Minister ...").
    | _words("maj major lieutenant colonel brig brigadier adm admiral cmdr commander prime")
    # Clergy ("Archbishop Charles Scicluna", "Bishop Barros", "Rabbi ...", "Rev. ...",
    # "Fr. Weinandy", "Msgr. Pacelli", "Father Bieger").
    | _words("bishop archbishop cardinal rabbi imam reverend rev fr father pastor deacon")
    | _words("msgr monsignor monsignore")
)

# Words for a person that "the" may stand before alone ("the Prophet", "the Apostle"),
# where any other word tagged a person's name is no person's ("The Enquirer", "the Duma"):
# for the actors and the sources.
EPITHETS = _words(
    """
    prophet apostle preacher successor nuncio messiah saviour savior pontiff evangelist
    baptist emir amir ayatollah sheikh shaikh caliph mullah imam tsar czar fuhrer führer
    baron rajah maharaja mahatma buddha generalissimo donald rebbe guru mufti patriarch
    shah sultan kaiser pharaoh
    """
)
PERSON_AFTER_THE = TITLES | EPITHETS
# An outlet's word after "the", alone: "The Enquirer", "the Herald".
OUTLET_NOUNS = OUTLET_WORDS | {"enquirer"}


def title_words(words: Sequence[str], titles: frozenset[str] = TITLES) -> int:
    """How many of `words` (lower case, without a final full stop) the title that opens
    them takes: 2 for a Malay honorific of two words ("tan", "sri"), 1 for one of
    `titles`, 0 for none."""
    if len(words) > 1 and (words[0], words[1]) in HONORIFIC_PAIRS:
        return 2
    return 1 if words and words[0] in titles else 0


PERSONAL_PRONOUNS = _words(
    "he she they it we you i who which that this these those him her them us me"
)
AUTHOR_PRONOUNS = _words("i we me us")

# Verbs of doing or intending that the learned cue model took for cues on news outside
# PolNeAR ("looks to continue the turnover", "need to link", "fired off missiles to hit",
# "risk looking self-centered"; session 23's audit: 9 of 12 sampled learned cues were
# no statement at all). The rules never take them; the learned model may not either.
LEARNED_STOP = _words(
    "look aim need start spend take make launch fire risk try begin continue keep seek stop"
    " watch wait experience suffer undergo face impose attempt enjoy include display"
    " conspire"
)

# --- the author's own voice ----------------------------------------------------------------

# "What is also certain is ...", "It is clear that ...".
CERTAINTY_WORDS = _words(
    """
    certain clear obvious evident likely unlikely true sure plain apparent undeniable
    inevitable possible probable doubtful striking notable ironic telling
    """
)
# Words by which an author vouches for an unsourced sentence.
AUTHOR_MARKERS = (
    "of course",
    "certainly",
    "clearly",
    "obviously",
    "undoubtedly",
    "surely",
    "no doubt",
    "doubtless",
    "inevitably",
    "presumably",
    "probably",
    "evidently",
    "admittedly",
    "needless to say",
    "in fact",
)
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll"})
OPINION_MODALS = _words("should must ought")

# --- line patterns ---------------------------------------------------------------------------

# "WASHINGTON -- President Obama said", "LONDON (Reuters) - British foreign minister
# Dominic Raab said", "REDDING, Calif. (Reuters) -", "BOLZANO, Italy (AP)– ": the
# dateline is not part of the source.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z .,'’]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    # a date after the place: "AUSTRIA, February 16, 2018 (LifeSiteNews) – "
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([A-Za-z .&/-]{2,30}\))?\s*(?:--|-|—|–)\s+"
    # CNN's, with no dash: "Washington (CNN) Senate Republicans on Wednesday accused ...",
    # "Fort Bragg, North Carolina (CNN) More ...".
    r"|[A-Z][\w.'’-]*(?:,?[^\S\n]+[A-Z][\w.'’-]*){0,3}[^\S\n]*\(CNN(?: Business| Money)?\)[^\S\n]*)"
)
# A speaker's name opening a line: "WALLACE: Let's start ...", "Pence: Flowers won't ...".
SPEAKER_COLON = re.compile(r"^[\"“]?(?P<name>[A-Z][A-Za-z.'’\- ]{0,40}?)\s*:\s+\S")
# Labels that open a line like a speaker's name ("UPDATE: ...") but attribute nothing.
LINE_LABELS = _words(
    """
    update updated correction clarification note breaking watch read photos photo video pic
    pics
    exclusive analysis opinion related source sources q a doi isbn image images caption
    credit credits pictured audio listen advertisement sponsored disclaimer tags topics
    contact email e-mail tel phone fax website review preview recap explainer factbox
    timeline podcast verdict incident details conclusion summary background disclosure
    citation rewind bonus yield telephone editor editors contributing ps left right hit
    foto
    """
) | {
    "editor's note", "editor’s note", "see also", "file photo", "file photos", "read more",
    "also read", "more", "top photo", "main photo", "feature photo", "further reading",
    "fact check", "live updates", "album review", "film review", "book review",
    "fun fact", "related content", "related topics", "related articles", "source url",
    "bottom line", "the bottom line", "key takeaways", "special report", "breaking news",
    "news alert", "alert", "developing", "just in", "must read", "must watch",
}  # fmt: skip
# The last words of a label in capitals: "REMNANT COMMENT:", "EDITOR'S NOTE:".
_LABEL_TAILS = _words("comment comments note update report alert analysis opinion editorial")


def line_label(name: str) -> bool:
    """Whether a line's opening words before a colon are a label, not a speaker:
    `LINE_LABELS` ("UPDATE", "Editor's note"), or two words or more in capitals that end
    on a label's word ("REMNANT COMMENT", "SPECIAL REPORT") or are all labels' words
    ("EXCLUSIVE PICS", a post's opening: the PTC, session 66)."""
    words = name.split()
    return name.lower() in LINE_LABELS or (
        len(words) >= 2
        and name.isupper()
        and (
            words[-1].lower() in _LABEL_TAILS or all(word.lower() in LINE_LABELS for word in words)
        )
    )


# Nouns that can open a headline as its speaker ("Poll: Trump a big turnoff ...",
# "Insiders: Trump will rebound ..."), beside names.
LINE_SOURCE_NOUNS = (
    _words("poll survey study analysis insider expert critic official source report") - LINE_LABELS
)
# "In a new poll, 40 percent ...": the survey is the source (PolNeAR train: 54 relations).
POLL_NOUNS = _words("poll survey")
# The last word of a company's name, which the tagger often takes for a person's
# ("Lucky Air", "Hot Toys", "Tusk Ventures", "Shudder Labs").
COMPANY_WORDS = _words(
    """
    air airways airlines toys ventures labs partners holdings inc corp ltd llc plc gmbh
    technologies studios motors industries pharmaceuticals entertainment brands foods
    """
)
