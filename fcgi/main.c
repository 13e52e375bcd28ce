/*
 * main.c: the master. It opens the FastCGI socket that nginx connects to, forks the
 * workers and the job runners (dropping them to an unprivileged user when started as
 * root), replaces a worker or runner that dies, reloads on SIGHUP (new workers read stylesheets and the catalogue
 * afresh while the old ones finish their requests) and stops gracefully on SIGTERM.
 *
 * Signals are handled synchronously with sigtimedwait(): no work in signal handlers.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "borikan.h"
#include "lms.h"

#define MAX_WORKERS 256
#define MAX_RUNNERS 32
#define STOP_GRACE_SECONDS 15

struct slot {
	pid_t	 pid;
	double	 started;
	double	 respawn_at;	/* when an empty slot may be filled again */
	int	 quick_deaths;	/* deaths soon after start, in a row */
	bool	 runner;	/* a job runner, not a request worker */
};

static struct bk_config cfg;
static struct slot slots[MAX_WORKERS + MAX_RUNNERS];
static int nslots;
static uid_t worker_uid;
static gid_t worker_gid, nginx_gid;
static bool as_root;
static int listen_fd = -1;
static sigset_t master_mask, child_mask;

static void __attribute__((noreturn))
fatal(const char *what)
{
	bk_log(BK_LOG_ERR, "fatal: %s", what);
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: borikan -s socket -r root [-w workers] [-j runners] [-u user]"
	    " [-g group] [-v]\n"
	    "environment: BORIKAN_DB_SOCKET, BORIKAN_DB_NAME, BORIKAN_DB_USER,\n"
	    "             BORIKAN_DB_PASSWORD_FILE, BORIKAN_SMTP_URL, BORIKAN_MAIL_FROM,\n"
	    "             BORIKAN_BASE_URL, BORIKAN_SMTP_TLS, BORIKAN_SMTP_TIMEOUT,\n"
	    "             BORIKAN_FILES, BORIKAN_SLA_INTERVAL, BORIKAN_TOKEN_KEY_FILE,\n"
	    "             BORIKAN_SECRET_KEY_FILE, BORIKAN_ALLOW_HTTP_LOOPBACK\n");
	exit(2);
}

/* fds 0-2 must be open, or the first socket would become someone's stdout. */
static void
sanitise_fds(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
}

static void
read_db_config(void)
{
	const char *v;

	bk_strlcpy(cfg.db.socket, (v = getenv("BORIKAN_DB_SOCKET")) ? v : "", sizeof(cfg.db.socket));
	bk_strlcpy(cfg.db.name, (v = getenv("BORIKAN_DB_NAME")) ? v : "borikan", sizeof(cfg.db.name));
	bk_strlcpy(cfg.db.user, (v = getenv("BORIKAN_DB_USER")) ? v : cfg.user, sizeof(cfg.db.user));
	if ((v = getenv("BORIKAN_DB_PASSWORD_FILE")) != NULL && *v != '\0') {
		FILE *f = fopen(v, "r");
		size_t n;

		if (f == NULL)
			fatal("cannot read BORIKAN_DB_PASSWORD_FILE");
		n = fread(cfg.db.password, 1, sizeof(cfg.db.password) - 1, f);
		fclose(f);
		cfg.db.password[n] = '\0';
		cfg.db.password[strcspn(cfg.db.password, "\r\n")] = '\0';
	}
}

