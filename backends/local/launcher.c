// pipe-launch: the compiled launcher of the local backend, built at install when a C compiler is present
// (scripts/build-launcher.ts). It speaks the bash launcher's protocol (protocol.ts) and keeps its semantics
// (launcher-script.ts) for light tasks, kinds L (a line for sh -c) and X (words run without sh), at a fraction of
// the cost per task: vfork and exec instead of a fork of bash, the task's CPU time from wait4, its I/O from one
// pread of the launcher's own /proc/self/io. The first work-dir or direct task (kinds W, D) hands the launcher
// over to bash: it execs the bash launcher with that record as its first, and bash reads on from the same pipe.
//
// Arguments: the bash launcher's own $1..$5 (slot file, copy stderr, skip prefix, measure, lifeline), then the bash
// launcher's script (last, so that `ps` shows the others first). fds as pipe starts it: 0 records, 1 the tasks'
// stdout, 2 the user's stderr (moved to 4, as the bash launcher moves it; 2 becomes /dev/null), 3 status lines,
// 5 the lifeline when $5 = 1.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_FIELDS_INLINE 4096
#define LONG_COMMAND 32768 // longer lines run from a script file, as in the bash launcher
#define ERR_TAIL 65536     // a failed task's errFile keeps the last 64 KiB of its stderr

static char **args;   // this launcher's argv, for the hand-over to bash
static const char *slot, *skip;
static int copy, mon;
static volatile pid_t running; // the running task's pid (its process group), read by the lifeline thread
static int io_fd = -1;
static pid_t parent;

// Removes the slot file and, once it is empty, the scratch dir that holds it (the bash launcher's EXIT trap).
static void cleanup(void) {
  if (unlink(slot) != 0) return;
  const char *cut = strrchr(slot, '/');
  if (cut == NULL) return;
  char dir[PATH_MAX];
  size_t n = (size_t)(cut - slot);
  if (n == 0 || n >= sizeof dir) return;
  memcpy(dir, slot, n);
  dir[n] = '\0';
  rmdir(dir);
}

static void on_pipe(int sig) {
  (void)sig;
  cleanup();
  _exit(141);
}

// Writes all of a buffer, retrying after interruptions; false on any other error.
static int write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    buf += n;
    len -= (size_t)n;
  }
  return 1;
}

// Reads exactly len bytes; 0 at end of input before the first byte, -1 on a short or failed read.
static int read_exact(int fd, char *buf, size_t len) {
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, buf + got, len - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return got == 0 ? 0 : -1;
    got += (size_t)n;
  }
  return 1;
}

// Decodes a field in place as bash's printf %b does for what protocol.ts escapes: \\, \n, \t and \xHH.
static void decode(char *s) {
  if (strchr(s, '\\') == NULL) return;
  char *out = s;
  for (char *p = s; *p;) {
    if (*p != '\\' || p[1] == '\0') {
      *out++ = *p++;
      continue;
    }
    char c = p[1];
    if (c == 'n') *out++ = '\n', p += 2;
    else if (c == 't') *out++ = '\t', p += 2;
    else if (c == '\\') *out++ = '\\', p += 2;
    else if (c == 'x') {
      int value = 0, digits = 0;
      p += 2;
      while (digits < 2) {
        char h = *p;
        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (d < 0) break;
        value = value * 16 + d;
        p++;
        digits++;
      }
      if (digits == 0) *out++ = '\\', *out++ = 'x';
      else *out++ = (char)value;
    } else *out++ = *p++;
  }
  *out = '\0';
}

// Epoch time as bash's $EPOCHREALTIME prints it: seconds.microseconds.
static void now_text(char *buf, size_t size) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  snprintf(buf, size, "%lld.%06ld", (long long)ts.tv_sec, ts.tv_nsec / 1000);
}

