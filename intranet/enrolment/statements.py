"""The exact texts a member sees in the enrolment's last step, with their version.

Participant data of EU-funded projects is processed because the law requires it (GDPR
art. 6(1)(c) and 9(2)(g)), not on consent; the clause informs (art. 13) and its version and
the time it was shown are stored with the enrolment. Change VERSION whenever a text changes.
"""

VERSION = "2026-11"

INFORMATION_CLAUSE = [
    "Administratorem Twoich danych osobowych jest Ośrodek Wsparcia Ekonomii Społecznej, "
    "realizujący projekt współfinansowany ze środków Unii Europejskiej (Europejski Fundusz "
    "Społeczny Plus). Z inspektorem ochrony danych skontaktujesz się pod adresem "
    "iod@owes.example.org.",
    "Przetwarzamy Twoje dane, ponieważ wymagają tego przepisy prawa: w celu realizacji "
    "projektu, w tym rekrutacji, udzielania wsparcia, monitorowania, sprawozdawczości, "
    "kontroli i archiwizacji (art. 6 ust. 1 lit. c RODO) oraz — w zakresie danych "
    "szczególnych kategorii, takich jak informacja o niepełnosprawności — z uwagi na ważny "
    "interes publiczny (art. 9 ust. 2 lit. g RODO), na podstawie ustawy z dnia 28 kwietnia "
    "2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich w "
    "perspektywie finansowej 2021–2027.",
    "Odbiorcami danych są instytucje zarządzające programem i kontrolujące go (instytucja "
    "pośrednicząca, instytucja zarządzająca, minister właściwy ds. rozwoju regionalnego), a "
    "także podmioty, które na nasze zlecenie prowadzą ewaluację, kontrole i audyt.",
    "Dane przechowujemy do czasu zamknięcia i rozliczenia projektu oraz przez okres "
    "archiwizacji wymagany umową o dofinansowanie; po jego upływie usuwamy je lub "
    "anonimizujemy.",
    "Masz prawo dostępu do swoich danych, ich sprostowania, ograniczenia przetwarzania, a "
    "w przypadkach przewidzianych prawem — ich usunięcia, oraz prawo wniesienia skargi do "
    "Prezesa Urzędu Ochrony Danych Osobowych. Podanie danych jest warunkiem udziału w "
    "projekcie; bez nich nie możemy udzielić wsparcia. Przy pytaniach o niepełnosprawność, "
    "pochodzenie i bezdomność możesz odmówić podania informacji.",
]

DECLARATION_TEXT = (
    "Oświadczam, że dane podane w formularzu są prawdziwe i zgodne ze stanem faktycznym; "
    "wiem, że podanie nieprawdy może skutkować wykluczeniem z projektu."
)
IMAGE_CONSENT_TEXT = (
    "Wyrażam zgodę na nieodpłatne wykorzystanie mojego wizerunku utrwalonego podczas "
    "działań projektu w materiałach informacyjnych Ośrodka (dobrowolnie; zgodę można wycofać)."
)
NEWSLETTER_CONSENT_TEXT = (
    "Chcę otrzymywać e-mailem informacje o szkoleniach, wydarzeniach i naborach Ośrodka "
    "(dobrowolnie; zgodę można wycofać)."
)
