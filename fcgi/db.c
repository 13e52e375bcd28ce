/*
 * db.c: the process's one MariaDB connection and its fixed table of statements.
 *
 * The application runs only the statements below, each prepared once per connection and
 * always bound. When the server goes away the connection is dropped; the next call
 * reconnects and prepares again, so a restarted database costs one failed request at most.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "borikan.h"

/* The service log's row and its fiscal-year range (Thailand time, converted to the
 * session's zone so that the index range on created_at is used). */
#define LOG_SELECT \
	    "SELECT r.number, r.process_code, r.requester_name," \
	    " COALESCE(JSON_VALUE(r.form, '$.service_type'), '')," \
	    " COALESCE(JSON_VALUE(r.form, '$.system'), '')," \
	    " COALESCE(JSON_VALUE(r.form, '$.system_other'), '')," \
	    " COALESCE((SELECT GROUP_CONCAT(m.number ORDER BY m.id SEPARATOR '\\n') FROM memo m" \
	    "  WHERE m.request_id = r.id AND m.direction = 'incoming'), '')," \
	    " COALESCE((SELECT GROUP_CONCAT(m.number ORDER BY m.id SEPARATOR '\\n') FROM memo m" \
	    "  WHERE m.request_id = r.id AND m.direction = 'outgoing'), '')," \
	    " DATE_FORMAT(CONVERT_TZ(r.created_at, @@session.time_zone, '+07:00'), '%Y-%m-%dT%H:%i:%s')," \
	    " COALESCE(DATE_FORMAT(CONVERT_TZ(r.closed_at, @@session.time_zone, '+07:00')," \
	    "  '%Y-%m-%dT%H:%i:%s'), ''), r.status, COALESCE(r.satisfaction, 0)" \
	    " FROM request r"
#define LOG_RANGE \
	    " WHERE r.created_at >= CONVERT_TZ(?, '+07:00', @@session.time_zone)" \
	    " AND r.created_at < CONVERT_TZ(?, '+07:00', @@session.time_zone)" \
	    " AND r.status <> 'unconfirmed'"

