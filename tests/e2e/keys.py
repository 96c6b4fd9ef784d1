"""A keyboard that counts its presses, for journeys walked with the keyboard alone.

Every key goes through `Keyboard`, so `keyboard.presses` is what a person would press:
Tabs, Enters, arrows, spaces and each typed character (`keyboard.typed` of them typing).
"""

from urllib.parse import urlsplit

import pytest

IS_FOCUSED = "element => element === document.activeElement"


class Keyboard:
    def __init__(self, page):
        self.page = page
        self.presses = 0
        self.typed = 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text):
        self.page.keyboard.type(text)
        self.presses += len(text)
        self.typed += len(text)

    def skip_to_main(self):
        """The skip link: the first Tab on a page shows it, Enter moves to the content."""
        self.press("Tab")
        assert self.page.evaluate("document.activeElement.classList.contains('skip-link')")
        self.press("Enter")

    def tab_to(self, locator, limit=150, key="Tab"):
        """Press Tab (or `key`) until `locator` has the focus."""
        for _ in range(limit):
            self.press(key)
            if locator.evaluate(IS_FOCUSED):
                return
        pytest.fail(f"{key} pressed {limit} times never reached {locator}")

    def follow(self, locator, path_prefix, **tab):
        """Tab to a link (or a submit button) and press Enter; wait for the page it opens."""
        self.tab_to(locator, **tab)
        with self.page.expect_navigation(
            url=lambda url: urlsplit(url).path.startswith(path_prefix)
        ):
            self.press("Enter")

    def fill(self, locator, text):
        self.tab_to(locator)
        if locator.input_value():
            self.press("Control+a")
        self.type(text)

    def choose(self, select, label, limit=200):
        """Tab to a closed <select> and press ArrowDown until `label` is the chosen option."""
        self.tab_to(select)
        chosen = "element => element.options[element.selectedIndex]?.text.trim()"
        for _ in range(limit):
            if select.evaluate(chosen) == label:
                return
            self.press("ArrowDown")
        pytest.fail(f"{label!r} not among the options of {select}")

    def check(self, box):
        """Tick a checkbox, or choose a radio button: Tab into its group, arrows to it."""
        name = box.get_attribute("name")
        for _ in range(150):
            self.press("Tab")
            if self.page.evaluate("document.activeElement.name") == name:
                break
        else:
            pytest.fail(f"Tab never reached the field {name!r}")
        if box.get_attribute("type") == "radio":
            for _ in range(20):
                if box.evaluate(IS_FOCUSED):
                    break
                self.press("ArrowDown")
            if not box.is_checked():
                self.press("Space")
        else:
            if not box.evaluate(IS_FOCUSED):  # a group of checkboxes sharing a name
                self.tab_to(box, limit=20)
            self.press("Space")
        assert box.is_checked(), box


def open_intranet_menu(page):
    """Click "Menu intranetu" where the intranet's menu is folded (a phone); else nothing."""
    toggle = page.locator(".intranet-nav__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
