"""Writes of the cases. Each module is one area: the registry's records (`registry`), links
(`linking`), what holders lodge (`notices`), and organizations' assignments (`assignment`)."""
