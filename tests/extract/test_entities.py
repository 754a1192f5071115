from pathlib import Path

import pytest

from desktop.extract.entities import find_mentions
from desktop.extract.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
JUNK = {
    "Speaking", "The", "Looking", "Recent", "Local", "Key", "Both", "During", "Projections", "Flights",
    "Vietnamese", "Kazakh", "Party", "October", "August", "May", "Central Committee", "Culture Days", "GDP",
    "USD", "Next", "Two", "Since", "They", "In", "According", "These", "As", "I",
}


def mentions_of(text, extra_spans=None):
    return find_mentions(text, split_sentences(text), extra_spans=extra_spans)


def _proposals(text, *pieces):
    """Model spans ``(start, end, type)`` for ``(surface, type)`` pieces, each at its first occurrence."""
    return [(text.index(p), text.index(p) + len(p), kind) for p, kind in pieces]


def entities(mentions):
    return {(m.type, m.name) for m in mentions}


def seed(number):
    return sorted(SEEDS.glob("*.txt"))[number].read_text(encoding="utf-8")


def check_invariants(text, mentions):
    sentences = split_sentences(text)
    previous_end = -1
    for m in mentions:
        assert m.text == text[m.start : m.end]
        assert m.start >= previous_end, "sorted and not overlapping"
        previous_end = m.end
        assert m.type in {"person", "organisation", "place"}
        sentence = sentences[m.sentence_index]
        assert sentence.start <= m.start and m.end <= sentence.end


@pytest.fixture(params=["rules", "rules and model"])
def recognise(request):
    """The rules alone, and what the app runs: the rules fed the shipped model's spans."""
    if request.param == "rules":
        return mentions_of
    from desktop.extract.ner import shared_tagger

    return lambda text: mentions_of(text, extra_spans=shared_tagger().spans(text, split_sentences(text)))


def test_first_seed_entity_list_is_what_a_reader_would_write(recognise):
    text = seed(0)
    found = recognise(text)
    check_invariants(text, found)
    assert entities(found) == {
        ("person", "Tô Lâm"),
        ("person", "Kassym-Jomart Tokayev"),
        ("person", "Pham Thai Nhu Mai"),
        ("organisation", "Vietnam News Agency"),
        ("organisation", "Sovico Group"),
        ("organisation", "Qazaq Air"),
        ("organisation", "Vietjet Air"),
        ("place", "Kazakhstan"),
        ("place", "Vietnam"),
        ("place", "Central Asia"),
        ("place", "Asia"),
        ("place", "Europe"),
        ("place", "Almaty"),
        ("place", "Astana"),
        ("place", "Aktau"),
        ("place", "Cam Ranh"),
        ("place", "Nha Trang"),
        ("place", "Phu Quoc"),
        ("place", "Da Nang"),
        ("place", "Ho Chi Minh City"),
        ("place", "Bac Ninh"),
        ("place", "East Kazakhstan"),
    }
    assert not {m.text for m in found} & JUNK


def test_second_seed_entity_list_is_what_a_reader_would_write(recognise):
    text = seed(1)
    found = recognise(text)
    check_invariants(text, found)
    assert entities(found) == {
        ("person", "Tô Lâm"),
        ("person", "Kassym-Jomart Tokayev"),
        ("person", "Hồ Chí Minh"),
        ("organisation", "Communist Party of Vietnam"),
        ("organisation", "Akorda"),
        ("place", "Kazakhstan"),
        ("place", "Vietnam"),
        ("place", "Central Asia"),
        ("place", "Asia"),
        ("place", "Astana"),
    }
    assert not {m.text for m in found} & JUNK


def spans(text, mentions):
    return [(m.text, m.type, m.name, m.title) for m in mentions]


def test_titles_stay_out_of_spans_and_names():
    text = seed(0)
    found = spans(text, mentions_of(text))
    assert ("To Lam", "person", "Tô Lâm", "General Secretary") in found
    assert ("Kassym-Jomart Tokayev", "person", "Kassym-Jomart Tokayev", "President") in found
    assert ("Pham Thai Nhu Mai", "person", "Pham Thai Nhu Mai", "Ambassador") in found
    assert ("Mai", "person", "Pham Thai Nhu Mai", "Ambassador") in found
    assert ("Tokayev", "person", "Kassym-Jomart Tokayev", "President") in found
    assert ("Bac Ninh Province", "place", "Bac Ninh", None) in found
    assert all(not m[0].startswith(("General", "President", "Ambassador", "Vietnamese")) for m in found)


