// Menus that fold on a small screen: the site's main menu and search behind "Menu", the
// intranet's own menu behind "Menu intranetu" (each a disclosure with aria-expanded).
// Without JavaScript the buttons stay hidden and the menus are plain lists.
document.addEventListener("DOMContentLoaded", function () {
    var small = window.matchMedia("(max-width: 40rem)");

    function foldable(button, foldedClass) {
        var menu = document.getElementById(button ? button.getAttribute("aria-controls") : "");
        if (!button || !menu) {
            return;
        }
        function show(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            menu.classList.toggle(foldedClass, !open);
        }
        function fit() {
            button.hidden = !small.matches;
            show(!small.matches);
        }
        button.addEventListener("click", function () {
            show(button.getAttribute("aria-expanded") !== "true");
        });
        small.addEventListener("change", fit);
        fit();
    }

    foldable(document.querySelector(".menu-toggle"), "site-header__tools--folded");
    foldable(document.querySelector(".intranet-nav__toggle"), "intranet-nav__menu--folded");
});
