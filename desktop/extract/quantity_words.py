"""Word lists of the quantity scanner (:mod:`desktop.extract.quantities`): currencies, scales, number words,
counted nouns, qualifiers. Kept apart so the scanner itself stays readable."""

from __future__ import annotations

_CURRENCY_SIGNS = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "s$": "SGD", "nz$": "NZD", "r$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "₫": "VND", "₸": "KZT", "₽": "RUB", "rs": "INR", "rs.": "INR",
}  # fmt: skip
_ISO_CODES = "USD EUR GBP JPY CNY RMB VND KZT RUB INR CHF AUD CAD KRW SGD HKD NZD BRL ZAR SEK NOK DKK IDR".split()
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "reais": "BRL", "dong": "VND", "tenge": "KZT", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "rupee": "INR", "rupees": "INR", "won": "KRW", "swiss francs": "CHF", "francs": "CHF",
    "franc": "CHF", "rupiah": "IDR", "euro cent": "EUR", "euro cents": "EUR", "pence": "GBP", "p": "GBP", "cent": "USD", "cents": "USD",
}  # fmt: skip
_SUBUNITS = {"pence", "p", "cent", "cents", "euro cent", "euro cents"}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "dozen": 12.0,
}  # fmt: skip
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "half": 0.5, "half a": 0.5,
    "half an": 0.5, "dozen": 12, "a dozen": 12, "quarter": 0.25, "a quarter": 0.25, "a half": 0.5,
    "three quarters": 0.75,
}  # fmt: skip
PEOPLE_NOUNS = frozenset(
    "tourists visitors arrivals travellers travelers passengers people persons holidaymakers".split()
)
_IRREGULAR_PLURALS = frozenset(
    "people staff personnel children men women police cattle aircraft crew livestock sheep fish".split()
)
_NOT_NOUNS = frozenset(
    """a an the of in on at to for from by with and or but nor than as that which who whom whose this these
    those it its their his her our your my is are was were be been being has have had will would could
    should may might can do does did not no so if then there here up down out over under about into onto
    per each every while after before since until last next this most least only just also
    still yet ago earlier later year month week day time times percent cent point compared against
    including plus thus versus across perhaps always various previous serious famous whereas unless
    news series species means jan feb mar apr may jun jul aug sep sept oct nov dec january february march
    april june july august september october november december am pm gmt bst est et thirds quarters
    halves fifths tenths""".split()
)
_RATE_WORDS = {
    "week": "week", "weekly": "week", "day": "day", "daily": "day", "month": "month", "monthly": "month",
    "year": "year", "annum": "year", "annually": "year", "yearly": "year", "annual": "year", "hour": "hour",
    "hourly": "hour",
}  # fmt: skip
_HYPHEN_UNITS = (
    "day week month year hour minute night mile kilometre kilometer km metre meter storey seat room "
    "bed member page point"
).split()
_QUALIFIERS = {
    "over": "over", "more than": "over", "above": "over", "exceed": "over", "exceeds": "over",
    "exceeded": "over", "exceeding": "over", "in excess of": "over", "upwards of": "over", "at least": "over",
    "greater than": "over", "just over": "over", "well over": "over", "well above": "over", "topping": "over",
    "under": "under", "less than": "under", "below": "under", "fewer than": "under", "up to": "under",
    "just under": "under", "as many as": "under", "as much as": "under", "no more than": "under",
    "not more than": "under", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "approx.": "approx", "approx": "approx",
    "c.": "approx", "an average of": "approx", "between": "between", "from": "from",
}  # fmt: skip
_PLACE_IN_NAME_OK = frozenset(
    """about around some over nearly almost approximately roughly only just more fewer less under up at by in
    of the and with to from for between another exactly precisely than a an just its their his her all
    almost totalling totaling reaching worth""".split()
)
# dollars of other countries, written after the number ("29.4bn Australian dollars") or before it
DOLLAR_COUNTRIES = {
    "us": "USD", "australian": "AUD", "canadian": "CAD", "new zealand": "NZD", "nz": "NZD", "hong kong": "HKD",
    "hk": "HKD", "singapore": "SGD", "singaporean": "SGD",
}  # fmt: skip
# demonym plurals that do not end like "-ans", "-ons", "-ers" ("400,000 Sri Lankans" -> people)
DEMONYMS = frozenset(
    """iraqis israelis pakistanis saudis thais kuwaitis yemenis omanis bangladeshis somalis scots swedes danes
    finns poles turks czechs slovaks filipinos kurds afghans serbs croats greeks britons londoners""".split()
)
DEMONYM_ENDINGS = ("ans", "ites")