def test_second_seed_spans():
    text = seed(1)
    found = spans(text, mentions_of(text))
    assert ("ASTANA", "place", "Astana", None) in found
    assert ("Tô Lâm", "person", "Tô Lâm", "General Secretary") in found
    assert ("Lâm", "person", "Tô Lâm", None) in found
    assert ("Hồ Chí Minh", "person", "Hồ Chí Minh", "President") in found
    assert ("Communist Party of Vietnam", "organisation", "Communist Party of Vietnam", None) in found
    assert ("Tokayev", "person", "Kassym-Jomart Tokayev", None) in found  # sentence-initial, resolved


def test_exact_offsets():
    text = "At the invitation of President Kassym-Jomart Tokayev, the Party chief will visit."
    (m,) = mentions_of(text)
    assert (m.start, m.end) == (text.index("Kassym"), text.index(","))
    assert m.sentence_index == 0


def test_ho_chi_minh_the_person_is_not_the_city():
    text = (
        "In 1959 our President Ho Chi Minh visited Almaty. Today Ho Chi Minh City has sister-city ties with "
        "Astana. Ho Chi Minh is remembered there."
    )
    found = spans(text, mentions_of(text))
    assert ("Ho Chi Minh", "person", "Hồ Chí Minh", "President") in found
    assert ("Ho Chi Minh City", "place", "Ho Chi Minh City", None) in found
    assert ("Ho Chi Minh", "person", "Hồ Chí Minh", None) in found


def test_kazakhstan_is_not_east_kazakhstan():
    text = "Bac Ninh signed an agreement with East Kazakhstan, the easternmost region of Kazakhstan."
    found = spans(text, mentions_of(text))
    assert ("East Kazakhstan", "place", "East Kazakhstan", None) in found
    assert ("Kazakhstan", "place", "Kazakhstan", None) in found


def test_aliases_merge_within_a_text_without_lists():
    # nobody here is in the shipped lists: the rules and the text's own evidence do the work
    text = (
        "Deputy Prime Minister Serik Zhumangarin met Ambassador Nguyen Van Hung in Astana. "
        "Zhumangarin said the talks went well. Hung agreed. Later Mr Zhumangarin left."
    )
    found = mentions_of(text)
    check_invariants(text, found)
    by_text = {m.text: m for m in found}
    assert by_text["Serik Zhumangarin"].title == "Deputy Prime Minister"
    assert by_text["Nguyen Van Hung"].title == "Ambassador"
    assert {m.name for m in found if m.type == "person"} == {"Serik Zhumangarin", "Nguyen Van Hung"}
    assert [m.name for m in found if m.text == "Zhumangarin"] == ["Serik Zhumangarin"] * 2
    assert by_text["Hung"].name == "Nguyen Van Hung"


def test_vietnamese_name_with_diacritics_is_preferred():
    text = "General Secretary To Lam arrived. Tô Lâm said ties were strong, and Lâm thanked his hosts."
    found = mentions_of(text)
    assert {m.name for m in found} == {"Tô Lâm"}
    assert [m.text for m in found] == ["To Lam", "Tô Lâm", "Lâm"]


def test_organisation_patterns():
    text = (
        "The deal between Zhetysu Trading Group and Saryarka Air was approved by the Ministry of Trade and "
        "Integration. Analysts at Halyk Bank welcomed it."
    )
    found = entities(mentions_of(text))
    assert ("organisation", "Zhetysu Trading Group") in found
    assert ("organisation", "Saryarka Air") in found
    assert ("organisation", "Ministry of Trade and Integration") in found
    assert ("organisation", "Halyk Bank") in found


def test_bbc_style_unknown_names():
    text = (
        "Time Warner said on Friday that it now owns 8% of search-engine Google. But its own internet "
        "business, AOL, had mixed fortunes. Time Warner shares rose. Google and AOL declined to comment. "
        "German Chancellor Gerhard Schroeder said. Mr Schroeder added that Yukos and Yukos's owners were "
        "in talks."
    )
    found = entities(mentions_of(text))
    assert ("organisation", "Time Warner") in found
    assert ("organisation", "Google") in found
    assert ("organisation", "AOL") in found
    assert ("organisation", "Yukos") in found
    assert ("person", "Gerhard Schroeder") in found
    assert not any(name in {"But", "German", "Friday", "Mr"} for _, name in found)


