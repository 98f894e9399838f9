// Shared by the compiled launcher's files (launcher.c and the launcher-*.c beside it).
#ifndef PIPE_LAUNCHER_H
#define PIPE_LAUNCHER_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#define ERR_TAIL 65536 // a failed task's errFile keeps the last 64 KiB of its stderr

extern const char *slot; // the slot file: the running task's stderr
extern int copy;          // copy each task's stderr to the user's (fd 4)

// launcher-text.c: the records pipe sends and the lines the launcher writes.
int write_all(int fd, const char *buf, size_t len);
int read_exact(int fd, char *buf, size_t len);
void decode(char *s);
void now_text(char *buf, size_t size);
int split(char *rec, char ***fields, int *cap);

// launcher-files.c: what a task leaves behind, and the slot file's removal.
void cleanup(void);
int task_files(int st, const char *errf, char *dlog, char *dline, int *io_spent);

// launcher-env.c: the environment tasks get.
extern char **base_env, **exec_env;
extern size_t base_count, exec_count;
void setup_env(void);
char **task_env(char **from, size_t count, char **assignments, int n, const char *dir, char *pwd_buf,
                char *oldpwd_buf);

// launcher-exec.c: starting a task.
// What a task is given to run: its program and arguments, or a builtin's status, and its environment.
struct plan {
  char *const *argv; // the program's words, or NULL for a builtin (true, false, :)
  int builtin_status;
  char **env;
  const char *dir; // NULL: the launch dir
  const char *path; // PATH to search when argv[0] holds no slash
};
pid_t start(const struct plan *p);
#endif
