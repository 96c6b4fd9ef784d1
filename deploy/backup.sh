#!/usr/bin/env bash
# Nightly backup: the database (custom-format dump), the media and the private folders.
# cron: 30 2 * * *  /srv/owes/deploy/backup.sh /var/backups/owes
# Restore into an empty database:
#   createdb owes && pg_restore --no-owner --dbname=owes /var/backups/owes/owes-DATE.dump
#   rsync -a /var/backups/owes/media/ /srv/owes/media/
#   rsync -a /var/backups/owes/private/ /srv/owes/private/
set -euo pipefail
target="${1:?usage: backup.sh TARGET_DIR}"
set -a; source /etc/owes/env; set +a
mkdir -p "$target/media" "$target/private"
pg_dump --format=custom --no-owner --file="$target/owes-$(date +%F).dump" "$DATABASE_URL"
rsync -a --delete "${MEDIA_ROOT:-/srv/owes/media}/" "$target/media/"
rsync -a --delete "${PRIVATE_MEDIA_ROOT:-/srv/owes/private}/" "$target/private/"
find "$target" -name 'owes-*.dump' -mtime +30 -delete
