"""Counties (powiaty) and communes (gminy) of the Lubuskie voivodeship: 12 rural counties,
two city counties (Gorzów Wielkopolski, Zielona Góra) and 82 communes."""

COUNTIES = {
    "gorzowski": (
        "powiat gorzowski",
        ["Kostrzyn nad Odrą", "Bogdaniec", "Deszczno", "Kłodawa", "Lubiszyn", "Santok", "Witnica"],
    ),
    "krosnienski": (
        "powiat krośnieński",
        [
            "Gubin (miasto)",
            "Krosno Odrzańskie",
            "Bobrowice",
            "Bytnica",
            "Dąbie",
            "Gubin (gmina wiejska)",
            "Maszewo",
        ],
    ),
    "miedzyrzecki": (
        "powiat międzyrzecki",
        ["Międzyrzecz", "Skwierzyna", "Trzciel", "Bledzew", "Przytoczna", "Pszczew"],
    ),
    "nowosolski": (
        "powiat nowosolski",
        [
            "Nowa Sól (miasto)",
            "Bytom Odrzański",
            "Kożuchów",
            "Nowe Miasteczko",
            "Kolsko",
            "Nowa Sól (gmina wiejska)",
            "Otyń",
            "Siedlisko",
        ],
    ),
    "slubicki": ("powiat słubicki", ["Cybinka", "Ośno Lubuskie", "Rzepin", "Słubice", "Górzyca"]),
    "strzelecko_drezdenecki": (
        "powiat strzelecko-drezdenecki",
        ["Dobiegniew", "Drezdenko", "Strzelce Krajeńskie", "Stare Kurowo", "Zwierzyn"],
    ),
    "sulecinski": ("powiat sulęciński", ["Lubniewice", "Sulęcin", "Torzym", "Krzeszyce", "Słońsk"]),
    "swiebodzinski": (
        "powiat świebodziński",
        ["Świebodzin", "Zbąszynek", "Lubrza", "Łagów", "Skąpe", "Szczaniec"],
    ),
    "zielonogorski": (
        "powiat zielonogórski",
        [
            "Babimost",
            "Czerwieńsk",
            "Kargowa",
            "Nowogród Bobrzański",
            "Sulechów",
            "Bojadła",
            "Trzebiechów",
            "Zabór",
            "Świdnica",
        ],
    ),
    "zaganski": (
        "powiat żagański",
        [
            "Gozdnica",
            "Żagań (miasto)",
            "Iłowa",
            "Małomice",
            "Szprotawa",
            "Brzeźnica",
            "Niegosławice",
            "Wymiarki",
            "Żagań (gmina wiejska)",
        ],
    ),
    "zarski": (
        "powiat żarski",
        [
            "Łęknica",
            "Żary (miasto)",
            "Jasień",
            "Lubsko",
            "Brody",
            "Lipinki Łużyckie",
            "Przewóz",
            "Trzebiel",
            "Tuplice",
            "Żary (gmina wiejska)",
        ],
    ),
    "wschowski": ("powiat wschowski", ["Wschowa", "Sława", "Szlichtyngowa"]),
    "gorzow": ("Gorzów Wielkopolski (miasto na prawach powiatu)", ["Gorzów Wielkopolski"]),
    "zielona_gora": ("Zielona Góra (miasto na prawach powiatu)", ["Zielona Góra"]),
}

COUNTY_CHOICES = [(code, label) for code, (label, _) in COUNTIES.items()]
COMMUNE_CHOICES = [
    (commune, commune) for _, (_, communes) in COUNTIES.items() for commune in communes
]


def communes_of(county: str) -> list[str]:
    return COUNTIES.get(county, ("", []))[1]
