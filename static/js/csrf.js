// Forms on pages served from the shared page cache carry no CSRF token (a token belongs to
// one visitor). When the visitor starts filling such a form in, this fetches their own
// from the server; a submit waits for it. If it cannot be fetched, the visitor is sent to
// an uncached copy of the page whose form has the token (the same link the page offers
// when JavaScript does not run).
(function () {
    "use strict";
    var pending = null;

    function fetchToken(field) {
        if (!pending) {
            pending = fetch(field.dataset.csrfRefresh, {
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error("HTTP " + response.status);
                    }
                    return response.json();
                })
                .then(function (data) {
                    document.querySelectorAll("input[data-csrf-refresh]").forEach(function (each) {
                        each.value = data.token;
                    });
                })
                .catch(function () {
                    pending = null;
                    window.location.href = field.dataset.csrfFallback;
                });
        }
        return pending;
    }

    document.addEventListener("focusin", function (event) {
        var form = event.target.form;
        var field = form && form.querySelector("input[data-csrf-refresh]");
        if (field && !field.value) {
            fetchToken(field);
        }
    });

    document.addEventListener("submit", function (event) {
        var form = event.target;
        var field = form.querySelector("input[data-csrf-refresh]");
        if (!field || field.value) {
            return;
        }
        event.preventDefault();
        fetchToken(field).then(function () {
            if (field.value) {
                form.submit();
            }
        });
    });
})();
