"""Who says what: attributed statements found by rules over a spaCy dependency parse.

Each `Attribution` has a SOURCE span (who), a CUE span (the words that attribute: "said",
"according to", ":" after a speaker's name), a CONTENT span (what is attributed) and a
`source_kind`:

- "person", "organisation" (government, military, armed group, company, party),
  "media" (outlets, papers, agencies by name or by noun);
- "vague": a source a reader cannot identify ("sources", "reports", "officials",
  "experts", "Western sources", "a campaign operative", "one skipper", "those familiar
  with the matter", or no source
  span at all behind a nominal or passive cue: "there is confirmation that ...");
- "pronoun": he, she, they, it, who ...; where the text names whom it stands for, the
  statement's `refers_to` is that name and `refers_to_kind` its kind
  (`propscope.components.pronoun_sources` has the rules);
- "author": the author's own voice: "I expect ...", "What is also certain is ...",
  "of course", or a prediction with "will" in a sentence nobody else is said to assert;
- "unattributed": an assertion with no source and no cue (the whole sentence is the
  content; `cue` and `source` are None).

Conventions follow PolNeAR's annotation, measured on its dev split by
`bench/eval_attribution.py`: the content of a reported clause keeps its complementizer
("that the Jihadis are divided ..."); a direct quote's content keeps its quotation marks;
the source is the whole subject phrase, appositions and relative clauses included
("Luis Rubio, who heads the Center ..."); the cue keeps auxiliaries, negation and
adverbs between subject and verb ("has also said", "didn't expect"), the preposition of
phrasal cues ("called for") or of a cue whose content follows it ("commented on",
"agreed with", "voted against") and a date or "in an interview" right after the verb ("said
Monday"). Like PolNeAR, the rules leave alone cues inside a quotation (the quotation is
already attributed as a whole), cues in questions ("Do you think ...?") and infinitive
cues ("refused to discuss", "plans to say"). No span runs over a line break except a
quotation; `propscope.nlp.load_spacy` also makes every line break end a sentence.

Decisions beyond PolNeAR:

- when the subject of a cue is footage released by someone ("Pictures and film released
  by the Jihadis shows them ..."), the source is the party that released it ("the
  Jihadis"), since that is whose claim it is; the cue stays the attributing verb ("shows");
- "I" and "we" outside quotations are the author (kind "author"), inside them a pronoun;
- a quotation split around its cue ("“A,” he said. “B.”") gives two attributions with
  the same source and cue, one per part (PolNeAR: one discontinuous content);
- the source-less author kinds and "unattributed" are not PolNeAR relations and are
  left out when measuring on it;
- one source name has one kind in an article, since the model tags the same name
  differently from sentence to sentence ("Mills" PERSON, ORG, nothing). Sources whose
  text is a name (capitalised words, no vague noun) and whose names are equal (lower
  case, without "the" and "'s") take, in order: media, where one is on the media lists;
  person, where the name is a full PERSON name in the article or its last word ("Mike
  Mills" ... "Mills said"); the kind most of spaCy's tags on the name say; organisation
  over person over vague among the mentions' own kinds. Kinds are not part of
  PolNeAR's figures.

Beside the rules' word lists (`attribution_lexicon`), a small learned model decides which
other verbs attribute what follows them ("wants to build", "supports the bill", "voted
for"): every verb the rules leave out that has a subject and a complement is scored by
`propscope.models.attribution_cues` (trained on PolNeAR train; its card has the figures),
and those it accepts get the rules' source, cue and content spans. `learned=False` runs
the rules alone. Both follow the parser's mistakes, and neither can attach a quotation
whose speaker is named in another paragraph.

As the pipeline component "attributions" (on by default, after "figures"), the finder
fills `Analysis.attributions`, adds its counts to the summary (see
`propscope.analysis.summarize_attributions`) and sets each figure's `source` to the
statement that holds it. spaCy and its English model are loaded when the component is
built: where either is missing, building the Analyzer raises `MissingDependencyError`
with the install command (and how to leave the component out), so a run fails at once
and clearly rather than midway through a batch.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from propscope.analysis import (
    NAMED_KINDS,
    SOURCE_KINDS,
    THIRD_PARTY_KINDS,
    Analysis,
    AttributedSpan,
    Attribution,
    SourceKind,
    link_claims_to_attributions,
    link_figures_to_attributions,
    summarize_attributions,
    summarize_claims,
)
from propscope.components.attribution_lexicon import (
    ADDRESSEE_CUES,
    AUTHOR_MARKERS,
    AUTHOR_PRONOUNS,
    CERTAINTY_WORDS,
    CLAUSE_ONLY,
    CLERGY_NOUNS,
    COMPANY_WORDS,
    CUE_VERBS,
    DATELINE,
    DOBJ_CUES,
    FINDING_VERBS,
    FOOTAGE_NOUNS,
    FUTURE_MODALS,
    INDEFINITE,
    LEARNED_STOP,
    LINE_SOURCE_NOUNS,
    MEDIA_NAMES,
    MEDIA_NOUNS,
    NOT_CUES,
    NOUN_CUES,
    OPINION_MODALS,
    ORG_NOUNS,
    OUTLET_WORDS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    PHRASAL,
    POLL_NOUNS,
    RELEASE_VERBS,
    REPORTING_VERBS,
    SPEAKER_COLON,
    SPEECH_VERBS,
    TITLES,
    VAGUE_HEADS,
    VAGUE_NOUN_CUES,
    line_label,
)
from propscope.components.claims import no_sentence
from propscope.components.double_standards import BLAME, PRAISE, PUNISHMENT
from propscope.components.people import (
    a_presidents_staff,
    aged,
    people_tagged_otherwise,
    question_auxiliary,
    the_name_kind,
)
from propscope.components.pronoun_sources import resolve_pronoun_sources
from propscope.document import Document, split_title
from propscope.furniture import Furniture, find_furniture
from propscope.language import MIN_ENGLISH_SHARE
from propscope.language import not_english_note as _not_english
from propscope.lines import glued, stripped
from propscope.models.attribution_cues import CueModel, shipped_cue_model
from propscope.models.attribution_tagger import (
    AttributionTaggerRuntime,
    TaggedSpan,
    group_statements,
    shipped_tagger,
)
from propscope.nlp import (
    INVISIBLE,
    ParsingLayer,
    load_spacy,
    load_spacy_for,
    parse_texts,
    pipeline_name,
)
from propscope.pipeline import register_component
from propscope.sentences import title_cut

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "SOURCE_KINDS",
    "AttributedSpan",
    "Attribution",
    "AttributionFinder",
    "CueCandidate",
    "SourceKind",
    "attributions_from_doc",
    "cue_candidates",
    "find_attributions",
    "make_attribution_finder",
]

# Raised when the rules change what they find, so that a batch output can tell
# analyses made by other rules (6: session 29's changes: possessive names in sources,
# appositions, learned infinitive cues, a name's dangling preposition; 7: session 30's:
# "Speaking of ..." opening a sentence, a clause before a semicolon, pronoun sources
# resolved to a bare surname and not to a name inside their own quotation, an inverted
# speech tag cut from the content before it, "Review:" and similar line labels, subjects
# the parser hangs on the verb or on the reported clause, a noun with a PERSON apposition).
# 8: session 31's: more line labels ("Verdict:", "INCIDENT:", "Editor:"), "DERMOT SAYS:";
# 9: names tagged otherwise that the article shows are people's ("Kristie Quinones said
# she ...") count as persons, for sources and for the pronoun rules; 10: "he said" after
# a quotation that goes on is its speaker, a proper name before a person noun the name;
# 11: sentences inside a pronoun's own quotation passed over, a name's head a proper noun;
# 12: a subject that is only a time is no source ("Tuesday also saw ..."); 13: "they"
# and "it" with any cue verb ("They pointed out") look back to the statement before;
# 14: datelines, headings and captions' labels take no turn, a speaker's name holds its
# full stops ("LUCAS ST. CLAIR:"), whoever takes turns in a conversation is a person;
# 15: quotations in single marks ('We will win,' he said), a dash signs only with a name;
# 16: a company's name ("Lucky Air", "X, an e-gaming company") is an organisation's;
# 17: a name a "she" stood for takes no later "he" (nor the reverse); 18: "no
# candidate", "every voter" are nobody a pronoun stands for; 19: an acronym tagged a
# noun ("The FA") and a noun apposed to an organisation ("governing body, UEFA") are
# organisations, "commissioner" a person noun; 20: a page's furniture, a heading, a
# credit or a call to action is no unattributed assertion; 21: the cue verb's own
# preposition opening the content joins the cue ("agreed with | the ruling"); 22: a
# passive's subject is the content only after a verb of saying ("was reported by"); 23:
# a document by or from a named body is that body's ("a study from Tufts University");
# 24: a passive is no cue of the tagger's ("were noted", "is accused of"); 25: a
# channel is its owner's ("The Kremlin's website"), a reporter "of the Times" a person;
# 26: a source or content cut inside a hyphenated word grows to the whole word, and a
# statement whose source then overlaps its content is none ("wife | said | Mateen's ex");
# 27: a source starts after the page's furniture ("ArrowRight Ms. Wurtzel"); 28: a
# full name's first name tells its gender to "he" and "she" ("Donald Wurtzel" is no she);
# 29: the reader's "you" and an "it" that is or seems say nothing ("you | can find");
# 30: a reflexive pronoun or the one spoken to is no content ("found | itself", "told |
# me", "speaking to | reporters"), nor does the tagger make a statement of its cue; a
# one-word plural name ("the Padres") is no person a "he" could stand for; 31: who was
# asked is no source ("Asked about the plan, an official said"), a post or an email
# reports the quotation before it, initials keep their full stop ("the U.S."); 32: a
# quotation that is a paragraph, whole, goes on from the quoted statement that ends the
# paragraph before ("“A,” said X.\n\n“B.”": B is X's); 33: a learned cue on a heading or
# a credit line is none ("Staff writers ... contributed to this report"); 34: where no
# sentence before a "he" or "she" names anyone, up to three back, a speaker the article
# shows as one ("Thweatt jokes ... he tells them ... But, of course, they're not. “They
# want to talk about guns,” he said."; `pronoun_sources.FAR`); 35: a sentence right
# after a speech tag that ends the one before is no prediction of the author's ("...,
# Maas says. At times a victim will be taken by complete surprise."); 36: a statement
# whose content is a phrase a cue acts on is an act (`Attribution.act`: "thanked |
# Ritter"), and holds no figure its source said; 37: a post embedded and signed at the
# end of its paragraph ("... — Javad Zarif (@JZarif) January 4, 2020") is its signer's;
# 38: a paragraph ending on a speech verb and a colon introduces the quotation that is
# the next paragraph ("... told Amnesty International:\n\n“The treatment ...”"), and a
# name described as a body ("Activision Blizzard, an e-gaming company") is no "he"; 39: a
# quotation a colon introduces takes the speech verb before the colon first ("...
# announced on Twitter: “We love China.” On Sunday, LeBron James said ..."); 40: an
# instruction to the reader ("Preheat the oven ...", `claims.no_sentence`) is no
# unattributed assertion; 41: a rank ("Major General", "Maj.", "Prime") is a title before
# a name, for pronouns as for actors. 43 (session 48): the author's "But", "And",
# "Yet" ... before a quotation that is the whole content is no part of it ('But "the
# 82nd Airborne is America's guard of honor," said ...'), so the quotation of the next
# paragraph goes on from it. 44: a quotation left open at its paragraph's end goes on in
# the quotation that opens the next paragraph, and both are the speaker's who claims
# either (`open_quotations`). 45: a source that opens with the auxiliary of a question
# put before its subject ("Will Marco Rubio ... renege on his pledge?") says nothing.
# 46: a given name or surname alone tagged an organisation is a person's where the
# article names the person in full ("Najib" beside "Datuk Seri Najib Razak"), and a "he"
# after a quotation of several paragraphs looks before the whole quotation for whom it
# stands; a curly quotation left open at its line's end runs to the line that closes it
# ("“The company refused.\nOur members will walk out,” Lopez said."); "That said," and
# "Having said that," attribute nothing; a modal before its subject is a condition, not
# the author's voice ("arrest him should he try to leave"); a noun given a person's name
# by "named" or "called" is a person ("a spokesman named Said Khecharem"); a post signed
# on the line under it is the signer's; "it became clear that" and "(emphasis added)" say
# nothing; a paragraph that is one untagged quotation, after a paragraph that ends on a
# statement, is that statement's source's (`quotation_after_statement`). 47: a cue in an
# "if" or "unless" clause supposes a statement, nobody made it ("If another attendee says
# ..."), though a past verb joined to a past main clause's condition is the main clause's
# ("Trump threatened ... if the countries failed to ... and blamed Democrats": Trump
# blamed); "blamed Democrats for rejecting ...": Democrats rejected (`subject_of`), and
# "whom" is a relative pronoun as "who" is; "as if" supposes nothing ("as if, he told
# doctors, he had walked through a wall"); a line that ends on a title goes on in the next
# ("said the Rev.\nDavid Dockery", `nlp`); a vague source that names its people after a
# comma is theirs ("two members of ..., Coleen Rowley and Bogdan Dzakovic"); a speech verb
# after a quotation may follow the speaker's description between commas ("'...,'
# Pirhossein Koulivand, head of Iran's emergency services, told state television"); a tag
# between commas that the parse hangs on the clause as an adverbial one is a tag ("...,
# Sludge and LittleSis found, the campaign received ..."); "continue", "keep", "seek" and
# "stop" are cues of neither the learned model nor the tagger (`LEARNED_STOP`). 48: a
# clause is no source ("That a compromise was brokered ... suggests", "getting them to
# ask ... would promote", `_a_clause`), and the tagger makes no statement of its cue.
# 49: invisible characters (zero-width spaces, byte-order marks) split off the words they
# touch and end no span ("\u200bWith a range of ..." opened a content). 50: a gerund with
# its agent or article ("Reporting by the New York Times shows") and a "whoever" clause
# are sources again. 51: a curly contraction reads as the straight one ("It’s that ..." is
# nobody's statement, `nlp._straight_contractions`), and initials at a line's end ("H.R.\n
# McMaster said") end no sentence. 52: not a time's or a place's before a paragraph; a
# gerund with an object is a clause ("Taking money from lobbyists shows"). 53: "those" or
# "these" with a phrase or clause that describes them is a vague source, not a pronoun
# ("those familiar with the matter", "those who were there"). 54: "the" and one word
# tagged a person's name is an organisation or an outlet ("The Gazette said", "the Duma
# said"), as the actors layer has it since its rules 48 (`_the_one_word`). 55: "they"
# that opens its sentence stands for the plural subject of the sentence before, and for
# people named together ("Labrosse and Canestrino said ... They say"; `pronoun_sources`).
# 56: "he" or "she" goes on with the only speaker of the sentence before, past the people
# that speaker names ("Nick Ryan ... suggested that the polling shows Yang rising. / “...,”
# he said"), and, two or three sentences back, past places, dates and plural nouns.
# 57: a straight mark that opens a line and is not closed on it opens a quotation where
# one of the next lines closes it ('"How many ...?\nIt just shows ..."', the PTC's
# sentence a line).
# 58: a name that an age between commas follows is a person's ("Narelle Coady, 54,"), and
# a name in apposition after its noun is that noun's subject ("the sociologist Ruth Glass
# coined ..., she ...").
# 59: a tagged cue inside a quotation takes no content outside it ('"He said he was
# going ..." opening Haig's words had the line before them).
# 60: a tagged source is the whole name whose first words the tagger marks ("Kill" of
# "Kill Team"; through proper nouns only, and not into the cue), and a tagged content
# that opens on a verb's clitic takes its subject ("’s trying" -> "it’s trying").
# 61: a clause that opens the sentence and that the parser hangs on the speech verb as an
# adverbial is what it reports ("..., reports said"); a noun cue after "amid", "after",
# "despite" ... is not the subject's of the clause it hangs on ("crews treated 25 people
# ... amid claims ..."); a tagged cue that is a found source's head, or a clause or
# adjective describing it, is none ("reports" of "..., reports said"; "who asked not to be
# named").
# 62: a source whose root is a title with a person in apposition is a person's
# ("Binghamton Police Capt. Jack Collins", the title tagged an organisation's).
# 63: a content runs on past a line that ends on a title ("that Pvt.\nBradley Manning
# gave ...", as the PTC writes it), now that the parse keeps "Pvt." one word.
# 64 (session 59's reading of news): "read" tags a quotation after it ("“...,” the
# document read"), and a tag's speaker the parser took for the verb's object or a noun's
# compound is found ("“...,” read a portion of the memo": the memo); a quotation holds
# the quotations nested in it; a clause after the verb is what is said though the parser
# give the verb two subjects; a tagged source takes its noun's determiner, describing
# words and possessor ("A succeeding initiative", "The mayor's spokesman").
# 65: the verb's object is the subject of a clause after it that the parser left without
# one ("They warned the death toll was likely to rise"); a noun's "that" clause is the
# nearest cue noun's ("a fear compounded by forecasts that ...": the forecasts'), and a
# copula left without its complement runs to the sentence's end; "add to" a thing reports
# nothing ("has added to the urgency"); where a source was, between commas, is not the
# source ("Scott Morrison, at a reception for ..., acknowledged").
# 66: "comment" tags a quotation ("“...,” Dan Barker comments. “...”"); what one admits
# to doing starts at "to" though the parser hang a later verb's clause on the cue; a
# speech participle after a claimed clause is the claimant's ("Shea claimed this
# manifesto was ..., implying that ..."); "whom" of a relative clause stands for its
# antecedent (`pronoun_sources`). 67: "watch" and "wait" are no cues of the tagger's or
# the learned model's ("Investors are watching for early signs ..."); a content that
# opens a quotation ends after its closing mark ("another Brexit “cliff edge.”").
# 68: "call" with only an object telephones or summons ("he called police"), and says
# nothing to the rules, the learned model or the tagger.
# 69 (a PTC article from CNN read through): no pronoun stands for a name in the page's
# furniture ("JUST WATCHED Man who sold ..."), and no content opens in it ("Hide Caption
# 3 of 30 Photos: ..."); a content that is one verb says nothing, unless a colon opens a
# list after it ("The ammunition, he said, was:\n• 600 rounds ...").
# 70: "experience", "suffer", "undergo" and "face" are no learned or tagged cues ("Puerto
# Rico is experiencing a medical crisis" was an act).
# 71 (session 59's review of 64-70 on news and the PTC): a quotation nested in another
# closes where the marks balance, else the first closing mark stands (an opening left
# unclosed by mistake swallowed a paragraph); the setting's cut pops only its own comma
# (an apposition in brackets kept its close: "(Sanders, Warren)"); the claimant's
# participle needs a comma before it and a clause that says nothing itself; an object
# before a subjectless clause may have commas after it; "read" tags only where its
# sentence ends on it or its object; a gerund starts the content only right after its
# preposition; a noun cue's source is not a participle's agent; a source the parser split
# into glued subjects is whole ("Mateen's ex-wife", "ownCloud co-founder ..."); a call
# with a quotation after it names something ('called the officer "freaking evil"').
# 72 (PolNeAR dev's review of 64-71): a call is a phone call only with a short object
# and no second phrase after it ("has called the police shootings ... a moment similar to
# the civil rights movement" says something); a setting is cut from a source only right
# after the name or its apposition, not after a relative clause; the glued-subject rule
# compares tokens by index ("27 they" took a date into a pronoun). 73: "impose" is no
# learned or tagged cue ("which in March | imposed | sanctions"); "as X called it" and
# "calling attention to" are no phone calls. 74 (a Business Insider article): a content
# that opens a straight quotation ends after its close too ('as "crystals and
# $900-a-bottle wine."'); "attempt" and "enjoy" are no learned or tagged cues. 75: a
# tagged content that cuts its clause's subject takes it whole ("[Vulnerabilities in a
# federal cell phone] subsidy program could be exposing ..."); a content that is one
# pronoun, conjunction or determiner says nothing ("fraud that Pai said merited ...").
# 76: a command to the reader is no unattributed assertion ("Search your favorite
# topics...", a shop's page among the news). 77: a content ends before ", according to"
# ("said he'll mobilize the U.S. military ..., according to a report by Bloomberg.com").
# 78 (rule_changes and PolNeAR on 74-77): a one-word content says nothing only when it is
# a verb or a relative pronoun ("as Sanders put it" stays, as PolNeAR marks it); a
# command with "let" or with a clause of its own subject is asserted ("Walk into any
# bookstore and you'll find ...", "Let this serve as a WARNING that ..."), and so is
# "So have Obama's former Secretaries of State ..." (inverted, no command).
# 79 (session 60's reading): "The Obama White House" (PERSON) is an organisation; a
# listed subject the parser cut is whole ("Russia, Iran, and China are eager", where
# "China" was the source); the object of a verb of control does what its infinitive says
# ("forced Stumpf to admit": Stumpf admits; "deploying forces to defend": not Trump).
# 80: only where the verb is the infinitive or joined to it ("ordered a woman to pay ...
# after finding", "by telling": the judge finds, Johnson tells); a short name in brackets
# is no second subject ("The report from ... (“OIG”) criticized"); an "as" clause's
# speaker vouches for its host clause ("As Comey has admitted, several e-mail chains
# were classified ..."); a relative clause's gap is no content ("an act she knew | was
# wrongful"); a named report's verdict without a verb in a line label is no statement
# ("FBI IG Report: A Slap On The Wrist"). 81: "made clear" and "made it clear" are cues
# ("make" is none), their content opening at "that" after a time ("made clear when he
# launched his investigation ... that ..."); a time clause's verb between a cue and its
# clause takes no clause ("said when he arrived that ...": "he | arrived" was a second
# statement); a cue keeps its adverb's negation ("no longer worries about") and a
# copula's predicate before its clause ("are adamant that"); a name with an age after it
# is a person's ("said Brett Tolliver, 27.", ORG). The rules of 80 narrowed: an "as"
# clause vouches for its host only where it opens or ends the sentence ("the enclosure,
# as described by the zoo, was ...") and by a verb of saying or finding (not "as offered
# by", "as she sings, “...”"), its host starting after its comma and quotation's close;
# a relative clause's gap is a content right after its cue, and no question ("ask is
# clubbing a sin?") nor a post's command before its handle. 82 (rule_changes on 81): a
# title's topic is no speaker ("Madagascar Outbreak: It Is ‘Inevitable’ ...", the
# recogniser's PERSON; its last word a common noun of the body); a paper's credit that
# opens an inverted report is no part of it ("According to the Daily Mail, X, a
# scientist has warned": the scientist's content is X); "made clear" only before a
# clause, never as a purpose ("one goal is to make clear that"), opening at "that" after
# "is" ("What the media has made clear is that ..."); "as they say" is an idiom's; only
# a copula's predicate joins the cue ("are adamant", not "has gone global"). 83: clergy
# are people ("The Archbishop already noted", ORG; "two priests in two dioceses who
# state": the priests); Catholic and other outlets are media ("LifeSiteNews",
# "Kath.net"); a dateline with a date is no content ("AUSTRIA, February 16, 2018
# (LifeSiteNews) – "); "according to" ends at a comma before the parser's object
# ("According to the Herald, Gov.\nRick Scott issued ...": not "Rick Scott"). 84: what
# the object of a control verb or "call on" is asked to do is part of the content
# ("has called on 10,000 blacks | to stalk and murder ...", hung on the verb); the name
# behind "who" is a person's where the article shows it is ("Christine Blasey Ford, 51,
# who claims", ORG to the recogniser). 85 (session 61's reading of news and the PTC):
# a verb with an object of its own (not whom it tells) reports no clause before it ("...,
# as while her operation was successful, she required regular MRI scans"), nor does a
# learned cue a clause with its own subject after its object ("should provide a cushion
# should Johnson fall"); a second subject is what was said only after a comma ("carrying
# ... my Ricoh felt good" is one subject split); a verb with a clause for its subject is
# no learned cue, nor a participle between a name and its noun ("Wanda branded hotel"),
# nor the infinitive of a learned cue taken ("chose to ignore their advice"); a day
# after "call on" joins the cue ("called on Sunday for | a global alliance"); "that"
# hung on an adverb stands for the object before it ("a video online that claimed");
# a name whose apposition opens with an age is a person's ("Traci, a 28-year-old real
# estate agent", ORG), and so are its other mentions, and a list of names each named
# in full ("Rossello and Gonzalez", ORG); a name right before a verb the parser joined
# to an earlier one with no "and" is its subject ("the $94.4 billion Rossello has said
# the island needs": not "The aid"); "That said it all" and "This says a lot" are
# idioms, and what "threaten" takes for its object a target; a straight mark that a
# curly one closes on its line opens a quotation ('"We have to stop ...,” Lemon said.':
# "We | realize" was the author's); what one does "without offering details" says
# nothing; a source in a bracket after its cue speaks for nothing outside it; furniture
# glued to a quotation ("{mosads}“I ...") takes none of its words. 86 (session 62): a
# learned cue in a question says nothing, as a rule's does ("Does Archbishop Hebda
# believe it is time ...?"); "that according to X, ..." says the clause after the
# phrase; a noun cue says no "that" clause joined to a clause the noun stands in ("those
# bringing allegations, and that there's often a tendency ..."); a quotation that goes
# on in the next paragraph is its speaker's, not the outlet's that cites them ("...,"
# Schaaf said Friday, according to NBC Bay Area); adding or observing a thing is an act
# ("had added | a total of 38 objects"); who is seen or heard doing it says it ("was
# captured on video in Tehran, Iran chanting", where "Iran" was the subject); a post's
# signature may follow its link on the line under it; "Asked what ..., scholars
# emphasized" asks nothing, as a past tense too; a title in a speaker's description is
# no quotation ("the author of “Black Muslim Religion ...,” said that"); an outlet's
# report is the outlet's ("the New York Times report"); what one calls on someone to
# do is said, hung on the verb too; a verb after a quotation that ends a sentence the
# writer's words open, with a clause of its own, says that clause ('... and “immediately
# responded.” MGM said that ...'); a content
# ends before "and then" of the next conjunct; a name before a participle is its
# subject ("of Campos reporting his injury"); no learned cue says a place or a time
# ("Ebola outbreak declared | in Democratic Republic of Congo"), nor "says about" in a
# relative clause ("the things the minister says about Jewish people"), nor a place
# that "saw" something, nor a fright ("was frightened of") or blame ("were responsible
# for ..."); "nothing" says nothing;
# "the US" is no author; a work's title after its noun is no statement ('says in its
# new report, "Adblocking Goes Mobile."') and no part of the source after it;
# "according to" a gerund's name is that name's ("publishing consultancy PageFair"),
# and credits the clause before it where "and" or "because" follows; a statement
# inside an embedded post ends with the post; "sometimes called X" is a name, not a
# statement; no learned cue for the writer's group ("Some of us like to ..."), a need
# ("he had | to cope with ..."), a list ("These | include | ..."), or "not to mention".
# 87 (later in session 62): a gerund
# after a cue is no learned cue again ("has denied | ever knowing about ..."); the mark
# that closes scare quotes closes no source ("“right-wing Islamophobes” say"); what was
# done "with" something says nothing ("with ... nine new members added"); a line that
# opens with a person's name, a colon and a quotation is theirs ('Trump: "If You ..."',
# "Trump" a noun to the tagger); no tagged cue in a question asked of it ("Who
# sanctioned ...?"); "we Americans" is the writer; a platform is no learned content
# ("posted on | YouTube"). 88: a tagged content stays in its cue's paragraph, or the
# lines a colon after the cue introduces; "we
# Americans" is the writer, "the US Air Force" not (87 took "US" for "us"); scare
# quotes' close takes the comma before it ("a senior Labour backbencher,”"). 89
# (session 63): a day right after the cue is the cue's ("said on Sunday | he had
# raised ...", as PolNeAR marks it); "referred to as" gives a name, no statement, for
# the tagger too; being "sensitive" about something says nothing; CNN's dateline
# ("Washington (CNN) Senate Republicans") is no part of a source; who "added" after a
# reported clause is who said it ("said the court challenge might have nudged ..., but
# added, “...”"); a quoted paragraph goes on from a learned or tagged cue's statement
# ending the paragraph before, as from a rule's; what an agent called something is no
# word of the agent ("denounced by many as a hatemonger"); a source that describes a
# person with "the" ("the economist added") refers to the one person an earlier source
# names and so describes ("Mushroom Kingdom economist Toad"; `resolve_descriptions`);
# nothing is said that something keeps from being said ("prevents him from revealing");
# a time is no tagged source ("yesterday afternoon | referred"); responding to a place
# is going there ("agents responded | to a residence", a learned cue); a "that" clause
# the parser hung on a learned cue's phrase is its content ("predicted | in November
# 2011 video that ..." says the clause). 90 (session 64): "WHO" is the World Health
# Organization, a name its statements share; a show's name after a preposition is no
# quotation ('an appearance on "Morning Joe," co-host Mika Brzezinski asked');
# "asked Horowitz when ..." asks the clause, not Horowitz; a quotation right after its
# speech verb is the verb's ("but said “not the president himself.”"); a name written
# with a small particle ("diGenova") is a name; "the Union-Tribune" is a paper; "he"
# is no subject of the other gender or inside his own words ("Ford “really doesn't
# want to testify,” he said"), and is the subject of the clause his is joined to where
# only an owner is named between ("Greenwald is no fan of President Trump's policies,
# but he ..."); a line cut at a name's "!" or an abbreviation's full stop goes on where
# the next opens in lower case ("at Democracy Now!\nthat getting ..."); "advise" is a
# cue whose object is whom it advises ("..., the weather service advised"); a verb the
# learned model may not take ("watch") is no rule's cue either; "is to say" is the
# writer's own hedge ("None of this is to say that ..."); a pronoun that stands for a
# description now resolved stands for its name ("He further said" after "the spokesman
# said"); a name that closes a sentence with its verb of speech after a comma is its
# source where the parser left the verb no subject ("..., Shadow and Act reports."); a
# pull quote (a quotation set out again, signed, no verb) is no author's or unattributed
# assertion; what a group calls itself is its name, for the tagger too, and so is what
# "called" right after a noun names ('a "gun fabricator" called the Ghost Gunner');
# what is refused or declined is no clause before the verb ("..., Banks Refused"); an
# unattributed sentence starts after the page's furniture that opens it; a learned verb
# outside the rules' lists with a noun after it reports no clause before it ("...,
# President Trump has presided over a labor market"); a name that takes a turn inside a
# line is a speaker where it opens a line too ("Trump: When you get the respect ...").
# 91 (session 65): an "as" clause's verb the tagger read as a plural noun is a cue ("As
# The Daily Mail notes, it is ..."); an "as" clause before a quotation ends at its comma
# ('As the Atlantic pointed out, “No other ...”'); a line that ends on a verb of speech
# and a comma introduces the quoted line after it, as a colon does ("As Winfield
# writes,\n“The revelation ...”"); "see" with an object and no "as" is no learned cue
# ("Once he saw Campos, ...", "the industry saw the announcement"; "sees him as ...");
# "decline" by an amount is no learned cue ("has declined by 1.9 million"); a noun's
# phrase with its article closing a sentence is its verb's source where the parser left
# the verb none ("..., a statement of facts filed with his plea agreement said."), and a
# learned content that runs into another statement's source is none ("chose | to travel to
# Jordan, a statement of facts ..."); whom "told" addresses in a relative clause is no
# learned content ("which AshLee Strong told | TheDCNF"); a tagged content is never its
# own statement's source or cue, nor the page's furniture ("he writes:\ntake our poll -
# story continues below"); a headline's capitalised participle with no auxiliary is a
# passive ("Pope Accused in International Sex Abuse Case"), no cue; "SPECIAL REPORT:" and
# a label in capitals ending on a label's word ("REMNANT COMMENT:") are no speakers; a
# one-word name tagged a person after a title once is a person wherever the recogniser
# tags it otherwise ("President Trump", then "Trump" ORG: `people_tagged_otherwise`); what
# "claim" takes without a word is no statement ("gun violence has claimed the lives of 11
# people"); a cue in a question's "whether" or "if" clause says nothing ("Asked ...
# whether he would advise ..."); "display" is no learned or tagged cue ("He has displayed
# improved control of his body"); the speaker the parser hung on a reported "be" clause's
# complement as its apposition is the source ("... was the largest area destroyed in the
# state since records began, Associate Professor Owen Price ... said"); a person source
# written as initials stands for the one person the article names with them ("DL:" and
# "WB:" turns, Dara Lind and Wayne Barrett).
# 92: a paragraph that ends on a colon before a quoted paragraph is tagged by its verb of
# speech wherever it stands, not only among its last six words ("The groups released the
# following statement today in response to yesterday's motions:", "Bolton told an
# audience of ...:"), and "According to Ritter:" on its own line credits the quotation on
# the next; a verb's object is its clause's subject across a phrase of the
# verb's own between commas ("said the enclosure in question, as described by the zoo,
# was ..."), and whom a cue tells is none unless a second object follows it ("told the
# Judiciary Committee her client ...") or a "her" the parser made its owner ("told her
# ICE would ..."); "as X called it" says the name before it, not "it"; an infinitive the
# parser hung on an object-control cue is the object's ("challenged the zoo to explain
# ..."); "who" after a noun and a person's name in apposition is that person ("a Kritarch,
# Patti Saris, who ..."), after a share of people those people ("the 67% who rate");
# states of being charged or liable ("stands accused of", "were amenable to arrest") and
# "conspire" are no learned or tagged cues, nor "show up"; a plural noun's phrase closing
# a sentence is its "say"'s source ("..., political scientists and presidential
# historians say."); a name and a colon before only a telephone number or an address is
# no speaker's turn ("Wahweap Marina: 888-896-3829, www.lakepowell.com"); an "I" inside a
# quotation stands for its speaker; a source drops a trailing "herself" ("Barbara herself
# says") and keeps the bracket it opened ("Auntie Mame (Russell)"); a given name the
# recogniser tags a person before a capitalised noun makes a person ("James O’Keefe"); a
# tagged content before its cue with the source after it is the quotation right before
# ("the Knicks do. We've | recently heard | KD ..." is none), and a tagged cue after its
# content drops the preposition it ends on ("Trump said at a meeting"); "opine" is a verb
# of speech; "..., the WHO said." that the parser made a relative clause of the noun
# before the comma tags the sentence; an "it" or "they" after a quotation looks past a
# closing mark the parser split off, past a source inside another's words ("the WHO said
# lab tests ... confirmed"), and goes on with what the same pronoun before stood for ("It
# said it had released ..."); two words or more in capitals that are all labels' words
# open no turn ("EXCLUSIVE PICS: LV Shooter's car ...").
RULES_VERSION = "92"


# A passive's subject is what was said only after a verb of saying or judging: "The
# statements were reported by the Times", "is predicted by string theory", "The attacks
# were denounced by numerous groups"; not "the embassy was attacked by crowds", "the
# decline was not explained by smoking", "the site is identified by Program Interest
# Number 13531".
_PASSIVE_REPORTS = frozenset(
    "say report predict estimate propose confirm announce reveal claim forecast suggest "
    "state tell criticize criticise condemn denounce praise defend blame".split()
)


# Verbs that report only as a quotation's tag after it: "“...,” the memo read." ("He read
# the memo" reports nothing).
_TAGS_ONLY = frozenset({"read"})
# A list a colon opens, one item a line: ":\n• 600 rounds ...\n• 120 rounds ...".
_LIST_AFTER_COLON = re.compile(r":[^\S\n]*(?:\n[^\S\n]*[•*–-][^\n]*)+")
# The mark closing a quotation after a content's end: "“cliff edge.”".
_CLOSING_AFTER = re.compile(r"[.,!?]?[”\"]")
# Words that open a noun phrase: after "called X", a second phrase is what X is called.
_PHRASE_OPENERS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"})
# Prepositions of a setting, not of a name ("at a reception", not "of Lightwater").
_SETTINGS = frozenset({"at", "during", "after", "before", "while"})
# What stands before a noun in its phrase: "A succeeding initiative".
_NOUN_LEFTS = frozenset({"det", "amod", "compound", "nummod", "poss"})
# A part of what speaks: "a portion of the memo", "an excerpt of the letter".
_PARTS = frozenset({"portion", "part", "excerpt", "section", "passage", "extract", "copy"})


def _imperative(sent: Span) -> bool:
    """Whether a sentence is a command to the reader: its root a bare verb that opens it
    ("Search your favorite topics...", "Or search your favorite genre...", "Search for
    art you'll love!"), with no subject."""
    # "So have Obama's former Secretaries of State ..." is inverted, no command.
    first = next((t for t in sent if t.is_alpha and t.lower_ not in {"or", "and"}), None)
    root = sent.root
    return (
        first is not None
        and first.i == root.i
        and root.tag_ in {"VB", "VBP"}  # "Search" at a line's start is VBP as often
        and root.lemma_.lower() != "let"  # "Let this serve as a WARNING that ..."
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in root.children)
        # "Walk into any bookstore and you'll find ...": a claim in a command's form
        and not any(
            c.dep_ in {"conj", "ccomp", "advcl"}
            and any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in c.children)
            for c in root.children
        )
    )


