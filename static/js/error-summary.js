// After a failed submit, move the focus to the form's error summary (includes/error_summary.html)
// so that keyboard and screen-reader users start from the list of what to correct.
document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }
});