def test_sentence_initial_words_and_months_are_not_entities():
    text = (
        "Speaking on Monday, officials said so. Looking ahead, growth is expected. Projections vary. "
        "Flights resume in October. Both sides agreed. The Vietnamese and Kazakh delegations met in May."
    )
    assert mentions_of(text) == []


def test_model_spans_fill_gaps_but_do_not_override_rules():
    text = "Aigerim Sadvakassova opened a plant in Kyzylzhar. Speaking later, Kazakhstan officials smiled."
    spans_ = [
        (text.index("Kyzylzhar"), text.index("Kyzylzhar") + len("Kyzylzhar"), "place"),
        (text.index("Kazakhstan"), text.index("Kazakhstan") + len("Kazakhstan"), "organisation"),
        (text.index("Speaking"), text.index("Speaking") + len("Speaking"), "person"),
        (0, len("Aigerim Sadvakassova"), "person"),
    ]
    found = mentions_of(text, extra_spans=spans_)
    check_invariants(text, found)
    assert entities(found) == {
        ("place", "Kyzylzhar"),
        ("place", "Kazakhstan"),
        ("person", "Aigerim Sadvakassova"),
    }


def test_model_span_with_a_title_keeps_the_title_out():
    text = "The award went to Ambassador Zhanar Kulmaganbetova yesterday."
    start = text.index("Ambassador")
    end = text.index(" yesterday")
    (m,) = mentions_of(text, extra_spans=[(start, end, "person")])
    assert (m.text, m.type, m.title) == ("Zhanar Kulmaganbetova", "person", "Ambassador")


@pytest.mark.parametrize("text", ["", "   ", "no capitals at all here.", "THE END", "Mr. and Mrs."])
def test_degenerate_texts(text):
    found = mentions_of(text)
    check_invariants(text, found)
    assert found == []


def test_model_type_does_not_override_a_shortening_of_a_person_named_here():
    text = "General Secretary Tô Lâm met the press. The visit matters, noted Lâm."
    sentences = split_sentences(text)
    short = text.rindex("Lâm")
    mentions = find_mentions(text, sentences, extra_spans=[(short, short + 3, "place")])
    assert [(m.text, m.type, m.name) for m in mentions] == [("Tô Lâm", "person", "Tô Lâm"),
                                                             ("Lâm", "person", "Tô Lâm")]


def test_model_type_is_used_when_no_rule_decides():
    text = "Officials in Qyzylorda said the plant would open."
    sentences = split_sentences(text)
    start = text.index("Qyzylorda")
    mentions = find_mentions(text, sentences, extra_spans=[(start, start + 9, "place")])
    assert [(m.text, m.type) for m in mentions] == [("Qyzylorda", "place")]


def test_model_organisation_is_kept_whole_where_the_rules_would_cut_it():
    text = "Judges at the International Court of Justice ruled. Police arrested three al-Shabaab suspects."
    sentences = split_sentences(text)
    court = text.index("International Court of Justice")
    shabaab = text.index("al-Shabaab")
    spans = [(court, court + len("International Court of Justice"), "organisation"),
             (shabaab, shabaab + len("al-Shabaab"), "organisation")]
    mentions = find_mentions(text, sentences, extra_spans=spans)
    assert [(m.text, m.type) for m in mentions] == [("International Court of Justice", "organisation"),
                                                     ("al-Shabaab", "organisation")]
    # without the model, neither is claimed: the rules stay conservative
    assert "al-Shabaab" not in [m.text for m in find_mentions(text, sentences)]


def test_hyphenated_and_arabic_names_come_out_whole():
    text = (
        "President Chen Shui-bian met President Bashar al-Assad and Foreign Minister Ban Ki-moon "
        "in the Hanoi-based office."
    )
    found = mentions_of(text)
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Chen Shui-bian", "person"), ("Bashar al-Assad", "person"), ("Ban Ki-moon", "person"), ("Hanoi", "place"),
    ]


