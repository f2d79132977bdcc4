"""The built-in skill lexicons (YAML data), installed as package data of tailor."""