static const char *const sql[STMT__COUNT] = {
	[STMT_PING] = "SELECT 1",
	[STMT_PROCESS_ALL] =
	    "SELECT code, grp, DATE_FORMAT(updated_at, '%Y-%m-%d'), definition"
	    " FROM process WHERE retired = 0 ORDER BY sort_order, code",
	[STMT_PROCESS_UPSERT] =
	    "INSERT INTO process (code, grp, sort_order, version, is_public, title_th,"
	    " title_en, definition, sha256, retired, loaded_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NOW(6), NOW(6))"
	    " ON DUPLICATE KEY UPDATE"
	    " updated_at = IF(sha256 = VALUES(sha256) AND retired = 0, updated_at, NOW(6)),"
	    " grp = VALUES(grp), sort_order = VALUES(sort_order), version = VALUES(version),"
	    " is_public = VALUES(is_public), title_th = VALUES(title_th),"
	    " title_en = VALUES(title_en), definition = VALUES(definition),"
	    " sha256 = VALUES(sha256), retired = 0, loaded_at = NOW(6)",
	[STMT_PROCESS_RETIRE_ALL] = "UPDATE process SET retired = 1",
	[STMT_UNIT_INSERT] =
	    "INSERT INTO unit (code, kind, name_th, name_en, parent_id)"
	    " VALUES (?, ?, ?, ?, (SELECT id FROM unit u WHERE u.code = ?))",
	[STMT_UNIT_ID] = "SELECT id FROM unit WHERE code = ?",
	[STMT_PERSON_INSERT] =
	    "INSERT INTO person (username, email, name_th, name_en, unit_id)"
	    " SELECT ?, ?, ?, ?, id FROM unit WHERE code = ?",
	[STMT_PERSON_LOGIN] =
	    "SELECT id, password_hash, active FROM person WHERE username = ?",
	[STMT_PERSON_SET_PASSWORD] =
	    "UPDATE person SET password_hash = ?, password_set_at = NOW(6) WHERE id = ?",
	[STMT_PERSON_ID] = "SELECT id FROM person WHERE username = ?",
	[STMT_ROLE_GRANT] =
	    "INSERT IGNORE INTO person_role (person_id, role, unit_id)"
	    " SELECT p.id, ?, u.id FROM person p, unit u WHERE p.username = ? AND u.code = ?",
	[STMT_SESSION_INSERT] =
	    "INSERT INTO session (id_hash, person_id, csrf, created_at, last_seen, expires_at, address)"
	    " VALUES (?, ?, ?, NOW(6), NOW(6), NOW(6) + INTERVAL ? SECOND, ?)",
	/* One query gives the session, the person and every role they hold. */
	[STMT_SESSION_GET] =
	    "SELECT p.id, p.username, p.name_th, p.name_en, s.csrf,"
	    " TIMESTAMPDIFF(SECOND, s.last_seen, NOW(6)),"
	    " (SELECT GROUP_CONCAT(CONCAT(r.role, '@', u.code) SEPARATOR ' ')"
	    "  FROM person_role r JOIN unit u ON u.id = r.unit_id WHERE r.person_id = p.id),"
	    " (SELECT code FROM unit WHERE id = p.unit_id)"
	    " FROM session s JOIN person p ON p.id = s.person_id"
	    " WHERE s.id_hash = ? AND s.expires_at > NOW(6)"
	    " AND s.last_seen > NOW(6) - INTERVAL ? SECOND AND p.active = 1",
	[STMT_SESSION_TOUCH] = "UPDATE session SET last_seen = NOW(6) WHERE id_hash = ?",
	[STMT_SESSION_DELETE] = "DELETE FROM session WHERE id_hash = ?",
	[STMT_SESSION_DELETE_OTHERS] =
	    "DELETE FROM session WHERE person_id = ? AND id_hash <> ?",
	[STMT_THROTTLE_GET] =
	    "SELECT failures, GREATEST(0, ? - TIMESTAMPDIFF(SECOND, window_start, NOW(6)))"
	    " FROM login_throttle WHERE kind = ? AND subject = ?"
	    " AND window_start > NOW(6) - INTERVAL ? SECOND",
	/* failures is computed from the old window_start, before window_start moves. */
	[STMT_THROTTLE_FAIL] =
	    "INSERT INTO login_throttle (kind, subject, failures, window_start)"
	    " VALUES (?, ?, 1, NOW(6)) ON DUPLICATE KEY UPDATE"
	    " failures = IF(window_start < NOW(6) - INTERVAL ? SECOND, 1, failures + 1),"
	    " window_start = IF(failures = 1, NOW(6), window_start)",
	[STMT_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE kind = ? AND subject = ?",
	[STMT_STEP_ACTOR_CLEAR] = "DELETE FROM step_actor WHERE process_code = ?",
	[STMT_STEP_ACTOR_ADD] =
	    "INSERT IGNORE INTO step_actor (process_code, step_id, actor) VALUES (?, ?, ?)",
	[STMT_COUNTER_NEXT] =
	    "INSERT INTO request_counter (process_code, be_year, last) VALUES (?, ?, 1)"
	    " ON DUPLICATE KEY UPDATE last = last + 1",
	[STMT_COUNTER_GET] =
	    "SELECT last FROM request_counter WHERE process_code = ? AND be_year = ?",
	[STMT_REQUEST_INSERT] =
	    "INSERT INTO request (number, process_code, process_version, requester_id,"
	    " requester_name, requester_email, status, step_id, form, secret_hash, submission,"
	    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, NOW(6), NOW(6))",
	[STMT_REQUEST_BY_SUBMISSION] = "SELECT number FROM request WHERE submission = ?",
	[STMT_REQUEST_GET] =
	    "SELECT r.id, r.number, r.process_code, r.requester_id, r.requester_name,"
	    " r.requester_email, r.status, r.step_id, COALESCE(r.assignee_id, 0), r.form,"
	    " r.version, COALESCE(r.satisfaction, 0), DATE_FORMAT(r.created_at, '%Y-%m-%dT%H:%i:%s'),"
	    " DATE_FORMAT(r.updated_at, '%Y-%m-%dT%H:%i:%s')"
	    " FROM request r WHERE r.number = ?",
	[STMT_REQUEST_LOCK] =
	    "SELECT r.id, r.number, r.process_code, r.requester_id, r.requester_name,"
	    " r.requester_email, r.status, r.step_id, COALESCE(r.assignee_id, 0), r.form,"
	    " r.version, COALESCE(r.satisfaction, 0), DATE_FORMAT(r.created_at, '%Y-%m-%dT%H:%i:%s'),"
	    " DATE_FORMAT(r.updated_at, '%Y-%m-%dT%H:%i:%s')"
	    " FROM request r WHERE r.number = ? FOR UPDATE",
	[STMT_REQUEST_UPDATE] =
	    "UPDATE request SET status = ?, step_id = ?, actor_role = ?, actor_unit = ?,"
	    " assignee_id = NULLIF(?, 0),"
	    " satisfaction = NULLIF(?, 0), version = version + 1, updated_at = NOW(6),"
	    " closed_at = IF(? IN ('done', 'rejected'), NOW(6), NULL) WHERE id = ?",
	[STMT_EVENT_INSERT] =
	    "INSERT INTO request_event (request_id, at, person_id, action, step_from, step_to, note)"
	    " VALUES (?, NOW(6), NULLIF(?, 0), ?, ?, ?, ?)",
	[STMT_EVENTS_OF] =
	    "SELECT DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%s'), e.action, COALESCE(e.step_from, ''),"
	    " COALESCE(e.step_to, ''), COALESCE(e.note, ''), COALESCE(p.name_th, ''),"
	    " COALESCE(p.name_en, ''), COALESCE(a.name_th, ''), COALESCE(a.name_en, ''),"
	    " COALESCE(b.name_th, ''), COALESCE(b.name_en, '') FROM request_event e"
	    " LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person a ON a.id = e.assignee_id"
	    " LEFT JOIN person b ON b.id = e.on_behalf_id"
	    " WHERE e.request_id = ? ORDER BY e.id LIMIT 500",
	/* Open requests waiting for one of up to eight (role, unit) pairs (unused slots bound
	 * to ''): a role held anywhere acts where actor_unit is '', a role held in a unit
	 * also where the step's approver is named for that unit. Per pair one range of
	 * request_group_queue read in updated_at order, at most 100 rows each, merged;
	 * never a scan or a sort of the table. Requests assigned to someone are left out
	 * (they are in that person's STMT_QUEUE_ASSIGNED). */
	[STMT_QUEUE_ROLES] =
	    "SELECT number, process_code, step_id, requester_name, updated, due FROM ("
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s') updated,"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') due FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    " UNION ALL"
	    " (SELECT number, process_code, step_id, requester_name, updated_at,"
	    "  DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    "  COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '') FROM request"
	    "  WHERE status = 'open' AND actor_role = ? AND actor_unit = ?"
	    "  AND assignee_id IS NULL"
	    "  ORDER BY updated_at LIMIT ?)"
	    ") q ORDER BY updated_at LIMIT ? OFFSET ?",
	[STMT_REQUESTS_OF] =
	    "SELECT number, process_code, step_id, status, DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s')"
	    " FROM request WHERE requester_id = ? ORDER BY created_at DESC LIMIT 25",
	[STMT_PERSON_CONTACT] = "SELECT name_th, email FROM person WHERE id = ?",
	[STMT_UNIT_SET_MEMO_FORMAT] = "UPDATE unit SET memo_format = ? WHERE code = ?",
	/* The counter row of the person's unit stays locked until COMMIT (memo.c). */
	[STMT_MEMO_COUNTER_NEXT] =
	    "INSERT INTO memo_counter (unit_id, fiscal_year, last)"
	    " SELECT unit_id, ?, 1 FROM person WHERE id = ?"
	    " ON DUPLICATE KEY UPDATE last = last + 1",
	[STMT_MEMO_COUNTER_GET] =
	    "SELECT c.last, u.id, COALESCE(u.memo_format, '') FROM person p"
	    " JOIN unit u ON u.id = p.unit_id"
	    " JOIN memo_counter c ON c.unit_id = u.id AND c.fiscal_year = ? WHERE p.id = ?",
	[STMT_MEMO_INSERT] =
	    "INSERT INTO memo (request_id, direction, unit_id, fiscal_year, seq, number,"
	    " memo_date, recorded_by, created_at)"
	    " SELECT ?, ?, unit_id, ?, NULLIF(?, 0), ?, ?, id, NOW(6) FROM person WHERE id = ?",
	[STMT_MEMOS_OF] =
	    "SELECT m.direction, m.number, DATE_FORMAT(m.memo_date, '%Y-%m-%d'), m.fiscal_year,"
	    " u.name_th, u.name_en FROM memo m JOIN unit u ON u.id = m.unit_id"
	    " WHERE m.request_id = ? ORDER BY m.id LIMIT 100",
	/* The service log: requests filed in a fiscal year, optionally of one process (its
	 * own index) and of one status. */
	[STMT_LOG_COUNT] =
	    "SELECT COUNT(*) FROM request r" LOG_RANGE
	    " AND (? = '' OR r.status = ?)",
	[STMT_LOG_COUNT_PROC] =
	    "SELECT COUNT(*) FROM request r" LOG_RANGE
	    " AND r.process_code = ? AND (? = '' OR r.status = ?)",
	[STMT_LOG_PAGE] =
	    LOG_SELECT
	    LOG_RANGE
	    " AND (? = '' OR r.status = ?) ORDER BY r.created_at, r.id LIMIT ? OFFSET ?",
	[STMT_LOG_PAGE_PROC] =
	    LOG_SELECT
	    LOG_RANGE
	    " AND r.process_code = ? AND (? = '' OR r.status = ?)"
	    " ORDER BY r.created_at, r.id LIMIT ? OFFSET ?",
	/* A second enqueue of the same key changes nothing: 0 rows affected. */
	[STMT_JOB_INSERT] =
	    "INSERT INTO job (kind, idem_key, payload, state, attempts, max_attempts, run_after,"
	    " created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, NOW(6), NOW(6), NOW(6))"
	    " ON DUPLICATE KEY UPDATE idem_key = idem_key",
	[STMT_OUTBOX_INSERT] =
	    "INSERT INTO outbox (job_id, to_addr, to_name, subject, body_text, body_html,"
	    " message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(6))",
	/* The oldest due job of a kind this runner runs; rows other runners hold are skipped. */
	[STMT_JOB_CLAIM] =
	    "SELECT id, kind, payload, attempts, max_attempts FROM job"
	    " WHERE state = 'queued' AND run_after <= NOW(6) AND FIND_IN_SET(kind, ?) > 0"
	    " ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	[STMT_JOB_TAKE] =
	    "UPDATE job SET state = 'running', attempts = attempts + 1, locked_by = ?,"
	    " locked_at = NOW(6), updated_at = NOW(6) WHERE id = ? AND state = 'queued'",
	[STMT_JOB_DONE] =
	    "UPDATE job SET state = 'done', locked_by = NULL, locked_at = NULL, last_error = NULL,"
	    " updated_at = NOW(6) WHERE id = ? AND state = 'running' AND locked_by = ?",
	/* A permanent failure, or the last attempt, is dead; else queued after the delay. */
	[STMT_JOB_FAILED] =
	    "UPDATE job SET state = IF(? <> 0 OR attempts >= max_attempts, 'dead', 'queued'),"
	    " run_after = NOW(6) + INTERVAL (? * 1000) MICROSECOND, locked_by = NULL,"
	    " locked_at = NULL, last_error = LEFT(?, 255), updated_at = NOW(6)"
	    " WHERE id = ? AND state = 'running' AND locked_by = ?",
	/* Claims whose runner died: queued again, or dead if that was the last attempt. */
	[STMT_JOB_REQUEUE_STALE] =
	    "UPDATE job SET state = IF(attempts >= max_attempts, 'dead', 'queued'),"
	    " last_error = CONCAT('lease expired: runner ', COALESCE(locked_by, '?'), ' stopped'),"
	    " locked_by = NULL, locked_at = NULL, run_after = NOW(6), updated_at = NOW(6)"
	    " WHERE state = 'running' AND locked_at < NOW(6) - INTERVAL ? SECOND",
	[STMT_OUTBOX_OF_JOB] =
	    "SELECT id, to_addr, to_name, subject, body_text, body_html, message_id,"
	    " COALESCE(DATE_FORMAT(sent_at, '%Y-%m-%dT%H:%i:%s'), '') FROM outbox WHERE job_id = ?",
	[STMT_OUTBOX_SENT] = "UPDATE outbox SET sent_at = NOW(6) WHERE id = ? AND sent_at IS NULL",
	/* Active holders of a role (in one unit when the code is not empty). */
	[STMT_PEOPLE_WITH_ROLE] =
	    "SELECT DISTINCT p.id, p.email, p.name_th FROM person_role r"
	    " JOIN person p ON p.id = r.person_id"
	    " WHERE r.role = ? AND p.active = 1"
	    " AND (? = '' OR r.unit_id = (SELECT u.id FROM unit u WHERE u.code = ?))"
	    " ORDER BY p.id LIMIT 200",
	[STMT_JOBS_DEAD] =
	    "SELECT id, kind, idem_key, attempts, max_attempts, COALESCE(last_error, ''),"
	    " DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s') FROM job WHERE state = 'dead'"
	    " ORDER BY run_after DESC LIMIT 200",
	[STMT_JOB_RETRY_DEAD] =
	    "UPDATE job SET state = 'queued', attempts = 0, run_after = NOW(6), last_error = NULL,"
	    " updated_at = NOW(6) WHERE id = ? AND state = 'dead'",
	/* The one-off holidays of a range and every recurring one that began by its end. */
	[STMT_HOLIDAY_RANGE] =
	    "SELECT DATE_FORMAT(day, '%Y-%m-%d'), recurring FROM holiday"
	    " WHERE (recurring = 0 AND day BETWEEN ? AND ?) OR (recurring = 1 AND day <= ?)",
	[STMT_HOLIDAY_YEAR] =
	    "SELECT id, DATE_FORMAT(day, '%Y-%m-%d'), name_th, name_en, recurring FROM holiday"
	    " WHERE (recurring = 0 AND day BETWEEN ? AND ?) OR (recurring = 1 AND day <= ?)"
	    " ORDER BY DATE_FORMAT(day, '%m-%d'), id LIMIT 500",
	[STMT_HOLIDAY_INSERT] =
	    "INSERT INTO holiday (day, name_th, name_en, recurring, created_at)"
	    " VALUES (?, ?, ?, ?, NOW(6))",
	[STMT_HOLIDAY_DELETE] = "DELETE FROM holiday WHERE id = ?",
	[STMT_CLOCK_GET] =
	    "SELECT COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), ''), COALESCE(sla_days, 0),"
	    " COALESCE(CAST(UNIX_TIMESTAMP(paused_at) AS SIGNED), 0), paused_days,"
	    " warned_at IS NOT NULL, overdue_at IS NOT NULL FROM request WHERE id = ?",
	[STMT_CLOCK_START] =
	    "UPDATE request SET sla_days = NULLIF(?, 0), due_at = ?, paused_at = NULL WHERE id = ?",
	[STMT_CLOCK_PAUSE] =
	    "UPDATE request SET paused_at = NOW(6) WHERE id = ? AND paused_at IS NULL"
	    " AND due_at IS NOT NULL",
	[STMT_CLOCK_RESUME] =
	    "UPDATE request SET due_at = ?, paused_days = paused_days + ?, paused_at = NULL"
	    " WHERE id = ?",
	/* Open requests due by a horizon not yet warned or not yet marked overdue: one range
	 * of index request_due (status, due_at). */
	[STMT_SLA_CANDIDATES] =
	    "SELECT id FROM request WHERE status = 'open' AND due_at <= ?"
	    " AND (warned_at IS NULL OR overdue_at IS NULL) ORDER BY due_at, id LIMIT 1000",
	[STMT_SLA_LOCK] =
	    "SELECT status, step_id, COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), ''),"
	    " COALESCE(sla_days, 0), warned_at IS NOT NULL, overdue_at IS NOT NULL"
	    " FROM request WHERE id = ? FOR UPDATE",
	[STMT_SLA_WARNED] =
	    "UPDATE request SET warned_at = NOW(6) WHERE id = ? AND warned_at IS NULL",
	[STMT_SLA_OVERDUE] =
	    "UPDATE request SET overdue_at = NOW(6) WHERE id = ? AND overdue_at IS NULL",
	/* Open requests past due at a step a staff role of the person acts at: like
	 * STMT_QUEUE_MINE, one index range per (process, step), never a scan; a step whose
	 * approver is named for a unit only when the person holds the role in that unit. */
	[STMT_QUEUE_OVERDUE] =
	    "SELECT r.number, r.process_code, r.step_id, r.requester_name,"
	    " DATE_FORMAT(r.due_at, '%Y-%m-%d')"
	    " FROM (SELECT DISTINCT sa.process_code, sa.step_id FROM step_actor sa"
	    "  JOIN person_role pr ON pr.role = sa.actor WHERE pr.person_id = ?"
	    "  AND sa.actor <> 'requester') s"
	    " JOIN request r ON r.status = 'open' AND r.process_code = s.process_code"
	    "  AND r.step_id = s.step_id AND r.due_at < ?"
	    " WHERE r.actor_unit = '' OR EXISTS (SELECT 1 FROM person_role pu"
	    "  JOIN unit u ON u.id = pu.unit_id WHERE pu.person_id = ?"
	    "  AND pu.role = r.actor_role AND u.code = r.actor_unit)"
	    " ORDER BY r.due_at, r.id LIMIT 100",
	[STMT_ATTACHMENT_COUNT] = "SELECT COUNT(*) FROM attachment WHERE request_id = ?",
	[STMT_ATTACHMENT_INSERT] =
	    "INSERT INTO attachment (request_id, sha256, size, content_type, filename,"
	    " uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, NOW(6))",
	[STMT_ATTACHMENTS_OF] =
	    "SELECT a.id, a.filename, a.size, a.content_type,"
	    " DATE_FORMAT(a.created_at, '%Y-%m-%dT%H:%i:%s'), COALESCE(p.name_th, ''),"
	    " COALESCE(p.name_en, '') FROM attachment a LEFT JOIN person p ON p.id = a.uploaded_by"
	    " WHERE a.request_id = ? ORDER BY a.id LIMIT 100",
	[STMT_ATTACHMENT_GET] =
	    "SELECT LOWER(HEX(sha256)), size, content_type, filename FROM attachment"
	    " WHERE id = ? AND request_id = ?",
	[STMT_UNITS_ALL] =
	    "SELECT u.code, u.kind, u.name_th, u.name_en, COALESCE(p.code, ''),"
	    " COALESCE(u.memo_format, '') FROM unit u LEFT JOIN unit p ON p.id = u.parent_id"
	    " ORDER BY u.code LIMIT 1000",
	[STMT_UNIT_PARENT] =
	    "SELECT COALESCE(p.code, '') FROM unit u LEFT JOIN unit p ON p.id = u.parent_id"
	    " WHERE u.code = ?",
	[STMT_UNIT_UPDATE] =
	    "UPDATE unit SET name_th = ?, name_en = ?, parent_id = NULLIF(?, 0),"
	    " memo_format = NULLIF(?, '') WHERE code = ?",
	/* The administrators' list of people: a search in username, names and e-mail. */
	[STMT_PEOPLE_COUNT] =
	    "SELECT COUNT(*) FROM person p WHERE ? = '' OR p.username LIKE ? OR p.name_th LIKE ?"
	    " OR p.name_en LIKE ? OR p.email LIKE ?",
	[STMT_PEOPLE_PAGE] =
	    "SELECT p.id, p.username, p.email, p.name_th, p.name_en, u.code, p.active,"
	    " COALESCE((SELECT GROUP_CONCAT(CONCAT(r.role, '@', ru.code) ORDER BY r.role, ru.code"
	    "  SEPARATOR ' ') FROM person_role r JOIN unit ru ON ru.id = r.unit_id"
	    "  WHERE r.person_id = p.id), '')"
	    " FROM person p JOIN unit u ON u.id = p.unit_id"
	    " WHERE ? = '' OR p.username LIKE ? OR p.name_th LIKE ? OR p.name_en LIKE ?"
	    " OR p.email LIKE ? ORDER BY p.username LIMIT ? OFFSET ?",
	[STMT_PERSON_GET] =
	    "SELECT id, name_th, name_en, active FROM person WHERE username = ?",
	[STMT_PERSON_SET_ACTIVE] = "UPDATE person SET active = ? WHERE id = ?",
	[STMT_SESSION_DELETE_PERSON] = "DELETE FROM session WHERE person_id = ?",
	[STMT_ROLE_REVOKE] =
	    "DELETE FROM person_role WHERE person_id = ? AND role = ?"
	    " AND unit_id = (SELECT id FROM unit WHERE code = ?)",
	[STMT_SUBSTITUTE_INSERT] =
	    "INSERT INTO substitute (person_id, substitute_id, from_date, to_date, reason,"
	    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, NOW(6))",
	[STMT_SUBSTITUTE_DELETE] = "DELETE FROM substitute WHERE id = ?",
	/* Substitutions that have not ended by the given day, the earliest first. */
	[STMT_SUBSTITUTES_LIST] =
	    "SELECT s.id, a.username, a.name_th, a.name_en, b.username, b.name_th, b.name_en,"
	    " DATE_FORMAT(s.from_date, '%Y-%m-%d'), DATE_FORMAT(s.to_date, '%Y-%m-%d'), s.reason"
	    " FROM substitute s JOIN person a ON a.id = s.person_id"
	    " JOIN person b ON b.id = s.substitute_id WHERE s.to_date >= ?"
	    " ORDER BY s.from_date, s.id LIMIT 200",
	/* Whom the person stands in for on a day: index substitute_by_substitute. */
	[STMT_SUBSTITUTE_FOR] =
	    "SELECT s.person_id FROM substitute s JOIN person p ON p.id = s.person_id"
	    " WHERE s.substitute_id = ? AND s.to_date >= ? AND s.from_date <= ? AND p.active = 1"
	    " ORDER BY s.person_id LIMIT 20",
	/* Does an active person hold a role (in one unit when the code is not empty)? */
	[STMT_PERSON_HOLDS] =
	    "SELECT COUNT(*) FROM person_role r JOIN person p ON p.id = r.person_id"
	    " WHERE r.person_id = ? AND r.role = ? AND p.active = 1"
	    " AND (? = '' OR r.unit_id = (SELECT u.id FROM unit u WHERE u.code = ?))",
	[STMT_ROLE_HOLDERS] =
	    "SELECT DISTINCT p.id, p.name_th, p.name_en FROM person_role r"
	    " JOIN person p ON p.id = r.person_id WHERE r.role = ? AND p.active = 1"
	    " AND (? = '' OR r.unit_id = (SELECT u.id FROM unit u WHERE u.code = ?))"
	    " ORDER BY p.id LIMIT 200",
	[STMT_EVENT_INSERT_FULL] =
	    "INSERT INTO request_event (request_id, at, person_id, action, step_from, step_to, note,"
	    " assignee_id, on_behalf_id) VALUES (?, NOW(6), NULLIF(?, 0), ?, ?, ?, ?, NULLIF(?, 0),"
	    " NULLIF(?, 0))",
	/* Open requests assigned to the person: one range of request_assignee. */
	[STMT_QUEUE_ASSIGNED] =
	    "SELECT number, process_code, step_id, requester_name,"
	    " DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'), COALESCE(DATE_FORMAT(due_at, '%Y-%m-%d'), '')"
	    " FROM request WHERE assignee_id = ? AND status = 'open' ORDER BY updated_at LIMIT 100",
	[STMT_VOTE_INSERT] =
	    "INSERT INTO approval_vote (request_id, step_id, person_id, acted_by, event_id)"
	    " VALUES (?, ?, ?, ?, ?)",
	[STMT_VOTES_OF] =
	    "SELECT v.person_id, v.acted_by FROM approval_vote v"
	    " WHERE v.request_id = ? AND v.step_id = ? ORDER BY v.event_id LIMIT 200",
	[STMT_VOTES_CLEAR] = "DELETE FROM approval_vote WHERE request_id = ?",
	[STMT_PERSON_NAMES] = "SELECT name_th, name_en FROM person WHERE id = ?",
	/* A periodic task that is due (or whose next run lies further ahead than one interval:
	 * the interval was shortened), locked; other runners skip it. Gives the database's
	 * clock, so that every host counts intervals alike. */
	[STMT_SCHEDULE_CLAIM] =
	    "SELECT CAST(UNIX_TIMESTAMP() AS SIGNED) FROM schedule WHERE name = ?"
	    " AND (next_run_at <= NOW(6) OR next_run_at > NOW(6) + INTERVAL ? SECOND)"
	    " FOR UPDATE SKIP LOCKED",
	[STMT_SCHEDULE_ADVANCE] =
	    "UPDATE schedule SET next_run_at = FROM_UNIXTIME(?), last_run_at = NOW(6),"
	    " last_runner = ? WHERE name = ?",
	[STMT_SLA_NUMBER] = "SELECT number FROM request WHERE id = ?",
	/* Public filing (h_public.c): a request without a number until its link is followed. */
	[STMT_REQUEST_INSERT_PUBLIC] =
	    "INSERT INTO request (number, process_code, process_version, requester_id,"
	    " requester_name, requester_email, requester_phone, status, step_id, form, secret_hash,"
	    " submission, created_at, updated_at)"
	    " VALUES (NULL, ?, ?, NULL, ?, ?, ?, 'unconfirmed', ?, ?, ?, ?, NOW(6), NOW(6))",
	[STMT_REQUEST_LOCK_ID] =
	    "SELECT r.id, COALESCE(r.number, ''), r.process_code, COALESCE(r.requester_id, 0),"
	    " r.requester_name, r.requester_email, r.status, r.step_id, COALESCE(r.assignee_id, 0),"
	    " r.form, r.version, COALESCE(r.satisfaction, 0),"
	    " DATE_FORMAT(r.created_at, '%Y-%m-%dT%H:%i:%s'),"
	    " DATE_FORMAT(r.updated_at, '%Y-%m-%dT%H:%i:%s')"
	    " FROM request r WHERE r.id = ? FOR UPDATE",
	/* Confirmed: numbered, with its tracking code, filed now (the clock counts from here). */
	[STMT_REQUEST_CONFIRM] =
	    "UPDATE request SET number = ?, status = 'open', secret_hash = ?, created_at = NOW(6),"
	    " updated_at = NOW(6) WHERE id = ? AND status = 'unconfirmed'",
	[STMT_REQUEST_SURVEY_COMMENT] =
	    "UPDATE request SET satisfaction_comment = NULLIF(?, '') WHERE id = ?",
	[STMT_TOKEN_INSERT] =
	    "INSERT INTO request_token (token_hash, request_id, purpose, nonce, created_at,"
	    " expires_at) VALUES (?, ?, ?, ?, NOW(6), NOW(6) + INTERVAL ? SECOND)",
	[STMT_TOKEN_LOCK] =
	    "SELECT t.id, t.request_id, t.purpose, t.expires_at <= NOW(6), t.used_at IS NOT NULL,"
	    " COALESCE(r.number, ''), r.status, r.step_id, r.process_code"
	    " FROM request_token t JOIN request r ON r.id = t.request_id"
	    " WHERE t.token_hash = ? FOR UPDATE",
	[STMT_TOKEN_GET] =
	    "SELECT t.id, t.request_id, t.purpose, t.expires_at <= NOW(6), t.used_at IS NOT NULL,"
	    " COALESCE(r.number, ''), r.status, r.step_id, r.process_code"
	    " FROM request_token t JOIN request r ON r.id = t.request_id"
	    " WHERE t.token_hash = ?",
	[STMT_TOKEN_USE] =
	    "UPDATE request_token SET used_at = NOW(6) WHERE id = ? AND used_at IS NULL",
	[STMT_TOKEN_SURVEY_NONCE] =
	    "SELECT nonce FROM request_token WHERE request_id = ? AND purpose = 'survey'"
	    " AND used_at IS NULL AND expires_at > NOW(6) AND nonce IS NOT NULL"
	    " ORDER BY id DESC LIMIT 1",
	/* Public tracking: only what the page may show, and the hash to compare. */
	[STMT_TRACK] =
	    "SELECT process_code, status, step_id, DATE_FORMAT(updated_at, '%Y-%m-%dT%H:%i:%s'),"
	    " secret_hash FROM request WHERE number = ? AND status <> 'unconfirmed'",
	[STMT_PURGE_UNCONFIRMED] =
	    "DELETE FROM request WHERE status = 'unconfirmed'"
	    " AND created_at < NOW(6) - INTERVAL ? DAY",
	/* The LMS sites (h_lms.c): never the sealed secrets, only whether they are set. */
	[STMT_LMS_SITES] =
	    "SELECT id, name, moodle_url, roster_base_url, roster_token_url, roster_client_id,"
	    " roster_scope, moodle_token_enc <> '', roster_secret_enc <> '',"
	    " COALESCE(DATE_FORMAT(last_test_at, '%Y-%m-%dT%H:%i:%s'), ''),"
	    " COALESCE(last_test_result, '') FROM lms_site ORDER BY name, id",
	[STMT_LMS_SITE_GET] =
	    "SELECT name, moodle_url, moodle_token_enc, roster_base_url, roster_token_url,"
	    " roster_client_id, roster_secret_enc, roster_scope FROM lms_site WHERE id = ?",
	[STMT_LMS_SITE_INSERT] =
	    "INSERT INTO lms_site (name, moodle_url, moodle_token_enc, roster_base_url,"
	    " roster_token_url, roster_client_id, roster_secret_enc, roster_scope)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	/* A NULL secret keeps the one stored (the form's field was left empty). */
	[STMT_LMS_SITE_UPDATE] =
	    "UPDATE lms_site SET name = ?, moodle_url = ?,"
	    " moodle_token_enc = COALESCE(?, moodle_token_enc), roster_base_url = ?,"
	    " roster_token_url = ?, roster_client_id = ?,"
	    " roster_secret_enc = COALESCE(?, roster_secret_enc), roster_scope = ?,"
	    " updated_at = NOW(6) WHERE id = ?",
	[STMT_LMS_SITE_TESTED] =
	    "UPDATE lms_site SET last_test_at = NOW(6), last_test_result = ? WHERE id = ?",
	[STMT_LMS_LEDGER_GET] =
	    "SELECT moodle_id FROM lms_ledger WHERE site_id = ? AND kind = ? AND idnumber = ?",
	[STMT_LMS_LEDGER_PUT] =
	    "INSERT INTO lms_ledger (site_id, kind, moodle_id, idnumber, request_id, how, job_id,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(6)) ON DUPLICATE KEY UPDATE id = id",
};