def test_sentence_initial_abbreviation_and_weekdays_after_names():
    text = "U.S. officials met. President Bush Saturday called Javier Solana Monday."
    assert [(m.text, m.type) for m in mentions_of(text)] == [
        ("U.S.", "place"), ("Bush", "person"), ("Javier Solana", "person"),
    ]


def test_model_span_beats_a_rules_guess_it_overlaps():
    # the rules alone would guess "Lawmaker Walid Jumblatt" and drop it for want of evidence
    text = "Lawmaker Walid Jumblatt says Lebanon is calm."
    name = (text.index("Walid"), text.index(" says"), "person")
    assert [(m.text, m.type) for m in mentions_of(text)] == [("Lebanon", "place")]
    assert [(m.text, m.type) for m in mentions_of(text, extra_spans=[name])] == [
        ("Walid Jumblatt", "person"), ("Lebanon", "place"),
    ]


def test_hyphenated_titles_and_listed_names():
    text = "U.N. Secretary-General Kofi Annan condemned al-Qaida and the Taleban."
    assert [(m.text, m.type, m.name, m.title) for m in mentions_of(text)] == [
        ("U.N.", "organisation", "United Nations", None),
        ("Kofi Annan", "person", "Kofi Annan", "Secretary-General"),
        ("al-Qaida", "organisation", "al-Qaeda", None),
        ("Taleban", "organisation", "Taliban", None),
    ]


def test_model_organisation_read_around_listed_names():
    text = (
        "Staff of the U.S. Geological Survey, the New York Knicks and the United Nations Development Program met "
        "U.N. Secretary-General Kofi Annan. Officials at Iran's Foreign Ministry agreed. Shares of Google Inc. rose."
    )
    proposals = ["U.S. Geological Survey", "New York Knicks", "United Nations Development Program",
                 "U.N. Secretary-General", "Iran's Foreign Ministry", "Shares of Google Inc."]
    found = mentions_of(text, extra_spans=_proposals(text, *((p, "organisation") for p in proposals)))
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("U.S. Geological Survey", "organisation"),
        ("New York Knicks", "organisation"),
        ("United Nations Development Program", "organisation"),
        ("U.N.", "organisation"),  # a title is not part of an organisation
        ("Kofi Annan", "person"),
        ("Iran", "place"),  # nor is a possessive: the model's span is not taken whole
        ("Google Inc.", "organisation"),  # nor a common word in front of a listed name
    ]


def test_a_title_case_headline_keeps_only_names_the_text_or_lists_confirm():
    text = "Google Results Revive 'Dot-Com' Fervor  NEW YORK (Reuters) - Shares of Google Inc. rose on Friday."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Google Results Revive", "organisation"), ("Shares of Google Inc.", "organisation")))
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Google", "organisation"), ("NEW YORK", "place"), ("Reuters", "organisation"),
        ("Google Inc.", "organisation"),  # a company's suffix, dot included, is part of its name
    ]
    # in a headline, only words the rest of the text writes capitalised survive
    text = "Ocean Spray to Buy Northland Assets Looking to expand, Northland Cranberries agreed to sell."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Buy Northland Assets Looking", "organisation"), ("Northland Cranberries", "organisation")))
    assert [(m.text, m.type) for m in found] == [("Northland", "organisation"), ("Northland Cranberries", "organisation")]


def test_a_sentence_opening_on_a_long_name_is_not_a_headline():
    text = "Senate Judiciary Committee Chairman Arlen Specter said Tuesday the hearings would start."
    found = mentions_of(text, extra_spans=_proposals(text, ("Senate Judiciary Committee", "organisation")))
    assert [(m.text, m.type) for m in found] == [("Senate Judiciary Committee", "organisation"),
                                                 ("Arlen Specter", "person")]


def test_events_awards_and_treaties_are_not_organisations():
    text = "Japan signed the Kyoto Protocol and won the Asian Cup. The Brit Awards went to Keane."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Kyoto Protocol", "organisation"), ("Asian Cup", "organisation"), ("Brit Awards", "organisation")))
    assert [(m.text, m.type) for m in found] == [("Japan", "place")]
    text = "India named their Champions Trophy squad before the World Series and the Manchester Games."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("India", "place"), ("Champions Trophy", "organisation"), ("World Series", "organisation"),
        ("Manchester Games", "organisation")))
    assert [(m.text, m.type) for m in found] == [("India", "place")]


