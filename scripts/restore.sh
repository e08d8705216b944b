#!/bin/sh
# Restore a folder made by backup.sh into the database of DATABASE_URL and the media folder HPI_MEDIA_ROOT:
#   scripts/restore.sh BACKUP_DIR
# Into a fresh database only: an existing SQLite file, a PostgreSQL database holding tables, or a media folder
# holding files are refused (exit 1, nothing changed). Run `manage.py migrate` afterwards when the code is newer
# than the backup. A backup of PostgreSQL restores into PostgreSQL, of SQLite into SQLite.
set -eu
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/restore.sh BACKUP_DIR" >&2; exit 2; }
IN="$1"
URL="${DATABASE_URL:-sqlite:///$(pwd)/db.sqlite3}"
MEDIA="${HPI_MEDIA_ROOT:-$(pwd)/var/media}"
[ -f "$IN/SHA256SUMS" ] || { echo "restore: $IN is not a backup (no SHA256SUMS)" >&2; exit 2; }
(cd "$IN" && sha256sum --quiet --check SHA256SUMS) || { echo "restore: $IN is damaged" >&2; exit 1; }
ENGINE=$(cat "$IN/ENGINE")

if [ -d "$MEDIA" ] && [ -n "$(ls -A "$MEDIA")" ]; then
    echo "restore: the media folder $MEDIA is not empty; nothing restored" >&2
    exit 1
fi

case "$URL" in
    postgres://*|postgresql://*)
        [ "$ENGINE" = postgresql ] || { echo "restore: a $ENGINE backup needs a sqlite DATABASE_URL" >&2; exit 2; }
        TABLES=$(psql "$URL" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if [ "$TABLES" != 0 ]; then
            echo "restore: the database already holds $TABLES tables; restore into a fresh one" >&2
            exit 1
        fi
        pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$URL" \
            "$IN/database.pgdump"
        ;;
    sqlite://*)
        [ "$ENGINE" = sqlite ] || { echo "restore: a $ENGINE backup needs a postgres DATABASE_URL" >&2; exit 2; }
        TARGET="${URL#sqlite:///}"
        if [ -e "$TARGET" ]; then
            echo "restore: $TARGET exists; restore into a fresh file (move it away first)" >&2
            exit 1
        fi
        mkdir -p "$(dirname "$TARGET")"
        sqlite3 "$IN/database.sqlite3" ".backup '$TARGET'"
        ;;
    *)
        echo "restore: DATABASE_URL must be postgres://... or sqlite:///..." >&2
        exit 2
        ;;
esac

mkdir -p "$MEDIA"
tar -C "$MEDIA" -xzf "$IN/media.tar.gz"
echo "restored $IN"
