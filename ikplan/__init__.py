"""ikplan: internkontrollplaner as versioned YAML, checked, scored, followed up and reported."""

__version__ = "0.1.0"
