"""The actors layer: the parties an article names, how it labels them, and what touches them.

For each actor (a person, an organisation, a group or side, a country, the media) the
layer gives its mentions grouped together, the words the article labels it with
(distancing ones marked), the technique spans that overlap a mention or a label, and the
statements it is the source of. Everything is found by rules over the spaCy parse that
the "attributions" component already made (`propscope.nlp.parse_texts` shares it), so
each rule below can be read and argued with:

Mentions
- spaCy's entities PERSON, ORG, NORP, GPE and LOC, with a "the" before them and the
  proper-noun compounds they continue ("Islamic State"), without a possessive "’s";
  not a title they continue ("Miami Township Chief" is no place), nor a group noun
  before a person ("Chief of Police Mike Mills" names Mike Mills, not the police).
  An adjectival nationality ("Russian" in "the Russian military") is not a mention of
  its own; a name used only as a modifier of another noun ("Grad rockets") is not
  either, unless the article also uses it on its own ("Al-Qaeda’s", "bombing
  Al-Qaeda"). A name found only in headings and table rows in capitals (lines with no
  sentence end whose words are all capitalised but "of", "the" and the like: "Prefer
  Clinton", "Bottom Line") is not a mention either: there the capitals say nothing.
  "The" and one word tagged PERSON ("The Enquirer", "the Duma") is an organisation's
  name (an outlet's: media), not a person's, but for plurals and epithets ("the
  Trumps", "the Prophet"); a one-word PERSON after a settlement's "of" ("the town of
  Dana") is a place.
- Group phrases: a group noun (`GROUP_HEADS`: military, media, powers, forces,
  government, ...) with a name-like modifier ("the Russian military", "the Western
  media", "the Western powers", "this Jihadi force"); "the West" and a few other bloc
  names (`BLOC_NAMES`) that the small model does not always tag.
- Labelling nouns (`LABEL_NOUNS`: jihadi, rebel, terrorist, militant, regime, ...)
  wherever the article uses them as a name for a side, head or modifier ("the Jihadis",
  "Jihadi held districts", "rebel-held"), but not one said with "a" of someone the
  text names ("he is an extremist", "as an insurgent"), nor before "-like"; "X led Y"
  joins the leader to the phrase ("the Al-Qaeda led
  Jihadis", which is also a mention of Al-Qaeda).

Grouping: mentions with the same key (lower case, without determiners, possessive,
titles such as "President", and a plural "s" on the last word) are one actor: "the US"
and "US", "Jihadis" and "Jihadi", "Al-Qaeda’s" and "Al-Qaeda". A one-word key joins the
one longer key that ends with it ("Putin" -> "Vladimir Putin", "the military" -> "the
Russian military") and an acronym the one name it abbreviates ("UN" -> "United
Nations"); where two candidates exist it joins neither. An acronym that the article
defines in brackets after a name ("Popular Mobilization Units (PMU)") is that name's
actor wherever it is used, one the recogniser made of the acronym alone ("ICE") joining
it; a name the recogniser missed ("calling itself Islamic State (IS)") becomes an
organisation when the acronym is used again. The actor is named by the name, not the
acronym. A phrase whose group noun has a
labelling modifier joins the labelled side ("this Jihadi force" -> the Jihadis). Then
every further occurrence of a name already found is added (the small model tags the same
name differently from sentence to sentence). A country or nationality all of whose
mentions only say where ("in Aleppo", "the fighting for Mosul") is a place, not an
actor, and is left out.

Labels
- the labelling noun of each mention, with the plain adjectives before it ("moderate
  rebels"), and a labelling noun set beside a name ("the dictator Assad");
- the complement of a naming verb ("calls them “moderate rebels”", "will be relabelled
  “moderate rebels”", "described the group as terrorists"), given to the verb's object
  or passive subject; a pronoun object (them, it, him) is taken to be the nearest
  actor named before it, in its sentence or the one before, that agrees in number and
  is not the verb's own subject;
- scare quotes (a quotation of at most three words that does not end a sentence) and
  "so-called" mark a label as distancing. A distancing phrase that names no actor
  found so far but whose head is a group or labelling noun becomes an actor of its own
  ("the so-called “moderate rebels” it supports").

Links: `techniques` are the technique spans overlapping a mention or a label;
`sources` the attributions whose source phrase has as its head (or a head conjoined to
it) a mention of the actor ("the Western powers and the Western media ... are
condemning": both), and the statements of a pronoun source resolved to a mention of it
(`Attribution.refers_to`: the "he" of "he said" after "Mike Mills told ...").

The component runs in the default pipeline after "techniques" and
"attributions", whose layers it links to; an actor's `techniques` or `sources` is None
when that layer was not there when it ran (`propscope.analysis.link_actors_to_techniques`
relinks techniques afterwards). A text that `propscope.language` does not take for English
(under 15 % English function words) gets no actors layer and a note: the rules and the
model are English, and on other languages they would invent actors out of capitalised
words.

Limits: coreference beyond the pronoun rule above is not resolved (he, the group, the
former president); kinds follow the entity recogniser where no word list decides, and
the small model mislabels unfamiliar names (a PERSON-tagged name that a relative clause
calls "which" is taken as an organisation, an organisation or place given an age,
"62-year-old Tatiana Romanova", as a person); labelling words outside the lists are
missed; a label's target follows the parser's attachment.
"""

from __future__ import annotations

import bisect
import re
from collections import ChainMap, Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from propscope.analysis import (
    THIRD_PARTY_KINDS,
    Actor,
    ActorLabel,
    Analysis,
    AttributedSpan,
    Attribution,
    link_actors_to_techniques,
    summarize_actors,
)
from propscope.components.attribution import find_quotes
from propscope.components.attribution_lexicon import (
    COMPANY_WORDS,
    DATELINE,
    HONORIFICS,
    MEDIA_NAMES,
    ORG_NOUNS,
    PERSON_NOUNS,
    TITLES,
    title_words,
)
from propscope.components.claims import CREDIT, CREDIT_WORDS
from propscope.components.people import (
    a_presidents_staff,
    people_tagged_otherwise,
    question_auxiliary,
    the_name_kind,
)
from propscope.document import Document
from propscope.first_names import name_gender, same_given_name, title_gender
from propscope.first_names import unaccented as _unaccented
from propscope.furniture import find_furniture
from propscope.language import MIN_ENGLISH_SHARE
from propscope.language import not_english_note as _not_english
from propscope.lines import capitalised_lines, tabular_lines
from propscope.nlp import (
    INVISIBLE,
    ParsingLayer,
    load_spacy,
    load_spacy_for,
    parse_texts,
    pipeline_name,
)
from propscope.pipeline import register_component

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "BLOC_NAMES",
    "GROUP_HEADS",
    "LABEL_NOUNS",
    "NAMING_VERBS",
    "ActorFinder",
    "actors_from_doc",
    "find_actors",
    "make_actor_finder",
]

# 9 (session 30): a one-word plural name after "the" tagged PERSON is a group.
# 10 (session 31): a name tagged otherwise that the article shows is a person's
# (`propscope.components.people`) is a person, keyed as one ("General Suleimani").
# 11 (session 31): what a naming verb calls "it" labels no actor.
# 12 (session 32): scare quotes in single marks ('moderate rebels') count as quotes.
# 13 (session 32): a name ending in a company's word ("Hot Toys") is an organisation;
# 14 (session 32): one capitalised word in quotes is no scare quote ("SAVE", 'Rossiya').
# 15 (session 36): a title's gender picks among people of one surname ("Ms. Wurtzel" is no
# "Donald Wurtzel"); a name joins the same name with middle names; furniture before a
# name is no part of it ("ArrowRight Ms. Wurtzel").
# 16 (session 37): a name tagged ORG or GPE that is a given name and a surname is a
# person's ("Christina Ricci"); one tagged PERSON that ends in "Tech", "University" or
# "Foundation" an organisation's. 17 (session 37): the word of an office ("State" of
# "Secretary of State") is no actor. 18 (session 37): nor a party member in apposition
# ("Sen. John McCain, an Arizona Republican"). 19 (session 38): a photo credit inside a
# caption is no actor ("AP Photo/Vahid Salemi", "Courtesy of ..."), nor a name tagged
# PERSON that holds a figure ("Victoria 3844", "John 9:31") or a handle. 20: nor one in
# capitals glued to the caption after it ("TORIN HALSEY/TIMES RECORD NEWS Harrold ISD
# Superintendent David Thweatt"), nor one of Flickr, Postmedia, the BBC or The Hollywood
# Reporter; 21 (session 39): an act ("thanked | Ritter", `Attribution.act`) is none of
# the statements an actor is the source of; 22: a rank opens a name as a title does
# ("Major General Qassem Soleimani" is Qassem Soleimani, and "Soleimani" joins him); 23
# (session 42): an acronym defined in brackets after a name is that name's actor
# ("Popular Mobilization Units (PMU)"), and a bracket an entity opens and never closes
# ends its name ("Mazra’at Tarek (Tarek"); 24 (session 43): an actor is named from the
# mentions it shows, ties going to the form met first; 25: a person's name spelled two
# ways is one person ("Qassem"/"Qassim Soleimani", "Suleimani"), and a person is named
# without what opens a title ("Rick Scott" of "Florida Gov. Rick Scott"). 26 (session
# 44): a given name and its short form are one person's ("Don"/"Donald McGahn"), accents
# are folded ("Stéphane"/"Stephane Dion"), "the average Joe" is nobody, a live blog's
# time after a heading leaves it a heading, and the shorter keys of one person fold into
# the longest judged all at once, not in a set's order (which followed the hash seed).
# 27: a particle inside a name after a title is the name's ("Mohammed bin Salman").
# 28: clergy's titles are titles ("Archbishop Charles Scicluna", "Bishop Barros"), an
#     actor a mention writes with a person's title is a person ("Cardinal McCarrick"), and
#     an airport, cathedral, mosque or stadium named after one is not, nor "DR Congo".
#     A bare title ("the Pope") is the one person written with it ("Pope Francis").
# 29: "Fr.", "Father", "Msgr.", "Monsignor", "pastor" and "deacon" are titles; a title the
#     recogniser tags apart from the name after it is no actor ("Cardinal" of "Cardinal
#     Parolin"); one inside any entity opens a person's name ("Philadelphia Archbishop
#     Charles Chaput", ORG), as does a possessive ("Circa’s Sara Carter"); another entity
#     before a person's name is none of it unless a title follows ("Republican Donald
#     Trump"; "Orlando Mayor Buddy Dyer" as before); a bare title is a person's and joins
#     no body's name ("the Cardinal", not "the College of Cardinals"); a saint takes no
#     given name the living share ("Francis" beside "Saint Francis" and "Pope Francis").
# 30: a lone name that ends a given name and surname is that person's, not another's
#     given name ("Allen" is "John Allen" beside "Allen Vigneron").
# 31: a country joins no stance's name ("Israel" is no "anti-Israel", NORP).
# 35 (session 49): Malay honorifics are titles ("Datuk Seri Najib Razak" is Najib Razak),
#     and a given name alone tagged an organisation joins its person ("Najib"); the
#     first part of a hyphenated surname is its person ("Lopez" of "Francisco
#     Lopez-Loyola"); a noun before "change" names no one ("regime change").
# 36 (session 50): "illegal aliens", "criminal aliens" and "the illegals" are labels, as
#     nouns only ("an illegal strike", ALF's "cat-eating alien" label nobody); an
#     illness ("Ebola", tagged a place), a hashtag ("#LasVegas attack") and a slogan in
#     capitals with a pronoun ("CLOSE OUR SOUTHERN BORDER") are nobody; a label noun
#     that opens a name ("the Gang of Eight") labels no one; a name over a line break is
#     named on one line.
# 37 (session 51): a word alone that names a topic, a scripture, a currency or an
#     interjection the tagger took for a person is nobody ("Brexit", "the Gospel",
#     "Shariah", "Bitcoin", "[ Email her ]", "Nah, I don't ...").
# 38-40 (session 52): a common word before a name and an "and" after it are no words of
#     it ("comedian Celeste Barber"); a name that takes "are" or "have" is a body
#     ("Aston Villa are"); a name before "-based", "-born", "-winning" ... is no mention.
# 41 (session 53): invisible characters split off the words they touch (`nlp.INVISIBLE`:
#     "Waheed Zamanian.\u200b" was a name). 42: nor is a name before "-based" where it
#     is named again elsewhere; a bare or subjunctive "have" makes no body. 43: a curly
#     contraction or possessive reads as the straight one ("Brown University’s Watson
#     Institute" is two names, as "Brown University's ..." was); a name that is only
#     "of" once its title is gone ("the King of") is none; initials end no sentence.
#     44: an invisible character inside a name reads as a space and is not shown.
#     45 (session 54's review of 30 news articles): an outlet whose name ends in "s" is
#     media ("Fox News", "Reuters": keys are singular, the list was not); an outlet named
#     only before a noun is a mention ("A Politico reporter asked"); a name a participle
#     introduces is one ("a teenager named Trayvon Martin"); an organisation's first
#     word joins its longer name ("Labour" of "the Labour Party"). 46: programmes and
#     treaties are no actors ("Medicare", "Medicaid", "Obamacare", "NAFTA", "DACA").
#     47: an outlet before a name is no mention ("(Reuters/Kevin Lamarque)", a credit).
#     49: a name that an age between commas follows is a person's ("Narelle Coady, 54,
#     took refuge", a place to the recogniser; `people.people_tagged_otherwise`).
#     50: a country joins no organisation's longer name though the recogniser tag one of
#     its mentions a person ("Australia" into "Asthma Australia"); a name given an age
#     votes as a person's, whatever the recogniser tags it. 51: the full stop of a title
#     ("Capt. Jack Collins", which the tokenizer splits off and the tagger calls a proper
#     noun) opens no name ("Sr. Enrica Rosanna", "# Grep"). 52: a name written after a
#     title's abbreviation or an honorific is a person's, though the recogniser tag it an
#     organisation ("the Father General Fr.\nSaverio Cannistra", where the PTC breaks the
#     line after "Fr."). 53: a name listed after a place's name where places are meant is
#     a place ("homes lost in Batemans Bay and Mogo": "Mogo" was a person), and so is a
#     person's or organisation's name listed only after places' names, one of its
#     mentions used as a place. 54: a name after "titled" or
#     "entitled" is a work's ("a screed titled “Biblical Basis for War”"). 55: common
#     words that open a caption after a gallery's furniture are no name ("Hide Caption 2
#     of 30 Photos: <title> People cross a street ...": "People cross", an organisation).
#     56: a storm's name is nobody ("Hurricanes Irma and Maria" were two places). 57: a
#     name listed after a place stays a person's or a body's where it is a given name and
#     a surname, opens with "the", has a "who" clause or a place of its own ("Ken Ritter
#     in Las Vegas and Anita Snow in Phoenix"); "Storm Lake" is no storm. 58 (session
#     60): a president's White House (PERSON) is an organisation and takes no "Obama"
#     as its given name; a word joined to an adjective is no name ("Hilarious and
#     refreshingly irreverent!", a person). 59 (session 61): a one-word name with an
#     age in its apposition is a person's wherever it stands ("Traci, a 28-year-old
#     real estate agent", then "Traci was killing it": ORG each time). 60 (session
#     62): a title and one surname tagged other than a person are a person
#     ("Archbishop Myers, Cardinal Eagan, Bishop Hubbard": two organisations; "Sheriff
#     Lombardo", and so "Lombardo", an organisation); a
#     title-case headline's verb is no word of the name before it ("Louis Farrakhan
#     Refers to ...", "President Donald Trump Proposes ...": persons of their own);
#     "Saviour" of "Saviour’s Day" is no one a pronoun stands for. 61 (session 63):
#     names the recogniser ran together part at a semicolon ("Broadcom; Cavium, Inc."),
#     and a person's or a body's at a comma with no "and" after it ("Eizenkot, Zakkout",
#     which left "Zakkout" a place of 27 mentions beside "Sofian Zakkout"; not an
#     institution's "of" list, "Bureau of Alcohol, Tobacco"), each part with the label
#     the same words have elsewhere ("Paddock" of "Campos, Paddock" is no organisation);
#     a currency ("Euros", a person) or a missile ("ICBMs", a place) is nobody; two
#     letters after a hyphen are no surname ("the UN" was Kim Jong-un); a name the
#     article says is a made thing is no person ("Open Switch is a complete network
#     operating system", PERSON ten times). 62 (session 64): an organisation's initials
#     written alone are its mentions ("WHO" after "the World Health Organization",
#     which the recogniser reads as the pronoun); an address is a place ("E. McLoughlin
#     Blvd", PERSON; "NE 136th Ave", ORG).
# 63: a company's legal suffix the recogniser tags alone ("LLC" of "Tribune Content
#     Agency, LLC.", "LTD" of "SQUARE ENIX HOLDINGS CO., LTD.") is nobody, and "AI"
#     (GPE) is artificial intelligence; names an entity joins with a slash, each an
#     entity elsewhere, are apart ("Bergoglio/Francis", ORG, made Pope Francis an
#     organisation); a one-word name tagged a person after a title once is a person
#     wherever it is tagged otherwise ("President Trump", then "Trump" ORG).
RULES_VERSION = "63"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns that label a side rather than name it (singular, lower case).
LABEL_NOUNS = _words(
    """
    jihadi jihadist islamist extremist radical terrorist militant insurgent rebel separatist
    mercenary thug bandit gangster gang militia militiaman warlord regime
    junta occupier invader aggressor puppet fascist nazi neo-nazi traitor zealot fanatic
    mujahid mujahideen guerrilla guerilla tyrant dictator despot looter rioter anarchist
    mob cartel agitator provocateur infiltrator collaborator apologist propagandist globalist
    leftist marxist alien illegal
    """
)
# Illnesses the tagger takes for places or bodies ("Ebola" a GPE): nobody.
DISEASES = _words(
    """
    ebola zika covid covid-19 coronavirus sars mers hiv aids cholera polio malaria measles
    influenza flu tuberculosis dengue smallpox anthrax h1n1 h5n1 monkeypox mpox
    """
)
# Words the tagger takes for a person (or a body, or a place) when they stand alone:
# topics, scriptures, a currency, a link's word and interjections. Nobody.
NOT_ACTORS = _words(
    """
    brexit gospel gospels shariah sharia sunnah quran koran bible torah talmud bitcoin
    email e-mail nah behold amen hallelujah ai
    medicare medicaid obamacare nafta daca
    euro euros yen yuan renminbi rupee rupees rial rials ruble rubles rouble roubles
    peso pesos dinar dinars icbm icbms
    """
)
_NOBODY_ALONE = DISEASES | NOT_ACTORS
# Nouns of made things: what a name said to be one ("X is a ... system") names no person.
_THING_NOUNS = frozenset(
    """system project platform software program programme app application device framework
    library database browser website""".split()
)
# What may follow a name and a comma inside it: "Cavium, Inc.", "Martin Luther King, Jr.".
_NAME_SUFFIXES = frozenset(
    "Inc Ltd LLC Corp Co plc PLC SA S.A AG GmbH LP L.P NV N.V Jr Sr II III IV SJ S.J OP O.P "
    "OFM".split()
)
# Those of them that say only what kind of company a name is: alone, nobody's name.
_COMPANY_SUFFIXES = frozenset("inc ltd llc plc gmbh corp".split())
# Words that name a storm with the name after them ("Hurricane Maria", "Storm Ciara").
# Not "storm": "Storm Lake" is a town in Iowa.
_STORMS = _words("hurricane hurricanes typhoon typhoons cyclone cyclones")
# A pronoun among capitals is a slogan's, not a name's.
_SLOGAN_PRONOUNS = _words("our my your their we you they i us me them")
# Label nouns that are labels only as nouns: "illegal aliens", "the illegals"; not "an
# illegal strike", "alien life".
NOUN_ONLY_LABELS = _words("alien illegal")
_ALIEN_MODIFIERS = _words("illegal criminal undocumented unlawful removable deportable")
# Group nouns that name an actor when a name-like word specifies them, with the kind.
GROUP_HEADS: dict[str, str] = {
    **dict.fromkeys(
        """military army navy force troop government administration ministry parliament
        police establishment leadership coalition alliance opposition authority
        intelligence""".split(),
        "organisation",
    ),
    **dict.fromkeys("media press".split(), "media"),
    **dict.fromkeys("power bloc camp".split(), "group"),
    "regime": "organisation",
    "militia": "group",
}
# Proper names of blocs the small model does not always tag ("the West").
BLOC_NAMES: dict[str, str] = {
    "west": "group",
    "east": "group",
    "kremlin": "organisation",
    "pentagon": "organisation",
}
# Verbs whose complement is a name given to their object: "calls them “moderate rebels”".
NAMING_VERBS = _words(
    """
    call label relabel brand rebrand dub term describe style name nickname portray paint
    present hail tag characterise characterize depict cast
    """
)
# "X led Y": the leader belongs to the phrase ("the Al-Qaeda led Jihadis").
LEADING_VERBS = _words("lead back support arm fund sponsor control dominate link ally train")
# Where a preposition only says where: "in Aleppo", "into eastern Aleppo".
PLACE_PREPOSITIONS = _words(
    "in into at near outside inside across throughout around within towards toward onto"
)
# "of" and "for" say where after these nouns: "districts of Aleppo", "the fighting for Mosul".
PLACE_NOUNS = _words(
    """
    district city town village outskirt street part area region province centre center
    suburb neighbourhood neighborhood siege battle fighting war liberation capture fall
    control east west north south heart border
    """
)
# Nouns after which "of" names a settlement or a region: "the town of Dana". Not "war",
# "fall" or "capture" (PLACE_NOUNS): "the fall of Mubarak" is a person's.
SETTLEMENT_NOUNS = _words(
    "district city town village province region suburb county municipality governorate"
)
_COMPASS = frozenset("east west north south northern southern eastern western".split())
# What a place's possessive names a part of: "Australia's east coast", "Japan's market".
POSSESSED_PLACES = _words("coast coastline shore base market island mainland territory capital")
# Where these verbs send someone, "to X" is a place: "deport Mexicans to Guatemala".
MOTION_VERBS = _words(
    "deport send fly return travel move go come flee head sail drive extradite evacuate"
)
DETERMINERS = _words("the this that these those")
PLURAL_PRONOUNS = _words("they them these those")
PERSON_PRONOUNS = _words("he him she her")
COLLECTIVE_LABELS = _words("regime junta gang militia mob cartel")
COLLECTIVE_HEADS = _words("media press military government regime army police west")
ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "group",
    "GPE": "country",
    "LOC": "country",
}
# The countries a `country` actor may be, and the names news gives them; a place the
# entity recogniser tags GPE or LOC that is none of these (a city, a state, a region:
# "London", "Iowa", "the Middle East") is a `place`. Sovereign states, and a few that
# act as states in the news.
COUNTRY_NAMES = frozenset(
    name.strip()
    for name in """
    afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia,
    australia, austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus,
    belgium, belize, benin, bhutan, bolivia, bosnia and herzegovina, bosnia, botswana,
    brazil, brunei, bulgaria, burkina faso, burundi, cabo verde, cape verde, cambodia,
    cameroon, canada, central african republic, chad, chile, china, colombia, comoros,
    congo, democratic republic of the congo, republic of the congo, drc, costa rica,
    ivory coast, côte d'ivoire, cote d'ivoire, croatia, cuba, cyprus, czech republic,
    czechia, denmark, djibouti, dominica, dominican republic, east timor, timor-leste,
    ecuador, egypt, el salvador, equatorial guinea, eritrea, estonia, eswatini, swaziland,
    ethiopia, fiji, finland, france, gabon, gambia, georgia, germany, ghana, greece,
    grenada, guatemala, guinea, guinea-bissau, guyana, haiti, honduras, hungary, iceland,
    india, indonesia, iran, iraq, ireland, israel, italy, jamaica, japan, jordan,
    kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon,
    lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar, malawi,
    malaysia, maldives, mali, malta, marshall islands, mauritania, mauritius, mexico,
    micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma,
    namibia, nauru, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria,
    north korea, north macedonia, macedonia, norway, oman, pakistan, palau, palestine,
    panama, papua new guinea, paraguay, peru, philippines, poland, portugal, qatar,
    romania, russia, russian federation, rwanda, saint kitts and nevis, saint lucia,
    saint vincent and the grenadines, samoa, san marino, sao tome and principe,
    saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
    slovenia, solomon islands, somalia, south africa, south korea, korea, south sudan,
    spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan, tajikistan,
    tanzania, thailand, togo, tonga, trinidad and tobago, tunisia, turkey, türkiye,
    turkmenistan, tuvalu, uganda, ukraine, united arab emirates, uae, united kingdom, uk,
    britain, great britain, england, scotland, wales, northern ireland, united states,
    united states of america, us, usa, u.s., u.s.a., america, uruguay, uzbekistan,
    vanuatu, vatican, venezuela, vietnam, viet nam, yemen, zambia, zimbabwe,
    soviet union, ussr, u.k., people's republic of china, prc, republic of korea,
    islamic republic of iran, islamic republic, kingdom of saudi arabia, slovak republic,
    republic of iraq, republic of ireland, dprk
    """.split(",")
)
# Entity types that can be mere places ("in Aleppo", which the small model calls NORP).
PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})
SO_CALLED = re.compile(r"\bso[- ]called\b", re.I)
# An age right before a name: "62-year-old Tatiana Romanova".
AGED = re.compile(r"\b\d{1,3}[- ]year[- ]old\s+$", re.I)
_QUOTE_MARKS = "“”\"'‘’«»"
_WORD_CHAR = re.compile(r"\w").match
# The English guard (`propscope.language`): below this share of English function words,
# a text of twelve words or more is taken not to be English.