static void
parse_args(int argc, char **argv)
{
	struct passwd *pw;
	long n;
	int ch;

	cfg.workers = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (cfg.workers < 1)
		cfg.workers = 1;
	cfg.runners = 1;
	bk_strlcpy(cfg.user, "borikan", sizeof(cfg.user));
	bk_strlcpy(cfg.group, "www-data", sizeof(cfg.group));
	while ((ch = getopt(argc, argv, "s:r:w:j:u:g:v")) != -1) {
		switch (ch) {
		case 's':
			if (bk_strlcpy(cfg.socket, optarg, sizeof(cfg.socket)) >= sizeof(cfg.socket))
				usage();
			break;
		case 'r':
			if (bk_strlcpy(cfg.root, optarg, sizeof(cfg.root)) >= sizeof(cfg.root))
				usage();
			break;
		case 'w':
			if (bk_parse_long(optarg, 1, MAX_WORKERS, &n) != BK_OK)
				usage();
			cfg.workers = (int)n;
			break;
		case 'j':
			if (bk_parse_long(optarg, 0, MAX_RUNNERS, &n) != BK_OK)
				usage();
			cfg.runners = (int)n;
			break;
		case 'u':
			bk_strlcpy(cfg.user, optarg, sizeof(cfg.user));
			break;
		case 'g':
			bk_strlcpy(cfg.group, optarg, sizeof(cfg.group));
			break;
		case 'v':
			cfg.verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (cfg.socket[0] == '\0' || cfg.root[0] == '\0')
		usage();
	as_root = geteuid() == 0;
	if (as_root) {
		struct group *gr;
		if ((pw = getpwnam(cfg.user)) == NULL)
			fatal("the worker user does not exist");
		worker_uid = pw->pw_uid;
		worker_gid = pw->pw_gid;
		if (worker_uid == 0)
			bk_log(BK_LOG_WARN, "workers will run as root");
		if ((gr = getgrnam(cfg.group)) == NULL)
			fatal("nginx's group does not exist");
		nginx_gid = gr->gr_gid;
	} else if ((pw = getpwuid(geteuid())) != NULL)
		bk_strlcpy(cfg.user, pw->pw_name, sizeof(cfg.user));
	read_db_config();
}

/*
 * The attachment store: BORIKAN_FILES, by default files/ beside the socket's run/ folder
 * (<var>/files). Created 02750, owned by the workers' user and nginx's group (nginx reads
 * the files on X-Accel-Redirect; the setgid bit gives new files that group), with tmp/
 * for uploads in progress. Start-up fails if it cannot be made.
 */
static void
files_dir(void)
{
	const char *v = getenv("BORIKAN_FILES");
	char tmp[600], *slash;
	size_t n;
	const char *dirs[2];

	if (v != NULL && *v != '\0') {
		if (bk_strlcpy(cfg.files, v, sizeof(cfg.files)) >= sizeof(cfg.files))
			fatal("BORIKAN_FILES is too long");
	} else {
		bk_strlcpy(cfg.files, cfg.socket, sizeof(cfg.files));
		for (int i = 0; i < 2; i++) {
			if ((slash = strrchr(cfg.files, '/')) == NULL)
				fatal("set BORIKAN_FILES");
			*slash = '\0';
		}
		n = strlen(cfg.files);
		if (cfg.files[0] == '\0' || (size_t)snprintf(cfg.files + n, sizeof(cfg.files) - n,
		    "/files") >= sizeof(cfg.files) - n)
			fatal("set BORIKAN_FILES");
	}
	snprintf(tmp, sizeof(tmp), "%s/tmp", cfg.files);
	dirs[0] = cfg.files;
	dirs[1] = tmp;
	for (int i = 0; i < 2; i++) {
		if (mkdir(dirs[i], 02750) != 0 && errno != EEXIST)
			fatal("cannot create the attachment store (BORIKAN_FILES)");
		if (as_root && worker_uid != 0 && (chown(dirs[i], worker_uid, nginx_gid) != 0 ||
		    chmod(dirs[i], 02750) != 0))
			fatal("cannot give the attachment store to the workers");
	}
}

/*
 * The path of a key file: the environment variable env, else name beside the attachment
 * store (<var>/name). The keys are read before the workers fork: they inherit them, whatever
 * user they run as.
 */
static void
key_path(const char *env, const char *name, char *path, size_t size)
{
	const char *v = getenv(env);
	char *slash;
	size_t dir;

	if (v != NULL && *v != '\0') {
		if (bk_strlcpy(path, v, size) >= size)
			fatal("a key file's path is too long");
		return;
	}
	bk_strlcpy(path, cfg.files, size);
	if ((slash = strrchr(path, '/')) == NULL)
		fatal("set the key files' paths (BORIKAN_TOKEN_KEY_FILE, BORIKAN_SECRET_KEY_FILE)");
	dir = (size_t)(slash - path);
	if ((size_t)snprintf(slash, size - dir, "/%s", name) >= size - dir)
		fatal("a key file's path is too long");
}

/*
 * token.key keys the one-time links (token.c); secret.key seals stored secrets such as an
 * LMS token (secret.c). Both are made 0600 on first start.
 */
static void
keys(void)
{
	char path[600];

	key_path("BORIKAN_TOKEN_KEY_FILE", "token.key", path, sizeof(path));
	if (bk_token_key_init(path) != BK_OK)
		fatal("cannot read or make the token key (BORIKAN_TOKEN_KEY_FILE)");
	key_path("BORIKAN_SECRET_KEY_FILE", "secret.key", path, sizeof(path));
	if (bk_secret_key_init(path) != BK_OK)
		fatal("cannot read or make the secret key (BORIKAN_SECRET_KEY_FILE)");
}

/* The socket nginx connects to: readable and writable by its group only. */
static void
open_socket(void)
{
	mode_t old;

	unlink(cfg.socket);
	old = umask(0117);
	listen_fd = FCGX_OpenSocket(cfg.socket, 1024);
	umask(old);
	if (listen_fd < 0)
		fatal("cannot open the FastCGI socket");
	if (chmod(cfg.socket, 0660) != 0)
		fatal("chmod of the FastCGI socket");
	if (as_root && chown(cfg.socket, 0, nginx_gid) != 0)
		fatal("chown of the FastCGI socket");
	/* Workers poll and then accept; a lost race must not block (see worker.c). */
	if (fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK) != 0)
		fatal("fcntl O_NONBLOCK");
}

static void
drop_privileges(void)
{
	/* An operator who asked for root gets it (a tree unprivileged users cannot read). */
	if (!as_root || worker_uid == 0)
		return;
	if (setgroups(0, NULL) != 0 || setgid(worker_gid) != 0 || setuid(worker_uid) != 0)
		fatal("cannot drop privileges");
	if (setuid(0) == 0)
		fatal("privileges were not dropped");
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static void
spawn(struct slot *s)
{
	pid_t pid = fork();

	if (pid < 0) {
		bk_log(BK_LOG_ERR, "fork: %s", strerror(errno));
		s->respawn_at = bk_now() + 1;
		return;
	}
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
		sigprocmask(SIG_SETMASK, &child_mask, NULL);
		drop_privileges();
		/* exit(), not _exit(): the leak checker runs at exit in sanitizer builds. */
		if (s->runner) {
			/* The name ps and /proc/PID/comm show: runners are told from workers. */
			prctl(PR_SET_NAME, "borikan-runner", 0, 0, 0);
			close(listen_fd);
			bk_log_init("borikan-runner", cfg.verbose);
			exit(bk_runner_run(&cfg));
		}
		bk_log_init("borikan-worker", cfg.verbose);
		exit(bk_worker_run(&cfg, listen_fd));
	}
	s->pid = pid;
	s->started = bk_now();
	s->respawn_at = 0;
}

static struct slot *
slot_of(pid_t pid)
{
	for (int i = 0; i < nslots; i++)
		if (slots[i].pid == pid)
			return &slots[i];
	return NULL;
}

static void
describe(int status, char *buf, size_t sz)
{
	if (WIFEXITED(status))
		snprintf(buf, sz, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sz, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, sz, "stopped");
}

/* Reaps dead children; a current worker that died is replaced, quickly or after a pause. */
static void
reap(bool stopping)
{
	pid_t pid;
	int status;
	char how[64];

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		struct slot *s = slot_of(pid);

		describe(status, how, sizeof(how));
		if (s == NULL) {
			bk_log(BK_LOG_INFO, "retired worker %d %s", (int)pid, how);
			continue;
		}
		s->pid = 0;
		if (stopping)
			continue;
		bk_log(BK_LOG_WARN, "%s %d %s; replacing it", s->runner ? "job runner" : "worker",
		    (int)pid, how);
		if (s->runner)
			bk_metrics_runner_restart();
		else
			bk_metrics_worker_restart();
		/* A worker that cannot start (database down) is retried with a back-off. */
		if (bk_now() - s->started < 2) {
			s->quick_deaths++;
			s->respawn_at = bk_now() + (s->quick_deaths < 5 ? s->quick_deaths : 5);
		} else {
			s->quick_deaths = 0;
			s->respawn_at = 0;
		}
	}
}

