#!/usr/bin/env bash
# Nightly backup: the database (custom-format dump) and the media folder.
# cron: 30 2 * * *  /srv/owes/deploy/backup.sh /var/backups/owes
# Restore into an empty database:
#   createdb owes && pg_restore --no-owner --dbname=owes /var/backups/owes/owes-DATE.dump
#   rsync -a /var/backups/owes/media/ /srv/owes/media/
set -euo pipefail
target="${1:?usage: backup.sh TARGET_DIR}"
set -a; source /etc/owes/env; set +a
mkdir -p "$target/media"
pg_dump --format=custom --no-owner --file="$target/owes-$(date +%F).dump" "$DATABASE_URL"
rsync -a --delete "${MEDIA_ROOT:-/srv/owes/media}/" "$target/media/"
find "$target" -name 'owes-*.dump' -mtime +30 -delete
