"""First names that tell a person's gender, for the rules that must not give a woman's
title to a man's name ("Ms. Wurtzel" is Elizabeth Wurtzel, not her father Donald).

The lists hold common given names of the English-speaking press that are borne by one
gender nearly always; names given to both ("Alex", "Jordan", "Kim", "Jean", "Kelly"),
or to a man in one country and a woman in another ("Andrea", "Nicola"), are left out,
so a name not listed says nothing. Lower case.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "FEMALE_TITLES",
    "MALE_TITLES",
    "full_given_name",
    "name_gender",
    "same_given_name",
    "title_gender",
    "unaccented",
]

# Short forms of given names the press writes for the same person in one article
# ("Don McGahn" and "Donald McGahn"): the short form, then the names it shortens.
_SHORT_FORMS = {
    short: frozenset(full.split(","))
    for short, full in (
        pair.split(":")
        for pair in """
        al:albert,alan,alfred alex:alexander,alexandra andy:andrew ben:benjamin
        bernie:bernard bill:william billy:william bob:robert bobby:robert
        chris:christopher,christine,christina chuck:charles charlie:charles dan:daniel
        danny:daniel dave:david debbie:deborah dick:richard don:donald doug:douglas
        ed:edward eddie:edward fred:frederick greg:gregory jeff:jeffrey jen:jennifer
        jenny:jennifer jim:james jimmy:james joe:joseph jon:jonathan kate:katherine,catherine
        kathy:katherine,kathleen ken:kenneth larry:lawrence liz:elizabeth matt:matthew
        meg:margaret mike:michael mitch:mitchell nick:nicholas pat:patrick,patricia
        pete:peter phil:philip,phillip rick:richard rob:robert ron:ronald sam:samuel
        steve:stephen,steven sue:susan ted:edward,theodore tim:timothy tom:thomas
        tony:anthony vicky:victoria will:william
        """.split()
    )
}

MALE_FIRST_NAMES = frozenset(
    """
    aaron abdul abraham adam adrian ahmed alan albert alexander alfred allen andre
    andrew andy angus anthony antonio arnold arthur barack barry ben benjamin bernard
    bernie bill billy bob bobby boris brad bradley brandon brendan brett brian bruce
    bryan calvin carl carlos charles chuck clarence claude clifford colin conor craig
    curtis dan daniel danny darren dave david dean dennis derek dick dmitry dominic don
    donald doug douglas duncan dylan earl eddie edgar edward elijah emmanuel eric ernest
    eugene evan felix fernando francis francisco frank franklin fred frederick gabriel
    gareth gary gavin geoffrey george gerald gordon graham greg gregory harold harry
    harvey hassan hector henry herbert howard hugh hugo ian igor isaac ivan jack jacob
    jake james jason jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john
    johnny jon jonathan jose joseph josh joshua juan julian justin karl keith kenneth
    kevin kyle larry lawrence leonard leroy lewis liam lloyd louis luis luke malcolm
    marco marcus mario mark martin matt matthew maurice max michael mike miles mitch
    mitchell mohammed muhammad nathan neil nicholas nick nigel noah norman oliver omar
    oscar patrick paul pedro peter philip phillip ralph randy raymond richard rick ricky
    rob robert roberto rodney roger ron ronald roy russell ryan samuel scott sean sergei
    sergey seth shawn simon stanley stephen steve steven stuart ted theodore thomas tim
    timothy todd tom tommy tony travis trevor troy tyler victor vincent vladimir walter
    wayne william willie xavier yusuf zachary
    """.split()
)
FEMALE_FIRST_NAMES = frozenset(
    """
    abigail ada adele agnes alice alicia alison amanda amber amelia amy ana angela
    angelina anita ann anna anne annie april barbara beatrice becky belinda betsy betty
    beverly bonnie brenda bridget brittany caitlin camilla carla carmen carol caroline
    carolyn catherine cathy charlotte chelsea cheryl christina christine cindy claire
    clara claudia colleen connie cynthia daisy danielle deborah debra denise diana diane
    donna doris dorothy edith eileen elaine eleanor elena elisabeth elise eliza
    elizabeth ella ellen emily emma erica erin esther eva evelyn fiona florence frances
    gabriela gabrielle gail georgia gillian gina gloria grace gwen hannah harriet
    heather heidi helen helena hillary holly ilhan irene iris isabel isabella jacqueline
    jane janet janice jennifer jenny jessica jill joan joanna joanne josephine joy joyce
    judith judy julia julie justine karen kate katherine kathleen kathryn kathy katie
    kayla kimberly kirsten kristen laura lauren leah linda lisa lois lorraine louise
    lucy lydia madeleine margaret maria marian marie marilyn marina martha mary maureen
    megan melania melanie melissa michelle miriam molly monica nadia nancy natalie
    natasha nicole nina nora olga olivia pamela patricia paula pauline peggy penelope
    phyllis priscilla rachel rebecca rita roberta rosa rose rosemary ruth samantha
    sandra sara sarah sharon sheila shirley sophia sophie stephanie susan suzanne
    svetlana sylvia tamara tanya teresa theresa tiffany tina ursula valerie vanessa vera
    veronica victoria virginia wanda wendy yvonne zoe
    """.split()
)
MALE_TITLES = frozenset({"mr", "mister", "sir", "lord"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady"})


def name_gender(first: str) -> str | None:
    """ "m" or "f" where the first name is listed as one gender's, else None."""
    word = first.lower()
    if word in MALE_FIRST_NAMES:
        return "m"
    if word in FEMALE_FIRST_NAMES:
        return "f"
    return None


def title_gender(title: str) -> str | None:
    """ "m" for "Mr." or "Sir", "f" for "Ms.", "Mrs.", "Miss" or "Dame", else None."""
    word = title.lower().rstrip(".")
    if word in MALE_TITLES:
        return "m"
    if word in FEMALE_TITLES:
        return "f"
    return None


def same_given_name(a: str, b: str) -> bool:
    """Whether two given names (lower case) name one person: the same, or one the short
    form of the other ("don" and "donald", "bill" and "william")."""
    return a == b or b in _SHORT_FORMS.get(a, ()) or a in _SHORT_FORMS.get(b, ())


def full_given_name(word: str) -> str:
    """The given name a short form (lower case) stands for where it stands for one only
    ("jim" -> "james", "bill" -> "william"); any other word as it is ("chris", which may
    be Christopher or Christine)."""
    full = _SHORT_FORMS.get(word, frozenset())
    return next(iter(full)) if len(full) == 1 else word


def unaccented(text: str) -> str:
    """ "Stéphane" as "Stephane", which the press also writes for the same person."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
