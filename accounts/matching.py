"""How activation compares what the holder types with the records [A32]."""

_PHONE_IGNORED = str.maketrans("", "", " ()-")


def normalize_name(value: str) -> str:
    # ACT-2: case does not matter; spaces around are ignored; spaces between words count.
    return value.strip().casefold()


def names_match(entered: str, recorded: str) -> bool:
    return normalize_name(entered) == normalize_name(recorded)


def normalize_phone(value: str) -> str:
    # ACT-3: only a space, "(", ")" and "-" are ignored; every other character counts.
    return value.translate(_PHONE_IGNORED)


def phones_match(entered: str, recorded: str) -> bool:
    return normalize_phone(entered) == normalize_phone(recorded)