# --- words ---------------------------------------------------------------------------------


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    # Not "ss", "us" or "sis" (press, campus, crisis); a name such as "Paris" loses its
    # "s" too, which only matters in the key, the same for every mention.
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "sis")):
        return word[:-1]
    return word


# The last word of a company's name as a key holds it ("hot toy" of "Hot Toys").
_COMPANY_KEYS = frozenset(_singular(word) for word in COMPANY_WORDS)


# Lower-case words inside a person's name.
_NAME_PARTICLES = frozenset(
    "al bin ibn abu bint de del della der di da dos du la le van von ter den".split()
)

# Words before a given name that make it anybody's ("the average Joe").
_EVERYMAN_BEFORE = frozenset({"average", "ordinary"})
# Nouns that make a name set beside them an organisation's: "the company Nextcloud".
_ORGANISATION_NOUNS = _words(
    """
    organization organisation company firm startup start-up group band network agency
    charity club brand manufacturer retailer airline website platform blog outfit
    """
)
# Labels of one ruler: "a dictator-led country" is led by one person.
_RULERS = _words("dictator tyrant despot warlord")
# After a labelling noun and a hyphen, an adjective of likeness: "gangster-like".
_LIKENESS = frozenset({"like", "style", "esque", "type", "ish"})

# Words that end a title before a person's name ("House General Counsel Douglas
# Letter").
_IN_A_TITLE = TITLES | {"counsel"}