def test_a_company_named_with_its_company_word_is_that_company_without_it():
    text = ("Cisco Systems and Fujitsu will develop routers. Cisco said the work starts in May. Saks Incorporated "
            "will close stores; Saks said the outlets were weak. Vietnam Airlines flew more people to Vietnam.")
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Cisco Systems", "organisation"), ("Fujitsu", "organisation")) + [
        (text.index("Cisco said"), text.index("Cisco said") + 5, "place"),
        (text.index("Saks said"), text.index("Saks said") + 4, "person")])
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Cisco Systems", "organisation"), ("Fujitsu", "organisation"),
        ("Cisco", "organisation"),  # the model's "place" loses to the company named here in full
        ("Saks Incorporated", "organisation"), ("Saks", "organisation"),
        ("Vietnam Airlines", "organisation"), ("Vietnam", "place"),  # a listed place stays a place
    ]


def test_an_initialism_of_an_organisation_named_here_is_that_organisation():
    text = ("Marks & Spencer cut prices. Stuart Rose, head of M&S, said they were too high. The Securities and "
            "Exchange Commission is looking at the SEC filing.")
    model = _proposals(text, ("Marks & Spencer", "organisation"), ("Stuart Rose", "person"),
                       ("M&S", "place"), ("Securities and Exchange Commission", "organisation"))
    found = mentions_of(text, extra_spans=model)
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Marks & Spencer", "organisation"), ("Stuart Rose", "person"),
        ("M&S", "organisation"),  # the model's "place" loses to the initials of the company named here
        ("Securities and Exchange Commission", "organisation"),
        ("SEC", "organisation"),  # not read by the model at all, but the initials of a name given in full
    ]


def test_names_joined_by_a_hyphen_are_cut_apart():
    text = "Ahead of the International Monetary Fund-World Bank meetings, President Kassym-Jomart Tokayev spoke."
    assert [(m.text, m.type, m.title) for m in mentions_of(text)] == [
        ("International Monetary Fund", "organisation", None), ("World Bank", "organisation", None),
        ("Kassym-Jomart Tokayev", "person", "President"),
    ]
    text = "Fan v Fan: Manchester City-Tottenham Hotspur. Manchester City entertain Spurs."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Manchester City-Tottenham Hotspur", "organisation"), ("Spurs", "organisation")))
    assert [(m.text, m.type) for m in found] == [
        ("Manchester City", "organisation"), ("Tottenham Hotspur", "organisation"),
        ("Manchester City", "organisation"), ("Spurs", "organisation"),
    ]


def test_a_person_the_model_reads_before_of_is_cut_off_the_organisation():
    text = "\"It is not safe,\" said Hannah Ward of the Refugee Council. Staff at the Bank of England agreed."
    # the patterns alone read one organisation ending on "Council"
    assert [(m.text, m.type) for m in mentions_of(text)] == [
        ("Hannah Ward of the Refugee Council", "organisation"), ("Bank of England", "organisation"),
    ]
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Hannah Ward", "person"), ("Refugee Council", "organisation"), ("Bank of England", "organisation")))
    assert [(m.text, m.type) for m in found] == [
        ("Hannah Ward", "person"), ("Refugee Council", "organisation"), ("Bank of England", "organisation"),
    ]


def test_a_name_the_model_passed_over_is_not_kept_on_frequency_alone():
    text = ("Users of BitTorrent share films. The makers of BitTorrent say so. "
            "Analysts at Ovum say BitTorrent traffic grew, and Ovum expects more.")
    ovum = [(i, i + 4, "organisation") for i in (text.index("Ovum say"), text.index("Ovum expects"))]
    # the rules alone keep a capitalised word that recurs mid-sentence
    assert [(m.text, m.type) for m in mentions_of(text)] == [
        ("BitTorrent", "organisation"), ("BitTorrent", "organisation"), ("Ovum", "organisation"),
        ("BitTorrent", "organisation"), ("Ovum", "organisation"),
    ]
    # a model that read the text and passed it over outweighs that (it is software, not a company)
    assert [(m.text, m.type) for m in mentions_of(text, extra_spans=ovum)] == [
        ("Ovum", "organisation"), ("Ovum", "organisation"),
    ]
    assert mentions_of(text, extra_spans=[]) == []


