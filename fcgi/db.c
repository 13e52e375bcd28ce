/*
 * db.c: the process's one MariaDB connection and its fixed table of statements.
 *
 * The application runs only the statements below, each prepared once per connection and
 * always bound. When the server goes away the connection is dropped; the next call
 * reconnects and prepares again, so a restarted database costs one failed request at most.
 */
#include "config.h"

#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "borikan.h"

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
	[STMT_PROCESS_SHA] = "UPDATE process SET retired = 1",
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

static enum bk_err
db_query_simple(const char *q)
{
	if (db_connect() != BK_OK)
		return BK_EDB;
	/* Transaction control has no parameters; mysql_query is not user input. */
	if (mysql_query(conn, q) != 0) {
		bk_log(BK_LOG_ERR, "%s: %s", q, mysql_error(conn));
		return BK_EDB;
	}
	return BK_OK;
}

enum bk_err
bk_db_begin(void)
{
	return db_query_simple("START TRANSACTION");
}

enum bk_err
bk_db_commit(void)
{
	return db_query_simple("COMMIT");
}

void
bk_db_rollback(void)
{
	if (conn != NULL && mysql_query(conn, "ROLLBACK") != 0)
		bk_db_close();
}