static void
fill_slots(void)
{
	double now = bk_now();

	for (int i = 0; i < nslots; i++)
		if (slots[i].pid == 0 && slots[i].respawn_at <= now)
			spawn(&slots[i]);
}

/* New workers and runners take over; the old ones finish what they are doing and exit. */
static void
reload(void)
{
	bk_log(BK_LOG_INFO, "reload: starting %d new workers and %d runners", cfg.workers,
	    cfg.runners);
	for (int i = 0; i < nslots; i++) {
		pid_t old = slots[i].pid;

		slots[i].pid = 0;
		slots[i].quick_deaths = 0;
		spawn(&slots[i]);
		if (old > 0)
			kill(old, SIGTERM);
	}
}

static void
stop(void)
{
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	double deadline = bk_now() + STOP_GRACE_SECONDS;
	sigset_t chld;

	bk_log(BK_LOG_INFO, "stopping: waiting for requests in flight");
	close(listen_fd);
	unlink(cfg.socket);
	kill(0, SIGTERM);	/* our whole process group: current and retiring workers */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	while (bk_now() < deadline) {
		reap(true);
		if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			break;
		sigtimedwait(&chld, NULL, &ts);
	}
	if (waitpid(-1, NULL, WNOHANG) == 0) {
		bk_log(BK_LOG_WARN, "stopping: workers still busy after %ds; killing them",
		    STOP_GRACE_SECONDS);
		kill(0, SIGKILL);
	}
	bk_log(BK_LOG_INFO, "stopped");
	exit(0);
}

