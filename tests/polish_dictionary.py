"""Is the Polish dictionary on the PostgreSQL server that DATABASE_URL names? (make test)

Exit 0 when it is (or when no PostgreSQL is configured), 1 with the command to run when it
is not. The probe creates the dictionary inside a transaction that is rolled back.
"""

import os
import sys

import psycopg

url = os.environ.get("DATABASE_URL", "")
if not url.startswith(("postgres://", "postgresql://")):
    sys.exit(0)
try:
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=5) as connection:
        connection.execute(
            "CREATE TEXT SEARCH DICTIONARY owes_dictionary_probe "
            "(TEMPLATE = ispell, DictFile = pl_pl_ascii, AffFile = pl_pl_ascii)"
        )
        connection.rollback()
except psycopg.errors.Error as error:
    print(f"The Polish dictionary is missing on the database server ({error}).", file=sys.stderr)
    print("Run `make pg-polish-dict` on the PostgreSQL server, then `make test`.", file=sys.stderr)
    sys.exit(1)
