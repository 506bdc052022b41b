from generator.models import Speaker, SpeakerRef
from generator.speakers import Registry, name_key


def test_transliteration_variants_share_a_key():
    assert name_key("Sergei Lavrov") == name_key("Sergey Lavrov")
    assert name_key("Volodymyr Zelensky") == name_key("Volodymyr Zelenskyy")
    assert name_key("Dmitry Peskov") == name_key("Dmitri Peskov")
    assert name_key("Sergei Lavrov") != name_key("Sergei Shoigu")


def test_surname_resolves_only_when_unambiguous():
    registry = Registry.of([Speaker("sergey-lavrov", "Sergey Lavrov")])
    assert registry.find("Lavrov").slug == "sergey-lavrov"
    assert registry.find("Sergei Lavrov").slug == "sergey-lavrov"
    registry.add(Speaker("anna-lavrov", "Anna Lavrov"))
    assert registry.find("Lavrov") is None


def test_resolve_creates_new_speakers_with_unique_slugs():
    registry = Registry.of([Speaker("john-smith", "John Smith", "organization")])
    made = registry.resolve(SpeakerRef("John Smith!", kind="person"))
    assert made.slug == "john-smith"  # same name key: same speaker
    other = registry.resolve(SpeakerRef("Jóhn Smíth Jr"))
    assert other.slug == "john-smith-jr"


def test_surname_matching_is_for_personal_names_only():
    registry = Registry.of([Speaker("president-of-the-russian-federation",
                                    "President of the Russian Federation")])
    assert registry.find("Federation") is None
    registry.add(Speaker("sergey-lavrov", "Sergey Lavrov"))
    assert registry.find("Lavrov", kind="organization") is None
    assert registry.find("Lavrov").slug == "sergey-lavrov"


def test_ukrainian_and_russian_transliterations_share_a_key():
    assert name_key("Oleh Ustenko") == name_key("Oleg Ustenko")
    assert name_key("Serhiy Shkarlet") == name_key("Sergei Shkarlet") == name_key("Sergey Shkarlet")
    assert name_key("Ihor Terekhov") == name_key("Igor Terekhov")
    assert name_key("Olha Stefanishyna") == name_key("Olga Stefanishyna")
    assert name_key("John Smith") != name_key("Joan Smith")
