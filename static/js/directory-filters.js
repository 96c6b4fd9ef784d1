// The directory's filters are a <details> folded on a phone (results first) and always open
// on a wide screen. CSS keeps them open there through ::details-content; this opens the
// element as well, for browsers without that pseudo-element. Without JavaScript the
// disclosure still works: the summary opens and closes it.
document.addEventListener("DOMContentLoaded", function () {
    var filters = document.querySelector("[data-directory-filters]");
    if (!filters) {
        return;
    }
    var wide = window.matchMedia("(min-width: 48.0625rem)");
    function fit() {
        if (wide.matches) {
            filters.open = true;
        }
    }
    wide.addEventListener("change", fit);
    fit();
});
