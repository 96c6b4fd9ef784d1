/* WCAG 2.2 AA fixes for Wagtail's own admin widgets (loaded by portal/wagtail_hooks.py):
   the date picker's arrow and "today" buttons have no text, and the tag field's typing
   box has no label. Names come from data attributes the hook fills in Polish. */
(function () {
    "use strict";
    var names = document.currentScript ? document.currentScript.dataset : {};

    function nameButtons(root) {
        var buttons = {
            "button.xdsoft_prev": names.previous,
            "button.xdsoft_next": names.next,
            "button.xdsoft_today_button": names.today,
        };
        Object.keys(buttons).forEach(function (selector) {
            root.querySelectorAll(selector).forEach(function (button) {
                if (!button.hasAttribute("aria-label") && buttons[selector]) {
                    button.setAttribute("aria-label", buttons[selector]);
                }
            });
        });
    }

    function labelTagInputs(root) {
        root.querySelectorAll("ul.tagit li.tagit-new input").forEach(function (input) {
            if (input.hasAttribute("aria-label")) {
                return;
            }
            var original = input.closest("ul.tagit").previousElementSibling;
            var label = original && original.id
                ? document.querySelector('label[for="' + original.id + '"]')
                : null;
            input.setAttribute("aria-label", label ? label.textContent.trim() : names.tags);
        });
    }

    function fix(root) {
        nameButtons(root);
        labelTagInputs(root);
    }

    document.addEventListener("DOMContentLoaded", function () {
        fix(document);
        new MutationObserver(function () {
            fix(document);
        }).observe(document.body, { childList: true, subtree: true });
    });
})();
