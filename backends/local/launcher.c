// pipe-launch: the compiled launcher of the local backend, built at install when a C compiler is present
// (scripts/build-launcher.ts). It speaks the bash launcher's protocol (protocol.ts) and keeps its semantics
// (launcher-script.ts) for light tasks, kinds L (a line for sh -c) and X (words run without sh), at a fraction of
// the cost per task: vfork and exec instead of a fork of bash, the task's CPU time from wait4, its I/O from one
// pread of the launcher's own /proc/self/io, both sent as numbers on the task's E line (the launcher takes the
// differences of the readings itself). The first work-dir or direct task (kinds W, D) hands the launcher
// over to bash: it execs the bash launcher with that record as its first, and bash reads on from the same pipe.
// This file holds the loop over records; launcher-text.c, launcher-files.c, launcher-env.c and launcher-exec.c the
// rest (launcher.h).
//
// Arguments: the bash launcher's own $1..$5 (slot file, copy stderr, skip prefix, measure, lifeline), then the bash
// launcher's script (last, so that `ps` shows the others first). fds as pipe starts it: 0 records, 1 the tasks'
// stdout, 2 the user's stderr (moved to 4, as the bash launcher moves it; 2 becomes /dev/null), 3 status lines,
// 5 the lifeline when $5 = 1.
#include "launcher.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FIELDS_INLINE 4096
#define LONG_COMMAND 32768 // longer lines run from a script file, as in the bash launcher

const char *slot;
int copy;
static char **args; // this launcher's argv, for the hand-over to bash
static const char *skip;
static int mon;
static volatile pid_t running; // the running task's pid (its process group), read by the lifeline thread
static int io_fd = -1;
static pid_t parent;

static void on_pipe(int sig) {
  (void)sig;
  cleanup();
  _exit(141);
}

// The counters of /proc/self/io that pipe reports, in its order: rchar, wchar, syscr, syscw, read_bytes, write_bytes.
#define IO_COUNTERS 6
static long long io_start[IO_COUNTERS]; // the reading a task's I/O counts from
static int io_known;                    // io_start holds a reading

