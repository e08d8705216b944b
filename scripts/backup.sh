#!/bin/sh
# Back up the database and the media folder into one new folder: scripts/backup.sh [DEST] (default var/backups).
#   PostgreSQL (DATABASE_URL=postgres://...): pg_dump --format=custom, restored with pg_restore.
#   SQLite (DATABASE_URL=sqlite:///..., or unset: db.sqlite3): SQLite's online backup (the API of `.backup`),
#   consistent while the app runs.
#   Media (HPI_MEDIA_ROOT, default var/media): evidence and import files, as media.tar.gz.
# Prints the folder made; SHA256SUMS in it lets restore.sh check that nothing changed since.
set -eu
cd "$(dirname "$0")/.."
DEST="${1:-var/backups}"
URL="${DATABASE_URL:-sqlite:///$(pwd)/db.sqlite3}"
MEDIA="${HPI_MEDIA_ROOT:-$(pwd)/var/media}"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$DEST/hpi-backup-$STAMP"
umask 077  # identity numbers and phones are in there
mkdir -p "$OUT"

case "$URL" in
    postgres://*|postgresql://*)
        pg_dump --format=custom --no-owner --no-privileges --file "$OUT/database.pgdump" "$URL"
        echo "postgresql" > "$OUT/ENGINE"
        ;;
    sqlite://*)
        SOURCE="${URL#sqlite:///}"
        [ -f "$SOURCE" ] || { echo "backup: no SQLite database at $SOURCE" >&2; exit 1; }
        sqlite3 "$SOURCE" ".backup '$OUT/database.sqlite3'"
        sqlite3 "$OUT/database.sqlite3" "PRAGMA integrity_check;" | grep -qx ok
        echo "sqlite" > "$OUT/ENGINE"
        ;;
    *)
        echo "backup: DATABASE_URL must be postgres://... or sqlite:///..." >&2
        exit 2
        ;;
esac

if [ -d "$MEDIA" ]; then
    tar -C "$MEDIA" -czf "$OUT/media.tar.gz" .
else
    tar -czf "$OUT/media.tar.gz" -T /dev/null
fi
(cd "$OUT" && sha256sum ENGINE database.* media.tar.gz > SHA256SUMS)
echo "$OUT"