static MYSQL *conn;
static MYSQL_STMT *stmts[STMT__COUNT];
static struct bk_db_config cfg;

void
bk_db_close(void)
{
	for (size_t i = 0; i < STMT__COUNT; i++) {
		if (stmts[i] != NULL)
			mysql_stmt_close(stmts[i]);
		stmts[i] = NULL;
	}
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
}

static enum bk_err
db_connect(void)
{
	unsigned int timeout = 5;
	my_bool off = 0;

	if (conn != NULL)
		return BK_OK;
	if ((conn = mysql_init(NULL)) == NULL)
		return BK_ENOMEM;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	timeout = 30;
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &timeout);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	/* We reconnect ourselves, so statements are never silently invalidated. */
	mysql_options(conn, MYSQL_OPT_RECONNECT, &off);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Times are Thailand's (UTC+7, no daylight saving): what every page and memo shows. */
	mysql_options(conn, MYSQL_INIT_COMMAND, "SET time_zone = '+07:00'");
	if (mysql_real_connect(conn, NULL, cfg.user,
	    cfg.password[0] != '\0' ? cfg.password : NULL, cfg.name, 0,
	    cfg.socket[0] != '\0' ? cfg.socket : NULL, 0) == NULL) {
		bk_log(BK_LOG_ERR, "mysql_real_connect: user %s, database %s: %s",
		    cfg.user, cfg.name, mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return BK_EDB;
	}
	return BK_OK;
}