def test_a_party_adjective_before_its_noun_is_not_the_party(recognise):
    text = ("Tory leader Michael Howard met a Liberal Democrat spokesman. The Tories said the Conservative Party "
            "would win, and Labour agreed.")
    assert [(m.text, m.type) for m in recognise(text)] == [
        ("Michael Howard", "person"), ("Tories", "organisation"), ("Conservative Party", "organisation"),
        ("Labour", "organisation"),
    ]


def test_a_company_suffix_after_a_comma_is_part_of_the_name():
    text = "Sun Microsystems, Inc. and Dell Computer signed; Apple Computer, Inc. did not. Dell said so."
    model = _proposals(text, ("Sun Microsystems", "organisation"), ("Inc.", "organisation"),
                       ("Dell", "organisation"), ("Apple Computer", "organisation"))
    assert [(m.text, m.type) for m in mentions_of(text, extra_spans=model)] == [
        ("Sun Microsystems, Inc.", "organisation"), ("Dell Computer", "organisation"),
        ("Apple Computer, Inc.", "organisation"), ("Dell", "organisation"),
    ]


def test_attorney_is_a_title():
    text = "\"It was fraud,\" said US Attorney Roslynn Mauskopf."
    found = mentions_of(text, extra_spans=_proposals(text, ("US Attorney Roslynn Mauskopf", "organisation")))
    assert [(m.text, m.type, m.title) for m in found] == [
        ("US", "place", None), ("Roslynn Mauskopf", "person", "Attorney"),
    ]


def test_a_name_the_model_reads_two_ways_takes_its_most_frequent_type_everywhere():
    text = "Eurotunnel runs trains. Sales at Eurotunnel fell. Eurotunnel said costs rose. Eurotunnel will cut jobs."
    at = [i for i in range(len(text)) if text.startswith("Eurotunnel", i)]
    kinds = ["organisation", "person", "organisation", "place"]
    found = mentions_of(text, extra_spans=[(i, i + len("Eurotunnel"), k) for i, k in zip(at, kinds)])
    check_invariants(text, found)
    assert [(m.start, m.type) for m in found] == [(i, "organisation") for i in at]


def test_a_headline_run_into_its_story_ends_at_the_dateline_or_bracket():
    text = "Hurricanes May Affect Florida Politics TALLAHASSEE, Fla. - Governor Jeb Bush said the storms hit hard."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Florida", "place"), ("TALLAHASSEE", "place"), ("Fla.", "place"), ("Jeb Bush", "person")))
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Florida", "place"), ("TALLAHASSEE", "place"), ("Fla.", "place"), ("Jeb Bush", "person")]
    text = "Constellation Brands Offers Billion for Mondavi (Update1) Constellation Brands Inc. offered cash."
    found = mentions_of(text, extra_spans=[
        (text.index("Constellation Brands Inc."), text.index(" offered"), "organisation")])
    assert [(m.text, m.type) for m in found] == [
        ("Constellation Brands", "organisation"),  # the story names it too: a name, not headline capitals
        ("Constellation Brands Inc.", "organisation")]


def test_a_country_the_model_reads_as_an_organisation_is_a_team_only_in_a_sentence_about_sport():
    text = ("England coach Andy Robinson criticised the referee. Vietnam beat Kazakhstan 2-1 in the final. "
            "Kazakhstan signed a trade deal with Vietnam.")
    proposals = [(text.index(s, a), text.index(s, a) + len(s), "organisation")
                 for s, a in (("England", 0), ("Vietnam", 0), ("Kazakhstan", 60), ("Kazakhstan", 90))]
    found = mentions_of(text, extra_spans=proposals)
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("England", "organisation"), ("Andy Robinson", "person"),
        ("Vietnam", "organisation"), ("Kazakhstan", "organisation"),
        ("Kazakhstan", "place"), ("Vietnam", "place"),  # a trade deal is not sport: the lists are sure
    ]
    # once a team, the team in every sentence about sport, whatever the model read there
    text = ("England coach Andy Robinson was livid. England's defeat at Twickenham hurt. He lost two England tries. "
            "England is cold in March.")
    found = mentions_of(text, extra_spans=[(0, 7, "organisation")])
    assert [(m.text, m.type) for m in found if m.text == "England"] == [  # "tries." ends its sentence: still sport
        ("England", "organisation"), ("England", "organisation"), ("England", "organisation"), ("England", "place")]


