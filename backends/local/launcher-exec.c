// The compiled launcher's task processes: a vfork, the task's process group and descriptors, then its program
// (see launcher.c).
#include "launcher.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
pid_t start(const struct plan *p) {
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
