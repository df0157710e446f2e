import propscope


def test_all_lists_exactly_the_public_api() -> None:
    public = {name for name in dir(propscope) if not name.startswith("_")}
    # Submodules imported as a side effect are not API.
    modules = {name for name in public if type(getattr(propscope, name)).__name__ == "module"}
    assert set(propscope.__all__) == (public - modules) | {"__version__"}
    for name in propscope.__all__:
        assert hasattr(propscope, name), name