def test_a_town_where_a_team_stands_in_a_sports_story_is_the_club():
    text = (
        "Leicester striker Tony Cottee scored twice as Leicester beat Stoke in the league. Southampton manager "
        "Harry Redknapp praised his goalkeeper after the match in Southampton.\n"
        "Premier league results\nBlackburn 0 Ipswich 3\n"
        "FA Cup fixtures\nArsenal v Swindon\n"
    )
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Tony Cottee", "person"), ("Harry Redknapp", "person"), ("Arsenal", "organisation")))
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Leicester", "organisation"), ("Tony Cottee", "person"), ("Leicester", "organisation"),
        ("Stoke", "organisation"),  # a town no list knows and the model passed over, where a team is beaten
        ("Southampton", "organisation"), ("Harry Redknapp", "person"),
        ("Southampton", "place"),  # "the match in Southampton": where it was played
        ("Blackburn", "organisation"), ("Ipswich", "organisation"),  # a result line, first word included
        ("Arsenal", "organisation"), ("Swindon", "organisation"),
    ]


def test_a_town_stays_a_place_outside_a_sports_story():
    # "beat", "visit" and "win over" are not sport here: no team word, no sports story
    text = ("The minister will visit Leicester and Stoke next week. Traffic in Leicester beat the record. "
            "Apple hopes to win over Windows users in Leicester.")
    found = mentions_of(text, extra_spans=_proposals(text, ("Apple", "organisation")))
    assert [(m.text, m.type) for m in found if m.text in ("Leicester", "Stoke")] == [
        ("Leicester", "place"), ("Leicester", "place"), ("Leicester", "place")]


def test_two_companies_the_model_reads_as_one_are_two():
    text = "Cisco Systems and Fujitsu will develop routers. Procter and Gamble sells soap."
    found = mentions_of(text, extra_spans=_proposals(
        text, ("Cisco Systems and Fujitsu", "organisation"), ("Procter and Gamble", "organisation")))
    check_invariants(text, found)
    assert [(m.text, m.type) for m in found] == [
        ("Cisco Systems", "organisation"), ("Fujitsu", "organisation"),
        ("Procter and Gamble", "organisation"),  # no company named on either side: one name
    ]


def test_a_line_in_capitals_is_read_by_lists_and_model_not_by_capitals():
    text = (
        "ISRAELI TROOPS RAIDED THE WEST BANK TOWN OF NABLUS , THE FRENCH NEWS AGENCY SAID .\n"
        "POLICE FIND CAR BOMB IN KABUL\n"
    )
    # without the model only what the lists know: no "... NEWS AGENCY" pattern, no "CAR" (the Central
    # African Republic's acronym) in a line where every word is in capitals
    assert [(m.text, m.type) for m in mentions_of(text)] == [("WEST BANK", "place"), ("KABUL", "place")]
    # the model's names stand beside them
    spans = [(text.index("NABLUS"), text.index("NABLUS") + 6, "place")]
    assert [(m.text, m.type) for m in mentions_of(text, extra_spans=spans)] == [
        ("WEST BANK", "place"), ("NABLUS", "place"), ("KABUL", "place"),
    ]


def test_a_headline_in_capitals_keeps_the_model_names_the_story_does_not_repeat():
    text = "AUSTRALIAN PRIME MINISTER JOHN HOWARD SAYS HE WILL MEET DAVID BARNO IN KANDAHAR ."
    spans = _proposals(text, ("JOHN HOWARD", "person"), ("DAVID BARNO", "person"), ("KANDAHAR", "place"))
    assert [(m.text, m.type) for m in mentions_of(text, extra_spans=spans)] == [
        ("JOHN HOWARD", "person"), ("DAVID BARNO", "person"), ("KANDAHAR", "place"),
    ]


def test_a_name_the_model_read_once_takes_that_reading_at_its_other_mentions():
    text = "Israeli troops raided Nablus.\nTroops raided the West Bank town of Nablus, the French news agency said.\n"
    second = text.rindex("Nablus")
    found = mentions_of(text, extra_spans=[(second, second + 6, "place")])
    assert [(m.text, m.start, m.type) for m in found] == [
        ("Nablus", 22, "place"), ("West Bank", 48, "place"), ("Nablus", second, "place"),
    ]
