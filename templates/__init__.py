"""The built-in document templates, installed as package data of tailor."""