def _a_time(subject: Token) -> bool:
    """A subject that is only a time, which says nothing: "Tuesday also saw ...",
    "January offers ...", "The past 48 hours saw ...". Not one that holds more: "Minutes
    from the 2014 meetings suggest ..." (tagged a time), "The same day, ownCloud ..."."""
    return subject.ent_type_ in {"DATE", "TIME"} and not any(
        c.dep_ in {"prep", "appos"} for c in subject.children
    )


# The speech verb that ends a line's label: "DERMOT SAYS: ...".
_LABEL_VERBS = frozenset("says said asks asked writes wrote adds added".split())
# A post embedded in an article, signed at the end of its paragraph: "— Javad Zarif
# (@JZarif) January 4, 2020" (`_Finder.embedded_posts`).
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SIGNED_POST = re.compile(
    r"\S\s*(?P<dash>[—–]|--?)\s*(?P<name>[^\s—–()@][^—–()@\n]{0,60}?)\s*"
    rf"(?P<handle>\(@\w{{1,30}}\))\s*(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}\s*$"
)
# The same signature on a line of its own, under the post's line (the PTC writes a
# sentence a line): "— Donald J. Trump (@realDonaldTrump) October 18, 2018", after the
# post's link where it has one ("pic.twitter.com/7ZVloq2cXL — MEMRI (@MEMRIReports) ...").
_SIGNATURE_LINE = re.compile(
    r"^\s*(?:(?:https?://|pic\.twitter\.com/)\S+\s*)*(?P<dash>[—–]|--?)\s*(?P<name>[^\s—–()@][^—–()@\n]{0,60}?)\s*"
    rf"(?P<handle>\(@\w{{1,30}}\))\s*(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}\s*$"
)
# Links a post ends on before its signature: "pic.twitter.com/eTDRyLN11c", "https://t.co/...".
_TRAILING_LINKS = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/)\S+)+\s*$")
# The last word of a caption's label, not a speaker's name: "Curbed Video: Six tips ...".
_MEDIA_LABEL_NOUNS = frozenset(
    "video videos photo photos picture pictures gallery slideshow podcast audio".split()
)
# What follows a transcript's speaker: the colon, or one of those verbs and the colon.
_SPEAKER_LABEL_END = re.compile(rf"(?:\s+(?i:{'|'.join(sorted(_LABEL_VERBS))}))?:")

# A speaker's turn after a sentence inside a line: "... like Vietnam. Trump: I feel ...".
SPEAKER_TURN = re.compile(
    r"(?<=[.!?] )(?P<name>[A-Z][A-Za-z.'’\-]{1,30}(?: [A-Z][A-Za-z.'’\-]{1,30}){0,2}):\s+\S"
)
# A quote signed on its line: "“...” ― Sonya Herridge".
DASH_SPEAKER = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[^\n“\"]{2,60}?)[ \t.\u00a0]*$", re.M
)
# A sentence's end inside what follows a dash: no signature ("Julie A. Diaz" is one).
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s")
_EDGE = " \t\n\r\u00a0,.;:!?—–-―" + INVISIBLE
_QUOTE_PAIRS = (("“", "”"), ("''", "''"), ('"', '"'))
# Marks that make a content someone's words (`_Finder.is_act`): not the apostrophe ’.
_QUOTE_MARKS = frozenset('“”"«»‘')


# --- spans and helpers ------------------------------------------------------------------------


def _a_clause(subject: Token) -> bool:
    """Whether a clausal subject is a clause, not a noun the parser misread: one a word
    opens ("That a compromise was brokered", "whether ...", "What I will do"), or a
    gerund with no subject of its own ("getting them to ask ...")."""
    first = subject.left_edge
    if first.lower_ in {"whoever", "whomever"}:
        return False  # "Whoever leaked the memo said ...": somebody, unnamed
    return (
        any(c.dep_ == "mark" for c in subject.children)
        or first.tag_ in {"WDT", "WP", "WP$", "WRB"}
        or first.lower_ in {"that", "whether", "if"}
        or (
            subject.tag_ == "VBG"
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in subject.children)
            and not _a_gerund_noun(subject)
        )
    )


def _a_gerund_noun(gerund: Token) -> bool:
    """Whether a gerund names a thing, with an article, a possessor or an agent and no
    object ("Reporting by the New York Times shows ...", "The polling of ..."); not
    "Taking money from lobbyists shows ...", which does something."""
    children = list(gerund.children)
    named = any(
        c.dep_ in {"det", "poss", "agent"} or (c.dep_ == "prep" and c.lower_ in {"by", "of"})
        for c in children
    )
    return named and not any(
        c.dep_ in {"dobj", "dative", "ccomp", "xcomp", "attr", "oprd"} for c in children
    )


def _has_a_clause_subject(verb: Token) -> bool:
    """Whether a verb's subject is a clause (`_a_clause`), which says who speaks no
    more than a missing subject does."""
    return any(c.dep_ == "csubj" and _a_clause(c) for c in verb.children)


def _hull(spans: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    items = [s for s in spans if s[0] < s[1]]
    if not items:
        return None
    return min(s for s, _ in items), max(e for _, e in items)


# A noun that, set before a name, says the name is a person's: a title or a relation.
_BEFORE_A_PERSON = PERSON_NOUNS | frozenset(
    """
    niece nephew wife husband son daughter mother father brother sister aunt uncle cousin
    grandmother grandfather grandson granddaughter widow widower partner girlfriend
    boyfriend fiancé fiancée friend neighbour neighbor resident student teacher nurse
    officer worker owner survivor witness victim
    """.split()
)
# A noun that, as a name's apposition, says the name is a person's ("Sylvain Charlebois,
# the dean of ...", "Narbe Alexandrian, CEO of ..."), whatever the entity recogniser
# tagged it: only nouns no organisation or place is called ("host", "leader", "partner",
# "owner" and "chief" can be).
_PERSON_APPOSITIONS = (
    _BEFORE_A_PERSON
    - frozenset(
        """
        host leader speaker chair general anchor chief king queen prince ruler pm
        representative candidate nominee partner owner worker survivor witness victim
        resident officer author
        """.split()
    )
) | frozenset(
    """
    dean expert analyst economist researcher scientist historian executive strategist
    consultant scholar
    """.split()
)
# What may stand between a quoted statement's end and the quotation that goes on: the
# rest of its sentence ("..., a postdoctoral scholar at UC Berkeley."), no more.
_CONTINUED_GAP = 150
# "X is set to say ...", "is expected to tell": X is who will say it.
_SCHEDULED = frozenset({"set", "expect", "schedule", "slate", "poise"})
# "X blamed Y for doing ...": Y did it (not "witness my code for finding ..."). The verbs
# that judge or punish someone for an act, as the double-standards layer reads them.
_FOR_DOING = (
    BLAME
    | PRAISE
    | PUNISHMENT
    | frozenset("sue credit reprimand blast mock ridicule penalize penalise target".split())
)
# Relative pronouns as a cue's subject ("whom the foundation denounced for promoting ...");
# not "WHO", the health organisation.
_RELATIVES = frozenset({"who", "whom", "which", "that", "Who", "Whom", "Which"})
# Verbs that keep someone "from" doing something ("prevents him from revealing").
_PREVENTING = frozenset(
    "prevent keep stop bar ban block prohibit restrain deter discourage forbid preclude".split()
)
# The conjunctions of a clause that supposes ("if the board says no", "unless he agrees").
_CONDITIONS = frozenset({"if", "unless", "lest"})
_QUOTE_OR_BREAK = re.compile(r"[\n“”\"‘]")
# What lies between a speech tag that ends a sentence and the next sentence.
_TAG_END = re.compile(r"[^\S\n]*[.!?][”\"’']?[^\S\n]+")
# A speech tag inside what reads as one quotation: its closing mark was written as an
# opening one ('“We know that ... than whites,“ said Ben Ruddell, ... “This is ...”').
_TAG_INSIDE = re.compile(r"[,?!][“\"]\s+(?:said|says|told|added|asked|wrote|writes)\b")
# What lies between a statement that ends its paragraph and a quotation that is the next
# paragraph: the sentence's end, then the break.
_NEXT_PARAGRAPH = re.compile(r"[.!?]?[^\S\n]*\n\s*")
# The author's word before a quotation that is the whole content: 'But "the 82nd
# Airborne is America's guard of honor," said ...'.
_OPENER_BEFORE_QUOTE = re.compile(
    r"(?:But|And|Yet|So|Still|Or|Now|Then|Indeed|Instead)[,\s]\s*(?=[“\"])"
)
_ANONYMITY = re.compile(
    r"(?:not to be (?:named|identified)|to remain anonymous|anonymity|to not be named)\b",
    re.IGNORECASE,
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip surrounding whitespace and punctuation, keeping quotation marks and brackets
    that open or close inside the span."""
    while start < end and text[start] in _EDGE:
        start += 1
    stop = end
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if text[end : end + 1] == "." and _INITIALS_END.search(text, max(start, end - 12), end):
        end += 1  # "the U.S.", not "the U.S"
    for opening, closing in _PAIRS:
        if (
            end < stop
            and text[end] == closing
            and text.count(opening, start, end) > text.count(closing, start, end)
        ):
            end += 1  # "Auntie Mame (Russell)", not "Auntie Mame (Russell" (session 66)
    return start, end


# Brackets and quotation marks `_trim` closes where the span opened them.
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


# Initials whose last full stop `_trim` keeps: "U.S", "D.C", "U.K".
_INITIALS_END = re.compile(r"(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]$")
_HYPHENS = "-\u2010\u2011"


def _whole_hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown over a hyphenated word it starts or ends inside: "co" of "study
    co-author" -> "study co-author", "wife" -> "ex-wife". The tokenizer splits such words
    and the parser sometimes hangs their pieces on different heads."""
    while start > 1 and glued(text, start - 1, _HYPHENS):
        start -= 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    while end < len(text) - 1 and glued(text, end, _HYPHENS):
        end += 1
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end


def _tokens_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    return _hull((t.idx, t.idx + len(t.text)) for t in tokens if not t.is_space)


def _when(token: Token) -> bool:
    """A time phrase tied to a noun: "on Tuesday", "last week", "earlier this month"."""
    if token.dep_ == "npadvmod" or (token.dep_ == "advmod" and token.ent_type_ in _TIMES):
        return token.ent_type_ in _TIMES
    if token.dep_ != "prep" or token.lower_ not in _TIME_PREPOSITIONS:
        return False  # "The committee of 1922" is a name
    objects = [c for c in token.children if c.dep_ == "pobj"]
    # "Legends of Tomorrow" is a title: a capitalised "Tomorrow" is no time.
    return bool(objects) and all(
        o.ent_type_ in _TIMES and not (o.lower_ in _RELATIVE_DAYS and o.text[:1].isupper())
        for o in objects
    )


_TIMES = frozenset({"DATE", "TIME"})
_RELATIVE_DAYS = frozenset({"today", "tomorrow", "yesterday", "tonight"})
_TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "until", "earlier"})


def _subtree_span(token: Token, *, exclude: Iterable[Token] = ()) -> tuple[int, int] | None:
    """The character hull of a token's subtree, leaving out the subtrees of `exclude`."""
    skip: set[int] = set()
    for other in exclude:
        skip.update(t.i for t in other.subtree)
    return _tokens_span(t for t in token.subtree if t.i not in skip)


_CURLY = frozenset("“”")


def _straight_close(line: str) -> int | None:
    """Where the first straight mark of a line ends, where it closes a quotation (after
    a non-space, before a space, a punctuation mark or the line's end); None where the
    line has none, or where its first opens one."""
    q = line.find('"')
    if q <= 0 or line[q - 1].isspace():
        return None
    after = line[q + 1 : q + 2]
    return q + 1 if not after or after.isspace() or after in ",.;:!?)]—–-" else None


# How many lines of text a quotation left open at its line's end may run over before a
# line closes it.
_OPEN_QUOTE_LINES = 6


def _outer_close(paragraph: str, start: int, end: int) -> int:
    """The closing mark of the curly quotation opened at `start`, whose first closing
    mark is at `end`, past the quotations nested in it: "“To support this effort, the
    FBI Laboratory (“FBI Laboratory”) will provide kits ...,” the department explained."
    Each opening mark takes one closing mark, and the outer quotation closes where they
    balance ("“The so-called “moderate rebels” are “terrorists”,” he said"). Where they
    never do, the first closing mark stands: "“We believe ... works to “mask” it. “A
    ‘burnt earth’ ... non-hazardous,” Draper adds" leaves its first quotation unclosed
    by mistake, which would swallow the paragraph."""
    depth = paragraph.count("“", start + 1, end)
    if depth == 0:
        return end
    for k in range(end + 1, len(paragraph)):
        if paragraph[k] == "“":
            depth += 1
        elif paragraph[k] == "”":
            depth -= 1
            if depth == 0:
                return k
    return end


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted passages, quotation marks included: curly, straight and doubled-apostrophe
    quotes, paired within a paragraph; an unclosed quote runs to the paragraph's end
    (a quotation that continues in the next paragraph), or, where a later line closes a
    curly quotation before it opens one, to that closing mark (a quotation over several
    lines, as the PTC's articles write one sentence a line). A straight mark that opens a
    line and is not closed on it opens a quotation only where one of the next lines
    closes it before any other mark."""
    quotes: list[tuple[int, int]] = []
    offset = 0
    # A quotation left open at its line's end, [start, line end), while no curly mark
    # has been met since: a line that closes one before it opens one ends it there.
    left_open: tuple[int, int] | None = None
    lines_since = 0
    # A straight mark opening a line that no mark on it closes, [start, line end): a
    # quotation only where a later line closes it before anything else.
    straight_open: tuple[int, int] | None = None
    straight_since = 0
    for paragraph in text.split("\n"):
        taken: list[tuple[int, int]] = []
        open_at: tuple[int, int] | None = None
        straight_at: tuple[int, int] | None = None
        closed: tuple[int, int] | None = None  # this line's part of a quotation opened above
        if straight_open is not None and paragraph.strip():
            shut = _straight_close(paragraph)
            if shut is not None and paragraph.count('"') % 2 == 1:
                # '"How many hate preachers are living here?\nIt shows what sort of
                # system we have."': the PTC's sentence a line, in straight marks.
                quotes.append((straight_open[0], offset + shut))
                closed = (0, shut)
                taken.append(closed)
                straight_open = None
            elif _QUOTE_MARKS.intersection(paragraph):
                straight_open = None
            elif (straight_since := straight_since + 1) >= _OPEN_QUOTE_LINES:
                straight_open = None
        if left_open is not None and paragraph.strip() and closed is None:
            shut, reopened = paragraph.find("”"), paragraph.find("“")
            if shut >= 0 and (reopened < 0 or shut < reopened):
                # "“The company has refused every offer.\nOur members will walk out,”
                # Lopez said.": one quotation over lines, as the PTC's articles write a
                # sentence a line.
                quotes.remove(left_open)
                quotes.append((left_open[0], offset + shut + 1))
                closed = (0, shut + 1)
                taken.append(closed)
                left_open = None
            elif reopened >= 0 or shut >= 0 or lines_since >= _OPEN_QUOTE_LINES:
                left_open = None
            else:
                lines_since += 1
        for opening, closing in _QUOTE_PAIRS:
            pos = 0
            while True:
                start = paragraph.find(opening, pos)
                if start < 0:
                    break
                if any(s <= start < e for s, e in taken) or (
                    opening == "''" and start > 0 and paragraph[start - 1] == "'"
                ):
                    pos = start + len(opening)
                    continue
                end = paragraph.find(closing, start + len(opening))
                if opening == "“" and end >= 0:
                    end = _outer_close(paragraph, start, end)
                if end < 0 and opening == "“":
                    # Scraped text often closes a curly quote with a straight one.
                    end = paragraph.find('"', start + 1)
                if end < 0 and opening == '"' and paragraph[start + 1 : start + 2].strip():
                    # ... and opens one with a straight mark that a curly one closes:
                    # '"We have to stop demonizing people ...,” Lemon said.' (the PTC).
                    shut, reopened = paragraph.find("”", start), paragraph.find("“", start)
                    if shut >= 0 and (reopened < 0 or shut < reopened):
                        end = shut
                if end < 0:
                    if opening == "“":
                        taken.append((start, len(paragraph.rstrip())))
                        open_at = (offset + start, offset + len(paragraph.rstrip()))
                    elif (
                        opening == '"'
                        and not paragraph[:start].strip()
                        and not _CURLY & set(paragraph)
                    ):
                        straight_at = (offset + start, offset + len(paragraph.rstrip()))
                    break
                taken.append((start, end + len(closing)))
                pos = end + len(closing)
        taken += _single_quotes(paragraph, taken)
        quotes.extend((offset + s, offset + e) for s, e in taken if e - s > 2 and (s, e) != closed)
        if open_at is not None and open_at in quotes:
            left_open, lines_since = open_at, 0
        if straight_at is not None:
            straight_open, straight_since = straight_at, 0
        offset += len(paragraph) + 1
    return sorted(set(quotes))


# Single quotation marks, as British papers write quotations and scare quotes: an
# opening mark at a word's start, before a letter ("'90s" opens nothing), and a closing
# mark after a non-space that no letter follows ("don't", "it’s" close nothing).
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![^\W_])")


def _single_quotes(paragraph: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations in single marks in one paragraph, outside the quotations `taken` (a
    single-quoted passage inside a double-quoted one is part of it). A quotation holds
    two letters at least ("rock 'n' roll" holds none) and closes on its paragraph: an
    apostrophe cannot be told from an unclosed quotation's mark."""
    found: list[tuple[int, int]] = []
    pos = 0
    while (opening := _SINGLE_OPEN.search(paragraph, pos)) is not None:
        start = opening.start()
        if any(s <= start < e for s, e in taken):
            pos = start + 1
            continue
        closing = _SINGLE_CLOSE.search(paragraph, start + 1)
        if closing is None:
            break
        end = closing.end()
        if sum(ch.isalpha() for ch in paragraph[start + 1 : end - 1]) >= 2:
            found.append((start, end))
        pos = end
    return found


_QUOTES_AND_SPACE = "“”\"'‘’ "
# An editor's note after a quotation: "[emphasis added]", "(emphasis mine)".
_EDITORS_NOTE = re.compile(r"[\[(](?:emphasis|italics)[^\])\n]{0,20}[\])]", re.IGNORECASE)


def _is_direct_quote(text: str, span: tuple[int, int]) -> bool:
    """Direct speech rather than scare quotes: four words or more, or ending in punctuation."""
    inner = text[span[0] : span[1]].strip("“”\"' ")
    return len(inner.split()) >= 4 or inner[-1:] in {",", ".", "?", "!"}


# --- source kinds -----------------------------------------------------------------------------


def _normalise_name(value: str) -> str:
    value = value.lower().strip(" ,.'’\"“”")
    value = re.sub(r"[’']s$", "", value)
    return re.sub(r"^the\s+", "", value)


def _entity_label(token: Token) -> str:
    return token.ent_type_ or ""


def _names_after(span: Span, head: Token) -> bool:
    """Whether a source names the people its vague head describes, after a comma, at its
    end: "two members of Veteran Intelligence Professionals for Sanity, Coleen Rowley and
    Bogdan Dzakovic" (the parse may hang the names anywhere)."""
    ents = [e for e in span.ents if e.start > head.i]
    if not ents or ents[-1].label_ != "PERSON" or ents[-1].end < span.end - 1:
        return False
    commas = [t.i for t in span.doc[head.i + 1 : ents[-1].start] if t.text == ","]
    # After the comma, names and "and" only: not "A third source, who's familiar with
    # Imran Awan", nor "another voice of the opposition to Francis".
    return bool(commas) and all(
        t.pos_ == "PROPN" or t.lower_ in {"and", ",", "&"} or t.is_punct
        for t in span.doc[commas[-1] + 1 : span.end]
    )


# A demonstrative that a phrase or clause describes is a vague group, no pronoun that
# stands for someone named: "those familiar with the matter", "those close to him",
# "those in the room", "those who support the plan".
_DEMONSTRATIVES = frozenset({"those", "these"})
_DESCRIBING = frozenset({"relcl", "acl", "amod", "prep"})


def _entity_of(token: Token) -> Span | None:
    """The entity `token` is a word of, by its IOB tags: `doc.ents` builds every entity
    of the document on each read, so that looking one up for each source made a
    transcript of 2,000 statements take 13 s."""
    if token.ent_iob_ not in {"B", "I"}:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _the_one_word(head: Token, ent: Span | None = None) -> str | None:
    """The kind of a source that is "the" and one word tagged a person's name, as the
    actors layer has it (`people.the_name_kind`: "The Gazette" media, "the Duma" an
    organisation, "the Emir" a person). A plural may be a family as well as a team
    ("the Danas", "the Dodgers"): None, as for a name that is no such word. "The" must
    stand right before the name: "the accused Judge Kavanaugh" is a person, "the
    Catholic website Kath.net" no outlet by its name. `ent` is the name's entity, where
    the caller has it."""
    if ent is None:
        ent = _entity_of(head)
    words = [] if ent is None else [t for t in ent if t.lower_ != "the"]
    if (
        words != [head]
        or head.pos_ != "PROPN"
        or head.i == 0
        or head.nbor(-1).lower_ != "the"
        or head.nbor(-1).dep_ != "det"
        or head.lower_.endswith(("s", "men"))
    ):
        return None
    return the_name_kind(head)


def classify_source(span: Span, *, in_quote: bool = False) -> str:
    """The kind of a source span: person, organisation, media, vague, pronoun or author."""
    head = span.root
    lower = head.lower_
    lemma = head.lemma_.lower()
    if lower in AUTHOR_PRONOUNS and len(span) <= 2 and head.text != "US":
        return "pronoun" if in_quote else "author"  # not "the US announced"
    if any(c.text in {"we", "We", "us"} and c.i < head.i for c in head.children):
        # "we Americans have never shown"; not "the US Air Force"
        return "pronoun" if in_quote else "author"
    if lower in _DEMONSTRATIVES and any(
        c.dep_ in _DESCRIBING and span.start <= c.i < span.end for c in head.children
    ):
        return "vague"  # "those familiar with the matter", "those who were there"
    if (
        lower in PERSONAL_PRONOUNS
        and head.text != "WHO"  # the World Health Organization; "HE SAID" stays a pronoun
        and (head.pos_ == "PRON" or head.tag_ in {"WP", "WDT", "PRP"})
    ):
        return "pronoun"
    if span.text.isupper() and _SPEAKER_LABEL_END.match(span.doc.text, span.end_char):
        return "person"  # a transcript's speaker, "TRUMP: ...", whatever the tagger says
    if _AGED_PERSON.search(span.text) or _NAME_AND_AGE.match(span.text) or _named_an_age(span):
        return "person"  # "The 21-year-old" said: someone the article has named
    name = _normalise_name(span.text)
    capitalised = any(c.isupper() for c in span.text)  # "The Economist", not "the economist"
    if name in MEDIA_NAMES and capitalised:
        return "media"
    if head.ent_type_ and head.ent_iob_ != "O":
        ent = _entity_of(head)
        if ent is not None and _normalise_name(ent.text) in MEDIA_NAMES:
            return "media"
    if (
        _is_name(span.text)
        and OUTLET_WORDS & set(name.replace("-", " ").split())  # "the Union-Tribune"
        and head.ent_type_ != "PERSON"  # "Dave Phillips of the New York Times": a reporter
    ):
        return "media"  # "the News Journal of Wilmington", "the Sydney Morning Herald"
    author = _document_author(head) or _channel_owner(head)
    if author is not None:
        return author  # "a statement by the Railway Ministry": the ministry's
    if lower in VAGUE_HEADS or lemma in VAGUE_HEADS:
        # "Senator Porter's aide, Tom Reed": the apposition names whom "aide" leaves vague.
        named = {c.ent_type_ for c in head.children if c.dep_ == "appos"} | _named_as(head)
        if "PERSON" in named or _names_after(span, head):
            return "person"
        return "organisation" if "ORG" in named else "vague"
    if lower in MEDIA_NOUNS or lemma in MEDIA_NOUNS:
        return "media"
    if lemma in _FIGHTER_NOUNS and any(
        t.dep_ in {"compound", "amod", "nmod", "poss"}
        and (t.ent_type_ in {"ORG", "NORP", "GPE"} or t.lemma_.lower() in ORG_NOUNS)
        for t in head.children
    ):
        return "organisation"  # "Hezbollah fighters", "government troops": their side
    if head.pos_ == "PROPN" and any(
        t.dep_ == "compound" and t.pos_ == "NOUN" and t.lemma_.lower() in _BEFORE_A_PERSON
        for t in head.lefts
    ):
        return "person"  # "niece Leah Parsons", "spokesman John Kirby", whatever the tags
    if _apposed_person(head):
        return "person"  # "Sylvain Charlebois, the dean of ...", whatever the tags
    if (
        not head.ent_type_
        and head.text[:1].isupper()
        and any(
            c.dep_ == "compound" and c.ent_type_ == "PERSON" and c.i == head.i - 1
            for c in head.children
        )
    ):
        # "Said James O’Keefe, founder and president of ...": the recogniser's person
        # ends at the given name, the surname (with its curly apostrophe) a noun
        return "person"
    if head.pos_ == "PROPN" and (
        (len(span) > 1 and lower in COMPANY_WORDS)
        or any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in ORG_NOUNS
            for c in head.children
        )
    ):
        return "organisation"  # "Lucky Air", "Activision Blizzard, an e-gaming company"
    if (
        head.pos_ == "NOUN"
        and not head.ent_type_  # "The same day, ownCloud announced"
        and lemma not in ORG_NOUNS  # "The campaign", whatever hangs on it
        and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
    ):
        return "person"  # "Bindi’s brother, Robert Irwin": the apposition names him
    if head.pos_ == "NOUN" and "PERSON" in _named_as(head):
        return "person"  # "a Muslim spokesman in Tunisia named Said Khecharem"
    if (
        head.pos_ == "NOUN"
        and not head.ent_type_
        and lemma not in PERSON_NOUNS
        and any(c.dep_ == "appos" and c.ent_type_ == "ORG" for c in head.children)
    ):
        return "organisation"  # "European soccer's governing body, UEFA"
    if (
        head.pos_ == "PROPN"
        and lower.rstrip(".") in TITLES
        and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
    ):
        return "person"  # "Binghamton Police Capt. Jack Collins" (the title an ORG's root)
    label = _entity_label(head)
    if label == "PERSON" and a_presidents_staff(_normalise_name(span.text)):
        return "organisation"  # "The Obama White House" (PERSON)
    if label == "PERSON":
        return _the_one_word(head) or "person"
    if (
        label in {"ORG", "NORP", "GPE", "FAC", "LOC"}
        and lemma in PERSON_NOUNS
        and all(t.i == head.i or t.lower_ == "the" for t in span)
    ):
        return "person"  # "The Archbishop already noted" (ORG): an office's holder
    if label in {"ORG", "NORP", "GPE", "FAC", "LOC"}:
        return "organisation"
    indefinite = any(
        t.lower_ in INDEFINITE and t.dep_ in {"det", "nummod", "amod"} for t in head.children
    )
    if lemma in ORG_NOUNS or lower in ORG_NOUNS:
        return "vague" if indefinite else "organisation"
    if lemma in PERSON_NOUNS or lower in PERSON_NOUNS:
        # "Firefly representatives": some of them, unnamed, as "officials" are
        return "vague" if indefinite or head.tag_ in {"NNS", "NNPS"} else "person"
    if indefinite:
        return "vague"
    if head.text == "WHO":
        return "organisation"  # the World Health Organization (tagged the pronoun)
    if head.pos_ in {"PROPN", "NOUN"} and head.text.isupper() and 2 <= len(head.text) <= 6:
        return "organisation"  # an acronym: "OPS", "IFPI", "The FA" (tagged a noun)
    if head.pos_ == "PROPN":
        # "The West", "the Kremlin": a name with an article is rarely a person's.
        has_article = any(t.lower_ == "the" and t.dep_ == "det" for t in head.children)
        return "organisation" if has_article else "person"
    return "vague"


def _inverted(modal: Token) -> bool:
    """Whether a modal goes before its subject, as a condition puts it ("ready to
    arrest him should he try to leave": if he tries)."""
    after = modal.nbor() if modal.i + 1 < len(modal.doc) else None
    before = modal.nbor(-1).lower_ if modal.i > 0 else ""
    # "So should it be in this case": an inversion after "so" is the author's "should".
    return (
        after is not None
        and after.dep_ in {"nsubj", "nsubjpass"}
        and before not in {"so", "nor", "neither"}
    )


def _named_as(head: Token) -> set[str]:
    """The entity labels of the name a participle gives a noun: {"PERSON"} for "a
    spokesman named Said Khecharem" or "a man called John Smith"."""
    return {
        g.ent_type_
        for c in head.children
        if c.dep_ == "acl" and c.lemma_.lower() in {"name", "call"}
        for g in c.children
        if g.dep_ in {"oprd", "dobj", "attr"} and g.ent_type_
    }


# What a named body writes or runs speaks for it: "a statement by the Railway Ministry",
# "a study from Tufts University", "The survey of 2,000 people by ORB".
_DOCUMENT_NOUNS = frozenset(
    "statement report letter release study survey poll tweet memo filing analysis paper "
    "review audit assessment briefing document".split()
)


def _with_done(verb: Token) -> bool:
    """Whether a participle says what was done to its subject after "with": "with some
    members reappointed and nine new members added" (nobody added anything)."""
    if verb.tag_ not in {"VBN", "VBD"} or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False  # (the tagger makes a past tense of the second participle, "added")
    first = verb
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first.tag_ == "VBN" and any(
        c.dep_ == "mark" and c.lower_ == "with" for c in first.children
    )


def _headline_passive(token: Token) -> bool:
    """A title-case headline's participle with no auxiliary: "Pope Accused in
    International Sex Abuse Case" is "the Pope is accused", whom nobody names."""
    return (
        token.tag_ == "VBN"
        and token.text[:1].isupper()
        and not token.is_sent_start
        and not any(c.dep_ in {"aux", "auxpass"} for c in token.children)
    )