def _skeleton(word: str) -> str:
    """A word without the vowels after its first letter and with its doubled letters
    single: "qassem", "qassim" and "qasem" are all "qsm"."""
    rest = re.sub(r"[aeiouy]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word[:1] + rest)


def _respelled(a: str, b: str) -> bool:
    """Whether two words are one name spelled two ways: the same first letter and
    consonants, at least five letters each and a letter apart in length at most, of no
    two genders, neither the other lengthened ("Daniel", "Daniela")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or not (a.isalpha() and b.isalpha()):
        return False
    if a.startswith(b) or b.startswith(a):
        return False  # "Daniel" and "Daniela", "Christian" and "Christiane"
    if abs(len(a) - len(b)) > 1:
        return False  # "Hasan" and "Hussein" are two names
    genders = {name_gender(a), name_gender(b)}
    return _skeleton(a) == _skeleton(b) and not {"m", "f"} <= genders


def _given_alike(a: str, b: str) -> bool:
    """Whether two given names are one person's: respelled, or one the short form of
    the other ("Don" and "Donald McGahn")."""
    return _respelled(a, b) or same_given_name(a, b)


def _spelling_variants(
    keys: Sequence[str], persons: set[str], *, not_surnames: Set[str] = frozenset()
) -> dict[str, str]:
    """Each key that spells a person's name another way, mapped to the spelling met
    most often (the first met where they tie): full names of as many words, each word
    the same or `_respelled` ("qassim suleimani" -> "qassem soleimani"), the given name
    also its short form ("don mcgahn" -> "donald mcgahn"); then a one-word
    key that respells the surname of one such person and is no surname itself, nor
    one of `not_surnames` ("suleimani" -> "soleimani")."""
    counts = Counter(keys)
    order = list(dict.fromkeys(keys))
    full = [k for k in order if k in persons and len(k.split()) >= 2]
    out: dict[str, str] = {}
    for k in full:
        if k in out:
            continue
        words = k.split()
        same = [
            o
            for o in full
            if o not in out
            and len(o.split()) == len(words)
            and _respelled(words[-1], o.split()[-1])
            # A given name may stand after a title the key keeps ("counsel don mcgahn").
            and all(_given_alike(a, b) for a, b in zip(words[:-1], o.split()[:-1], strict=True))
        ]
        if len(same) > 1:
            best = max(same, key=lambda o: (counts[o], -order.index(o)))
            out.update({o: best for o in same if o != best})
    canonical = {out.get(k, k) for k in full}
    surnames = {k.split()[-1] for k in canonical}
    written = {k.split()[-1] for k in full}
    for k in order:
        if " " in k or k in written or k in surnames or k in not_surnames:
            continue
        like = {s for s in surnames if _respelled(k, s)}
        if len(like) == 1:
            out[k] = like.pop()
    return out


def _written_alike(words: set[str], lasts: set[str]) -> bool:
    """Whether a word of `words` is one of `lasts`, ends one after a hyphen or a slash
    ("assad" of "al-assad", "aquaman" of "curry/aquaman"; not two letters, as "un" of
    "jong-un": "the UN" was Kim Jong-un), or opens one before a hyphen ("lopez" of
    "lopez-loyola")."""
    return any(
        last == word
        or (len(word) > 2 and last.endswith(word) and not last[-len(word) - 1].isalpha())
        or last.startswith(word + "-")
        for word in words
        for last in lasts
    )


def _everyman(token: Token) -> bool:
    """Whether a given name stands for anybody: "the average Joe", "an ordinary Jane",
    and the "Jane" of "the average Joe or Jane"."""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if before in _EVERYMAN_BEFORE:
        return True
    return token.dep_ == "conj" and token.head.i < token.i and _everyman(token.head)


def _label_noun(token: Token) -> bool:
    word = _singular(token.lower_)
    if word in NOUN_ONLY_LABELS:
        if token.pos_ not in {"NOUN", "PROPN"}:
            return False
        if word == "alien":  # "illegal aliens", not ALF, "a sarcastic, cat-eating alien"
            return any(c.lower_ in _ALIEN_MODIFIERS for c in token.children)
        return token.lower_ != word  # "the illegals", not "an illegal"
    return word in LABEL_NOUNS and (token.is_alpha or "-" in token.text)


def _group_kind(token: Token) -> str | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    return GROUP_HEADS.get(_singular(token.lower_)) or GROUP_HEADS.get(token.lemma_.lower())


def _verb_base(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma in NAMING_VERBS or lemma in LEADING_VERBS:
        return lemma
    return re.sub(r"(?:led|ed|s|ing)$", "", token.lower_) or lemma


def _name_like(token: Token) -> bool:
    """A modifier that specifies a group noun: a nationality, a name, a labelling noun."""
    if token.ent_type_ in {"NORP", "GPE", "ORG", "PERSON", "LOC"} or token.pos_ == "PROPN":
        return True
    return _label_noun(token) or (token.pos_ == "ADJ" and token.text[:1].isupper())


def _country_keys() -> frozenset[str]:
    return frozenset(_key(name.split()) for name in COUNTRY_NAMES)


def _with_middle_names(name: str, longer: str) -> bool:
    """Whether `longer` is the person's name `name` with middle names or initials:
    "elizabeth lee wurtzel" of "elizabeth wurtzel", "george w. bush" of "george bush"."""
    short, long = name.split(), longer.split()
    return 2 <= len(short) < len(long) and short[0] == long[0] and short[-1] == long[-1]


_NO_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE, ""))
_NO_NAME_WORDS = frozenset("of the and or for in on at to a an &".split())


def _key(words: Sequence[str], *, person: bool = False) -> str:
    """The grouping key of a name: lower case, no accents, no determiner, possessive or
    title, and the last word singular."""
    items = [_unaccented(w.lower()).strip(_QUOTE_MARKS) for w in words]
    items = [re.sub(r"[’']s$", "", w) for w in items if w]
    while items and items[0] in DETERMINERS:
        items = items[1:]
    titles = TITLES if person else HONORIFICS
    while len(items) > 1 and (n := title_words([items[0].rstrip("."), *items[1:2]], titles)):
        items = items[n:] if len(items) > n else items[1:]
        # "Maj. Gen. Qassim Soleimani": the tokenizer may cut a title's full stop off it.
        if len(items) > 1 and items[0] == ".":
            items = items[1:]
    items = [w for w in items if w and w not in {"’s", "'s", "-"}]
    if all(w in _NO_NAME_WORDS for w in items):
        return ""  # "the King of" less its title: no name at all
    return " ".join([*items[:-1], _singular(items[-1])])


_COUNTRY_KEYS = _country_keys()
# The outlets as their grouping keys: a key's last word is singular, so "Fox News" is
# "fox new" and "Reuters" "reuter", which the list's own spelling never matched.
_MEDIA_KEYS = frozenset(_key(name.split()) for name in MEDIA_NAMES)
# What may follow an organisation's one-word name in its longer one: "Labour" of "the
# Labour Party", "Tesla" of "Tesla Motors" (keys: the last word singular; not "corp",
# which is also the Corps of "the NSW Corps").
_ORG_NAME_ENDINGS = frozenset(
    "party motor company co co. inc inc. corp. corporation group ltd ltd. plc llc & holding".split()
)


def _a_common_word_before(word: Token, following: Token) -> bool:
    """Whether `word`, all lower case and no particle of a name ("de", "bin"), stands
    before the capitalised `following`: "comedian Celeste Barber", "nightclub Pulse"."""
    return (
        word.is_alpha
        and word.text.islower()
        and word.lower_ not in _NAME_PARTICLES
        and following.text[:1].isupper()
    )


def _a_given_name_and_surname(words: Sequence[str]) -> bool:
    """Two or three capitalised words, the first a given name, none a word of a body's or
    a place's name: "Charles Chaput", not "Virginia Tech"."""
    return (
        2 <= len(words) <= 3
        and name_gender(words[0]) is not None
        and all(_PERSON_NAME_WORD.fullmatch(w) for w in words)
        and not any(_singular(w.lower()) in _NOT_IN_A_NAME for w in words[1:])
    )


# --- candidates ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    head: int  # token index of the head word
    key: str
    hint: str  # kind suggested by the entity type or the word lists
    origin: str  # "entity", "group", "label", "bloc", "bare", "quote"
    entity: str = ""  # spaCy's entity type, for entity mentions
    modifier_only: bool = False  # a name that only modifies another noun here
    own_key: str = ""  # the key before aliases were joined


@dataclass(slots=True)
class _Actor:
    key: str
    mentions: list[_Mention] = field(default_factory=list)
    labels: dict[tuple[int, int], set[str]] = field(default_factory=dict)


# A word of a person's name: "Ricci", "O'Neill", "Blasey-Ford", or an initial "J.".
_PERSON_NAME_WORD = re.compile(r"[A-Z](?:\.|[^\W\d_]*(?:['’-][A-Z][^\W\d_]*)?)")
# Words that make a name with a given name in it an organisation's or a place's.
# A street's last word, written out or cut short: a name ending on it is an address.
# Not "lane": "Lois Lane" is a person.
_STREETS = _words("street st avenue ave road rd boulevard blvd highway hwy parkway pkwy")
_NOT_IN_A_NAME = frozenset(
    {*ORG_NOUNS, *_COMPANY_KEYS, *PLACE_NOUNS}
    | _words("tech street avenue road square park hall beach county falls lake bay")
)
# The last word of an institution's name that is a person's ("Virginia Tech", "the
# Donald J. Trump Foundation"); no surname of the news is one of these.
_INSTITUTIONS = _words(
    "tech university college institute foundation academy museum hospital airport cathedral "
    "mosque stadium"
)
# Platforms and technology companies the small model often tags PERSON or GPE
# ("Twitter", "YouTube"): organisations, whatever the tag.
PLATFORMS = _words(
    "twitter facebook youtube instagram tiktok reddit whatsapp telegram snapchat linkedin "
    "google apple amazon microsoft netflix uber spotify wikipedia wikileaks"
)
# "Rep. Elissa Slotkin, a Michigan Democrat": a party member in apposition describes the
# person named before, and is no actor of its own.
_PARTY_MEMBERS = frozenset({"republican", "democrat"})
# The last word of a party's side, as an actor's key has it ("Sweden Democrats",
# "Florida Democrats"): never a place, a country or a person.
_PARTY_SIDES = _PARTY_MEMBERS | frozenset({"conservative", "liberal", "socialist"})
_APPOSED = re.compile(r",\s*(?:(?:a|an)\s+)?$")
_TITLED = re.compile(r"\b(?:titled|entitled)\s+[“\"‘']?$")
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)(\.?)\s+$")  # "Fr.\n" before a name
# What a one-word name after it belongs to: an office ("Secretary of State", "Minister of
# Defence"), not the country or body the name might be on its own.
_OFFICE_OF = re.compile(r"\b(?:Secretary|Secretaries|Minister|Ministry|Department)\s+of\s+$")
_SAINTS = frozenset({"saint", "st", "st."})
# What follows a name that opens a day's name: "Valentine" of "Valentine's Day".
_DAY_AFTER = re.compile(r"(?:['’]s)?[^\S\n]+Day\b")
# The first word of a day's name without a possessive ("Labor Day"; "Doris Day" is none).
_DAY_NAMES = _words(
    "independence memorial labor labour veterans election christmas thanksgiving boxing may "
    "earth armistice remembrance inauguration victory bastille columbus youth opening "
    "signing presidents anzac australia canada groundhog"
)
_OFFICES = TITLES - HONORIFICS  # titles that name an office, not "Mr" or "Lord"
# Titles that open a person's name before a surname alone ("Bishop Hubbard", "Sheriff
# Lombardo"), where the recogniser tags the two words an organisation. Not those that
# open bodies' names too ("General Motors", "Chief Executive", "Prime Video"), nor
# "Father" and "Pastor", common words as well.
_SURNAME_TITLES = frozenset(
    """
    archbishop bishop cardinal rabbi imam msgr monsignor sheriff senator sen rep
    representative gov governor mayor judge detective det sgt capt lt col congressman
    congresswoman ambassador commissioner inspector insp supt professor prosecutor
    lieutenant colonel corporal cpl pvt
    """.split()
)
_MINOR_WORDS = frozenset("a an the of and or in on at to for by with & from".split())
_SURNAME = re.compile(r"[A-Z][^\W\d_]{2,}(?:-[A-Z][^\W\d_]+)?")  # "Persoone", "Garcia-Zarate"
# "the word 'Brexit'", "the term", "the phrase", "the slogan": a word shown as a word.
_MENTIONED_AS_WORD = re.compile(r"\b(?:word|term|phrase|slogan|hashtag|name)s?\s*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s*$")
# "Popular Mobilization Units (PMU)", "Islamic State (IS)": an acronym in brackets right
# after the name whose words it abbreviates, and the run of capitalised words (minor
# words between them) that may be that name.
_ACRONYM_AFTER = re.compile(r"[^\S\n]*\(([A-Z]{2,6})\)")
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'’-]*(?:[^\S\n]+(?:(?:of|the|and|for|on|in|to|at)[^\S\n]+)*[A-Z][\w'’-]*)*$"
)
_SHOUTED = re.compile(r"\b[A-Z]{2,}\b")