/* Remembers the configuration and connects. BK_EDB when the server cannot be reached. */
enum bk_err
bk_db_open(const struct bk_db_config *c)
{
	cfg = *c;
	return db_connect();
}

/*
 * Returns the prepared statement, connecting and preparing as needed, or NULL (logged)
 * when the database cannot be reached. The statement belongs to this module.
 */
MYSQL_STMT *
bk_db_stmt(enum bk_stmt id)
{
	MYSQL_STMT *st;

	if (db_connect() != BK_OK)
		return NULL;
	if (stmts[id] != NULL) {
		mysql_stmt_free_result(stmts[id]);
		mysql_stmt_reset(stmts[id]);
		return stmts[id];
	}
	if ((st = mysql_stmt_init(conn)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, sql[id], strlen(sql[id])) != 0) {
		unsigned err = mysql_stmt_errno(st);
		bk_log(BK_LOG_ERR, "mysql_stmt_prepare: statement %d: %s", (int)id,
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		if (err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST)
			bk_db_close();
		return NULL;
	}
	stmts[id] = st;
	return st;
}

/*
 * After a failed execute: logs, and drops the connection if the server went away
 * so that the next request reconnects. Returns true if the connection was lost.
 */
static bool
db_failed(MYSQL_STMT *st, const char *what)
{
	unsigned err = mysql_stmt_errno(st);

	bk_log(BK_LOG_ERR, "%s: %s (%u)", what, mysql_stmt_error(st), err);
	if (err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == 1927 /* ER_CONNECTION_KILLED */) {
		bk_db_close();
		return true;
	}
	return false;
}

/* BK_OK when the server answers a query; one reconnect is tried. */
enum bk_err
bk_db_ping(void)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		MYSQL_STMT *st = bk_db_stmt(STMT_PING);
		MYSQL_BIND out;
		long long one = 0;

		if (st == NULL)
			continue;
		memset(&out, 0, sizeof(out));
		out.buffer_type = MYSQL_TYPE_LONGLONG;
		out.buffer = &one;
		if (mysql_stmt_execute(st) != 0 || mysql_stmt_bind_result(st, &out) != 0 ||
		    mysql_stmt_fetch(st) != 0) {
			if (db_failed(st, "ping"))
				continue;
			return BK_EDB;
		}
		mysql_stmt_free_result(st);
		return one == 1 ? BK_OK : BK_EDB;
	}
	return BK_EDB;
}

