"""Guest module `string` (MicroPython 1.29): only the `templatelib` package of t-strings."""

__all__: list[str] = []
SUBMODULES = ("templatelib",)
