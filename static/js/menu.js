// The phone menu: on a small screen the main menu and search fold behind a "Menu" button
// (a disclosure with aria-expanded). Without JavaScript the button stays hidden and the
// menu is a plain list.
document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = document.getElementById(button ? button.getAttribute("aria-controls") : "");
    if (!button || !menu) {
        return;
    }
    var small = window.matchMedia("(max-width: 40rem)");
    function show(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("site-header__tools--folded", !open);
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
});
