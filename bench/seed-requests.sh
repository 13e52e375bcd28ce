#!/usr/bin/env bash
# bench/seed-requests.sh VAR URL ROWS: fills an instance with ROWS repair requests (most of
# them closed, a few percent open at officer steps), an officer and a requester, and prints
# "COOKIE NUMBER": the officer's session cookie and one open request's number, for wrk.
# The rows are made by one INSERT ... SELECT over MariaDB's sequence engine: seconds, not hours.
set -euo pipefail
VAR=$1 URL=$2 ROWS=$3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SOCK=$VAR/run/db/mysqld.sock
ADMIN=("$ROOT/build/borikan-admin")
export BORIKAN_DB_SOCKET=$SOCK BORIKAN_DB_USER=root
q() { mariadb --no-defaults --socket="$SOCK" -u root -N -B borikan -e "$1"; }

"${ADMIN[@]}" add-unit bench-ict group "กลุ่มงาน ICT (ทดสอบ)" "ICT group (bench)" >/dev/null 2>&1 || true
"${ADMIN[@]}" add-unit bench-school school "โรงเรียนทดสอบ" "Bench school" >/dev/null 2>&1 || true
"${ADMIN[@]}" add-person bench.officer bench.officer@example.org bench-ict "เจ้าหน้าที่ ทดสอบ" "Bench Officer" >/dev/null 2>&1 || true
"${ADMIN[@]}" add-person bench.teacher bench.teacher@example.org bench-school "ครู ทดสอบ" "Bench Teacher" >/dev/null 2>&1 || true
"${ADMIN[@]}" grant bench.officer ict-officer bench-ict >/dev/null
"${ADMIN[@]}" grant bench.teacher requester bench-school >/dev/null
echo "bench password 1" | "${ADMIN[@]}" set-password bench.officer >/dev/null

have=$(q "SELECT COUNT(*) FROM request")
if [ "$have" -lt "$ROWS" ]; then
    teacher=$(q "SELECT id FROM person WHERE username = 'bench.teacher'")
    q "INSERT INTO request (number, process_code, process_version, requester_id, requester_name,
         requester_email, status, step_id, actor_role, form, secret_hash, submission,
         created_at, updated_at, closed_at)
       SELECT CONCAT('ict-repair-2569-b', LPAD(seq, 7, '0')), 'ict-repair', 1, $teacher,
         'ครู ทดสอบ', 'bench.teacher@example.org',
         IF(seq % 25 = 0, 'open', 'done'),
         IF(seq % 25 = 0, ELT(1 + seq % 5, 'check', 'diagnose', 'repair', 'verify', 'handover'), 'done'),
         IF(seq % 25 = 0, 'ict-officer', ''),
         '{\"contact_phone\":\"0812345678\",\"equipment\":\"printer\",\"location\":\"ห้อง 1\",\"symptom\":\"เปิดไม่ติด\"}',
         UNHEX(SHA2(seq, 256)), MD5(CONCAT('bench', seq)),
         NOW(6) - INTERVAL (seq % 700) DAY, NOW(6) - INTERVAL (seq % 700) DAY + INTERVAL seq SECOND,
         IF(seq % 25 = 0, NULL, NOW(6) - INTERVAL (seq % 700) DAY)
       FROM seq_1_to_$((ROWS - have))"
    q "ANALYZE TABLE request" >/dev/null
fi
number=$(q "SELECT number FROM request WHERE status = 'open' AND actor_role = 'ict-officer' LIMIT 1")
# Sign in as the officer, as a browser does: the form's token, then the post.
jar=$(mktemp)
token=$(curl -s -c "$jar" -b "$jar" "$URL/login" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$token" \
    --data-urlencode "username=bench.officer" --data-urlencode "password=bench password 1" "$URL/login"
cookie=$(awk '$6 == "bk_session" {print $7}' "$jar")
rm -f "$jar"
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
echo "bk_session=$cookie $number"