/*
 * Transactions through the client library's own calls: autocommit off starts one, and
 * COMMIT or ROLLBACK ends it and turns autocommit back on. No SQL text is sent by us.
 */
enum bk_err
bk_db_begin(void)
{
	if (db_connect() != BK_OK)
		return BK_EDB;
	if (mysql_autocommit(conn, 0) != 0) {
		bk_log(BK_LOG_ERR, "begin: %s", mysql_error(conn));
		bk_db_close();
		return BK_EDB;
	}
	return BK_OK;
}

enum bk_err
bk_db_commit(void)
{
	unsigned err;

	if (conn == NULL)
		return BK_EDB;
	if (mysql_commit(conn) != 0) {
		err = mysql_errno(conn);
		bk_log(BK_LOG_ERR, "commit: %s (%u)", mysql_error(conn), err);
		/* A deadlock at COMMIT is retried whole, like one at any statement (NOTES.md). */
		if (err == 1213 || err == 1205) {
			bk_db_rollback();
			return BK_ERETRY;
		}
		bk_db_close();
		return BK_EDB;
	}
	if (mysql_autocommit(conn, 1) != 0) {
		bk_db_close();
		return BK_EDB;
	}
	return BK_OK;
}

void
bk_db_rollback(void)
{
	if (conn != NULL && (mysql_rollback(conn) != 0 || mysql_autocommit(conn, 1) != 0))
		bk_db_close();
}