def _verb_read_as_noun(token: Token) -> bool:
    """A verb the tagger took for a plural noun though the parser gave it a subject and
    a conjunction: "notes" of "As The Daily Mail notes, it is ..." (NNS, an adverbial
    clause's head)."""
    return (
        token.tag_ == "NNS"
        and token.dep_ == "advcl"
        and any(c.dep_ == "nsubj" for c in token.children)
        and any(c.dep_ == "mark" for c in token.children)
    )


def _a_name_it_goes_by(verb: Token) -> bool:
    """Whether "called" gives the name a thing goes by, nobody's statement: "the Iraqi
    Special Forces, sometimes called the Counter-Terrorism Service" (no subject, no
    object; not "..., calling him a liar"); or "referred to as": "aired a program all
    about vases, referred to as 'Vases Today' by North Korean expert Steve Brown" (a
    "to" with no object; not "referred to them as terrorists"); or what a group calls
    itself ("calling itself Islamic State")."""
    if verb.lemma_.lower() == "refer":
        return any(
            c.dep_ == "prep" and c.lower_ == "to" and not any(g.dep_ == "pobj" for g in c.children)
            for c in verb.children
        ) and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if _calls_itself(verb):
        return True  # "the armed group calling itself Islamic State (IS)": its name
    return (
        verb.lemma_.lower() == "call"
        and verb.dep_ in {"advcl", "acl"}
        and any(c.dep_ == "oprd" for c in verb.children)
        and not any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in verb.children)
    )


def _called_right_after(verb: Token, source: tuple[int, int]) -> bool:
    """Whether "called" names the noun it follows, which the tagger made its source: 'a
    "gun fabricator" called the Ghost Gunner' (nothing but a quotation mark between; not
    "which Apple's chief executive, Tim Cook, called ...", a misparse of the same verb)."""
    noun = verb.head
    between = verb.doc[noun.i + 1 : verb.i]
    # Not "what one writer called “Kavanaugh Derangement Syndrome”": after "what" the
    # noun is who calls it so (the parser hangs "called" on it all the same).
    whose = any(t.lower_ in {"what", "whatever"} for t in noun.subtree if t.i < noun.i)
    return (
        source[0] <= noun.idx < source[1]
        and noun.i < verb.i
        and all(t.text in {'"', "”", "’", "'"} for t in between)
        and not whose
    )


def _calls_itself(verb: Token) -> bool:
    """ "calling itself Islamic State", "call themselves feminists": a name taken."""
    return verb.lemma_.lower() == "call" and any(
        c.dep_ == "dobj" and c.lower_ in {"itself", "themselves"} for c in verb.children
    )


def _asked_of(verb: Token) -> bool:
    """Whether a verb, or a clause it stands in, is asked about: an auxiliary before its
    subject ("Does Archbishop Hebda believe ...", "why does Iran ... want to export") or
    a "wh" word opening it, before the verb. Not "Paul George did mention ... that he
    hoped ..., do you try ...?", whose question comes after, nor "Many new believers
    ask: is clubbing a sin?"."""
    for token in (verb, *verb.ancestors):
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        if any(
            c.dep_ in {"aux", "auxpass"} and c.i < subject.i and c.i < verb.i
            for c in token.children
        ):
            return True
        if token.dep_ == "ROOT" and (
            subject.tag_ in {"WP", "WDT"}
            or any(c.dep_ == "det" and c.tag_ in {"WP", "WDT"} for c in subject.children)
        ):
            return True  # "Who wants the winner be decided ...?", "What details will ...?"
    return False


def _trim_quote_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) with a quotation mark that opens it left out, as `_Finder.quotes`
    hold a quotation: '"Adblocking Goes Mobile."' -> 'Adblocking Goes Mobile."'."""
    if start < end and text[start] in '“"':
        start += 1
    return start, end


def _names_object(gerund: Token) -> bool:
    """Whether a gerund's objects end in a proper name, so that the gerund is a name's
    modifier the parser misread: "publishing" of "publishing consultancy PageFair"."""
    objects = [c for c in gerund.children if c.dep_ == "dobj"]
    return bool(objects) and objects[-1].pos_ == "PROPN" and objects[-1].i == gerund.right_edge.i


def _document_author(head: Token) -> str | None:
    """The kind of whoever a document noun's "by" or "from" names, when that is a named
    person, organisation or outlet, or "media" where the noun's possessor or compound is
    an outlet ("the New York Times report"); None for anything else ("a study from
    economists at MIT" stays vague: unnamed economists)."""
    if head.lemma_.lower() not in _DOCUMENT_NOUNS:
        return None
    preps = [c for c in head.children if c.dep_ == "prep"]
    # "The survey of 2,000 people by ORB": the parser hangs "by ORB" on "people".
    preps += [
        c
        for of in preps
        if of.lower_ == "of"
        for pobj in of.children
        if pobj.dep_ == "pobj"
        for c in pobj.children
        if c.dep_ == "prep" and c.lower_ == "by"  # not "of voters from Ohio"
    ]
    owners = [
        pobj
        for prep in preps
        if prep.lower_ in {"by", "from"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    # "the New York Times report", "The Times's report": the outlet's, whose name is the
    # possessor or the compound before the noun.
    owners += [
        c
        for c in head.lefts
        if c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" and c.ent_type_ in {"ORG", ""}
    ]
    for pobj in owners:
        phrase = pobj.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
        if pobj.dep_ == "compound":
            phrase = pobj.doc[pobj.left_edge.i : pobj.i + 1]
        kind = classify_source(phrase)
        if pobj.dep_ != "pobj" and kind != "media":
            continue  # "a Pentagon report" stays as it was
        if kind in {"person", "organisation", "media"} and (
            pobj.pos_ == "PROPN" or pobj.ent_type_ or _is_name(pobj.text)
        ):
            return kind
    return None


# A channel speaks for whoever owns it: "Trump's Twitter account", "The Kremlin's
# website", "the NIH website" (not the platform: "Twitter" is no owner).
_CHANNEL_NOUNS = frozenset("website site account feed page blog handle".split())
_PLATFORMS = frozenset(
    "twitter facebook instagram youtube telegram tiktok weibo snapchat reddit linkedin "
    "web internet".split()
)


def _channel_owner(head: Token) -> str | None:
    """The kind of a channel noun's owner (its possessor, a name compounded with it, or
    the object of its "of" or "for") when the owner is a person, organisation or outlet;
    None for anything else ("his website", "a travel web site")."""
    if head.lemma_.lower() not in _CHANNEL_NOUNS:
        return None
    owners = [
        c
        for c in head.children
        if c.dep_ == "poss" or (c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_))
    ]
    owners += [
        pobj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    for owner in owners:
        if owner.lower_ in _PLATFORMS:
            continue
        kind = classify_source(owner.doc[owner.left_edge.i : owner.right_edge.i + 1])
        if kind in {"person", "organisation", "media"}:
            return kind
    return None


# A person named before, given by age: "The 21-year-old" (not "a 30-year-old woman",
# who is unnamed, nor "the 18-year-olds").
_AGED_PERSON = re.compile(r"^the\s+\d{1,3}-year-old$", re.IGNORECASE)
# A name and an age after it: "said Brett Tolliver, 27." (the recogniser's ORG).
_NAME_AND_AGE = re.compile(r"^(?:[A-Z][\w.'’-]*\s+)+[A-Z][\w'’-]*,\s*\d{1,3}$")


def _named_an_age(span: Span) -> bool:
    """A source that is a name whose apposition opens with an age, as `people.aged` reads
    one: "Traci, a 28-year-old real estate agent ..." (the recogniser's ORG)."""
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is None or comma == span.start or comma + 1 >= span.end:
        return False
    name = span.doc[span.start : comma]
    return (
        span.doc[comma + 1].lower_ in {"a", "an"}
        and all(t.text[:1].isupper() for t in name)
        and aged(span.doc, name)
    )


# Fighters named by their side are the side's: "Hezbollah fighters said".
_FIGHTER_NOUNS = frozenset("fighter troop soldier militant gunman force".split())


# --- one kind per name --------------------------------------------------------------------------

# The kinds a named source can take from one mention to the next: the small model tags
# "Mills" PERSON, ORG or nothing from sentence to sentence.
_NAME_KINDS = frozenset({"person", "organisation", "media", "vague"})
_NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "de"})


def _is_name(text: str) -> bool:
    """A proper name ("Mills", "the Pentagon", "University of Cincinnati"), not a
    description ("officials", "Western sources", "Residents"): every word capitalised but
    connectors, none a vague noun."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return False
    for word in words:
        lower = word.lower().strip(",.'’\"“”")
        if lower in VAGUE_HEADS or lower.removesuffix("s") in VAGUE_HEADS:
            return False
        if not (word[:1].isupper() or lower in _NAME_CONNECTORS or _LOWER_PREFIXED.match(word)):
            return False
    return True


# A name whose first letters are a particle written small: "diGenova", "al-Assad".
_LOWER_PREFIXED = re.compile(r"[a-z]{1,3}(?:[A-Z]|['’-][A-Z])")


def _full_person_names(doc: Doc) -> set[str]:
    """Every name of two words or more that spaCy tags PERSON in the document, or that
    has a person's apposition whatever its tag ("Sylvain Charlebois, the dean of ...",
    `_apposed_person`), or that the article shows is a person's however tagged
    (`propscope.components.people`: "Kristie Quinones said she ..."), and its last word
    ("mike mills" and "mills"), normalised as source names are."""
    names: set[str] = set()
    misnamed = people_tagged_otherwise(doc)
    for ent in [*(e for e in doc.ents if e.label_ == "PERSON"), *misnamed]:
        name = _normalise_name(ent.text)
        if (
            " " in name
            and name.rsplit(" ", 1)[1] not in COMPANY_WORDS  # not "Hot Toys"
            and not a_presidents_staff(name)
        ):
            names.update((name, name.rsplit(" ", 1)[1]))
    # A given name or surname alone that the article shows is a person's ("Najib" beside
    # "Datuk Seri Najib Razak").
    names.update(_normalise_name(ent.text) for ent in misnamed if len(ent) == 1)
    for token in doc:
        if _apposed_person(token):
            first = token
            while (
                first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].head == token
            ):
                first = doc[first.i - 1]
            name = _normalise_name(doc[first.i : token.i + 1].text)
            if " " in name:
                names.update((name, name.rsplit(" ", 1)[1]))
    return names


_WORD_EDGE_QUOTES = "“”‘’\"'"
# The rules' cue verbs as the learned cue model was trained on them (its "in_rule_list"
# feature): a verb added to the rules since ("advise", session 64) is no new feature of
# the model's ("Bank of America | recently advising | Occidental Petroleum" was one).
_CUE_VERBS_AS_TRAINED = CUE_VERBS - {"advise"}


def _is_to_say(verb: Token) -> bool:
    """ "is to say" ("None of this is to say that ...", "That is not to say ..."): the
    writer's own turn of the argument, no one's statement."""
    return (
        verb.lemma_.lower() == "say"
        and verb.head.lemma_ == "be"
        and verb.head.i < verb.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _apposed_person(head: Token) -> bool:
    """A proper noun, not a place, with a person's apposition: "Charlebois" of "Sylvain
    Charlebois, the dean of the faculty"."""
    return (
        head.pos_ == "PROPN"
        and head.ent_type_ not in {"GPE", "LOC", "NORP"}
        and any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in _PERSON_APPOSITIONS
            for c in head.children
        )
    )


# What "that", "this" or "it" says in an idiom: "That said it all", "This says a lot".
_IDIOM_OBJECTS = ("it all ", "a lot ", "everything ", "volumes ", "much ", "so much ", "a story ")
# Predicates of a state, no attitude of their subject's: "Berlin is full of characters",
# "He was bereft of the bat control", "Montague is free on bond", "This was quick to fix"
# (the learned cue model took them; news and the PTC, session 61). "The newspaper is
# guilty of misinformation" is the writer's verdict; "pleaded guilty" stays, and so does
# "Trump is right that the real problem is ...", his view the writer shares.
# Of being charged or liable, the subject spoken of, not speaking: "who stands accused of
# a bribery ... scheme", "were amenable to arrest and removal" (the PTC, session 66; the
# tagger's cues too).
_CHARGED = frozenset(
    """accused charged convicted indicted suspected amenable eligible liable subject
    vulnerable susceptible prone entitled exempt""".split()
)
_STATE_WORDS = (
    frozenset(
        """full bereft available free married smart quick busy crazy inclusive
    instrumental well-known irresistible drunk aggressive able reminiscent typical
    synonymous worthy present pervasive good frightened scared terrified
    responsible sensitive""".split()
    )
    | _CHARGED
)


# Verbs whose object does what their infinitive says ("persuade utilities to agree",
# "asked the candidates to discuss", "deploying forces to defend").
_OBJECT_CONTROL = frozenset(
    "persuade ask urge force allow permit tell order encourage deploy send invite require "
    "get pressure press push compel convince enable cause instruct direct advise warn "
    "remind challenge dare prompt inspire lobby beg implore teach train hire pay "
    "authorize authorise empower".split()
)


# Verbs by which an "as" clause names what comes before it: "“stitch-up”, as the English
# call it".
_NAMING_VERBS = frozenset("call dub term label nickname brand".split())
# Verbs of an "as" clause that vouches for its host: "As Comey has admitted, ...", "...,
# as the report notes" (not "as offered by", "as described by", "as she sings, “...”").
_AS_CUES = (SPEECH_VERBS - {"sing", "chant", "ask", "continue", "post"}) | frozenset(
    "report suggest predict confirm reveal mention assert allege point find show indicate "
    "reiterate repeat".split()
)
# A source credited before the clause it vouches for: "According to the Daily Mail, ...".
_ACCORDING_LEAD = re.compile(r"[Aa]ccording to [^,.;:\n“”\"]{1,80},\s+")
# Words that open a clause said or made clear: "made it clear why al-Qaeda ...".
_CLAUSE_OPENERS = frozenset("that what why how who whom whose whether where when if which".split())
# What "claim" takes without saying anything: "claimed the lives of 11 people", "claimed
# the title".
_TAKEN_NOT_SAID = frozenset("life lives title crown seat medal trophy prize".split())
# Cues whose object is only ever whom they address: "told reporters", never what.
_TOLD_WHOM = frozenset({"tell", "inform", "assure", "reassure", "remind", "advise"})
# What the recogniser tags an amount: "declined 5%" is a fall, not a refusal.
_AMOUNTS = frozenset({"PERCENT", "CARDINAL", "MONEY", "QUANTITY"})
# A telephone number, a web or mail address: "888-896-3829, www.lakepowell.com" after a
# name and a colon says where to reach it, not what it says (news, session 66).
_CONTACT = re.compile(
    r"\(?\+?\d[\d ().-]{6,}\d|(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b\S+\.(?:com|org|net|gov)\S*"
)
# A colon that ends its line, and the white space up to the next line's first mark.
_COLON_LINE_END = re.compile(r"[ \t]*:[ \t]*\n\s*")
# A sentence's end inside a span of text: a full stop, question or exclamation mark (and
# a closing quotation mark) before white space.
_SENTENCE_ENDS = re.compile(r"[.!?][\"”’]?\s")
# Verbs that introduce a quoted paragraph after a colon besides those of speech: "Tosatti
# relates:", "The citation read:".
_INTRODUCING_VERBS = frozenset({"relate", "read"})
# What a released thing is when it is words: "released the following statement:".
_RELEASED_WORDS = frozenset(
    "statement message note letter tweet post response comment remark remarks".split()
)
# What opens a time clause: "said when he arrived that ...".
_TIME_MARKS = frozenset({"when", "while", "after", "before", "since", "as"})


def _bracketed(token: Token) -> bool:
    """Whether a phrase stands alone in brackets, quotation marks aside: "(“OIG”)"."""
    doc = token.doc
    words = [t.i for t in token.subtree if not t.is_punct]
    if not words:
        return False
    before, after = words[0] - 1, words[-1] + 1
    while before >= 0 and doc[before].is_quote:
        before -= 1
    while after < len(doc) and doc[after].is_quote:
        after += 1
    return before >= 0 and after < len(doc) and doc[before].text == "(" and doc[after].text == ")"


def _entity_tags(doc: Doc) -> dict[str, Counter[str]]:
    """For each name spaCy tags in the document, how many times it is tagged a person and
    how many an organisation (ORG, NORP, GPE, FAC, LOC)."""
    tags: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            # "the Duma" tagged PERSON is no person's name (`_the_one_word`)
            kind = "person" if _the_one_word(ent.root, ent) is None else "organisation"
            if a_presidents_staff(_normalise_name(ent.text)):
                kind = "organisation"
        elif ent.label_ in {"ORG", "NORP", "GPE", "FAC", "LOC"}:
            kind = "organisation"
        else:
            continue
        tags.setdefault(_normalise_name(ent.text), Counter())[kind] += 1
    return tags


def _name_kind(
    name: str,
    kinds: Iterable[str],
    *,
    full_persons: set[str],
    tags: dict[str, Counter[str]],
) -> str:
    """The one kind of a source name, from the best evidence in the article, in order:
    a mention on the media lists; a person's full name, or the last word of one, tagged
    PERSON anywhere in the article ("Mike Mills" makes every "Mills" a person), or a
    list of such names ("Rossello and Gonzalez"); the kind
    most of spaCy's tags on the name say; any mention taken for an organisation (an
    entity tag or "the" before a proper noun) over one taken for a person (a proper noun
    the model did not tag); else vague."""
    seen = set(kinds)
    if "media" in seen:
        return "media"
    if name in full_persons or name in PERSON_NOUNS:
        return "person"  # "the Archbishop" (ORG): an office's holder
    if " " in name and " of " not in name and name.rsplit(" ", 1)[1] in COMPANY_WORDS:
        # "Hot Toys", PERSON to the recogniser five times; not "Jerome Hass of Lightwater
        # Partners Ltd", a person of the company
        return "organisation"
    listed = re.split(r",\s*(?:and\s+)?|\s+and\s+", name)
    if len(listed) > 1 and all(part in full_persons for part in listed):
        return "person"  # "Rossello and Gonzalez" (ORG), each named in full elsewhere
    counts = tags.get(name, Counter())
    if counts["person"] != counts["organisation"]:
        return "person" if counts["person"] > counts["organisation"] else "organisation"
    for kind in ("organisation", "person"):
        if kind in seen:
            return kind
    return "vague"


def _turn_key(name: str) -> str:
    """One speaker's turns under one key: the last word of the name, case-folded, a
    label's speech verb left out ("DERMOT SAYS")."""
    return _label_name(name).split()[-1].casefold()