// This process's /proc/self/io as one line of words ("rchar: N wchar: N …"), as the bash launcher sends it.
static void io_reading(char *buf, size_t size) {
  ssize_t n = io_fd < 0 ? -1 : pread(io_fd, buf, size - 1, 0);
  if (n < 0) n = 0;
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ')) n--;
  buf[n] = '\0';
  for (char *p = buf; *p; p++)
    if (*p == '\n') *p = ' ';
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

// Sets NAME=VALUE in an environment array (replacing NAME's entry); env has room for one more entry.
static void env_set(char **env, size_t *count, char *entry) {
  size_t name = strcspn(entry, "=");
  for (size_t i = 0; i < *count; i++)
    if (strncmp(env[i], entry, name) == 0 && env[i][name] == '=') {
      env[i] = entry;
      return;
    }
  env[(*count)++] = entry;
  env[*count] = NULL;
}

// What a task is given to run: its program and arguments, or a builtin's status, and its environment.
struct plan {
  char *const *argv; // the program's words, or NULL for a builtin (true, false, :)
  int builtin_status;
  char **env;
  const char *dir; // NULL: the launch dir
  const char *path; // PATH to search when argv[0] holds no slash
};

// Execs the first word of argv as bash's `exec` would: directly when it holds a slash, else from PATH. Runs in
// the vfork child: no allocation.
static void exec_program(const struct plan *p) {
  const char *name = p->argv[0];
  int err = ENOENT;
  if (strchr(name, '/') != NULL) {
    execve(name, p->argv, p->env);
    err = errno;
  } else {
    char file[PATH_MAX];
    const char *dirs = p->path == NULL ? "/usr/local/bin:/usr/bin:/bin" : p->path;
    for (const char *d = dirs;; d++) {
      const char *end = strchrnul(d, ':');
      size_t n = (size_t)(end - d);
      if (n + 1 + strlen(name) + 1 <= sizeof file) {
        memcpy(file, n == 0 ? "." : d, n == 0 ? 1 : n);
        size_t at = n == 0 ? 1 : n;
        file[at] = '/';
        strcpy(file + at + 1, name);
        execve(file, p->argv, p->env);
        if (errno != ENOENT && errno != ENOTDIR) err = errno;
      }
      if (*end == '\0') break;
      d = end;
    }
  }
  dprintf(2, "pipe-launcher: exec: %s: %s\n", name, err == ENOENT ? "not found" : strerror(err));
  _exit(err == ENOENT ? 127 : 126);
}

// The task's process: its own process group, stdin /dev/null, stderr the slot file, then the program.
static pid_t start(const struct plan *p) {
  pid_t pid = vfork();
  if (pid != 0) return pid;
  setpgid(0, 0);
  int in = open("/dev/null", O_RDONLY);
  if (in >= 0 && in != 0) dup2(in, 0), close(in);
  int err = open(slot, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (err >= 0 && err != 2) dup2(err, 2), close(err);
  if (p->dir != NULL && chdir(p->dir) != 0) {
    dprintf(2, "pipe-launcher: cd: %s: %s\n", p->dir, strerror(errno));
    _exit(1);
  }
  if (p->argv == NULL) _exit(p->builtin_status);
  exec_program(p);
  return 0;
}

// Copies a file's bytes from `offset` to fd `out`; false when anything failed.
static int copy_file(const char *from, off_t offset, int out) {
  int in = open(from, O_RDONLY);
  if (in < 0) return 0;
  char buf[65536];
  int ok = lseek(in, offset, SEEK_SET) >= 0;
  for (ssize_t n; ok && (n = read(in, buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = 0;
    } else ok = write_all(out, buf, (size_t)n);
  }
  close(in);
  return ok;
}

// mkdir -p of the directory part of a path.
static int make_parents(const char *path) {
  char dir[PATH_MAX];
  const char *cut = strrchr(path, '/');
  if (cut == NULL) return 1;
  size_t n = (size_t)(cut - path);
  if (n >= sizeof dir) return 0;
  memcpy(dir, path, n);
  dir[n] = '\0';
  for (char *p = dir + 1;; p++) {
    if (*p == '/' || *p == '\0') {
      char c = *p;
      *p = '\0';
      if (dir[0] != '\0' && mkdir(dir, 0777) != 0 && errno != EEXIST) return 0;
      *p = c;
      if (c == '\0') break;
    }
  }
  return 1;
}

// What a light task leaves once it has ended (the bash launcher's task_files): its stderr copied to the user's,
// its last 64 KiB kept in errFile on failure, the done line on success. Returns whether errFile was written; sets
// *io_spent when the launcher read or wrote a task's output itself (its next I/O reading must be a fresh one).
static int task_files(int st, const char *errf, char *dlog, char *dline, int *io_spent) {
  int ef = 0;
  struct stat sb;
  if (stat(slot, &sb) == 0 && sb.st_size > 0) {
    *io_spent = 1;
    if (copy) copy_file(slot, 0, 4);
    if (st != 0 && strcmp(errf, "-") != 0 && strchr(errf, '/') != NULL && make_parents(errf)) {
      int out = open(errf, O_WRONLY | O_CREAT | O_TRUNC, 0666);
      if (out >= 0) {
        ef = copy_file(slot, sb.st_size > ERR_TAIL ? sb.st_size - ERR_TAIL : 0, out);
        ef = close(out) == 0 && ef;
      }
    }
  }
  if (st == 0 && strcmp(dlog, "-") != 0) {
    decode(dlog);
    decode(dline);
    int out = open(dlog, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (out >= 0) {
      size_t n = strlen(dline);
      char line[4096];
      if (n < sizeof line) { // one write, so that concurrent appends never interleave
        memcpy(line, dline, n);
        line[n] = '\n';
        write_all(out, line, n + 1);
      } else {
        struct iovec parts[] = {{dline, n}, {"\n", 1}};
        writev(out, parts, 2);
      }
      close(out);
    }
  }
  return ef;
}

// The environment the launcher passes on, as the bash launcher's would be: PWD names the launch dir; `_` is left
// out (bash passes on whatever its `$_` holds at the time). `exec_env`, for programs run without sh, is the same
// without the shell functions bash was given (BASH_FUNC_*), which the X path unexports.
static char **base_env, **exec_env;
static size_t base_count, exec_count;
static char *pwd_entry; // "PWD=…" of the launch dir

static void setup_env(void) {
  char cwd[PATH_MAX];
  const char *pwd = getenv("PWD");
  struct stat a, b;
  int keep = pwd != NULL && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
             a.st_ino == b.st_ino;
  if (!keep && getcwd(cwd, sizeof cwd) != NULL) pwd = cwd;
  size_t n = 0;
  while (environ[n] != NULL) n++;
  base_env = calloc(n + 2, sizeof *base_env);
  exec_env = calloc(n + 2, sizeof *exec_env);
  if (pwd != NULL) {
    pwd_entry = malloc(strlen(pwd) + 5);
    sprintf(pwd_entry, "PWD=%s", pwd);
  }
  for (size_t i = 0; i < n; i++) {
    if (strncmp(environ[i], "_=", 2) == 0) continue;
    base_env[base_count++] = environ[i];
    if (strncmp(environ[i], "BASH_FUNC_", 10) != 0) exec_env[exec_count++] = environ[i];
  }
  if (pwd_entry != NULL) {
    env_set(base_env, &base_count, pwd_entry);
    env_set(exec_env, &exec_count, pwd_entry);
  }
}

// A task's environment: `from` with the assignments, and PWD/OLDPWD as `cd dir` leaves them.
static char **task_env(char **from, size_t count, char **assignments, int n, const char *dir, char *pwd_buf,
                       char *oldpwd_buf) {
  char **env = malloc((count + (size_t)n + 3) * sizeof *env);
  memcpy(env, from, (count + 1) * sizeof *env);
  for (int i = 0; i < n; i++) env_set(env, &count, assignments[i]);
  if (dir != NULL) {
    snprintf(pwd_buf, PATH_MAX + 8, "PWD=%s", dir);
    snprintf(oldpwd_buf, PATH_MAX + 8, "OLDPWD=%s", pwd_entry == NULL ? "" : pwd_entry + 4);
    env_set(env, &count, pwd_buf);
    env_set(env, &count, oldpwd_buf);
  }
  return env;
}

// Splits a record at runs of tabs, as bash splits it with IFS set to a tab; returns the field count.
static int split(char *rec, char ***fields, int *cap) {
  int n = 0;
  for (char *p = rec; *p;) {
    while (*p == '\t') *p++ = '\0';
    if (*p == '\0') break;
    if (n == *cap) {
      *cap *= 2;
      *fields = realloc(*fields, (size_t)*cap * sizeof **fields);
    }
    (*fields)[n++] = p;
    while (*p && *p != '\t') p++;
  }
  if (n == *cap) *fields = realloc(*fields, (size_t)(*cap += 1) * sizeof **fields);
  (*fields)[n] = NULL; // words end there for execve
  return n;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: pipe-launch SLOT COPY SKIP MEASURE LIFELINE SCRIPT\n");
    return 2;
  }
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
  size_t size_cap = 1 << 16;
  char *rec = malloc(size_cap), *copy_of = malloc(size_cap);
  int cap = MAX_FIELDS_INLINE;
  char **f = malloc((size_t)cap * sizeof *f);
  int io_kept = 0;
  char head[9], start_io[512], end_io[512], t[32];
  static char pwd_buf[PATH_MAX + 8], oldpwd_buf[PATH_MAX + 8], script_file[PATH_MAX];
  for (;;) {
    if (read_exact(0, head, 8) != 1) break;
    head[8] = '\0';
    size_t size = strtoul(head, NULL, 10);
    if (size + 1 > size_cap) {
      while (size + 1 > size_cap) size_cap *= 2;
      rec = realloc(rec, size_cap);
      copy_of = realloc(copy_of, size_cap);
    }
    if (read_exact(0, rec, size) != 1) break;
    rec[size] = '\0';
    memcpy(copy_of, rec, size + 1);
    int n = split(rec, &f, &cap);
    if (n == 0) continue;
    const char *id = f[0], *kind = n > 1 ? f[1] : "";
    char out[2 * 512 + 256 + strlen(id)]; // a status line: the id, two readings, numbers
    if (n < 6) {
      refuse(id, out, sizeof out); // a record pipe never sends: reported as a task that could not start
      continue;
    }
    if (strcmp(kind, "L") != 0 && strcmp(kind, "X") != 0) hand_over(copy_of);
    if (getppid() != parent) break;
    char skip_file[PATH_MAX];
    snprintf(skip_file, sizeof skip_file, "%s%s", skip, id);
    if (access(skip_file, F_OK) == 0) {
      unlink(skip_file);
      io_kept = 0;
      now_text(t, sizeof t);
      int len = snprintf(out, sizeof out, "E\t%s\t255\t%s\t\n", id, t);
      write_all(3, out, (size_t)len);
      continue;
    }
    char *dir = f[2], *errf = f[3], *dlog = f[4], *dline = f[5];
    decode(dir);
    start_io[0] = '\0';
    if (mon && !io_kept) {
      start_io[0] = '\t';
      io_reading(start_io + 1, sizeof start_io - 1);
      io_kept = 1;
    }
    decode(errf);
    struct plan p = {.dir = strcmp(dir, ".") == 0 ? NULL : dir};
    char *sh_argv[4] = {"/bin/sh", NULL, NULL, NULL};
    int script = 0;
    if (kind[0] == 'X') {
      for (int i = 6; i < n; i++) decode(f[i]);
      int count = n < 8 ? -1 : atoi(f[6]);
      if (count < 0 || 7 + count >= n) {
        refuse(id, out, sizeof out);
        continue;
      }
      p.env = task_env(exec_env, exec_count, f + 7, count, p.dir, pwd_buf, oldpwd_buf);
      char **words = f + 7 + count;
      const char *w = words[0];
      if (strcmp(w, "true") == 0 || strcmp(w, ":") == 0) p.builtin_status = 0;
      else if (strcmp(w, "false") == 0) p.builtin_status = 1;
      else p.argv = words;
      for (char **e = p.env; *e; e++)
        if (strncmp(*e, "PATH=", 5) == 0) p.path = *e + 5;
    } else {
      char *cmd = n > 6 ? f[6] : "";
      decode(cmd);
      p.env = task_env(base_env, base_count, NULL, 0, p.dir, pwd_buf, oldpwd_buf);
      if (strlen(cmd) > LONG_COMMAND) {
        snprintf(script_file, sizeof script_file, "%s.sh", slot);
        int fd = open(script_file, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        size_t len = strlen(cmd);
        cmd[len] = '\n';
        if (fd >= 0) write_all(fd, cmd, len + 1), close(fd);
        cmd[len] = '\0';
        sh_argv[1] = script_file;
        script = 1;
      } else {
        sh_argv[1] = "-c";
        sh_argv[2] = cmd;
      }
      p.argv = sh_argv;
    }
    pid_t pid = start(&p);
    free(p.env);
    if (pid < 0) {
      refuse(id, out, sizeof out);
      continue;
    }
    running = pid;
    setpgid(pid, pid);
    now_text(t, sizeof t);
    int len = snprintf(out, sizeof out, "S\t%s\t%d\t%s%s\n", id, (int)pid, t, start_io);
    write_all(3, out, (size_t)len);
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    int st = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
    now_text(t, sizeof t);
    running = 0;
    len = 0;
    if (mon) {
      io_reading(end_io, sizeof end_io);
      len = snprintf(out, sizeof out, "R\t%s\t%ld.%03ld\t%ld.%03ld\t%s\n", id, (long)ru.ru_utime.tv_sec,
                     (long)ru.ru_utime.tv_usec / 1000, (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec / 1000,
                     end_io);
    }
    if (script) unlink(script_file);
    int io_spent = 0;
    int ef = task_files(st, errf, dlog, dline, &io_spent);
    if (io_spent) io_kept = 0;
    len += snprintf(out + len, sizeof out - (size_t)len, "E\t%s\t%d\t%s\t%s\n", id, st, t, ef ? "1" : "");
    write_all(3, out, (size_t)len);
  }
  cleanup();
  return 0;
}