/* ---- bk_q: one execution of a statement ---------------------------------------------- */

void
bk_q_init(struct bk_q *q, enum bk_stmt id)
{
	memset(q, 0, sizeof(*q));
	q->in = calloc(BK_Q_MAX, sizeof(MYSQL_BIND));
	q->out = calloc(BK_Q_MAX, sizeof(MYSQL_BIND));
	if (q->in == NULL || q->out == NULL) {
		q->err = BK_ENOMEM;
		return;
	}
	if ((q->st = bk_db_stmt(id)) == NULL)
		q->err = BK_EDB;
}

static MYSQL_BIND *
next_in(struct bk_q *q)
{
	if (q->err != BK_OK)
		return NULL;
	if (q->nin == BK_Q_MAX) {
		q->err = BK_EINVAL;
		return NULL;
	}
	return &q->in[q->nin];
}

void
bk_q_str(struct bk_q *q, const char *s)
{
	MYSQL_BIND *b = next_in(q);

	if (b == NULL)
		return;
	if (s == NULL)
		b->buffer_type = MYSQL_TYPE_NULL;
	else {
		q->inlen[q->nin] = strlen(s);
		b->buffer_type = MYSQL_TYPE_STRING;
		b->buffer = (void *)s;
		b->buffer_length = q->inlen[q->nin];
		b->length = &q->inlen[q->nin];
	}
	q->nin++;
}

