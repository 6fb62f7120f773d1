import pytest

from dateline.model import ActorKind


def actors_of(analyse, text):
    return [(a.text, a.code, a.sector) for a in analyse(text).actors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkish Foreign Minister Mevlut Cavusoglu arrived in Baghdad.",
            ("Turkish Foreign Minister Mevlut Cavusoglu", "TUR", "GOV"),
        ),
        (
            "Syria's foreign minister Faisal Mekdad spoke to reporters.",
            ("Syria's foreign minister", "SYR", "GOV"),
        ),
        (
            "Russia's foreign ministry issued a statement.",
            ("Russia's foreign ministry", "RUS", "GOV"),
        ),
        (
            "Syrian state news agency SANA reported the attack.",
            ("Syrian state news agency SANA", "SYR", "MED"),
        ),
        ("NATO warned Moscow on Monday.", ("NATO", "IGO", "MIL")),
        ("The Arab League met in Cairo.", ("Arab League", "IGO", None)),
        ("Israeli troops entered the town.", ("Israeli troops", "ISR", "MIL")),
        ("Iranian authorities arrested two journalists.", ("Iranian authorities", "IRN", "GOV")),
        ("Ankara and Damascus have been at odds for years.", ("Ankara", "TUR", "GOV")),
        ("The rebels in Darfur rejected the plan.", ("rebels", "SDN", "REB")),
    ],
)
def test_actors_code_noun_phrases(analyse, text, expected):
    assert expected in actors_of(analyse, text)


def test_actors_give_every_party_of_a_list_its_own_actor(analyse):
    found = actors_of(
        analyse, "Foreign ministers for Turkey, Syria, Russia and Iran met on Wednesday."
    )
    assert [a for a in found if a[2] == "GOV"] == [
        ("Turkey", "TUR", "GOV"),
        ("Syria", "SYR", "GOV"),
        ("Russia", "RUS", "GOV"),
        ("Iran", "IRN", "GOV"),
    ]


def test_actors_resolve_a_later_surname_to_the_titled_person(analyse):
    analysis = analyse(
        "Turkish Foreign Minister Mevlut Cavusoglu met his counterpart. Later Cavusoglu said talks went well."
    )
    people = [
        a for a in analysis.actors if a.kind is ActorKind.PERSON and a.name == "Mevlut Cavusoglu"
    ]
    assert [a.text for a in people] == ["Turkish Foreign Minister Mevlut Cavusoglu", "Cavusoglu"]
    assert {(a.code, a.sector, a.office, a.entity) for a in people} == {
        ("TUR", "GOV", "foreign minister", people[0].entity)
    }


def test_actors_prefer_the_article_over_the_dated_dictionary(analyse):
    # the 2014 dictionary has Erdogan as prime minister; the article's title wins
    [erdogan] = [
        a for a in analyse("Turkish President Recep Tayyip Erdogan spoke.").actors if a.name
    ]
    assert (erdogan.code, erdogan.sector, erdogan.office) == ("TUR", "GOV", "president")


def test_actors_treat_a_capital_after_in_as_a_place(analyse):
    found = actors_of(analyse, "The ministers met in Moscow on Wednesday.")
    assert not [a for a in found if a[0] == "Moscow"]


def test_actors_skip_the_dateline_and_the_publisher(analyse):
    analysis = analyse(
        "ANKARA, May 10 (Reuters) - Turkey and Syria held talks, Reuters reported.",
        source="Reuters",
    )
    assert [a.text for a in analysis.actors] == ["Turkey", "Syria"]


def test_actors_code_a_pronoun_possessor(analyse):
    found = actors_of(analyse, "Turkey has sent its own troops into the country's north.")
    assert ("its own troops", "TUR", "MIL") in found
