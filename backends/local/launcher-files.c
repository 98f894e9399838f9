// The compiled launcher's files: what a light task leaves once it has ended, and the slot file (see launcher.c).
#include "launcher.h"
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

// Removes the slot file and, once it is empty, the scratch dir that holds it (the bash launcher's EXIT trap).
void cleanup(void) {
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
int task_files(int st, const char *errf, char *dlog, char *dline, int *io_spent) {
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
