// The compiled launcher's environment for tasks, as the bash launcher gives it (see launcher.c).
#include "launcher.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

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

// The environment the launcher passes on, as the bash launcher's would be: PWD names the launch dir; `_` is left
// out (bash passes on whatever its `$_` holds at the time). `exec_env`, for programs run without sh, is the same
// without the shell functions bash was given (BASH_FUNC_*), which the X path unexports.
char **base_env, **exec_env;
size_t base_count, exec_count;
static char *pwd_entry; // "PWD=…" of the launch dir

void setup_env(void) {
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
char **task_env(char **from, size_t count, char **assignments, int n, const char *dir, char *pwd_buf,
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