def _initials(name: str) -> str:
    """ "PMU" of "Popular Mobilization Units", "ISIL" of "Islamic State of Iraq and the
    Levant": the first letters of the words but minor ones."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
    return "".join(w[0] for w in words).upper()


_NAME_AFTER = re.compile(r"\s*[A-Z]")
# The end of a compound adjective that says where something is or comes from, or what it
# is like, of the name before it: "Texas-based Anadarko", "American-born", "Oscar-winning",
# "Balaclava-clad". Not one that says what the name does: "Iran-backed", "US-led".
# Verbs whose "that" clause takes a subjunctive: "ordered that Smith have a lawyer".
_MANDATIVE = frozenset(
    "order demand insist require ask recommend suggest urge propose request command".split()
)

_BEFORE_A_PLACE_SUFFIX = re.compile(
    r"[-–](?:based|born|bred|raised|educated|made|built|clad|like|style|era"
    r"|speaking|winning|nominated|sized|shaped|bound|friendly|centric|specific)\b",
    re.IGNORECASE,  # "The New York-Based Group" of a headline
)


class _Finder:
    """Runs the rules over one parsed document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        quotes = find_quotes(self.text)
        self.scare_quotes = [q for q in quotes if self._is_scare_quote(*q)]
        self.so_called = [m.end() for m in SO_CALLED.finditer(self.text)]
        # "WASHINGTON — ...": a dateline says where the story was filed, nothing more.
        self.datelines = [m.span() for m in re.finditer(rf"(?m)^{DATELINE.pattern}", self.text)]
        # "Courtesy of bodo / INSP.ngo", "REUTERS/Khalid al-Mousily/File Photo": a credit
        # names no actor of the article.
        self.datelines += [
            (m.start(), m.start() + len(m.group().split("\n", 1)[0]))
            for m in re.finditer(r"(?m)^[ \t]*\S.*$", self.text)
            if CREDIT.match(m.group().strip()) and len(m.group().split()) <= CREDIT_WORDS
        ]

        # "Advertisement 2 Story continues below": a page's furniture names no actor.
        self.furniture = find_furniture(self.text)
        self.in_capitalised_line = capitalised_lines(self.text)
        self._lower_words: set[str] | None = None
        self._name_words: set[str] | None = None
        self.in_table_line = tabular_lines(self.text)
        self._heads: dict[int, list[int]] = {}  # statement index -> its source's heads
        # Names tagged other than PERSON that the article shows are people's.
        self.misnamed = {(e.start, e.end) for e in people_tagged_otherwise(doc)}
        self.person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
        # Acronyms the article defines in brackets after a name: no actor's name.
        self.acronyms: set[str] = set()
        self._word_starts: dict[str, list[int]] | None = None  # `_occurrences`
        self._ents: list[Span] | None = None  # `_add_repeat`
        self._ent_starts: list[int] = []

    # helpers ---------------------------------------------------------------------------------

    def _is_scare_quote(self, start: int, end: int) -> bool:
        """A short quote that holds the writer's distance from its words ("moderate
        rebels"); not the title of a work or a show ("Fox & Friends", "Angela's Ashes",
        every word capitalised) nor a name given as one ("SAVE", 'Rossiya'), a nickname
        between names (Tyler "Coda" Moore), nor a word mentioned as a word ("the word
        'Hezbollah'")."""
        inner = self.text[start:end].strip(_QUOTE_MARKS + " ")
        words = inner.split()
        if not 1 <= len(words) <= 3 or inner[-1:] in {",", ".", "?", "!", ":", ";"}:
            return False
        titled = [w for w in words if w[0].isalpha() and w.lower() not in _MINOR_WORDS]
        if titled and all(w[0].isupper() for w in titled):
            # One capitalised word is a name, a code or a chant given as such ("SAVE",
            # "Brexit", an inn known as 'Lafferty', fans chanting 'Rossiya').
            return False
        before = self.text[max(0, start - 30) : start]
        if _MENTIONED_AS_WORD.search(before):
            return False
        after = self.text[end : end + 30]
        return not (_NAME_BEFORE.search(before) and _NAME_AFTER.match(after))

    def _span(self, tokens: Iterable[Token]) -> tuple[int, int]:
        items = [t for t in tokens if not t.is_space]
        return items[0].idx, items[-1].idx + len(items[-1].text)

    def _left_run(self, head: Token) -> list[Token]:
        """The head with the modifiers directly before it: determiners, adjectives,
        compounds, hyphenated ones too ("Iranian-backed"); it stops at other
        punctuation, quotation marks and "so-called"."""
        run = [head]
        k = head.i - 1
        while k >= head.sent.start:
            token = self.doc[k]
            inside = {t.i for t in run}
            if token.text == "-" and k > head.sent.start and self.doc[k - 1].head.i in inside:
                run[:0] = [self.doc[k - 1], token]
                k -= 2
                continue
            if token.is_punct or token.is_space or token.text in _QUOTE_MARKS:
                break
            if token.lower_ == "called" and k >= 2 and self.doc[k - 2].lower_ == "so":
                break
            if token.head.i not in inside:
                break
            if token.dep_ not in {"det", "amod", "compound", "nmod", "nummod"}:
                break
            if token.dep_ == "det" and token.lower_ not in DETERMINERS:
                break
            run.insert(0, token)
            k -= 1
        return run

    def naming_verb(self, token: Token) -> Token | None:
        """The naming verb ("call", "relabel", "describe ... as") whose complement the
        token heads, or None."""
        head = token.head
        if head.i != token.i and _verb_base(head) in NAMING_VERBS:
            if token.dep_ in {"oprd", "xcomp", "attr", "acomp", "ccomp"}:
                return head
            if token.dep_ == "dobj" and any(
                c.dep_ in {"nsubjpass", "dative"} or (c.dep_ == "dobj" and c.i != token.i)
                for c in head.children
            ):
                return head
        if token.dep_ == "pobj" and head.lower_ == "as":
            verb = head.head
            if _verb_base(verb) in NAMING_VERBS:
                return verb
        return None

    def _introduced(self, verb: Token, tokens: Sequence[Token]) -> bool:
        """Whether a naming verb introduces a person's name rather than labels someone: a
        past participle "named" after a noun, the name outside quotation marks ("a
        teenager named Trayvon Martin"; not "a man named “the Butcher”", nor "They called
        him Mr. Trump"). Its caller asks it of people only, and "called" introduces
        things as often: "a project called 800 Monroe", "a search engine called Project
        Dragonfly"."""
        return (
            verb.dep_ == "acl"
            and verb.tag_ == "VBN"
            and verb.lower_ == "named"  # "a project called 800 Monroe" names a thing
            and verb.head.pos_ in {"NOUN", "PROPN"}
            and not self.in_scare_quote(*self._span(tokens))
            and not any(t.text in _QUOTE_MARKS for t in verb.doc[verb.i + 1 : tokens[0].i])
        )

    def in_scare_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.scare_quotes)

    def after_so_called(self, start: int) -> bool:
        """ "so-called" right before `start`, perhaps with an opening quotation mark."""
        for end in self.so_called:
            between = self.text[end:start]
            if end <= start and between.strip(" " + _QUOTE_MARKS) == "":
                return True
        return False

    def marks(self, start: int, end: int, outer: tuple[int, int] | None = None) -> set[str]:
        marks = set()
        if self.in_scare_quote(start, end):
            marks.add("scare_quotes")
        if self.after_so_called(start) or (outer is not None and self.after_so_called(outer[0])):
            marks.add("so_called")
        return marks

    def _label_in_a_name(self, token: Token) -> bool:
        """A capitalised label noun inside a sentence, "of" and a capital after it: a
        name's word ("the Gang of Eight", "the Gang of Four"), not a label."""
        k = token.i
        return (
            token.text[:1].isupper()
            and not token.is_sent_start
            and k + 2 < len(self.doc)
            and self.doc[k + 1].lower_ == "of"
            and self.doc[k + 2].text[:1].isupper()
        )

    @staticmethod
    def _a_slogan(tokens: list[Token]) -> bool:
        """Capitals that say something rather than name someone: two words or more, all
        in capitals, one of them a pronoun ("CLOSE OUR SOUTHERN BORDER", "MAKE AMERICA
        GREAT AGAIN" is a name's and keeps none)."""
        words = [t for t in tokens if t.is_alpha]
        return (
            len(words) >= 2
            and all(t.text.isupper() for t in words)
            and any(t.lower_ in _SLOGAN_PRONOUNS for t in words)
        )

    # mentions ----------------------------------------------------------------------------------

    def entities(self) -> Iterator[Span]:
        """The entity recogniser's names, a list of names it ran together cut at its
        semicolons: "Broadcom; Cavium, Inc." (ORG) of "including Barefoot Networks;
        Broadcom; Cavium, Inc.; Extreme Networks" is two names; and a person's or a
        body's at a comma with no "and" after it: "Eizenkot, Zakkout" (ORG) of "Above
        the picture of Eizenkot, Zakkout wrote ..." (not "Farrar, Straus and Giroux",
        "Cavium, Inc.", nor an institution's "of" list: "Bureau of Alcohol, Tobacco").
        Each part takes the label the recogniser gives the same words elsewhere, else a
        person's where it is written as one (a given name and a surname, or a title
        before them: "Archbishop Charles Chaput"), else the whole's: "Paddock" of
        "Campos, Paddock" (ORG) stays the person he is elsewhere."""
        from spacy.tokens import Span  # loaded with the parser that made the entities

        labels: dict[str, Counter[str]] = {}
        for ent in self.doc.ents:
            labels.setdefault(ent.text, Counter())[ent.label_] += 1
        for ent in self.doc.ents:
            cuts = [t.i for t in ent if t.text == ";"]
            if ent.label_ in {"PERSON", "ORG"} and not any(
                t.lower_ in {"and", "&", "und"} for t in ent
            ):
                cuts += [
                    t.i
                    for t in ent[:-1]
                    if t.text == ","
                    and t.i > ent.start
                    and t.nbor().text[:1].isupper()
                    and t.nbor().text.rstrip(".") not in _NAME_SUFFIXES
                    and not (
                        any(w.lower_ in {"of", "for"} for w in self.doc[ent.start : t.i])
                        and not self._a_name_after(t)
                    )
                ]
                cuts.sort()
            slashes = [t.i for t in ent if t.text == "/"]
            if slashes and all(
                part.text in labels
                for part in (
                    self.doc[a + 1 : b]
                    for a, b in zip([ent.start - 1, *slashes], [*slashes, ent.end], strict=True)
                )
            ):
                # "Bergoglio/Francis" (ORG): two names of one man, each a PERSON
                # elsewhere; not "AC/DC".
                cuts = sorted(cuts + slashes)
            if not cuts:
                yield ent
                continue
            start = ent.start
            for end in (*cuts, ent.end):
                if end > start:
                    part = self.doc[start:end]
                    label = ent.label_
                    elsewhere = labels.get(part.text)
                    if elsewhere:
                        label = elsewhere.most_common(1)[0][0]
                    elif self._a_persons_words(list(part)):
                        label = "PERSON"
                    yield Span(self.doc, start, end, label=label)
                start = end + 1

    def _a_name_after(self, comma: Token) -> bool:
        """Whether a person's name follows a comma inside an entity, up to the next comma
        or the entity's end: "Lorenzo Baldisseri" of "the Congregation for Bishops, Lorenzo
        Baldisseri" (not "Tobacco" of "Bureau of Alcohol, Tobacco")."""
        words = []
        for token in self.doc[comma.i + 1 : comma.i + 6]:
            if token.text == "," or token.ent_iob_ != "I":
                break
            words.append(token)
        return self._a_persons_words(words)

    def _a_persons_words(self, tokens: list[Token]) -> bool:
        """Whether words are a person's name as written: a given name and a surname, or a
        title before them ("Archbishop Charles Chaput")."""
        return bool(tokens) and (
            _a_given_name_and_surname([t.text for t in tokens])
            or self._titled_name_at(tokens) is not None
        )

    def entity_mentions(self) -> Iterator[_Mention]:
        for ent in self.entities():
            if ent.label_ not in ENTITY_KINDS:
                continue
            tokens = [t for t in ent if not t.is_space and t.lower_ not in {"’s", "'s"}]
            # "ArrowRight Ms. Wurtzel": the page's furniture before or after a name.
            while tokens and self._in_furniture(tokens[0]):
                tokens = tokens[1:]
            while tokens and self._in_furniture(tokens[-1]):
                tokens = tokens[:-1]
            while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
                tokens = tokens[1:]
            # "fashionista Russell Westbrook", "Vinicius Jr and": a common word before a
            # name, or the "and" of a list after it, is no word of the name.
            while len(tokens) > 1 and _a_common_word_before(tokens[0], tokens[1]):
                tokens = tokens[1:]
            while tokens and tokens[-1].lower_ in {"and", "or"}:
                tokens = tokens[:-1]
            if tokens and question_auxiliary(tokens[0]):
                tokens = tokens[1:]  # "Will" of "Will Marco Rubio ... renege ...?"
            # "Mazra’at Tarek (Tarek", "The World Health Organization (WHO": a bracket the
            # entity opens and does not close ends the name before it.
            opened = next((k for k, t in enumerate(tokens) if t.text == "("), None)
            if opened is not None and not any(t.text == ")" for t in tokens[opened:]):
                tokens = tokens[:opened]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            if any(t.text in _QUOTE_MARKS for t in tokens):
                continue  # runs over a quotation mark: a headline's words, not one name
            if not any(t.is_alpha for t in tokens) or not any(t.text[:1].isupper() for t in tokens):
                continue
            if any(t.text.startswith("@") for t in tokens):
                continue  # "Twitter @howellspace": a handle, whoever holds it
            if tokens[0].idx > 0 and self.text[tokens[0].idx - 1] == "#":
                continue  # "#LasVegas attack": a hashtag, a topic
            if _TITLED.search(self.text, max(0, tokens[0].idx - 14), tokens[0].idx):
                continue  # "a screed titled “Biblical Basis for War”": a work, nobody
            if _BEFORE_A_PLACE_SUFFIX.match(self.text, tokens[-1].idx + len(tokens[-1].text)):
                continue  # "a New York-based writer", "an American-born man": where, not who
            if self._a_storm(tokens):
                continue  # "Hurricanes Irma and Maria": weather, nobody
            if len(tokens) == 1 and tokens[0].lower_ in _NOBODY_ALONE:
                continue  # "Ebola" tagged a place, "Brexit" a person: an illness, a topic
            if len(tokens) == 1 and tokens[0].lower_.rstrip(".") in _COMPANY_SUFFIXES:
                continue  # "LLC" of "Tribune Content Agency, LLC.": what kind of company
            if self._a_slogan(tokens):
                continue  # "CLOSE OUR SOUTHERN BORDER": shouted words, no one's name
            if self._a_day(ent, tokens):
                continue  # "St. Valentine's Day", "Armed Forces Day": a date, nobody
            if ent.label_ == "PERSON" and any(c.isdigit() for t in tokens for c in t.text):
                # "Victoria 3844", "Linux Kernel 2.6.36", "John 9:31", "Puberty 2": a
                # person's name holds no figure; the tagger took a place, a product, a
                # verse or a title for one.
                continue
            if ent.label_ == "PERSON" and len(tokens) >= 3 and self._headline_verb(tokens):
                # "Louis Farrakhan Refers to the U.S. as ...": a title-case headline's verb.
                tokens = tokens[:-1]
            # "Circa’s Sara Carter" (ORG): the person is the name after the possessive.
            owner = next(
                (i for i, t in enumerate(ent) if t.lower_ in {"’s", "'s"} and i < len(ent) - 2),
                None,
            )
            if owner is not None and _a_given_name_and_surname([t.text for t in ent[owner + 1 :]]):
                tokens = [t for t in tokens if t.i > ent[owner].i]
            # "Philadelphia Archbishop Charles Chaput" tagged ORG: a title and a given
            # name and surname after it are a person's name, as "Orlando Mayor Buddy
            # Dyer" (PERSON) is.
            titled = ent.label_ != "PERSON" and (
                self._titled_name_at(tokens) is not None
                or (owner is not None and _a_given_name_and_surname([t.text for t in tokens]))
                or self._title_and_surname(tokens)
            )
            root = max(tokens, key=lambda t: t.i) if ent.root not in tokens else ent.root
            if any(_label_noun(t) for t in tokens):
                continue  # "Jihadis" tagged ORG: the labelling rules own it
            if (
                len(tokens) == 1
                and tokens[0].is_sent_start
                and ent.label_ != "NORP"  # "Conservatives said ...": a side
                and not tokens[0].text.isupper()  # "IANS", "US"
                and self._common_word(tokens[0])
            ):
                continue  # "Schools will close ...": a capital that opens a sentence
            if (
                len(tokens) == 1
                and tokens[0].i + 1 < len(self.doc)
                and self.doc[tokens[0].i + 1].lower_ in {"and", "or"}
                and any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in tokens[0].children)
            ):
                # "Hilarious and refreshingly irreverent!" (PERSON): an adjective; not
                # "Nzara, South Sudan" nor "and Alexander, and as many as were ...".
                continue
            if (
                self._after_furniture(tokens[0])
                and ent.label_ != "NORP"
                and all(self._lower_elsewhere(t) and not t.text.isupper() for t in tokens)
            ):
                # "Hide Caption 2 of 30 Photos: <title> People cross a street ...": a
                # caption opens after the gallery's words, as a sentence does.
                continue
            if ent.label_ == "NORP" and (root.pos_ == "ADJ" or root.dep_ == "amod"):
                continue  # "Russian" in "the Russian military"
            if len(tokens) == 1 and _everyman(tokens[0]):
                continue  # "the average Joe or Jane": anybody, nobody named
            verb = self.naming_verb(root)
            if verb is not None and not (ent.label_ == "PERSON" and self._introduced(verb, tokens)):
                continue  # a name given to someone, not a mention
            if self._party_member_apposed(tokens):
                continue  # "Sen. John McCain, an Arizona Republican": who he is, no actor
            if len(tokens) == 1 and _OFFICE_OF.search(
                self.text, max(0, tokens[0].idx - 30), tokens[0].idx
            ):
                continue  # "State" of "Secretary of State": a title's word, no actor
            if len(tokens) == 1 and self._title_of_a_name(tokens[0]):
                continue  # "Cardinal" (ORG) of "Cardinal Parolin": the name's title
            # "Islamic State": the proper noun that an entity is a compound of, and the
            # proper-noun compounds before an entity, that the model left outside it. Not
            # a title ("Miami Township Chief" is no place), and no group noun before a
            # person ("Chief of Police Mike Mills": Mike Mills, not the police).
            if root.dep_ == "compound" and root.head.i == tokens[-1].i + 1:
                head = root.head
                if (
                    head.pos_ == "PROPN"
                    and not _label_noun(head)
                    # "President Donald Trump Proposes “Simple Immigration Plan”"
                    and not (ent.label_ == "PERSON" and self._headline_verb([*tokens, head]))
                    and head.lower_ not in TITLES
                    and head.ent_type_ not in {"DATE", "TIME"}  # "Britain January"
                ):
                    root = head
                    tokens.append(root)
            k = tokens[0].i - 1
            while k >= 0 and self.doc[k].dep_ == "compound" and self.doc[k].pos_ == "PROPN":
                if self.doc[k].is_punct:
                    break  # the full stop of "Capt. Jack Collins", which the tagger calls PROPN
                if _label_noun(self.doc[k]) or self.doc[k].head.i < tokens[0].i:
                    break
                if _a_common_word_before(self.doc[k], tokens[0]):
                    break  # "comedian" of "comedian Celeste Barber", "haj" before a name
                if ent.label_ == "PERSON" and _group_kind(self.doc[k]) is not None:
                    break
                # Another entity is no word of a person's name ("State" of "Secretaries
                # of State Angelo Sodano", "Republican" of "Republican Donald Trump"),
                # unless it is or a title follows it: "Orlando Mayor Buddy Dyer",
                # "National Park Service Director Jonathan Jarvis", "House General Counsel
                # Douglas Letter" (ORG, PERSON).
                if (
                    ent.label_ == "PERSON"
                    and self.doc[k].ent_type_ not in {"", "PERSON"}
                    # "Wilfredo" (GPE) of "Wilfredo Amr Ruiz", who is "Wilfredo Ruiz" too
                    and self.doc[k].text not in self.person_words
                    and not any(t.lower_.rstrip(".") in _IN_A_TITLE for t in [self.doc[k], *tokens])
                ):
                    break
                tokens.insert(0, self.doc[k])
                k -= 1
            first = tokens[0]
            plural_the = False
            the_kind: str | None = None
            if first.i > 0 and self.doc[first.i - 1].lower_ == "the":
                # "the Dodgers", "the Houthis", "the Trumps", "the Klansmen" tagged PERSON:
                # a team, a people or a family, not one person.
                plural_the = len(tokens) == 1 and first.text.endswith(("s", "men"))
                # "The Enquirer", "the Thunder", "the Duma", "the Tatmadaw" tagged PERSON:
                # no one is called "the Smith". A paper, a team, a parliament, an army
                # (or a book or a place, which the tagger does not say either). An
                # epithet is a person's ("the Prophet", "the Emir"), and "the" may be
                # another noun's ("the Putin-backed candidate").
                if (
                    ent.label_ == "PERSON"
                    and len(tokens) == 1
                    and not plural_the
                    and root.dep_ not in {"compound", "amod", "nmod", "poss"}
                ):
                    the_kind = the_name_kind(first)
                tokens.insert(0, self.doc[first.i - 1])
            start, end = self._span(tokens)
            if any(ds <= start and end <= de for ds, de in self.datelines):
                continue
            misnamed = (ent.start, ent.end) in self.misnamed  # "General Suleimani" (ORG)
            person = ent.label_ == "PERSON" or misnamed or titled
            key = _key([t.text for t in tokens], person=person)
            if not key:
                continue
            hint = "person" if person else ENTITY_KINDS[ent.label_]
            if person and plural_the:
                hint = "group"
            if person and a_presidents_staff(key):
                # "The Obama White House" (PERSON): a president's staff, an institution;
                # as a person's name it took "Obama" as its given name.
                hint = "organisation"
            if the_kind is not None:
                hint = the_kind
            if tokens[0].lower_.rstrip(".") in HONORIFICS and not tokens[0].is_upper:
                hint = "person"  # "Ms Geller", whatever the model says; "DR Congo" is no doctor
            if key in _MEDIA_KEYS:
                hint = "media"
            if key in BLOC_NAMES:
                hint = BLOC_NAMES[key]
            modifier_only = root.dep_ in {"compound", "amod", "nmod"} and not (
                tokens[0].i <= root.head.i <= tokens[-1].i
            )
            # A name that only modifies a noun is no mention ("Grad rockets"), unless an
            # outlet's before a common noun: "A Politico reporter asked", "the AP alert
            # said"; not a credit's "(Reuters/Kevin Lamarque)".
            if modifier_only and hint == "media" and root.head.pos_ == "NOUN":
                modifier_only = False
            yield _Mention(start, end, root.i, key, hint, "entity", ent.label_, modifier_only)

    def bloc_mentions(self) -> Iterator[_Mention]:
        for token in self.doc:
            key = token.lower_
            if key not in BLOC_NAMES or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            if token.i == 0 or self.doc[token.i - 1].lower_ != "the":
                continue
            det = self.doc[token.i - 1]
            yield _Mention(
                det.idx, token.idx + len(token.text), token.i, key, BLOC_NAMES[key], "bloc"
            )

    def phrase_mentions(self) -> Iterator[_Mention]:
        """Labelling nouns used as a name for a side, as a head ("the Jihadis") or a
        modifier ("Jihadi held districts"), and group nouns with a name-like modifier
        ("the Russian military"); bare group nouns ("the military") are kept only to
        join a specified group."""
        for token in self.doc:
            labelling = _label_noun(token) and token.pos_ in {"NOUN", "PROPN", "ADJ"}
            if labelling and (
                # "may seem radical": an adjective said of something, not a name for anyone
                (token.pos_ == "ADJ" and token.dep_ not in {"amod", "compound", "nmod"})
                or (
                    token.i + 2 < len(self.doc)
                    and self.doc[token.i + 1].text == "-"
                    and self.doc[token.i + 2].pos_ == "VERB"
                    and self.doc[token.i + 2].dep_ not in {"amod", "compound"}
                )  # "being gang-raped"; but "rebel-held districts" names the rebels
            ):
                labelling = False
            group = _group_kind(token)
            if not (labelling or group) or self.naming_verb(token) is not None:
                continue
            if token.dep_ == "compound" and token.head.text == "Day":
                continue  # "Armed Forces Day": a day's name, nobody
            if labelling and self._label_in_a_name(token):
                continue  # "the Gang of Eight": a name's word, no label
            if labelling and self._beside_name(token) is not None:
                continue  # "the dictator Assad": a label of Assad
            if labelling and self._said_of_someone(token):
                continue  # "he is an extremist", "as an insurgent": a label, no one new
            # The word after a hyphen: "gangster-like", "rebel-held".
            hyphened = token.i + 2 < len(self.doc) and self.doc[token.i + 1].text == "-"
            after = self.doc[token.i + 2] if hyphened else None
            if labelling and after is not None and after.lower_ in _LIKENESS:
                continue  # "gangster-like threats": what the threats are like, nobody
            # "rebel-held", "Jihadi-led": the participle's doer; not "militant-turned-informant"
            led = after is not None and after.tag_ in {"VBN", "VBD"} and after.lower_ != "turned"
            head = token.head
            if (
                token.dep_ in {"compound", "nmod"}
                and head.i == token.i + 1
                and head.lemma_.lower() == "change"
            ):
                continue  # "regime change": a policy's name, no mention of a regime
            if labelling and led:
                # "rebel-held Ukraine" names the rebels: a side, not a person called
                # "rebel"; "a dictator-led country" names one.
                start, end = token.idx, token.idx + len(token.text)
                key = _singular(token.lower_)
                kind = "person" if key in _RULERS else "group"
                yield _Mention(start, end, token.i, key, kind, "label")
                continue
            if labelling and token.dep_ in {"compound", "amod", "nmod"} and head.i > token.i:
                if _group_kind(head) is None and not _label_noun(head):
                    start, end = token.idx, token.idx + len(token.text)
                    key = _singular(token.lower_)
                    yield _Mention(start, end, token.i, key, "group", "label", modifier_only=True)
                continue  # the phrase it modifies is the mention
            own = self._left_run(token)
            run = self._with_leader(token, own)
            start, end = self._span(run)
            words = [t for t in own if t.dep_ != "det" and t.text != "-"]
            named = [t for t in words[:-1] if _name_like(t) and not _label_noun(t)]
            labels = [t for t in words[:-1] if _label_noun(t)]
            # "the dictator" is one person; "the regime", "the Jihadis" are groups.
            single = token.tag_ == "NN" and _singular(token.lower_) not in COLLECTIVE_LABELS
            hint = "person" if labelling and single else "group"
            if group and not labelling:
                hint = group
            if named:
                key = _key([*(t.text for t in named), token.text])
                yield _Mention(start, end, token.i, key, hint, "group")
            elif labelling:
                yield _Mention(start, end, token.i, _singular(token.lower_), hint, "label")
            elif labels:
                key = _singular(labels[-1].lower_)  # "this Jihadi force": the Jihadis
                yield _Mention(start, end, token.i, key, "group", "group")
            elif run[0].lower_ == "the" and len(run) == 2:
                yield _Mention(start, end, token.i, _key([token.text]), hint, "bare")

    @staticmethod
    def _titled_name_at(tokens: list[Token]) -> int | None:
        """Where a title opens a person's given name and surname inside an entity tagged
        other than PERSON: 1 for "Philadelphia Archbishop Charles Chaput"; None for
        "General Motors"."""
        for i, token in enumerate(tokens[:-2]):
            if token.lower_.rstrip(".") not in _OFFICES or not token.is_title:
                continue
            if _a_given_name_and_surname([t.text for t in tokens[i + 1 :]]):
                return i
        return None

    def _headline_verb(self, tokens: list[Token]) -> bool:
        """Whether the last word of a name is the verb of a headline in title case that
        the tagger took for a name's: "Refers" of "Louis Farrakhan Refers to the U.S.",
        "Proposes" of "President Donald Trump Proposes ...". It ends in "s", governs
        the words before it, and the name without it is written elsewhere without it."""
        last = tokens[-1]
        if not (last.is_title and last.lower_.endswith("s") and not last.lower_.endswith("ss")):
            return False
        if not (last.dep_ in {"ROOT", "dep"} or any(c.dep_ == "prep" for c in last.children)):
            return False
        if not all(t.head.i == last.i or t.head.i in {u.i for u in tokens} for t in tokens[:-1]):
            return False
        name = r"\s+".join(re.escape(t.text) for t in tokens[-3:-1])
        return any(
            m.start() != tokens[-3].idx
            for m in re.finditer(rf"\b{name}\b(?!\s+{re.escape(last.text)})", self.text)
        )

    def _title_and_surname(self, tokens: list[Token]) -> bool:
        """Whether an entity is a person's title and one surname: "Archbishop Myers",
        "Sheriff Lombardo" (ORG); not "Cardinal Health", whose second word is a common one."""
        if len(tokens) != 2 or not tokens[0].is_title:
            return False
        title, name = tokens
        return (
            title.lower_.rstrip(".") in _SURNAME_TITLES
            and name.pos_ == "PROPN"
            and name.is_title
            and _singular(name.lower_) not in _NOT_IN_A_NAME
            and not self._lower_elsewhere(name)
        )

    def _title_of_a_name(self, token: Token) -> bool:
        """Whether a capitalised title stands right before a name, so that it is the
        name's title, whatever entity the tagger made of it: "Cardinal" of "Cardinal
        Parolin", "Fr" of "Fr.\nWeinandy" (a full stop and a line break between them,
        as the PTC articles write it)."""
        if token.lower_.rstrip(".") not in TITLES or not token.text[:1].isupper():
            return False
        nxt = token.i + 1
        while nxt < len(self.doc) and (self.doc[nxt].is_space or self.doc[nxt].text == "."):
            nxt += 1
        if nxt >= len(self.doc) or self.doc[nxt].idx - (token.idx + len(token)) > 3:
            return False
        following = self.doc[nxt]
        return following.pos_ == "PROPN" and following.text[:1].isupper()

    def _a_storm(self, tokens: list[Token]) -> bool:
        """Whether a name is a storm's: "Hurricane Maria", "Hurricanes Irma" and the
        "Maria" listed after it, "Typhoon Haiyan", "Storm Ciara"."""
        first = tokens[0]
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head  # "Maria" of "Hurricanes Irma and Maria"
            while first.i > 0 and self.doc[first.i - 1].dep_ == "compound":
                first = self.doc[first.i - 1]
        before = self.doc[first.i - 1] if first.i > 0 else None
        return first.lower_ in _STORMS or (before is not None and before.lower_ in _STORMS)

    def _after_furniture(self, token: Token) -> bool:
        """Whether the page's furniture ends just before `token`, spaces between."""
        if not self.furniture:
            return False
        before = token.idx  # walked back, not sliced: asked of every entity of a long text
        while before > 0 and self.text[before - 1].isspace():
            before -= 1
        return before > 0 and (before - 1) in self.furniture

    def _lower_elsewhere(self, token: Token) -> bool:
        """A common noun, verb, adjective or adverb to the tagger, or a word the article
        also writes in lower case (`_common_word` without its names' exception)."""
        return token.pos_ in {"NOUN", "ADJ", "ADV", "VERB"} or token.lower_ in self._lowered()

    def _lowered(self) -> set[str]:
        """The words the article writes in lower case (computed once)."""
        if self._lower_words is None:
            self._lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", self.text))
        return self._lower_words

    def _common_word(self, token: Token) -> bool:
        """A word the tagger takes for a common noun (or an adjective, an adverb, a verb:
        "Hilarious and refreshingly irreverent!"), or that the article also writes in
        lower case ("Rainwater flooded ..." beside "the rainwater"), and that no name
        inside a sentence holds ("Trump" of "Donald Trump" stays a name)."""
        if self._name_words is None:
            self._name_words = {
                t.lower_ for ent in self.doc.ents for t in ent if not t.is_sent_start
            }
        if token.lower_ in self._name_words:
            return False
        return token.pos_ in {"NOUN", "ADJ", "ADV", "VERB"} or token.lower_ in self._lowered()

    @staticmethod
    def _said_of_someone(token: Token) -> bool:
        """Whether a labelling noun with "a" or "an" is said of someone the sentence names
        otherwise: the complement of "be" ("he is an extremist", "a base opportunist and
        a zealot"), or "as a ..." ("he did well as an insurgent"). It labels them; it
        names no one new. "There is a terrorist" does name one; a plural complement
        ("they are traitors") names the side the article labels, and stays."""
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
            return False
        label = token
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        if token.dep_ == "attr":
            # Said of a name or a pronoun; "the attacker was a terrorist" names the
            # terrorist nowhere else.
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            return subject is not None and (
                subject.pos_ in {"PRON", "PROPN"} or subject.ent_type_ in {"PERSON", "ORG"}
            )
        after = label.doc[label.i + 1] if label.i + 1 < len(label.doc) else None
        return (
            token.dep_ == "pobj"
            and token.head.lower_ == "as"
            and (after is None or after.pos_ not in {"VERB", "AUX"})  # "as a militant fired"
        )

    def _beside_name(self, token: Token) -> Token | None:
        """The name that a labelling noun is set beside ("the dictator Assad", "Assad,
        the dictator"), or None."""
        names = {"PERSON", "ORG", "GPE", "NORP"}
        head = token.head
        if token.dep_ in {"compound", "appos", "amod"} and head.ent_type_ in names:
            return None if _label_noun(head) else head
        for child in token.children:
            if child.dep_ in {"appos", "compound"} and child.ent_type_ in names:
                return None if _label_noun(child) else child
        return None

    def _with_leader(self, token: Token, run: list[Token]) -> list[Token]:
        """ "the Al-Qaeda led Jihadis": a participle of leading right before the noun,
        whose subject comes right before it, joins the phrase."""
        first = run[0]
        verb = self.doc[first.i - 1] if first.i > 0 else None
        if verb is None or verb.tag_ not in {"VBN", "VBD"} or _verb_base(verb) not in LEADING_VERBS:
            return run
        if first.dep_ == "det":
            return run  # "Obama backed the regime": a clause, not a phrase
        if token.head.i != verb.i and not (verb.head.i == token.i):
            return run
        leader = next((c for c in verb.children if c.dep_ in {"nsubj", "npadvmod"}), None)
        if leader is None or leader.i > verb.i or leader.ent_type_ not in {"ORG", "PERSON", "GPE"}:
            return run
        left = min(t.i for t in leader.subtree)
        if verb.tag_ == "VBD" and self.doc[left].lower_ != "the":
            return run  # "Obama backed regimes"; but "the Al-Qaeda led Jihadis"
        if any(t.is_punct and t.text != "-" for t in self.doc[left : verb.i]):
            return run
        return list(self.doc[left : verb.i]) + run

    def candidates(self) -> list[_Mention]:
        found = [
            *self.entity_mentions(),
            *self.bloc_mentions(),
            *self.phrase_mentions(),
        ]
        # One mention per span and key: the longest of those nested in each other.
        # In order of start, the longest first, a mention lies inside one kept before it
        # of its key exactly where that key's furthest end reaches its end (no later one
        # can hold an earlier one): a look per mention, where a long text's thousands
        # of mentions were each compared with all the others.
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[_Mention] = []
        reach: dict[str, int] = {}
        for m in found:
            if reach.get(m.key, -1) >= m.end:
                continue
            reach[m.key] = m.end
            kept.append(m)
        standalone = {m.key for m in kept if not m.modifier_only}
        kept = [m for m in kept if not m.modifier_only or m.key in standalone]
        # A table row or a heading in capitals ("Prefer Clinton 45 50", "Story Highlights
        # Trump", "Bottom Line") and a table flattened into a line of figures ("The
        # economy 92 53 43 Trump +10 Employment and jobs 89 52 45") make names out of
        # capitalised words: a name met only in such lines is not an actor, and its junk
        # keys would keep "Clinton" from joining "Hillary Clinton".
        headed = [
            (m.origin == "entity" and self.in_capitalised_line(m.start))
            or self.in_table_line(m.start)
            for m in kept
        ]
        elsewhere = {m.key for m, h in zip(kept, headed, strict=True) if not h}
        return [m for m, h in zip(kept, headed, strict=True) if not h or m.key in elsewhere]

    # grouping ---------------------------------------------------------------------------------

    def group(self, mentions: list[_Mention]) -> list[_Actor]:
        # One person's name spelled two ways ("Qassem"/"Qassim Soleimani") is one key;
        # a surname alone spelled another way ("Suleimani") is written as the name's.
        respelled = _spelling_variants(
            [m.key for m in mentions if m.origin != "bare"],
            {m.key for m in mentions if m.hint == "person" or self._aged(m)},
            # No country ("Lebanon" is no "Libyan", "China" no "Cheney") and no body or
            # group ("the Mayburies" are not Kylie Maybury) is a surname respelled.
            not_surnames=_COUNTRY_KEYS
            | {m.key for m in mentions if m.hint in {"organisation", "group", "media"}},
        )
        variant_surnames = set()
        for m in mentions:
            if m.key in respelled:
                if " " not in m.key:
                    variant_surnames.add(id(m))
                m.key = respelled[m.key]
        keys = {m.key for m in mentions if m.origin != "bare"}
        # "62-year-old Tatiana Romanova" is a person whatever the model tags her.
        # So is "Christina Ricci", though tagged ORG (`_written_as_a_person`).
        written_as = {m.key for m in mentions if m.hint != "person" and self._a_persons_name(m)}
        persons = {m.key for m in mentions if m.hint == "person" or self._aged(m)} | written_as
        votes: dict[str, Counter[str]] = {}
        for m in mentions:
            person = m.key in written_as or self._aged(m)  # whatever the model tags it
            votes.setdefault(m.key, Counter())["person" if person else m.hint] += 1
        hints = {k: c.most_common(1)[0][0] for k, c in votes.items()}
        counts = Counter(m.key for m in mentions if m.origin != "bare")
        # Each key's last words as the article writes them: keys lose a final "s".
        written: dict[str, set[str]] = {}
        forms: list[str | None] = []
        for m in mentions:
            words = self.text[m.start : m.end].split()
            last = None
            if id(m) in variant_surnames:
                last = m.key  # "Suleimani", as "Soleimani" is written
            elif words:
                # As the key does, without accents: "Vigano's" is written as "Viganò".
                last = re.sub(r"[’']s$", "", _unaccented(words[-1].lower()).strip(_QUOTE_MARKS))
            if last is not None:
                written.setdefault(m.key, set()).add(last)
            forms.append(last if " " not in m.key else None)
        # The gender a title gives a mention ("Ms. Wurtzel"), and each full name's, by
        # its first name or a title it is written with ("Donald Wurtzel": a man's).
        titled = [self._title_gender(m) for m in mentions]
        genders: dict[str, str] = {}
        for m, gender in zip(mentions, titled, strict=True):
            if " " in m.key and m.key in persons:
                found = name_gender(m.key.split()[0]) or gender
                if found:
                    genders.setdefault(m.key, found)
        # A one-word key joins by each way it is written: "Roberts" may join "Mick
        # Roberts" and "Robert" "Robert Salway", though both are keyed "robert"; and by
        # its title's gender: "Ms. Wurtzel" joins no "Donald Wurtzel".
        alias: dict[tuple[str, str | None, str | None], str | None] = {}
        for m, form, gender in zip(mentions, forms, titled, strict=True):
            if (m.key, form, gender) not in alias:
                own = written if form is None else ChainMap({m.key: {form}}, written)
                alias[m.key, form, gender] = self._alias(
                    m.key, keys, persons, hints, counts, own, gender=gender, genders=genders
                )
        # A bare title ("the Pope", tagged a person) that joins no name as a word does
        # ("King" joins "Martin Luther King") is the one person the article writes with
        # it ("Pope Francis"), where it writes one only. An honorific is no office ("the
        # Lord").
        bearers: dict[str, set[str]] = {}
        for m in mentions:
            if m.origin == "entity" and m.key in persons and (title := self._title(m)):
                ends = {v or m.key for (k, _, _), v in alias.items() if k == m.key}
                bearers.setdefault(title, set()).update(ends or {m.key})
        for m, form, gender in zip(mentions, forms, titled, strict=True):
            bearer = bearers.get(m.key, set()) if m.key not in HONORIFICS else set()
            if len(bearer) == 1 and m.origin == "entity" and alias[m.key, form, gender] is None:
                alias[m.key, form, gender] = next(iter(bearer))
        actors: dict[str, _Actor] = {}
        for m, form, gender in zip(mentions, forms, titled, strict=True):
            key = alias[m.key, form, gender] or m.key
            if m.origin == "bare" and key not in keys:
                continue
            m.own_key, m.key = m.key, key
            actors.setdefault(key, _Actor(key)).mentions.append(m)
        return list(actors.values())

    def _alias(
        self,
        key: str,
        keys: set[str],
        persons: set[str],
        hints: dict[str, str] | None = None,
        counts: Counter[str] | None = None,
        written: Mapping[str, set[str]] | None = None,
        *,
        gender: str | None = None,
        genders: Mapping[str, str] | None = None,
    ) -> str | None:
        """The one longer key that a key ends with ("putin" -> "vladimir putin", "garcia
        zarate" -> "jose ines garcia zarate"), a person's first name starts, or an
        acronym abbreviates; None where there is no such key or more than one, unless
        one of them is a person named at least twice as often as each other (`counts`,
        mentions by key): "trump" joins "donald trump" (four mentions), not the title's
        "story highlights trump" (one), where the key is no place or group ("Orlando" is
        not the club "Pulse Orlando"). With `hints` (each key's kind), a country never joins an
        organisation's longer name ("Australia" is not "Asthma Australia") or a compass
        point's ("Germany" is not "East Germany"), a group is no first name ("Democrats"
        is not "Democrat Bill Clinton"), and a place or an organisation that opens a
        title joins nothing ("Florida" is not "Florida Gov. Rick Scott"). A surname the
        model tags as a place still joins its person. With `written` (each key's last
        words as the article writes them), a one-word key joins a person's name as its
        surname only where they are written alike: keys lose a final "s", and "Robert"
        is no "Mick Roberts"; and a person's first name as written ("James" starts
        "James Comey", though its key is "jame"). `group` asks once for each way a
        one-word key is written. A person's name joins the same name with middle names
        ("George Bush" -> "george w. bush"). With `gender` (the mention's title's: "Ms.
        Wurtzel") and `genders` (each full name's, by its first name or its own title), a
        name of the other gender is no candidate ("donald wurtzel")."""
        if _singular(key) in LABEL_NOUNS:
            return None
        hints = hints or {}
        # A saint is called by a name the living share: "Francis" beside "Pope Francis"
        # and "Saint Francis" is the pope, not the saint ("John Paul II" is "St. John
        # Paul II").
        # A stance is no name either: "Israel" (16 mentions) is no "anti-Israel" (NORP).
        longer = {
            k
            for k in keys
            if k.endswith(" " + key)
            and (" " in key or k.split()[0] not in _SAINTS)
            and k.split()[0] not in {"anti", "pro"}
        }
        # An organisation's first word: "Labour" of "the Labour Party", "Tesla" of "Tesla
        # Motors" (not a person's, a country's or a group's: "Democrat" of "Democrat
        # Party" stays a side).
        if " " not in key and hints.get(key) in {"organisation", "media"}:
            longer |= {
                k
                for k in keys - persons
                if k.startswith(key + " ")
                and hints.get(k) in {"organisation", "media"}
                and all(w in _ORG_NAME_ENDINGS for w in k.split()[1:])
            }
        # The first part of a person's hyphenated surname: "Lopez" of "Francisco
        # Lopez-Loyola", as Spanish names are shortened.
        if " " not in key and written:
            longer |= {
                k
                for k in keys & persons
                if " " in k and any(w.startswith(key + "-") for w in written.get(k, ()))
            }
        if key.rstrip(".") in TITLES:
            # A title ends a person's name ("King" of "Martin Luther King"), not a body's:
            # "the Cardinal" is no "College of Cardinals".
            longer &= persons
        if written and " " not in key and written.get(key):
            longer = {
                k
                for k in longer
                if k not in persons or _written_alike(written[key], written.get(k, {key}))
            }
        if " " not in key and hints.get(key) != "group":
            # A first name ("Barbara" of "Barbara Williamson"; "Farnaz" of "Farnaz
            # Fassihi", whatever the model tags it). A place or an organisation that
            # opens a person's title names where the person works ("House" of "House
            # General Counsel Douglas Letter", "Orlando" of "Orlando Mayor Buddy Dyer"):
            # it is neither that person nor any other name that ends with it ("White
            # House", "Pulse Orlando").
            # As written: "James" starts "James Comey" though its key is "jame" (a
            # person's only: "the Reds" starts no "Reds Caravan").
            starts = {key}
            as_a_person = hints.get(key) in {None, "person"}
            if as_a_person:
                starts = (written or {}).get(key) or starts
            # A person's given name may stand for its short form, or the other way round
            # ("Nicholas" of "Nick Sandmann", the spelling the article writes most).
            prefixed = {
                k
                for k in persons
                if " " in k
                and any(
                    k.startswith(f + " ") or (as_a_person and same_given_name(f, k.split()[0]))
                    for f in starts
                )
            }
            first_names = {
                k
                for k in prefixed
                if hints.get(key) in {None, "person"}
                or (len(k.split()) == 2 and k.split()[1].rstrip(".") not in TITLES)
            }
            # A surname stays one: "Trump" (tagged an organisation) of "Donald Trump",
            # even beside "Trump campaign manager Brad Parscale"; and a lone name that
            # ends a given name and surname is not another's given name: "Allen" is "John
            # Allen" beside "Allen Vigneron" (not so for "her—“of John", the recogniser's
            # "person" beside "John Williamson"). `longer` holds the names written alike:
            # "Roberts" is no "Robert".
            surname = hints.get(key) != "country" and any(k.endswith(" " + key) for k in persons)
            if prefixed - first_names and not surname:
                return None
            if not any(name_gender(k.split()[0]) for k in longer & persons):
                longer |= first_names
        if " " in key and key in persons:
            longer |= {k for k in persons if _with_middle_names(key, k)}
        if gender is not None and genders is not None:
            longer = {k for k in longer if genders.get(k, gender) == gender}
        # "zarate" ends both "garcia zarate" and "jose ines garcia zarate": the longest,
        # with the mentions of the shorter ones. Each shorter key gives its mentions to
        # the one longest key that holds it, if one only, judged among all of them at
        # once: in a set's iteration order, "juan barro" went to "chilean bishop juan
        # barro" or to nobody by the hash seed.
        joined = Counter(counts or {})

        def inside(k: str, o: str) -> bool:
            return o != k and (
                o.endswith(" " + k) or ({k, o} <= persons and _with_middle_names(k, o))
            )

        longest = {k for k in longer if not any(inside(k, o) for o in longer)}
        for k in sorted(longer - longest):
            into = [o for o in longest if inside(k, o)]
            if len(into) == 1:
                joined[into[0]] += joined[k]
        longer = longest
        if len(longer) > 1 and counts is not None:
            counts = joined
            ranked = sorted(longer, key=lambda k: (-counts[k], k))
            top = ranked[0]
            if (
                top in persons
                # "Orlando" is not the club "Pulse Orlando"; nor a place tagged NORP
                and hints.get(key) not in {"country", "group"}
                and counts[top] > 0
                and counts[top] >= 2 * counts[ranked[1]]
            ):
                longer = {top}
        if len(longer) == 1:
            found = longer.pop()
            if hints.get(key) == "country" and (
                hints.get(found) in {"organisation", "media"} or found.split()[0] in _COMPASS
            ):
                return None  # nor is "Germany" "East Germany", or "Korea" "North Korea"
            return found
        if " " in key:
            return None
        initials = [
            k
            for k in keys
            if " " in k
            and "".join(w[0] for w in k.split() if w not in {"of", "the", "and", "for"}) == key
        ]
        return initials[0] if len(initials) == 1 else None

    def add_repeats(self, actors: list[_Actor]) -> None:
        """Every further occurrence of a name already found, at word boundaries, and of
        a person's surname where the entity recogniser missed it ("Persoone claims ..."
        after "Belgian chocolatier Dominique Persoone"; `_surnames`)."""
        taken = {(m.start, m.end) for a in actors for m in a.mentions}
        self._add_acronyms(actors, taken)
        for actor in actors:
            forms = {
                self.text[m.start : m.end].removeprefix("the ").removeprefix("The ")
                for m in actor.mentions
                if m.origin in {"entity", "bloc"}
            }
            for form in sorted(f for f in forms if f[:1].isupper()):
                for start in self._occurrences(form):
                    self._add_repeat(actor, start, start + len(form), taken)
        for surname, actor in self._surnames(actors).items():
            for start in self._occurrences(surname):
                self._add_repeat(actor, start, start + len(surname), taken, surname=True)
        self._add_initials(actors, taken)

    def _add_initials(self, actors: list[_Actor], taken: set[tuple[int, int]]) -> None:
        """An organisation's initials written alone, with no brackets that define them,
        are its mentions: "WHO" after "the World Health Organization", which the entity
        recogniser reads as the pronoun and tags as no name (actors whose names spell
        the same letters get none). Three letters at least ("US" is no "Union of
        Students"); not beside a shouted word ("WHO IS TO BLAME")."""
        owners: dict[str, set[int]] = {}
        for k, actor in enumerate(actors):
            for m in actor.mentions:
                if m.origin != "entity" or m.hint not in {"organisation", "media"}:
                    continue
                name = self.text[m.start : m.end]
                if len(name.split()) < 3:
                    continue
                initials = _initials(name)  # "the" is a minor word to it
                if len(initials) >= 3:
                    owners.setdefault(initials, set()).add(k)
        for initials, ks in owners.items():
            if len(ks) != 1:
                continue
            actor = actors[next(iter(ks))]
            for start in self._occurrences(initials):
                end = start + len(initials)
                beside = self.text[max(0, start - 30) : start].split()[-1:]
                beside += self.text[end : end + 30].split()[:1]
                if not any(_SHOUTED.search(w) for w in beside):
                    self._add_repeat(actor, start, end, taken)
            if any(self.text[m.start : m.end] == initials for m in actor.mentions):
                self.acronyms.add(initials)  # named by its name, not "WHO"

    def _occurrences(self, form: str) -> list[int]:
        """Where `form` stands at word boundaries in the text, in order, as the matches of
        `(?<!\\w)form(?!\\w)` would: by the places its first word starts, where each form
        of each actor read the whole text, so a long text cost actors x characters.
        Every form opens on a capital letter (a name as written, a surname)."""
        if self._word_starts is None:
            self._word_starts = {}
            for word in re.finditer(r"\w+", self.text):
                self._word_starts.setdefault(word.group(), []).append(word.start())
        first = re.match(r"\w+", form)
        found: list[int] = []
        for start in self._word_starts.get(first.group() if first else "", []):
            end = start + len(form)
            if found and start < found[-1] + len(form):
                continue  # as a regex's matches, none overlaps the one before
            if self.text.startswith(form, start) and not (
                end < len(self.text) and _WORD_CHAR(self.text[end])
            ):
                found.append(start)
        return found

    def _add_acronyms(self, actors: list[_Actor], taken: set[tuple[int, int]]) -> None:
        """An acronym that a name defines in brackets ("Popular Mobilization Units (PMU)")
        is a mention of that name's actor, so its later uses are too ("members of the
        PMU"). Where the entity recogniser tagged no such name ("calling itself Islamic
        State (IS)"), the capitalised words whose initials the acronym spells become an
        actor, an organisation's name."""
        for match in _ACRONYM_AFTER.finditer(self.text):
            acronym = match[1]
            before = _CAPITALISED_RUN.search(self.text, max(0, match.start() - 200), match.start())
            if before is None or self.furniture.covered(match.start(), match.end()):
                continue
            # The last words of the run that spell the acronym: "Calling Islamic State".
            starts = [
                before.start() + w.start()
                for w in re.finditer(r"\S+", before[0])
                if w[0].lower() not in _MINOR_WORDS
            ]
            name_start = next(
                (k for k in starts if _initials(self.text[k : before.end()]) == acronym), None
            )
            if name_start is None:
                continue
            # "Immigration and Customs Enforcement’s (ICE)": the name, not its possessive.
            name_end = before.end() - (2 if before[0].endswith(("’s", "'s")) else 0)
            # Keyed by its tokens, as the entity's key is ("American - Islamic").
            tokens = self.doc.char_span(name_start, name_end, alignment_mode="expand")
            name_key = _key(
                [t.text for t in tokens] if tokens else self.text[name_start:name_end].split()
            )
            # The actor of that name, written as it is or after "the"; the entity
            # recogniser may have taken in the bracket ("The World Health Organization
            # (WHO"), which the mention then loses. A name joined to another actor's
            # ("Students Society of McGill University" to "McGill University") keeps
            # the acronym from it.
            named, name_taken = None, False
            for actor in actors:
                for m in actor.mentions:
                    if (
                        m.origin in {"entity", "bloc"}
                        and name_end <= m.end <= match.end()
                        and m.start <= name_start
                        and self.text[m.start : name_start].strip().lower() in {"", *DETERMINERS}
                    ):
                        m.end = min(m.end, before.end())
                        name_taken = True
                        if m.key.startswith(name_key + " ("):  # keyed with the bracket
                            if actor.key == m.key:
                                actor.key = name_key
                            m.key = name_key
                        if actor.key == name_key:
                            named = actor
            # An actor the recogniser made of the acronym alone ("ICE", "the WHO").
            spelled = next((a for a in actors if a.key == _key([acronym]) and a is not named), None)
            later = []
            for use in re.finditer(rf"(?<!\w){acronym}(?!\w)", self.text[match.end() :]):
                start, end = match.end() + use.start(), match.end() + use.end()
                # Not "THIS IS WAR": a word in capitals beside it shouts, it names nothing.
                beside = self.text[max(0, start - 30) : start].split()[-1:]
                beside += self.text[end : end + 30].split()[:1]
                if not any(_SHOUTED.search(w) for w in beside):
                    later.append((start, end))
            if named is not None and spelled is not None:
                named.mentions += spelled.mentions
                named.labels.update(spelled.labels)
                actors.remove(spelled)
            owner = named or spelled
            if owner is None and (name_taken or not later):
                continue  # "Eastern Time (ET)", once: no actor the article goes on about
            if not name_taken:
                words = self.doc.char_span(name_start, name_end)
                if words is None:
                    continue
                hint = "country" if name_key in _COUNTRY_KEYS else "organisation"
                if owner is None:
                    owner = next((a for a in actors if a.key == name_key), None)
                if owner is None:
                    owner = _Actor(name_key)
                    actors.append(owner)
                owner.mentions.append(
                    _Mention(name_start, name_end, words.root.i, name_key, hint, "entity")
                )
                taken.add((name_start, name_end))
            assert owner is not None
            self.acronyms.add(acronym)
            span = self.doc.char_span(match.start(1), match.end(1))
            if span is not None and (match.start(1), match.end(1)) not in taken:
                hint = owner.mentions[0].hint
                owner.mentions.append(
                    _Mention(match.start(1), match.end(1), span.root.i, owner.key, hint, "acronym")
                )
                taken.add((match.start(1), match.end(1)))
            for start, end in later:
                self._add_repeat(owner, start, end, taken)

    def _surnames(self, actors: list[_Actor]) -> dict[str, _Actor]:
        """The last word of each person's full name ("Persoone" of "Dominique
        Persoone"), but a surname two people share ("Bill Clinton", "Hillary Clinton"),
        or that is another actor's whole name, or a common word."""
        found: dict[str, list[_Actor]] = {}
        for actor in actors:
            if len(actor.key.split()) < 2 or self.kind(actor) != "person":
                continue
            last = {
                self.text[m.start : m.end].split()[-1]
                for m in actor.mentions
                if m.origin == "entity"
                and len(self.text[m.start : m.end].split()) > 1
                and not self.furniture.covered(m.start, m.end)  # "Advertisement Story"
            }
            # And the first part of a hyphenated surname, as Spanish names are shortened:
            # "Lopez" of "Francisco Lopez-Loyola".
            last |= {w.split("-")[0] for w in last if "-" in w[1:-1]}
            for word in last:
                noun = _singular(word.lower())
                if (
                    _SURNAME.fullmatch(word)
                    and word.lower() not in TITLES
                    and noun not in GROUP_HEADS  # "Victoria Police", "... Trump Foundation"
                    and noun not in PERSON_NOUNS
                    and noun not in LABEL_NOUNS
                ):
                    found.setdefault(word, []).append(actor)
        keys = {a.key for a in actors}  # "Williams" alone is keyed "william"
        # A word the article also writes in lower case is a common word ("Advertisement
        # Story", "Douglas Letter"): alone, it is rarely the name.
        lower = set(re.findall(r"\b[a-z][a-z'-]+\b", self.text))
        return {
            word: owners[0]
            for word, owners in found.items()
            if len({id(a) for a in owners}) == 1
            and _key([word]) not in keys
            and word.lower() not in lower
        }

    def _add_repeat(
        self,
        actor: _Actor,
        start: int,
        end: int,
        taken: set[tuple[int, int]],
        *,
        surname: bool = False,
    ) -> None:
        if any(m.start <= start and end <= m.end for m in actor.mentions):
            return
        if self.furniture.covered(start, end):
            return
        if _DAY_AFTER.match(self.text, end):
            return  # "Valentine" of "Valentine's Day", after "St. Valentine"
        if _BEFORE_A_PLACE_SUFFIX.match(self.text, end):
            return  # "Texas" of "a Texas-based firm", where Texas is named elsewhere
        span = self.doc.char_span(start, end)
        if span is None or (start, end) in taken:
            return
        if len(span) == 1 and self._title_of_a_name(span[0]):
            return  # "Cardinal" of "Cardinal Parolin" is his title, not "the Cardinal"
        root = span.root
        if self.naming_verb(root) is not None or root.dep_ == "amod":
            return
        if surname and (
            len(span) != 1
            or root.pos_ not in {"PROPN", "NOUN"}  # an unknown name opening a sentence: NOUN
            or root.ent_type_ not in {"", "PERSON"}
            or root.dep_ == "compound"
        ):
            return  # "May" the month, "the Persoone shooter"
        # Inside a longer, different name ("Trump Tower"): the one entity that can hold it
        # (entities do not overlap), found by its start.
        if self._ents is None:
            self._ents = list(self.doc.ents)
            self._ent_starts = [ent.start_char for ent in self._ents]
        k = bisect.bisect_right(self._ent_starts, start) - 1
        if k >= 0:
            ent = self._ents[k]
            if end <= ent.end_char and ent.text.strip() != span.text:
                if not any(m.start <= ent.start_char < m.end for m in actor.mentions):
                    return
        like = actor.mentions[0]
        actor.mentions.append(_Mention(start, end, root.i, actor.key, like.hint, "repeat"))
        taken.add((start, end))

    def is_place_use(self, m: _Mention) -> bool:
        token = self.doc[m.head]
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if token.dep_ == "poss":  # "Australia's east coast"
            return _singular(token.head.lower_) in PLACE_NOUNS | POSSESSED_PLACES
        if token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.lower_ in PLACE_PREPOSITIONS:
            return True
        if prep.lower_ == "to" and prep.head.lemma_.lower() in MOTION_VERBS:
            return True  # "deport Mexicans to Guatemala"
        return prep.lower_ in {"of", "for"} and _singular(prep.head.lower_) in PLACE_NOUNS

    def is_place(self, actor: _Actor) -> bool:
        named = [m for m in actor.mentions if m.origin == "entity"]
        if named and all(m.entity == "PERSON" and self._a_settlements_name(m) for m in named):
            return True  # "the town of Dana", "the provinces of Aleppo, ... and Al-Hasakah"
        if not named:
            return False
        return all(
            (m.entity in PLACE_TYPES or self._listed_with_places(m)) and self.is_place_use(m)
            for m in named
        )

    def _listed_with_places(self, m: _Mention) -> bool:
        """Whether a name is listed after a place's name that the recogniser tagged one:
        "homes lost in Batemans Bay and Mogo", "deaths at Lake Conjola, Yatte Yattah,
        Sussex Inlet and Coolagolite" ("Mogo" and "Yatte Yattah" were persons)."""
        token = self.doc[m.head]
        if token.dep_ != "conj":
            return False
        # Not a person's name or a body's ("reporters Ken Ritter in Las Vegas and Anita
        # Snow in Phoenix", "the Nuncio in Mexico City, Justo Mullor, who refused ...",
        # "the U.S. attorney's office in Nevada and the federal Bureau of Alcohol ..."):
        # a given name and a surname, "the", a "who" clause or a place of its own.
        first = self.doc[token.left_edge.i]
        if self._a_persons_name(m) or first.lower_ == "the":
            return False
        if any(
            (c.dep_ == "relcl" and any(w.lower_ in {"who", "whom"} for w in c.children))
            or (c.dep_ == "prep" and c.lower_ in PLACE_PREPOSITIONS)
            for c in token.children
        ):
            return False
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        return token.ent_type_ in {"GPE", "LOC"}

    def _a_settlements_name(self, m: _Mention) -> bool:
        """Whether a one-word name follows "of" after a settlement's noun ("the border
        village of Panmunjom"), alone or in a list."""
        if any(c.isspace() for c in self.text[m.start : m.end]):
            return False  # "Al-Raqqah", not "Tom Dana"
        token = self.doc[m.head]
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        return (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and _singular(token.head.head.lower_) in SETTLEMENT_NOUNS
        )

    def kind(self, actor: _Actor) -> str:
        listed = [m.hint for m in actor.mentions if m.origin in {"label", "group", "bloc", "quote"}]
        if listed:
            return Counter(listed).most_common(1)[0][0]
        if actor.key in _MEDIA_KEYS:
            return "media"
        if actor.key in PLATFORMS:
            return "organisation"  # "Twitter", tagged PERSON
        # The full name decides: "Al Franken" (PERSON) over "Franken" (GPE, thirteen times).
        named = [m for m in actor.mentions if m.origin == "entity"]
        full = [m for m in named if m.own_key == actor.key] or named
        hints = Counter(m.hint for m in full)
        kind = hints.most_common(1)[0][0] if hints else actor.mentions[0].hint
        words = actor.key.split()
        if (
            kind in {"person", "organisation"}
            and full
            and all(self._listed_with_places(m) for m in full)
            and any(self.is_place_use(m) for m in full)
        ):
            return "place"  # "homes lost in Batemans Bay and Mogo", "the towns of ..."
        if kind == "person" and any(self._called_which(m) for m in actor.mentions):
            return "organisation"
        if (
            kind == "person"
            and not self._written_as_a_person(actor)
            and any(self._said_to_be_a_thing(m) for m in actor.mentions)
        ):
            return "organisation"  # "Open Switch is a complete network operating system"
        if (
            kind == "person"
            and not self._written_as_a_person(actor)  # "the band's singer, John Lennon"
            and any(self._set_beside_an_organisations_noun(m) for m in full)
        ):
            return "organisation"  # "the terrorist organization Al-Shabab", tagged PERSON
        if kind == "person" and len(words) > 1 and words[-1] in _COMPANY_KEYS | _INSTITUTIONS:
            return "organisation"  # "Hot Toys", "Virginia Tech": tagged PERSON
        if kind == "person" and self._a_body_by_its_verbs(full):
            # "Aston Villa are denied", "Watford have gone": a club, a band or a company
            # takes a plural verb, a person never; "Britons have", "Believing Catholics
            # are": a people.
            return "group" if self.text[full[0].end - 1] == "s" else "organisation"
        if kind in {"organisation", "country"} and any(self._aged(m) for m in actor.mentions):
            return "person"
        if kind in {"organisation", "country", "group"} and self._written_as_a_person(actor):
            return "person"  # "Christina Ricci", "Hugh Jackman": tagged ORG or GPE
        if kind in {"organisation", "country", "group", "place"} and any(
            self._title(m) or self._titled_before(m) for m in full
        ):
            return "person"  # "Cardinal McCarrick", then "McCarrick" tagged ORG
        if kind in {"organisation", "country", "group", "place"} and all(
            _unaccented(self.text[m.start : m.end].lower()).removeprefix("the ").rstrip(".")
            in _OFFICES
            for m in actor.mentions
        ):
            return "person"  # "the Cardinal", "the Archbishop" (ORG, GPE): an office's holder
        if words[-1] in _PARTY_SIDES and (
            kind in {"country", "place"}
            or (kind == "person" and all(self.text[m.end - 1] == "s" for m in actor.mentions))
        ):
            # "Sweden Democrats" (GPE): a country's party; "Florida Democrats" (GPE),
            # "Democrats" opening a sentence (LOC), "Leon Democrats" (PERSON): a party's
            # members, as "Democrats" is. "Mr. Conservative" stays a person.
            return "organisation" if len(words) > 1 and words[0] in _COUNTRY_KEYS else "group"
        if len(words) > 1 and words[-1].rstrip(".") in _STREETS:
            return "place"  # "E. McLoughlin Blvd" (PERSON), "NE 136th Ave" (ORG): an address
        if kind == "country" and not (
            actor.key in _COUNTRY_KEYS
            or any((m.own_key or m.key) in _COUNTRY_KEYS for m in actor.mentions)
        ):
            return "place"  # "London", "Iowa", "the Middle East"; not "communist China"
        return kind

    def _party_member_apposed(self, tokens: list[Token]) -> bool:
        """Whether an entity is, or opens, a party member in apposition to a name before
        it: "Arizona" (GPE) and "Republican" (NORP) of "Sen. John McCain, Arizona
        Republican, said"."""
        first, last = tokens[0], tokens[-1]
        if last.lower_ not in _PARTY_MEMBERS:
            if last.i + 1 >= len(self.doc) or self.doc[last.i + 1].lower_ not in _PARTY_MEMBERS:
                return False
        while first.i > 0 and self.doc[first.i - 1].pos_ == "PROPN":
            first = self.doc[first.i - 1]  # "Arizona" before "Republican"
        return _APPOSED.search(self.text, max(0, first.idx - 8), first.idx) is not None

    def _written_as_a_person(self, actor: _Actor) -> bool:
        """Whether every mention of an actor by its full name is a given name of one
        gender and a surname, and nothing else: two or three capitalised words, the first
        in `first_names`, none a word that names an organisation or a place ("Virginia
        Tech", "Arnold & Porter", "Charlotte Street"), and no country."""
        named = [m for m in actor.mentions if m.origin == "entity" and m.own_key == actor.key]
        return bool(named) and all(self._a_persons_name(m) for m in named)

    def _title(self, m: _Mention) -> str | None:
        """The person's title a mention is written with and its key leaves out:
        "cardinal" of "Cardinal McCarrick" (key "mccarrick"); None for "General Motors"
        ("general motor")."""
        words = self.text[m.start : m.end].split()
        if len(words) < 2 or words[0].isupper():  # "DR Congo" is no doctor
            return None
        first = _unaccented(words[0].lower()).rstrip(".")
        return first if first in TITLES and first not in (m.own_key or m.key).split() else None

    def _titled_before(self, m: _Mention) -> bool:
        """Whether the word just before a mention, across a line break, is a title's
        abbreviation ("Fr.", "Capt.", "Sen.") or an honorific ("Mr", "Dr"): "Fr.\nSaverio
        Cannistra". A title written out ("General", "Prime") is not enough: "General" of
        "General Dynamics" stands before "Dynamics" where the recogniser leaves it out."""
        before = _WORD_BEFORE.search(self.text, max(0, m.start - 12), m.start)
        if before is None:
            return False
        word = _unaccented(before.group(1).lower())
        return word in HONORIFICS or (before.group(2) == "." and word in TITLES)

    def _a_persons_name(self, m: _Mention) -> bool:
        """Whether a mention's words are a given name and a surname (`_written_as_a_person`)."""
        if m.origin != "entity" or m.key in _COUNTRY_KEYS:
            return False
        return _a_given_name_and_surname(self.text[m.start : m.end].split())

    def _in_furniture(self, token: Token) -> bool:
        return bool(self.furniture.covered(token.idx, token.idx + len(token)))

    def _title_gender(self, m: _Mention) -> str | None:
        """The gender of the title a mention is written with, inside it or just before
        it: "Ms. Wurtzel", "Mr Mills"."""
        words = self.text[m.start : m.end].split()
        if len(words) > 1 and (gender := title_gender(words[0])):
            return gender
        before = re.search(r"([A-Z]\w*)\.?\s+$", self.text[max(0, m.start - 8) : m.start])
        return title_gender(before.group(1)) if before else None

    def _aged(self, m: _Mention) -> bool:
        """ "62-year-old Tatiana Romanova": a name given an age is a person's."""
        return AGED.search(self.text, max(0, m.start - 20), m.start) is not None

    def _a_day(self, ent: Span, tokens: list[Token]) -> bool:
        """Whether an entity names a day ("Saviour’s Day", "Armed Forces Day", "Labor
        Day") or opens one ("Valentine" of "Valentine's Day"), not "Doris Day"."""
        after = self.doc[ent.end : ent.end + 2]
        if (after[:1].text == "Day" and ent.label_ != "PERSON") or (
            len(after) == 2 and after[0].lower_ in {"’s", "'s"} and after[1].text == "Day"
        ):
            return True
        if len(tokens) < 2 or tokens[-1].text != "Day":
            return False
        before = self.doc[tokens[-1].i - 1]
        return (
            before.lower_ in {"’s", "'s"}
            or (len(tokens) >= 3 and ent.label_ != "PERSON")
            or tokens[-2].lower_ in _DAY_NAMES
        )

    def _a_body_by_its_verbs(self, mentions: Sequence[_Mention]) -> bool:
        """Whether a name is the subject of "are" or "have" right after it and never of a
        singular verb: no name of one person is. A name in a list ("Sara and John are",
        "Luke Harding, the Guardian, ... are"), a possessor ("Trump's policies have") or
        a subject after its verb ("Are the Spurs ...?") says nothing."""
        plural = False
        for m in mentions:
            head = self.doc[m.head]
            if (
                head.dep_ not in {"nsubj", "nsubjpass"}
                or not m.start <= head.idx < m.end
                or any(c.dep_ in {"conj", "cc", "appos"} for c in head.children)
            ):
                continue
            verb = head.head
            first = min(
                [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})],
                key=lambda t: t.i,
            )
            if first.tag_ == "VBZ" or first.lower_ in {"is", "was", "has"}:
                if first.i > head.i:
                    return False
                continue
            before = self.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
            between = self.doc[head.i + 1 : first.i]
            if (
                first.lower_ in {"are", "have"}
                and first.tag_ == "VBP"  # not "watching Biden have a meltdown"
                and first.i > head.i
                and all(t.pos_ == "ADV" for t in between)
                and (before is None or before.lower_ not in {"and", "or", "&", ",", "nor"})
                # "ordered that Smith have a lawyer": a subjunctive, of one person too
                and not (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _MANDATIVE)
            ):
                plural = True
        return plural

    def _set_beside_an_organisations_noun(self, m: _Mention) -> bool:
        """Whether a name stands in apposition to a noun that says it is an organisation:
        "the Somali terrorist organization Al-Shabab", "the company, Nextcloud",
        "Nextcloud, a company that ...", "the band Metallica"."""
        head = self.doc[m.head]
        if head.dep_ == "appos" and self._an_organisations_noun(head.head):
            return True
        # One apposition: in "Wilfredo Amr Ruiz, the legal adviser of ... (AMANA), a group
        # that ...", the parser hangs both on the name.
        apposed = [c for c in head.children if c.dep_ == "appos"]
        return len(apposed) == 1 and self._an_organisations_noun(apposed[0])

    @staticmethod
    def _an_organisations_noun(token: Token) -> bool:
        # A common noun, alone: not "Social Club" (a name's word), nor "a former lumber
        # company and energy executive" (a person's trade).
        return (
            token.pos_ == "NOUN"
            and token.is_lower
            and _singular(token.lower_) in _ORGANISATION_NOUNS
            and not any(c.dep_ == "conj" for c in token.children)
        )

    def _said_to_be_a_thing(self, m: _Mention) -> bool:
        """Whether the article says a name is a made thing: "Open Switch is a complete
        network operating system", "Open Switch was originally just an HP project"
        (PERSON to the recogniser ten times)."""
        head = self.doc[m.head]
        if head.dep_ not in {"nsubj", "nsubjpass"} or head.head.lemma_ != "be":
            return False
        return any(
            c.dep_ == "attr" and c.lemma_.lower() in _THING_NOUNS for c in head.head.children
        )

    def _called_which(self, m: _Mention) -> bool:
        """ "Jabhat Al-Nusra, which is ...": a name referred to as "which" is no person."""
        head = self.doc[m.head]
        return any(
            c.dep_ == "relcl" and any(g.lower_ == "which" for g in c.children)
            for c in head.children
        )

    # labels ---------------------------------------------------------------------------------

    def add_label(self, actor: _Actor, start: int, end: int, marks: set[str]) -> None:
        actor.labels.setdefault((start, end), set()).update(marks)

    def mention_labels(self, actors: list[_Actor]) -> None:
        for actor in actors:
            for m in actor.mentions:
                for token in self.doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                    if _label_noun(token) and token.pos_ in {"NOUN", "PROPN", "ADJ"}:
                        self._label_at(actor, token, (m.start, m.end))
                head = self.doc[m.head]
                for near in (*head.children, head.head):
                    if near.i != head.i and not m.start <= near.idx < m.end:
                        named = self._beside_name(near) if _label_noun(near) else None
                        if named is not None and named.i == head.i:
                            self._label_at(actor, near, None)

    def _label_at(self, actor: _Actor, token: Token, outer: tuple[int, int] | None) -> None:
        run = [token]
        k = token.i - 1
        while k >= 0:
            left = self.doc[k]
            if left.head.i != token.i or left.dep_ != "amod" or left.pos_ != "ADJ":
                break
            if left.text[:1].isupper() or left.lower_ == "called":
                break
            run.insert(0, left)
            k -= 1
        start, end = self._span(run)
        self.add_label(actor, start, end, self.marks(start, end, outer))

    def complement_labels(self, actors: list[_Actor]) -> list[tuple[int, int, set[str], Token]]:
        """Names given by a naming verb, attached to the verb's object; those whose target
        is not found are returned."""
        unattached = []
        for token in self.doc:
            verb = self.naming_verb(token)
            if verb is None or token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                continue
            start, end = self._phrase(token)
            marks = self.marks(start, end)
            target = self._target(verb, token)
            actor = None if target is None else self._actor_of(target, verb, actors)
            if actor is not None:
                self.add_label(actor, start, end, marks)
            else:
                unattached.append((start, end, marks, token))
        return unattached

    def _phrase(self, token: Token) -> tuple[int, int]:
        """A label phrase: its words in scare quotes if it is quoted, else the noun with
        the modifiers right before it."""
        for qs, qe in self.scare_quotes:
            if qs <= token.idx < qe:
                inner = self.text[qs:qe]
                lead = len(inner) - len(inner.lstrip(_QUOTE_MARKS + " "))
                trail = len(inner) - len(inner.rstrip(_QUOTE_MARKS + " "))
                return qs + lead, qe - trail
        run = [t for t in self._left_run(token) if t.dep_ != "det"]
        return self._span(run or [token])

    def _target(self, verb: Token, complement: Token) -> Token | None:
        inside = {t.i for t in complement.subtree}
        for dep in ("dobj", "dative", "nsubjpass"):
            for child in verb.children:
                if child.dep_ == dep and child.i not in inside:
                    return child
        return None

    def _actor_of(self, target: Token, verb: Token, actors: list[_Actor]) -> _Actor | None:
        for actor in actors:
            if any(m.start <= target.idx < m.end for m in actor.mentions):
                return actor
        # Not "it": what a naming verb calls "it" is a deed or a thing far more often than
        # a party ("calling it 'an adventurist step'", "You could call it fried milk
        # balls"): on news, all five such labels went to the wrong actor.
        if target.lower_ in PLURAL_PRONOUNS | PERSON_PRONOUNS:
            return self._antecedent(target, verb, actors)
        return None

    def _antecedent(self, pronoun: Token, verb: Token, actors: list[_Actor]) -> _Actor | None:
        """The nearest actor named before the pronoun, in its sentence or the one
        before, that agrees with it and is not the naming verb's subject."""
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "agent"}), None)
        excluded = {
            id(a)
            for a in actors
            if subject is not None and any(m.start <= subject.idx < m.end for m in a.mentions)
        }
        sent = pronoun.sent
        window_start = sent.start_char
        if sent.start > 0:
            window_start = self.doc[sent.start - 1].sent.start_char
        # (agrees in number, end offset): a plural mention before a singular one for
        # "them", since "they" often stands for an organisation or a country too.
        best: tuple[int, int, _Actor] | None = None
        for actor in actors:
            if id(actor) in excluded:
                continue
            for m in actor.mentions:
                if not (window_start <= m.start and m.end <= pronoun.idx):
                    continue
                fit = self._agreement(pronoun, actor, m)
                if fit and (best is None or (fit, m.end) > best[:2]):
                    best = (fit, m.end, actor)
        return None if best is None else best[2]

    def _agreement(self, pronoun: Token, actor: _Actor, m: _Mention) -> int:
        """How well a mention fits a pronoun ("him", or a plural one: "them"): 2 agrees,
        1 may do, 0 does not."""
        head = self.doc[m.head]
        person = self.kind(actor) == "person"
        if pronoun.lower_ in PERSON_PRONOUNS:
            return 2 if person else 0
        if person:
            return 0
        plural = (
            head.tag_ in {"NNS", "NNPS"}
            or (head.text.endswith("s") and not head.text.isupper())
            or head.lower_ in COLLECTIVE_HEADS
        )
        return 2 if plural else 1

    def distancing_phrases(self) -> Iterator[tuple[int, int, set[str]]]:
        """Scare-quoted phrases and "so-called" phrases, with their marks."""
        seen: set[tuple[int, int]] = set()
        for qs, qe in self.scare_quotes:
            inner = self.text[qs:qe]
            lead = len(inner) - len(inner.lstrip(_QUOTE_MARKS + " "))
            trail = len(inner) - len(inner.rstrip(_QUOTE_MARKS + " "))
            span = (qs + lead, qe - trail)
            if span[0] < span[1]:
                seen.add(span)
                yield span[0], span[1], self.marks(*span)
        starts = [t.idx for t in self.doc] if self.so_called else []
        for end in self.so_called:
            # The token that ends "so-called", and the first word after it: found by
            # offset, where each "so-called" read the whole text after it.
            k = bisect.bisect_left(starts, end) - 1
            called = self.doc[k] if k >= 0 and end <= starts[k] + len(self.doc[k]) else None
            head = called.head if called is not None and called.head.i > called.i else None
            first = k + 1 if k < 0 or starts[k] + len(self.doc[k]) <= end else k
            while first < len(self.doc) and (self.doc[first].is_punct or self.doc[first].is_space):
                first += 1
            if head is None or first >= len(self.doc) or head.i < first:
                continue
            span = self._span(self.doc[first : head.i + 1])
            if span not in seen and not any(s <= span[0] and span[1] <= e for s, e in seen):
                seen.add(span)
                yield span[0], span[1], self.marks(*span)

    def attach_distancing(
        self, actors: list[_Actor], extra: list[tuple[int, int, set[str], Token]]
    ) -> list[_Actor]:
        """A distancing phrase whose head lies in a mention labels that actor (“moderate
        rebels”, so-called Islamic State; not “We are Hamas”, whose head is the verb). A
        phrase, or a name given by a naming verb to nobody found, that names no actor
        but is headed by a labelling noun or a specified group noun becomes an actor."""
        new: dict[str, _Actor] = {}
        phrases = [(s, e, marks, None) for s, e, marks in self.distancing_phrases()]
        for start, end, marks, token in [*phrases, *extra]:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            head = span.root
            labelled = [a for a in actors if any(m.start <= head.idx < m.end for m in a.mentions)]
            already = [a for a in actors if (start, end) in a.labels]
            if token is None and (labelled or already):
                for actor in labelled or already:
                    self.add_label(actor, start, end, marks)
                continue
            if already or (token is None and self.naming_verb(head)):
                continue
            specified = any(_name_like(t) for t in span if t.i != head.i)
            if not (_label_noun(head) or (_group_kind(head) is not None and specified)):
                continue
            key = _key([t.text for t in span if not t.is_punct])
            actor = new.setdefault(key, _Actor(key))
            actor.mentions.append(_Mention(start, end, head.i, key, "group", "quote"))
            self.add_label(actor, start, end, marks)
        return actors + list(new.values())

    # names and links --------------------------------------------------------------------------

    def name(self, kind: str, shown: Sequence[tuple[int, int]]) -> str:
        # From the mentions shown (`_shown_spans`), in the order a reader meets them: an
        # actor joined to another keeps its mentions after the other's, whatever their
        # place in the text; a form inside a longer one is part of it ("National
        # Intelligence" of "the Office of the Director of National Intelligence").
        # A mention over a line break ("Fr.\nWeinandy", as the PTC cuts lines after a
        # title) is named on one line.
        # Nor does it show the invisible characters inside it ("Qassem \u200bSoleimani").
        texts = [" ".join(self.text[s:e].translate(_NO_INVISIBLE).split()) for s, e in shown]
        if kind == "person":
            # The fullest form, without a title: "Angela Merkel", not "Chancellor Merkel",
            # nor what opens a title ("Florida Gov. Rick Scott", "Foreign Minister Javad
            # Zarif"); of spellings of as many words, the one written most often.
            names, titled = [], set()
            for t in texts:
                words = t.split()
                while len(words) > 1 and (
                    n := title_words(
                        [w.lower().rstrip(".") for w in words[:2]], TITLES | DETERMINERS
                    )
                ):
                    words = words[n:] if len(words) > n else words[1:]
                # A title word that ends the name is the name's ("Oliver Queen").
                inside = [
                    i
                    for i, w in enumerate(words[:-1])
                    if w.lower().rstrip(".").split("-")[-1] in _IN_A_TITLE  # "Vice-President"
                ]
                after = words[inside[-1] + 1 :] if inside else []
                # Two words or more after the title are a name ("Rick Scott"); one word
                # leaves the title in, and ranks below a name without one ("National
                # Park Director Jarvis"; "Sacred Heart Major Seminary" stays whole).
                # A particle inside is the name's ("Mohammed bin Salman", "Ursula von
                # der Leyen"), but neither opens nor ends it.
                if (
                    len(after) >= 2
                    and after[0][:1].isupper()
                    and after[-1][:1].isupper()
                    and all(w[:1].isupper() or w in _NAME_PARTICLES for w in after)
                ):
                    words = after
                elif inside:
                    titled.add(" ".join(words))
                names.append(" ".join(words))
            counts = Counter(names)
            # A bare title ("the Pope", joined to "Pope Francis") names no one.
            return max(
                names,
                key=lambda t: (
                    _singular(t.lower().rstrip(".")) not in TITLES,
                    t not in titled,
                    len(t.split()),
                    counts[t],
                    len(t),
                ),
            )
        bare = [re.sub(r"^(?:the|this|that|these|those)\s+", "", t, flags=re.I) for t in texts]
        # The name an acronym stands for names the actor: "Popular Mobilization Units",
        # however often "PMU" is written after it.
        spelled = [(t, b) for t, b in zip(texts, bare, strict=True) if b not in self.acronyms]
        if spelled:
            texts, bare = [t for t, _ in spelled], [b for _, b in spelled]
        counts = Counter(bare)
        best = max(counts, key=lambda form: (counts[form], -bare.index(form)))
        with_the = sum(
            1 for t, b in zip(texts, bare, strict=True) if b == best and t[:4].lower() == "the "
        )
        return f"the {best}" if with_the * 2 >= counts[best] else best

    def sources(self, actor: _Actor, attributions: Sequence[Attribution]) -> tuple[int, ...]:
        out = []
        for index, item in enumerate(attributions):
            # An act ("thanked | Ritter", `Attribution.act`) holds nobody's words.
            if item.source is None or item.source_kind not in THIRD_PARTY_KINDS or item.act:
                continue
            # A pronoun, or a description ("the economist"), counts for the name it stands
            # for, where it was resolved.
            named = item.refers_to
            if named is None and item.source_kind != "pronoun":
                named = item.source
            if named is None:
                continue
            if index not in self._heads:  # each statement's heads found once, not per actor
                self._heads[index] = [t.idx for t in self._source_heads(named)]
            if any(m.start <= at < m.end for at in self._heads[index] for m in actor.mentions):
                out.append(index)
        return tuple(out)

    def _source_heads(self, source: AttributedSpan) -> list[Token]:
        span: Span | None = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return []
        heads = [span.root]
        for token in heads:
            heads += [c for c in token.children if c.dep_ == "conj" and c.i < span.end]
        # "the NSW premier, Gladys Berejiklian, said": the name set beside the title.
        heads += [
            c
            for token in list(heads)
            for c in token.children
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < span.end
        ]
        return heads

    # the run ----------------------------------------------------------------------------------

    def run(self, attributions: Sequence[Attribution] | None) -> list[Actor]:
        actors = self.group(self.candidates())
        self.add_repeats(actors)
        # A name in the page's furniture ("Postmedia Network Inc. | 365 Bloor Street East,
        # Toronto, Ontario") is no mention, but it still finds the name in the article's
        # own text, where the entity recogniser may have missed it ("stores in Ontario").
        for actor in actors:
            actor.mentions = [
                m for m in actor.mentions if not self.furniture.covered(m.start, m.end)
            ]
        actors = [a for a in actors if a.mentions and not self.is_place(a)]
        self.mention_labels(actors)
        unattached = self.complement_labels(actors)
        actors = self.attach_distancing(actors, unattached)
        out = []
        for actor in actors:
            mentions = _shown_spans(actor)
            kind = self.kind(actor)
            out.append(
                Actor(
                    name=self.name(kind, mentions),
                    kind=kind,
                    mentions=tuple(AttributedSpan(s, e, self.text[s:e]) for s, e in mentions),
                    labels=tuple(
                        ActorLabel(s, e, self.text[s:e], bool(marks), tuple(sorted(marks)))
                        for (s, e), marks in sorted(actor.labels.items())
                    ),
                    sources=None if attributions is None else self.sources(actor, attributions),
                )
            )
        return sorted(out, key=lambda a: (a.mentions[0].start, a.name))