void
bk_q_bin(struct bk_q *q, const void *p, size_t n)
{
	MYSQL_BIND *b = next_in(q);

	if (b == NULL)
		return;
	q->inlen[q->nin] = n;
	b->buffer_type = MYSQL_TYPE_BLOB;
	b->buffer = (void *)p;
	b->buffer_length = n;
	b->length = &q->inlen[q->nin];
	q->nin++;
}

void
bk_q_int(struct bk_q *q, long long v)
{
	MYSQL_BIND *b = next_in(q);

	if (b == NULL)
		return;
	q->inint[q->nin] = v;
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = &q->inint[q->nin];
	q->nin++;
}

enum bk_err
bk_q_exec(struct bk_q *q)
{
	if (q->err != BK_OK)
		return q->err;
	if ((q->nin > 0 && mysql_stmt_bind_param(q->st, q->in) != 0) ||
	    mysql_stmt_execute(q->st) != 0) {
		unsigned err = mysql_stmt_errno(q->st);
		/* A duplicate key is the caller's answer to give, not a broken database. */
		if (err == 1062) {
			q->err = BK_EINVAL;
			return q->err;
		}
		/* Deadlock, lock wait timeout: the whole transaction runs again (NOTES.md). */
		if (err == 1213 || err == 1205) {
			bk_log(BK_LOG_WARN, "execute: %s (%u): retrying the transaction",
			    mysql_stmt_error(q->st), err);
			q->err = BK_ERETRY;
			return q->err;
		}
		db_failed(q->st, "execute");
		q->st = NULL;
		q->err = BK_EDB;
	}
	return q->err;
}

