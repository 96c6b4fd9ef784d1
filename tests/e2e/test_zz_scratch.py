import pytest
from tests.e2e.test_accessibility import populated_site  # noqa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PATHS = ["/", "/wszystkie-bloki/", "/konto/login/", "/konto/signup/", "/szukaj/?q=dotacje"]

def test_scratch(page, axe, populated_site):
    for path in PATHS:
        page.goto(path)
        r = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a","wcag2aa","wcag21a","wcag21aa"]}}).response
        print(path, r["testEngine"], "passes", len(r["passes"]), "violations", [v["id"] for v in r["violations"]], "incomplete", [(v["id"], [n["target"] for n in v["nodes"]]) for v in r["incomplete"]])
        r = axe.run(page, options={"resultTypes": ["violations"]}).response
        print("  ALL RULES violations:", [(v["id"], v["tags"], [n["target"] for n in v["nodes"]]) for v in r["violations"]])
    page.goto("/konto/login/")
    print(page.content()[-6000:])