# --- public API ---------------------------------------------------------------------------------


def actors_from_doc(doc: Doc, *, attributions: Sequence[Attribution] | None = None) -> list[Actor]:
    """The actors of an already parsed spaCy `Doc`; offsets index `doc.text`. With
    `attributions` (of the same text), each actor's `sources` are linked; without,
    they are None. `techniques` are left None: see `link_actors_to_techniques`."""
    return _Finder(doc).run(attributions)


def find_actors(
    text: str,
    *,
    nlp: Language | None = None,
    attributions: Sequence[Attribution] | None = None,
) -> list[Actor]:
    """The actors of `text`, with their mentions and labels. Needs spaCy and its English
    model (`load_spacy`)."""
    pipeline = nlp if nlp is not None else load_spacy()
    return actors_from_doc(parse_texts(pipeline, [text])[0], attributions=attributions)


def not_english_note(share: float) -> str:
    return _not_english(
        "Actors were not computed",
        share,
        "the actor rules and the English model would invent actors from its capitalised words",
    )


class ActorFinder(ParsingLayer):
    """The actors layer: who the article names and how it labels them.

    `predict` parses the documents (reusing the parse "attributions" made; see
    `propscope.nlp.parse_texts`) and returns each one's actors, linked to the given
    attributions, with no side effects; `set_annotations` writes them onto the
    analyses, links the technique spans already there, and adds the counts to the
    summary. Tests can feed hand-made actors to `set_annotations`.

    A document is left without the layer, with a note saying why, when its text is
    longer than the pipeline's `max_length` or does not look like English.
    """

    name = "actors"
    layer_words = "Actors were"
    not_english = staticmethod(not_english_note)

    def model_info(self) -> dict[str, Any]:
        return {
            "name": "actor-rules",
            "version": RULES_VERSION,
            "spacy_model": pipeline_name(self.nlp),
        }

    def predict(
        self,
        docs: Sequence[Document],
        attributions: Sequence[Sequence[Attribution] | None] | None = None,
    ) -> list[list[Actor] | str]:
        """Each document's actors, or a note saying why it has none (too long, not
        English). `attributions[i]`, where given, are document i's statements, to link
        each actor to those it is the source of."""
        given = list(attributions) if attributions is not None else [None] * len(docs)
        if len(given) != len(docs):
            raise ValueError(
                f"got attributions for {len(given)} documents but {len(docs)} documents"
            )
        notes = self._notes(docs)
        texts = self._to_parse(docs, notes)
        parsed = iter(parse_texts(self.nlp, texts, batch_size=self.batch_size))
        return [
            note if note is not None else actors_from_doc(next(parsed), attributions=found)
            for note, found in zip(notes, given, strict=True)
        ]

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[Sequence[Actor] | str],
    ) -> None:
        for analysis, found in zip(analyses, predictions, strict=True):
            if isinstance(found, str):
                analysis.notes.append(found)
                continue
            actors = link_actors_to_techniques(found, analysis.techniques)
            analysis.actors = actors
            analysis.summary.update(summarize_actors(actors))

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs, [a.attributions for a in analyses]))


@register_component(
    "actors",
    defaults={"spacy_model": None, "batch_size": 8, "min_english_share": MIN_ENGLISH_SHARE},
    description="Who the article names, how it labels them (distancing marked), and the "
    "techniques and claims attached to each (rules over spaCy).",
)
def make_actor_finder(
    *, spacy_model: str | None, batch_size: int, min_english_share: float
) -> ActorFinder:
    """Build the component, loading spaCy now: a missing spaCy or English model fails
    here, when the Analyzer is built, with the install command."""
    nlp = load_spacy_for("actors", "actors", spacy_model)
    return ActorFinder(nlp=nlp, batch_size=batch_size, min_english_share=min_english_share)


def _shown_spans(actor: _Actor) -> list[tuple[int, int]]:
    """An actor's mentions as shown, in text order: one where an alias or a repeat lies
    inside a longer one."""
    spans = {(m.start, m.end) for m in actor.mentions}
    return sorted(
        (s, e) for s, e in spans if not any(o != (s, e) and o[0] <= s and e <= o[1] for o in spans)
    )
