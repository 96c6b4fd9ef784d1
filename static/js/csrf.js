// Forms on pages served from the shared page cache carry no CSRF token (a token belongs to
// one visitor). This fills in the visitor's own, fetched from the server, and holds a
// submit back until it has arrived. Without JavaScript the form offers a link to an
// uncached copy of the page with the token in it.
(function () {
    "use strict";
    var pending = null;

    function fetchToken(url) {
        if (!pending) {
            pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    document.querySelectorAll("input[data-csrf-refresh]").forEach(function (field) {
                        field.value = data.token;
                    });
                })
                .catch(function () { pending = null; });
        }
        return pending;
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        var field = form.querySelector("input[data-csrf-refresh]");
        if (!field || field.value) {
            return;
        }
        event.preventDefault();
        fetchToken(field.dataset.csrfRefresh).then(function () {
            if (field.value) {
                form.submit();
            }
        });
    });

    var first = document.querySelector("input[data-csrf-refresh]");
    if (first) {
        fetchToken(first.dataset.csrfRefresh);
    }
})();