void
bk_q_out_str(struct bk_q *q, char *buf, size_t size)
{
	MYSQL_BIND *b;

	if (q->err != BK_OK || q->nout == BK_Q_MAX) {
		if (q->err == BK_OK)
			q->err = BK_EINVAL;
		return;
	}
	b = &q->out[q->nout];
	buf[0] = '\0';
	b->buffer_type = MYSQL_TYPE_STRING;
	b->buffer = buf;
	b->buffer_length = size;
	b->length = &q->outlen[q->nout];
	b->is_null = (my_bool *)&q->outnull[q->nout];
	q->outsize[q->nout] = size;
	q->nout++;
}

void
bk_q_out_int(struct bk_q *q, long long *v)
{
	MYSQL_BIND *b;

	if (q->err != BK_OK || q->nout == BK_Q_MAX) {
		if (q->err == BK_OK)
			q->err = BK_EINVAL;
		return;
	}
	b = &q->out[q->nout];
	*v = 0;
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = v;
	b->is_null = (my_bool *)&q->outnull[q->nout];
	q->nout++;
}

int
bk_q_fetch(struct bk_q *q)
{
	int r;

	if (q->err != BK_OK)
		return -1;
	if (q->nout > 0 && !q->bound) {
		if (mysql_stmt_bind_result(q->st, q->out) != 0) {
			q->err = BK_EDB;
			return -1;
		}
		q->bound = 1;
	}
	r = mysql_stmt_fetch(q->st);
	if (r == MYSQL_NO_DATA)
		return 0;
	if (r == 1) {
		db_failed(q->st, "fetch");
		q->st = NULL;
		q->err = BK_EDB;
		return -1;
	}
	for (int i = 0; i < q->nout; i++) {
		if (q->out[i].buffer_type != MYSQL_TYPE_STRING)
			continue;
		if (q->outnull[i]) {
			((char *)q->out[i].buffer)[0] = '\0';
			continue;
		}
		if (q->outlen[i] >= q->outsize[i]) {
			q->err = BK_ETOOBIG;
			return -1;
		}
		((char *)q->out[i].buffer)[q->outlen[i]] = '\0';
	}
	return 1;
}

unsigned long long
bk_q_affected(struct bk_q *q)
{
	return q->st != NULL ? mysql_stmt_affected_rows(q->st) : 0;
}

unsigned long long
bk_q_insert_id(struct bk_q *q)
{
	return q->st != NULL ? mysql_stmt_insert_id(q->st) : 0;
}

void
bk_q_done(struct bk_q *q)
{
	if (q->st != NULL)
		mysql_stmt_free_result(q->st);
	free(q->in);
	free(q->out);
	q->in = q->out = NULL;
}
