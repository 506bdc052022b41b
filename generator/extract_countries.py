"""Country names: a country or state can itself be a speaker ("Iran had warned ...",
"Canada said"), as an institution. A general gazetteer of the world's states, with the
older forms 1980s wire copy uses; nothing here is taken from labelled documents."""

from __future__ import annotations

COUNTRIES = frozenset(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan
    Bolivia Bosnia Botswana Brazil Britain Brunei Bulgaria Burma Burundi Cambodia Cameroon
    Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechoslovakia
    Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland
    France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti
    Holland Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica
    Japan Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon
    Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia
    Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia
    Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger
    Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland
    Portugal Qatar Rhodesia Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore
    Slovakia Slovenia Somalia Spain Sudan Suriname Swaziland Sweden Switzerland Syria
    Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda
    Ukraine Uruguay USSR Uzbekistan Vanuatu Venezuela Vietnam Yemen Yugoslavia Zaire Zambia
    Zimbabwe U.S. U.K. UK USA U.S.A.""".split()
) | frozenset(
    """Antigua and Barbuda|Bosnia and Herzegovina|Burkina Faso|Cape Verde|Central African
    Republic|Costa Rica|Czech Republic|Dominican Republic|East Germany|East Timor|El
    Salvador|Equatorial Guinea|Great Britain|Guinea-Bissau|Ivory Coast|Marshall Islands|New
    Zealand|North Korea|North Macedonia|Papua New Guinea|Saint Lucia|San Marino|Saudi
    Arabia|Sierra Leone|Solomon Islands|South Africa|South Korea|South Sudan|Soviet
    Union|Sri Lanka|Trinidad and Tobago|United Arab Emirates|United Kingdom|United
    States|Vatican|West Germany|North Yemen|South Yemen""".replace("\n    ", " ").split("|")
)


def is_country(name: str) -> bool:
    """`name` is a country's name as the text gives it: "Iran", "the United States"."""
    if name[:4].lower() == "the ":
        name = name[4:]
    return name in COUNTRIES

# Capitals that wire copy uses for their governments: "Washington has said", "Moscow warned".
CAPITALS = frozenset(
    """Washington Moscow Beijing Peking Tokyo London Paris Bonn Berlin Brussels Rome Madrid
    Ottawa Canberra Kiev Kyiv Minsk Warsaw Prague Budapest Bucharest Sofia Belgrade Athens
    Ankara Tehran Baghdad Damascus Riyadh Cairo Tripoli Jerusalem Amman Beirut Kabul
    Islamabad Delhi Seoul Pyongyang Hanoi Manila Jakarta Bangkok Havana Managua Brasilia
    Caracas Bogota Lima Santiago Mexico Pretoria Nairobi Lagos Tbilisi Yerevan Baku""".split()
)


def is_state(name: str) -> bool:
    """A country or a capital standing for its government ("Washington has said")."""
    return is_country(name) or name in CAPITALS