// Reads this process's /proc/self/io into `out`; false when it cannot be read. The kernel adds a reaped child's
// counters to its parent's, so the difference of two readings around a task is the task's I/O (and the few hundred
// bytes the launcher itself reads and writes between two tasks, as with the bash launcher).
static int io_reading(long long *out) {
  char buf[512];
  ssize_t n = io_fd < 0 ? -1 : pread(io_fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0;
  buf[n] = '\0';
  char *p = buf;
  for (int i = 0; i < IO_COUNTERS; i++) {
    p = strchr(p, ':');
    if (p == NULL) return 0;
    out[i] = strtoll(p + 1, &p, 10);
  }
  return 1;
}

// The lifeline: pipe never writes to fd 5, so it reads end of file only when pipe has died. The running task's
// process group then ends (TERM, KILL a second later), and so does the launcher.
static void *lifeline(void *unused) {
  (void)unused;
  char c;
  for (;;) {
    ssize_t n = read(5, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
  }
  pid_t pid = running;
  if (pid > 0) {
    kill(-pid, SIGTERM);
    sleep(1);
    kill(-pid, SIGKILL);
  }
  cleanup();
  _exit(0);
  return NULL;
}

// Reports a task that could not be started (a record it cannot read, a failed vfork) as ended with status 126.
static void refuse(const char *id, char *out, size_t size) {
  char t[32];
  now_text(t, sizeof t);
  int len = snprintf(out, size, "E\t%s\t126\t%s\t\n", id, t);
  write_all(3, out, (size_t)len);
}

// Hands this launcher over to the bash launcher, which runs `record` first and then reads on from fd 0.
static void hand_over(const char *record) {
  dup2(4, 2); // the bash launcher moves the user's stderr to fd 4 itself
  for (int fd = 3; fd <= 5; fd++) {
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC);
  }
  char *argv[] = {"bash", "-c", args[6], "pipe-launcher", args[1], args[2], args[3], args[4], args[5], (char *)record, NULL};
  execvp("bash", argv);
  _exit(126);
}


static char script_file[PATH_MAX]; // a long line's script, beside the slot file

// Fills the plan of a light task from its record's fields: words run without sh (X) or a line for sh -c (L), from
// a script file when it is long. False for an X record whose counts do not add up.
static int plan_task(char **f, int n, struct plan *p, char **sh_argv, int *script) {
  static char pwd_buf[PATH_MAX + 8], oldpwd_buf[PATH_MAX + 8];
  if (f[1][0] == 'X') {
    for (int i = 6; i < n; i++) decode(f[i]);
    int count = n < 8 ? -1 : atoi(f[6]);
    if (count < 0 || 7 + count >= n) return 0;
    p->env = task_env(exec_env, exec_count, f + 7, count, p->dir, pwd_buf, oldpwd_buf);
    char **words = f + 7 + count;
    const char *w = words[0];
    if (strcmp(w, "true") == 0 || strcmp(w, ":") == 0) p->builtin_status = 0;
    else if (strcmp(w, "false") == 0) p->builtin_status = 1;
    else p->argv = words;
    for (char **e = p->env; *e; e++)
      if (strncmp(*e, "PATH=", 5) == 0) p->path = *e + 5;
    return 1;
  }
  char *cmd = n > 6 ? f[6] : "";
  decode(cmd);
  p->env = task_env(base_env, base_count, NULL, 0, p->dir, pwd_buf, oldpwd_buf);
  sh_argv[0] = "/bin/sh";
  if (strlen(cmd) > LONG_COMMAND) {
    snprintf(script_file, sizeof script_file, "%s.sh", slot);
    int fd = open(script_file, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    size_t len = strlen(cmd);
    cmd[len] = '\n'; // the record's last field: its buffer has room for the terminating byte
    if (fd >= 0) write_all(fd, cmd, len + 1), close(fd);
    cmd[len] = '\0';
    sh_argv[1] = script_file;
    *script = 1;
  } else {
    sh_argv[1] = "-c";
    sh_argv[2] = cmd;
  }
  p->argv = sh_argv;
  return 1;
}

// Runs a planned task: starts it, reports the start, waits for it, then reports its figures and its end in one
// write (pipe wakes once). `f` holds the record's fields (id, kind, dir, errFile, done log, done line).
static void run_task(char **f, struct plan *p, int script, int *io_kept, char *out, size_t size) {
  const char *id = f[0];
  char t[32];
  now_text(t, sizeof t); // the start, before the vfork (which returns once the child has exec'd)
  pid_t pid = start(p);
  free(p->env);
  if (pid < 0) {
    refuse(id, out, size);
    return;
  }
  running = pid;
  setpgid(pid, pid);
  int len = snprintf(out, size, "S\t%s\t%d\t%s\n", id, (int)pid, t);
  write_all(3, out, (size_t)len);
  int status = 0;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  int st = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
  now_text(t, sizeof t);
  running = 0;
  // The figures, as numbers after the E line's fields: CPU ms, and the I/O counters' growth over the task.
  char figures[32 + IO_COUNTERS * 24] = "";
  if (mon) {
    long cpu_us = (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    int at = snprintf(figures, sizeof figures, "\t%ld", (cpu_us + 500) / 1000);
    long long end[IO_COUNTERS];
    int got = io_reading(end);
    for (int i = 0; got && io_known && i < IO_COUNTERS; i++)
      at += snprintf(figures + at, sizeof figures - (size_t)at, "\t%lld", end[i] - io_start[i]);
    if (got) memcpy(io_start, end, sizeof end); // the next task's I/O counts from here
    io_known = got;
  }
  if (script) unlink(script_file);
  int io_spent = 0;
  int ef = task_files(st, f[3], f[4], f[5], &io_spent);
  if (io_spent) *io_kept = 0;
  len = snprintf(out, size, "E\t%s\t%d\t%s\t%s%s\n", id, st, t, ef ? "1" : "", figures);
  write_all(3, out, (size_t)len);
}

// Handles one record (`rec`, split into `f`; `whole`, the record as read, for a hand-over). False when the launcher
// must end: pipe is gone.
static int run_record(char **f, int n, const char *whole, int *io_kept) {
  const char *id = f[0], *kind = n > 1 ? f[1] : "";
  char out[512 + strlen(id)]; // a status line: the id and numbers
  if (n < 6) {
    refuse(id, out, sizeof out); // a record pipe never sends: reported as a task that could not start
    return 1;
  }
  if (strcmp(kind, "L") != 0 && strcmp(kind, "X") != 0) hand_over(whole);
  if (getppid() != parent) return 0;
  char skip_file[PATH_MAX], t[32];
  snprintf(skip_file, sizeof skip_file, "%s%s", skip, id);
  if (access(skip_file, F_OK) == 0) {
    unlink(skip_file);
    *io_kept = 0;
    now_text(t, sizeof t);
    int len = snprintf(out, sizeof out, "E\t%s\t255\t%s\t\n", id, t);
    write_all(3, out, (size_t)len);
    return 1;
  }
  decode(f[2]);
  if (mon && !*io_kept) {
    io_known = io_reading(io_start);
    *io_kept = 1;
  }
  decode(f[3]);
  struct plan p = {.dir = strcmp(f[2], ".") == 0 ? NULL : f[2]};
  char *sh_argv[4] = {NULL, NULL, NULL, NULL};
  int script = 0;
  if (!plan_task(f, n, &p, sh_argv, &script)) refuse(id, out, sizeof out);
  else run_task(f, &p, script, io_kept, out, sizeof out);
  return 1;
}

// Sets the launcher up as the bash launcher sets itself up: descriptors, the PIPE trap, the tasks' environment, and
// the lifeline's watcher when asked for.
static void set_up(char **argv) {
  args = argv;
  slot = argv[1];
  copy = strcmp(argv[2], "1") == 0;
  skip = argv[3];
  mon = strcmp(argv[4], "1") == 0;
  parent = getppid();
  signal(SIGPIPE, on_pipe);
  // As the bash launcher's `exec 4>&2 2>/dev/null`: fd 4 is the user's stderr, the launcher's own goes nowhere.
  dup3(2, 4, O_CLOEXEC);
  int null = open("/dev/null", O_WRONLY);
  if (null >= 0 && null != 2) dup2(null, 2), close(null);
  for (int fd = 3; fd <= 5; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
  if (mon) io_fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
  setup_env();
  if (strcmp(argv[5], "1") == 0) {
    pthread_t watcher;
    pthread_create(&watcher, NULL, lifeline, NULL);
  }
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: pipe-launch SLOT COPY SKIP MEASURE LIFELINE SCRIPT\n");
    return 2;
  }
  set_up(argv);
  size_t size_cap = 1 << 16;
  char *rec = malloc(size_cap), *whole = malloc(size_cap);
  int cap = MAX_FIELDS_INLINE;
  char **f = malloc((size_t)cap * sizeof *f);
  int io_kept = 0;
  char head[9];
  // A record: its size in 8 digits, then that many bytes (protocol.ts); end of input ends the launcher.
  while (read_exact(0, head, 8) == 1) {
    head[8] = '\0';
    size_t size = strtoul(head, NULL, 10);
    if (size + 1 > size_cap) {
      while (size + 1 > size_cap) size_cap *= 2;
      rec = realloc(rec, size_cap);
      whole = realloc(whole, size_cap);
    }
    if (read_exact(0, rec, size) != 1) break;
    rec[size] = '\0';
    memcpy(whole, rec, size + 1);
    int n = split(rec, &f, &cap);
    if (n > 0 && !run_record(f, n, whole, &io_kept)) break;
  }
  cleanup();
  return 0;
}