def _label_name(name: str) -> str:
    """The name in a line's label: "DERMOT" of "DERMOT SAYS"."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _LABEL_VERBS:
        words = words[:-1]
    return " ".join(words)


# --- the rules ----------------------------------------------------------------------------------


# Outside a quotation "I" and "we" are the author and "you" the reader: what they "need"
# or "want" is the article's own voice (the rules mark it), never a source's statement.
_LEARNED_NO_SUBJECTS = AUTHOR_PRONOUNS | {"you", "nothing"}  # "nothing asking the students to"
_REFLEXIVES = frozenset(
    "myself yourself himself herself itself ourselves yourselves themselves".split()
)
_OBJECT_PRONOUNS = frozenset("me you him her us them".split())


# "That said," and "That being said,", the author's own turn of the argument, and the
# "Having said that," of a sentence whose subject says nothing by it.
_THAT_SAID = re.compile(r"(?i:that|this)(?:\s+being)?\s+said\s*,")
_HAVING = re.compile(r"\b[Hh]aving\s+$")

# An aside in round brackets within one line, and one that says whose the sentence
# around it is ("(as X admitted)", "(according to X)").
_BRACKETED_ASIDE = re.compile(r"\([^()\n]*\)")
_WHOSE_ASIDE = re.compile(r"\s*(?:as|according|like)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Found:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    kind: str
    refers_to: tuple[int, int] | None = None
    refers_to_kind: str | None = None


@dataclass(frozen=True, slots=True)
class CueCandidate:
    """A verb the learned cue model may take as a cue: where the verb starts, the spans
    the rules would give it (source, cue, content) and the features the model scores."""

    verb_start: int
    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    features: list[str]


# Prepositions a cue verb takes that PolNeAR counts in the cue when what is said follows
# them ("commented on", "agreed with", "voted against", "asked about").
_CUE_PREPOSITIONS = frozenset({"about", "on", "of", "for", "against", "with", "over"})
# A source that describes someone with "the": "the economist", "The chief minister",
# "the former ambassador" (`_Finder.resolve_descriptions`).
_DESCRIPTION = re.compile(r"(?:the|The)((?: [a-z][a-z-]*){1,3})")
# Words of a description that say when, not what: "the former ambassador".
_DESCRIPTION_TIMES = frozenset("former then late new current outgoing incoming".split())
# The nouns such a description ends on: a person's office or trade.
_DESCRIBING_NOUNS = PERSON_NOUNS | frozenset(
    """economist analyst scientist researcher historian activist diplomat officer official
    inspector detective sheriff executive editor columnist strategist pollster physician
    surgeon expert""".split()
)
# A day that opens a content right after its cue: "said | on Sunday he had raised ...",
# "said | Friday the man had been arrested". PolNeAR gives it to the cue ("said on
# Sunday", as "said Friday"); a clause must follow, not the content's end.
_DAY_AFTER_CUE = re.compile(
    r"(?:(?:late |early )?on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?: (?:night|morning|afternoon|evening))?,?(?=[^\S\n]+\w)"
)


class _Finder:
    """Runs every rule over one parsed document."""

    def __init__(self, doc: Doc, cue_model: CueModel | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = find_quotes(self.text)
        self.found: list[_Found] = []
        # Cues of statements refused for what they report (`no_content`): "told | me".
        self.empty_cues: list[tuple[int, int]] = []
        self.cue_model = cue_model
        # Sentences by start, looked up by bisection: `Token.sent` walks the sentence,
        # which made every rule quadratic in a text with no sentence punctuation.
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [sent.start for sent in self.sents]
        self.sent_start_chars = [sent.start_char for sent in self.sents]
        self._questions: dict[int, bool] = {}
        # Speech verbs found past a speaker's description after a quotation
        # (`_speech_verb_after`), by token index.
        self._past_description: set[int] = set()
        self._people: set[str] | None = None
        self._people_words: set[str] | None = None
        self._places: set[str] | None = None
        self._turns: Counter[str] = Counter()
        self._turn_people: set[str] = set()
        self._full_persons: set[str] | None = None
        self._sentence_quoted: dict[int, bool] = {}
        # Posts embedded and signed (`embedded_posts`): their signers stand for no pronoun.
        self._posts: list[_Found] = []
        # 1 at every character strictly inside a quotation (marks excluded).
        self.quoted = bytearray(len(self.text))
        for start, end in self.quotes:
            self.quoted[start + 1 : end] = b"\x01" * max(0, end - start - 1)

    # helpers ---------------------------------------------------------------------------------

    def text_end_before(self, pos: int) -> int:
        """Where the text before `pos` ends, white space left out: the length of
        `text[:pos].rstrip()`, without copying a long text for each quotation."""
        while pos > 0 and self.text[pos - 1].isspace():
            pos -= 1
        return pos

    def colon_before(self, pos: int) -> bool:
        """Whether a colon is what comes before `pos`, white space left out."""
        end = self.text_end_before(pos)
        return end > 0 and self.text[end - 1] == ":"

    def in_quote(self, pos: int) -> bool:
        return 0 <= pos < len(self.quoted) and self.quoted[pos] == 1

    def sentence_index(self, token: Token) -> int:
        return bisect.bisect_right(self.sent_starts, token.i) - 1

    def sentence(self, token: Token) -> Span:
        """The sentence holding `token` (as `token.sent`, without walking it)."""
        return self.sents[self.sentence_index(token)]

    def is_question(self, token: Token) -> bool:
        """A cue in a question ("Do you think ...?") attributes nothing."""
        k = self.sentence_index(token)
        if k not in self._questions:
            sent = self.sents[k]
            end = sent.end_char
            while end > sent.start_char and self.text[end - 1] in " \n\"”'":
                end -= 1
            self._questions[k] = end > sent.start_char and self.text[end - 1] == "?"
        return self._questions[k]

    def sentence_has_quote(self, token: Token) -> bool:
        k = self.sentence_index(token)
        if k not in self._sentence_quoted:
            sent = self.sents[k]
            self._sentence_quoted[k] = any(
                qs < sent.end_char and sent.start_char < qe for qs, qe in self.quotes
            )
        return self._sentence_quoted[k]

    def source_kind(self, start: int, end: int) -> str:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return "vague"
        return classify_source(span, in_quote=self.in_quote(start))

    def clip_to_paragraph(
        self, content: tuple[int, int], cue: tuple[int, int] | None
    ) -> tuple[int, int]:
        """Keep the part of a content span on the cue's side of any line break, unless the
        whole span is one quotation (which may run over paragraphs)."""
        start, end = content
        if "\n" not in self.text[start:end] or cue is None:
            return content
        if any(qs <= start and end <= qe for qs, qe in self.quotes):
            return content
        # A line that ends on a title goes on in the name on the next ("We do not know if
        # Pvt.\nBradley Manning gave ...", as the PTC writes it): one sentence.
        if all(title_cut(self.text, k, k + 1) for k in range(start, end) if self.text[k] == "\n"):
            return content
        if cue[0] >= end:
            start = self.text.rindex("\n", start, end) + 1
        else:
            end = self.text.index("\n", start, end)
        return _trim(self.text, start, end)

    def clean_source(
        self,
        source: tuple[int, int],
        cue: tuple[int, int] | None,
        content: tuple[int, int],
    ) -> tuple[int, int] | None:
        """A source stops where the cue or the content begins (a misparse can make a
        subject swallow the verb), and holds at least one word."""
        start, end = _trim(self.text, *source)
        for other in (cue, content):
            if other is None or not (start < other[1] and other[0] < end):
                continue
            if start >= other[0]:
                return None
            start, end = _trim(self.text, start, other[0])
        dateline = DATELINE.match(self.text, start, end)
        if dateline:
            start = dateline.end()
        words = re.findall(r"[^\W\d_]+", self.text[start:end])
        if not words or self.text[start:end].lower() in {"'s", "’s"}:
            return None
        if self.inverted_question(start):
            return None  # "Will Marco Rubio ... renege on his pledge?" asserts nothing
        return start, end

    def inverted_question(self, start: int) -> bool:
        """Whether the source at `start` opens with the auxiliary of a question that
        puts it before its subject ("Will Marco Rubio ... renege ...?"), which a parse
        takes into the name; "Will Smith said" is a name."""
        first = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if first is None or not len(first):
            return False
        return question_auxiliary(first[0], self.sentence(first[0]))

    def add(
        self,
        source: tuple[int, int] | None,
        cue: tuple[int, int] | None,
        content: tuple[int, int] | None,
        *,
        kind: str | None = None,
    ) -> _Found | None:
        if content is None:
            return None
        content = self.clip_to_paragraph(_trim(self.text, *content), cue)
        said = self.text[content[0] : content[1]]
        if (said.count("“") > said.count("”") or said.count('"') % 2 == 1) and (
            closing := _CLOSING_AFTER.match(self.text, content[1])
        ):
            # "risks creating another Brexit “cliff edge.”": the quotation the content
            # opens closes after its full stop.
            content = (content[0], closing.end())
        # "one skipper, who asked not to be named, said ...": asking for anonymity says
        # nothing; the skipper's statement is the one after.
        if _ANONYMITY.match(self.text, content[0], content[1]):
            return None
        # "SAN JUAN, Puerto Rico (Reuters) - Governor Vazquez declared ...": a dateline
        # is no part of what anyone says.
        line_start = self.text.rfind("\n", 0, content[0]) + 1
        dateline = DATELINE.match(self.text, line_start)
        if dateline is not None and content[0] < dateline.end():
            content = _trim(self.text, dateline.end(), content[1])
        opener = _OPENER_BEFORE_QUOTE.match(self.text, content[0], content[1])
        if opener is not None and any(
            qs == opener.end() and qe >= content[1] - 1 for qs, qe in self.quotes
        ):
            content = (opener.end(), content[1])
        credited = _ACCORDING_LEAD.match(self.text, content[0], content[1])
        if credited is not None and cue is not None and content[1] <= cue[0]:
            # "According to the Daily Mail, Madagascar's healthcare system will be unable
            # to cope ..., a scientist has warned": the paper's credit is no part of what
            # the scientist says (after the cue it stays: "said that, according to ...").
            content = _trim(self.text, credited.end(), content[1])
        # "... unspecified inaccuracies and then, on Thursday, releasing ...": the next
        # conjunct's first words are no part of it.
        dangling = re.search(
            r"[\s,—–-]+(?:and|but|or)(?:\s+(?:then|also|later|now))?$",
            self.text[content[0] : content[1]],
        )
        if dangling:
            content = _trim(self.text, content[0], content[0] + dangling.start())
        if cue is not None and content[0] < content[1]:
            cue, content = self.preposition_to_cue(cue, content)
            day = _DAY_AFTER_CUE.match(self.text, content[0], content[1])
            if day is not None and not self.text[cue[1] : content[0]].strip():
                cue = (cue[0], day.end() - (self.text[day.end() - 1] == ","))
                content = _trim(self.text, day.end(), content[1])
        if content[0] >= content[1]:
            return None
        words = self.doc.char_span(*content, alignment_mode="expand")
        # A content that is one verb or one relative pronoun says nothing: "was" of "he
        # said, was:", "that" of "fraud that Pai said merited a greater penalty" ("it"
        # of "as Sanders put it" stays: PolNeAR marks such statements).
        if (
            words is not None
            and len(words) == 1
            and (words[0].pos_ in {"AUX", "VERB"} or words[0].lower_ in _RELATIVES)
        ):
            # "The ammunition, he said, was:" and a list: the list is what he said.
            listed = _LIST_AFTER_COLON.match(self.text, content[1])
            if listed is None or words[0].pos_ not in {"AUX", "VERB"}:
                return None  # nor does "that" of "fraud that Pai said merited ..."
            content = (content[0], content[1] + len(listed.group().rstrip()))
        if (
            words is not None
            and len(words) > 1
            and cue is not None
            # right after the cue, and no question ("ask is clubbing a sin?"); not a
            # post's command before its handle, nor "..., officials said, could impede".
            and cue[1] <= content[0]
            and not self.text[cue[1] : content[0]].strip()
            and not self.text.startswith("?", content[1])
            and words[0].tag_ in {"VBD", "VBZ", "VBP", "MD"}
            and not any(
                c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"}
                for c in (
                    words[0].head if words[0].dep_ in {"aux", "auxpass"} else words[0]
                ).children
            )
        ):
            # "an act she knew was wrongful": a relative clause's gap, whose subject is
            # the noun before the source ("what he thought was the right thing" stays:
            # PolNeAR marks it, 6 sources exact on dev).
            return None
        while content[0] < content[1] and self.furniture.covered(content[0], content[0] + 1):
            # "Hide Caption 3 of 30 Photos: Mass shooting at ... People embrace ...",
            # "Article content Cannabis industry insiders are ...": the page's words
            # before a paragraph or a caption are nobody's.
            word = re.match(r"\S+\s*", self.text[content[0] : content[1]])
            step = word.end() if word else 1
            glued = next((k for k in range(1, step) if content[0] + k not in self.furniture), step)
            if word is not None and glued < len(word.group().rstrip()):
                step = glued  # only the furniture glued to a word: "{mosads}“I just ..."
            content = (content[0] + step, content[1])
        if content[0] >= content[1]:
            return None
        if source is not None and cue is not None and self.says_nothing(source, cue):
            return None
        if cue is not None and self.no_content(cue, content):
            self.empty_cues.append(cue)  # nor does the tagger make one of it
            return None
        if source is not None:
            source = self.clean_source(source, cue, content)
            if source is None:
                return None
            # Whole hyphenated words: "study co | said" -> "study co-author | said". Where
            # the source then overlaps the content, the parse split one phrase in two
            # ("wife | said | Mateen's ex"), as where the content is the source's
            # possession ("Mateen | said | 's ex-wife").
            source = _whole_hyphenated(self.text, *source)
            content = _whole_hyphenated(self.text, *content)
            while source[0] < source[1] and self.text[source[0]] in "”’\"' ":
                # "” witness Aref Geravand | said": a quotation's close the parser gave the
                # speaker opens no source.
                source = (source[0] + 1, source[1])
            named = self.text[source[0] : source[1]]
            if named.endswith("”") and named.count("“") < named.count("”"):
                # "what “right-wing Islamophobes” say": the mark that closes the scare
                # quotes, whose opening one is no part of the source either (and the
                # comma before it: "Chris Bryant, a senior Labour backbencher,”").
                source = (source[0], len(named.rstrip("”").rstrip(" ,")) + source[0])
            last = named.rsplit(maxsplit=1)
            if len(last) == 2 and last[1] in _REFLEXIVES and not named.endswith("”"):
                # "Barbara herself says ...": Barbara, who speaks elsewhere as "Barbara"
                # (news, session 66)
                source = (source[0], source[0] + len(last[0].rstrip(" ,")))
            if source[0] >= source[1]:
                return None
            if source[0] < content[1] and content[0] < source[1]:
                return None
            if self.text.startswith(("'s", "’s"), content[0]):
                return None
        if source is not None and "\n" in self.text[source[0] : source[1]]:
            # A source never runs over a line break ("The Latest ...\n\nDonald Trump").
            source = _trim(self.text, self.text.rindex("\n", *source) + 1, source[1])
        if source is not None:
            # Nor over the page's furniture ("ArrowRight Ms. Wurtzel | announced").
            while (word := re.match(r"\S+\s*", self.text[source[0] : source[1]])) is not None:
                if not self.furniture.holds(source[0], source[0] + len(word.group().rstrip())):
                    break
                source = (source[0] + word.end(), source[1])
            if source[0] >= source[1]:
                return None
        if kind is None:
            kind = "vague" if source is None else self.source_kind(*source)
        item = _Found(source, cue, content, kind)
        self.found.append(item)
        return item

    def preposition_to_cue(
        self, cue: tuple[int, int], content: tuple[int, int]
    ) -> tuple[tuple[int, int], tuple[int, int]]:
        """A content that opens with the cue verb's own preposition right after the cue
        ("agreed | with the ruling", "voted | against the bill", "was asked | about the
        leak") gives the preposition to the cue, as PolNeAR does: "agreed with | the
        ruling"."""
        if self.text[cue[1] : content[0]].strip():
            return cue, content
        span = self.doc.char_span(content[0], content[1], alignment_mode="expand")
        if span is None or len(span) < 2:
            return cue, content
        prep = span[0]
        if (
            prep.lower_ not in _CUE_PREPOSITIONS
            or prep.dep_ != "prep"
            or not cue[0] <= prep.head.idx < cue[1]
        ):
            return cue, content
        end = prep.idx + len(prep.text)
        return (cue[0], end), _trim(self.text, end, content[1])

    # verbs -----------------------------------------------------------------------------------

    def place_after_place(self, token: Token) -> bool:
        """Whether `token` is a place's one-word name right after another place's and a
        comma: "Iran" of "in Tehran, Iran"."""
        return (
            token.ent_type_ == "GPE"
            and token.ent_iob_ == "B"
            and token.i >= 2
            and (token.i + 1 >= len(self.doc) or self.doc[token.i + 1].ent_iob_ != "I")
            and self.doc[token.i - 1].text == ","
            and self.doc[token.i - 2].ent_type_ in {"GPE", "LOC"}
        )

    def subject_of(self, verb: Token) -> tuple[Token | None, Token | None]:
        """(source token, passive subject) of a cue verb, following conjunctions and
        participles ("..., saying that", "said X and added Y") up to the clause that has one."""
        current: Token = verb
        joined_only = True  # reached from the verb by conjunctions only
        perceived = False  # reached from a participle of what was seen or heard done
        seen_apart = False
        for _ in range(4):
            passive = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, passive
            # The subject nearest the verb: in "People like Scott, he said." the parser
            # makes both phrases subjects, and the far one is what was said.
            # A clause is no source ("That a compromise was brokered ... suggests",
            # "getting them to ask ... would promote", "What I will do is suggest"); a
            # noun with a participle after it that the parser calls a clausal subject
            # is ("The timeline laid out in the letter also shows").
            subjects = [
                c
                for c in current.children
                if c.dep_ == "nsubj" or (c.dep_ == "csubj" and not _a_clause(c))
            ]
            if current.tag_ == "VBG":
                # "captured on video in Tehran, Iran chanting ...": the parser's subject of
                # the participle is the country that follows a city.
                subjects = [c for c in subjects if not self.place_after_place(c)]
            if len(subjects) > 1:
                # "The report from the ... Office of the Inspector General (“OIG”)
                # criticized": the name in brackets is the subject's short form.
                subjects = [c for c in subjects if not _bracketed(c)] or subjects
            if not subjects and any(c.dep_ == "csubj" for c in current.children):
                return None, None
            here = current.i
            subject = min(subjects, key=lambda c: abs(c.i - here)) if subjects else None
            if subject is not None:
                return subject, None
            if passive is not None:
                if current is not verb and current.lemma_.lower() in _SCHEDULED:
                    return passive, None  # "Warren is set to say", "is expected to say"
                if (
                    perceived
                    and current.lemma_.lower() in _PERCEIVED_DOING
                    and not seen_apart
                    and self.is_agent(passive)  # not "Video was also captured showing ..."
                ):
                    return passive, None  # "X was captured on video chanting ..."
                return None, passive
            if (
                current.dep_ == "advcl"
                and (
                    current.tag_ == "VBN"
                    # "Asked what the appeal ... might be, religious scholars emphasized",
                    # the participle tagged a past tense where it opens the sentence
                    or (current.tag_ == "VBD" and current.i == self.sentence(current).start)
                )
                and not any(c.dep_ in {"aux", "auxpass", "mark"} for c in current.children)
            ):
                # "Asked about the plan, an official said ...": the main clause's subject
                # is who was asked, not who asked.
                return None, None
            if (
                current.dep_ == "advcl"
                and current.tag_ == "VBG"
                and current.i > 1
                and (doer := self.doc[current.i - 1]).pos_ == "PROPN"
                and doer.dep_ == "pobj"
                and doer.head.lower_ in {"of", "after", "before", "upon"}
            ):
                return doer, None  # "within a minute of Campos reporting his injury"
            if current.dep_ in {"conj", "advcl", "xcomp"} and current.head.i != current.i:
                if self.joined_to_condition(current):
                    current = current.head.head  # "threatened ... if they failed and blamed"
                    continue
                if (
                    current.dep_ == "advcl"
                    and current.tag_ == "VBG"
                    and current.lemma_.lower() in CUE_VERBS
                    and current.i > 0
                    and self.doc[current.i - 1].text == ","  # not "have reached out saying"
                    and current.head.dep_ == "ccomp"
                    and current.head.lemma_.lower() not in CUE_VERBS  # "..., KCNA said, referring"
                    and current.head.head.lemma_.lower() in CUE_VERBS
                    and current.head.head.i < current.head.i
                ):
                    # "Shea claimed this manifesto was a summary ..., implying that ...":
                    # who implies is who claimed, not the manifesto.
                    current = current.head.head
                    continue
                if current is verb and self.speaker_goes_on(current):
                    # "Miller ... said the court challenge might have nudged both Shell
                    # and the government, but added, “Shell has ...”": who added is who
                    # said, not the court challenge.
                    current = current.head.head
                    continue
                controller = next(
                    (c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i),
                    None,
                )
                if (
                    current.dep_ == "xcomp"
                    and joined_only
                    and current.head.lemma_.lower() in _OBJECT_CONTROL
                    and controller is not None
                ):
                    # "forced Stumpf to admit", "deploying additional forces to defend the
                    # embassy": Stumpf admits and the forces defend, not who forced or
                    # sent them ("used blunt language to denounce": who used it). A
                    # participle the parser hung on the infinitive is the subject's ("has
                    # ordered a woman to pay ... after finding she had ...": the judge).
                    return controller, None
                named = self.unjoined_name(current)
                if named is not None:
                    return named, None
                joined_only = joined_only and current.dep_ == "conj"
                perceived = (
                    current.dep_ in {"advcl", "xcomp"}
                    and current.tag_ == "VBG"
                    and not any(c.dep_ == "mark" for c in current.children)
                )
                # "Pieces of debris are seen lying at the crash site in a picture ...,
                # showing ...": after a comma, the participle is not what was seen.
                seen_apart = current.i > 0 and self.doc[current.i - 1].text == ","
                current = current.head
                continue
            if current.dep_ == "pcomp" and current.head.head.i != current.head.i:
                governor = current.head.head
                if current.head.lower_ == "for" and governor.lemma_.lower() in _FOR_DOING:
                    blamed = next((c for c in governor.children if c.dep_ == "dobj"), None)
                    if blamed is not None:
                        return blamed, None  # "blamed Democrats for rejecting": Democrats
                current = governor  # "pitched himself ... by telling them that"
                joined_only = False
                continue
            if current.dep_ == "acl" and current.tag_ == "VBG" and self.is_agent(current.head):
                return current.head, None  # "footage of Trump saying ...": Trump
            break
        return self.left_neighbour(verb), None

    @staticmethod
    def condition(verb: Token) -> bool:
        """Whether `verb` heads a clause that supposes ("if the board says no"); not "as
        if" ("as if, he told doctors, he had walked through a wall": he told them)."""
        return verb.dep_ == "advcl" and any(
            c.dep_ == "mark"
            and c.lower_ in _CONDITIONS
            and not (c.i > 0 and c.lower_ == "if" and c.nbor(-1).lower_ == "as")
            for c in verb.children
        )

    def joined_to_condition(self, verb: Token) -> bool:
        """A past verb the parser joined to a past main clause's condition: "Trump
        threatened to stop aid if the countries failed to block it and blamed Democrats"
        goes on telling what Trump did; the countries blamed no one."""
        return (
            verb.dep_ == "conj"
            and verb.tag_ == "VBD"
            and self.condition(verb.head)
            and verb.head.head.tag_ == "VBD"
            and verb.head.head.i != verb.head.i
        )

    def supposed(self, verb: Token) -> bool:
        """A cue in an "if" or "unless" clause, or joined to one, supposes a statement that
        nobody made ("If another attendee says ...", "even if the data showed ..."), as
        does one in a question's "whether" or "if" clause ("asked whether he would
        advise ..."); so does one that something keeps from being made ("an agreement
        that prevents him from revealing what he knows", "to keep the client from
        disclosing ...")."""
        if (
            verb.dep_ == "pcomp"
            and verb.head.lower_ == "from"
            and verb.head.head.lemma_.lower() in _PREVENTING
            # "cannot restrain himself from calling him ...": he calls him so
            and not any(c.dep_ == "neg" for c in verb.head.head.children)
        ):
            return True
        if any(
            c.dep_ == "mark"
            and (c.lower_ == "whether" or (c.lower_ == "if" and verb.dep_ == "ccomp"))
            for c in verb.children
        ):
            return True  # "Asked ... whether he would advise British people not to go"
        current = verb
        for _ in range(4):
            if self.condition(current):
                return True
            if current.dep_ != "conj" or current.head.i == current.i:
                return False
            if self.joined_to_condition(current):
                return False
            current = current.head
        return False

    def cue_root(self, cue: tuple[int, int]) -> Token | None:
        """The head word of a cue span (its verb, mostly)."""
        span = self.doc.char_span(*cue, alignment_mode="expand")
        return span.root if span is not None and len(span) > 0 else None

    def topic_shift(self, verb: Token) -> bool:
        """ "Speaking of Pony, ..." or "Talking of ..." opening a sentence: the writer
        turns to a subject; nobody is reported speaking (unlike "..., speaking of
        Clinton’s health", or "Speaking to reporters, ...")."""
        if verb.lower_ not in {"speaking", "talking"} or verb.i + 1 >= len(self.doc):
            return False
        if self.doc[verb.i + 1].lower_ != "of":
            return False
        before = self.doc[self.sentence(verb).start : verb.i]
        return all(t.is_punct or t.is_space for t in before)

    def subject_hung_on_verb(self, verb: Token) -> tuple[int, int] | None:
        """The subject phrase the parser split into the verb's own modifiers: "The
        21-year-old confirmed that ..." ("The" a determiner of "confirmed", "old" an
        adjective of it). Only where every word before the verb in its sentence hangs on
        it as such, and a determiner opens them."""
        sentence = self.sentence(verb)
        before = [t for t in self.doc[sentence.start : verb.i] if not t.is_space]
        if not before or before[0].dep_ != "det" or before[0].head.i != verb.i:
            return None
        if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children):
            return None
        parts = {"det", "amod", "compound", "nummod", "npadvmod", "punct", "poss", "case"}
        for t in before:
            if t.dep_ not in parts or not (t.head.i == verb.i or t.head in before):
                return None
        span = before[0].idx, before[-1].idx + len(before[-1].text)
        # Someone who can say something ("The 21-year-old", "The spokesman"), not "The
        # bat projects to average ...".
        if not (
            any(self.is_agent(t) for t in before if t.dep_ != "det")
            or "year-old" in self.text[span[0] : span[1]]
        ):
            return None
        return span

    def speaker_in_the_clause(self, verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(source, content) of "CONTENT, SPEAKER, said ..." where the parser joined the
        speaker to the reported clause before it: "Ollie ... was patient No. 90,000 at the
        Wildlife Hospital, Bindi’s brother, Robert Irwin, said on Instagram" ("brother" a
        conjunct of "Hospital"). The speaker is the comma-bounded phrase right before the
        verb, hung on the clause as a conjunct or apposition; the content is the clause
        up to it."""
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.i < 3:
            return None
        if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in verb.children):
            return None
        if verb.dep_ == "ROOT":
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        elif verb.dep_ == "conj" and verb.head.i < verb.i:
            # "The wing will open in May ..., the director, Tom Lind, said": the parser
            # joins "said" to "open", and "the wing" would be who said it.
            clause = verb.head
        else:
            return None
        if clause is None or self.doc[verb.i - 1].text != ",":
            return None
        last = self.doc[verb.i - 2]
        head = last
        while head.dep_ in {"compound", "flat"} and head.head.i > head.i:
            head = head.head
        # One apposition back, within commas: "Mara’s brother, Tom Lind".
        if (
            head.dep_ == "appos"
            and head.head.i < head.i
            and self.doc[head.left_edge.i - 1].text == ","
            and head.head.pos_ in {"NOUN", "PROPN"}
            and head.head.dep_ in {"conj", "appos"}
        ):
            head = head.head
        if head.dep_ not in {"conj", "appos"} or not clause.is_ancestor(head):
            return None
        start = head.left_edge
        while start.i > 1 and self.doc[start.i - 1].dep_ == "case":
            # "Mara’s brother", where the parser hangs "Mara" elsewhere: her too.
            owner = self.doc[start.i - 1].head
            if owner.i >= start.i:
                break
            start = owner.left_edge
        if start.i < 1 or self.doc[start.i - 1].text != ",":
            return None
        phrase = self.doc[start.i : last.i + 1]
        if not any(t.ent_type_ in {"PERSON", "ORG"} or self.is_agent(t) for t in phrase):
            return None
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if any(s.is_ancestor(head) or s.i == head.i for s in subjects):
            return None  # the clause's own subject: "Smith, the mayor, said" reads as usual
        if any(c.dep_ == "cc" for c in head.head.children if c.i < head.i):
            return None  # "Smith, Jones and Brown" is a list, not a speaker set apart
        source = start.idx, last.idx + len(last.text)
        content = _tokens_span(t for t in self.doc[clause.left_edge.i : start.i - 1])
        if content is None:
            return None
        return source, content

    def name_closing_a_sentence(
        self, verb: Token
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(source, content) of "CONTENT, NAME reports." where the parser hung the name on
        the clause before it and left the verb no subject: "Pearlena Igbokwe is now the
        president of Universal Television, ..., Shadow and Act reports." The verb of
        speech ends its sentence; the name is proper nouns (and "and", "the") back to a
        comma; the content is the sentence up to that comma."""
        if verb.lemma_.lower() not in SPEECH_VERBS | {"report"} or verb.tag_ not in {
            "VBZ",
            "VBD",
            "VBP",
        }:
            return None
        if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children):
            return None
        sentence = self.sentence(verb)
        if not all(t.is_punct or t.is_space for t in self.doc[verb.i + 1 : sentence.end]):
            return None
        k = verb.i - 1
        while k > sentence.start and (
            self.doc[k].pos_ == "PROPN" or self.doc[k].lower_ in {"and", "&", "the"}
        ):
            k -= 1
        name = self.doc[k + 1 : verb.i]
        if self.doc[k].text != "," or not any(t.pos_ == "PROPN" for t in name):
            # "..., a statement of facts filed with his plea agreement said.": a noun's
            # whole phrase with its article, which the parser hung on the clause before.
            comma = self.phrase_closing_a_sentence(verb, sentence.start, plural=verb.tag_ == "VBP")
            if comma is None:
                return None
            k, name = comma, self.doc[comma + 1 : verb.i]
        elif name[0].pos_ != "PROPN" and name[0].lower_ != "the":
            return None
        content = _tokens_span(t for t in self.doc[sentence.start : k] if not t.is_space)
        if content is None:
            return None
        return (name[0].idx, name[-1].idx + len(name[-1].text)), content

    def tag_read_as_relative(self, verb: Token, subject: Token) -> tuple[int, int] | None:
        """What "..., the WHO said." closing a sentence tags, where the parser hung it on
        the noun before the comma as a relative clause: a verb of speech with its own
        subject (no "who" or "which") right before it, a comma before that, and nothing
        but punctuation after it. The content is the sentence up to that comma."""
        if verb.dep_ != "relcl" or verb.lemma_.lower() not in SPEECH_VERBS | {"report"}:
            return None
        if subject.tag_ in {"WP", "WDT"} or subject.right_edge.i != verb.i - 1:
            return None
        comma = subject.left_edge.i - 1
        if comma < 0 or self.doc[comma].text != ",":
            return None
        if any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in verb.children):
            return None
        sentence = self.sentence(verb)
        if not all(t.is_punct or t.is_space for t in self.doc[verb.i + 1 : sentence.end]):
            return None
        return _tokens_span(t for t in self.doc[sentence.start : comma] if not t.is_space)

    def speaker_in_apposition(self, verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(source, content) where the parser hung the speaker on a reported "be"
        clause's complement, as its apposition: "4.9m hectares burned was the largest
        area destroyed in the state since records began, Associate Professor Owen Price
        from the University of Wollongong said" (the complement was the verb's subject,
        "the largest area ..., Associate Professor Owen Price ..." the source; or the
        verb had none). The complement goes back to the clause; the name after its comma,
        with what follows it up to the verb, is the source."""
        clause = next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and c.lemma_ == "be"),
            None,
        )
        if clause is None:
            return None
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        complements = [c for c in clause.children if c.dep_ in {"attr", "acomp"}]
        if subjects and not complements and subjects[0].left_edge.i == clause.i + 1:
            noun = subjects[0]  # the complement made the verb's subject
        elif not subjects and complements and complements[0].pos_ == "NOUN":
            noun = complements[0]  # the verb left with none
        else:
            return None
        if noun.pos_ != "NOUN" or noun.right_edge.i != verb.i - 1:
            return None
        appos = next((c for c in noun.children if c.dep_ == "appos" and c.i > noun.i), None)
        if appos is None or appos.pos_ != "PROPN" or appos.left_edge.i < 1:
            return None
        comma = self.doc[appos.left_edge.i - 1]
        if comma.text != ",":
            return None
        content = _tokens_span(t for t in self.doc[clause.left_edge.i : comma.i] if not t.is_space)
        if content is None:
            return None
        last = noun.right_edge
        return (appos.left_edge.idx, last.idx + len(last.text)), content

    def phrase_closing_a_sentence(
        self, verb: Token, start: int, *, plural: bool = False
    ) -> int | None:
        """Where the comma stands before a noun phrase that opens with an article and
        runs up to `verb`, all of it the noun's own words: "a statement of facts filed
        with his plea agreement" of "..., a statement of facts filed with his plea
        agreement said.". With `plural` (the verb's "say", not "says"), a plural noun's
        phrase with no article too: "..., the jobs have some fundamental differences,
        political scientists and presidential historians say." (news, session 66)."""
        before = self.doc[verb.i - 1]
        for candidate in [before, *before.ancestors]:
            if candidate.i >= verb.i or candidate.right_edge.i != verb.i - 1:
                break
            if candidate.pos_ not in {"NOUN", "PROPN"}:
                continue
            first = candidate.left_edge
            k = first.i - 1
            if k > start and self.doc[k].text == "," and first.lower_ in {"a", "an", "the"}:
                return k
            if (
                plural
                and k > start
                and self.doc[k].text == ","
                and candidate.tag_ in {"NNS", "NNPS"}
                and first.pos_ in {"ADJ", "NOUN", "PROPN"}
            ):
                return k
        return None

    def clause_taking(self, verb: Token) -> bool:
        """Any verb with a "that"-clause after it and a person or organisation as subject
        ("Trump decided that ..."); not a time clause's verb between a cue and its clause
        ("said when he arrived that ...", "made clear when he launched ... that": the
        parser hangs the clause on "arrived")."""
        if verb.lemma_.lower() in NOT_CUES | LEARNED_STOP:
            return False  # "demanding that they watch it all in a binge session that ..."
        if (
            verb.dep_ == "advcl"
            and verb.head.i < verb.i
            and (verb.head.lemma_.lower() in CUE_VERBS or verb.head.lemma_.lower() == "make")
            and any(c.lower_ in _TIME_MARKS and c.i < verb.i for c in verb.children)
        ):
            return False
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if clause is None or not any(
            t.dep_ == "mark" and t.lower_ == "that" for t in clause.children
        ):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and self.is_agent(subject)

    @staticmethod
    def is_agent(token: Token, *, clergy: bool = True) -> bool:
        """A word that can say something: a name, a pronoun, a person or organisation noun
        (with `clergy` False, a priest's noun is none, as for the learned cue model)."""
        lemma = token.lemma_.lower()
        return (
            token.pos_ in {"PROPN", "PRON"}
            or token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
            or (lemma in PERSON_NOUNS and (clergy or lemma not in CLERGY_NOUNS))
            or lemma in ORG_NOUNS
            or lemma in VAGUE_HEADS
            or lemma in MEDIA_NOUNS
        )

    def unjoined_name(self, verb: Token) -> Token | None:
        """The name right before a verb (its auxiliaries aside) that the parser joined to
        an earlier verb with no "and", "or" or "but" between them, having made the name an
        object: "a fraction of the $94.4 billion Rossello has said the island needs" (the
        PTC, session 61), where "has said" took "The aid" for its subject."""
        if verb.dep_ != "conj":
            return None
        k = verb.i - 1
        while k > verb.head.i and self.doc[k].dep_ in {"aux", "auxpass", "neg"}:
            k -= 1
        before = self.doc[k]
        if before.pos_ != "PROPN" or before.dep_ not in {"pobj", "dobj"} or k <= verb.head.i:
            return None
        if any(
            t.dep_ == "cc" or t.lower_ in {"and", "or", "but"} or t.is_punct
            for t in self.doc[verb.head.i + 1 : k]
        ):
            return None
        return before

    def left_neighbour(self, verb: Token) -> Token | None:
        """A name or pronoun just before a subjectless verb, which the parser tied elsewhere
        ("the editorial board of the Washington Post Trump said that ...")."""
        if verb.i == 0 or verb.dep_ not in {"ROOT", "parataxis", "ccomp"}:
            return None
        before = self.doc[verb.i - 1]
        if before.pos_ in {"PROPN", "PRON"} and before.dep_ in {
            "pobj",
            "dobj",
            "compound",
            "appos",
        }:
            return before
        return None

    def phrase_span(self, head: Token) -> tuple[int, int] | None:
        """A source phrase as PolNeAR marks it: the head's whole phrase (relative clauses
        and participles included, as PolNeAR mostly does), without an apposition nested
        in an apposition ("Scott Pruitt, the attorney general of Oklahoma, one of the
        states suing the EPA") unless it is a place ("Nashville, Tennessee"), and without
        a leading "even"."""
        cut = [
            token
            for token in head.subtree
            if token.dep_ == "appos"
            and token.head.i != head.i
            and token.ent_type_ != "GPE"  # "in Nashville, Tennessee" stays whole
            and token.left_edge.i > 0
            and self.doc[token.left_edge.i - 1].text == ","
        ]
        # When, not who: "Trump on Tuesday said", "Officials last week said".
        cut += [child for child in head.children if _when(child)]
        # Where, between commas: "The prime minister, Scott Morrison, at a reception for
        # the cricket sides at Kirribilli House, acknowledged ..." (news-unlabeled, 59).
        settings = [
            child
            for child in head.children
            if child.dep_ == "prep"
            and child.lower_ in _SETTINGS
            and child.i > head.i
            and self.doc[child.i - 1].text == ","
            and child.right_edge.i + 1 < len(self.doc)
            and self.doc[child.right_edge.i + 1].text == ","
            # right after the name or its apposition, not after a relative clause ("Don
            # Fowler, who helmed the DNC from 1995 to 1997, during Bill Clinton's
            # presidency, said": PolNeAR keeps the whole description)
            and (
                head.i == child.i - 2
                or any(a.dep_ == "appos" and a.right_edge.i == child.i - 2 for a in head.children)
            )
        ]
        cut += settings
        tokens = [t for t in head.subtree if not any(c.is_ancestor(t) or t.i == c.i for c in cut)]
        while settings and tokens and tokens[-1].is_punct:
            tokens.pop()  # the comma that closed the setting
        # A title the sentence opens with, which the parser hung on the subject: "In a
        # paper published earlier this month, "Adblocking and Counter-Blocking: A Slice of
        # the Arms Race," researchers from Stony Brook University ... found".
        if tokens and tokens[0].i > 0 and self.doc[tokens[0].i - 1].text in {'"', "“"}:
            close = next(
                (t for t in tokens if t.i < head.i and t.text in {'"', "”"} and t.i > tokens[0].i),
                None,
            )
            if close is not None and "," in {self.doc[close.i + k].text for k in (-1, 1)}:
                tokens = [t for t in tokens if t.i > close.i]
                while tokens and tokens[0].is_punct:
                    tokens.pop(0)
        # A leading "even" is not part of the name; "both" is (PolNeAR train: "both men"
        # 58 times, "men" after "both" twice).
        while tokens and tokens[0].lower_ == "even":
            tokens.pop(0)
        # A name's preposition left without its object, where the parser hung the
        # object elsewhere ("said Jerome Hass of Lightwater Partners Ltd.", "Ltd." taken
        # for punctuation): the name that follows it, else not the preposition. One a
        # clause strands stays ("the folks I play with"), and "below" of "the images
        # below" is no name's.
        last = tokens[-1] if tokens else None
        if (
            last is not None
            and last.dep_ == "prep"
            and last.head.pos_ == "PROPN"
            and not list(last.children)
        ):
            after = tokens[-1].i + 1
            if after < len(self.doc) and self.doc[after].ent_iob_ == "B":
                tokens += list(_entity_of(self.doc[after]) or ())
            else:
                tokens.pop()
        if tokens and sum(t.text == "“" for t in tokens) > sum(t.text == "”" for t in tokens):
            # "Edward E. Curtis IV, the author of “Black Muslim Religion in the Nation of
            # Islam,” said": the title's closing mark, which the parser hung on the verb.
            after = tokens[-1].i + 1
            while after < len(self.doc) and self.doc[after].text in {",", "."}:
                after += 1
            if after < len(self.doc) and self.doc[after].text == "”":
                tokens = [*tokens, *self.doc[tokens[-1].i + 1 : after + 1]]
        return _tokens_span(tokens)

    def listed_before(self, subject: Token, verb: Token | None) -> Token | None:
        """The first name of a list the parser cut the last name from: "..., and Russia,
        Iran, and China are eager to ..." (it hung "Russia" and "Iran" on the clause
        before). Only for a singular name before a plural verb, and a list of three
        names or more, commas between them."""
        if verb is None or subject.tag_ != "NNP" or subject.ent_iob_ != "B":
            return None
        auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
        finite = auxes[0] if auxes else verb
        if not (finite.tag_ == "VBP" or finite.lower_ == "were"):
            return None
        k = subject.i - 1
        if k < 0 or self.doc[k].lower_ not in {"and", "&"}:
            return None
        k -= 1
        if k >= 0 and self.doc[k].text == ",":
            k -= 1
        first, names = None, 0
        while k >= 0 and self.doc[k].ent_iob_ in {"B", "I"} and self.doc[k].pos_ == "PROPN":
            ent = _entity_of(self.doc[k])
            if ent is None or ent.end != k + 1:
                break
            first, names = ent[0], names + 1
            k = ent.start - 1
            if k < 0 or self.doc[k].text != ",":
                break
            k -= 1
        if first is None or names < 2:
            return None
        before = self.doc[first.i - 1] if first.i else None
        if before is not None and (before.pos_ in {"PROPN", "ADP"} or before.dep_ == "poss"):
            return None  # "the wars of Russia, Iran, and China" is no subject
        return first

    def source_span(self, subject: Token, verb: Token | None = None) -> tuple[int, int] | None:
        # "Pictures and film released by the Jihadis show ...": footage shows what the
        # party that released it wants shown, so that party is the source.
        footage = subject.lemma_.lower() in FOOTAGE_NOUNS or any(
            c.dep_ == "conj" and c.lemma_.lower() in FOOTAGE_NOUNS for c in subject.children
        )
        for child in subject.subtree if footage else ():
            if child.dep_ == "acl" and child.lemma_.lower() in RELEASE_VERBS:
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = (
                    None
                    if agent is None
                    else next((c for c in agent.children if c.dep_ == "pobj"), None)
                )
                if pobj is not None:
                    return _subtree_span(pobj)
        if subject.dep_ in {"nsubj", "nsubjpass", "csubj"} or subject.head.dep_ == "agent":
            span = self.phrase_span(subject)
            # "Mateen's ex-wife said": the parser made "ex", "-" and "wife" three
            # subjects; those right before the nearest are its words.
            if span is None:
                return None
            if subject.head.dep_ == "agent":
                # "has been denounced by many as a hatemonger": what the agent called it
                # is no word of the agent ("many as a hatemonger" was the source).
                named_as = next(
                    (c for c in subject.rights if c.dep_ == "prep" and c.lower_ == "as"), None
                )
                if named_as is not None and span[0] < named_as.idx:
                    span = _trim(self.text, span[0], named_as.idx)
            first = self.doc.char_span(span[0], span[1], alignment_mode="expand")
            if first is None:
                return span
            start = first[0]
            while (
                start.i > 0
                and (before := self.doc[start.i - 1]).dep_ == subject.dep_
                and before.head.i == subject.head.i
                and before.whitespace_ == ""
            ):
                start = before
            if start.i != first[0].i:
                # "ownCloud co-founder Frank Karlitschek": "ownCloud" hangs on "co";
                # "Mateen's" on "ex"; not "Yesterday, ...".
                while start.i > 0 and self.doc[start.i - 1].dep_ in _NOUN_LEFTS | {"case"}:
                    start = self.doc[start.i - 1]
                return min(span[0], start.idx), span[1]
            listed = self.listed_before(subject, verb)
            if listed is not None and first[0].i == subject.i:
                return listed.idx, span[1]
            return span
        if verb is not None and verb.dep_ == "acl" and verb.head.i == subject.i:
            return _subtree_span(subject, exclude=(verb,))
        # A name the parser tied elsewhere: the name and its compounds only.
        left = subject
        while left.i > 0 and self.doc[left.i - 1].dep_ == "compound":
            left = self.doc[left.i - 1]
        return left.idx, subject.idx + len(subject.text)

    def cue_span(
        self, verb: Token, source: tuple[int, int] | None
    ) -> tuple[tuple[int, int], Token | None]:
        """The cue: the verb, its auxiliaries, negation and adverbs just before it, its
        particle, and the preposition of a phrasal cue. Returns (span, phrasal prep)."""
        left = verb
        for child in sorted(verb.lefts, key=lambda t: -t.i):
            if child.dep_ not in {"aux", "auxpass", "neg", "advmod"}:
                continue
            if child.i != left.i - 1 and not all(
                self.doc[k].dep_ in {"aux", "auxpass", "neg", "advmod"}
                for k in range(child.i + 1, left.i)
            ):
                break
            if source is not None and child.idx < source[1]:
                break
            left = child
            # "no longer worries": the adverb's own negation ("no" hangs on "longer").
            while (
                left.i > 0
                and (before := self.doc[left.i - 1]).dep_ == "neg"
                and before.head.i == left.i
                and (source is None or before.idx >= source[1])
            ):
                left = before
        right = verb
        prep: Token | None = None
        allowed = PHRASAL.get(verb.lemma_.lower(), ())
        for child in verb.rights:
            if child.dep_ == "prt" and child.i == right.i + 1:
                right = child
            elif (
                child.dep_ in {"prep", "dobj"}
                and child.lower_ in allowed
                and child.i <= right.i + 2
                # "called on Sunday for a global alliance": a day, not whom one calls on
                and not self.on_a_day(child)
            ):
                right, prep = child, child
                break
            elif child.i == right.i + 1 and (
                self.is_when_or_where(child) or (allowed and self.on_a_day(child))
            ):
                # PolNeAR keeps "said Monday", "said in an interview" in the cue.
                right = child.right_edge
            else:
                break
        if prep is None and "for" in allowed:
            # "called for Obama to resign": the parser makes "for" the mark of a clause.
            mark = next(
                (
                    m
                    for c in verb.children
                    if c.dep_ in {"advcl", "ccomp"} and c.i > verb.i
                    for m in c.children
                    if m.dep_ == "mark" and m.lower_ == "for"
                ),
                None,
            )
            between = () if mark is None else self.doc[right.i + 1 : mark.i]
            if mark is not None and all(t.dep_ in {"advmod", "prt"} for t in between):
                right, prep = mark, mark
        return (left.idx, right.idx + len(right.text)), prep

    @staticmethod
    def on_a_day(token: Token) -> bool:
        """ "on Sunday", "on Tuesday night": a preposition whose object is a day or time."""
        return (
            token.dep_ == "prep"
            and token.lower_ == "on"
            and any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in token.children)
        )

    @staticmethod
    def is_when_or_where(token: Token) -> bool:
        if token.dep_ == "npadvmod" and token.ent_type_ in {"DATE", "TIME"}:
            return True
        if token.dep_ == "advmod" and token.lower_ in {
            "sarcastically",
            "then",
            "later",
            "recently",
        }:
            return True
        if token.dep_ == "prep" and token.lower_ == "in":
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            return pobj is not None and pobj.lemma_.lower() == "interview"
        return False

    def report_read_as_adverbial(self, clause: Token, verb: Token) -> bool:
        """Whether `clause`, which the parser hangs on a speech verb as an adverbial, is
        what the verb reports: a clause with a subject of its own and no conjunction
        that opens the sentence and ends at the comma before the verb's subject ("Police
        had been called 89 times to the hall, reports said", where the words after the
        sentence swayed the parse from a clause to an adverbial). "If police arrive, he
        said ..." has its conjunction, "When it was introduced, ..." its adverb, and
        "Asked about it, she said" no subject."""
        if clause.dep_ != "advcl" or clause.i > verb.i:
            return False
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            return False
        if any(c.dep_ == "mark" or c.tag_ == "WRB" for c in clause.children):
            return False  # "When it was first introduced, in 2014, Facebook responded ..."
        if any(c.i > verb.i and c.dep_ in _REPORTED_AFTER for c in verb.children):
            return False  # "..., the same advice said to keep on lying": what it said follows
        if clause.left_edge.i != self.sentence(verb).start:
            return False
        between = self.doc[clause.right_edge.i + 1 : verb.i]
        return (
            len(between) > 0
            and between[0].text == ","
            and all(t.is_punct or t.dep_ == "nsubj" or t.head.dep_ == "nsubj" for t in between)
        )

    def content_span(self, verb: Token, prep: Token | None) -> tuple[int, int] | None:
        lemma = verb.lemma_.lower()
        if lemma in _NAMING_VERBS and verb.dep_ in {"advcl", "acl", "parataxis"}:
            named = self.name_given(verb)
            if named is not None:
                return named
        # "The plan, he told reporters, came from ...": whom one tells is no content.
        addressee = lemma in ADDRESSEE_CUES and not any(c.dep_ == "ccomp" for c in verb.children)
        if (verb.dep_ == "parataxis" or self.between_commas(verb) or self.as_clause(verb)) and (
            addressee or not any(c.dep_ in {"ccomp", "dobj"} for c in verb.children)
        ):
            return self.parenthetical_content(verb)
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        if len(subjects) > 1:
            subjects = [c for c in subjects if not _bracketed(c)] or subjects
        # "People like Scott, he said": the far subject is what was said. Not where a
        # clause follows the verb: "In Operation Double Helix 1.0, a pilot program ...,
        # authorities found that 16 out of 84 families were ..." (the parser made the
        # fronted phrase's noun a second subject).
        # Only where a comma parts the two: "But carrying after a long time my Ricoh in
        # Berlin felt good" has one subject the parser split, and says nothing.
        if len(subjects) > 1 and not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
            nearest = min(subjects, key=lambda c: abs(c.i - verb.i))
            far = [c for c in subjects if c.i != nearest.i]
            # (the far subject's own last token too: the parser often takes the comma)
            between = self.doc[max(c.right_edge.i for c in far) : nearest.left_edge.i]
            if not any(t.is_punct for t in between):
                return None
            if self.has_own_object(verb):
                return None  # "Update 2 : ..., President Trump has tweeted his opinion"
            return _hull(s for s in (_subtree_span(c) for c in far) if s)
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and not self.across_semicolon(c)]
        if not clauses and lemma in SPEECH_VERBS | {"report"}:
            clauses = [c for c in verb.children if self.report_read_as_adverbial(c, verb)]
        if clauses:
            # The clause nearest the verb; an inverted report ("X, he said") has it before.
            clause = min(clauses, key=lambda c: abs(c.i - verb.i))
            if (
                clause.i < verb.i
                and lemma not in ADDRESSEE_CUES  # "..., Abdul Mahdi told a cabinet meeting"
                and self.has_own_object(verb)
            ):
                # "The visa was declined ..., as while her operation was successful, she
                # required regular MRI scans": a verb with an object of its own (not whom
                # it tells) reports no clause before it.
                return None
            if clause.i < verb.i:
                # Inverted ("Hopefully, “...,” she said"): what leads up to the clause too.
                lead = [
                    c
                    for c in verb.lefts
                    if c.dep_ not in {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc"}
                    and c.i < clause.i
                ]
                return _hull(s for s in (_subtree_span(c) for c in (*lead, clause)) if s)
            reported = self.inverted_report(clause)
            if reported is not None:
                # "fearing their identity would be made public, The Free Press Journal
                # reports": the parser hangs the article's own speech tag on the verb's
                # clause; what is feared ends before it.
                return _tokens_span(t for t in reported.subtree if t.i > verb.i)
            # Only the clause's side of the verb ("what Trump says his plan would do"),
            # without a trailing participle or concession (", citing ...", ", although ...").
            tail = self.trailing_comment(clause)
            span = _tokens_span(
                t for t in clause.subtree if t.i > verb.i and (tail is None or t.i < tail)
            )
            subject = self.object_as_subject(verb, clause)
            if span is not None and subject is not None:
                span = (subject, span[1])
            gerund = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "prep"
                    and verb.i < c.i < clause.left_edge.i
                    and c.right_edge.i + 1 == clause.left_edge.i
                    and any(
                        g.dep_ == "pcomp" and g.tag_ == "VBG" and g.i == c.i + 1 for g in c.children
                    )
                ),
                None,
            )
            if span is not None and gerund is not None:
                # "Shea admitted to distributing the screed ..., which described X as
                # “not murder,” praised “treason” ...": the parser hung the list's next
                # verb on "admitted"; what he admitted starts at "to distributing".
                span = (gerund.idx, span[1])
            if span is not None and tail is None:
                # "ruled that the woman, aged 19 at the time, had lied ...": the parser
                # makes the apposition a clause of its own and the rest another; a clause
                # of the verb that follows with only punctuation between is the same one.
                for other in sorted(c for c in clauses if c.i > clause.i):
                    first, last = other.left_edge.i, other.right_edge.i
                    between = self.doc[clause.right_edge.i + 1 : first]
                    if clause.right_edge.i >= first or not all(t.is_punct for t in between):
                        break
                    if self.trailing_comment(other) is not None:
                        break
                    span = (span[0], self.doc[last].idx + len(self.doc[last]))
                    clause = other
            if span is not None and tail is None and self.misparsed_tail(verb, clause):
                span = (span[0], self.sentence(verb).end_char)
            return span
        if lemma in SPEECH_VERBS or lemma == "report":
            # A misparsed "that"-clause ("reported at the time that ..."): to the sentence end.
            for k in range(verb.i + 1, min(self.sentence(verb).end, verb.i + 10)):
                if self.doc[k].lower_ == "that" and self.doc[k].dep_ not in {
                    "det",
                    "nsubj",
                    "dobj",
                }:
                    return self.doc[k].idx, self.sentence(verb).end_char
        if prep is not None and prep.dep_ == "mark":
            # "called for | Obama to resign": the clause after its "for".
            return _tokens_span(t for t in prep.head.subtree if t.i > prep.i)
        if prep is not None:
            parts = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            if not parts:
                # "has called on 10,000 blacks | to stalk ...": the object hung on the verb
                parts = [c for c in verb.children if c.dep_ == "dobj" and c.i > prep.i]
            parts += [
                c
                for c in verb.children
                if c.i > prep.i
                and (
                    c.dep_ in {"xcomp", "ccomp"}
                    # "called on Congress | to correct the problems", hung on the verb
                    or (
                        c.dep_ == "advcl"
                        and lemma == "call"
                        and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
                    )
                )
            ]
            return _hull(s for s in (_subtree_span(p) for p in parts) if s)
        if lemma in CLAUSE_ONLY and lemma not in DOBJ_CUES:
            xcomp = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
            if lemma in {"expect", "want"} and xcomp:
                objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
                return _hull(s for s in (_subtree_span(p) for p in objects + xcomp) if s)
            return None
        after = [c for c in verb.children if c.i > verb.i]
        if lemma in {"decline", "refuse"}:
            return _hull(s for s in (_subtree_span(c) for c in after if c.dep_ == "xcomp") if s)
        if lemma in ADDRESSEE_CUES:
            # "told reporters that ...", "asked Putin for permission to ...": what follows
            # the addressee; "ask" and "urge" keep the addressee ("urges supporters to vote").
            rest = [
                c
                for c in after
                if c.dep_ in {"xcomp", "ccomp"}
                or (c.dep_ == "prep" and c.lower_ in {"for", "about"})
            ]
            objects = [o for o in after if o.dep_ == "dobj"] if lemma == "ask" else []
            question = [
                c
                for c in after
                if c.dep_ == "advcl"
                and c.left_edge.tag_ in {"WRB", "WP"}
                and any(o.right_edge.i + 1 == c.left_edge.i for o in objects)
            ]
            if question:
                # "asked Horowitz when his team had discovered the message": the question,
                # which the parser hung on the verb as a clause of time; whom it was asked
                # is no part of it.
                rest += question
            elif lemma not in _TOLD_WHOM:
                rest += [c for c in after if c.dep_ == "dobj"]
            return _hull(s for s in (_subtree_span(p) for p in rest) if s) if rest else None
        roles = {"xcomp", "oprd", "attr"}
        if lemma in DOBJ_CUES:
            roles |= {"dobj"}
        if lemma in {"accuse", "blame", "criticize", "criticise", "praise", "condemn"}:
            roles |= {"prep"}
        parts = [c for c in after if c.dep_ in roles]
        parts += self.object_complements(verb, parts)
        parts += self.stranded_nouns(verb, parts)
        return _hull(s for s in (_subtree_span(p) for p in parts) if s)

    @staticmethod
    def acts_on_something(verb: Token) -> bool:
        """Whether a verb outside the rules' lists has a noun after it, through a
        preposition or as its object ("presided over a labor market", "succumbed to the
        pressure"): what it does, not what it says."""
        if verb.lemma_.lower() in CUE_VERBS:
            return False
        for c in verb.children:
            if c.i < verb.i:
                continue
            if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}:
                return True
            if c.dep_ == "prep" and any(
                g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"} for g in c.children
            ):
                return True
        return False

    def has_own_object(self, verb: Token) -> bool:
        """Whether a verb has an object after it that is no one it could tell ("required
        regular MRI scans", "has tweeted his opinion"; not "told the AP"): what it says is
        that object, not a clause or a subject before it."""
        return any(
            c.dep_ == "dobj" and c.i > verb.i and not self.is_agent(c) for c in verb.children
        )

    def name_given(self, verb: Token) -> tuple[int, int] | None:
        """What "as X calls it" names: the quotation or the noun right before the clause
        ("The “tyranny of the single score,” as psychologists have called it, is ...",
        "Sandstone Retreat (as everyone called it)"; news, session 66), not "it"."""
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return None
        if not any(c.dep_ == "dobj" and c.lower_ in {"it", "them", "this"} for c in verb.children):
            return None
        doc = verb.doc
        before = verb.left_edge.i - 1
        while before >= 0 and (doc[before].is_punct or doc[before].is_space):
            before -= 1
        if before < 0:
            return None
        word = doc[before]
        quoted = next(((qs, qe) for qs, qe in self.quotes if qs <= word.idx < qe), None)
        if quoted is not None:
            return quoted
        if word.pos_ not in {"NOUN", "PROPN"}:
            return None
        start = word
        while (
            start.i > 0
            and doc[start.i - 1].dep_ in {"compound", "amod"}
            and doc[start.i - 1].head.i in {word.i, start.i}
        ):
            start = doc[start.i - 1]
        return start.idx, word.idx + len(word.text)

    @staticmethod
    def object_as_subject(verb: Token, clause: Token) -> int | None:
        """Where the verb's object that is the subject of the clause right after it
        starts, where the parser left the clause without one: "They warned [the death
        toll] [was likely to continue to rise]" (the content was "was likely to continue
        to rise"). Whom a cue tells is no subject ("told Ritter, could only be done by
        ..."), but a second object after it is ("told the Judiciary Committee [her
        client] “wishes to testify ...”"), and so is the noun a "her" the parser made its
        owner addresses ("told her [ICE] would be conducting the raids"; the PTC, session
        66)."""
        if clause.i < verb.i or any(
            c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in clause.children
        ):
            return None
        if clause.pos_ not in {"VERB", "AUX"}:
            return None
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return None  # "told CNN, during an interview ..., that ...": the clause's own
        doc = verb.doc
        # "said the enclosure in question, as described by the Cincinnati zoo, was
        # “absolutely standard”" (news, session 66): a phrase of the verb's own between
        # commas parts the object from its clause.
        aside = {
            t.i
            for c in verb.children
            if c.dep_ in {"advcl", "prep", "npadvmod", "advmod"}
            and c.left_edge.i > 0
            and doc[c.left_edge.i - 1].text == ","
            and c.right_edge.i + 1 < len(doc)
            and doc[c.right_edge.i + 1].text == ","
            for t in c.subtree
        }
        subject = next(
            (
                c
                for c in verb.children
                if c.dep_ == "dobj"
                and c.i > verb.i
                and c.right_edge.i < clause.left_edge.i
                # "said spouses, especially those new to ..., have reached out"
                and all(
                    t.is_punct or t.i in aside for t in doc[c.right_edge.i + 1 : clause.left_edge.i]
                )
            ),
            None,
        )
        if subject is None:
            return None
        if verb.lemma_.lower() not in ADDRESSEE_CUES:
            return subject.left_edge.idx
        if any(
            c.dep_ in {"dobj", "dative"} and verb.i < c.i < subject.left_edge.i
            for c in verb.children
        ):
            return subject.left_edge.idx  # the first object is whom it tells
        owner = subject.left_edge
        if owner.dep_ == "poss" and owner.head.i == subject.i and owner.lower_ in _OBJECT_PRONOUNS:
            return doc[owner.i + 1].idx
        # "told the Judiciary Committee her client ...", the second object hung on the
        # first as its apposition
        second = next(
            (
                c
                for c in subject.children
                if c.dep_ == "appos"
                and c.i > subject.i
                and any(p.dep_ == "poss" and p.tag_ == "PRP$" for p in c.children)
                and not doc[c.left_edge.i - 1].is_punct  # no ", her client,": an apposition
            ),
            None,
        )
        return None if second is None else second.left_edge.idx

    def across_semicolon(self, clause: Token) -> bool:
        """A clause before its verb with a semicolon between, outside quotation marks:
        "Peck carries a proto-punk mentality; he cites Patti Smith as ...". The parser
        hangs the first sentence on the second's verb, but nobody is said to say it."""
        verb = clause.head
        if clause.i > verb.i or self.in_quote(clause.idx):
            return False
        return any(
            t.text == ";"
            and not self.in_quote(t.idx)
            # the parser hangs the semicolon on either verb, or leaves it between them
            and (t.head.i in {clause.i, verb.i} or t.i > clause.right_edge.i)
            for t in self.doc[clause.i + 1 : verb.i]
        )

    def object_complements(self, verb: Token, parts: Sequence[Token]) -> list[Token]:
        """What the object is said to be, where the parse hangs it on the verb: "put the
        figure | closer to 40", "described it | as “super strong”", "cited the drought |
        as a key reason", right after the object with no punctuation between."""
        if not any(c.dep_ == "dobj" for c in parts):
            return []
        end = max(t.right_edge.i for t in parts)
        found: list[Token] = []
        for c in verb.rights:
            if c.i <= end:
                continue
            as_ = c.dep_ == "prep" and c.lower_ == "as"
            # "at 12", "at $3.3 billion": a figure the object is put at, not a place.
            at = c.dep_ == "prep" and c.lower_ == "at" and any(t.like_num for t in c.subtree)
            # "closer to 40", not "online", "ago" or "too".
            measured = c.dep_ == "advmod" and any(x.dep_ == "prep" for x in c.children)
            # "has called on 10,000 blacks | to stalk and murder ...", "urged them to
            # act": what the object is asked to do, which the parser may hang on the verb.
            asked = (
                c.dep_ in {"advcl", "xcomp"}
                and verb.lemma_.lower() in _OBJECT_CONTROL | {"call"}
                and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
            )
            if not (as_ or at or measured or asked or c.dep_ in {"acomp", "oprd"}):
                break
            if any(t.is_punct for t in self.doc[end + 1 : c.left_edge.i]):
                break
            found.append(c)
            end = c.right_edge.i
        return found

    def stranded_nouns(self, verb: Token, parts: Sequence[Token]) -> list[Token]:
        """Bare nouns right after the content that the parse hangs on the cue verb as a
        clause, which a noun cannot be: the rest of the content, misparsed
        ("denies Russian military’s request to bomb | Aleppo", where "Aleppo" became an
        adverbial clause of "denies" in a line with no full stop)."""
        if not parts:
            return []
        end = max(t.right_edge.i for t in parts)
        stranded = []
        for child in verb.rights:
            if child.i <= end:
                continue
            between = self.doc[end + 1 : child.left_edge.i]
            if (
                child.dep_ not in {"advcl", "dep"}
                or child.pos_ not in {"NOUN", "PROPN"}
                or child.ent_type_ in {"DATE", "TIME"}  # "said ... Tuesday" is the verb's
                or any(not t.is_space for t in between)
            ):
                break
            stranded.append(child)
            end = child.right_edge.i
        return stranded

    def misparsed_tail(self, verb: Token, clause: Token) -> bool:
        """A "that"-clause cut short by a misparse: the words after it hang on the cue verb
        as a subjectless verb ("confirm that the Al-Qaeda led Jihadis outside Aleppo have
        launched ...", where "led" became the clause's verb)."""
        return any(
            c.dep_ == "conj"
            and c.i > clause.right_edge.i
            and c.pos_ in {"VERB", "AUX"}
            and not any(x.dep_ in {"nsubj", "nsubjpass", "cc"} for x in c.children)
            and not any(self.doc[k].dep_ == "cc" for k in range(clause.right_edge.i + 1, c.i))
            for c in verb.children
        )

    @staticmethod
    def inverted_report(clause: Token) -> Token | None:
        """The clause a speech tag reports when `clause` is that tag, inverted after it
        ("... would be made public, The Free Press Journal reports"), else None."""
        if clause.lemma_.lower() not in SPEECH_VERBS | {"report"}:
            return None
        inner = [c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i]
        subject = [c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i]
        if not inner or not subject or inner[0].right_edge.i >= subject[0].left_edge.i:
            return None
        return inner[0]

    def trailing_comment(self, clause: Token) -> int | None:
        """Index where a comma-led participle or concession closing the clause begins, or
        a source the clause is credited to (", according to a report by Bloomberg.com")."""
        for child in clause.rights:
            if child.lower_ == "according" and child.i > 0 and self.doc[child.i - 1].text == ",":
                return child.i - 1
            if child.dep_ not in {"advcl", "xcomp", "conj"}:
                continue
            if self.speaker_goes_on(child):
                # "said the court challenge might have nudged both Shell and the government,
                # but added, “...”": what was added is the speaker's next statement.
                k = child.left_edge.i - 1
                while k > clause.i and self.doc[k].lower_ in {"but", "and", ","}:
                    k -= 1
                return k + 1
            first = child.left_edge
            before = self.doc[first.i - 1] if first.i > 0 else None
            if before is None or before.text not in {",", "—", "–"}:
                continue
            if first.tag_ == "VBG" or first.lower_ in {
                "although",
                "though",
                "while",
                "whereas",
                "even",
                "despite",
            }:
                return before.i
        return None

    def speaker_goes_on(self, verb: Token) -> bool:
        """Whether a verb of speech with no subject, that the parser joined to the verb of
        a clause another verb of speech reports, is that speaker's next statement: "Miller
        said the court challenge might have nudged both Shell and the government, but
        added, “...”" (not where the clause's subject can speak: "Smith said Jones lied
        and added ...")."""
        head = verb.head
        before = self.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        # Marked as the speaker's next words: "but" or a comma before the verb ("..., but
        # added, “...”"), or the speaker's own verb again ("said that ... and said ..."); not
        # "an investigation had been launched and already “concluded” that ...".
        marked = (
            verb.lemma_ == head.head.lemma_
            or (before is not None and before.text == ",")
            or any(c.dep_ == "cc" and c.lower_ == "but" and c.i < verb.i for c in head.children)
        )
        return (
            marked
            and verb.dep_ == "conj"
            and verb.lemma_.lower() in SPEECH_VERBS
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            and head.dep_ == "ccomp"
            and head.lemma_.lower() not in CUE_VERBS
            and head.head.lemma_.lower() in SPEECH_VERBS
            and head.head.i < head.i
            and not any(self.is_agent(c) for c in head.children if c.dep_ in {"nsubj", "nsubjpass"})
        )

    def between_commas(self, verb: Token) -> bool:
        """A tag the parser hung on the clause as an adverbial one, between commas and
        with no conjunction: "In the first half of this year, Sludge and LittleSis found,
        the Buttigieg campaign received ..." (not "When he found it, ...")."""
        if verb.dep_ != "advcl" or any(c.dep_ in {"mark", "advmod"} for c in verb.children):
            return False
        if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
            return False  # "..., others shouting and trying to help them, ...": no tag
        left, right = verb.left_edge.i, verb.right_edge.i
        return (
            left > 0
            and self.doc[left - 1].text == ","
            and right + 1 < len(self.doc)
            and self.doc[right + 1].text == ","
            and any(c.dep_ == "nsubj" for c in verb.children)
        )

    def as_clause(self, verb: Token) -> bool:
        """ "As Comey said, the chains were classified", "..., as the report notes": a
        speech verb in an "as" clause set off by a comma from the clause it vouches for,
        which opens or ends the sentence (not "the enclosure, as described by the zoo,
        was ...", nor "..., as she sings, “I'm tired ...”", whose quotation is hers)."""
        if verb.dep_ != "advcl" or verb.lemma_.lower() not in _AS_CUES:
            return False
        if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children):
            return False
        if verb.lemma_.lower() == "say" and any(
            c.dep_ == "nsubj" and c.lower_ in {"they", "you", "people"} for c in verb.children
        ):
            return False  # "has, as they say, doubled down": an idiom's, no one's
        doc, head = verb.doc, verb.head
        sentence = self.sentence(verb)
        if head.i > verb.i:
            after = verb.right_edge.i
            while after > verb.i and doc[after].is_quote and doc[after].is_left_punct:
                after -= 1  # "As the Atlantic pointed out, “No other ...”": the quote's mark
            if not (
                doc[after].text == "," or (after + 1 < len(doc) and doc[after + 1].text == ",")
            ):
                return False
            # Nothing of the host clause's own before it: "In fact, as Biden had said, ..."
            return not any(
                t.dep_ in {"nsubj", "nsubjpass", "expl"} and t.head.i == head.i
                for t in sentence
                if t.i < verb.left_edge.i
            )
        before = verb.left_edge.i - 1
        if before < 0 or doc[before].text != ",":
            return False
        rest = [t for t in sentence if t.i > verb.right_edge.i]
        return all(t.is_punct or t.is_space for t in rest) and not any(t.is_quote for t in rest)

    def parenthetical_content(self, verb: Token) -> tuple[int, int] | None:
        """ "But to prevent problems, he said, officials should be vigilant": the part of the
        host clause on the side of its main verb."""
        head = verb.head
        inner = {t.i for t in verb.subtree}
        tokens = [t for t in head.subtree if t.i not in inner]
        if head.i < verb.i:
            side = [t for t in tokens if t.i < verb.left_edge.i]
        else:
            side = [t for t in tokens if t.i > verb.right_edge.i]
            # The comma and a quotation's close that end the clause before: "As Cheney
            # said in advocating war over his mythical “weapons of mass destruction,” the
            # U.S. is ...".
            while side and (side[0].is_punct or side[0].is_space):
                side.pop(0)
        return _tokens_span(side)

    def expand_to_quotes(self, content: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int]:
        """Grow a content span to the quotation it starts or ends inside, never over the cue."""
        start, end = content
        for qs, qe in self.quotes:
            if qs <= cue[0] < qe:
                continue
            overlaps = qs < end and start < qe
            if overlaps and not (start <= qs and qe <= end):
                start, end = min(start, qs), max(end, qe)
        return start, end

    def made_clear(self, verb: Token) -> bool:
        """ "The inspector general made clear that ...", "Trump made it clear that ...":
        "make" is no cue ("made a decision"), but "make clear" says something. Adds the
        statement and returns True where it is one."""
        if verb.lemma_.lower() != "make" or self.in_quote(verb.idx):
            return False
        doc, k = verb.doc, verb.i + 1
        if k < len(doc) and doc[k].lower_ == "it":
            k += 1
        if k + 1 >= len(doc) or doc[k].lower_ != "clear":
            return False
        sentence = self.sentence(verb)
        tokens = [t for t in sentence if t.i > k]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "be":
            return False  # "one goal behind the release is to make clear that ...": no one
        if len(tokens) > 1 and tokens[0].lemma_.lower() == "be" and tokens[1].lower_ == "that":
            tokens = tokens[1:]  # "What the media has made clear is that ..."
        mark = next((t for t in tokens if t.lower_ == "that" and t.pos_ == "SCONJ"), None)
        if tokens and mark is not None and mark.i > tokens[0].i:
            # "made clear when he launched his investigation in January 2017 that ...",
            # "to make clear earlier Friday that ...": the time is the cue's; what was
            # made clear opens at "that".
            before = [t for t in tokens if t.i < mark.i]
            if before[0].lower_ in _TIME_MARKS or not any(
                t.pos_ in {"VERB", "AUX"} for t in before
            ):
                tokens = [t for t in tokens if t.i >= mark.i]
        if not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
            return False  # "made clear his opposition" is no clause
        if (
            tokens[0].lower_ not in _CLAUSE_OPENERS
            and not any(
                t.dep_ in {"nsubj", "nsubjpass", "expl"}
                and t.tag_ not in {"WP", "WDT"}  # a relative clause's "who"
                and tokens[0].i <= t.head.i <= tokens[-1].i
                for t in tokens[:6]
            )
        ):
            return False  # nor "made clear his disgust at Pope Francis for ... who watched"
        subject, _ = self.subject_of(verb)
        source = self.source_span(subject, verb) if subject is not None else None
        if source is None:
            return False
        cue = (self.cue_span(verb, source)[0][0], doc[k].idx + len(doc[k].text))
        return self.add(source, cue, _tokens_span(tokens)) is not None

    def verb_rules(self) -> None:
        for token in self.doc:
            if self.made_clear(token):
                continue
            if token.pos_ != "VERB" and not _verb_read_as_noun(token):
                continue
            if token.lemma_.lower() not in CUE_VERBS and not self.clause_taking(token):
                continue
            if self.in_quote(token.idx) or self.is_question(token):
                continue
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                continue  # "refused to discuss", "plans to release": intentions, not reports
            if self.reports_nothing(token):
                continue
            if self.topic_shift(token) or self.supposed(token):
                continue
            if _a_name_it_goes_by(token) or _with_done(token) or _headline_passive(token):
                continue
            subject, passive = self.subject_of(token)
            if subject is not None and (subject.lower_ in {"there", "nothing"} or _a_time(subject)):
                # "January offers plenty of new titles": a time says nothing, nor does
                # "nothing asking the students to write it"
                continue
            source = self.source_span(subject, token) if subject is not None else None
            tail = None
            clause_subject = _has_a_clause_subject(token)
            if subject is None and passive is None and not clause_subject:
                source = self.subject_hung_on_verb(token)
            if (source is None or token.dep_ == "conj") and not clause_subject:
                tail = self.speaker_in_the_clause(token)
                if tail is not None:
                    source, subject = tail[0], None  # not the subject of the verb's head
            closing = None if clause_subject else self.name_closing_a_sentence(token)
            if closing is not None:
                tail, source, subject = closing, closing[0], None
            taken = None if closing is not None else self.speaker_in_apposition(token)
            if taken is not None:
                tail, source, subject = taken, taken[0], None
            if tail is None and source is not None and subject is not None:
                # "All the cases were reported from a clinic ... from Bikoro, where
                # treatment capacities are limited, the WHO said." (the PTC, session 66):
                # the parser made the tag a relative clause of "Bikoro"
                said = self.tag_read_as_relative(token, subject)
                if said is not None:
                    tail = (source, said)
            cue, prep = self.cue_span(token, source)
            if source is None and clause_subject:
                self.empty_cues.append(cue)  # nor does the tagger make a source of a word in it
                continue
            content = self.content_span(token, prep) if tail is None else tail[1]
            if content is None and passive is not None and subject is not None:
                if token.lemma_.lower() not in _PASSIVE_REPORTS:
                    continue  # "the embassy was attacked by crowds" reports nothing
                content = _subtree_span(passive)  # "X was reported by Y"
            if content is None:
                continue
            if subject is None and source is None:
                # Agentless passive with a clause: "It was announced that ..." (no source).
                if passive is None or not any(c.dep_ == "ccomp" for c in token.children):
                    continue
            content = self.expand_to_quotes(content, cue)
            if content[0] < cue[1] and cue[0] < content[1]:
                continue
            if self.a_works_title(*_trim_quote_edges(self.text, *content)):
                continue  # 'says in its new report, "Adblocking Goes Mobile."': its title
            if source is not None and content[0] <= source[0] < content[1]:
                # The parser took a subject from inside the quote: the speaker is named
                # between the quote and the verb ("“...,” Police Chief Jordan said").
                source = _tokens_span(
                    t for t in self.doc if content[1] <= t.idx < cue[0] and not t.is_punct
                )
                if source is None:
                    continue
            kind = None
            if subject is not None and subject.text in _RELATIVES:
                kind = "pronoun"  # not "WHO", the health organisation
            self.add(source, cue, content, kind=kind)

    @classmethod
    def reports_nothing(cls, verb: Token) -> bool:
        """Whether a cue verb's use says nothing, for the rules, the learned cues and the
        tagger alike (`adds_to_something`, `summons`)."""
        return (
            cls.adds_to_something(verb)
            or cls.summons(verb)
            or cls.a_modifier(verb)
            or cls.says_it_all(verb)
            or cls.left_unsaid(verb)
            or cls.took_a_life(verb)
        )

    @staticmethod
    def took_a_life(verb: Token) -> bool:
        """ "gun violence has claimed the lives of 11 people", "The storm claimed three
        lives" (the PTC, session 65): what "claim" takes there is lives, or a title won,
        not words ("claimed responsibility" is)."""
        return verb.lemma_.lower() == "claim" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _TAKEN_NOT_SAID for c in verb.children
        )

    @staticmethod
    def left_unsaid(verb: Token) -> bool:
        """ "said it would produce the vehicles ..., without offering details", "blamed the
        rebels without citing evidence" (news, session 61): what one did without saying
        is no statement ("it | offering | details")."""
        return verb.dep_ == "pcomp" and verb.head.lower_ == "without"

    @staticmethod
    def says_it_all(verb: Token) -> bool:
        """ "That said it all", "This says a lot", "It speaks volumes" (the PTC, session
        61): a thing's saying of a phrase is an idiom, no statement."""
        if verb.lemma_.lower() not in {"say", "speak", "tell"}:
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in {"that", "this", "it", "which"}:
            return False
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "npadvmod"}), None)
        if obj is None or any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
            return False
        words = " ".join(t.lower_ for t in obj.subtree) + " "
        return words.startswith(_IDIOM_OBJECTS)

    @staticmethod
    def a_modifier(verb: Token) -> bool:
        """ "a five star 191-key Wanda branded hotel" (news-unlabeled, session 61): a
        participle between a name the parser made its adverb and the noun it made its
        object modifies that noun, as "Wanda-branded" would; nothing was branded."""
        doc = verb.doc
        if verb.i == 0 or verb.i + 1 >= len(doc) or verb.tag_ not in {"VBD", "VBN"}:
            return False
        before, after = doc[verb.i - 1], doc[verb.i + 1]
        return (
            before.head.i == verb.i
            and before.dep_ == "npadvmod"
            and before.pos_ in {"PROPN", "NOUN"}
            and after.head.i == verb.i
            and after.dep_ == "dobj"
            and after.pos_ == "NOUN"
        )

    @staticmethod
    def adds_to_something(verb: Token) -> bool:
        """ "The likelihood of extreme conditions returning has added to the urgency to
        assist people ...": "add to" a thing says nothing (news-unlabeled, session 59),
        unless a clause or a quotation says what was added."""
        if verb.lemma_.lower() != "add":
            return False
        to = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > verb.i),
            None,
        )
        if to is None or not any(c.dep_ == "pobj" for c in to.children):
            return False
        return not any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)

    @staticmethod
    def summons(verb: Token) -> bool:
        """ "he called police", "He called the cops", "Trump called Kim on Monday": a
        call with only an object telephones or summons; "called him a liar", "called
        for a ceasefire" and "called on Congress to act" say something (CNN, session
        59: the cops' call was a statement whose content was the sentence before)."""
        if verb.lemma_.lower() != "call":
            return False
        children = list(verb.children)
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None or obj.lower_ == "attention":
            return False  # "calling attention to an article" points something out
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
            return False  # "The “tyranny of the single score,” as psychologists have called it"
        # A short object with no second phrase after it: "called police.", "called Kim
        # on Monday"; not "has called the police shootings of African Americans ... a
        # moment similar to the civil rights movement" (PolNeAR dev), where the parser
        # lost the second phrase, nor "called them phonies".
        if obj.right_edge.i - obj.left_edge.i + 1 > 6:
            return False
        after = obj.right_edge.i + 1
        if after < len(verb.doc) and verb.doc[after].dep_ == "prt" and verb.doc[after].head == verb:
            after += 1  # "calling me up and saying"
        if after < len(verb.doc) and verb.doc[after].pos_ in _PHRASE_OPENERS:
            return False
        if any(
            t.is_quote for c in children if c.i > verb.i and c.dep_ != "conj" for t in c.subtree
        ):
            return False  # 'called the Navy petty officer "freaking evil"': a name given
        return not any(
            c.dep_ in {"oprd", "xcomp", "attr", "ccomp"}
            # "called out the senator" criticises; "calling me up" telephones
            or (c.dep_ == "prt" and c.lower_ not in {"up", "back", "in"})
            or (c.dep_ == "prep" and c.lower_ in {"for", "on", "out"})
            for c in children
            if c.dep_ != "ccomp" or c.i > verb.i
        )

    # other rules -----------------------------------------------------------------------------

    def in_a_poll(self) -> None:
        """ "In a CNN/ORC poll released Monday, 31% of Republicans said ...": the poll is the
        source of the rest of the sentence (PolNeAR's cue is the "In")."""
        for sent in self.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is None or first.lower_ != "in":
                continue
            pobj = next((c for c in first.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS:
                continue
            comma = next((t for t in self.doc[pobj.i : sent.end] if t.text == ","), None)
            if comma is None:
                continue
            source = _tokens_span(t for t in self.doc[first.i + 1 : comma.i])
            content = _trim(self.text, comma.idx + 1, sent.end_char)
            self.add(source, (first.idx, first.idx + len(first.text)), content)

    def according_to(self) -> None:
        for token in self.doc:
            if token.lower_ != "according" or token.i + 1 >= len(self.doc):
                continue
            to = self.doc[token.i + 1]
            if to.lower_ != "to":
                continue
            objects = [c for c in to.children if c.dep_ == "pobj"]
            named_kind = None
            if not objects:
                # "according to publishing consultancy PageFair": the parser made the
                # modifier a gerund and the name its object.
                objects = [
                    c
                    for c in to.children
                    if c.dep_ == "pcomp" and c.tag_ == "VBG" and _names_object(c)
                ]
                if objects:
                    name = objects[0].right_edge
                    named_kind = self.source_kind(name.idx, name.idx + len(name.text))
                    if any(
                        c.dep_ == "dobj" and c.lemma_.lower() in ORG_NOUNS | {"consultancy"}
                        for c in objects[0].children
                    ):
                        named_kind = "organisation"  # "publishing consultancy PageFair"
            source = None
            if objects:
                # The source ends at the first comma after its head word: a misparse may
                # hang the rest of the sentence on it as an apposition.
                head = objects[0]
                stop = next(
                    (
                        t.i
                        for t in self.doc[head.i : self.sentence(head).end]
                        if t.text in {",", ";", ":", "—"}
                    ),
                    self.sentence(head).end,
                )
                # ... unless an apposition or relative clause of the head follows that
                # comma and closes the sentence or a comma-bounded aside ("according to
                # John Weaver, a Republican strategist, ..."): PolNeAR keeps it.
                end = self.sentence(head).end
                if stop < end and self.doc[stop].text == ",":
                    aside = next(
                        (
                            c
                            for c in head.children
                            if c.dep_ in {"appos", "relcl"} and c.left_edge.i == stop + 1
                        ),
                        None,
                    )
                    closing = None if aside is None else aside.right_edge.i + 1
                    if closing is not None and (
                        closing >= end or self.doc[closing].text in {",", ".", ";", ":"}
                    ):
                        stop = closing
                # A comma before the head: the parser took the clause's subject into the
                # phrase ("According to the Herald, Gov.\nRick Scott issued ...", "Scott"
                # the object of "to").
                stop = next(
                    (t.i for t in self.doc[to.i + 1 : head.i] if t.text in {",", ";", "—"}),
                    stop,
                )
                source = _tokens_span(t for t in head.subtree if t.i < stop)
            cue = (token.idx, to.idx + len(to.text))
            phrase_end = source[1] if source else cue[1]
            sent = self.sentence(token)
            before = _trim(self.text, sent.start_char, token.idx)
            after = _trim(self.text, phrase_end, sent.end_char)
            content = before if (before[1] - before[0]) >= (after[1] - after[0]) else after
            opened = _COLON_LINE_END.match(self.text, phrase_end)
            if opened is not None and not self.text[sent.start_char : token.idx].strip():
                # "According to Ritter:\n“Rather than the Iranian-manufactured ...”" (the
                # PTC, session 66): the line introduces the quotation on the next.
                quoted = next((q for q in self.quotes if q[0] == opened.end()), None)
                if quoted is not None:
                    content = quoted
            if (
                content == after
                and self.has_a_verb(before)
                and re.match(
                    r"(?:and|but|or|because|since|although|though|while)\b",
                    self.text[after[0] : after[1]],
                )
            ):
                # "... grew 90% in 2015, according to PageFair, and was used by 419
                # million people": the phrase credits the clause before; the rest is the
                # writer's next conjunct, or hangs on that clause ("..., according to the
                # minister, because a victim shouldn't have to wait ...").
                content = before
            if token.i > sent.start and self.doc[token.i - 1].dep_ == "mark":
                # "... to inform their faithful that according to the Church's teaching,
                # everlasting damnation is the price": the clause the phrase opens.
                content = after
            self.add(source, cue, content, kind=named_kind)

    def nominal_cues(self) -> None:
        for token in self.doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
                continue
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in CUE_VERBS:
                continue  # "Latest reports confirm that ..." is the verb rule's
            sent_end = self.sentence(token).end
            mark = None
            for k in range(token.i + 1, min(sent_end, token.i + 12)):
                if self.doc[k].lower_ == "that" and self.doc[k].dep_ == "mark":
                    mark = self.doc[k]
                    break
                if self.doc[k].pos_ == "VERB" and self.doc[k].dep_ not in {"acl", "prep"}:
                    break
            if mark is None:
                continue
            if mark.head.dep_ == "conj" and token in mark.head.head.subtree:
                # "I realize that it is not easy to evaluate those bringing allegations,
                # and that there's often a tendency ...": the clause is joined to one
                # the noun stands in, not said of it.
                continue
            if any(
                t.pos_ == "NOUN" and t.lemma_.lower() in NOUN_CUES
                for t in self.doc[token.i + 1 : mark.i]
            ):
                continue  # "a fear compounded by forecasts that ...": the forecasts'
            source = None
            for k in range(token.i + 1, mark.i):
                prep = self.doc[k]
                # "claims by residents that", not "a fear compounded by forecasts that"
                if prep.lower_ in {"from", "by"} and prep.dep_ != "agent":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        source = _subtree_span(pobj)
                        break
            poss = next((c for c in token.children if c.dep_ == "poss"), None)
            if source is None and poss is not None:
                source = _subtree_span(poss)  # "Haley’s", as PolNeAR marks it
            if source is None and token.lemma_.lower() not in VAGUE_NOUN_CUES:
                continue  # "evidence that", "news that": too often the author's own framing
            clause = _subtree_span(mark.head)
            if clause is None:
                continue
            if mark.head.pos_ == "AUX" and not any(
                c.dep_ in _REPORTED_AFTER | {"acomp", "prep"} for c in mark.head.children
            ):
                # "that the calm weather on Wednesday is | but a brief reprieve": the
                # parser hung the copula's complement elsewhere; the sentence holds it.
                clause = (clause[0], self.sentence(mark).end_char)
                clause = _trim(self.text, *clause)
            content = (mark.idx, max(clause[1], mark.idx + len(mark.text)))
            cue = (token.idx, token.idx + len(token.text))
            self.add(source, cue, content)

    def quote_rules(self) -> None:
        """Direct quotes nobody has claimed yet: attach them to a speech verb right after
        ("“...,” said X") or right before ("X said: “...”"), or to a "― Name" line."""
        for qs, qe in self.quotes:
            if not _is_direct_quote(self.text, (qs, qe)):
                continue
            if any(f.content[0] <= qs + 1 and qe - 1 <= f.content[1] for f in self.found):
                continue
            match = DASH_SPEAKER.match(self.text, qe)
            # A signature is a name: "― Sonya Herridge", not the rest of a sentence
            # ("” – and that may be true. Nine out of 10 editors are men.’").
            if match and match["name"][:1].isupper() and not _SENTENCE_END.search(match["name"]):
                dash = match.start("dash")
                self.add(match.span("name"), (dash, dash + 1), (qs, qe))
                continue
            if self.a_works_title(qs, qe):
                continue  # 'the company says in its new report, "Adblocking Goes Mobile."'
            verb = self.speech_verb_near(qs, qe)
            if verb is not None and self.supposed(verb):
                continue  # "If another attendee says, “He was sober,” ...": nobody did
            subject = self.subject_of(verb)[0] if verb is not None else None
            if (
                verb is not None
                and verb.i in self._past_description
                and subject is not None
                and qs <= subject.idx < qe
            ):
                # The parser took a subject from inside the quotation ("'... we have 22
                # ambulances ...,' Koulivand, head of ..., told"): the speaker is named
                # between the quotation and the verb.
                subject = next(
                    (t for t in self.doc[subject.i : verb.i] if t.idx >= qe and t.is_alpha), None
                )
                while subject is not None and subject.dep_ == "compound":
                    if not qe <= subject.head.idx < verb.idx:
                        break
                    subject = subject.head  # "Pirhossein" of "Pirhossein Koulivand"
            if (
                subject is None
                and verb is not None
                and verb.dep_ == "acl"
                and verb.head.pos_ in {"NOUN", "PROPN"}
                and verb.head.i < verb.i
                and self.colon_before(qs)
            ):
                # "The coach announced on Twitter: “We apologize. ...”", parsed as if the
                # coach apologized and "announced" only described him.
                subject = verb.head
            if (
                verb is not None
                and qe <= verb.idx
                and self.text[qs:qe].rstrip("”\"' ")[-1:] in {".", "!", "?"}
                and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
                and self.inside_a_sentence(qs)
            ):
                # '... and “immediately responded.” MGM said that “Metro officers ...': a
                # verb after a quotation that ends its sentence says its own clause; one
                # before it may tag it ('..., Homan asserted, “making clear ...” He said').
                verb = self._speech_verb_before(qs, qe)
                subject = self.subject_of(verb)[0] if verb is not None else None
            if (
                subject is not None
                and verb is not None
                and subject.idx < qs
                and qe <= verb.idx
                and subject.right_edge.idx >= qs
            ):
                # "Edward E. Curtis IV, the author of “Black Muslim Religion in the Nation
                # of Islam,” said that ...": a title in the speaker's description.
                continue
            source = None
            if subject is None and verb is not None:
                source = self.inverted_speaker(verb, qe)
            elif subject is not None:
                source = self.source_span(subject, verb)
            if verb is None or source is None:
                previous = self.continued_statement(qs, qe)
                if previous is not None:
                    # “A,” said Joe Charbonnet, a scholar at Berkeley. “B.”: B is his too.
                    self.add(previous.source, previous.cue, (qs, qe), kind=previous.kind)
                continue
            cue, _ = self.cue_span(verb, source)
            relative = subject is not None and subject.text in {"who", "which", "Who", "Which"}
            kind = "pronoun" if relative else None
            self.add(source, cue, (qs, qe), kind=kind)

    def open_quotations(self) -> None:
        """A quotation left open at its paragraph's end goes on in the quotation that
        opens the next paragraph, as news writes a quotation of several paragraphs:
        both are the speaker's who claims either ("“We have been given the recordings
        ...\n\n“The contents are shocking ...,” she said"). A short heading the page put
        between them ("Data availability") does not end it."""
        pairs = [
            (q, after)
            for q, after in zip(self.quotes, self.quotes[1:], strict=False)
            if self._left_open(*q)
            and self._opens_its_line(after[0])
            and self._next_paragraph(q[1], after[0])
        ]

        def claim(qs: int, qe: int) -> _Found | None:
            return next(
                (
                    f
                    for f in self.found
                    if f.content[0] <= qs + 1
                    and qe - 1 <= f.content[1]
                    and f.source is not None
                    and f.cue is not None
                    and f.kind not in {"author", "unattributed"}
                ),
                None,
            )

        # Forward, then back, so a run of open paragraphs takes the speaker from either
        # end: "“A ...\n\n“B ...\n\n“C,” said X" and "“A,” said X. “B ...\n\n“C.”".
        for q, after in pairs:
            f = claim(*q)
            if f is not None and claim(*after) is None and _is_direct_quote(self.text, after):
                self.add(f.source, f.cue, after, kind=f.kind)
        for q, after in reversed(pairs):
            f = claim(*after)
            if (
                f is not None
                and claim(*q) is None
                and self._opens_its_line(q[0])
                and _is_direct_quote(self.text, q)
            ):
                self.add(f.source, f.cue, q, kind=f.kind)

    def quotation_after_statement(self, *, blank_line: bool = False) -> None:
        """A paragraph that is one quotation, which no statement claims, right after a
        paragraph that ends on a statement with a source and a cue, is that source's:
        "Dr. Derek Gatherer ... told MailOnline the country would struggle “to cope” if
        cases continue to spiral.⏎“Madagascar ... doesn't have many doctors. ...”", as
        news goes on with a speaker's words without a new tag (a run of such paragraphs
        too). Its lines were the author's unattributed assertions. With `blank_line` (the
        pass after the learned cues and the tagger) only a quotation a blank line parts
        from the paragraph before: on texts that break a line after each sentence (the
        PTC), half of such lines were another's words ("... whether the party believes
        women’s stories.⏎“I've been smeared ...": the party's, not Monahan's)."""
        said = [f for f in self.found if f.kind not in {"author", "unattributed"}]
        for qs, qe in self.quotes:
            if not self._opens_its_line(qs) or not _is_direct_quote(self.text, (qs, qe)):
                continue
            if self.text[qs:qe].strip(_QUOTES_AND_SPACE)[-1:] not in {".", "?", "!", "…"}:
                continue  # a heading in quotation marks ("“A hunch that maybe ...”")
            line_end = self.text.find("\n", qe)
            if self.text[qe : len(self.text) if line_end < 0 else line_end].strip(" ."):
                continue  # words after it on its line: a tag, or more of the author's
            if any(f.content[0] <= qs + 1 and qe - 1 <= f.content[1] for f in said):
                continue
            if _TAG_INSIDE.search(self.text, qs, qe) or any(
                f.cue is not None and qs <= f.content[0] <= qs + 1 and qs < f.cue[0] < qe
                for f in said
            ):
                # '“We know that ... than whites,“ said Ben Ruddell, ... “This is ...”': a
                # closing mark written as an opening one ran the quotation over its tag.
                continue
            above_end = qs  # where the text before the quotation ends, spaces left out
            while above_end > 0 and self.text[above_end - 1].isspace():
                above_end -= 1
            if blank_line and self.text.count("\n", above_end, qs) < 2:
                continue
            above = self.text.rfind("\n", 0, above_end) + 1
            last = max(
                (
                    f
                    for f in said
                    if f.source is not None
                    and f.cue is not None
                    and above <= max(f.cue[0], f.content[0]) < above_end
                    and f.content[1] <= above_end
                ),
                key=lambda f: f.content[1],
                default=None,
            )
            if last is None or last.source is None or last.cue is None:
                continue
            if self.text[max(last.content[1], last.cue[1], last.source[1]) : above_end].strip(
                " .,”\"’'"
            ):
                continue  # the paragraph goes on after its last statement
            item = self.add(last.source, last.cue, (qs, qe), kind=last.kind)
            if item is not None:
                item.refers_to, item.refers_to_kind = last.refers_to, last.refers_to_kind
                said.append(item)

    def _opens_its_line(self, pos: int) -> bool:
        line_start = self.text.rfind("\n", 0, pos) + 1
        return not self.text[line_start:pos].strip() and self.text[pos] in '“"'

    def _left_open(self, qs: int, qe: int) -> bool:
        """Whether the quotation at [qs, qe) runs to its paragraph's end unclosed."""
        line_end = self.text.find("\n", qe)
        rest = self.text[qe : len(self.text) if line_end < 0 else line_end]
        inner = self.text[qs + 1 : qe].rstrip()
        return not rest.strip() and inner[-1:] not in {"”", '"'} and "”" not in inner

    def _next_paragraph(self, end: int, start: int) -> bool:
        """Whether only blank lines, and at most one short heading, stand between."""
        lines = [line.strip() for line in self.text[end:start].split("\n")]
        filled = [line for line in lines if line]
        return not filled or (
            len(filled) == 1 and len(filled[0].split()) <= 4 and filled[0][-1] not in ".!?:;,"
        )

    def has_a_verb(self, span: tuple[int, int]) -> bool:
        """Whether [start, end) holds a verb: a clause, not "Well" before "according to"."""
        if span[1] <= span[0]:
            return False
        words = self.doc.char_span(*span, alignment_mode="expand")
        return words is not None and any(t.pos_ in {"VERB", "AUX"} for t in words)

    def inside_a_sentence(self, qs: int) -> bool:
        """Whether the quotation that opens at `qs` stands inside a sentence the writer's
        words open: "... accompanied security to the shooting and “immediately
        responded.”"; not one that opens its line or follows a sentence's end."""
        line_start = self.text.rfind("\n", 0, qs) + 1
        before = self.text[line_start:qs].rstrip().rstrip("“\"'‘”’").rstrip()
        return bool(before) and before[-1] not in ".!?:"

    def a_works_title(self, qs: int, qe: int) -> bool:
        """Whether the quotation at [qs, qe) is the title of the work a noun before it
        names: 'its new report, "Adblocking Goes Mobile."', 'In a paper published earlier
        this month, "Adblocking and Counter-Blocking: A Slice of the Arms Race,"', or that
        a preposition governs ('on "CBS This Morning,"'). Every word of more than three
        letters is capitalised."""
        before = _WORK_BEFORE_TITLE.search(self.text, max(0, qs - 60), qs)
        # 'an appearance on "Morning Joe," co-host Mika Brzezinski asked Trump how ...':
        # a show's name after a preposition, however like a quotation before its tag.
        # (Only a quotation: a title-case headline's "Calls for Reparation to Sacred Heart
        # of Jesus" is its words, however capitalised.)
        if before is None and self.text[qs : qs + 1] in {"“", '"'}:
            before = _PREPOSITION_BEFORE_TITLE.search(self.text, max(0, qs - 60), qs)
        if before is None:
            return False
        words = re.findall(r"[A-Za-z][\w'’-]*", self.text[qs:qe])
        long = [w for w in words if len(w) > 3]
        return bool(long) and len(words) <= 12 and all(w[0].isupper() for w in long)

    def continued_statement(self, qs: int, qe: int) -> _Found | None:
        """The quoted statement whose sentence the quotation at [qs, qe) follows in the
        same paragraph, with nothing but that sentence's end between: a quotation that
        goes on after its speech tag ("“A,” said X, a scholar at Berkeley. “B.”"). Or
        the one that ends the paragraph before, where the quotation is its paragraph,
        whole: a quotation that goes on in the next paragraph, as news writes one
        ("“A,” said Marc Grynberg, CEO of Umicore.\n\n“B. C.”")."""
        ends = [
            (max(f.content[1], f.cue[1], f.source[1]), f)
            for f in self.found
            if f.source is not None and f.cue is not None
        ]
        before = [(end, f) for end, f in ends if end <= qs]
        if not before:
            return None
        end, f = max(before, key=lambda pair: pair[0])  # only the nearest one can go on
        inner = [
            g
            for g_end, g in before
            if g is not f
            and f.content[0] <= g.content[0]
            and g_end <= f.content[1]
            and _is_direct_quote(self.text, g.content)
        ]
        if inner:
            # '"I did what I believe was right," Schaaf said Friday, according to NBC Bay
            # Area.' The quotation that goes on is the speaker's, whom the report cites.
            f = inner[0]
        if f.kind in {"author", "unattributed"} or not _is_direct_quote(self.text, f.content):
            return None
        if not (self.in_quote(f.content[0] + 1) or self.text[f.content[0]] in "“\"'"):
            return None  # a reported clause, not a quotation
        gap = self.text[end:qs]
        if _NEXT_PARAGRAPH.fullmatch(gap) and self._whole_paragraph(qs, qe):
            return f
        if len(gap) > _CONTINUED_GAP or _QUOTE_OR_BREAK.search(gap):
            return None
        return f if gap.strip() == "" or gap.rstrip()[-1] in ".!?" else None

    def _whole_paragraph(self, qs: int, qe: int) -> bool:
        """Whether the quotation at [qs, qe) is its paragraph, a sentence or more:
        nothing but spaces before it on its line and after it up to the line's end, and
        a sentence's end inside it (a quoted heading, '"All the good stuff"', ends on
        none)."""
        line_start = self.text.rfind("\n", 0, qs) + 1
        line_end = self.text.find("\n", qe)
        line_end = len(self.text) if line_end < 0 else line_end
        inner = self.text[qs:qe].rstrip().rstrip("“”\"'‘’«»").rstrip()
        return (
            not self.text[line_start:qs].strip()
            and not self.text[qe:line_end].strip()
            and inner[-1:] in {".", "?", "!", "…"}
        )

    def speech_verb_near(self, qs: int, qe: int) -> Token | None:
        """The speech verb that tags the quotation at [qs, qe): right after it ("“...,”
        said X"), else right before it ("X said: “...”"). A quotation a colon introduces
        takes the verb before it first: in "... announced on Twitter: “We love China.” On
        Sunday, LeBron James said ..." the next sentence's verb is another's."""
        if self.colon_before(qs):
            return self._speech_verb_before(qs, qe) or self._speech_verb_after(qe)
        return self._speech_verb_after(qe) or self._speech_verb_before(qs, qe)

    def _speech_verb_after(self, qe: int) -> Token | None:
        """The speech verb among the eight words after a quotation, not counting a
        speaker's description between commas ("'...,' Pirhossein Koulivand, head of
        Iran's emergency services, told state television")."""
        after = self.doc.char_span(qe, min(len(self.text), qe + 160), alignment_mode="expand")
        if after is None:
            return None
        limit, described, past = 8, False, False
        # Only a quotation its tag goes on from ("...,' Koulivand, head of ..., told"): after
        # one that ends its sentence, a described speaker says something else ("... is now
        # there.” Mr Salama, the WHO's deputy director, said Mbandaka's location ...").
        tagged = self.text[max(0, qe - 2) : qe].rstrip("'’\"”")[-1:] in {",", "?", "!"}
        for k, token in enumerate(after):
            if token.text in {"“", '"', "\n"} or "\n" in token.text:
                break
            if (
                token.text == ","
                and k > 0
                and not past
                and tagged
                and all(t.pos_ == "PROPN" for t in after[:k])
            ):
                # "Koulivand, head of ...,": the name right after the quotation, then who
                # the speaker is (not "the lawyer, Lisa Page, wrote").
                described = past = True
                continue
            if described:
                if token.text == ",":
                    # The verb comes right after the description, or it tags nothing
                    # ("'We won.' Smith, the coach, went home and later told ...").
                    described, limit = False, 2
                elif token.text in {".", ";", "!", "?"}:
                    break
                continue
            if (token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS) or (
                # "“...,” the document read.": the parser takes "document read" for a
                # noun and its compound as often as not.
                tagged
                and token.lemma_.lower() in _TAGS_ONLY
                and token.pos_ in {"VERB", "NOUN"}
                and self._ends_a_tag(token)
            ):
                if past:
                    self._past_description.add(token.i)
                return token
            limit -= 1
            if limit <= 0:
                break
        return None

    def _ends_a_tag(self, verb: Token) -> bool:
        """Whether "read" ends its sentence, or only its object follows it: "“...,” the
        document read." or "“...,” read a portion of the memo."; not "“20-nothing,”
        largely unknown outside circles who read her rock criticism"."""
        rest = [t for t in self.doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
        if not rest:
            return not any(c.dep_ == "nsubj" and c.lower_ in _RELATIVES for c in verb.children)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        return (
            obj is not None
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            and rest[0].i >= obj.left_edge.i
            and rest[-1].i <= obj.right_edge.i
        )

    def inverted_speaker(self, verb: Token, qe: int) -> tuple[int, int] | None:
        """The speaker of a tag after a quotation that the parser gave no subject:
        "“...,” read a portion of the memo." (the memo, which the parser took for the
        verb's object) and "“...,” the document read." (a noun "document read"). The
        tag follows the quotation's comma, and the speaker ends the sentence."""
        if verb.idx < qe:
            return None  # a tag before the quotation ("X said: “...”") has its subject
        tail = self.doc[verb.i + 1 : verb.sent.end]
        if verb.pos_ == "NOUN":
            # "the document read": the words before the noun are the speaker.
            words = [t for t in verb.lefts if t.idx >= qe and not (t.is_punct or t.is_space)]
            if not words or words[-1].i != verb.i - 1 or words[-1].dep_ != "compound":
                return None
            if not all(t.is_punct or t.is_space for t in tail):
                return None
            return words[0].idx, words[-1].idx + len(words[-1])
        between = self.doc.char_span(qe, verb.idx, alignment_mode="expand")
        if between is None or any(not (t.is_punct or t.is_space) for t in between):
            return None
        if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in verb.children):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None or obj.pos_ not in {"NOUN", "PROPN"}:
            return None
        if not all(
            t.is_punct or t.is_space for t in self.doc[obj.right_edge.i + 1 : verb.sent.end]
        ):
            return None
        if obj.lemma_.lower() in _PARTS:  # "a portion of the memo": the memo
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            whole = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
            obj = whole or obj
        return self.phrase_span(obj)

    def _speech_verb_before(self, qs: int, qe: int) -> Token | None:
        end = qs
        intro = self.text_end_before(qs)
        if (
            intro < qs
            and "\n" in self.text[intro:qs]
            and self.text[intro - 1 : intro] in {":", ","}
            and not _EDITORS_NOTE.sub(
                "", self.text[qe : self.text.find("\n", qe) % (len(self.text) + 1)]
            ).strip(" .")
        ):
            # "One detainee in his forties told Amnesty International:\n\n“The
            # treatment was very bad ...”": a paragraph that ends on a speech verb and a
            # colon introduces the quotation that is the next paragraph, whole; so does
            # one that ends on a comma ("As Winfield writes,\n“The revelation ...”").
            end = intro
        before = self.doc.char_span(max(0, end - 80), end, alignment_mode="expand")
        if before is not None:
            window = list(before)[-6:]
            ends = {":", ","}
            if any(
                f.cue is not None and f.content[1] <= f.cue[0] and 0 <= qs - f.cue[1] <= 40
                for f in self.found
            ):
                ends.add(".")  # “A,” he said. “B.” continues the same statement
            if window and window[-1].pos_ == "VERB" and window[-1].lemma_.lower() in SPEECH_VERBS:
                # "... but said “not the president himself.”": a quotation right after
                # its verb, where the parser gave the verb no clause to carry it.
                return window[-1]
            if window and window[-1].text in ends:
                for token in reversed(window):
                    if "\n" in token.text:
                        break
                    if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
                        return token
            if end == intro and window and window[-1].text == ":":
                return self._introducing_verb(window[-1])
        return None

    def _introducing_verb(self, colon: Token) -> Token | None:
        """The verb of speech anywhere in a paragraph that ends on a colon before a quoted
        paragraph, the nearest the colon first: "The groups released the following
        statement today in response to yesterday's motions:", "Bolton told an audience
        of the Grand Gathering of Iranians for Free Iran:" (session 66: the last six words
        held no verb of speech). Not a generic "you" ("Now you have to answer the big old
        question of:")."""
        sentence = self.sentence(colon)
        for token in reversed(sentence[: colon.i - sentence.start]):
            if "\n" in token.text:
                return None
            if token.pos_ != "VERB" or self.in_quote(token.idx):
                continue
            lemma = token.lemma_.lower()
            speech = lemma in SPEECH_VERBS | REPORTING_VERBS | _INTRODUCING_VERBS
            released = lemma in RELEASE_VERBS and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _RELEASED_WORDS for c in token.children
            )
            if not (speech or released):
                continue
            if lemma == "read" and any(c.dep_ == "dobj" for c in token.children):
                continue  # "the year I read it": read, not what a text reads
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.lower_ == "you":
                return None
            return token
        return None

    def speaker_lines(self) -> None:
        """Transcripts and headlines: "WALLACE: Let's start ...", "Pence: Flowers won't be
        ...", and a speaker's turn that starts after a sentence inside a line ("... like
        Vietnam. Trump: I absolutely feel ..."). What a speaker says is read as a
        quotation: its "I" is the speaker's, not the author's."""
        lines: list[tuple[str, int, int, list[tuple[re.Match[str], bool]]]] = []
        offset = paragraph = 0
        for line in self.text.split("\n"):
            turns = [SPEAKER_COLON.match(line), *SPEAKER_TURN.finditer(line)]
            # Inside a line, only a name the article gives a person counts (the tagger
            # often reads "Trump:" there as a noun; "Remember:" is no one), and only
            # after the colon of the turn before: "LUCAS ST. CLAIR: ..." is one name.
            kept: list[tuple[re.Match[str], bool]] = []
            for number, match in enumerate(turns):
                if match is None or (number > 0 and not self._known_speaker(match["name"])):
                    continue
                if kept and match.start() <= line.index(":", kept[-1][0].end("name")):
                    continue
                # A line that opens with a name the article gives a person, a colon and
                # a quotation is theirs, however the tagger reads the name: 'Trump: "If
                # You Don't Want To Be Saying The Words ..."' (NOUN, in a title).
                quoted = line[match.end("name") :].lstrip(" :")[:1] in {'"', "“"}
                known = number > 0 or (quoted and self._known_speaker(match["name"].strip()))
                kept.append((match, known))
            if kept:
                lines.append((line, offset, paragraph, kept))
            paragraph += bool(line.strip())
            offset += len(line) + 1
        # How many turns each name takes: names that take turns in a conversation are
        # people's, and a name in capitals alone on its line once is a heading.
        self._turns = Counter(
            _turn_key(name)
            for *_, kept in lines
            for match, _known in kept
            if not line_label(name := match["name"].strip())
        )
        # A name that takes a turn inside a line, where only a person's name counts, is a
        # speaker where it opens a line too: "Trump: When you get the respect ...
        # Barrett: Obviously ... Trump: I absolutely feel that" (the first "Trump" a noun
        # to the tagger, and its "I don't think ..." the author's).
        speakers = {
            _turn_key(match["name"].strip())
            for *_, kept in lines
            for match, known in kept
            if known and match.start() > 0
        }
        for line, offset, paragraph, kept in lines:
            for k, (match, known) in enumerate(kept):
                following = kept[k + 1][0] if k + 1 < len(kept) else None
                known = known or _turn_key(match["name"].strip()) in speakers
                self._speaker_turn(line, offset, match, following, known=known, paragraph=paragraph)

    def embedded_posts(self) -> None:
        """A post embedded in the article, as a paragraph signed at its end ("... End of
        US malign presence in West Asia has begun. pic.twitter.com/eTDRyLN11c — Javad
        Zarif (@JZarif) January 4, 2020"), or as a line signed on the line under it (the
        PTC's way, one sentence a line; not a line of the page's furniture): the signer
        says what the post says before the dash, the handle is the cue, and the post is
        read as a quotation (its "I" is the signer's, not the author's). Runs after the
        rules that find statements inside it ("NatSec Adviser O'Brien confirms ...,
        saying Soleimani was planning attacks", in a reporter's post), and drops those
        they gave the author or no one.
        A signer is a person unless the words say an organisation or an outlet ("whitney
        (@its_whitney)"), and no pronoun after the post stands for one."""
        offset = 0
        above: tuple[int, str] | None = None  # the last line with words, and its offset
        for line in self.text.split("\n"):
            match = _SIGNED_POST.search(line)
            if match is not None and not _TRAILING_LINKS.sub("", line[: match.start("dash")]):
                match = None  # only the post's link before the dash: the post is above
            body_at, body = offset, line
            if match is not None:
                body_end = match.start("dash")
            elif above is not None and (signed := _SIGNATURE_LINE.match(line)) is not None:
                # The post is the line above its signature, unless that is the page's
                # furniture ("You also agree to ... Terms of Use.").
                lead = len(above[1]) - len(above[1].lstrip())
                if not self.furniture.holds(above[0] + lead, above[0] + len(above[1].rstrip())):
                    match, (body_at, body) = signed, above
                    body_end = len(body.rstrip())
            if match is not None:
                links = _TRAILING_LINKS.search(body, 0, body_end)
                if links is not None:
                    body_end = links.start()
                start = body_at + len(body) - len(body.lstrip())
                source = (offset + match.start("name"), offset + match.end("name"))
                cue = (offset + match.start("handle"), offset + match.end("handle"))
                end = body_at + body_end
                item = self.add(source, cue, (start, end)) if end > start else None
                if item is not None:
                    if item.kind not in ("organisation", "media"):
                        item.kind = "person"
                    self._posts.append(item)
                    self.quoted[start:end] = b"\x01" * (end - start)
                    for f in self.found:
                        if start <= f.content[0] < end < f.content[1] and f is not item:
                            # "Police fear #Cologne sex abuse may be imported practice",
                            # inside RT's post: not its link and signature too.
                            f.content = _trim(self.text, f.content[0], end)
                    self.found = [
                        f
                        for f in self.found
                        if f.kind not in {"author", "unattributed"}
                        or not start <= f.content[0] < end
                    ]
            if line.strip():
                above = (offset, line)
            offset += len(line) + 1

    def a_topic(self, label: Span) -> bool:
        """Whether a title's label names what the article is about, not who speaks: its
        last word is a common noun the article writes in lower case ("Madagascar
        Outbreak", beside "the outbreak"), and no word of it is a person's or a body's
        name to the recogniser but a person's (which it gives "Madagascar Outbreak"), nor
        a noun that speaks ("Senate Democrats", "Poll")."""
        last = label[-1]
        if any(t.ent_type_ in {"ORG", "NORP"} for t in label):
            return False  # (the recogniser's PERSON is no evidence: "Madagascar Outbreak")
        lemma = last.lemma_.lower()
        if lemma in LINE_SOURCE_NOUNS | PERSON_NOUNS | ORG_NOUNS | MEDIA_NOUNS | VAGUE_HEADS:
            return False
        body = self.text[label.end_char :]
        word = re.escape(last.lower_)
        # A common noun's use ("the outbreak", "this deadly outbreak"), and never the
        # word as a name inside a sentence ("Trump" is one, whatever "the trump card").
        common = re.search(rf"\b(?i:the|a|an|this|that|its|their)\s+(?:[a-z-]+\s+)?{word}\b", body)
        named = re.search(rf"\b{re.escape(last.text)}\b", body)
        return common is not None and named is None

    def _known_speaker(self, name: str) -> bool:
        """A name in capitals, or one the article names a person by (or their surname)."""
        if name.isupper():
            return True
        return name in self._person_names()

    def _person_names(self) -> set[str]:
        """The names the tagger gives people in the document, and their last words."""
        if self._people is None:  # once per document: a transcript has a turn a line
            people = {e.text for e in self.doc.ents if e.label_ == "PERSON"}
            self._people = people | {person.split()[-1] for person in people}
        return self._people

    def _person_words(self) -> set[str]:
        """Every word of the names the tagger gives people, case-folded."""
        if self._people_words is None:
            names = self._person_names()
            self._people_words = {word.casefold() for name in names for word in name.split()}
        return self._people_words

    def _place_names(self) -> set[str]:
        """What the tagger calls a place anywhere in the document, case-folded."""
        if self._places is None:
            self._places = {e.text.casefold() for e in self.doc.ents if e.label_ in {"GPE", "LOC"}}
        return self._places

    def _in_conversation(self, name: str) -> bool:
        """`name` takes two turns or more in a text where two names or more take turns
        ("LUCAS ST. CLAIR: ..." and "ST. CLAIR: ..." are one speaker's)."""
        return self._turns[_turn_key(name)] >= 2 and len(self._turns) >= 2

    def _not_a_speaker(self, name: str, span: Span | None, said: str, paragraph: int) -> bool:
        """A line label that is no one's name: a dateline ("NEW DELHI: The finance
        minister said ...", "New Delhi: After the assassination ..." opening the body), a
        heading in capitals ("ROAD RAGE MURDER: Guzy could get 50 years to life", alone
        in an article without a transcript) or a caption's ("Curbed Video: Six tips ...")."""
        name = _label_name(name)
        words = name.split()
        if words[-1].lower() in _MEDIA_LABEL_NOUNS:
            return True
        if not _CONTACT.sub("", said).strip(" .,;"):
            return True  # "Wahweap Marina: 888-896-3829, www.lakepowell.com.": where to call
        once = self._turns[_turn_key(name)] <= 1
        a_person = any(w.casefold() in self._person_words() for w in words)
        # A dateline opens the body (after the title, if any), so it is in the first
        # three paragraphs; a headline's place speaks in few words ("Russia: The strike
        # was aggression").
        if once and paragraph <= 2 and not a_person and span is not None:
            place = any(t.ent_type_ in {"GPE", "LOC"} for t in span) or (
                name.casefold() in self._place_names()
            )
            if place and (name.isupper() or len(said.split()) >= 12):
                return True
        return (
            name.isupper() and len(words) >= 2 and once and len(self._turns) == 1 and not a_person
        )

    def _speaker_turn(
        self,
        line: str,
        offset: int,
        match: re.Match[str],
        following: re.Match[str] | None,
        *,
        known: bool = False,
        paragraph: int = 0,
    ) -> None:
        """Add what the speaker `match` names says, up to the next turn on its line."""
        name = match.group("name").strip()
        words = name.split()
        start = offset + match.start("name")
        span = self.doc.char_span(start, start + len(name), alignment_mode="expand")
        is_name = known or (
            span is not None
            and (
                name.isupper()
                or all(t.pos_ == "PROPN" for t in span)
                or span[-1].lemma_.lower() in LINE_SOURCE_NOUNS  # "Poll: ...", "Insiders: ..."
            )
        )
        if not is_name or not 1 <= len(words) <= 4 or line_label(name):
            return
        colon = offset + line.index(":", match.end("name"))
        end = offset + (following.start() if following is not None else len(line))
        if self._not_a_speaker(name, span, self.text[colon + 1 : end], paragraph):
            return
        if paragraph == 0 and len(words) > 1 and span is not None and self.a_topic(span):
            return  # "Madagascar Outbreak: It Is ‘Inevitable’ ...": the title's topic
        if len(words) > 1 and span is not None and span[-1].lemma_.lower() in {"report", "study"}:
            said = self.doc.char_span(colon + 1, end, alignment_mode="expand")
            if said is not None and not any(t.pos_ in {"VERB", "AUX"} for t in said):
                # "FBI IG Report: A Slap On The Wrist": a named report is the title's
                # topic, and a verdict without a verb is the author's ("Report: Iran is
                # building missiles" reports).
                return
        source, cue = (start, start + len(name)), (colon, colon + 1)
        if len(words) > 1 and words[-1].lower() in _LABEL_VERBS:
            # "DERMOT SAYS: I was surprised ...": Dermot speaks; "says" is the cue.
            verb = start + name.rindex(words[-1])
            source = (start, start + len(name[: verb - start].rstrip()))
            cue = (verb, verb + len(words[-1]))
        item = self.add(source, cue, (colon + 1, end))
        if (
            item is not None
            and item.source is not None
            and item.kind in {"person", "organisation"}
            and self._in_conversation(name)
        ):
            # "WB: The early pieces that I wrote ...", "TheChirurgeon: I've got mixed
            # feelings ...": the tagger's organisations, but they take turns talking
            # (and keep a person's kind when the tagger calls them so elsewhere).
            item.kind = "person"
            self._turn_people.add(_normalise_name(self.text[slice(*item.source)]))
        self.quoted[colon + 1 : end] = b"\x01" * (end - colon - 1)

    def author_frames(self) -> None:
        """'What is also certain is that ...', 'It is clear that ...', 'There is no doubt that'."""
        for sent in self.sents:
            tokens = [t for t in sent if not t.is_space]
            if len(tokens) < 4:
                continue
            lowered = [t.lower_ for t in tokens]
            cue_end: Token | None = None
            if lowered[0] == "what" and any(w in CERTAINTY_WORDS for w in lowered[1:6]):
                for k in range(2, min(len(tokens), 8)):
                    if tokens[k].lemma_ == "be" and tokens[k - 1].lower_ in CERTAINTY_WORDS:
                        cue_end = tokens[k]
                        break
            elif lowered[:2] == ["it", "is"] or lowered[:2] == ["it", "’s"]:
                if len(lowered) > 3 and any(w in CERTAINTY_WORDS for w in lowered[2:4]):
                    word = next((j for j in range(2, 5) if lowered[j] in CERTAINTY_WORDS), None)
                    if word is not None:
                        cue_end = tokens[word]
            elif lowered[:4] == ["there", "is", "no", "doubt"]:
                cue_end = tokens[3]
            if cue_end is None or cue_end.i + 1 >= sent.end:
                continue
            if self.in_quote(tokens[0].idx):
                continue
            cue = (tokens[0].idx, cue_end.idx + len(cue_end.text))
            content = (self.doc[cue_end.i + 1].idx, sent.end_char)
            self.add(None, cue, content, kind="author")

    def unattributed(self) -> None:
        """Sentences no rule attributed: author markers make them "author", the rest
        "unattributed" (declarative sentences with a verb, outside quotations). What is
        no sentence of the article asserts nothing: a page's furniture ("Sorry, we just
        need to make sure you're not a robot", `propscope.furniture`), a heading, a
        credit or a call to action (`propscope.components.claims.no_sentence`: "Live
        updates from our Insiders team", "Read more at Shadow and Act"). The title
        (the first line, when an empty line follows it) is asserted whatever its form,
        as the claims layer scores it."""
        covered = [f.content for f in self.found] + [f.cue for f in self.found if f.cue]
        covered += [f.source for f in self.found if f.source]
        for sent in self.sents:
            # Without the furniture that opens it, as the claims layer reads it: "Jacob
            # Hornberger Check Amazon for Pricing.\nthat constituted a grave threat ..." (a
            # shop's box the PTC cut a sentence at) is the sentence from "that".
            span = self.furniture.past(self.text, *_trim(self.text, sent.start_char, sent.end_char))
            if span[1] - span[0] < 15 or "?" in self.text[span[1] : span[1] + 1]:
                continue
            if any(s < span[1] and span[0] < e for s, e in covered):
                continue
            if self.in_quote(span[0] + 1) or self.text[span[0]] in "“\"'":
                continue
            words = [t for t in sent if t.is_alpha]
            if len(words) < 4 or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
                continue
            if _imperative(sent):
                continue  # "Search your favorite topics...": a call to the reader
            if 2 * self.furniture.covered(*span) >= span[1] - span[0]:
                continue
            if span[0] >= self.body_start and no_sentence(self.text, *span, self.line_of(span)):
                continue
            marker = self.author_marker(sent)
            if marker is not None and not self.after_speech_tag(span):
                self.add(None, marker, span, kind="author")
            else:
                self.add(None, None, span, kind="unattributed")

    def drop_pull_quotes(self) -> None:
        """Drop the author's and the unattributed statements that repeat, word for word,
        what a statement before them says: a page's pull quote, the words of a quotation
        set out again and signed with a name and no verb ("Civilians risking their lives
        ... reprisal attacks, Philip Luther, Middle East and North Africa Programme
        Director" under Amnesty's quotation of him; "I don't know if they are among the
        dead Former detainee", whose "I" is the detainee's, not the author's). The words
        before the signature count: six words at least, and three fifths of the
        sentence's. (Each is looked up by its first four words among those of the
        statements, so a long article is no statements-times-sentences search.)"""
        said = [
            (f.content[1], self.text[f.content[0] : f.content[1]])
            for f in self.found
            if f.kind not in {"author", "unattributed"}
        ]
        openings: set[tuple[str, ...]] = set()
        for _, text in said:
            words = [w.strip(_WORD_EDGE_QUOTES) for w in text.split()]
            openings.update(tuple(words[k : k + 4]) for k in range(len(words) - 3))
        kept = []
        for f in self.found:
            if f.kind in {"author", "unattributed"}:
                words = self.text[f.content[0] : f.content[1]].split()
                n = max(6, (len(words) * 3 + 4) // 5)
                if (
                    len(words) >= n
                    and tuple(w.strip(_WORD_EDGE_QUOTES) for w in words[:4]) in openings
                ):
                    part = " ".join(words[:n]).rstrip(".!?,;:”’\"' ")
                    if any(end <= f.content[0] and part in text for end, text in said):
                        continue
            kept.append(f)
        self.found = kept

    def after_speech_tag(self, span: tuple[int, int]) -> bool:
        """Whether the sentence at `span` comes right after a speech tag that ends the
        sentence before, in its paragraph ("... don't reflect the current law, Maas
        says. At times a victim will be taken by complete surprise."): the speaker's
        argument going on, not the author's own prediction."""
        line_start = self.text.rfind("\n", 0, span[0]) + 1
        for f in self.found:
            if f.cue is None or f.source is None or f.kind in {"author", "unattributed"}:
                continue
            if not line_start <= f.cue[0] < span[0] or f.content[1] > f.cue[0]:
                continue  # another paragraph's, or a tag before what was said
            if _TAG_END.fullmatch(self.text, max(f.cue[1], f.source[1]), span[0]):
                return True
        return False

    def author_marker(self, sent: Span) -> tuple[int, int] | None:
        lowered = sent.text.lower()
        for marker in AUTHOR_MARKERS:
            match = re.search(rf"\b{re.escape(marker)}\b", lowered)
            if match:
                return sent.start_char + match.start(), sent.start_char + match.end()
        root = sent.root
        # A dated future is a schedule, not a prediction ("will finish his term by the
        # end of the year").
        dated = any(t.ent_type_ in {"DATE", "TIME"} for t in sent)
        for child in root.children:
            if child.dep_ != "aux" or _inverted(child):
                continue
            if child.lower_ in OPINION_MODALS or (child.lower_ in FUTURE_MODALS and not dated):
                return child.idx, child.idx + len(child.text)
        return None

    @staticmethod
    def cuts_a_statement(content: tuple[int, int], said: Sequence[tuple[int, int]]) -> bool:
        """Whether a content runs into the source of a statement found so far and not its
        cue (`said`: where each found statement's source and cue start): "Patel chose |
        to travel to Jordan, a statement of facts filed with his plea agreement" runs
        into the source of "said" after it (not "The U.S. Treasury sanctioned | him",
        whose "him" is the source of "allegedly attacking")."""
        return any(
            content[0] < source < content[1] and not content[0] <= cue < content[1]
            for source, cue in said
        )

    def learned_candidates(self) -> list[CueCandidate]:
        """Verbs no rule took as a cue, with a subject and something after them that can be
        the content, each with the features the learned cue model scores."""
        covered = bytearray(len(self.text))
        for f in self.found:
            if f.cue is not None:
                covered[f.cue[0] : f.cue[1]] = b"\x01" * (f.cue[1] - f.cue[0])
        said = [
            (f.source[0], f.cue[0])
            for f in self.found
            if f.source is not None and f.cue is not None
        ]
        out = []
        for token in self.doc:
            if token.pos_ not in {"VERB", "AUX"} or self.in_quote(token.idx):
                continue
            if covered[token.idx] or self.topic_shift(token) or self.supposed(token):
                continue
            if self.reports_nothing(token):
                continue
            if _a_name_it_goes_by(token) or _with_done(token) or _headline_passive(token):
                continue
            if token.lower_ == "mention" and token.i >= 2 and self.doc[token.i - 2].lower_ == "not":
                continue  # "..., not to mention other more aggressive measures": an idiom
            if _is_to_say(token):
                continue  # "None of this is to say that ...": the writer's own hedge
            if self.is_question(token) and _asked_of(token):
                continue  # "Does Archbishop Hebda believe it is time ...?"
            subject, passive = self.subject_of(token)
            if subject is None or subject.lower_ in {"there", "it"}:
                continue
            if any(c.dep_ == "csubj" for c in token.children):
                continue  # "carrying ... my Ricoh in Berlin felt good": a clause's verb
            if any(
                (p.lower_ == "of" and any(o.text in {"us", "you"} for o in p.children))
                or (p.text in {"we", "We", "us"} and p.i < subject.i)
                for p in subject.children
            ):
                # "Some of us like to record our thoughts", "we Americans have never
                # shown": the writer's own voice
                continue
            if subject.lower_ in _LEARNED_NO_SUBJECTS or token.lemma_.lower() in LEARNED_STOP:
                continue  # "I need to link", "you risk looking", "he fired off missiles"
            if _a_time(subject):
                continue  # "Tuesday also saw the funeral", "The past 48 hours saw ..."
            if token.lemma_.lower() == "see" and (
                subject.ent_type_ in {"GPE", "LOC"} or subject.lemma_.lower() in _PLACE_NOUNS
            ):
                continue  # "The country saw rising numbers of sexual assaults"
            if (
                token.dep_ == "xcomp"
                and covered[token.head.idx]
                and (
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
                    or token.tag_ == "VBG"  # "has denied | ever knowing about ..."
                )
            ):
                continue  # "declined | to name ...": not "to name | ..." again
            if (
                token.dep_ == "advcl"
                and covered[token.head.idx]
                and token.head.lemma_.lower() in _OBJECT_CONTROL
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
                and any(c.dep_ == "dobj" and c.i < token.i for c in token.head.children)
            ):
                # "Roberts challenged the zoo to explain whether ..." (news, session 66),
                # the infinitive hung as an adverbial: the zoo is to explain, Roberts says
                # nothing by it
                continue
            complement, head, cue_end, content = self.learned_content(token)
            if complement is None or content is None:
                continue
            if token.lemma_.lower() in {"refuse", "decline"} and content[1] <= token.idx:
                continue  # "Obama Secretly Tried to Get Banks to Aid Iran, Banks Refused"
            if content[1] <= token.idx and self.acts_on_something(token):
                # "..., President Trump has presided over a labor market ...", "...,
                # President Trump succumbed to the pressure": a verb outside the rules'
                # lists with an object of its own reports no clause before it.
                continue
            if (
                token.dep_ == "relcl"
                and token.lemma_.lower() in {"say", "tell"}
                and not complement.startswith(("dobj", "ccomp"))
            ):
                continue  # "the things the minister says about Jewish people": said, the things
            if complement in _PLACE_OR_TIME and _a_place_or_time(head):
                continue  # "Ebola outbreak declared | in Democratic Republic of Congo"
            if (
                complement == "prep_to"
                and token.lemma_.lower() == "respond"
                and head is not None
                and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in _PLACES_GONE_TO for c in head.children
                )
            ):
                continue  # "Border Patrol agents responded | to a residence": they went there
            if complement.startswith("xcomp") and token.lemma_.lower() == "have":
                continue  # "he had | to cope with the intrusion of ... bees": a need
            if token.lemma_.lower() == "decline" and (
                complement.startswith("prep")
                or (head is not None and (head.like_num or head.ent_type_ in _AMOUNTS))
            ):
                continue  # "the number ... has declined by 1.9 million": fell, not refused
            if (
                complement == "dobj"
                and token.dep_ == "relcl"
                and token.lemma_.lower() in _TOLD_WHOM
            ):
                # "which AshLee Strong told | TheDCNF | was supposed to be secret": whom, not
                # what (the parser hung the relative clause's own clause elsewhere)
                continue
            if token.lemma_.lower() in {"show", "turn"} and any(
                c.dep_ == "prt" and c.lower_ == "up" for c in token.children
            ):
                continue  # "many of the 26 riders showed up for the 4 p.m. departure"
            if complement == "dobj" and token.lemma_.lower() == "threaten":
                continue  # "They threaten almost all of Seoul": a target, not what was said
            if (
                complement == "dobj"
                and token.lemma_.lower() == "see"
                and not any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)
            ):
                continue  # "Once he saw Campos, ...": seen, not said ("sees Clinton as ...")
            if (
                complement.startswith(("acomp", "attr"))
                and head is not None
                and (
                    head.lemma_.lower() in _STATE_WORDS
                    # "who stands accused of a bribery ... scheme" (the PTC, session 66)
                    or head.lower_ in _STATE_WORDS
                    or (head.lower_ == "guilty" and token.lemma_.lower() == "be")
                )
            ):
                continue  # "Berlin is full of characters", "He was bereft of the bat control"
            if token.lemma_.lower() == "be" and any(
                c.dep_ == "acomp" and c.lemma_.lower() in _STATE_WORDS for c in token.children
            ):
                # "were also responsible for attacks ..., for the killing of U.S. soldiers":
                # the parser hung the second "for" on the verb
                continue
            source = self.source_span(subject, token)
            cue, _ = self.cue_span(token, source)
            if cue_end is not None and cue_end > cue[1]:
                cue = (cue[0], cue_end)
            if content[0] < cue[1] and cue[0] < content[1]:
                continue
            if source is not None and content[0] <= source[0] < content[1]:
                continue
            if self.cuts_a_statement(content, said):
                continue  # "chose | to travel to Jordan, a statement of facts ..." (said)
            if self.a_works_title(*_trim_quote_edges(self.text, *content)):
                continue  # 'says in its new report, "Adblocking Goes Mobile."'
            features = self.cue_features(token, subject, complement, passive, head)
            out.append(CueCandidate(token.idx, source, cue, content, features))
        return out

    def learned_content(
        self, verb: Token
    ) -> tuple[str | None, Token | None, int | None, tuple[int, int] | None]:
        """(kind of complement, its head word, where the cue ends if the complement's head
        joins it, content span) for a learned cue: a clause after the verb as the rules take
        it, else its infinitive ("wants to build a wall"), object, prepositional phrase
        ("voted for the bill") or predicate. A predicate with its own complement joins the
        cue ("was critical of | Speaker Ryan", "were adamant | that he has no plans")."""
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and not self.across_semicolon(c)]
        if any(
            c.dep_ == "dobj"
            and c.i < clause.i
            and not self.is_agent(c)
            and any(x.dep_ in {"nsubj", "nsubjpass", "expl"} for x in clause.children)
            for c in verb.children
            for clause in clauses
        ):
            # "PETCO Park should provide a bit of a cushion should Johnson fall into San
            # Diego's rotation": a clause with a subject of its own after the verb's own
            # object is none of its saying ("he hoped Kim's surprise would be a vase",
            # where the parser made "surprise" the object, is).
            return None, None, None, None
        if clauses:
            # "Supporters are adamant that ...": the predicate before the clause joins
            # the cue, as where the parser hangs the clause on it.
            predicate = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in {"acomp", "attr"}
                    and c.i == verb.i + 1
                    and c.pos_ == "ADJ"
                    and verb.lemma_.lower() in {"be", "become", "remain", "seem"}
                ),
                None,
            )
            end = None if predicate is None else predicate.idx + len(predicate.text)
            return "ccomp", None, end, self.content_span(verb, None)
        after = [c for c in verb.children if c.i > verb.i]
        if verb.lemma_.lower() in {"speak", "talk"}:
            # Whom one speaks to or with is no part of what is said ("spoke to CNN about
            # | the subject").
            after = [c for c in after if not (c.dep_ == "prep" and c.lower_ in {"to", "with"})]
        for dep in ("xcomp", "dobj", "prep", "attr", "acomp", "oprd"):
            parts = [c for c in after if c.dep_ == dep]
            if not parts:
                continue
            head = parts[0]
            kind = dep if dep != "prep" else f"prep_{head.lower_}"
            if dep in {"acomp", "attr"}:
                inner = next(
                    (
                        c
                        for c in head.children
                        if c.i > head.i
                        and (
                            c.dep_ in {"ccomp", "xcomp"}
                            or (
                                c.dep_ == "prep"
                                and any(x.dep_ in {"pobj", "pcomp"} for x in c.children)
                            )
                        )
                    ),
                    None,
                )
                if inner is not None:
                    if inner.dep_ == "prep":
                        objects = [x for x in inner.children if x.dep_ in {"pobj", "pcomp"}]
                        content = _hull(s for s in (_subtree_span(x) for x in objects) if s)
                        return f"{kind}+{inner.lower_}", head, inner.idx + len(inner.text), content
                    return (
                        f"{kind}+{inner.dep_}",
                        head,
                        head.idx + len(head.text),
                        _subtree_span(inner),
                    )
            if dep == "prep" and (clause := _that_clause_under(head)) is not None:
                # "predicted in November 2011 video that then-President Barack Obama would
                # start a war ...": the parser hung the clause on the video; what was
                # predicted is the clause (the complement stays the features' "prep_in").
                return kind, head, None, clause
            parts += self.object_complements(verb, parts)
            return kind, head, None, _hull(s for s in (_subtree_span(p) for p in parts) if s)
        return None, None, None, None

    def cue_features(
        self,
        verb: Token,
        subject: Token,
        complement: str,
        passive: Token | None,
        head: Token | None,
    ) -> list[str]:
        lemma = verb.lemma_.lower()
        head_lemma = "-" if head is None else head.lemma_.lower()
        subject_lemma = subject.lemma_.lower()
        subject_list = next(
            (
                name
                for name, words in (
                    ("person", PERSON_NOUNS - CLERGY_NOUNS),
                    ("org", ORG_NOUNS),
                    ("vague", VAGUE_HEADS),
                    ("media", MEDIA_NOUNS),
                    ("pron", PERSONAL_PRONOUNS),
                )
                if subject_lemma in words
            ),
            "-",
        )
        # As the model was trained: clergy were no person nouns then.
        agent = int(self.is_agent(subject, clergy=False))
        governor = verb.head.lemma_.lower() if verb.dep_ in {"xcomp", "conj", "advcl"} else "-"
        children = {c.dep_ for c in verb.children}
        quoted = self.sentence_has_quote(verb)
        return [
            f"lemma={lemma}",
            f"comp={complement}",
            f"lemma_comp={lemma}|{complement}",
            f"comp_head={head_lemma}",
            f"lemma_comp_head={lemma}|{head_lemma}",
            f"dep={verb.dep_}",
            f"tag={verb.tag_}",
            f"pos={verb.pos_}",
            f"subj_pos={subject.pos_}",
            f"subj_ent={subject.ent_type_}",
            f"subj_list={subject_list}",
            f"subj_agent={agent}",
            f"to_aux={int(any(c.dep_ == 'aux' and c.lower_ == 'to' for c in verb.children))}",
            f"neg={int('neg' in children)}",
            f"question={int(self.is_question(verb))}",
            f"head_lemma={governor}",
            f"passive={int(passive is not None)}",
            f"in_rule_list={int(lemma in _CUE_VERBS_AS_TRAINED)}",
            f"subj_lemma={subject_lemma}",
            f"sent_quote={int(quoted)}",
            f"lemma_agent={lemma}|{agent}",
            f"prt={next((c.lower_ for c in verb.children if c.dep_ == 'prt'), '-')}",
            *sorted(f"child={dep}" for dep in children),
        ]

    def learned_cues(self, model: CueModel) -> None:
        verbs = {t.idx: t for t in self.doc if t.pos_ in {"VERB", "AUX"}}
        taken: set[int] = set()
        for candidate in self.learned_candidates():
            verb = verbs[candidate.verb_start]
            if (
                verb.dep_ == "xcomp"
                and verb.head.idx in taken
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            ):
                continue  # "chose | to ignore their advice": not "to ignore | their advice"
            if model.accepts(candidate.features) and not self.on_a_heading(candidate.cue):
                # "Staff writers ... contributed to this report": a credit line's noun
                # is no cue, as for the tagger.
                self.add(candidate.source, candidate.cue, candidate.content)
                taken.add(candidate.verb_start)

    def tagged_statements(self, spans: Sequence[TaggedSpan], threshold: float) -> None:
        """Add the tagger's statements where no statement found so far has a cue: those
        whose cue the tagger marks with at least `threshold` confidence, with a source in
        the cue's sentence and a content (`attribution_tagger.group_statements`). Each
        content is a statement of its own, as the parts of a split quotation are.

        The tagger reads word pieces and knows no grammar, so what it marks is held to
        the parse (`tagged_span`): spans grow to whole words and lose their edge
        punctuation; a source names someone, a cue holds a verb, noun or adjective and
        is no infinitive's edge, a content holds three words or more and ends on none of
        `_NO_CONTENT_END`, a statement keeps its nearest content and others of six words
        or more, the source is one that speaks (`tagged_source_speaks`), a cue is no
        word of a found source (`inside_a_source`) nor a noun of circumstance
        (`circumstance_noun`), and nothing on a line of page furniture or a heading
        counts."""
        # 1 at every character of a cue found so far.
        cues = bytearray(len(self.text))
        for taken in [f.cue for f in self.found if f.cue is not None] + self.empty_cues:
            cues[taken[0] : taken[1]] = b"\x01" * (taken[1] - taken[0])
        sentences = [(sent.start_char, sent.end_char) for sent in self.sents]
        for statement in group_statements(self.text, spans, sentences):
            if statement.cue.confidence < threshold or statement.source is None:
                continue
            cue = self.tagged_span(statement.cue, "cue")
            source = self.tagged_span(statement.source, "source", cue)
            if cue is None or source is None or not statement.contents:
                continue
            # The content nearest the cue, and others only when they are long: a tagger
            # splits a sentence it is unsure of into short runs ("the game that").
            first, last_char = cue
            nearest = min(
                statement.contents, key=lambda c: max(c.start - last_char, first - c.end, 0)
            )
            # A cue inside a quotation reports only what the quotation holds: "He said"
            # opening Haig's words has no content on the line before them.
            holding = next(((qs, qe) for qs, qe in self.quotes if qs < cue[0] < qe), None)
            contents = [
                c
                for span in statement.contents
                if (c := self.tagged_span(span, "content")) is not None
                and (span is nearest or len(self.text[c[0] : c[1]].split()) >= 6)
                and (holding is None or (holding[0] <= c[0] and c[1] <= holding[1]))
                and self.near_its_cue(c, cue)
                # "a cybersecurity expert | previously told | a cybersecurity expert
                # previously told TheDCNF would ...": never the statement's own words
                and not (c[0] < cue[1] and cue[0] < c[1])
                and not (c[0] < source[1] and source[0] < c[1])
                # "he writes:\ntake our poll - story continues below ...": the page's
                # furniture, nobody's words
                and 2 * self.furniture.covered(*c) < c[1] - c[0]
                # "the Knicks do. We've | recently heard | KD praise ..." (news, session
                # 66): a content before its cue with the source after it is what a
                # "said X" tag closes, in the tag's sentence ("..., 2012, reports the
                # Jewish Virtual Library" stays)
                and not (
                    c[1] <= cue[0]
                    and source[0] >= cue[1]
                    and any(ch.isalnum() for ch in self.text[c[1] : cue[0]])
                    and _SENTENCE_ENDS.search(self.text, c[1], cue[0]) is not None
                )
            ]
            if not contents:
                continue
            last = self.doc.char_span(*cue, alignment_mode="expand")
            if (
                last is not None
                and len(last) > 1
                and last[-1].dep_ == "prep"
                # not a stranded one: "the very error Pius XII warns against"
                and any(c.dep_ == "pobj" for c in last[-1].children)
                and all(c[1] <= cue[0] for c in contents)
            ):
                # "“‘I like taking the guns early ...,’ Trump said at a meeting": the
                # preposition opens where he said it, not what (the PTC, session 66)
                cue = (cue[0], last[-2].idx + len(last[-2].text))
            if any(cues[cue[0] : cue[1]]) or self.inside_a_source(cue):
                continue
            if not self.tagged_source_speaks(source, cue) or self.says_nothing(source, cue):
                continue
            if self.possessor_of_subject(source, cue):
                continue
            root = self.cue_root(cue)
            if root is not None and self.supposed(root):
                continue  # "If another attendee says ...": nobody did
            if root is not None and self.circumstance_noun(root, source):
                continue  # "crews treated 25 people ... amid claims a mattress ...": not theirs
            if root is not None and root.lemma_.lower() in LEARNED_STOP:
                continue  # "Rosatom | was seeking | the approval": as for the learned cues
            if root is not None and any(
                w.dep_ == "acomp" and (w.lower_ in _CHARGED or w.lemma_.lower() in _CHARGED)
                for w in (root, *root.children)
            ):
                continue  # "who | stands accused of | a bribery ... scheme": as for the learned
            if root is not None and self.is_question(root) and _asked_of(root):
                continue  # "Who sanctioned this commitment ...?": as for the learned cues
            if root is not None and self.reports_nothing(root):
                continue  # "he called police", "has added to the urgency"
            if (
                root is not None
                and _a_name_it_goes_by(root)
                and (
                    root.lemma_.lower() == "refer"
                    or _calls_itself(root)
                    or _called_right_after(root, source)
                )
            ):
                # "referred to as 'Vases Today' by ...", "calling itself Islamic State", 'a
                # "gun fabricator" called the Ghost Gunner': a name, no statement. (Not the
                # rules' every "called": "which Apple's chief executive, Tim Cook, called
                # ''total political crap''", where the parser made "called" a participle.)
                continue
            if 2 * self.furniture.covered(*cue) >= cue[1] - cue[0] or self.on_a_heading(cue):
                continue
            kind = self.source_kind(*source)
            for content in contents:
                self.found.append(_Found(source, cue, content, kind))

    def near_its_cue(self, content: tuple[int, int], cue: tuple[int, int]) -> bool:
        """Whether a tagged content stands in its cue's paragraph, or in the paragraphs
        a colon after the cue introduces ("GOA Executive Director Erich Pratt writes:\n
        The anti-gun Left is hopping-mad ..."): "Pope Francis | praise of | Some rescripts
        concern ..." took a line from three lines above its cue (the PTC, session 62,
        which breaks a line after each sentence)."""
        if "\n" not in self.text[min(content[1], cue[1]) : max(content[0], cue[0])]:
            return True
        if content[0] < cue[0]:
            return False
        line_end = self.text.find("\n", cue[1])
        return self.text[cue[1] : line_end].rstrip().endswith(":")

    def inside_a_source(self, cue: tuple[int, int]) -> bool:
        """Whether a tagged cue is a word of the source of a statement found so far:
        that source's head ("reports" of "..., reports said") or a clause or adjective
        that describes it ("asked" of "said the official, who asked not to be named").
        Other words inside a found source are left to the tagger: a misparse takes a
        clause into a source ("Cooper, McCrory's opponent in the election, called Friday
        for releasing the videos, as well, saying ...")."""
        root = self.cue_root(cue)
        if root is None:
            return False
        for f in self.found:
            if f.cue is None or f.source is None:
                continue
            if not (f.source[0] < cue[1] and cue[0] < f.source[1]):
                continue
            span = self.doc.char_span(*f.source, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            if root == head or (root.head == head and root.dep_ in {"relcl", "acl", "amod"}):
                return True
        return False

    def circumstance_noun(self, cue: Token, source: tuple[int, int]) -> bool:
        """Whether a noun cue names a circumstance of another clause's events, whose
        subject is then no source of it: "Emergency crews treated 25 people ... amid
        claims a mattress had been sprayed" ("after reports", "despite warnings"). Such
        a noun's source is named inside its own phrase, if anywhere ("amid claims by
        residents")."""
        if cue.pos_ != "NOUN" or cue.dep_ != "pobj" or cue.head.lower_ not in _CIRCUMSTANCES:
            return False
        first, last = cue.left_edge, cue.right_edge
        return not (first.idx <= source[0] and source[1] <= last.idx + len(last))

    def tagged_source_speaks(self, source: tuple[int, int], cue: tuple[int, int]) -> bool:
        """Whether a tagged source is one whose statement a reader is shown: not the
        author's "I" or "we" or the reader's "you" outside a quotation (the rules mark
        the author's voice; as for the learned cues), not "there", "that" or "this", and
        not the subject of a passive ("Hillary has been accused of ...": whoever
        accuses is the source, unnamed)."""
        words = self.text[source[0] : source[1]].lower()
        if words in _LEARNED_NO_SUBJECTS and not self.in_quote(cue[0]):
            return False
        if words in {"there", "that", "this"}:
            return False
        span = self.doc.char_span(*source, alignment_mode="expand")
        if span is not None and all(t.ent_type_ in {"DATE", "TIME"} for t in span):
            return False  # "Officers ... yesterday afternoon | referred": a time says nothing
        return span is None or not any(t.dep_ in {"nsubjpass", "csubjpass"} for t in span)

    def says_nothing(self, source: tuple[int, int], cue: tuple[int, int]) -> bool:
        """Whether a source and cue make no one's statement: the reader's "you" outside a
        quotation or what someone says ("you | can find | an aisle ..."), an "it" whose
        cue is only "be" ("it | 's | that they managed ..."), or that seems, turns out or
        becomes clear ("it | turned out | that the abuse ...", "it soon became apparent
        that ..."): the article's own voice. ("Be" is a cue of PolNeAR's elsewhere: "His
        view is that ...".) So do "That said," and "(emphasis added)"."""
        words = self.text[source[0] : source[1]].lower()
        if words in {"emphasis", "emphases", "italics"}:
            return True  # "(emphasis added)" after a quotation: the author's typography
        if words == "you" and not self.in_quote(cue[0]):
            # In what someone says, a transcript's turn first of all, "you" is whom
            # they speak to ("You said 'socialism or barbarism'").
            return not any(f.content[0] <= cue[0] < f.content[1] for f in self.found)
        if words not in {"it", "this", "that"}:
            return False
        if words != "it" and _THAT_SAID.match(self.text, source[0]):
            return True  # "That said, the governor is confident ...": the author goes on
        span = self.doc.char_span(*cue, alignment_mode="expand")
        if span is None:
            return False
        return span.root.lemma_ in {"seem", "appear", "turn", "become"} or all(
            t.lemma_ == "be" or t.is_punct for t in span
        )

    def no_content(self, cue: tuple[int, int], content: tuple[int, int]) -> bool:
        """Whether a content is no part of what was said: a reflexive pronoun ("found
        itself", "defended himself"), whom a cue speaks to ("told | me", "asked | them",
        "speaking to | reporters"): PolNeAR puts the listener in the cue ("spoke to CNN
        about | the subject")."""
        words = self.text[content[0] : content[1]].lower()
        if words in _REFLEXIVES:
            return True
        if words in {"that", "this"} and _HAVING.search(self.text[max(0, cue[0] - 12) : cue[0]]):
            return True  # "Having said that, ...": what was said before, said again
        cue_words = self.text[cue[0] : cue[1]].lower().split()
        span = self.doc.char_span(*cue, alignment_mode="expand")
        if span is None or not cue_words:
            return False
        lemma = span.root.lemma_.lower()
        if lemma in ADDRESSEE_CUES and words in _OBJECT_PRONOUNS:
            return True
        return lemma in {"speak", "talk"} and cue_words[-1] == "to"

    def possessor_of_subject(self, source: tuple[int, int], cue: tuple[int, int]) -> bool:
        """Whether a tagged source is only the possessor of a verb cue's subject:
        "Mateen" of "Mateen's ex-wife said ..." (whose, not who). With a noun for cue
        the possessor is the source: "Safran's thoughts about ..."."""
        span = self.doc.char_span(*source, alignment_mode="expand")
        cue_span = self.doc.char_span(*cue, alignment_mode="expand")
        if span is None or cue_span is None or span.end >= len(self.doc):
            return False
        return self.doc[span.end].tag_ == "POS" and any(t.pos_ == "VERB" for t in cue_span)

    def tagged_span(
        self, span: TaggedSpan, role: str, cue: tuple[int, int] | None = None
    ) -> tuple[int, int] | None:
        """A tagged span grown to whole tokens of the parse and stripped of punctuation
        at its edges, or None where its words cannot play its role. A source grows to
        the whole name the tagger cut, never into its `cue`."""
        found = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        tokens = [t for t in found or () if not t.is_space]
        while tokens and tokens[0].is_punct:
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if not tokens:
            return None
        for opening, closing in _PAIRS:
            after = tokens[-1].i + 1
            if (
                after < len(self.doc)
                and self.doc[after].text == closing
                and sum(t.text == opening for t in tokens) > sum(t.text == closing for t in tokens)
            ):
                tokens.append(self.doc[after])  # "Auntie Mame (Russell)" (session 66)
        if role == "source":
            # "Kill" of "Kill Team": a name's first word is no source; the whole name is.
            # Only through proper nouns' words: the parser makes a verb the head of a
            # compound too ("Stiuso talks partnering ...", "the House concern"), and the
            # tagger calls brackets and years proper nouns ("John Pearson (2013) states").
            while (
                tokens[-1].dep_ == "compound"
                and tokens[-1].head.i > tokens[-1].i
                and (cue is None or not tokens[-1].idx < cue[0] <= tokens[-1].head.idx)
                and all(
                    t.pos_ == "PROPN" and t.is_alpha
                    for t in self.doc[tokens[-1].i + 1 : tokens[-1].head.i + 1]
                )
            ):
                tokens += list(self.doc[tokens[-1].i + 1 : tokens[-1].head.i + 1])
            # "initiative" of "A succeeding initiative, Operation Double Helix 2.0": a
            # noun's determiner and the words describing it just before it are its phrase.
            noun = tokens[0]
            while noun.pos_ == "NOUN" and tokens[0].i > 0:
                before = self.doc[tokens[0].i - 1]
                if (
                    before.tag_ == "POS"
                    and before.head.dep_ == "poss"
                    and before.head.head.i == noun.i
                ):
                    owner = before.head  # "Trump's" of "Trump's lawyer"
                    if cue is not None and owner.left_edge.idx < cue[1] <= before.idx:
                        break
                    tokens[:0] = list(self.doc[owner.left_edge.i : before.i + 1])
                    continue
                if not (
                    before.head.i == noun.i
                    and before.dep_ in _NOUN_LEFTS
                    and not before.is_punct
                    and (cue is None or not cue[0] <= before.idx < cue[1])
                ):
                    break
                tokens.insert(0, before)
        elif (
            role == "content"
            and tokens[0].i > 0
            and tokens[0].lower_ in _CLITICS
            and tokens[0].tag_ != "POS"  # "'s ex-wife" is the rest of a source's phrase
        ):
            # "’s trying very hard": the clitic's subject belongs to what is said.
            tokens.insert(0, self.doc[tokens[0].i - 1])
        elif role == "content" and tokens[0].tag_ != "POS":
            # "[Vulnerabilities in a federal cell phone] subsidy program could be exposing
            # taxpayers ...": a content that cuts its clause's subject takes it whole
            # (not "'s ex-wife figured", the rest of a source's phrase and its cue).
            inside = {t.i for t in tokens}
            roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
            subject = next(
                (
                    c
                    for r in roots
                    if r.pos_ in {"VERB", "AUX"}
                    for c in r.children
                    if c.dep_ in {"nsubj", "nsubjpass"}
                    and c.left_edge.i < tokens[0].i <= c.right_edge.i
                ),
                None,
            )
            if subject is not None:
                tokens[:0] = list(self.doc[subject.left_edge.i : tokens[0].i])
        pos = {t.pos_ for t in tokens}
        if role == "source":
            if tokens[0].pos_ in _NO_SOURCE_EDGE or tokens[-1].pos_ in _NO_SOURCE_EDGE | {"DET"}:
                return None
            if not pos & {"NOUN", "PROPN", "PRON"}:
                return None
        elif role == "cue":
            # "to approve", "seemed to": an infinitive's edge is no whole cue.
            if not pos & {"VERB", "NOUN", "ADJ"} or "TO" in {tokens[0].tag_, tokens[-1].tag_}:
                return None
            # "was described", "is accused of": a passive's subject says nothing, and
            # whoever does is not named beside it.
            if any(
                t.dep_ == "auxpass" or any(c.dep_ == "auxpass" for c in t.children) for t in tokens
            ):
                return None
        elif (
            sum(not t.is_punct for t in tokens) < 3
            or tokens[-1].pos_ in _NO_CONTENT_END
            or tokens[0].tag_ == "POS"  # "'s ex-wife": the rest of a source's phrase
        ):
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])

    def on_a_heading(self, span: tuple[int, int]) -> bool:
        """Whether the line holding `span` is a heading, credit or call to action
        (`claims.no_sentence`), the title excepted."""
        if span[0] < self.body_start:
            return False
        sent = self.sents[max(0, bisect.bisect_right(self.sent_start_chars, span[0]) - 1)]
        sentence = _trim(self.text, sent.start_char, sent.end_char)
        return no_sentence(self.text, *sentence, self.line_of(span))

    @cached_property
    def furniture(self) -> Furniture:
        """The page's furniture (`propscope.furniture`), found once per text."""
        return find_furniture(self.text)

    @cached_property
    def body_start(self) -> int:
        """Where the body starts: after the title's line when the text has a title
        (`split_title`), else 0."""
        title, _ = split_title(self.text)
        return self.text.find("\n") + 1 if title else 0

    def line_of(self, span: tuple[int, int]) -> tuple[int, int]:
        """The line (or lines) holding `span`, without the blanks at its ends."""
        line_start = self.text.rfind("\n", 0, span[0]) + 1
        line_end = self.text.find("\n", span[1])
        return stripped(self.text, line_start, len(self.text) if line_end < 0 else line_end)

    def run(
        self,
        *,
        unattributed: bool,
        tagged: tuple[Sequence[TaggedSpan], float] | None = None,
    ) -> list[Attribution]:
        self.speaker_lines()
        self.verb_rules()
        self.according_to()
        self.in_a_poll()
        self.nominal_cues()
        self.quote_rules()
        self.open_quotations()
        self.quotation_after_statement()
        self.embedded_posts()
        self.author_frames()
        if self.cue_model is not None:
            self.learned_cues(self.cue_model)
        if tagged is not None:
            self.tagged_statements(*tagged)
        if self.cue_model is not None or tagged is not None:
            # Again, for the statements the learned cues and the tagger found: "Then-citizen
            # Donald Trump predicted in November 2011 video that ...⏎⏎“Our president ...”".
            self.quotation_after_statement(blank_line=True)
        self.bracketed_cues()
        if unattributed:
            self.unattributed()
        self.drop_pull_quotes()
        self.one_kind_per_name()
        self.resolve_pronouns()
        self.resolve_descriptions()
        return self.results()

    def bracketed_cues(self) -> None:
        """A cue inside brackets speaks of what the brackets hold, not of the sentence
        around them: "(think eye lenses)", "(he too believed in ...)", "(432 Park's
        representatives declined to comment)" and "(some might say pyramid-like)" each
        took the words before the bracket for their content. Such a statement goes (its
        sentence may still be the author's or unattributed), unless the bracket says
        whose the sentence is: "(as many leading Republicans have already admitted)",
        "(according to the police)"."""
        brackets = [m.span() for m in _BRACKETED_ASIDE.finditer(self.text)]
        if not brackets:
            return
        starts = [start for start, _ in brackets]
        posts = {id(f) for f in self._posts}  # their cue is the signer's "(@handle)"
        kept = []
        for f in self.found:
            if f.cue is not None and id(f) not in posts:
                k = bisect.bisect_right(starts, f.cue[0]) - 1
                if k >= 0 and f.cue[1] <= brackets[k][1]:
                    start, end = brackets[k]
                    outside = f.content[0] < start or f.content[1] > end
                    if outside and not _WHOSE_ASIDE.match(self.text, start + 1):
                        continue
                if f.source is not None:
                    # "... from the point of view of what is called first strike stability
                    # (for a detailed discussion see here )": a source inside a bracket
                    # the cue is outside of speaks for nothing outside it (news, session 61).
                    j = bisect.bisect_right(starts, f.source[0]) - 1
                    if (
                        j >= 0
                        and f.source[1] <= brackets[j][1]
                        and not brackets[j][0] <= f.cue[0] < brackets[j][1]
                        and f.cue[0] < brackets[j][0]
                    ):
                        continue
            kept.append(f)
        self.found[:] = kept

    def resolve_pronouns(self) -> None:
        """Whom each pronoun source stands for, where the text says (`pronoun_sources`)."""
        if not any(f.kind == "pronoun" for f in self.found):
            return
        posts = {id(f) for f in self._posts}
        statements = [(None if id(f) in posts else f.source, f.kind, f.content) for f in self.found]
        named_kinds = {
            _normalise_name(self.text[slice(*f.source)]): f.kind
            for f in self.found
            if f.source is not None and f.kind in NAMED_KINDS
        }
        for f, named in zip(
            self.found, resolve_pronoun_sources(self.doc, statements, self.in_quote), strict=True
        ):
            if named is None or f.source is None:
                continue
            if self.furniture.covered(*named):
                continue  # "JUST WATCHED Man who sold Vegas shooter ammo ...": a video's title
            pronoun = self.text[slice(*f.source)].split()[0].casefold()
            # A name the article's statements already kind keeps that kind; "he" and "she"
            # stand for people; anything else as its words say.
            kind = named_kinds.get(_normalise_name(self.text[slice(*named)]))
            if kind is None and (
                pronoun in {"he", "she"}
                # "Christine Blasey Ford, 51, who claims ..." (ORG to the recogniser)
                or _normalise_name(self.text[slice(*named)]) in self.full_persons()
            ):
                kind = "person"
            if kind is None:
                kind = self.source_kind(*named)
            if kind in NAMED_KINDS:
                f.refers_to, f.refers_to_kind = named, kind

    def resolve_initials(self) -> None:
        """Whom a person source written as initials stands for: the one person the
        article names with those initials, given name and surname ("DL:" and "WB:" of
        an interview's turns, after "Vox's Dara Lind talked to Wayne Barrett")."""
        written = []
        for f in self.found:
            if f.source is None or f.cue is None or f.refers_to is not None:
                continue
            # A turn's initials may be tagged an organisation's ("WB", ORG): a speaker's.
            turn = self.text[slice(*f.cue)] == ":"
            if f.kind != "person" and not (turn and f.kind == "organisation"):
                continue
            letters = self.text[slice(*f.source)]
            if 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper():
                written.append((f, letters))
        if not written:
            return  # most articles: no source is initials, and the names need no reading
        people: dict[str, dict[str, tuple[int, int]]] = {}
        for ent in self.doc.ents:
            words = [t for t in ent if not t.is_punct]
            if ent.label_ != "PERSON" or not 2 <= len(words) <= 3:
                continue
            if not all(t.text[:1].isupper() and t.is_alpha for t in words):
                continue
            initials = "".join(t.text[0] for t in words)
            people.setdefault(initials, {}).setdefault(ent.text, (ent.start_char, ent.end_char))
        for f, letters in written:
            named = people.get(letters, {})
            if len(named) == 1:
                f.kind = "person"
                f.refers_to, f.refers_to_kind = next(iter(named.values())), "person"

    def resolve_descriptions(self) -> None:
        """Whom a source that is a description with "the" stands for ("the economist
        added", "The spokesman said", "the former ambassador said"): the one person whom
        an earlier statement's source names and describes with the same words, before the
        name ("Mushroom Kingdom economist Toad", "spokesman John Kirby", "President Obama")
        or after it ("David Mulroney, the Canadian ambassador to China, said"), and whose
        own statement does not hold the description ("Bryant ... said the prime minister
        should ..."). Where the article's sources so describe two people, or none, it
        stays as written."""
        for f in self.found:
            if f.source is None or f.kind not in {"person", "vague"} or f.refers_to is not None:
                continue
            described = _DESCRIPTION.fullmatch(self.text, *f.source)
            if described is None or described.group(1).split()[-1] not in _DESCRIBING_NOUNS:
                continue
            words = described.group(1).split()
            while len(words) > 1 and words[0] in _DESCRIPTION_TIMES:
                words = words[1:]  # "the former ambassador": an ambassador
            names: dict[str, tuple[int, int]] = {}
            for g in self.found:
                if g.source is None or g.kind != "person" or g.source[1] > f.source[0]:
                    continue
                if g.content[0] <= f.source[0] < g.content[1]:
                    continue  # "Bryant ... said the prime minister should ...": another
                name = self.described_name(g.source, words)
                if name is not None:
                    names.setdefault(self.text[slice(*name)].split()[-1].lower(), name)
            if len(names) == 1:
                f.refers_to, f.refers_to_kind = next(iter(names.values())), "person"
        self.resolve_initials()
        # A pronoun that stands for a description now resolved stands for its name: "He
        # further said ..." after "the spokesman said" (MEA spokesman Vikas Swarup).
        resolved = [
            (g.source, g.refers_to)
            for g in self.found
            if g.source is not None and g.refers_to is not None and g.kind != "pronoun"
        ]
        for f in self.found:
            if f.kind != "pronoun" or f.refers_to is None:
                continue
            at = f.refers_to
            for source, named in resolved:
                if source[0] <= at[0] and at[1] <= source[1]:
                    f.refers_to, f.refers_to_kind = named, "person"
                    break
        self.resolve_first_person()

    def resolve_first_person(self) -> None:
        """An "I" inside a quotation is its speaker: "“I think agents do a lot of the
        bidding ...,” she said" and an interview's "WM: I think ..." (news, session 66,
        where three "I" statements of Whitney Medworth's turns stood apart as "I ·
        pronoun"). The innermost statement whose quoted content holds the "I" gives its
        source, or the name that source stands for; an "I" outside quotation marks is
        the author's, or a speaker no quotation names, and stays as written."""
        for f in self.found:
            if f.kind != "pronoun" or f.source is None or f.refers_to is not None:
                continue
            if self.text[slice(*f.source)] != "I" or not self.in_quote(f.source[0]):
                continue
            holding = [
                g
                for g in self.found
                if g is not f
                and g.source is not None
                and g.cue is not None
                and g.content[0] <= f.source[0] < g.content[1]
                and g.content != f.content
                and (self.text[g.content[0]] in '“"' or self.text[slice(*g.cue)] == ":")
            ]
            if not holding:
                continue
            g = min(holding, key=lambda g: g.content[1] - g.content[0])
            if g.kind == "pronoun" and g.refers_to is None:
                continue  # "“I ...,” he said", whoever he is
            if g.refers_to is not None:
                f.refers_to, f.refers_to_kind = g.refers_to, g.refers_to_kind
            elif g.kind in NAMED_KINDS:
                f.refers_to, f.refers_to_kind = g.source, g.kind

    def described_name(self, source: tuple[int, int], words: list[str]) -> tuple[int, int] | None:
        """The name at the head of a source that `words` (a noun and the words before it:
        "prime minister") describe there, as a title before it ("economist Toad",
        "Governor Wanda Vazquez") or in apposition after it ("David Mulroney, the Canadian
        ambassador"): [start, end) of the name's proper nouns. "the prime minister" is no
        "Bryant, a former Foreign Office minister"."""
        span = self.doc.char_span(*source, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        if head.pos_ != "PROPN":
            return None
        for token in span:
            if token.lower_ != words[-1] or token.head != head:
                continue
            before = [
                t.lower_ for t in self.doc[max(span.start, token.i - len(words) + 1) : token.i]
            ]
            if before != words[:-1]:
                continue
            if token.dep_ == "compound" and token.i < head.i:
                first = token.i + 1  # the name after the title
            elif token.dep_ == "appos" and token.i > head.i:
                first = head.i
                while first > span.start and self.doc[first - 1].pos_ == "PROPN":
                    first -= 1
            else:
                continue
            if any(t.pos_ != "PROPN" for t in self.doc[first : head.i + 1]):
                return None
            return self.doc[first].idx, head.idx + len(head.text)
        return None

    def full_persons(self) -> set[str]:
        """`_full_person_names` of the document and the people who take turns, once."""
        if self._full_persons is None:
            self._full_persons = _full_person_names(self.doc)
        return self._full_persons | self._turn_people

    def one_kind_per_name(self) -> None:
        """Give every mention of one source name one kind (`_name_kind`), so that a
        report grouping sources by name and kind counts "Mills" once."""
        groups: dict[str, list[_Found]] = {}
        for f in self.found:
            if f.source is None or f.kind not in _NAME_KINDS:
                continue
            text = self.text[f.source[0] : f.source[1]]
            if _is_name(text):
                groups.setdefault(_normalise_name(text), []).append(f)
        full_persons = self.full_persons()
        tags = _entity_tags(self.doc)
        for name, items in groups.items():
            kind = _name_kind(name, (f.kind for f in items), full_persons=full_persons, tags=tags)
            for f in items:
                f.kind = kind

    def results(self) -> list[Attribution]:
        seen: set[tuple[Any, ...]] = set()
        out = []
        for f in sorted(self.found, key=lambda f: (f.content[0], f.cue or (0, 0))):
            key = (f.cue, f.content)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Attribution(
                    source=self._span(f.source),
                    cue=self._span(f.cue),
                    content=AttributedSpan(
                        f.content[0], f.content[1], self.text[slice(*f.content)]
                    ),
                    source_kind=f.kind,
                    refers_to=self._span(f.refers_to),
                    refers_to_kind=f.refers_to_kind,
                    act=self.is_act(f),
                )
            )
        return out

    def is_act(self, f: _Found) -> bool:
        """Whether a third party's statement is something the source did to what its
        content names, not words it said (`Attribution.act`): a content with no verb and
        nothing quoted ("thanked | Ritter", "voted against | the first Gulf War"), after
        a cue with a verb and none of saying (`REPORTING_VERBS`, `SPEECH_VERBS`: not
        "denied | the report", "lamented | the loss of 70,000 jobs", "estimated | 12,000
        fighters", nor "according to | ..."), nor, for a source that is no person, of
        finding (`FINDING_VERBS`: "the study found | higher rates")."""
        if f.kind not in THIRD_PARTY_KINDS or f.cue is None:
            return False
        start, end = f.content
        if any(self.quoted[start:end]) or _QUOTE_MARKS.intersection(self.text[start:end]):
            return False
        content = self.doc.char_span(start, end, alignment_mode="expand")
        cue = self.doc.char_span(*f.cue, alignment_mode="expand")
        if content is None or cue is None:
            return False
        verbs = [t for t in cue if t.pos_ == "VERB"]
        roots = [t for t in content if t.head is t or not content.start <= t.head.i < content.end]
        if any(t.lemma_.casefold() in _SAYING_ONLY_OF_CLAUSES for t in verbs) and all(
            t.pos_ in ("NOUN", "PROPN", "NUM") for t in roots
        ):
            return True  # "observed | a nebula that became the first entry in the catalog"
        if any(t.pos_ in ("VERB", "AUX") for t in content):
            return False
        reporting = (REPORTING_VERBS | SPEECH_VERBS) - _SAYING_ONLY_OF_CLAUSES
        if f.kind not in ("person", "pronoun"):
            reporting |= FINDING_VERBS
        return bool(verbs) and not any(t.lemma_.casefold() in reporting for t in verbs)

    def _span(self, span: tuple[int, int] | None) -> AttributedSpan | None:
        if span is None:
            return None
        return AttributedSpan(span[0], span[1], self.text[span[0] : span[1]])