int
main(int argc, char **argv)
{
	struct sigaction sa;

	sanitise_fds();
	bk_log_init("borikan", 0);
	parse_args(argc, argv);
	bk_log_init("borikan", cfg.verbose);
	if (sodium_init() < 0)
		fatal("sodium_init");
	if (bk_metrics_create() != BK_OK)
		fatal("cannot map the metrics");
	if (FCGX_Init() != 0)
		fatal("FCGX_Init");
	open_socket();
	files_dir();
	keys();

	/* Our own process group, so that stop() reaches retiring workers too. */
	setpgid(0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&master_mask);
	sigaddset(&master_mask, SIGCHLD);
	sigaddset(&master_mask, SIGHUP);
	sigaddset(&master_mask, SIGTERM);
	sigaddset(&master_mask, SIGINT);
	sigaddset(&master_mask, SIGQUIT);
	sigprocmask(SIG_BLOCK, &master_mask, &child_mask);
	/* SIGCHLD must not be ignored for sigtimedwait to see it. */
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);

	nslots = cfg.workers + cfg.runners;
	for (int i = cfg.workers; i < nslots; i++)
		slots[i].runner = true;
	bk_log(BK_LOG_INFO, "starting %d workers on %s and %d job runners as %s", cfg.workers,
	    cfg.socket, cfg.runners, cfg.user);
	fill_slots();
	for (;;) {
		struct timespec ts = { 0, 500 * 1000 * 1000 };
		int sig = sigtimedwait(&master_mask, NULL, &ts);

		switch (sig) {
		case SIGCHLD:
			reap(false);
			break;
		case SIGHUP:
			reload();
			break;
		case SIGTERM:
		case SIGINT:
		case SIGQUIT:
			stop();
			break;
		default:
			break;
		}
		reap(false);
		fill_slots();
	}
}