# --- public API ---------------------------------------------------------------------------------


def _cue_model(learned: bool | CueModel) -> CueModel | None:
    if isinstance(learned, CueModel):
        return learned
    return shipped_cue_model() if learned else None


# A source's words neither start nor end on these: "of the downed jet", "Gallagher had";
# nor end on a determiner.
_NO_SOURCE_EDGE = frozenset({"ADP", "AUX", "CCONJ", "SCONJ", "PART", "VERB"})


# Nor does a content end on these: "the game that", "Kill Team to", "in the Kill".
_NO_CONTENT_END = frozenset({"ADP", "AUX", "CCONJ", "SCONJ", "PART", "DET"})
# A work's noun right before a quotation, or its participle ("a paper published earlier
# this month, "), which makes the quotation a title (`_Finder.a_works_title`).
_WORK_BEFORE_TITLE = re.compile(
    r"\b(?:report|study|paper|book|survey|analysis|review|essay|article|documentary|film)"
    r"(?:\s+(?:published|released|titled|entitled|called)\b[^,\n]{0,30})?\s*,?\s*[“\"]?$"
)
_PREPOSITION_BEFORE_TITLE = re.compile(r"\b(?:on|in|at|from|of|for|by|with)\s+[“\"]?$")
# A place that "sees" what happens in it says nothing (`_Finder.learned_candidates`).
_PLACE_NOUNS = frozenset("country nation city town region state area province island".split())
# A phrase of place or time is no content of a learned cue: "Ebola outbreak declared |
# in Democratic Republic of Congo" (a headline's passive), "Buterin explains | in
# September of 2015" (`_a_place_or_time`); "ruled in favor of", "commented on the deal"
# and "hinted at his departure" stay.
_PLACE_OR_TIME = frozenset(
    f"prep_{p}" for p in "in at on during after before since until near inside outside".split()
)
_TIME_WORDS = frozenset("now today tonight yesterday tomorrow then".split())
# Where police and crews "respond to": they went there ("responded to a residence").
_PLACES_GONE_TO = frozenset(
    "scene residence home house apartment area location site address store".split()
)


# Nouns whose "that" clause is their own: "the idea that", "the notion that".
_IDEA_NOUNS = frozenset("idea notion fact thought hope theory question point sense".split())


def _that_clause_under(prep: Token) -> tuple[int, int] | None:
    """A "that" clause with a subject of its own that the parser hung on a preposition's
    object as if it described it ("in November 2011 video that then-President Barack
    Obama would start a war"): [start, end) from "that"; a relative clause ("the video
    that showed ...", whose "that" is its subject) is none."""
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        if pobj.lemma_.lower() in NOUN_CUES | _IDEA_NOUNS:
            continue  # "agree with | the statement that ...": the noun's own clause
        for clause in (c for c in pobj.children if c.dep_ == "acl" and c.i > pobj.i):
            mark = next(
                (c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None
            )
            if mark is not None and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
                end = max(t.idx + len(t.text) for t in clause.subtree)
                return mark.idx, end
    return None


def _a_place_or_time(prep: Token | None) -> bool:
    """Whether a preposition's object is a place or a time: a place, date or time to the
    recogniser, a place's noun ("in the country"), "now", or a platform ("posted on
    YouTube")."""
    if prep is None:
        return False
    objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
    return bool(objects) and all(
        o.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME"}
        or o.lemma_.lower() in _PLACE_NOUNS | _TIME_WORDS | _PLATFORMS
        for o in objects
    )


# Verbs whose passive subject is seen or heard doing what the participle after them says:
# "Farrakhan was captured on video ... chanting “Death to America”".
_PERCEIVED_DOING = frozenset(
    "see hear catch capture film record tape photograph overhear spot show".split()
)
# Speech verbs whose object, where no clause or quotation is, names what was done: "had
# added | a total of 38 objects" (to a catalogue), "observed | a nebula".
_SAYING_ONLY_OF_CLAUSES = frozenset({"add", "observe"})
# A verb's dependents that hold what it reports after it ("said to keep on lying").
_REPORTED_AFTER = frozenset({"xcomp", "dobj", "ccomp", "advcl", "dative", "oprd", "attr"})
# Prepositions that make a noun a circumstance of events ("amid claims", "after reports").
_CIRCUMSTANCES = frozenset("amid amidst after despite following over among against".split())
# A verb's clitic: a content that opens with one lacks the clitic's subject ("’s trying").
_CLITICS = frozenset(
    c.replace("'", q) for c in ("'s", "'re", "'m", "'ve", "'ll", "'d") for q in ("'", "’")
)


def _tagger(tagger: bool | AttributionTaggerRuntime) -> AttributionTaggerRuntime | None:
    if isinstance(tagger, AttributionTaggerRuntime):
        return tagger
    return shipped_tagger() if tagger else None


def attributions_from_doc(
    doc: Doc,
    *,
    unattributed: bool = True,
    learned: bool | CueModel = True,
    tagged: tuple[Sequence[TaggedSpan], float] | None = None,
) -> list[Attribution]:
    """Attributions in an already parsed spaCy `Doc`; offsets index `doc.text`.

    `learned=True` adds the verbs the shipped cue model accepts to those of the rules'
    word lists (`propscope.models.attribution_cues`); `False` runs the rules alone; a
    `CueModel` uses that model. `tagged`, the spans an attribution tagger marks in the
    text and a cue confidence, adds the tagger's statements where the rules found no
    cue (`_Finder.tagged_statements`); None reads the rules alone.
    """
    return _Finder(doc, _cue_model(learned)).run(unattributed=unattributed, tagged=tagged)


def cue_candidates(doc: Doc) -> list[CueCandidate]:
    """The verbs the rules leave out that the learned cue model would score, with their
    features (what `propscope.training.attribution_cues` trains on)."""
    finder = _Finder(doc)
    finder.run(unattributed=False)
    return finder.learned_candidates()


def find_attributions(
    text: str,
    *,
    nlp: Language | None = None,
    unattributed: bool = True,
    learned: bool | CueModel = True,
    tagger: bool | AttributionTaggerRuntime = False,
) -> list[Attribution]:
    """Attributed statements in `text`, each with source, cue, content and source kind.

    With `unattributed=False`, sentences nobody is said to assert are not listed; with
    `learned=False`, only the rules' word lists find cues. `tagger=True` adds the shipped
    attribution tagger's statements where the rules find no cue, as the Analyzer's
    attributions layer does (a runtime of another tagger may be given instead).
    Needs spaCy and its English model (`load_spacy`).
    """
    pipeline = nlp if nlp is not None else load_spacy()
    # Through the shared parse, never `pipeline(text)`: a parse on this thread while an
    # Analyzer's batch runs on another would have its strings freed with that batch's.
    doc = parse_texts(pipeline, [text])[0]
    found = _tagger(tagger)
    tagged = None if found is None else (found.spans(text), found.threshold)
    return attributions_from_doc(doc, unattributed=unattributed, learned=learned, tagged=tagged)


def not_english_note(share: float) -> str:
    return _not_english(
        "Attributions were not computed",
        share,
        "the attribution rules and the English parser would misread who says what",
    )


class AttributionFinder(ParsingLayer):
    """The attributions layer: who says what, in every document.

    `predict` parses the documents and returns each one's attributions, with no side
    effects; `set_annotations` writes them onto the analyses, with their counts in the
    summary, and gives each figure already found (the figures layer runs first in the
    default pipeline) the index of the statement that holds it. Tests can feed
    hand-made attributions to `set_annotations`.

    A text longer than the spaCy pipeline's `max_length` (1,000,000 characters by
    default) is not parsed: its layer stays absent and a note says why, so that one
    huge document does not sink a batch.
    """

    name = "attributions"
    layer_words = "Attributions were"
    not_english = staticmethod(not_english_note)

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        unattributed: bool = True,
        batch_size: int = 8,
        learned: bool | CueModel = True,
        tagger: bool | AttributionTaggerRuntime = True,
        min_english_share: float = MIN_ENGLISH_SHARE,
    ) -> None:
        super().__init__(nlp=nlp, batch_size=batch_size, min_english_share=min_english_share)
        self.unattributed = unattributed
        # Loaded now, so that a broken model file fails when the Analyzer is built.
        self.cue_model = _cue_model(learned)
        self.tagger = _tagger(tagger)

    def model_info(self) -> dict[str, Any]:
        return {
            "name": "attribution-rules",
            "version": RULES_VERSION,
            "spacy_model": pipeline_name(self.nlp),
            "unattributed": self.unattributed,
            "learned_cues": None if self.cue_model is None else self.cue_model.version,
            "tagger": None if self.tagger is None else self.tagger.version,
        }

    def predict(self, docs: Sequence[Document]) -> list[list[Attribution] | str]:
        """Each document's attributions, or a note saying why it has none (a text too
        long to parse, or one that does not look like English)."""
        notes = self._notes(docs)
        texts = self._to_parse(docs, notes)
        parsed = iter(self._predict_texts(texts))
        return [next(parsed) if note is None else note for note in notes]

    def _predict_texts(self, texts: Sequence[str]) -> Iterator[list[Attribution]]:
        # The tagger reads the texts first, while the parse thread may still be parsing
        # them (`prepare`); the "actors" component reads the same parses after this one.
        tagged: list[tuple[list[TaggedSpan], float] | None] = [
            None if self.tagger is None else (self.tagger.spans(text), self.tagger.threshold)
            for text in texts
        ]
        parses = parse_texts(self.nlp, texts, batch_size=self.batch_size)
        for parsed, spans in zip(parses, tagged, strict=True):
            yield _Finder(parsed, self.cue_model).run(unattributed=self.unattributed, tagged=spans)

    def set_annotations(
        self,
        docs: Sequence[Document],
        analyses: Sequence[Analysis],
        predictions: Sequence[Sequence[Attribution] | str],
    ) -> None:
        for analysis, found in zip(analyses, predictions, strict=True):
            if isinstance(found, str):
                analysis.notes.append(found)
                continue
            analysis.attributions = list(found)
            analysis.summary.update(summarize_attributions(found, unattributed=self.unattributed))
            if analysis.figures is not None:
                analysis.figures = link_figures_to_attributions(analysis.figures, found)
            # Claims scored before this layer ran ("claims" listed first) get their links
            # now, as figures do: whichever order the layers run in.
            if analysis.claims is not None:
                analysis.claims = link_claims_to_attributions(analysis.claims, found)
                analysis.summary.update(summarize_claims(analysis.claims))

    def __call__(self, docs: Sequence[Document], analyses: Sequence[Analysis]) -> None:
        self.set_annotations(docs, analyses, self.predict(docs))


@register_component(
    "attributions",
    defaults={
        "spacy_model": None,
        "unattributed": True,
        "batch_size": 8,
        "learned_cues": True,
        "tagger": True,
        "min_english_share": MIN_ENGLISH_SHARE,
    },
    description="Who says what: source, cue and content of each statement (rules over "
    "spaCy, learned verb cues, and a MiniLM tagger's statements where the rules find none).",
)
def make_attribution_finder(
    *,
    spacy_model: str | None,
    unattributed: bool,
    batch_size: int,
    learned_cues: bool,
    tagger: bool,
    min_english_share: float,
) -> AttributionFinder:
    """Build the component, loading spaCy now: a missing spaCy or English model fails
    here, when the Analyzer is built, with the install command, rather than midway
    through a batch."""
    nlp = load_spacy_for("attributions", "attributions", spacy_model)
    return AttributionFinder(
        nlp=nlp,
        unattributed=unattributed,
        batch_size=batch_size,
        learned=learned_cues,
        tagger=tagger,
        min_english_share=min_english_share,
    )
